// Hidden tests for notebook 03_vanishing_and_exploding_gradients (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/03_vanishing_and_exploding_gradients.js");

module.exports = () => ({
  "03.decay50": {
    symbol: "decay50",
    kind: "value",
    reference: q.decay50Reference,
    cases: [{ points: 1, rtol: 1e-9, atol: 0, label: "0.9 per step over the 49 transitions of a 50-step sequence" }],
  },
  "03.clipByGlobalNorm": {
    symbol: "clipByGlobalNorm",
    kind: "function",
    // torch.nn.utils.clip_grad_norm_ as implemented by the library's clipGradNorm
    reference: q.clipByGlobalNormReference,
    cases: [
      { args: "[[[6, 8]], 1]", points: 0.4, label: "one tensor, norm 10 clipped to 1" },
      { args: "[[[0.3, -0.4], [0.1]], 1]", points: 0.4, label: "norm below maxNorm: unchanged" },
      { args: "[[[...new Rng(7).normalArray(6)].map((v) => 50 * v), [1, -2, 3]], 2]", points: 0.4, label: "two tensors of different sizes, clipped together" },
      { args: "[[[1e6, -2e6], [0, 3e6, 0], [5]], 0.5]", points: 0.4, label: "three tensors, huge norm", rtol: 1e-9, atol: 1e-12 },
      { args: "[[[0, 0, 0]], 1]", points: 0.4, label: "all-zero gradient stays zero" },
    ],
  },
  "03.linearGradNorms": {
    symbol: "linearGradNorms",
    kind: "function",
    reference: q.linearGradNormsReference,
    cases: [
      { args: "[[[0.9]], [1], 49]", points: 0.5, label: "scalar 0.9 over 49 steps" },
      { args: "[[[0.5, 2], [0, 0.5]], [1, 0], 6]", points: 0.5, label: "non-symmetric W (the transpose matters)" },
      { args: "[Array.from({ length: 5 }, (_, i) => [...new Rng(11 + i).normalArray(5)].map((v) => 0.5 * v)), [...new Rng(20).normalArray(5)], 30]", points: 0.5, label: "random 5×5 W, 30 steps" },
      { args: "[[[1.1, 0], [0, 0.5]], [0.3, 0.4], 0]", points: 0.5, label: "zero steps: just ‖g‖" },
    ],
  },
});
