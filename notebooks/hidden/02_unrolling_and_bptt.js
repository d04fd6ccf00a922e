// Hidden tests for notebook 02_unrolling_and_bptt (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format.
module.exports = (rnnlab) => {
  /** The reference backward pass of one RNN step, from the library. */
  const stepBackward = (w, x, hPrev, h, dh) => {
    const r = rnnlab.rnnStepBackward(w, x, hPrev, h, dh);
    return { dWih: r.grads.weightIh, dWhh: r.grads.weightHh, dBias: r.grads.biasIh, dx: r.dx, dhPrev: r.dhPrev };
  };
  // Arguments are built in the kernel and here from the same seed: weights, x, hPrev, h = rnnStep(...), dh.
  const caseArgs = (seed, D, H, scale) =>
    `(() => { const r = new Rng(${seed}); const w = initCellWeights(1, ${D}, ${H}, () => r.random()); ` +
    `for (const a of [w.weightIh, w.weightHh]) for (let i = 0; i < a.length; i++) a[i] *= ${scale}; ` +
    `const x = r.normalArray(${D}); const hPrev = r.uniformArray(${H}, -0.99, 0.99); ` +
    `const h = rnnStep(w, x, hPrev); const dh = r.normalArray(${H}); return [w, x, hPrev, h, dh]; })()`;
  return {
    "02.paramCount": { symbol: "rnnParameterCount", kind: "value", reference: 5 * 3 + 5 * 5 + 2 * 5, cases: [{ points: 1, rtol: 0, atol: 0 }] },
    "02.stepBackward": {
      symbol: "stepBackward",
      kind: "function",
      reference: stepBackward,
      cases: [
        { args: caseArgs(1, 3, 4, 1), points: 1, label: "D = 3, H = 4", rtol: 1e-9, atol: 1e-12 },
        { args: caseArgs(2, 1, 1, 1), points: 1, label: "D = 1, H = 1 (scalars)", rtol: 1e-9, atol: 1e-12 },
        { args: caseArgs(3, 6, 2, 1), points: 1, label: "D = 6, H = 2 (D > H)", rtol: 1e-9, atol: 1e-12 },
        { args: caseArgs(4, 2, 7, 8), points: 1, label: "saturated units (large weights)", rtol: 1e-9, atol: 1e-12 },
      ],
    },
  };
};
