// Hidden tests for notebook 20_language_moby_dick (loaded by the grader only); the references are the question file's.
const q = require("../../dist/questions/20_language_moby_dick.js");

module.exports = () => ({
  "20.bitsPerChar": {
    symbol: "bitsPerChar",
    kind: "function",
    reference: q.bitsPerCharReference,
    cases: [
      { args: "[[[0.2, 0.3, 0.5], [0.6, 0.2, 0.2], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]], [2, 0, 1, 1]]", points: 1, rtol: 1e-9 },
      { args: "[[[1, 0], [0.5, 0.5]], [0, 1]]", points: 1, rtol: 1e-9, label: "a certain prediction costs 0 bits" },
    ],
  },
  "20.nGramProbability": {
    symbol: "nGramProbability",
    kind: "function",
    reference: q.nGramProbabilityReference,
    cases: [
      { args: "[[0, 1, 2, 0, 1, 2, 0, 2, 2, 1, 0, 1], 2, 3, 0.1, [0, 1], 2]", points: 1, rtol: 1e-9 },
      { args: "[[0, 1, 2, 0, 1, 2, 0, 2, 2, 1, 0, 1], 1, 3, 0, [2], 2]", points: 1, rtol: 1e-9, label: "α = 0: the plain relative frequency" },
      { args: "[[3, 3, 3, 1], 3, 4, 1, [3, 3, 3], 3]", points: 1, rtol: 1e-9, label: "order 3" },
    ],
  },
  "20.temperatureSample": {
    symbol: "temperatureSample",
    kind: "function",
    reference: q.temperatureSampleReference,
    cases: [
      { args: "[[0.5, -1, 2, 0], 0.7, 0.95]", points: 0.5 },
      { args: "[[0.5, -1, 2, 0], 2, 0.05]", points: 0.5 },
      { args: "[[0.5, -1, 2, 0], 1, 0.3]", points: 0.5 },
      { args: "[[3, 3], 0.01, 0.49]", points: 0.5, label: "a tie at a low temperature" },
    ],
  },
  "20.repeatedShare": {
    symbol: "repeatedShare",
    kind: "function",
    reference: q.repeatedShareReference,
    cases: [
      { args: '["and the whale and the sea and the ship", 5]', points: 1, rtol: 1e-9 },
      { args: '["aaaa", 1]', points: 1, rtol: 1e-9, label: "one character repeated" },
    ],
  },
  "20.feedSequence": {
    symbol: "feedSequence",
    kind: "function",
    reference: q.feedSequenceReference,
    cases: [
      { args: "[[5, 6, 7, 8, 9], [0, 1, 2, 3, 4], 0.75, [0.8, 0.75, 0.74, 0.1, 0.99]]", points: 1, label: "u = ε exactly: the model's own token" },
      { args: "[[5, 6, 7], [0, 1, 2], 0.3, [0.2, 0.2, 0.4]]", points: 1 },
    ],
  },
});
