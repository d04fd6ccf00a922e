// Hidden tests for notebook 13_plasticity_dale_and_balance (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/13_plasticity_dale_and_balance.js");

module.exports = () => ({
  "13.spikeUpdate": {
    symbol: "spikeUpdate",
    kind: "function",
    reference: q.spikeUpdateReference,
    cases: [
      { args: "[0.1, 0.8, 0.5]", points: 0.5 },
      { args: "[0, 1, 0.05]", points: 0.5, label: "a resting, facilitating synapse (U = 0.05)" },
      { args: "[0.9, 0.1, 0.6]", points: 0.5, label: "a depleted synapse" },
      { args: "[1, 1, 0.3]", points: 0.5, label: "u already at 1" },
    ],
  },
  "13.daleGradient": {
    symbol: "daleGradient",
    kind: "function",
    reference: q.daleGradientReference,
    cases: [
      { args: "[1.5, 2, 1]", points: 0.5 },
      { args: "[1.5, -2, -1]", points: 0.5 },
      { args: "[-0.7, 0.01, -1]", points: 0.5 },
      { args: "[0.25, -3, 1]", points: 0.5 },
    ],
  },
  "13.balancedRates": {
    symbol: "meanFieldRates",
    kind: "function",
    reference: q.meanFieldRatesReference,
    cases: [
      { args: "[4, 0.05, 200]", points: 0.5, label: "K = 4", rtol: 1e-9, atol: 1e-12 },
      { args: "[400, 0.01, 1000]", points: 0.5, label: "K = 400", rtol: 1e-9, atol: 1e-12 },
      { args: "[1e6, 0.0002, 20000]", points: 0.5, label: "K = 10⁶: close to the balance solution", rtol: 1e-8, atol: 1e-12 },
      { args: "[50, 0.02, 3]", points: 0.5, label: "three steps only (the transient)", rtol: 1e-9, atol: 1e-12 },
    ],
  },
});
