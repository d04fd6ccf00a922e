// Hidden tests for notebook 17_fitting_a_real_neuron (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/17_fitting_a_real_neuron.js");

module.exports = () => ({
  "17.binSpikes": {
    symbol: "binSpikes",
    kind: "function",
    reference: q.binSpikesReference,
    cases: [
      { args: "[[0.0001, 0.0003, 0.0035, 0.0099], 0.001, 10]", points: 1 },
      { args: "[[0.25, 0.26, 0.27, 1.5], 0.5, 3]", points: 1, label: "three spikes in one bin" },
    ],
  },
  "17.sta": {
    symbol: "staOf",
    kind: "function",
    reference: q.staOfReference,
    cases: [
      { args: "[[3, 1, 4, 1, 5, 9, 2, 6], [0, 1, 0, 0, 1, 0, 1, 1], 4]", points: 1, rtol: 1e-9 },
      { args: "[Array.from(new Rng(4).normalArray(50)), Array.from({ length: 50 }, (_, t) => (t % 7 === 3 ? 1 : 0)), 5]", points: 1, rtol: 1e-9, label: "50 random samples, a spike every 7 bins" },
    ],
  },
  "17.lnpLogRate": {
    symbol: "lnpLogRate",
    kind: "function",
    reference: q.lnpLogRateReference,
    cases: [
      { args: "[-2, [0.1, 0.2, 0.3, 0.4], [1, -1, 1, -1, 1, -1]]", points: 1, rtol: 1e-9 },
      { args: "[0, [1], [5, 6, 7]]", points: 1, rtol: 1e-9, label: "a one-tap filter (log λ = x)" },
    ],
  },
  "17.bitsPerSpike": {
    symbol: "bitsPerSpikeOf",
    kind: "function",
    reference: q.bitsPerSpikeOfReference,
    cases: [
      { args: "[[-4, -0.5, -4, -4, 0], [0, 1, 0, 0, 2], 0.1]", points: 1, rtol: 1e-9, atol: 1e-12 },
      { args: "[[-1, -1, -1, -1], [1, 0, 0, 0], 0.25]", points: 1, rtol: 1e-9, atol: 1e-12, label: "a constant model close to the baseline" },
    ],
  },
  "17.selectRidge": {
    symbol: "selectRidge",
    kind: "function",
    reference: q.selectRidgeReference,
    cases: [
      { args: "[[1000, 100, 10, 1], [0.1, 0.6, 0.6, 0.2]]", points: 0.5, label: "ties, candidates in decreasing order" },
      { args: "[[0, 3, 30], [-1, -0.5, -0.7]]", points: 0.5, label: "all negative scores" },
    ],
  },
  "17.sampleSpikes": {
    symbol: "sampleSpikes",
    kind: "function",
    reference: q.sampleSpikesReference,
    cases: [
      { args: "[[-3, -2, -1, 0, 1], [0.04, 0.2, 0.3, 0.7, 0.9]]", points: 1 },
      { args: "[Array.from({ length: 20 }, (_, t) => -3 + 0.2 * t), Array.from(new Rng(8).uniformArray(20))]", points: 1, label: "20 bins of rising rate" },
    ],
  },
});
