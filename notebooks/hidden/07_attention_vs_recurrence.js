// Hidden tests for notebook 07_attention_vs_recurrence (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/07_attention_vs_recurrence.js");

module.exports = () => {
  const mats = (seed, T, d, scale) => `(() => { const g = new Rng(${seed}); const m = () => Array.from({ length: ${T} }, () => Array.from(g.normalArray(${d}, 0, ${scale}))); return [m(), m()]; })()`;
  return {
    "07.attentionWeights": {
      symbol: "attentionWeights",
      kind: "function",
      reference: q.attentionWeightsReference,
      cases: [
        { args: `[...${mats(1, 4, 3, 1)}, false]`, points: 1 },
        { args: `[...${mats(2, 5, 2, 1)}, true]`, points: 1, label: "causal mask" },
        { args: `[...${mats(3, 3, 4, 40)}, false]`, points: 1, label: "large scores (stable softmax)" },
      ],
    },
    "07.scoreCount": {
      symbol: "scoreCount",
      kind: "function",
      reference: q.scoreCountReference,
      cases: [
        { args: "[1, true]", points: 0.25 },
        { args: "[7, false]", points: 0.25 },
        { args: "[7, true]", points: 0.25 },
        { args: "[1000, true]", points: 0.25 },
      ],
    },
    "07.perStepFactor": {
      symbol: "fitPerStepFactor",
      kind: "function",
      reference: q.fitPerStepFactorReference,
      cases: [
        { args: "[[3, 15], [5, 5 * 0.7 ** 12]]", points: 0.5, rtol: 1e-9, label: "two exact points" },
        { args: "(() => { const g = new Rng(71); const T = [0, 5, 10, 20, 40]; return [T, T.map((t) => 1e-3 * 1.05 ** t * Math.exp(g.normal(0, 0.2)))]; })()", points: 0.5, rtol: 1e-9, label: "a growing gradient, noisy" },
        { args: "[[5, 9, 13], [2, 2, 2]]", points: 0.5, rtol: 1e-9, label: "no decay (ρ = 1)" },
        { args: "(() => { const g = new Rng(72); const T = Array.from({ length: 12 }, (_, i) => 2 + 3 * i); return [T, T.map((t) => 0.5 ** t * Math.exp(g.normal(0, 0.3)))]; })()", points: 0.5, rtol: 1e-9, label: "12 noisy points, fast decay" },
      ],
    },
  };
};
