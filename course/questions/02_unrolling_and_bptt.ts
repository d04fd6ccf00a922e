/** Questions of notebook 02_unrolling_and_bptt. */
import { CellWeights, initCellWeights, Rng, RNN, rnnStep, rnnStepBackward } from "rnnlab";
import { defineFunctionQuestion, defineQuestion, expectNumber } from "rnnlab/exercises";

/** Reference for 02.paramCount: the parameters of an RNN layer, both bias vectors included. */
export function rnnParameterCountReference(D: number, H: number): number {
  return H * D + H * H + 2 * H;
}

defineQuestion({
  id: "02.paramCount",
  title: "Parameters of an RNN layer (D = 3, H = 5)",
  symbols: ["rnnParameterCount"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectNumber(answer, rnnParameterCountReference(3, 5), {
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

/** Reference for 02.stepBackward: the library's `rnnStepBackward`, in the exercise's names. */
export function stepBackwardReference(w: CellWeights, x: Float64Array, hPrev: Float64Array, h: Float64Array, dh: Float64Array): StepGradsByHand {
  const r = rnnStepBackward(w, x, hPrev, h, dh);
  return { dWih: r.grads.weightIh, dWhh: r.grads.weightHh, dBias: r.grads.biasIh!, dx: r.dx, dhPrev: r.dhPrev };
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
    return { w, x, hPrev, h, dh, ref: stepBackwardReference(w, x, hPrev, h, dh) };
  });
}

defineFunctionQuestion({
  id: "02.stepBackward",
  title: "The backward pass of one RNN step",
  name: "stepBackward",
  points: 4,
  depth: "step",
  cases: () => stepBackwardCases().map((c, k) => ({
    args: [c.w, c.x, c.hPrev, c.h, c.dh],
    expected: { dWih: c.ref.dWih, dWhh: c.ref.dWhh, dBias: c.ref.dBias, dx: c.ref.dx, dhPrev: c.ref.dhPrev },
    label: `stepBackward (test case ${k + 1}, D = ${c.w.inputSize}, H = ${c.w.hiddenSize})`,
  })),
  rtol: 1e-9,
  atol: 1e-12,
  hint: "δ = dh ⊙ (1 − h²); dW_ih = δ xᵀ; dW_hh = δ h_prevᵀ; dBias = δ; dx = W_ihᵀ δ; dh_prev = W_hhᵀ δ.",
});

/** What 02.bptt's `bpttGrads` returns: the gradients of a whole sequence (B = 1). */
export interface BpttGrads {
  dWih: Float64Array;
  dWhh: Float64Array;
  dBias: Float64Array;
  dh0: Float64Array;
}

/**
 * Reference for 02.bptt: the gradients of L = g · h_T for a vanilla RNN run from h_0 = 0 over
 * `xs` ([T, D], one sequence), from the library's RNN layer (its own BPTT, `RNN.backward`).
 */
export function bpttGradsReference(w: CellWeights, xs: Float64Array, T: number, g: Float64Array): BpttGrads {
  const D = w.inputSize;
  const H = w.hiddenSize;
  const rnn = new RNN({ inputSize: D, hiddenSize: H, rng: new Rng(0) });
  const source: Record<string, Float64Array | null> = { weight_ih_l0: w.weightIh, weight_hh_l0: w.weightHh, bias_ih_l0: w.biasIh, bias_hh_l0: w.biasHh };
  for (const p of rnn.parameters()) {
    p.data.set(source[p.name]!);
    p.grad.fill(0);
  }
  rnn.forward({ x: xs, T, B: 1, D });
  const back = rnn.backward({ dhN: g });
  const grad = (name: string): Float64Array => Float64Array.from(rnn.parameters().find((p) => p.name === name)!.grad);
  return { dWih: grad("weight_ih_l0"), dWhh: grad("weight_hh_l0"), dBias: grad("bias_ih_l0"), dh0: back.dh0 };
}

defineFunctionQuestion({
  id: "02.bptt",
  title: "Backpropagation through time: the loop over a whole sequence",
  name: "bpttGrads",
  points: 4,
  depth: "loop",
  cases: () => {
    const rng = new Rng(202);
    return [
      [2, 3, 1],
      [3, 4, 6],
      [1, 2, 12],
    ].map(([D, H, T]) => {
      const w = initCellWeights(1, D, H, () => rng.random());
      const xs = rng.normalArray(T * D);
      const g = rng.normalArray(H);
      return { args: [w, xs, T, g], expected: { ...bpttGradsReference(w, xs, T, g) }, label: `bpttGrads (D = ${D}, H = ${H}, T = ${T}${T === 1 ? ": a single step" : ""})` };
    });
  },
  rtol: 1e-9,
  atol: 1e-12,
  pure: true,
  hint:
    "Forward: h_0 = 0, h_{t+1} = rnnStep(w, x_t, h_t) for t = 0 … T−1, keeping every state (x_t = xs.subarray(t·D, (t+1)·D)). " +
    "Backward: dh = g; for t = T−1 down to 0 call rnnStepBackward(w, x_t, h_t, h_{t+1}, dh), ADD its weight and bias gradients to running totals, and hand dh = dhPrev to the step before. dh0 is the last dh.",
});
