/**
 * Lyapunov exponents of the random rate network by the tangent-space method
 * with periodic re-orthonormalisation (Benettin et al. 1980).
 *
 * Along a trajectory of the Euler map h ↦ F(h) = h + Δt(−h + J tanh(h)), a small
 * perturbation δ evolves with the Jacobian DF(h) = (1 − Δt) I + Δt J diag(φ'(h)):
 *
 *   δ(t+Δt) = (1 − Δt) δ(t) + Δt J (φ'(h(t)) ⊙ δ(t)),   φ'(h) = 1 − tanh²(h).
 *
 * Its norm grows like e^{λ_max t}. Every `renormEvery` steps we add log‖δ‖ to a
 * sum and rescale δ to unit length (so it never overflows); λ_max = sum / time.
 * For k exponents, k perturbations are re-orthonormalised by Gram–Schmidt
 * (a QR step) and the logs of the diagonal of R are summed.
 * λ < 0: nearby trajectories converge (stable); λ > 0: they separate (chaos).
 * Exponents are per unit time τ.
 *
 * For N ≥ 64 the products J tanh(h) and J (φ'(h) ⊙ δ_q) of a step are one call of the kernel
 * layer's resident SIMD product (`multiplyAccumulateMany`, float64, equal to the loops to rounding).
 */
import { badArgument, requireInt, requirePositive } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { requireCoupling, requireState } from "./checks";
import { randomCoupling } from "./coupling";
import { leakyEulerStep, residentMatVecIfFaster } from "../kernels";
import { requireConfig } from "../core/argChecks";

/** Configuration of a Lyapunov computation. */
export interface LyapunovConfig {
  /** Coupling matrix, row-major N×N. */
  j: Float64Array;
  /** Number of neurons N. */
  n: number;
  /** Steps over which the exponent is averaged (after the transient). */
  steps: number;
  /** Euler step Δt in units of τ (default 0.1). */
  dt?: number;
  /** Steps run first, to reach the attractor and align δ (default steps/4). */
  transientSteps?: number;
  /** Steps between re-orthonormalisations (default 10). */
  renormEvery?: number;
  /** Initial state (default N(0,1) entries from rng). */
  h0?: Float64Array;
  /** Random generator (default: the shared `defaultRng`). */
  rng?: Rng;
  /**
   * Initial perturbations δ_1 … δ_k, stored one after the other (length k·N; default N(0,1)
   * entries from rng). They are orthonormalised before the first step (no log counted).
   */
  perturbations0?: Float64Array;
}

/** The largest exponent and how its running estimate converged. */
export interface LyapunovResult {
  /** λ_max per unit time. */
  exponent: number;
  /** Running estimate after each renormalisation. */
  running: Float64Array;
  /** Times of the running estimates. */
  times: Float64Array;
}

/**
 * The largest Lyapunov exponent of dh/dt = −h + J tanh(h) (Euler, step Δt).
 *
 * @example largestLyapunovExponent({ j: randomCoupling({ n: 300, g: 1.5 }), n: 300, steps: 3000 }).exponent
 */
export function largestLyapunovExponent(config: LyapunovConfig): LyapunovResult {
  requireConfig("largestLyapunovExponent", config, ["j", "n", "steps", "dt", "transientSteps", "renormEvery", "h0", "rng", "perturbations0"], "an object {j, n, steps, dt?, ...}");
  const { exponents, running, times } = lyapunovCore("largestLyapunovExponent", config, 1);
  return { exponent: exponents[0], running, times };
}

/**
 * The k largest Lyapunov exponents (descending), by evolving k perturbations
 * and re-orthonormalising them (QR by modified Gram–Schmidt).
 */
export function lyapunovSpectrum(config: LyapunovConfig & { count: number }): Float64Array {
  requireConfig("lyapunovSpectrum", config, ["j", "n", "steps", "dt", "transientSteps", "renormEvery", "h0", "rng", "count", "perturbations0"], "an object {j, n, steps, count, dt?, ...}");
  const n = requireCoupling("lyapunovSpectrum", config.j, config.n);
  const count = requireInt("lyapunovSpectrum", "count", config.count, 1);
  if (count > n) badArgument("lyapunovSpectrum", "count", `an integer in [1, n = ${n}]`, count);
  return lyapunovCore("lyapunovSpectrum", config, count).exponents;
}

