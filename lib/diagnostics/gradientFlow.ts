/**
 * The gradient-flow curve: how much of the loss gradient reaches each time step.
 *
 * For a loss L and hidden states h_0 … h_{T−1}, BPTT computes
 *
 *     ∂L/∂h_t = ∂ℓ_t/∂h_t + (∂h_{t+1}/∂h_t)ᵀ ∂L/∂h_{t+1}
 *
 * (for the LSTM, with the cell state c_t held fixed; the cell path enters through
 * ∂L/∂c_t). The norms ‖∂L/∂h_t‖ over t show vanishing (decay towards early steps)
 * or exploding (growth) gradients directly. For a linear RNN h_t = W h_{t−1} + …
 * with W = λI and a loss on the last state only, ‖∂L/∂h_t‖ = λ^{T−1−t} ‖∂L/∂h_{T−1}‖.
 */
import { RnnlabError, badArgument } from "../core/errors";
import { SequenceModel, SequenceTarget } from "../nn/sequenceModel";
import { SequenceBatch } from "../nn/sequenceBatch";
import { RecurrentNetwork, layerIndex, recurrentOf, withGradsRestored } from "./common";
import { checkOptions } from "../core/options";

/** Options of `gradientFlow`. */
export interface GradientFlowOptions {
  /** With a SequenceModel: the targets; the gradient is that of the model's loss. */
  target?: SequenceTarget;
  /** Upstream gradient at the final states [numLayers·dirs, B, H] (with a layer; default: see `gradientFlow`). */
  dhN?: Float64Array;
  /** Upstream gradient on the outputs [T, B, dirs·H] (with a layer). */
  dOutput?: Float64Array;
  /** Initial states [numLayers·dirs, B, H] (zeros by default). */
  h0?: Float64Array;
  c0?: Float64Array;
  /** Which layer (default: the top one). */
  layer?: number;
  /** Which direction: 0 (forward, default) or 1 (reverse). */
  direction?: number;
}

/** The gradient-flow curve. */
export interface GradientFlowResult {
  /** Time steps 0 … T−1. */
  t: number[];
  /** ‖∂L/∂h_t‖ over the whole batch (Frobenius norm of the [B, H] slice). */
  norm: number[];
  /** norm[t] / norm[T−1] for the forward direction (norm[t] / norm[0] for the reverse one): the decay factor (divided by the largest norm instead if that end norm is 0). */
  relative: number[];
  /** ‖∂L/∂h_t^{(b)}‖ per sequence: perSequence[b][t]. */
  perSequence: number[][];
  /** The loss, when a SequenceModel and target were given. */
  loss?: number;
}

/**
 * The norm of ∂L/∂h_t for every time step t, from one forward and backward pass.
 *
 * - `gradientFlow(model, batch, { target })`: the gradient of the model's loss;
 * - `gradientFlow(layer, batch, { dhN })` or `{ dOutput }`: of a given upstream gradient;
 * - `gradientFlow(layer, batch)`: a unit-norm gradient injected at the final hidden state
 *   of the chosen layer (every entry 1/√(B·H)): how a loss on the last state flows back.
 *
 * Parameter gradients are left exactly as they were.
 */
export function gradientFlow(net: RecurrentNetwork, batch: SequenceBatch, options: GradientFlowOptions = {}): GradientFlowResult {
  const where = "gradientFlow";
  checkOptions(where, options, ["target", "dhN", "dOutput", "h0", "c0", "layer", "direction"]);
  const rnn = recurrentOf(where, net);
  const l = layerIndex(where, rnn, options.layer);
  const dir = options.direction ?? 0;
  if (dir !== 0 && dir !== 1) badArgument(where, "direction", "0 or 1", dir);
  if (dir === 1 && !rnn.bidirectional) badArgument(where, "direction", "0 (the network is not bidirectional)", dir);
  const state = { ...(options.h0 ? { h0: options.h0 } : {}), ...(options.c0 ? { c0: options.c0 } : {}) };
  const usesTarget = options.target !== undefined;
  if (usesTarget && !(net instanceof SequenceModel)) badArgument(where, "target", "left out with a bare recurrent layer (give dhN or dOutput)", options.target);
  if (usesTarget && (options.dhN || options.dOutput)) throw new RnnlabError(`${where}: give either target (model loss) or dhN/dOutput (upstream gradient), not both`);

  const params = net instanceof SequenceModel ? net.parameters() : rnn.parameters();
  let loss: number | undefined;
  withGradsRestored(params, () => {
    if (usesTarget) {
      loss = (net as SequenceModel).lossAndGrad(batch, options.target!, state);
      return;
    }
    rnn.forward(batch, state);
    const H = rnn.hiddenSize;
    const LD = rnn.numLayers * rnn.numDirections;
    let dhN = options.dhN;
    if (!options.dhN && !options.dOutput) {
      dhN = new Float64Array(LD * batch.B * H);
      const row = (l * rnn.numDirections + dir) * batch.B * H;
      dhN.fill(1 / Math.sqrt(batch.B * H), row, row + batch.B * H);
    }
    rnn.backward({ ...(dhN ? { dhN } : {}), ...(options.dOutput ? { dOutput: options.dOutput } : {}) });
  });

  const g = rnn.hiddenStateGrads(l, dir); // [T, B, H]
  const { T, B } = batch;
  const H = rnn.hiddenSize;
  const norm: number[] = [];
  const perSequence: number[][] = Array.from({ length: B }, () => []);
  for (let t = 0; t < T; t++) {
    let total = 0;
    for (let b = 0; b < B; b++) {
      let s = 0;
      const off = (t * B + b) * H;
      for (let j = 0; j < H; j++) s += g[off + j] * g[off + j];
      perSequence[b].push(Math.sqrt(s));
      total += s;
    }
    norm.push(Math.sqrt(total));
  }
  // Relative to the step where the gradient enters (the last step; the first for the reverse
  // direction); if no gradient enters there, relative to the largest norm (all zeros stay zeros).
  const max = Math.max(...norm);
  const end = dir === 0 ? norm[T - 1] : norm[0];
  const ref = end > 0 ? end : max > 0 ? max : 1;
  return {
    t: norm.map((_, t) => t),
    norm,
    relative: norm.map((v) => v / ref),
    perSequence,
    ...(loss !== undefined ? { loss } : {}),
  };
}
