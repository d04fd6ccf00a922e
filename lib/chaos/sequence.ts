/**
 * A low-rank network that walks through a chosen sequence of states.
 *
 * With patterns ξ¹ … ξʳ (Gaussian, length N) and strength s,
 *
 *   J = (s/N) [ Σ_{μ<r} ξ^{μ+1} ξ^{μᵀ}  −  ξ¹ ξ^{rᵀ} ],
 *
 * activity along ξ^μ drives ξ^{μ+1}: the overlap κ_μ = ξ^{μᵀ} tanh(h)/N of the
 * current pattern feeds the next. The minus sign closes the loop
 * anti-periodically, so the nonzero eigenvalues are s·e^{iπ(2q+1)/r} — complex,
 * with no real positive mode that would freeze all patterns at once — and the
 * state visits ξ¹ → ξ² → … → ξʳ → −ξ¹ → … → −ξʳ → ξ¹ (a cycle of 2r states).
 * For r = 2 this is a rank-2 rotation, eigenvalues ±is.
 */
import { badArgument, requireFinite, requireInt } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { requireConfig, requireNumberArray } from "../core/argChecks";
import { requireAllocation } from "../core/options";
import { lowRankMatrix } from "./coupling";

/** A sequence-producing coupling and its ingredients. */
export interface SequenceNetwork {
  /** Coupling J, row-major N×N (rank r). */
  j: Float64Array;
  /** The patterns ξ^μ, r vectors of length N. */
  patterns: Float64Array[];
  /** Output vectors m_μ = s·ξ^{μ+1} (and −s·ξ¹ for the last). */
  mVectors: Float64Array[];
  /** Input vectors n_μ = ξ^μ. */
  nVectors: Float64Array[];
}

/**
 * Builds the anti-periodic sequence coupling for r random Gaussian patterns.
 *
 * @param config.n N; config.rank r (2 ≤ r ≤ N); config.strength s > 0 (default 2)
 */
export function sequenceNetwork(config: { n: number; rank: number; strength?: number; rng?: Rng }): SequenceNetwork {
  const where = "sequenceNetwork";
  requireConfig(where, config, ["n", "rank", "strength", "rng"], "an object {n, rank, strength?, rng?}");
  const n = requireInt(where, "n", config.n, 2);
  const r = requireInt(where, "rank", config.rank, 2);
  if (r > n) badArgument(where, "rank", `an integer in [2, n = ${n}]`, r);
  const s = requireFinite(where, "strength", config.strength ?? 2);
  if (s <= 0) badArgument(where, "strength", "a finite number > 0", s);
  requireAllocation(where, "n", n * n + 3 * r * n);
  const rng = rngOrDefault(config.rng, where);
  const patterns = Array.from({ length: r }, () => rng.normalArray(n));
  const mVectors = patterns.map((_, mu) => {
    const next = patterns[(mu + 1) % r];
    const sign = mu === r - 1 ? -1 : 1;
    return next.map((x) => sign * s * x);
  });
  const nVectors = patterns.map((p) => Float64Array.from(p));
  return { j: lowRankMatrix(mVectors, nVectors, n), patterns, mVectors, nVectors };
}

/**
 * For overlaps recorded as [T, r] row-major, the index of the pattern with the
 * largest |κ| at each time and its sign: the visited state ±ξ^μ (as +μ+1 or −(μ+1)).
 */
export function dominantPattern(overlaps: Float64Array, r: number): number[] {
  requireInt("dominantPattern", "r", r, 1);
  requireNumberArray("dominantPattern", "overlaps", overlaps, { minLength: 1 });
  if (overlaps.length % r !== 0) badArgument("dominantPattern", "overlaps", `a Float64Array of length T·r (r = ${r})`, overlaps);
  const T = overlaps.length / r;
  const out: number[] = [];
  for (let t = 0; t < T; t++) {
    let best = 0;
    for (let mu = 1; mu < r; mu++) if (Math.abs(overlaps[t * r + mu]) > Math.abs(overlaps[t * r + best])) best = mu;
    out.push(overlaps[t * r + best] >= 0 ? best + 1 : -(best + 1));
  }
  return out;
}

/** The distinct consecutive entries of a sequence: [1,1,2,2,2,-1] → [1,2,-1]. */
export function visitOrder(states: number[]): number[] {
  requireNumberArray("visitOrder", "states", states);
  const out: number[] = [];
  for (const s of states) if (out.length === 0 || out[out.length - 1] !== s) out.push(s);
  return out;
}