function lyapunovCore(where: string, config: LyapunovConfig, k: number): { exponents: Float64Array; running: Float64Array; times: Float64Array } {
  const n = requireCoupling(where, config.j, config.n);
  const steps = requireInt(where, "steps", config.steps, 1);
  const dt = requirePositive(where, "dt", config.dt ?? 0.1);
  const transient = requireInt(where, "transientSteps", config.transientSteps ?? Math.floor(steps / 4), 0);
  const every = requireInt(where, "renormEvery", config.renormEvery ?? 10, 1);
  const rng = rngOrDefault(config.rng);
  const j = config.j;
  const h = config.h0 !== undefined ? Float64Array.from(requireState(where, "h0", config.h0, n)) : rng.normalArray(n);
  // k tangent vectors stored contiguously: d[q*n + i].
  if (config.perturbations0 !== undefined && (!(config.perturbations0 instanceof Float64Array) || config.perturbations0.length !== k * n)) {
    badArgument(where, "perturbations0", `a Float64Array of length count·n = ${k}·${n} = ${k * n} (the initial perturbations one after another)`, config.perturbations0);
  }
  const d = config.perturbations0 !== undefined ? Float64Array.from(requireState(where, "perturbations0", config.perturbations0, k * n)) : rng.normalArray(k * n);
  const dNext = new Float64Array(k * n);
  // [r; u_0; …; u_{k−1}] contiguous, so the resident product takes them in one call
  const ru = new Float64Array((k + 1) * n);
  const r = ru.subarray(0, n); // tanh(h)
  const u = ru.subarray(n); // u_q = φ'(h) ⊙ δ_q
  const hNext = new Float64Array(n);
  const sums = new Float64Array(k);
  orthonormalise(d, n, k, null);
  const nRenorm = Math.floor(steps / every);
  const running = new Float64Array(nRenorm);
  const times = new Float64Array(nRenorm);
  let renorms = 0;
  const mv = residentMatVecIfFaster(j, n, n, transient + steps);
  const products = mv ? new Float64Array((k + 1) * n) : null; // [J r; J u_0; …]
  try {
    for (let step = 1; step <= transient + steps; step++) {
      for (let i = 0; i < n; i++) {
        const t = Math.tanh(h[i]);
        r[i] = t;
        const slope = 1 - t * t;
        for (let q = 0; q < k; q++) u[q * n + i] = slope * d[q * n + i];
      }
      if (mv && products) {
        // J times the state and all k perturbations in one kernel call
        products.fill(0);
        mv.multiplyAccumulateMany(products, ru, k + 1);
        // the kernels' Euler update for the state and, being linear, for every perturbation
        hNext.set(h);
        leakyEulerStep(hNext, products, dt, n);
        dNext.set(d);
        leakyEulerStep(dNext, products.subarray(n), dt, k * n);
      } else {
        fusedTangentStep(j, n, k, h, d, r, u, hNext, dNext, dt);
      }
      h.set(hNext);
      d.set(dNext);
      if (step % every === 0) {
        const counting = step > transient;
        orthonormalise(d, n, k, counting ? sums : null);
        if (counting && renorms < nRenorm) {
          const elapsed = (step - transient) * dt;
          running[renorms] = sums[0] / elapsed;
          times[renorms] = elapsed;
          renorms++;
        }
      }
    }
  } finally {
    mv?.dispose();
  }
  const total = Math.floor(steps / every) * every * dt;
  const exponents = new Float64Array(k);
  for (let q = 0; q < k; q++) exponents[q] = sums[q] / total;
  return { exponents, running, times };
}

/**
 * One Euler step of the state and the k tangent vectors with plain loops: one pass over J for
 * the state (r = tanh h) and all k perturbations (u_q = φ'(h) ⊙ δ_q); writes hNext and dNext.
 */
