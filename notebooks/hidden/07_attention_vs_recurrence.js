// Hidden tests for notebook 07_attention_vs_recurrence (loaded by the grader only).
module.exports = () => {
  const weights = (q, k, causal) =>
    q.map((qt, t) => {
      const s = k.map((kj, j) => (causal && j > t ? -Infinity : qt.reduce((a, v, m) => a + v * kj[m], 0) / Math.sqrt(qt.length)));
      const mx = Math.max(...s);
      const e = s.map((v) => Math.exp(v - mx));
      const z = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / z);
    });
  const mats = (seed, T, d, scale) => `(() => { const g = new Rng(${seed}); const m = () => Array.from({ length: ${T} }, () => Array.from(g.normalArray(${d}, 0, ${scale}))); return [m(), m()]; })()`;
  return {
    "07.attentionWeights": {
      symbol: "attentionWeights",
      kind: "function",
      reference: weights,
      cases: [
        { args: `[...${mats(1, 4, 3, 1)}, false]`, points: 1 },
        { args: `[...${mats(2, 5, 2, 1)}, true]`, points: 1, label: "causal mask" },
        { args: `[...${mats(3, 3, 4, 40)}, false]`, points: 1, label: "large scores (stable softmax)" },
      ],
    },
    "07.scoreCount": {
      symbol: "scoreCount",
      kind: "function",
      reference: (T, causal) => (causal ? (T * (T + 1)) / 2 : T * T),
      cases: [
        { args: "[1, true]", points: 0.25 },
        { args: "[7, false]", points: 0.25 },
        { args: "[7, true]", points: 0.25 },
        { args: "[1000, true]", points: 0.25 },
      ],
    },
    "07.perStepFactor": {
      symbol: "perStepFactor",
      kind: "function",
      reference: (n1, T1, n2, T2) => (n2 / n1) ** (1 / (T2 - T1)),
      cases: [
        { args: "[5, 3, 5 * 0.7 ** 12, 15]", points: 0.5, rtol: 1e-9 },
        { args: "[1e-3, 0, 1e-3 * 1.05 ** 40, 40]", points: 0.5, rtol: 1e-9, label: "a growing gradient" },
        { args: "[2, 5, 2, 9]", points: 0.5, rtol: 1e-9, label: "no decay" },
        { args: "[1, 10, 1e-8, 30]", points: 0.5, rtol: 1e-9 },
      ],
    },
  };
};
