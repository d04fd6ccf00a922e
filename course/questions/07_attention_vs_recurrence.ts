/** Questions of notebook 07_attention_vs_recurrence. */
import { Rng } from "rnnlab";
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Reference for 07.attentionWeights: a_t = softmax(q_t·k_j/√d over j), −∞ for j > t when causal (stable softmax). */
export function attentionWeightsReference(q: number[][], k: number[][], causal: boolean): number[][] {
  return q.map((qt, t) => {
    const s = k.map((kj, j) => (causal && j > t ? -Infinity : qt.reduce((a, v, m) => a + v * kj[m], 0) / Math.sqrt(qt.length)));
    const mx = Math.max(...s);
    const e = s.map((v) => Math.exp(v - mx));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / z);
  });
}

/** Reference for 07.scoreCount: T² scores, T(T + 1)/2 with the causal mask. */
export function scoreCountReference(T: number, causal: boolean): number {
  return causal ? (T * (T + 1)) / 2 : T * T;
}

defineFunctionQuestion({
  id: "07.attentionWeights",
  title: "Scaled dot-product attention weights",
  name: "attentionWeights",
  points: 3,
  depth: "step",
  cases: () => {
    const ref = attentionWeightsReference;
    const q = [[1, 0], [0, 2], [1, 1]];
    const k = [[1, 1], [0, 1], [2, 0]];
    const big = [[300, 0], [0, 300]];
    return [
      { args: [q, k, false], expected: ref(q, k, false) },
      { args: [q, k, true], expected: ref(q, k, true) },
      { args: [big, big, false], expected: ref(big, big, false), label: "attentionWeights with large scores (needs the max-subtraction trick)" },
    ];
  },
  hint: "s_tj = q_t·k_j/√d (−∞ for j > t when causal); a_t = softmax(s_t): subtract the row maximum before exp.",
});

defineFunctionQuestion({
  id: "07.scoreCount",
  title: "How many scores attention computes",
  name: "scoreCount",
  points: 1,
  depth: "formula",
  cases: () => [
    { args: [4, false], expected: 16 },
    { args: [4, true], expected: 10 },
    { args: [100, false], expected: 10000 },
    { args: [100, true], expected: 5050 },
  ],
  hint: "Without a mask every pair (t, j); with the causal mask only j ≤ t.",
});

/**
 * Reference for 07.perStepFactor: ρ from a least-squares fit of log n(T) = log c + T·log ρ to all
 * the measurements (lengths T_k, norms n_k): ρ = exp(slope).
 */
export function fitPerStepFactorReference(lengths: number[], norms: number[]): number {
  const y = norms.map((v) => Math.log(v));
  const mx = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < lengths.length; k++) {
    sxy += (lengths[k] - mx) * (y[k] - my);
    sxx += (lengths[k] - mx) ** 2;
  }
  return Math.exp(sxy / sxx);
}

defineFunctionQuestion({
  id: "07.perStepFactor",
  title: "The per-step decay factor, fitted to a measured curve",
  name: "fitPerStepFactor",
  points: 2,
  depth: "analysis",
  cases: () => {
    const rng = new Rng(707);
    const noisy = (c: number, rho: number, lengths: number[]): number[] => lengths.map((T) => c * rho ** T * Math.exp(rng.normal(0, 0.1)));
    const cases = [
      { lengths: [1, 11], norms: [1, 0.9 ** 10] },
      { lengths: [2, 4, 8, 16, 32], norms: noisy(3, 0.8, [2, 4, 8, 16, 32]) },
      { lengths: [5, 10, 15, 20, 25, 30], norms: noisy(0.01, 1.1, [5, 10, 15, 20, 25, 30]) },
    ];
    return cases.map(({ lengths, norms }, k) => {
      const expected = fitPerStepFactorReference(lengths, norms);
      const twoPoint = (norms[norms.length - 1] / norms[0]) ** (1 / (lengths[lengths.length - 1] - lengths[0]));
      return {
        args: [lengths, norms],
        expected,
        label: k === 0 ? "fitPerStepFactor([1, 11], [1, 0.9^10]) (two exact points)" : `fitPerStepFactor(${lengths.length} noisy measurements, T = ${lengths.join(", ")})`,
        mistakes: [
          ...(Math.abs(twoPoint - expected) > 1e-6 * expected ? [{ value: twoPoint, message: "that is the two-point estimate from the first and last measurements; fit a line to log n(T) through all of them." }] : []),
          { value: Math.log(expected), message: "that is the fitted slope log ρ; the factor is ρ = exp(slope)." },
        ],
      };
    });
  },
  rtol: 1e-9,
  hint: "Fit y = log n against T by least squares: slope = Σ(T − T̄)(y − ȳ) / Σ(T − T̄)²; return ρ = exp(slope).",
});
