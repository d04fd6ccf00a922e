/**
 * Heartbeats in an ECG without annotations: R-peak detection, beat morphology against a
 * median template, RR prematurity, and the ROC AUC of an anomaly score against labels.
 *
 *     baseline-free signal:  b_t = x_t − (moving mean of x over `baselineWindow` s)
 *     R peaks:  local maxima of |b_t| above `threshold` × (99.5th percentile of |b|), at least
 *               `refractory` s apart
 *     template correlation of beat i:  Pearson r between its window of b and the median beat
 *     prematurity of beat i:  RR_i / median(RR_{i−k} .. RR_{i−1})
 */
import { RnnlabError, badArgument, requireAllFinite, requireFinite, requireInt, requirePositive } from "../core/errors";
import { MAX_DIMENSION, checkOptions, requireAllocation, requireIntInRange } from "../core/options";

/** Options of `detectRPeaks`. */
export interface RPeakOptions {
  /** Moving-mean window removed as baseline, in s (default 0.5). */
  baselineWindow?: number;
  /** Fraction of the 99.5th percentile of |b| a peak must exceed (default 0.5). */
  threshold?: number;
  /** Minimum time between peaks, in s (default 0.25). */
  refractory?: number;
}

/** x minus its centred moving mean over `window` samples (the baseline wander). */
export function removeBaseline(x: ArrayLike<number>, window: number): Float64Array {
  const where = "removeBaseline";
  requireAllFinite(where, "x", x);
  if (x.length === 0) badArgument(where, "x", "a non-empty signal", x);
  requireIntInRange(where, "window", window, 1, x.length);
  const n = x.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + x[i];
  const out = new Float64Array(n);
  const half = Math.floor(window / 2);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n, i - half + window);
    out[i] = x[i] - (prefix[hi] - prefix[lo]) / (hi - lo);
  }
  return out;
}

/** Sample indices of R peaks (increasing), by the rule in the file header. */
export function detectRPeaks(signal: ArrayLike<number>, samplingRate: number, options: RPeakOptions = {}): number[] {
  const where = "detectRPeaks";
  checkOptions(where, options, ["baselineWindow", "threshold", "refractory"]);
  requireAllFinite(where, "signal", signal);
  if (signal.length === 0) badArgument(where, "signal", "a non-empty signal", signal);
  requirePositive(where, "samplingRate", samplingRate);
  const window = Math.max(1, Math.round(requirePositive(where, "baselineWindow", options.baselineWindow ?? 0.5) * samplingRate));
  const threshold = requireFinite(where, "threshold", options.threshold ?? 0.5, 0, 1);
  const refractory = Math.max(1, Math.round(requirePositive(where, "refractory", options.refractory ?? 0.25) * samplingRate));
  const b = removeBaseline(signal, Math.min(window, signal.length));
  const e = Float64Array.from(b, Math.abs);
  const sorted = Float64Array.from(e).sort();
  const level = threshold * sorted[Math.min(sorted.length - 1, Math.floor(0.995 * sorted.length))];
  const search = Math.max(1, Math.round(0.1 * samplingRate));
  const peaks: number[] = [];
  let i = 0;
  while (i < e.length) {
    if (e[i] > level) {
      let k = i;
      for (let j = i; j < Math.min(e.length, i + search); j++) if (e[j] > e[k]) k = j;
      peaks.push(k);
      i = k + refractory;
    } else i++;
  }
  return peaks;
}

/** Pearson correlation of two equal-length arrays (0 when either is constant). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  requireAllFinite("pearson", "a", a);
  requireAllFinite("pearson", "b", b);
  if (a.length < 2) badArgument("pearson", "a", "an array of at least 2 numbers", a);
  if (a.length !== b.length) badArgument("pearson", "b", `an array of the same length as a (${a.length})`, b);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= a.length;
  mb /= b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  const r = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
  if (!Number.isFinite(r)) throw new RnnlabError(`pearson: r became ${r}; likely cause: a or b too large (their squares overflow)`);
  return r;
}

/** A beat: its R-peak sample and its window of the baseline-free signal. */
export interface Beat {
  peak: number;
  /** b[peak − before .. peak + after) */
  window: Float64Array;
}

