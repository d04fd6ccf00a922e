// Hidden tests for notebook 14_low_rank_structure (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/14_low_rank_structure.js");

module.exports = () => {
  // a coupling with a rank-one part m nᵀ/N (n = overlap·m + noise), a start h0 and the readout vector n
  const netArgs = (seed, n, g, beta, dt, steps) =>
    `(() => { const r = new Rng(${seed}); const m = r.normalArray(${n}); const v = Float64Array.from(m, (x) => ${beta} * x + r.normal()); ` +
    `const j = Float64Array.from({ length: ${n * n} }, (_, k) => r.normal(0, ${g} / Math.sqrt(${n})) + (m[Math.floor(k / ${n})] * v[k % ${n}]) / ${n}); ` +
    `return [j, ${n}, r.normalArray(${n}), v, ${dt}, ${steps}]; })()`;
  const patternArgs = (seed, n, r, s) => `(() => { const g = new Rng(${seed}); return [Array.from({ length: ${r} }, () => g.normalArray(${n})), ${s}]; })()`;
  return {
    "14.predictedOutlier": {
      symbol: "predictedOutlier",
      kind: "function",
      reference: q.predictedOutlierReference,
      cases: [
        { args: "[[1, -1, 2, 0], [3, 1, 1, 5]]", points: 0.5 },
        { args: "(() => { const g = new Rng(5); return [g.normalArray(200), g.normalArray(200)]; })()", points: 0.5, label: "N = 200 random vectors" },
      ],
    },
    "14.sequenceCoupling": {
      symbol: "sequenceCoupling",
      kind: "function",
      reference: q.sequenceCouplingReference,
      cases: [
        { args: patternArgs(1, 5, 2, 1.2), points: 0.5, rtol: 1e-9, atol: 1e-12 },
        { args: patternArgs(2, 8, 4, 2.5), points: 0.5, rtol: 1e-9, atol: 1e-12, label: "4 patterns of length 8" },
        { args: patternArgs(3, 3, 1, 1), points: 0.5, rtol: 1e-9, atol: 1e-12, label: "one pattern (its own successor, negated)" },
        { args: patternArgs(4, 10, 5, 0.5), points: 0.5, rtol: 1e-9, atol: 1e-12 },
      ],
    },
    "14.structuredOverlap": {
      symbol: "overlapTrajectory",
      kind: "function",
      reference: q.overlapTrajectoryReference,
      cases: [
        { args: netArgs(61, 10, 2, 3, 0.1, 40), points: 0.5, label: "N = 10, chaotic bulk, overlap 3", rtol: 1e-9, atol: 1e-12 },
        { args: netArgs(62, 4, 0.8, 0, 0.2, 10), points: 0.5, label: "no overlap, quiet bulk", rtol: 1e-9, atol: 1e-12 },
        { args: netArgs(63, 1, 1, 2, 0.1, 3), points: 0.5, label: "one neuron", rtol: 1e-9, atol: 1e-12 },
        { args: netArgs(64, 30, 1.5, 5, 0.05, 100), points: 0.5, label: "N = 30, 100 small steps", rtol: 1e-8, atol: 1e-12 },
      ],
    },
  };
};
