/**
 * The training step that the speed benchmark times (issue 3, part 8):
 * an LSTM over the sequence, a linear head on the last state, MSE, and a
 * plain SGD update — forward + backward + update.
 *
 *     FLOPs per step ≈ 3 · 2 · 4·H·(H + D) · B · T
 *     (forward, and the two backward products, of the four gates' matrix products)
 */
import { requireInt, requirePositive } from "../core/errors";
import { Parameter, zeroGrad } from "../core/parameter";
import { Rng, rngOrDefault } from "../core/random";
import { SequenceBatch } from "./sequenceBatch";
import { SequenceModel } from "./sequenceModel";
import { checkOptions } from "../core/options";

/** Sizes of the benchmark step. */
export interface LstmBenchmarkOptions {
  hiddenSize: number;
  batchSize: number;
  seqLength: number;
  inputSize: number;
  /** SGD step size (default 0.01) */
  learningRate?: number;
  /** replaces the plain SGD update, e.g. an optimizer's step (called after the gradients are complete) */
  update?: (params: Parameter[]) => void;
  rng?: Rng;
}

/** A ready-to-time training step. */
export interface LstmBenchmarkStep {
  /** one forward + backward + update; returns the loss before the update */
  step(): number;
  model: SequenceModel;
  batch: SequenceBatch;
  target: Float64Array;
  /** 3·2·4·H·(H+D)·B·T */
  flopsPerStep: number;
  /** activations kept for BPTT per time step (bytes) */
  activationBytesPerStep: number;
}

/** Builds the benchmark's LSTM training step on random data (seeded). */
export function lstmBenchmarkStep(options: LstmBenchmarkOptions): LstmBenchmarkStep {
  checkOptions("lstmBenchmarkStep", options, ["hiddenSize", "batchSize", "seqLength", "inputSize", "learningRate", "update", "rng"]);
  const where = "lstmBenchmarkStep";
  const H = requireInt(where, "hiddenSize", options.hiddenSize);
  const B = requireInt(where, "batchSize", options.batchSize);
  const T = requireInt(where, "seqLength", options.seqLength);
  const D = requireInt(where, "inputSize", options.inputSize);
  const lr = requirePositive(where, "learningRate", options.learningRate ?? 0.01);
  const rng = rngOrDefault(options.rng);
  const model = new SequenceModel({ cell: "lstm", inputSize: D, hiddenSize: H, outputSize: 1, readout: "last", loss: "mse", rng });
  const batch: SequenceBatch = { x: rng.normalArray(T * B * D), T, B, D };
  const target = rng.normalArray(B);
  const params = model.parameters();
  const update =
    options.update ??
    ((ps: Parameter[]) => {
      for (const p of ps) for (let i = 0; i < p.data.length; i++) p.data[i] -= lr * p.grad[i];
    });
  return {
    step() {
      zeroGrad(params);
      const loss = model.lossAndGrad(batch, target);
      update(params);
      return loss;
    },
    model,
    batch,
    target,
    flopsPerStep: 3 * 2 * 4 * H * (H + D) * B * T,
    activationBytesPerStep: model.recurrent.activationBytesPerStep(B),
  };
}
