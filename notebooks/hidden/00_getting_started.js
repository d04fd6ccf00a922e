// Hidden tests for notebook 00_getting_started (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/00_getting_started.js");

module.exports = () => {
  return {
    "00.sigmoid": {
      symbol: "sigmoid",
      kind: "function",
      reference: q.sigmoidReference,
      cases: [
        { args: "[0]", points: 0.5 },
        { args: "[1.5]", points: 0.5 },
        { args: "[-4]", points: 0.5 },
        { args: "[30]", points: 0.25, label: "saturates near 1 for large inputs" },
        { args: "[-30]", points: 0.25, label: "tiny but positive for large negative inputs", rtol: 1e-6, atol: 0 },
      ],
    },
    "00.tailFraction": {
      symbol: "tailFraction",
      kind: "value",
      reference: q.tailFractionReference(2024, 10000),
      cases: [{ points: 1, rtol: 0, atol: 1e-12 }],
    },
    // Graded by hand: the Markdown cell with metadata rnnlab.answer = "00.whySeed".
    "00.whySeed": { kind: "manual", title: "Why a seeded estimate is reproducible, and why more samples help", points: 2 },
  };
};
