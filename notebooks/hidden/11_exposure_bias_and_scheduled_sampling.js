// Hidden tests for notebook 11_exposure_bias_and_scheduled_sampling (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/11_exposure_bias_and_scheduled_sampling.js");

module.exports = () => ({
  "11.inverseSigmoidEpsilon": {
    symbol: "inverseSigmoidEpsilon",
    kind: "function",
    reference: q.inverseSigmoidEpsilonReference,
    cases: [
      { args: "[5, 1]", points: 0.5, rtol: 1e-9, atol: 1e-15 },
      { args: "[250, 100]", points: 0.5, rtol: 1e-9, atol: 1e-15 },
      { args: "[0, 1000]", points: 0.5, rtol: 1e-9, atol: 1e-15, label: "the start of training" },
      { args: "[3000, 100]", points: 0.5, rtol: 1e-9, atol: 1e-15, label: "late in training (ε tiny)" },
    ],
  },
  "11.chooseInput": {
    symbol: "scheduledInputs",
    kind: "function",
    reference: q.scheduledInputsReference,
    cases: [
      { args: "[[0, 1, 2, 0, 1], [1, 2, 0], 0.3, [0.5, 0.29, 0.3, 0.31, 0.1]]", points: 0.5, label: "u = ε exactly: the model's own token" },
      { args: "[[4, 4, 4, 4, 4, 4], [1, 2, 3, 4, 0], 0, [0.1, 0.1, 0.1, 0.1, 0.1, 0.1]]", points: 0.5, label: "free running from token 4 (the model feeds itself)" },
      { args: "(() => { const r = new Rng(31); return [Array.from({ length: 50 }, () => r.int(0, 6)), [3, 5, 0, 1, 2, 4], 0.6, Array.from(r.uniformArray(50))]; })()", points: 0.5, label: "50 steps, ε = 0.6" },
      { args: "[[7], [0, 0, 0, 0, 0, 0, 0, 0], 0.5, [0.9]]", points: 0.5, label: "a single step: always the true first token" },
    ],
  },
  "11.compounding": {
    symbol: "errorGrowth",
    kind: "function",
    reference: q.errorGrowthReference,
    cases: [
      { args: "[Array.from({ length: 20 }, (_, t) => 0.05 * 1.2 ** t), 5]", points: 0.5, rtol: 1e-9 },
      { args: "[[2, 1, 0.5], 1]", points: 0.5, rtol: 1e-9, label: "errors that shrink" },
    ],
  },
});
