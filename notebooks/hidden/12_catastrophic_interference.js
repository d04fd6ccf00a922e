// Hidden tests for notebook 12_catastrophic_interference (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/12_catastrophic_interference.js");

module.exports = () => {
  const vec = (seed, n) => `new Rng(${seed}).normalArray(${n})`;
  return {
    "12.firstOrderForgetting": {
      symbol: "firstOrderForgetting",
      kind: "function",
      reference: q.firstOrderForgettingReference,
      cases: [
        { args: `[${vec(1, 10)}, ${vec(2, 10)}, 0.03]`, points: 0.5, rtol: 1e-9, atol: 1e-12 },
        { args: "[[0, 3, 0], [4, 0, -2], 1]", points: 0.5, rtol: 1e-9, atol: 1e-12, label: "orthogonal gradients" },
        { args: "[[1, 1], [1, 1], 0.5]", points: 0.5, rtol: 1e-9, atol: 1e-12, label: "aligned gradients: B's step helps A" },
        { args: `[${vec(3, 100)}, ${vec(3, 100)}.map((v) => -v), 1e-3]`, points: 0.5, rtol: 1e-9, atol: 1e-12, label: "opposite gradients" },
      ],
    },
    "12.secondOrderForgetting": {
      symbol: "secondOrderForgetting",
      kind: "function",
      reference: q.secondOrderForgettingReference,
      cases: [
        { args: `[${vec(4, 8)}, ${vec(5, 8)}, 0.1]`, points: 0.5, rtol: 1e-9, atol: 1e-12 },
        { args: "[[2, 0], [6, 0], 0.5]", points: 0.5, rtol: 1e-9, atol: 1e-12 },
        { args: "[[1, 2, 3], [0, 0, 0], 2]", points: 0.5, rtol: 1e-9, atol: 1e-12, label: "a flat direction" },
        { args: `[${vec(6, 50)}, ${vec(6, 50)}.map((v) => 3 * v), 0.01]`, points: 0.5, rtol: 1e-9, atol: 1e-12, label: "H_A ∇L_B = 3 ∇L_B" },
      ],
    },
    "12.ewcPenalty": {
      symbol: "ewcDescent",
      kind: "function",
      reference: q.ewcDescentReference,
      cases: [
        { args: `[Array.from(${vec(7, 6)}), Array.from(${vec(8, 6)}), Array.from(${vec(9, 6)}), Array.from(${vec(10, 6)}).map((v) => v * v), 3, 0.2, 25]`, points: 0.5, rtol: 1e-9, atol: 1e-12, label: "6 parameters, 25 steps" },
        { args: "[[2], [0], [2], [1], 1, 0.5, 1]", points: 0.5, rtol: 1e-9, atol: 1e-12, label: "one step of one parameter" },
        { args: "[[1, 1, 1], [0, 0, 0], [1, 1, 1], [0, 0, 0], 100, 0.5, 10]", points: 0.5, rtol: 1e-9, atol: 1e-12, label: "zero Fisher: plain descent on B" },
        { args: "[[0.5, -0.5], [3, 3], [0.5, -0.5], [1e5, 1], 1, 0.9, 50]", points: 0.5, rtol: 1e-9, atol: 1e-12, label: "a very stiff spring (explicit steps would explode)" },
      ],
    },
  };
};
