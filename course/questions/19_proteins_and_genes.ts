/**
 * Questions of notebook 19_proteins_and_genes. The reference answers are exported and
 * reused by the hidden tests (notebooks/hidden/19_proteins_and_genes.js).
 */
import { defineFunctionQuestion } from "rnnlab/exercises";
import { KYTE_DOOLITTLE } from "rnnlab";

/** Mean Kyte–Doolittle hydropathy of residues i−⌊w/2⌋ … i+⌊w/2⌋, clipped to the sequence. */
export function hydropathyAtReference(sequence: string, i: number, w: number): number {
  const half = Math.floor(w / 2);
  let s = 0;
  let n = 0;
  for (let j = Math.max(0, i - half); j <= Math.min(sequence.length - 1, i + half); j++) {
    s += KYTE_DOOLITTLE[sequence[j]] ?? 0;
    n++;
  }
  return s / n;
}

/** Runs of 1s as [start, end) pairs. */
function runs(labels: number[]): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= labels.length; i++) {
    const on = i < labels.length && labels[i] === 1;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      out.push([start, i]);
      start = -1;
    }
  }
  return out;
}

/** Segment F1 of one sequence: found true segments and correct predicted segments, overlap ≥ minOverlap. */
export function segmentF1Reference(truth: number[], predicted: number[], minOverlap: number): number {
  const t = runs(truth);
  const p = runs(predicted);
  const ov = (a: [number, number], b: [number, number]) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
  const found = t.filter((a) => p.some((b) => ov(a, b) >= minOverlap)).length;
  const correct = p.filter((b) => t.some((a) => ov(a, b) >= minOverlap)).length;
  const recall = t.length ? found / t.length : 0;
  const precision = p.length ? correct / p.length : 0;
  return recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0;
}

/** Σ_{i ≥ k} [log P_c(x_i | x_{i−k..i−1}) − log P_n(…)], tables keyed by the (k+1)-mer x_{i−k..i}. */
export function markovScoreReference(sequence: string, coding: Record<string, number>, noncoding: Record<string, number>, k: number): number {
  let s = 0;
  for (let i = k; i < sequence.length; i++) {
    const word = sequence.slice(i - k, i + 1);
    s += coding[word] - noncoding[word];
  }
  return s;
}

/** S(1/3)/N with S(f) = Σ_b |Σ_j [x_j = b] e^{−2πi f j}|² over b in a, c, g, t. */
export function period3Reference(sequence: string): number {
  let total = 0;
  for (const b of "acgt") {
    let re = 0;
    let im = 0;
    for (let j = 0; j < sequence.length; j++) {
      if (sequence[j] !== b) continue;
      re += Math.cos((2 * Math.PI * j) / 3);
      im -= Math.sin((2 * Math.PI * j) / 3);
    }
    total += re * re + im * im;
  }
  return total / sequence.length;
}

/** The threshold (from the list, first on ties) that maximises per-residue accuracy of score > threshold. */
export function bestThresholdReference(scores: number[][], labels: number[][], thresholds: number[]): number {
  let best = thresholds[0];
  let bestAcc = -1;
  for (const th of thresholds) {
    let right = 0;
    let n = 0;
    scores.forEach((row, s) => {
      row.forEach((v, i) => {
        if ((v > th ? 1 : 0) === labels[s][i]) right++;
        n++;
      });
    });
    if (right / n > bestAcc) {
      bestAcc = right / n;
      best = th;
    }
  }
  return best;
}

defineFunctionQuestion({
  id: "19.hydropathy",
  title: "The Kyte–Doolittle window score",
  name: "hydropathyAt",
  points: 2,
  depth: "step",
  cases: () => [
    { args: ["IIIIIRRRRR", 2, 5], expected: 4.5, label: 'hydropathyAt("IIIIIRRRRR", 2, 5): five isoleucines' },
    { args: ["IIIIIRRRRR", 5, 3], expected: hydropathyAtReference("IIIIIRRRRR", 5, 3), label: "a window across the I/R boundary" },
    { args: ["MKLLVAFW", 0, 5], expected: hydropathyAtReference("MKLLVAFW", 0, 5), label: "clipped at the start (3 residues)" },
    { args: ["MKLLVAFW", 7, 19], expected: hydropathyAtReference("MKLLVAFW", 7, 19), label: "a window wider than the protein" },
  ],
  rtol: 1e-9,
  hint: "Average KYTE_DOOLITTLE[sequence[j]] for j from max(0, i − ⌊w/2⌋) to min(L − 1, i + ⌊w/2⌋): divide by the number of residues actually in the window.",
});

