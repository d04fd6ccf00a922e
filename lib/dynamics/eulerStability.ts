/**
 * Forward-Euler stability and its twin, the exploding gradient.
 *
 * The cooling law dy/dt = −k y (k > 0) has the exact solution y(t) = y0 e^{−k t}: it always decays.
 * Forward Euler with step Δt gives y_{n+1} = (1 − kΔt) y_n, so y_n = (1 − kΔt)^n y0 and the
 * amplification factor per step is |1 − kΔt|:
 *   kΔt < 1      → 0 ≤ 1 − kΔt < 1: monotone decay (stable)
 *   1 < kΔt < 2  → −1 < 1 − kΔt < 0: decay with alternating sign (oscillating, still stable)
 *   kΔt > 2      → |1 − kΔt| > 1: the numbers grow without bound (exploding)
 * A linear RNN h_t = a h_{t−1} has ∂h_T/∂h_t = a^{T−t}: with a = 1 − kΔt the backpropagated
 * gradient norm is the same power |a|^{T−t}.
 */
import { RnnlabError, badArgument, requireFinite, requirePositive } from "../core/errors";
import { requireNumberArray } from "../core/argChecks";
import { MAX_DIMENSION, requireFiniteResult, requireIntInRange } from "../core/options";

/** The per-step amplification factor |1 − kΔt| of forward Euler on dy/dt = −k y. */
export function eulerAmplification(k: number, dt: number): number {
  requirePositive("eulerAmplification", "k", k);
  requirePositive("eulerAmplification", "dt", dt);
  return Math.abs(1 - k * dt);
}

/** The qualitative regime of forward Euler on the cooling law at step Δt. */
export type EulerRegime = "stable" | "oscillating" | "neutral" | "exploding";

/**
 * "stable" for kΔt < 1 (monotone decay; kΔt = 1 jumps to 0 in one step and counts as stable),
 * "oscillating" for 1 < kΔt < 2, "neutral" at kΔt = 2 (|factor| = 1), "exploding" for kΔt > 2.
 */
export function eulerRegime(k: number, dt: number): EulerRegime {
  requirePositive("eulerRegime", "k", k);
  requirePositive("eulerRegime", "dt", dt);
  const r = k * dt;
  if (r <= 1) return "stable";
  if (r < 2) return "oscillating";
  if (r === 2) return "neutral";
  return "exploding";
}

/** The result of stepping the cooling law. */
export interface CoolingTrajectory {
  /** Times t_n = n Δt, n = 0..steps. */
  t: Float64Array;
  /** Forward-Euler values y_n. */
  euler: Float64Array;
  /** Exact values y0 e^{−k t_n}. */
  exact: Float64Array;
}

/** Steps dy/dt = −k y from y0 with forward Euler for `steps` steps of size Δt, beside the exact solution. */
export function coolingEuler(k: number, dt: number, steps: number, y0 = 1): CoolingTrajectory {
  const where = "coolingEuler";
  requirePositive(where, "k", k);
  requirePositive(where, "dt", dt);
  requireIntInRange(where, "steps", steps, 1, MAX_DIMENSION);
  requireFinite(where, "y0", y0);
  const t = new Float64Array(steps + 1);
  const euler = new Float64Array(steps + 1);
  const exact = new Float64Array(steps + 1);
  euler[0] = y0;
  exact[0] = y0;
  for (let n = 1; n <= steps; n++) {
    t[n] = n * dt;
    euler[n] = (1 - k * dt) * euler[n - 1];
    exact[n] = y0 * Math.exp(-k * t[n]);
  }
  requireFiniteResult(where, "the Euler trajectory", euler, `the step dt = ${dt} is too large for k = ${k} (|1 − k·dt|^steps overflows), or y0 too large`);
  return { t, euler, exact };
}

/**
 * Gradient norms of the scalar linear RNN h_t = a h_{t−1} (+ input), loss at the last step T:
 * returns |∂h_T/∂h_t| = |a|^{T−t} for t = T, T−1, ..., 0 computed by backpropagating
 * step by step (g_{t−1} = a g_t, g_T = 1), i.e. element s is the norm after s backward steps.
 */
export function linearRnnGradientNorms(a: number, T: number): Float64Array {
  requireFinite("linearRnnGradientNorms", "a", a);
  requireIntInRange("linearRnnGradientNorms", "T", T, 0, MAX_DIMENSION);
  const out = new Float64Array(T + 1);
  let g = 1;
  out[0] = 1;
  for (let s = 1; s <= T; s++) {
    g *= a; // one step of BPTT: ∂h_t/∂h_{t−1} = a
    out[s] = Math.abs(g);
    if (!Number.isFinite(out[s])) {
      throw new RnnlabError(`linearRnnGradientNorms: the gradient norm |a|^s became ${out[s]} at s = ${s}; likely cause: |a| = ${Math.abs(a)} is too large for T = ${T} steps`);
    }
  }
  return out;
}

/**
 * The largest Δt for which forward Euler on τ dh/dt = −h + W h (a linear rate network) is stable,
 * given the eigenvalues λ of W: every 1 − (Δt/τ)(1 − λ) must lie in the unit disc. Returns
 * Infinity when no eigenvalue limits the step, 0 when some mode is unstable for the ODE itself.
 */
export function eulerStableStep(re: ArrayLike<number>, im: ArrayLike<number>, tau = 1): number {
  requireNumberArray("eulerStableStep", "re", re);
  requireNumberArray("eulerStableStep", "im", im);
  if (re.length !== im.length) badArgument("eulerStableStep", "im", `an array of the same length as re (${re.length})`, im);
  requirePositive("eulerStableStep", "tau", tau);
  let best = Infinity;
  for (let i = 0; i < re.length; i++) {
    // μ = 1 − λ; |1 − α μ|² < 1 ⇔ α < 2 Re μ / |μ|²
    const mr = 1 - re[i];
    const mi = -im[i];
    if (mr <= 0) return 0;
    best = Math.min(best, (2 * mr) / (mr * mr + mi * mi));
  }
  return best * tau;
}
