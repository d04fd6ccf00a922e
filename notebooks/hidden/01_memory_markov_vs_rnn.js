// Hidden tests for notebook 01_memory_markov_vs_rnn (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/01_memory_markov_vs_rnn.js");

module.exports = () => {
  // A 3-symbol order-2 table with a unique maximum in every row.
  const table3 = "Array.from({ length: 27 }, (_, i) => ((i * 7) % 11) / 10 + (i % 3) * 0.001)";
  return {
    "01.tableSize": {
      symbol: "tableSize",
      kind: "function",
      reference: q.tableSizeReference,
      cases: [
        { args: "[3, 2]", points: 0.25 },
        { args: "[26, 3]", points: 0.25, label: "letters, order 3" },
        { args: "[2, 20]", points: 0.25, label: "binary, order 20" },
        { args: "[1, 5]", points: 0.25, label: "a one-symbol alphabet" },
      ],
    },
    "01.addAlpha": {
      symbol: "fitTable",
      kind: "function",
      reference: q.fitTableReference,
      cases: [
        { args: "[[[2, 0, 1, 1, 2, 0, 0]], 3, 1, 1]", points: 0.75, rtol: 1e-9, atol: 1e-12 },
        { args: "[[[0, 1], [1, 1, 0], [0]], 2, 1, 0.5]", points: 0.75, label: "several short sequences (one too short for any context)", rtol: 1e-9, atol: 1e-12 },
        { args: "(() => { const r = new Rng(17); return [Array.from({ length: 8 }, () => Array.from({ length: 40 }, () => r.int(0, 4))), 4, 2, 0.05]; })()", points: 0.75, label: "order 2 over 4 symbols", rtol: 1e-9, atol: 1e-12 },
        { args: "[[[1, 0, 1, 1, 0, 1, 0, 0, 1]], 2, 3, 2]", points: 0.75, label: "order 3, strong smoothing", rtol: 1e-9, atol: 1e-12 },
      ],
    },
    "01.nextSymbol": {
      symbol: "predictNext",
      kind: "function",
      reference: q.predictNextReference,
      cases: [
        { args: `[${table3}, 3, 2, [2, 1]]`, points: 0.5 },
        { args: `[${table3}, 3, 2, [0, 0, 2, 2]]`, points: 0.5, label: "only the last k symbols matter" },
        { args: `[${table3}, 3, 2, [1, 0]]`, points: 0.5 },
        { args: "[[0.2, 0.5, 0.3, 0.6, 0.1, 0.3, 0.1, 0.1, 0.8], 3, 1, [0, 1, 2]]", points: 0.5, label: "order 1" },
      ],
    },
  };
};
