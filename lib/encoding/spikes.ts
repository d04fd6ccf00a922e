/**
 * From spike times and a sampled stimulus to binned data: spike counts per bin,
 * a stimulus averaged into the same bins, the lagged-stimulus design matrix of a
 * linear filter, and the spike-triggered average.
 *
 *     counts:  y_t = #{spikes with t·Δ ≤ s < (t+1)·Δ}
 *     lags:    X[t, l] = x_{t−l}   (0 before the start), l = 0..L−1
 *     STA:     a_l = Σ_t y_t x_{t−l} / Σ_t y_t
 */
import { RnnlabError, badArgument, requireAllFinite, requireInt, requirePositive } from "../core/errors";
import { requireAllocation, requireFiniteResult } from "../core/options";

/**
 * Spike counts in bins of `binWidth` seconds over [0, duration): Float64Array [⌊duration/binWidth⌋].
 * Throws when a spike lies outside [0, duration).
 */
export function binSpikeTimes(spikeTimes: ArrayLike<number>, binWidth: number, duration: number): Float64Array {
  const where = "binSpikeTimes";
  requirePositive(where, "binWidth", binWidth);
  requirePositive(where, "duration", duration);
  requireAllFinite(where, "spikeTimes", spikeTimes);
  const n = Math.floor(duration / binWidth + 1e-9);
  requireAllocation(where, "duration / binWidth", n);
  if (n < 1) badArgument(where, "binWidth", `at most the duration (${duration} s)`, binWidth);
  const counts = new Float64Array(n);
  for (let i = 0; i < spikeTimes.length; i++) {
    const s = spikeTimes[i];
    if (s < 0 || s >= duration) throw new RnnlabError(`${where}: spikeTimes[${i}] = ${s} s lies outside [0, ${duration}) s`);
    const t = Math.min(n - 1, Math.floor(s / binWidth + 1e-9));
    counts[t] += 1;
  }
  return counts;
}

/** Means of consecutive groups of `factor` samples (the incomplete last group is dropped): [⌊n/factor⌋]. */
export function binAverage(signal: ArrayLike<number>, factor: number): Float64Array {
  const where = "binAverage";
  requireInt(where, "factor", factor);
  requireAllFinite(where, "signal", signal);
  if (signal.length === 0) badArgument(where, "signal", "a non-empty signal", signal);
  const n = Math.floor(signal.length / factor);
  if (n < 1) badArgument(where, "factor", `at most the signal's length (${signal.length})`, factor);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let k = 0; k < factor; k++) s += signal[t * factor + k];
    out[t] = s / factor;
  }
  return out;
}

/** (x − mean)/sd with the mean and standard deviation of `reference` (default x itself). */
export function standardize(x: ArrayLike<number>, reference: ArrayLike<number> = x): Float64Array {
  const where = "standardize";
  requireAllFinite(where, "x", x);
  requireAllFinite(where, "reference", reference);
  if (reference.length < 2) badArgument(where, "reference", "at least 2 values", reference.length);
  let mean = 0;
  for (let i = 0; i < reference.length; i++) mean += reference[i];
  mean /= reference.length;
  let v = 0;
  for (let i = 0; i < reference.length; i++) v += (reference[i] - mean) ** 2;
  const sd = Math.sqrt(v / reference.length);
  if (!Number.isFinite(sd)) throw new RnnlabError(`${where}: the standard deviation of reference became ${sd}; likely cause: reference values too large (their squares overflow)`);
  if (!(sd > 0)) throw new RnnlabError(`${where}: the reference is constant (standard deviation 0); cannot standardize`);
  const out = Float64Array.from(x, (a) => (a - mean) / sd);
  requireFiniteResult(where, "the standardized x", out, "x or reference too large (their squares overflow)");
  return out;
}

/** The lagged-stimulus design matrix X [T, lags] row-major: X[t, l] = x[t − l], 0 for t − l < 0. */
export function laggedDesign(x: ArrayLike<number>, lags: number): Float64Array {
  const where = "laggedDesign";
  requireInt(where, "lags", lags);
  requireAllFinite(where, "x", x);
  const T = x.length;
  if (T === 0) badArgument(where, "x", "a non-empty stimulus", x);
  requireAllocation(where, "lags", T * lags);
  const X = new Float64Array(T * lags);
  for (let t = 0; t < T; t++) for (let l = 0; l < lags && l <= t; l++) X[t * lags + l] = x[t - l];
  return X;
}

/**
 * Spike-triggered average a_l = Σ_t y_t x_{t−l} / Σ_t y_t, l = 0..lags−1 (a_l: the mean
 * stimulus l bins before a spike; terms with t − l < 0 count as 0). Throws without spikes.
 */
export function spikeTriggeredAverage(x: ArrayLike<number>, counts: ArrayLike<number>, lags: number): Float64Array {
  const where = "spikeTriggeredAverage";
  requireInt(where, "lags", lags);
  requireAllFinite(where, "x", x);
  requireAllFinite(where, "counts", counts);
  if (counts.length !== x.length) throw new RnnlabError(`${where}: counts must have the stimulus x's ${x.length} bins, got ${counts.length}`);
  requireAllocation(where, "lags", lags);
  const sta = new Float64Array(lags);
  let total = 0;
  for (let t = 0; t < x.length; t++) {
    const y = counts[t];
    if (y < 0) throw new RnnlabError(`${where}: counts must be >= 0, got ${y} at bin ${t}`);
    if (y === 0) continue;
    total += y;
    for (let l = 0; l < lags && l <= t; l++) sta[l] += y * x[t - l];
  }
  if (total === 0) throw new RnnlabError(`${where}: no spikes (all counts are 0)`);
  for (let l = 0; l < lags; l++) sta[l] /= total;
  return sta;
}
