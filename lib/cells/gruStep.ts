/**
 * One step of a GRU cell, forward and backward (PyTorch's gate order r, z, n).
 *
 *     r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)          reset gate
 *     z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)          update gate
 *     n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))  new gate
 *     h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
 *
 * Shapes: x_t [B, D]; h [B, H]; W_ih [3H, D]; W_hh [3H, H]; b_ih, b_hh [3H];
 * gates [B, 3H] with rows [r | z | n]; hn = W_hn h_{t−1} + b_hn [B, H].
 */
import { getKernels } from "../kernels";
import { CellGrads, CellWeights, checkStepShapes, requireCellGrads, requireStepArray, requireStepResult, zeroCellGrads } from "./cellWeights";
import { RnnStepGrads, cellPreActivation, linearCellBackward } from "./rnnStep";

/** Result of one GRU step. */
export interface GruStepResult {
  /** h_t, [B, H] */
  h: Float64Array;
  /** gate activations [B, 3H], rows [r | z | n] */
  gates: Float64Array;
  /** W_hn h_{t−1} + b_hn, [B, H] (needed by the backward pass) */
  hn: Float64Array;
}

/**
 * One GRU step.
 * @param x     x_t, [B, D]
 * @param hPrev h_{t−1}, [B, H]
 */
export function gruStep(w: CellWeights, x: Float64Array, hPrev: Float64Array): GruStepResult {
  const B = checkStepShapes("gruStep", 3, w, x, hPrev);
  const H = w.hiddenSize;
  const { xPart: gates, hPart } = cellPreActivation(w, 3, x, hPrev, B);
  const h = new Float64Array(B * H);
  const hn = new Float64Array(B * H);
  getKernels().gruPointwise(gates, 0, hPart, 0, hn, 0, hPrev, 0, h, 0, B, H);
  return { h, gates, hn };
}

/**
 * Backward of one GRU step:
 *
 *     δn = dh ⊙ (1−z) ⊙ (1−n²),  δz = dh ⊙ (h_{t−1} − n) ⊙ z(1−z),  δr = δn ⊙ hn ⊙ r(1−r),
 *     ∂L/∂(W_ih x + b_ih) = [δr | δz | δn],   ∂L/∂(W_hh h + b_hh) = [δr | δz | δn ⊙ r],
 *     ∂L/∂h_{t−1} = dh ⊙ z + [δr | δz | δn ⊙ r] W_hh.
 *
 * @param step the result of `gruStep` for the same inputs
 * @param dh   ∂L/∂h_t, [B, H]
 */
export function gruStepBackward(w: CellWeights, x: Float64Array, hPrev: Float64Array, step: GruStepResult, dh: Float64Array, gradsIn?: CellGrads): RnnStepGrads {
  const where = "gruStepBackward";
  const B = checkStepShapes(where, 3, w, x, hPrev);
  const H = w.hiddenSize;
  requireStepResult(where, step, "the result {h, gates, hn} of gruStep for the same inputs", B, H, { gates: 3, hn: 1 });
  requireStepArray(where, "dh", dh, B * H, `[${B}, ${H}]`);
  const grads = gradsIn === undefined ? zeroCellGrads(w) : requireCellGrads(where, "grads", gradsIn, w);
  const dGi = new Float64Array(B * 3 * H);
  const dGh = new Float64Array(B * 3 * H);
  const direct = new Float64Array(B * H);
  getKernels().gruPointwiseBackward(step.gates, 0, step.hn, 0, hPrev, 0, dh, 0, dGi, 0, dGh, 0, direct, 0, B, H);
  const lin = linearCellBackward(w, 3, x, hPrev, dGi, dGh, B, grads, w.inputSize, H);
  for (let i = 0; i < direct.length; i++) lin.dhPrev[i] += direct[i];
  return lin;
}
