// Hidden tests for notebook 18_ecg_forecasting_and_anomalies (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/18_ecg_forecasting_and_anomalies.js");

module.exports = () => ({
  "18.pearson": {
    symbol: "pearsonOf",
    kind: "function",
    reference: q.pearsonOfReference,
    cases: [
      { args: "[Array.from(new Rng(3).normalArray(30)), Array.from(new Rng(4).normalArray(30))]", points: 1, rtol: 1e-9, label: "two random beats" },
      { args: "[[0, 1, 0, -1, 0], [0.1, 0.9, 0.2, -1.2, 0]]", points: 1, rtol: 1e-9 },
    ],
  },
  "18.prematurity": {
    symbol: "prematurityOf",
    kind: "function",
    reference: q.prematurityOfReference,
    cases: [
      { args: "[[0, 300, 610, 900, 1180, 1300, 1700], 5, 4]", points: 1, rtol: 1e-9, label: "a premature beat, k = 4" },
      { args: "[[0, 300, 610, 900, 1180, 1300, 1700], 6, 5]", points: 1, rtol: 1e-9, label: "the compensatory pause after it, k = 5" },
    ],
  },
  "18.persistence": {
    symbol: "persistenceMse",
    kind: "function",
    reference: q.persistenceMseReference,
    cases: [
      { args: "[Array.from({ length: 40 }, (_, t) => Math.sin(t / 3)), 5, 35]", points: 1, rtol: 1e-9 },
      { args: "[[2, 2, 2, 7], 0, 3]", points: 1, rtol: 1e-9, atol: 1e-12, label: "a constant stretch (0) before a jump outside the range" },
    ],
  },
  "18.beatScore": {
    symbol: "beatScore",
    kind: "function",
    reference: q.beatScoreReference,
    cases: [
      { args: "[Array.from({ length: 50 }, (_, t) => (t % 10) / 10), 25, 10, 15]", points: 1, rtol: 1e-9 },
      { args: "[[9, 1, 1, 1], 1, 3, 1]", points: 1, rtol: 1e-9, label: "clipped at the start" },
    ],
  },
  "18.auc": {
    symbol: "aucOf",
    kind: "function",
    reference: q.aucOfReference,
    cases: [
      { args: "[[0.3, 0.7, 0.7, 0.2, 0.9, 0.1], [0, 1, 0, 0, 1, 1]]", points: 1, rtol: 1e-12, label: "with a tie" },
      { args: "[Array.from(new Rng(6).normalArray(25)), Array.from({ length: 25 }, (_, t) => (t % 3 === 0 ? 1 : 0))]", points: 1, rtol: 1e-12, label: "random scores" },
    ],
  },
  "18.divergence": {
    symbol: "firstDivergence",
    kind: "function",
    reference: q.firstDivergenceReference,
    cases: [
      { args: "[Array.from({ length: 30 }, (_, k) => 0.01 * 1.3 ** k), Array.from({ length: 30 }, () => 0), 1]", points: 0.5, label: "errors growing geometrically" },
      { args: "[[3, 3, 3], [3.2, 2.9, 3], 0.25]", points: 0.5, label: "stays within the tolerance" },
    ],
  },
});
