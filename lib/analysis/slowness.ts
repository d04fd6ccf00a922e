/**
 * Training with a slowness penalty on the hidden states (an activity regulariser, as in
 * Sussillo & Barak 2013's use of slow dynamics): for a SequenceModel with readout "every",
 *
 *     L = task loss + λ · 1/((T−1)·B) · Σ_{t≥1} Σ_b ‖h_t(b) − h_{t−1}(b)‖².
 *
 * Without it a discrete-time tanh RNN can solve a memory task with states that flip every
 * step (period-2 cycles the readout ignores); the penalty makes the memories fixed points,
 * which is what fixed-point analysis looks for. The gradient is exact: the penalty adds
 * 2λ(h_t − h_{t−1})/((T−1)B) to ∂L/∂h_t and subtracts it from ∂L/∂h_{t−1}.
 */
import { badArgument, requireFinite } from "../core/errors";
import { SequenceBatch } from "../nn/sequenceBatch";
import { SequenceModel } from "../nn/sequenceModel";
import { bceWithLogitsLoss, crossEntropyLoss, mseLoss } from "../nn/losses";
import { checkOptions } from "../core/options";

/** Options of `slownessLossAndGrad`. */
export interface SlownessOptions {
  /** λ ≥ 0, the weight of the penalty (default 0.1). */
  slowness?: number;
}

/**
 * The task loss plus the slowness penalty of a single-layer SequenceModel with readout "every";
 * *adds* the gradients into the parameters' grad (as `model.lossAndGrad`). Returns both parts.
 */
export function slownessLossAndGrad(model: SequenceModel, batch: SequenceBatch, target: ArrayLike<number>, options: SlownessOptions = {}): { loss: number; taskLoss: number; penalty: number } {
  checkOptions("slownessLossAndGrad", options, ["slowness"]);
  const where = "slownessLossAndGrad";
  if (!(model instanceof SequenceModel)) badArgument(where, "model", "a SequenceModel", model);
  if (model.readout !== "every") badArgument(where, "model.readout", '"every"', model.readout);
  if (model.recurrent.numLayers !== 1 || model.recurrent.numDirections !== 1) badArgument(where, "model", "a single-layer unidirectional model", model.label);
  if (batch && batch.lengths) badArgument(where, "batch.lengths", "absent (equal-length sequences)", batch.lengths);
  const lambda = requireFinite(where, "slowness", options.slowness ?? 0.1, 0);
  const r = model.recurrent.forward(batch);
  const states = Float64Array.from(r.output);
  const y = model.head.forward(states);
  const lossFn = model.lossType === "mse" ? mseLoss : model.lossType === "bce" ? bceWithLogitsLoss : crossEntropyLoss;
  const task = lossFn(y, target);
  const dStates = model.head.backward(task.grad);
  const { T, B } = batch;
  const H = model.recurrent.hiddenSize;
  let penalty = 0;
  if (T > 1 && lambda > 0) {
    const scale = lambda / ((T - 1) * B);
    for (let t = 1; t < T; t++) {
      for (let i = 0; i < B * H; i++) {
        const cur = t * B * H + i;
        const prev = cur - B * H;
        const d = states[cur] - states[prev];
        penalty += scale * d * d;
        dStates[cur] += 2 * scale * d;
        dStates[prev] -= 2 * scale * d;
      }
    }
  }
  model.recurrent.backward({ dOutput: dStates });
  return { loss: task.loss + penalty, taskLoss: task.loss, penalty };
}
