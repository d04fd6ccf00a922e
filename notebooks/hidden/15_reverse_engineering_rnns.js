// Hidden tests for notebook 15_reverse_engineering_rnns (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/15_reverse_engineering_rnns.js");

module.exports = () => {
  // a random network (W, b) and state h: args [w, b, h, ...rest]
  const net = (seed, n, gain, rest) =>
    `(() => { const g = new Rng(${seed}); const w = Float64Array.from({ length: ${n * n} }, () => g.normal(0, ${gain} / Math.sqrt(${n}))); return [w, Float64Array.from(g.normalArray(${n}, 0, 0.3)), Float64Array.from(g.normalArray(${n}, 0, 0.7)), ${rest}]; })()`;
  const tol = { rtol: 1e-8, atol: 1e-12 };
  return {
    "15.qGradient": {
      symbol: "qGradient",
      kind: "function",
      reference: q.qGradientReference,
      cases: [
        { args: net(21, 4, 1.0, "1"), points: 0.5, label: "vanilla RNN (leak 1), N = 4", ...tol },
        { args: net(22, 9, 2.0, "0.3"), points: 0.5, label: "leak 0.3, N = 9", ...tol },
        { args: net(23, 1, 3.0, "0.5"), points: 0.5, label: "one unit", ...tol },
        { args: net(24, 15, 1.5, "0.1"), points: 0.5, label: "leak 0.1, N = 15", ...tol },
      ],
    },
    "15.descendSpeed": {
      symbol: "descendSpeed",
      kind: "function",
      reference: q.descendSpeedReference,
      cases: [
        { args: net(25, 5, 1.2, "1, 0.2, 3"), points: 0.5, label: "3 steps, vanilla", ...tol },
        { args: net(26, 7, 1.8, "0.5, 0.8, 40"), points: 0.5, label: "40 steps, leak 0.5", ...tol },
        { args: net(27, 3, 1.0, "0.2, 1.5, 0"), points: 0.5, label: "0 steps returns the start", ...tol },
        { args: net(28, 6, 2.5, "0.3, 0.1, 10"), points: 0.5, label: "10 small steps", ...tol },
      ],
    },
    "15.jacobianAt": {
      symbol: "jacobianAt",
      kind: "function",
      reference: q.jacobianReference,
      cases: [
        { args: net(29, 3, 1.0, "1"), points: 0.5, label: "vanilla RNN, N = 3", ...tol },
        { args: net(30, 8, 2.0, "0.25"), points: 0.5, label: "leak 0.25, N = 8", ...tol },
        { args: net(31, 12, 1.5, "0.05"), points: 0.5, label: "small leak, N = 12", ...tol },
        { args: net(32, 2, 4.0, "0.5"), points: 0.5, label: "saturated units", ...tol },
      ],
    },
    "15.unstableDirections": {
      symbol: "unstableDirections",
      kind: "function",
      reference: q.unstableDirectionsReference,
      cases: [
        { args: "[[0.1, 0.2]]", points: 0.5, label: "a stable point" },
        { args: "[[2, 1.0000001, 1, 0.999]]", points: 0.5, label: "two just above 1, one exactly 1" },
      ],
    },
    "15.energyRank": {
      symbol: "energyRank",
      kind: "function",
      reference: q.energyRankReference,
      cases: [
        { args: "[[5, 1, 1, 1], 0.8]", points: 0.5 },
        { args: "[[3, 3, 3], 0.67]", points: 0.5, label: "equal singular values" },
        { args: "[Array.from(singularValues(randomCoupling({ n: 20, g: 1, rng: new Rng(33) }), 20, 20)), 0.9]", points: 0.5, label: "a random 20×20 matrix" },
        { args: "[[1, 0.5], 0.2]", points: 0.5, label: "a small fraction" },
      ],
    },
  };
};
