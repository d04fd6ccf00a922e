/**
 * Autocorrelation of network activity, averaged over recorded neurons:
 *
 *   C(τ) = (1/k) Σ_i (1/(T−τ)) Σ_t h_i(t) h_i(t+τ),
 *
 * the quantity Δ(τ) of the mean-field theory of Sompolinsky, Crisanti & Sommers
 * (no mean is subtracted: the mean activity is zero by symmetry). Normalised,
 * C(τ)/C(0) starts at 1 and decays over the correlation time.
 */
import { RnnlabError, badArgument, requireInt } from "../core/errors";
import { requireNumberArray } from "../core/argChecks";

/**
 * Population-averaged autocorrelation of traces recorded as [T, k] row-major.
 *
 * @param traces h_i(t) for k neurons, traces[t*k + i]
 * @param k number of neurons (columns)
 * @param maxLag largest lag in samples (< T)
 * @param normalize divide by C(0) (default true)
 * @returns Float64Array of length maxLag + 1: C(0), C(1), …
 * @throws RnnlabError when normalising a silent (all-zero) recording
 */
export function activityAutocorrelation(traces: Float64Array, k: number, maxLag: number, normalize = true): Float64Array {
  const where = "activityAutocorrelation";
  if (typeof normalize !== "boolean") badArgument(where, "normalize", "true or false", normalize);
  requireInt(where, "k", k, 1);
  if (!(traces instanceof Float64Array) || traces.length % k !== 0 || traces.length === 0) {
    badArgument(where, "traces", `a Float64Array of length T·k (k = ${k})`, traces);
  }
  requireNumberArray(where, "traces", traces);
  const T = traces.length / k;
  requireInt(where, "maxLag", maxLag, 0);
  if (maxLag >= T) badArgument(where, "maxLag", `an integer < T = ${T} (the number of time points)`, maxLag);
  const c = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag; lag++) {
    let s = 0;
    for (let t = 0; t + lag < T; t++) {
      const a = t * k;
      const b = (t + lag) * k;
      for (let i = 0; i < k; i++) s += traces[a + i] * traces[b + i];
    }
    c[lag] = s / ((T - lag) * k);
  }
  if (normalize) {
    if (!(c[0] > 0)) throw new RnnlabError(`${where}: the activity is zero (C(0) = ${c[0]}), so C(τ)/C(0) is undefined; pass normalize = false`);
    const c0 = c[0];
    for (let lag = 0; lag <= maxLag; lag++) c[lag] /= c0;
  }
  return c;
}

/** The first lag (in samples) where a normalised autocorrelation falls below 1/e (or the last lag). */
export function correlationTime(c: Float64Array): number {
  requireNumberArray("correlationTime", "c", c, { minLength: 1 });
  for (let lag = 0; lag < c.length; lag++) if (c[lag] < 1 / Math.E) return lag;
  return c.length - 1;
}