function fusedTangentStep(j: Float64Array, n: number, k: number, h: Float64Array, d: Float64Array, r: Float64Array, u: Float64Array, hNext: Float64Array, dNext: Float64Array, dt: number): void {
  const decay = 1 - dt;
  // One pass over J for the state and all k perturbations.
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let a = 0;
    if (k === 1) {
      let b = 0;
      let a1 = 0;
      let b1 = 0;
      let c = 0;
      for (; c + 1 < n; c += 2) {
        const j0 = j[row + c];
        const j1 = j[row + c + 1];
        a += j0 * r[c];
        b += j0 * u[c];
        a1 += j1 * r[c + 1];
        b1 += j1 * u[c + 1];
      }
      if (c < n) {
        a += j[row + c] * r[c];
        b += j[row + c] * u[c];
      }
      a += a1;
      dNext[i] = decay * d[i] + dt * (b + b1);
    } else {
      for (let c = 0; c < n; c++) a += j[row + c] * r[c];
      for (let q = 0; q < k; q++) {
        const off = q * n;
        let b = 0;
        for (let c = 0; c < n; c++) b += j[row + c] * u[off + c];
        dNext[off + i] = decay * d[off + i] + dt * b;
      }
    }
    hNext[i] = decay * h[i] + dt * a;
  }
}

/** Modified Gram–Schmidt on k vectors of length n in place; adds log R_qq to sums. */
function orthonormalise(d: Float64Array, n: number, k: number, sums: Float64Array | null): void {
  for (let q = 0; q < k; q++) {
    const oq = q * n;
    for (let p = 0; p < q; p++) {
      const op = p * n;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += d[op + i] * d[oq + i];
      for (let i = 0; i < n; i++) d[oq + i] -= dot * d[op + i];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += d[oq + i] * d[oq + i];
    norm = Math.sqrt(norm);
    if (sums !== null) sums[q] += Math.log(norm);
    const inv = norm > 0 ? 1 / norm : 0;
    for (let i = 0; i < n; i++) d[oq + i] *= inv;
  }
}

/** One row of a sweep of λ_max against g. */
export interface LyapunovSweepResult {
  /** Gains g. */
  gains: number[];
  /** λ_max at each gain. */
  exponents: number[];
  /**
   * The exponent of the quiescent fixed point h = 0, g − 1 (the largest real part
   * of an eigenvalue of −I + gχ for large N). It is the attractor's exponent
   * for g < 1; for g > 1 that fixed point is unstable and the chaotic
   * attractor has its own, smaller, positive exponent.
   */
  linearPrediction: number[];
}

/**
 * λ_max against the gain g for J = g·χ with one fixed random χ (χ_ij ~ N(0, 1/N)),
 * so that the curve is smooth in g (common random numbers).
 */
export function lyapunovSweep(config: { n: number; gains: number[]; steps: number; dt?: number; transientSteps?: number; rng?: Rng }): LyapunovSweepResult {
  const where = "lyapunovSweep";
  requireConfig(where, config, ["n", "gains", "steps", "dt", "transientSteps", "rng"], "an object {n, gains, steps, dt?, transientSteps?, rng?}");
  const n = requireInt(where, "n", config.n, 1);
  const gains = config.gains;
  if (!Array.isArray(gains) || gains.length === 0) badArgument(where, "gains", "a non-empty array of gains", gains);
  gains.forEach((g, i) => requirePositive(where, `gains[${i}]`, g));
  const rng = rngOrDefault(config.rng);
  const chi = randomCoupling({ n, g: 1, rng });
  const h0 = rng.normalArray(n);
  const j = new Float64Array(n * n);
  const exponents: number[] = [];
  for (const g of gains) {
    for (let i = 0; i < n * n; i++) j[i] = g * chi[i];
    exponents.push(
      largestLyapunovExponent({ j, n, steps: config.steps, dt: config.dt, transientSteps: config.transientSteps, h0, rng: new Rng(1) }).exponent,
    );
  }
  return { gains: [...gains], exponents, linearPrediction: gains.map((g) => g - 1) };
}