/** Windows of `signal` around each peak (peaks too close to either end are left out). */
export function beatWindows(signal: ArrayLike<number>, peaks: readonly number[], before: number, after: number): Beat[] {
  const where = "beatWindows";
  requireAllFinite(where, "signal", signal);
  if (signal.length === 0) badArgument(where, "signal", "a non-empty signal", signal);
  requireAllFinite(where, "peaks", peaks);
  requireIntInRange(where, "before", before, 0, MAX_DIMENSION);
  requireIntInRange(where, "after", after, 1, MAX_DIMENSION);
  requireAllocation(where, "before + after", (before + after) * peaks.length);
  const out: Beat[] = [];
  for (const p of Array.from(peaks)) {
    if (!Number.isInteger(p)) badArgument(where, "peaks", "integer sample indices", p);
    if (p - before < 0 || p + after > signal.length) continue;
    out.push({ peak: p, window: Float64Array.from({ length: before + after }, (_, i) => signal[p - before + i]) });
  }
  return out;
}

/** The sample-wise median of beat windows (a robust template of the dominant beat shape). */
export function medianBeat(beats: readonly Beat[]): Float64Array {
  if (!Array.isArray(beats) || beats.length === 0) badArgument("medianBeat", "beats", "a non-empty array of beats {peak, window} (from beatWindows)", beats);
  beats.forEach((b, j) => {
    if (b === null || typeof b !== "object") badArgument("medianBeat", `beats[${j}]`, "a beat {peak, window}", b);
    requireAllFinite("medianBeat", `beats[${j}].window`, b.window);
    if (b.window.length !== beats[0].window.length) badArgument("medianBeat", `beats[${j}].window`, `the length of beats[0].window (${beats[0].window.length})`, b.window);
  });
  const L = beats[0].window.length;
  const out = new Float64Array(L);
  const col = new Float64Array(beats.length);
  for (let i = 0; i < L; i++) {
    beats.forEach((b, j) => (col[j] = b.window[i]));
    col.sort();
    const m = col.length >> 1;
    out[i] = col.length % 2 ? col[m] : (col[m - 1] + col[m]) / 2;
  }
  return out;
}

/**
 * RR_i / median of the previous k RR intervals, for every peak: null for the first k + 1 peaks,
 * which have fewer than k intervals before their own (no value rather than a silent NaN).
 */
export function rrPrematurity(peaks: readonly number[], k: number): (number | null)[] {
  requireInt("rrPrematurity", "k", k);
  requireAllFinite("rrPrematurity", "peaks", peaks);
  for (let i = 1; i < peaks.length; i++) {
    if (!(peaks[i] > peaks[i - 1])) badArgument("rrPrematurity", "peaks", `increasing sample indices (peaks[${i}] = ${peaks[i]} after ${peaks[i - 1]})`, peaks);
  }
  const rr = peaks.map((p, i) => (i === 0 ? NaN : p - peaks[i - 1]));
  return peaks.map((_, i) => {
    if (i < k + 1) return null;
    const prev = rr.slice(i - k, i).sort((a, b) => a - b);
    const med = k % 2 ? prev[k >> 1] : (prev[k / 2 - 1] + prev[k / 2]) / 2;
    return rr[i] / med;
  });
}

/**
 * ROC AUC of scores against 0/1 labels: the probability that a random positive scores higher
 * than a random negative (ties count ½). Needs at least one of each.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const where = "rocAuc";
  requireAllFinite(where, "scores", scores);
  requireAllFinite(where, "labels", labels);
  if (scores.length !== labels.length) throw new RnnlabError(`${where}: scores (${scores.length}) and labels (${labels.length}) must have the same length`);
  requireAllFinite(where, "scores", scores);
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  // rank-sum (Mann–Whitney U) with average ranks for ties
  const ranks = new Float64Array(scores.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    for (let k = i; k <= j; k++) ranks[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) badArgument(where, `labels[${i}]`, "0 or 1", labels[i]);
    if (labels[i] === 1) {
      pos++;
      rankSum += ranks[i];
    }
  }
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) throw new RnnlabError(`${where}: need at least one positive and one negative label (got ${pos} and ${neg})`);
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
