/**
 * One step of a vanilla (Elman) RNN cell, forward and backward.
 *
 *     h_t = φ(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh),   φ = tanh or ReLU
 *
 * Shapes: x_t [B, D], h_{t−1}, h_t [B, H], W_ih [H, D], W_hh [H, H], b_ih, b_hh [H].
 * Arrays are flat and row-major (x[b*D + d]).
 *
 * These one-step functions show the math and allocate their outputs; the
 * layers (`RNN` in rnnlab's nn folder) run the same kernels over whole
 * sequences without allocating.
 */
import { badArgument } from "../core/errors";
import { getKernels } from "../kernels";
import { CellGrads, CellWeights, checkStepShapes, requireCellGrads, requireStepArray, zeroCellGrads } from "./cellWeights";

/** "tanh" or "relu". */
export type RnnNonlinearity = "tanh" | "relu";

/**
 * The pre-activation of any cell: W_ih x + b_ih + W_hh h + b_hh, [B, G·H].
 * With `hhSeparate`, returns the two parts separately (the GRU needs W_hh h + b_hh alone).
 */
export function cellPreActivation(w: CellWeights, gates: number, x: Float64Array, hPrev: Float64Array, B: number): { xPart: Float64Array; hPart: Float64Array } {
  const rows = checkStepShapes("cellPreActivation", gates, w, x, hPrev);
  if (B !== rows) badArgument("cellPreActivation", "B", `the batch size of x and hPrev (${rows})`, B);
  const k = getKernels();
  const G = gates * w.hiddenSize;
  const xPart = new Float64Array(B * G);
  const hPart = new Float64Array(B * G);
  k.matmulAccumulate(xPart, 0, x, 0, w.weightIh, 0, B, w.inputSize, G, false, true);
  if (w.biasIh) k.addRowVector(xPart, 0, B, G, w.biasIh, 0);
  k.matmulAccumulate(hPart, 0, hPrev, 0, w.weightHh, 0, B, w.hiddenSize, G, false, true);
  if (w.biasHh) k.addRowVector(hPart, 0, B, G, w.biasHh, 0);
  return { xPart, hPart };
}

/**
 * One vanilla RNN step: h_t = φ(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh).
 * @param x       input x_t, [B, D]
 * @param hPrev   previous state h_{t−1}, [B, H]
 * @returns h_t, [B, H]
 */
export function rnnStep(w: CellWeights, x: Float64Array, hPrev: Float64Array, nonlinearity: RnnNonlinearity = "tanh"): Float64Array {
  if (nonlinearity !== "tanh" && nonlinearity !== "relu") badArgument("rnnStep", "nonlinearity", '"tanh" or "relu"', nonlinearity);
  const B = checkStepShapes("rnnStep", 1, w, x, hPrev);
  const { xPart, hPart } = cellPreActivation(w, 1, x, hPrev, B);
  for (let i = 0; i < xPart.length; i++) xPart[i] += hPart[i];
  getKernels().rnnActivate(xPart, 0, xPart.length, nonlinearity === "relu");
  return xPart;
}

/** Gradients of one RNN step. */
export interface RnnStepGrads {
  /** ∂L/∂x_t, [B, D] */
  dx: Float64Array;
  /** ∂L/∂h_{t−1} through this step, [B, H] */
  dhPrev: Float64Array;
  /** ∂L/∂weights of this step (added into `grads` when given) */
  grads: CellGrads;
}

/**
 * Backward of one RNN step. With a = W_ih x + b_ih + W_hh h_{t−1} + b_hh and
 * δ = ∂L/∂a = dh ⊙ φ'(a) (tanh' = 1 − h_t², ReLU' = [h_t > 0]):
 *
 *     ∂L/∂W_ih += δᵀ x,   ∂L/∂W_hh += δᵀ h_{t−1},   ∂L/∂b_ih = ∂L/∂b_hh += Σ_b δ,
 *     ∂L/∂x = δ W_ih,     ∂L/∂h_{t−1} = δ W_hh.
 *
 * @param h   the output h_t of `rnnStep` for the same inputs, [B, H]
 * @param dh  ∂L/∂h_t, [B, H]
 * @param grads buffers to add the weight gradients into (fresh zeros if left out)
 */
