// Hidden tests for notebook 04_lstm_and_gru (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/04_lstm_and_gru.js");

module.exports = () => {
  // A layer's weights (scaled), and x, hPrev (and cPrev for the LSTM) from one seed.
  const cellArgs = (layer, seed, D, H, scale, extra = "") =>
    `(() => { const w = new ${layer}({ inputSize: ${D}, hiddenSize: ${H}, rng: new Rng(${seed})${extra} }).cellWeights(); ` +
    `for (const a of [w.weightIh, w.weightHh]) for (let i = 0; i < a.length; i++) a[i] *= ${scale}; ` +
    `const r = new Rng(${seed + 1}); return [w, r.normalArray(${D}), r.uniformArray(${H}, -0.95, 0.95)${layer === "LSTM" ? `, r.normalArray(${H}, 0, 2)` : ""}]; })()`;
  return {
    "04.lstmStep": {
      symbol: "lstmStepByHand",
      kind: "function",
      reference: q.lstmStepByHandReference,
      cases: [
        { args: cellArgs("LSTM", 50, 2, 3, 1), points: 0.75, label: "D = 2, H = 3", rtol: 1e-9, atol: 1e-12 },
        { args: cellArgs("LSTM", 51, 1, 1, 1), points: 0.75, label: "D = 1, H = 1 (scalars)", rtol: 1e-9, atol: 1e-12 },
        { args: cellArgs("LSTM", 52, 5, 2, 1, ", forgetBias: 3"), points: 0.75, label: "forget bias 3 (f near 1)", rtol: 1e-9, atol: 1e-12 },
        { args: cellArgs("LSTM", 53, 3, 6, 5), points: 0.75, label: "saturated gates (large weights)", rtol: 1e-9, atol: 1e-12 },
      ],
    },
    "04.gruStep": {
      symbol: "gruStepByHand",
      kind: "function",
      reference: q.gruStepByHandReference,
      cases: [
        { args: cellArgs("GRU", 60, 2, 3, 1), points: 0.75, label: "D = 2, H = 3", rtol: 1e-9, atol: 1e-12 },
        { args: cellArgs("GRU", 61, 1, 1, 1), points: 0.75, label: "D = 1, H = 1 (scalars)", rtol: 1e-9, atol: 1e-12 },
        { args: cellArgs("GRU", 62, 4, 5, 3), points: 0.75, label: "large weights (r and z far from 1/2)", rtol: 1e-9, atol: 1e-12 },
        { args: cellArgs("GRU", 63, 3, 2, 1), points: 0.75, label: "D > H", rtol: 1e-9, atol: 1e-12 },
      ],
    },
    "04.forgetPathProduct": {
      symbol: "forgetPathProduct",
      kind: "function",
      reference: q.forgetPathProductReference,
      cases: [
        { args: "[Array.from({ length: 49 }, () => [0.99])]", points: 0.5, label: "one unit, f = 0.99 for 49 steps" },
        { args: "[Array.from({ length: 99 }, () => [0.9, 0.99, 1])]", points: 0.5, label: "three units, 99 steps", rtol: 1e-9, atol: 1e-15 },
        { args: "[Array.from({ length: 30 }, (_, t) => [...new Rng(40 + t).uniformArray(6, 0.5, 1)])]", points: 0.5, label: "six units, random gates", rtol: 1e-9, atol: 1e-15 },
        { args: "[[[0.25, 0.5]]]", points: 0.5, label: "a single step" },
      ],
    },
    "04.gruToRnn": {
      symbol: "gruToRnnStateDict",
      kind: "function",
      reference: q.gruToRnnStateDictReference,
      cases: [
        { args: "[new GRU({ inputSize: 2, hiddenSize: 3, rng: new Rng(5) }).stateDict()]", points: 1, label: "GRU(D = 2, H = 3)" },
        { args: "[new GRU({ inputSize: 1, hiddenSize: 1, rng: new Rng(6) }).stateDict()]", points: 1, label: "GRU(D = 1, H = 1)" },
        { args: "[new GRU({ inputSize: 4, hiddenSize: 6, rng: new Rng(7) }).stateDict()]", points: 1, label: "GRU(D = 4, H = 6)" },
      ],
    },
  };
};
