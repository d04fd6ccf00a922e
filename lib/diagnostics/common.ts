/**
 * Shared plumbing of the diagnostics: accept a recurrent layer or a SequenceModel,
 * and leave the parameters' gradients as they were.
 */
import { badArgument, requireInt } from "../core/errors";
import { Parameter } from "../core/parameter";
import { RecurrentLayer } from "../nn/recurrentLayer";
import { SequenceModel } from "../nn/sequenceModel";

/** What the diagnostics inspect: an RNN/LSTM/GRU layer or a SequenceModel (its recurrent stack). */
export type RecurrentNetwork = RecurrentLayer | SequenceModel;

/** The recurrent stack of a layer or a model. */
export function recurrentOf(where: string, net: unknown): RecurrentLayer {
  if (net instanceof SequenceModel) return net.recurrent;
  if (net instanceof RecurrentLayer) return net;
  return badArgument(where, "net", "an RNN, LSTM, GRU or SequenceModel", net);
}

/** A layer index in [0, numLayers) (default: the top layer). */
export function layerIndex(where: string, rnn: RecurrentLayer, layer: number | undefined): number {
  const l = requireInt(where, "layer", layer ?? rnn.numLayers - 1, 0);
  if (l >= rnn.numLayers) badArgument(where, "layer", `an integer in [0, ${rnn.numLayers - 1}]`, l);
  return l;
}

/** Runs `fn` and restores every parameter's gradient afterwards (diagnostics must not disturb training). */
export function withGradsRestored<T>(params: readonly Parameter[], fn: () => T): T {
  const saved = params.map((p) => Float64Array.from(p.grad));
  try {
    return fn();
  } finally {
    params.forEach((p, i) => p.grad.set(saved[i]));
  }
}
