/**
 * One step of an LSTM cell, forward and backward (PyTorch's gate order i, f, g, o).
 *
 *     i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)      input gate
 *     f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)      forget gate
 *     g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)   cell candidate
 *     o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)      output gate
 *     c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
 *     h_t = o_t ⊙ tanh(c_t)
 *
 * Shapes: x_t [B, D]; h, c [B, H]; W_ih = [W_ii|W_if|W_ig|W_io] stacked [4H, D];
 * W_hh [4H, H]; b_ih, b_hh [4H]; gates [B, 4H] with rows [i | f | g | o].
 */
import { getKernels } from "../kernels";
import { CellGrads, CellWeights, checkStepShapes, requireCellGrads, requireStepArray, requireStepResult, zeroCellGrads } from "./cellWeights";
import { RnnStepGrads, cellPreActivation, linearCellBackward } from "./rnnStep";

/** Result of one LSTM step. */
export interface LstmStepResult {
  /** h_t, [B, H] */
  h: Float64Array;
  /** c_t, [B, H] */
  c: Float64Array;
  /** gate activations [B, 4H], rows [i | f | g | o] */
  gates: Float64Array;
}

/**
 * One LSTM step.
 * @param x     x_t, [B, D]
 * @param hPrev h_{t−1}, [B, H]
 * @param cPrev c_{t−1}, [B, H]
 */
export function lstmStep(w: CellWeights, x: Float64Array, hPrev: Float64Array, cPrev: Float64Array): LstmStepResult {
  const B = checkStepShapes("lstmStep", 4, w, x, hPrev);
  const H = w.hiddenSize;
  requireStepArray("lstmStep", "cPrev", cPrev, B * H, `[${B}, ${H}]`);
  const { xPart: gates, hPart } = cellPreActivation(w, 4, x, hPrev, B);
  for (let i = 0; i < gates.length; i++) gates[i] += hPart[i];
  const h = new Float64Array(B * H);
  const c = new Float64Array(B * H);
  getKernels().lstmPointwise(gates, 0, cPrev, 0, c, 0, h, 0, B, H);
  return { h, c, gates };
}

/** Gradients of one LSTM step. */
export interface LstmStepGrads extends RnnStepGrads {
  /** ∂L/∂c_{t−1} through this step, [B, H] */
  dcPrev: Float64Array;
}

/**
 * Backward of one LSTM step. With dc_t = ∂L/∂c_t + dh ⊙ o ⊙ (1 − tanh²c_t):
 *
 *     δo = dh ⊙ tanh(c_t) ⊙ o(1−o),   δi = dc_t ⊙ g ⊙ i(1−i),
 *     δf = dc_t ⊙ c_{t−1} ⊙ f(1−f),   δg = dc_t ⊙ i ⊙ (1−g²),
 *     ∂L/∂c_{t−1} = dc_t ⊙ f,  and the linear part as in `rnnStepBackward` with δ = [δi|δf|δg|δo].
 *
 * @param step the result of `lstmStep` for the same inputs
 * @param dh   ∂L/∂h_t, [B, H]
 * @param dc   ∂L/∂c_t from later steps, [B, H] (zeros at the last step)
 */
export function lstmStepBackward(w: CellWeights, x: Float64Array, hPrev: Float64Array, cPrev: Float64Array, step: LstmStepResult, dh: Float64Array, dc: Float64Array, gradsIn?: CellGrads): LstmStepGrads {
  const where = "lstmStepBackward";
  const B = checkStepShapes(where, 4, w, x, hPrev);
  const H = w.hiddenSize;
  const shape = `[${B}, ${H}]`;
  requireStepArray(where, "cPrev", cPrev, B * H, shape);
  requireStepResult(where, step, "the result {h, c, gates} of lstmStep for the same inputs", B, H, { c: 1, gates: 4 });
  requireStepArray(where, "dh", dh, B * H, shape);
  requireStepArray(where, "dc", dc, B * H, shape);
  const grads = gradsIn === undefined ? zeroCellGrads(w) : requireCellGrads(where, "grads", gradsIn, w);
  const delta = new Float64Array(B * 4 * H);
  const dcPrev = new Float64Array(B * H);
  getKernels().lstmPointwiseBackward(step.gates, 0, cPrev, 0, step.c, 0, dh, 0, dc, 0, delta, 0, dcPrev, 0, B, H);
  const lin = linearCellBackward(w, 4, x, hPrev, delta, delta, B, grads, w.inputSize, H);
  return { ...lin, dcPrev };
}
