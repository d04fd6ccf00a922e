/** Questions of notebook 02_unrolling_and_bptt. */
import { Rng } from "../../core/random";
import { CellWeights, initCellWeights } from "../../cells/cellWeights";
import { rnnStep, rnnStepBackward } from "../../cells/rnnStep";
import { defineQuestion } from "../registry";
import { CheckResult, expectFunction, expectNumber } from "../expect";

defineQuestion({
  id: "02.paramCount",
  title: "Parameters of an RNN layer (D = 3, H = 5)",
  symbols: ["rnnParameterCount"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectNumber(answer, 5 * 3 + 5 * 5 + 5 + 5, {
      rtol: 0,
      atol: 0,
      name: "rnnParameterCount",
      hint: "W_ih is H×D, W_hh is H×H, and there are two bias vectors of length H. The sequence length does not appear.",
    }),
});

/** The gradients of one vanilla RNN step, computed by hand (one sequence, B = 1). */
export interface StepGradsByHand {
  dWih: Float64Array;
  dWhh: Float64Array;
  dBias: Float64Array;
  dx: Float64Array;
  dhPrev: Float64Array;
}

/** Random test cases: weights, inputs and the reference gradients from the library. */
function stepBackwardCases(): { w: CellWeights; x: Float64Array; hPrev: Float64Array; h: Float64Array; dh: Float64Array; ref: StepGradsByHand }[] {
  const rng = new Rng(2024);
  return [
    [2, 3],
    [4, 2],
    [1, 5],
  ].map(([D, H]) => {
    const w = initCellWeights(1, D, H, () => rng.random());
    const x = rng.normalArray(D);
    const hPrev = rng.uniformArray(H, -0.9, 0.9);
    const h = rnnStep(w, x, hPrev);
    const dh = rng.normalArray(H);
    const r = rnnStepBackward(w, x, hPrev, h, dh);
    return { w, x, hPrev, h, dh, ref: { dWih: r.grads.weightIh, dWhh: r.grads.weightHh, dBias: r.grads.biasIh!, dx: r.dx, dhPrev: r.dhPrev } };
  });
}

defineQuestion({
  id: "02.stepBackward",
  title: "The backward pass of one RNN step",
  symbols: ["stepBackward"],
  points: 4,
  depth: "step",
  test: (answer): CheckResult =>
    expectFunction(
      answer,
      stepBackwardCases().map((c, k) => ({
        args: [c.w, c.x, c.hPrev, c.h, c.dh],
        expected: { dWih: c.ref.dWih, dWhh: c.ref.dWhh, dBias: c.ref.dBias, dx: c.ref.dx, dhPrev: c.ref.dhPrev },
        label: `stepBackward (test case ${k + 1}, D = ${c.w.inputSize}, H = ${c.w.hiddenSize})`,
      })),
      {
        name: "stepBackward",
        rtol: 1e-9,
        atol: 1e-12,
        hint: "δ = dh ⊙ (1 − h²); dW_ih = δ xᵀ; dW_hh = δ h_prevᵀ; dBias = δ; dx = W_ihᵀ δ; dh_prev = W_hhᵀ δ.",
      },
    ),
});
