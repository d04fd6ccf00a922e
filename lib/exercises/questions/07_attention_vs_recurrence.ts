/** Questions of notebook 07_attention_vs_recurrence. */
import { defineQuestion } from "../registry";
import { expectFunction } from "../expect";

defineQuestion({
  id: "07.attentionWeights",
  title: "Scaled dot-product attention weights",
  symbols: ["attentionWeights"],
  points: 3,
  depth: "step",
  test: (answer) => {
    const ref = (q: number[][], k: number[][], causal: boolean): number[][] =>
      q.map((qt, t) => {
        const s = k.map((kj, j) => (causal && j > t ? -Infinity : qt.reduce((a, v, m) => a + v * kj[m], 0) / Math.sqrt(qt.length)));
        const mx = Math.max(...s);
        const e = s.map((v) => Math.exp(v - mx));
        const z = e.reduce((a, b) => a + b, 0);
        return e.map((v) => v / z);
      });
    const q = [[1, 0], [0, 2], [1, 1]];
    const k = [[1, 1], [0, 1], [2, 0]];
    const big = [[300, 0], [0, 300]];
    return expectFunction(
      answer,
      [
        { args: [q, k, false], expected: ref(q, k, false) },
        { args: [q, k, true], expected: ref(q, k, true) },
        { args: [big, big, false], expected: ref(big, big, false), label: "attentionWeights with large scores (needs the max-subtraction trick)" },
      ],
      { name: "attentionWeights", hint: "s_tj = q_t·k_j/√d (−∞ for j > t when causal); a_t = softmax(s_t): subtract the row maximum before exp." },
    );
  },
});

defineQuestion({
  id: "07.scoreCount",
  title: "How many scores attention computes",
  symbols: ["scoreCount"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [4, false], expected: 16 },
        { args: [4, true], expected: 10 },
        { args: [100, false], expected: 10000 },
        { args: [100, true], expected: 5050 },
      ],
      { name: "scoreCount", hint: "Without a mask every pair (t, j); with the causal mask only j ≤ t." },
    ),
});

defineQuestion({
  id: "07.perStepFactor",
  title: "Per-step decay factor from two measurements",
  symbols: ["perStepFactor"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [1, 1, 0.9 ** 10, 11], expected: 0.9 },
        { args: [2, 4, 2 * 0.5 ** 4, 8], expected: 0.5 },
        { args: [0.3, 10, 0.3 * 1.1 ** 20, 30], expected: 1.1 },
      ],
      { name: "perStepFactor", rtol: 1e-9, hint: "If n(T) = c·ρ^T then n(T₂)/n(T₁) = ρ^(T₂−T₁)." },
    ),
});
