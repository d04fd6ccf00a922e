/**
 * Random and low-rank coupling matrices for rate networks.
 *
 * All matrices are row-major Float64Arrays of length N², J[i*N + j] = J_ij
 * (the weight from neuron j onto neuron i).
 */
import { RnnlabError, badArgument, requireFinite, requireInt } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { requireAllocation, requireFiniteResult } from "../core/options";
import { requireConfig, requireNumberArray } from "../core/argChecks";

/** Configuration of a random Gaussian coupling matrix. */
export interface RandomCouplingConfig {
  /** Number of neurons N (≥ 1). */
  n: number;
  /** Gain g ≥ 0: J_ij ~ N(0, g²/N), so the spectrum fills the disc of radius g. */
  g: number;
  /**
   * Fraction of nonzero entries, in (0, 1] (default 1). Nonzero entries have
   * variance g²/(N·density), which keeps the radius g. Needs N·density ≥ 1.
   */
  density?: number;
  /** Random generator (default: the shared `defaultRng`). */
  rng?: Rng;
}

/**
 * A random coupling matrix with independent entries J_ij ~ N(0, g²/N)
 * (Sompolinsky, Crisanti & Sommers 1988). Its eigenvalues fill the disc of
 * radius g uniformly as N → ∞ (the circular law).
 *
 * @returns row-major N×N Float64Array
 * @example const J = randomCoupling({ n: 500, g: 1.5, rng: new Rng(1) });
 */
export function randomCoupling(config: RandomCouplingConfig): Float64Array {
  requireConfig("randomCoupling", config, ["n", "g", "density", "rng"], "an object {n, g, density?, rng?}");
  const where = "randomCoupling";
  const n = requireInt(where, "n", config.n, 1);
  const g = requireFinite(where, "g", config.g, 0);
  const density = config.density ?? 1;
  requireFinite(where, "density", density, 0, 1);
  if (density <= 0) badArgument(where, "density", "a number in (0, 1]", density);
  if (n * density < 1) {
    badArgument(where, "density", `at least 1/n = ${1 / n} (n·density ≥ 1: on average one input per neuron)`, density);
  }
  requireAllocation(where, "n", n * n);
  const rng = rngOrDefault(config.rng, where);
  const j = new Float64Array(n * n);
  const std = g / Math.sqrt(n * density);
  if (density === 1) {
    for (let i = 0; i < n * n; i++) j[i] = std * rng.normal();
  } else {
    for (let i = 0; i < n * n; i++) if (rng.random() < density) j[i] = std * rng.normal();
  }
  return j;
}

/** Checks a list of r vectors of length n; returns r. */
function requireVectors(where: string, name: string, vectors: unknown, n: number): number {
  if (!Array.isArray(vectors)) badArgument(where, name, "an array of Float64Array vectors", vectors);
  const list = vectors as unknown[];
  if (list.length < 1 || list.length > n) {
    badArgument(where, `${name}.length (the rank r)`, `an integer in [1, n = ${n}]`, list.length);
  }
  list.forEach((v, k) => {
    if (!ArrayBuffer.isView(v) && !Array.isArray(v)) badArgument(where, `${name}[${k}]`, `a vector of length n = ${n}`, v);
    const arr = v as ArrayLike<number>;
    if (arr.length !== n) badArgument(where, `${name}[${k}]`, `a vector of length n = ${n}`, v);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(arr[i])) throw new RnnlabError(`${where}: ${name}[${k}] must be finite everywhere, got ${arr[i]} at index ${i}`);
    }
  });
  return list.length;
}

/**
 * The rank-r matrix P = Σ_μ m_μ n_μᵀ / N (row-major N×N).
 *
 * @param mVectors r output directions m_μ, each of length N
 * @param nVectors r input-selection vectors n_μ, each of length N
 * @param n N
 */
export function lowRankMatrix(mVectors: ArrayLike<number>[], nVectors: ArrayLike<number>[], n: number): Float64Array {
  const where = "lowRankMatrix";
  requireInt(where, "n", n, 1);
  const r = requireVectors(where, "mVectors", mVectors, n);
  const r2 = requireVectors(where, "nVectors", nVectors, n);
  if (r !== r2) badArgument(where, "nVectors.length", `equal to mVectors.length = ${r} (one n_μ per m_μ)`, r2);
  const p = new Float64Array(n * n);
  for (let mu = 0; mu < r; mu++) {
    const m = mVectors[mu];
    const v = nVectors[mu];
    for (let i = 0; i < n; i++) {
      const mi = m[i] / n;
      const row = i * n;
      for (let j = 0; j < n; j++) p[row + j] += mi * v[j];
    }
  }
  return p;
}

/** A pair of vectors m, n of length N whose overlap nᵀm/N is set. */
export interface StructuredVectors {
  /** Output direction m, entries ~ N(0, 1). */
  m: Float64Array;
  /** Input-selection vector n = overlap·m/(|m|²/N) + (independent Gaussian part)·noise. */
  n: Float64Array;
  /** The exact overlap nᵀm/N of the returned vectors: the predicted outlier eigenvalue. */
  overlap: number;
}

/**
 * Gaussian vectors m, n with nᵀm/N equal to `overlap` exactly: n is the part
 * along m that gives the overlap plus an independent Gaussian part of standard
 * deviation `noise` made orthogonal to m.
 *
 * @param config.n N; config.overlap target nᵀm/N; config.noise std of the part of n orthogonal to m (default 1)
 */
export function structuredVectors(config: { n: number; overlap: number; noise?: number; rng?: Rng }): StructuredVectors {
  const where = "structuredVectors";
  requireConfig(where, config, ["n", "overlap", "noise", "rng"], "an object {n, overlap, noise?, rng?}");
  const n = requireInt(where, "n", config.n, 2);
  const overlap = requireFinite(where, "overlap", config.overlap);
  const noise = requireFinite(where, "noise", config.noise ?? 1, 0);
  requireAllocation(where, "n", 3 * n);
  const rng = rngOrDefault(config.rng, where);
  const m = rng.normalArray(n);
  const z = rng.normalArray(n);
  let mm = 0;
  let zm = 0;
  for (let i = 0; i < n; i++) {
    mm += m[i] * m[i];
    zm += z[i] * m[i];
  }
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = (overlap * n * m[i]) / mm + noise * (z[i] - (zm / mm) * m[i]);
  let check = 0;
  for (let i = 0; i < n; i++) check += v[i] * m[i];
  requireFiniteResult(where, "n", v, "overlap or noise too large");
  const achieved = check / n;
  if (!Number.isFinite(achieved)) throw new RnnlabError(`${where}: the overlap became ${achieved}; likely cause: overlap or noise too large`);
  return { m, n: v, overlap: achieved };
}

/** A + B for two row-major N×N matrices (new array). */
export function addMatrices(a: Float64Array, b: Float64Array): Float64Array {
  requireNumberArray("addMatrices", "a", a);
  requireNumberArray("addMatrices", "b", b);
  if (a.length !== b.length) badArgument("addMatrices", "b", `a matrix of the same length as a (${a.length})`, b);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
  requireFiniteResult("addMatrices", "a + b", out, "entries of a and b too large (their sum overflows)");
  return out;
}
