// Hidden tests for notebook 09_echo_state_networks (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/09_echo_state_networks.js");

module.exports = () => ({
  "09.nrmse": {
    symbol: "nrmseOf",
    kind: "function",
    reference: q.nrmseOfReference,
    cases: [
      { args: "[[3, 1, 2], [1, 2, 3]]", points: 0.5 },
      { args: "[Array.from({ length: 50 }, (_, i) => Math.sin(i / 3) + 0.1), Array.from({ length: 50 }, (_, i) => Math.sin(i / 3))]", points: 0.5, label: "a sine with an offset" },
      { args: "[[0, 0, 0, 0], [1, -1, 1, -1]]", points: 0.5, label: "predicting 0 for a zero-mean target" },
      { args: "[[10, 20], [1, 2]]", points: 0.5, label: "far off" },
    ],
  },
  "09.ridge1d": {
    symbol: "ridgeWithIntercept",
    kind: "function",
    reference: q.ridgeWithInterceptReference,
    cases: [
      { args: "[[1, 2, 3, 4], [1, 3, 2, 5], 0]", points: 0.5, label: "least squares (λ = 0)", rtol: 1e-9, atol: 1e-12 },
      { args: "[[1, 2, 3, 4], [1, 3, 2, 5], 10]", points: 0.5, label: "λ = 10 shrinks w", rtol: 1e-9, atol: 1e-12 },
      { args: "[Array.from({ length: 30 }, (_, t) => Math.sin(t)), Array.from({ length: 30 }, (_, t) => 2 - 0.7 * Math.sin(t) + 0.1 * Math.cos(3 * t)), 0.3]", points: 0.5, label: "30 noisy points", rtol: 1e-9, atol: 1e-12 },
      { args: "[[5, 5, 5], [1, 2, 3], 1e-3]", points: 0.5, label: "a constant feature (the ridge keeps the system solvable)", rtol: 1e-6, atol: 1e-9 },
    ],
  },
});