defineFunctionQuestion({
  id: "19.segmentF1",
  title: "Segment-level F1 of a tagging",
  name: "segmentF1",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[0, 1, 1, 1, 0, 0, 1, 1, 1, 0], [0, 1, 1, 1, 0, 0, 1, 1, 1, 0], 2], expected: 1, label: "a perfect prediction" },
    { args: [[0, 1, 1, 1, 0, 0, 1, 1, 1, 0], [0, 0, 1, 1, 1, 1, 1, 0, 0, 0], 2], expected: segmentF1Reference([0, 1, 1, 1, 0, 0, 1, 1, 1, 0], [0, 0, 1, 1, 1, 1, 1, 0, 0, 0], 2), label: "one predicted segment bridging two true ones" },
    { args: [[1, 1, 1, 1, 0, 0, 0, 0], [0, 0, 0, 1, 1, 0, 1, 1], 2], expected: 0, label: "an overlap of 1 < minOverlap does not count" },
    { args: [[0, 0, 0, 0], [0, 1, 1, 0], 1], expected: 0, label: "no true segments: F1 = 0" },
  ],
  rtol: 1e-9,
  hint: "Find the runs of 1s in both arrays; recall = true runs overlapped by ≥ minOverlap positions of some predicted run / true runs; precision the other way round; F1 = 2PR/(P+R), 0 when P + R = 0.",
});

defineFunctionQuestion({
  id: "19.markovScore",
  title: "A Markov log-likelihood ratio",
  name: "markovScore",
  points: 2,
  depth: "loop",
  cases: () => {
    const c = { aa: Math.log(0.7), ac: Math.log(0.1), ca: Math.log(0.4), cc: Math.log(0.6) };
    const n = { aa: Math.log(0.25), ac: Math.log(0.25), ca: Math.log(0.5), cc: Math.log(0.5) };
    return [
      { args: ["aac", c, n, 1], expected: markovScoreReference("aac", c, n, 1), label: 'markovScore("aac", …, k = 1): two transitions' },
      { args: ["acca", c, n, 1], expected: markovScoreReference("acca", c, n, 1) },
      { args: ["a", c, n, 1], expected: 0, label: "too short for one transition" },
    ];
  },
  rtol: 1e-9,
  hint: "For i from k to L − 1, look up the (k+1)-letter word sequence.slice(i − k, i + 1) in both tables and add coding − noncoding.",
});

defineFunctionQuestion({
  id: "19.period3",
  title: "The period-3 power of DNA",
  name: "period3PowerOf",
  points: 2,
  depth: "step",
  cases: () => [
    { args: ["atgatgatgatgatg"], expected: period3Reference("atgatgatgatgatg"), label: "a perfectly periodic sequence" },
    { args: ["aaaaaa"], expected: period3Reference("aaaaaa"), label: "a constant sequence: no period 3" },
    { args: ["acgttgcaggtcaatg"], expected: period3Reference("acgttgcaggtcaatg") },
  ],
  rtol: 1e-9,
  atol: 1e-12,
  hint: "For each base b: re = Σ cos(2πj/3), im = −Σ sin(2πj/3) over the positions j holding b; add re² + im² over the 4 bases and divide by the length.",
});

defineFunctionQuestion({
  id: "19.bestThreshold",
  title: "Tuning the hydropathy threshold on training proteins",
  name: "bestThreshold",
  points: 2,
  depth: "analysis",
  cases: () => [
    { args: [[[0, 1, 2, 3]], [[0, 0, 1, 1]], [0.5, 1.5, 2.5]], expected: 1.5, label: "one protein, a clean cut at 1.5" },
    { args: [[[0, 2], [1, 3, 0.5]], [[0, 1], [1, 1, 0]], [0.2, 0.7, 1.5]], expected: bestThresholdReference([[0, 2], [1, 3, 0.5]], [[0, 1], [1, 1, 0]], [0.2, 0.7, 1.5]), label: "pooled over two proteins" },
    { args: [[[1, 1]], [[1, 0]], [0, 2]], expected: 0, label: "a tie: keep the first threshold" },
  ],
  rtol: 1e-12,
  hint: "For each threshold, predict 1 where score > threshold, count correct residues over all proteins, keep the threshold with the highest accuracy (the first one on ties).",
});
