// Hidden tests for notebook 16_balanced_chaos_and_low_rank (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/16_balanced_chaos_and_low_rank.js");

module.exports = () => {
  const z = (seed, count) => `Float64Array.from((() => { const g = new Rng(${seed}); return Array.from({ length: ${count} }, () => g.normal()); })())`;
  const tol = { rtol: 1e-8, atol: 1e-12 };
  const rlsArgs = (seed, steps, n, alpha) =>
    `(() => { const g = new Rng(${seed}); const r = Array.from({ length: ${steps} }, () => Array.from({ length: ${n} }, () => Math.tanh(g.normal()))); return [r, r.map((x) => x[0] - 0.3 * x[${n - 1}] + 0.2 * g.normal()), ${alpha}]; })()`;
  return {
    "16.daleMatrix": {
      symbol: "daleMatrix",
      kind: "function",
      reference: q.daleMatrixReference,
      cases: [
        { args: `[${z(41, 9)}, 2, 1, -2, 1]`, points: 0.5, label: "N = 3", ...tol },
        { args: `[${z(42, 64)}, 6, 0.3, -0.9, 2]`, points: 0.5, label: "N = 8, balanced means", ...tol },
        { args: `[${z(43, 25)}, 5, 0.4, -1, 0.5]`, points: 0.5, label: "all excitatory", ...tol },
        { args: `[${z(44, 16)}, 0, 1, -0.5, 1.2]`, points: 0.5, label: "all inhibitory", ...tol },
      ],
    },
    "16.daleOutlier": {
      symbol: "outlierCheck",
      kind: "function",
      reference: q.outlierCheckReference,
      cases: [
        { args: `[${z(54, 2500)}, 40, 0.5, 0, 1]`, points: 0.5, label: "N = 50, excitatory mean only: a clear outlier", ...tol },
        { args: `[${z(55, 400)}, 16, 0.3, -1.2, 0.8]`, points: 0.5, label: "N = 20, balanced (predicted 0)", ...tol },
        { args: `[${z(56, 9)}, 1, 1, 2, 0.1]`, points: 0.5, label: "N = 3", ...tol },
        { args: `[${z(57, 900)}, 20, 0.2, -0.9, 0.5]`, points: 0.5, label: "a negative predicted outlier", ...tol },
      ],
    },
    "16.zeroRowSums": {
      symbol: "zeroRowSums",
      kind: "function",
      reference: q.zeroRowSumsReference,
      cases: [
        { args: `[${z(45, 25)}, 5]`, points: 0.5, ...tol },
        { args: "[new Float64Array([1, 1, 1, 5, 5, 5, 0, 3, 6]), 3]", points: 0.5, label: "rows with different means" },
        { args: `[${z(46, 1)}, 1]`, points: 0.5, label: "N = 1 (becomes 0)", ...tol },
        { args: `[${z(47, 100)}, 10]`, points: 0.5, ...tol },
      ],
    },
    "16.rlsFit": {
      symbol: "rlsFit",
      kind: "function",
      reference: q.rlsFitReference,
      cases: [
        { args: rlsArgs(48, 1, 3, 1), points: 0.5, label: "one step", ...tol },
        { args: rlsArgs(49, 20, 5, 0.1), points: 0.5, label: "20 steps, α = 0.1", ...tol },
        { args: rlsArgs(50, 50, 2, 10), points: 0.5, label: "50 steps, α = 10", ...tol },
        { args: rlsArgs(51, 8, 6, 1), points: 0.5, label: "more rates than steps", ...tol },
      ],
    },
    "16.effectiveCoupling": {
      symbol: "effectiveCoupling",
      kind: "function",
      reference: q.effectiveCouplingReference,
      cases: [
        { args: `[${z(52, 16)}, [1, -1, 0.5, 2], [0.3, 0, -2, 1], 4]`, points: 0.5, ...tol },
        { args: `[${z(53, 4)}, [0, 0], [5, 5], 2]`, points: 0.5, label: "u = 0 leaves J unchanged", ...tol },
      ],
    },
  };
};
