/** Questions of notebook 18_ecg_forecasting_and_anomalies. */
import { pearson } from "rnnlab";
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Reference for 18.pearson: the library's `pearson` (the notebook uses it for every beat). */
export function pearsonOfReference(a: number[], b: number[]): number {
  return pearson(a, b);
}

export function prematurityOfReference(peaks: number[], i: number, k: number): number {
  const prev: number[] = [];
  for (let j = i - k; j < i; j++) prev.push(peaks[j] - peaks[j - 1]);
  prev.sort((p, q) => p - q);
  const median = k % 2 === 1 ? prev[(k - 1) / 2] : (prev[k / 2 - 1] + prev[k / 2]) / 2;
  return (peaks[i] - peaks[i - 1]) / median;
}

export function persistenceMseReference(x: number[], from: number, to: number): number {
  let s = 0;
  for (let t = from; t < to - 1; t++) s += (x[t + 1] - x[t]) ** 2;
  return s / (to - 1 - from);
}

export function beatScoreReference(errors: number[], center: number, before: number, after: number): number {
  let s = 0;
  let n = 0;
  for (let t = center - before; t < center + after; t++) {
    if (t < 0 || t >= errors.length) continue;
    s += errors[t];
    n++;
  }
  return s / n;
}

/** Reference for 18.auc: the ROC AUC by pair counting (ties count ½). */
export function aucOfReference(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      if (scores[i] > scores[j]) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

/** Reference for 18.divergence: the first index where |generated − truth| > tol, or −1. */
export function firstDivergenceReference(generated: number[], truth: number[], tol: number): number {
  for (let k = 0; k < generated.length; k++) if (Math.abs(generated[k] - truth[k]) > tol) return k;
  return -1;
}

defineFunctionQuestion({
  id: "18.pearson",
  title: "Correlation of a beat with the template",
  name: "pearsonOf",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[1, 2, 3], [2, 4, 6]], expected: 1, label: "pearsonOf([1, 2, 3], [2, 4, 6]) (proportional)" },
    { args: [[1, 2, 3], [3, 2, 1]], expected: -1, label: "pearsonOf([1, 2, 3], [3, 2, 1]) (reversed)" },
    { args: [[0.5, -1, 2, 0.1], [1, 0, 1.5, -0.5]], expected: pearsonOfReference([0.5, -1, 2, 0.1], [1, 0, 1.5, -0.5]) },
    { args: [[10, 11, 12], [2, 4, 6.5]], expected: pearsonOfReference([10, 11, 12], [2, 4, 6.5]), label: "an offset does not matter (means are subtracted)" },
  ],
  rtol: 1e-9,
  hint: "Subtract each array's mean, then Σ(a−ā)(b−b̄) / √(Σ(a−ā)² Σ(b−b̄)²).",
});

defineFunctionQuestion({
  id: "18.prematurity",
  title: "RR prematurity of a beat",
  name: "prematurityOf",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[0, 100, 200, 300, 360], 4, 3], expected: 0.6, label: "prematurityOf([0, 100, 200, 300, 360], 4, 3) (an early beat)" },
    { args: [[0, 100, 210, 290, 400, 500], 5, 4], expected: prematurityOfReference([0, 100, 210, 290, 400, 500], 5, 4), label: "an even k (median of two middle values)" },
    { args: [[0, 90, 200, 280, 400, 470, 600], 6, 3], expected: prematurityOfReference([0, 90, 200, 280, 400, 470, 600], 6, 3) },
  ],
  rtol: 1e-9,
  hint: "RR_i = peaks[i] − peaks[i−1]; collect the k intervals before it (ending at beats i−k … i−1), sort, take the median.",
});

defineFunctionQuestion({
  id: "18.persistence",
  title: "The persistence baseline",
  name: "persistenceMse",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[0, 1, 3, 6], 0, 4], expected: (1 + 4 + 9) / 3 },
    { args: [[5, 0, 1, 3, 6, 6], 2, 5], expected: persistenceMseReference([5, 0, 1, 3, 6, 6], 2, 5), label: "a range inside the series" },
  ],
  rtol: 1e-9,
  hint: "Forecast x[t+1] by x[t] for t = from … to−2 and average the squared errors (to − 1 − from of them).",
});

defineFunctionQuestion({
  id: "18.beatScore",
  title: "A beat's anomaly score",
  name: "beatScore",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[0, 1, 2, 3, 4, 5], 3, 1, 2], expected: 3 },
    { args: [[4, 1, 0.5, 2], 0, 2, 2], expected: beatScoreReference([4, 1, 0.5, 2], 0, 2, 2), label: "a window that starts before the array" },
    { args: [[1, 2, 3], 2, 1, 5], expected: 2.5, label: "a window past the end" },
  ],
  rtol: 1e-9,
  hint: "Average errors[t] for t = center−before … center+after−1, counting only valid indices.",
});

defineFunctionQuestion({
  id: "18.auc",
  title: "The ROC AUC by pair counting",
  name: "aucOf",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[0.9, 0.8, 0.1, 0.2], [1, 1, 0, 0]], expected: 1, label: "perfect ranking" },
    { args: [[0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]], expected: 0.75 },
    { args: [[0.5, 0.5, 0.5], [1, 0, 0]], expected: 0.5, label: "all tied (½ per pair)" },
    { args: [[3, 1, 2], [0, 1, 0]], expected: 0, label: "the positive scores lowest" },
  ],
  rtol: 1e-12,
  hint: "Loop over positives i and negatives j: add 1 if scores[i] > scores[j], ½ if equal; divide by (#positives · #negatives).",
});

defineFunctionQuestion({
  id: "18.divergence",
  title: "When a generated signal leaves the truth",
  name: "firstDivergence",
  points: 1,
  depth: "formula",
  cases: () => [
    { args: [[0, 0.1, 0.5, 2], [0, 0, 0, 0], 0.3], expected: 2 },
    { args: [[1, 2, 3], [1, 2, 3], 0.1], expected: -1, label: "never diverges" },
    { args: [[0, -5], [0, 0], 1], expected: 1, label: "a negative deviation counts too" },
    { args: [[0.5], [0], 0.5], expected: -1, label: "exactly at the tolerance is not beyond it" },
  ],
  hint: "Return the first k with |generated[k] − truth[k]| > tol; −1 when there is none.",
});
