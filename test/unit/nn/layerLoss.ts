/**
 * Shared by the layers' gradient tests (test/unit/nn, and the float32 kernel tests in
 * test/unit/kernels): the four recurrent cells, and a loss that reaches every output and state.
 */
import { Rng } from "../../../lib/core/random";
import { GRU, LSTM, RNN, RecurrentLayer } from "../../../lib/nn/recurrentLayer";
import { SequenceBatch } from "../../../lib/nn/sequenceBatch";

export type MakeLayer = (o: { inputSize: number; hiddenSize: number; numLayers: number; bidirectional: boolean; rng: Rng }) => RecurrentLayer;

/** [name, constructor, is it an LSTM] */
export const RECURRENT_CELLS: [string, MakeLayer, boolean][] = [
  ["rnn tanh", (o) => new RNN(o), false],
  ["rnn relu", (o) => new RNN({ ...o, nonlinearity: "relu" }), false],
  ["lstm", (o) => new LSTM(o), true],
  ["gru", (o) => new GRU(o), false],
];

/**
 * Loss L = Σ U ⊙ output + Σ V ⊙ hN (+ Σ W ⊙ cN): every output and state gets a random upstream
 * gradient; with `withState`, h0 (and c0) are given too. The returned function runs forward and
 * backward (accumulating the gradients) and returns L.
 */
export function layerLoss(layer: RecurrentLayer, batch: SequenceBatch, rng: Rng, withState = true): () => number {
  const H = layer.hiddenSize;
  const LD = layer.numLayers * layer.numDirections;
  const U = rng.normalArray(batch.T * batch.B * layer.numDirections * H);
  const V = rng.normalArray(LD * batch.B * H);
  const W = rng.normalArray(LD * batch.B * H);
  const h0 = withState ? rng.normalArray(LD * batch.B * H, 0, 0.5) : undefined;
  const isLstm = layer.cellType === "lstm";
  const c0 = withState && isLstm ? rng.normalArray(LD * batch.B * H, 0, 0.5) : undefined;
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i], 0);
  return () => {
    const r = layer.forward(batch, { h0, c0 });
    let L = dot(r.output, U) + dot(r.hN, V);
    if (r.cN) L += dot(r.cN, W);
    layer.backward({ dOutput: U, dhN: V, ...(isLstm ? { dcN: W } : {}) });
    return L;
  };
}
