// Hidden tests for notebook 06_proteins_long_range (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/06_proteins_long_range.js");

module.exports = () => {
  const band = "Array.from({ length: 12 }, (_, i) => Array.from({ length: 12 }, (_, j) => (Math.abs(i - j) <= 2 || (i + j === 11) ? 1 : 0)))";
  return {
    "06.longRangeFraction": {
      symbol: "longRangeFraction",
      kind: "function",
      reference: q.longRangeFractionReference,
      cases: [
        { args: `[${band}, 2]`, points: 0.5, label: "a band plus an anti-diagonal, s = 2" },
        { args: `[${band}, 6]`, points: 0.5, label: "s = 6" },
        { args: "[[[1, 1, 1], [1, 1, 1], [1, 1, 1]], 1]", points: 0.5 },
        { args: `[${band}, 0]`, points: 0.5, label: "s = 0: every contact" },
      ],
    },
    // The exact fraction in the notebook's seeded sample06 (not the theoretical 0.5).
    "06.siteAlone": { symbol: "pPositiveGivenK", kind: "value", reference: q.siteAloneReference(), cases: [{ points: 1, rtol: 0, atol: 1e-9 }] },
    "06.firstSiteInfluence": {
      symbol: "firstSiteInfluence",
      kind: "function",
      reference: q.firstSiteInfluenceReference,
      cases: [
        { args: '["rnn", 0, [3, 10, 20, 40]]', points: 0.5, label: "vanilla RNN, separations 3 to 40", rtol: 1e-9, atol: 1e-15 },
        { args: '["gru", 0, [5, 30]]', points: 0.5, label: "GRU without a gate bias", rtol: 1e-9, atol: 1e-15 },
        { args: '["gru", 2, [1, 16, 60]]', points: 0.5, label: "GRU, update-gate bias 2", rtol: 1e-9, atol: 1e-15 },
        { args: '["rnn", 0, [0]]', points: 0.5, label: "separation 0 (the first residue is the last one read)", rtol: 1e-9, atol: 1e-15 },
      ],
    },
    "06.memoryTrace": { symbol: "keep24", kind: "value", reference: q.memoryTraceReference, cases: [{ points: 1, rtol: 1e-9 }] },
  };
};
