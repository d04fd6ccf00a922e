// Hidden tests for notebook 08_rate_models_and_euler (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/08_rate_models_and_euler.js");

module.exports = () => {
  // a random N×N coupling (nested arrays), state and input from one seed
  const net = (seed, n, alpha) =>
    `(() => { const g = new Rng(${seed}); const w = Array.from({ length: ${n} }, () => Array.from(g.normalArray(${n}, 0, 2 / Math.sqrt(${n})))); ` +
    `return [w, Array.from(g.uniformArray(${n}, -1, 1)), Array.from(g.normalArray(${n})), ${alpha}]; })()`;
  const grid = (from, step, count) => `Array.from({ length: ${count} }, (_, i) => Math.round((${from} + i * ${step}) * 1e6) / 1e6)`;
  return {
    "08.leakyStep": {
      symbol: "leakyStep",
      kind: "function",
      reference: q.leakyStepReference,
      cases: [
        { args: net(81, 4, 0.25), points: 0.5, label: "N = 4, α = 0.25", rtol: 1e-9, atol: 1e-12 },
        { args: net(82, 3, 1), points: 0.5, label: "α = 1: the vanilla RNN step", rtol: 1e-9, atol: 1e-12 },
        { args: "[[[2]], [0.9], [-1], 0]", points: 0.5, label: "α = 0: no change" },
        { args: net(83, 12, 0.05), points: 0.5, label: "12 units, α = 0.05", rtol: 1e-9, atol: 1e-12 },
      ],
    },
    "08.criticalStep": {
      symbol: "firstExplodingStep",
      kind: "function",
      reference: q.firstExplodingStepReference,
      cases: [
        { args: `[4, ${grid(0.01, 0.02, 40)}, 200]`, points: 0.5, label: "k = 4, Δt from 0.01 to 0.79, 200 steps", rtol: 1e-12, atol: 0 },
        { args: `[0.5, ${grid(1, 0.7, 10)}, 60]`, points: 0.5, label: "k = 0.5, a coarse grid", rtol: 1e-12, atol: 0 },
        { args: "[3, [0.1, 0.2, 0.3], 100]", points: 0.5, label: "no step explodes (−1)" },
        { args: "[2, [1.5, 1.01, 0.5], 500]", points: 0.5, label: "steps not in increasing order: the first one in the list that explodes", rtol: 1e-12, atol: 0 },
      ],
    },
    "08.gradientAfter": { symbol: "gradientAfter30", kind: "value", reference: q.gradientAfter30Reference, cases: [{ points: 1, rtol: 1e-9 }] },
  };
};
