// Hidden tests for notebook 08_rate_models_and_euler (loaded by the grader only).
module.exports = () => ({
  "08.leakyStep": {
    symbol: "leakyStep",
    kind: "function",
    // h_new = (1 − α) h + α tanh(drive)
    reference: (h, drive, alpha) => Array.from(h, (v, i) => (1 - alpha) * v + alpha * Math.tanh(drive[i])),
    cases: [
      { args: "[[0.3, -0.7, 0.1], [2, -1, 0], 0.25]", points: 0.5 },
      { args: "[[1, -1], [0.5, 0.5], 1]", points: 0.5, label: "α = 1: the vanilla RNN step" },
      { args: "[[0.9], [4], 0]", points: 0.5, label: "α = 0: no change" },
      { args: "[Array.from({ length: 12 }, (_, i) => Math.sin(i)), Array.from({ length: 12 }, (_, i) => 3 * Math.cos(i)), 0.05]", points: 0.5, label: "12 units, α = 0.05" },
    ],
  },
  "08.criticalStep": { symbol: "dtCritical", kind: "value", reference: 2 / 3.2, cases: [{ points: 1 }] }, // k = 3.2 /s (with k = 4 a guessed 0.5 passed)
  "08.gradientAfter": { symbol: "gradientAfter30", kind: "value", reference: 0.9 ** 30, cases: [{ points: 1, rtol: 1e-9 }] },
});