export function rnnStepBackward(
  w: CellWeights,
  x: Float64Array,
  hPrev: Float64Array,
  h: Float64Array,
  dh: Float64Array,
  nonlinearity: RnnNonlinearity = "tanh",
  gradsIn?: CellGrads,
): RnnStepGrads {
  if (nonlinearity !== "tanh" && nonlinearity !== "relu") badArgument("rnnStepBackward", "nonlinearity", '"tanh" or "relu"', nonlinearity);
  const where = "rnnStepBackward";
  const B = checkStepShapes(where, 1, w, x, hPrev);
  const k = getKernels();
  const H = w.hiddenSize;
  const D = w.inputSize;
  requireStepArray(where, "h", h, B * H, `[${B}, ${H}], the output of rnnStep`);
  requireStepArray(where, "dh", dh, B * H, `[${B}, ${H}]`);
  const grads = gradsIn === undefined ? zeroCellGrads(w) : requireCellGrads(where, "grads", gradsIn, w);
  const delta = new Float64Array(B * H);
  k.rnnActivateBackward(h, 0, dh, 0, delta, 0, B * H, nonlinearity === "relu");
  return linearCellBackward(w, 1, x, hPrev, delta, delta, B, grads, D, H);
}

/**
 * The shared linear part of every cell's backward: given the gradients of the
 * input part (dXPart = ∂L/∂(W_ih x + b_ih)) and the recurrent part
 * (dHPart = ∂L/∂(W_hh h + b_hh)), both [B, G·H], accumulate weight gradients and
 * return dx = dXPart W_ih and dhPrev = dHPart W_hh.
 */
export function linearCellBackward(
  w: CellWeights,
  gates: number,
  x: Float64Array,
  hPrev: Float64Array,
  dXPart: Float64Array,
  dHPart: Float64Array,
  B: number,
  grads: CellGrads,
  D: number,
  H: number,
): RnnStepGrads {
  const where = "linearCellBackward";
  const rows = checkStepShapes(where, gates, w, x, hPrev);
  if (B !== rows) badArgument(where, "B", `the batch size of x and hPrev (${rows})`, B);
  if (D !== w.inputSize) badArgument(where, "D", `w.inputSize (${w.inputSize})`, D);
  if (H !== w.hiddenSize) badArgument(where, "H", `w.hiddenSize (${w.hiddenSize})`, H);
  requireStepArray(where, "dXPart", dXPart, B * gates * H, `[${B}, ${gates * H}] ([B, gates·H])`);
  requireStepArray(where, "dHPart", dHPart, B * gates * H, `[${B}, ${gates * H}] ([B, gates·H])`);
  requireCellGrads(where, "grads", grads, w);
  const k = getKernels();
  const G = gates * H;
  k.matmulAccumulate(grads.weightIh, 0, dXPart, 0, x, 0, G, B, D, true, false);
  k.matmulAccumulate(grads.weightHh, 0, dHPart, 0, hPrev, 0, G, B, H, true, false);
  if (grads.biasIh) k.sumRowsAccumulate(grads.biasIh, 0, dXPart, 0, B, G);
  if (grads.biasHh) k.sumRowsAccumulate(grads.biasHh, 0, dHPart, 0, B, G);
  const dx = new Float64Array(B * D);
  const dhPrev = new Float64Array(B * H);
  k.matmulAccumulate(dx, 0, dXPart, 0, w.weightIh, 0, B, G, D, false, false);
  k.matmulAccumulate(dhPrev, 0, dHPart, 0, w.weightHh, 0, B, G, H, false, false);
  return { dx, dhPrev, grads };
}
