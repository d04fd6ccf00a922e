// Hidden tests for notebook 11_exposure_bias_and_scheduled_sampling (loaded by the grader only).
module.exports = () => ({
  "11.inverseSigmoidEpsilon": {
    symbol: "inverseSigmoidEpsilon",
    kind: "function",
    reference: (i, k) => k / (k + Math.exp(i / k)),
    cases: [
      { args: "[5, 1]", points: 0.5, rtol: 1e-9, atol: 1e-15 },
      { args: "[250, 100]", points: 0.5, rtol: 1e-9, atol: 1e-15 },
      { args: "[0, 1000]", points: 0.5, rtol: 1e-9, atol: 1e-15, label: "the start of training" },
      { args: "[3000, 100]", points: 0.5, rtol: 1e-9, atol: 1e-15, label: "late in training (ε tiny)" },
    ],
  },
  "11.chooseInput": {
    symbol: "chooseInput",
    kind: "function",
    reference: (truth, own, eps, u) => (u < eps ? truth : own),
    cases: [
      { args: "[1, 2, 0.3, 0.29]", points: 0.25 },
      { args: "[1, 2, 0.3, 0.3]", points: 0.25, label: "u = ε exactly: the model's own token" },
      { args: "[-0.5, 0.25, 0.5, 0.1]", points: 0.25, label: "real-valued inputs" },
      { args: "[9, 4, 0.99, 0.995]", points: 0.25 },
    ],
  },
  "11.compounding": {
    symbol: "errorGrowth",
    kind: "function",
    reference: (errors, n) => {
      const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
      return mean(errors.slice(errors.length - n)) / mean(errors.slice(0, n));
    },
    cases: [
      { args: "[Array.from({ length: 20 }, (_, t) => 0.05 * 1.2 ** t), 5]", points: 0.5, rtol: 1e-9 },
      { args: "[[2, 1, 0.5], 1]", points: 0.5, rtol: 1e-9, label: "errors that shrink" },
    ],
  },
});
