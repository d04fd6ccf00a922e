// Hidden tests for notebook 02_unrolling_and_bptt (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/02_unrolling_and_bptt.js");

module.exports = () => {
  // Arguments are built in the kernel and here from the same seed: weights, x, hPrev, h = rnnStep(...), dh.
  const caseArgs = (seed, D, H, scale) =>
    `(() => { const r = new Rng(${seed}); const w = initCellWeights(1, ${D}, ${H}, () => r.random()); ` +
    `for (const a of [w.weightIh, w.weightHh]) for (let i = 0; i < a.length; i++) a[i] *= ${scale}; ` +
    `const x = r.normalArray(${D}); const hPrev = r.uniformArray(${H}, -0.99, 0.99); ` +
    `const h = rnnStep(w, x, hPrev); const dh = r.normalArray(${H}); return [w, x, hPrev, h, dh]; })()`;
  // A whole sequence: weights (scaled), xs [T, D], T and the loss vector g.
  const seqArgs = (seed, D, H, T, scale) =>
    `(() => { const r = new Rng(${seed}); const w = initCellWeights(1, ${D}, ${H}, () => r.random()); ` +
    `for (const a of [w.weightIh, w.weightHh]) for (let i = 0; i < a.length; i++) a[i] *= ${scale}; ` +
    `return [w, r.normalArray(${T * D}), ${T}, r.normalArray(${H})]; })()`;
  return {
    "02.paramCount": { symbol: "rnnParameterCount", kind: "value", reference: q.rnnParameterCountReference(3, 5), cases: [{ points: 1, rtol: 0, atol: 0 }] },
    "02.stepBackward": {
      symbol: "stepBackward",
      kind: "function",
      reference: q.stepBackwardReference,
      cases: [
        { args: caseArgs(1, 3, 4, 1), points: 1, label: "D = 3, H = 4", rtol: 1e-9, atol: 1e-12 },
        { args: caseArgs(2, 1, 1, 1), points: 1, label: "D = 1, H = 1 (scalars)", rtol: 1e-9, atol: 1e-12 },
        { args: caseArgs(3, 6, 2, 1), points: 1, label: "D = 6, H = 2 (D > H)", rtol: 1e-9, atol: 1e-12 },
        { args: caseArgs(4, 2, 7, 8), points: 1, label: "saturated units (large weights)", rtol: 1e-9, atol: 1e-12 },
      ],
    },
    "02.bptt": {
      symbol: "bpttGrads",
      kind: "function",
      reference: q.bpttGradsReference,
      cases: [
        { args: seqArgs(21, 3, 4, 8, 1), points: 1, label: "D = 3, H = 4, T = 8", rtol: 1e-9, atol: 1e-12 },
        { args: seqArgs(22, 1, 1, 20, 1), points: 1, label: "scalar RNN over 20 steps", rtol: 1e-9, atol: 1e-12 },
        { args: seqArgs(23, 2, 5, 1, 1), points: 1, label: "a single step (T = 1)", rtol: 1e-9, atol: 1e-12 },
        { args: seqArgs(24, 4, 3, 15, 3), points: 1, label: "large weights, T = 15", rtol: 1e-8, atol: 1e-12 },
      ],
    },
  };
};
