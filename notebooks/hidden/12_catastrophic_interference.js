// Hidden tests for notebook 12_catastrophic_interference (loaded by the grader only).
module.exports = () => {
  const dot = (a, b) => a.reduce((s, v, i) => s + v * b[i], 0);
  const vec = (seed, n) => `new Rng(${seed}).normalArray(${n})`;
  return {
    "12.firstOrderForgetting": {
      symbol: "firstOrderForgetting",
      kind: "function",
      reference: (gA, gB, eta) => -eta * dot(gA, gB),
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
      reference: (gB, hGB, eta) => 0.5 * eta * eta * dot(gB, hGB),
      cases: [
        { args: `[${vec(4, 8)}, ${vec(5, 8)}, 0.1]`, points: 0.5, rtol: 1e-9, atol: 1e-12 },
        { args: "[[2, 0], [6, 0], 0.5]", points: 0.5, rtol: 1e-9, atol: 1e-12 },
        { args: "[[1, 2, 3], [0, 0, 0], 2]", points: 0.5, rtol: 1e-9, atol: 1e-12, label: "a flat direction" },
        { args: `[${vec(6, 50)}, ${vec(6, 50)}.map((v) => 3 * v), 0.01]`, points: 0.5, rtol: 1e-9, atol: 1e-12, label: "H_A ∇L_B = 3 ∇L_B" },
      ],
    },
    "12.ewcPenalty": {
      symbol: "ewcPenaltyValue",
      kind: "function",
      reference: (theta, anchor, fisher, lambda) => (lambda / 2) * theta.reduce((s, v, i) => s + fisher[i] * (v - anchor[i]) ** 2, 0),
      cases: [
        { args: `[${vec(7, 6)}, ${vec(8, 6)}, ${vec(9, 6)}.map((v) => v * v), 3]`, points: 0.5, rtol: 1e-9, atol: 1e-12 },
        { args: "[[2], [0], [1], 1]", points: 0.5, rtol: 1e-9, atol: 1e-12 },
        { args: "[[1, 1, 1], [0, 0, 0], [0, 0, 0], 100]", points: 0.5, rtol: 1e-9, atol: 1e-12, label: "zero Fisher: no penalty" },
        { args: "[[0.5, -0.5], [0, 0], [4, 1], 0]", points: 0.5, rtol: 1e-9, atol: 1e-12, label: "λ = 0" },
      ],
    },
  };
};
