/**
 * A ContinualTask for the engine's `SequenceModel` (recurrent stack + linear head +
 * loss): one fixed batch of sequences and its targets. Per-example gradients (for
 * the Fisher information and OGD) come from slicing the batch one sequence at a time.
 */
import { RnnlabError, badArgument, requireInt } from "../core/errors";
import { SequenceModel, SequenceTarget } from "../nn/sequenceModel";
import { SequenceBatch } from "../nn/sequenceBatch";
import { ContinualTask } from "./task";
import { requireOptions } from "../core/options";

/** Configuration of `sequenceModelTask`. */
export interface SequenceModelTaskConfig {
  name: string;
  /** Inputs [T, B, D] (time-major). */
  batch: SequenceBatch;
  /** Targets as `SequenceModel.lossAndGrad` takes them ([B] / [B, O] / [T, B] / [T, B, O]). */
  target: SequenceTarget;
  /** Output size O (classes for "ce"). */
  outputSize: number;
  /** Readout of the models it will be used with (default "last"); needed to slice targets. */
  readout?: "last" | "every";
  /** True when the targets are class indices (loss "ce"; default false: O numbers per row). */
  classTargets?: boolean;
  /** Give the task an accuracy (models with loss "ce" or "bce"; default: classTargets). */
  withAccuracy?: boolean;
}

/** Sequence b of a batch as a batch of one. */
export function sliceSequence(batch: SequenceBatch, b: number): SequenceBatch {
  if (!batch || typeof batch !== "object" || !(batch.x instanceof Float64Array)) badArgument("sliceSequence", "batch", "a SequenceBatch {x, T, B, D}", batch);
  const { T, B, D } = batch;
  requireInt("sliceSequence", "batch.T", T, 1);
  requireInt("sliceSequence", "batch.B", B, 1);
  requireInt("sliceSequence", "batch.D", D, 1);
  if (batch.x.length !== T * B * D) badArgument("sliceSequence", "batch.x", `length T·B·D = ${T * B * D}`, batch.x);
  requireInt("sliceSequence", "b", b, 0);
  if (b >= B) badArgument("sliceSequence", "b", `an integer in [0, ${B - 1}] (batch.B = ${B})`, b);
  const x = new Float64Array(T * D);
  for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) x[t * D + d] = batch.x[(t * B + b) * D + d];
  return batch.lengths ? { x, T, B: 1, D, lengths: [batch.lengths[b]] } : { x, T, B: 1, D };
}

/** The task "fit this batch" for SequenceModels; accuracy when the model's loss is "ce" or "bce". */
export function sequenceModelTask(config: SequenceModelTaskConfig): ContinualTask<SequenceModel> {
  const where = "sequenceModelTask";
  requireOptions(where, config, ["name", "batch", "target", "outputSize", "readout", "classTargets", "withAccuracy"], { name: "config", expected: "{ name, batch, target, outputSize }" });
  const { name, batch, target } = config;
  if (typeof name !== "string" || !name) badArgument(where, "config.name", "a non-empty string", name);
  if (!batch || !(batch.x instanceof Float64Array)) badArgument(where, "config.batch", "a SequenceBatch {x, T, B, D}", batch);
  const O = requireInt(where, "config.outputSize", config.outputSize);
  const readout = config.readout ?? "last";
  const per = config.classTargets ? 1 : O;
  const rows = readout === "last" ? batch.B : batch.T * batch.B;
  if (!target || target.length !== rows * per) badArgument(where, "config.target", `${rows * per} entries (${readout} readout, ${rows} rows × ${per})`, target);
  const check = (m: SequenceModel): void => {
    if (m.recurrent.inputSize !== batch.D || m.outputSize !== O || m.readout !== readout) {
      throw new RnnlabError(
        `${where} "${name}": the model must take ${batch.D} inputs, give ${O} outputs with readout "${readout}", ` +
          `got ${m.recurrent.inputSize} inputs, ${m.outputSize} outputs, readout "${m.readout}"`,
      );
    }
  };
  const examples = new Map<number, { batch: SequenceBatch; target: Float64Array }>();
  const example = (b: number) => {
    let e = examples.get(b);
    if (!e) {
      const tgt: number[] = [];
      if (readout === "last") for (let k = 0; k < per; k++) tgt.push(target[b * per + k]);
      else for (let t = 0; t < batch.T; t++) for (let k = 0; k < per; k++) tgt.push(target[(t * batch.B + b) * per + k]);
      e = { batch: sliceSequence(batch, b), target: Float64Array.from(tgt) };
      examples.set(b, e);
    }
    return e;
  };
  return {
    name,
    inputSize: batch.D,
    outputSize: O,
    exampleCount: batch.B,
    lossAndGrad: (m) => {
      check(m);
      return m.lossAndGrad(batch, target);
    },
    loss: (m) => {
      check(m);
      return m.loss(batch, target);
    },
    accuracy: config.withAccuracy ?? config.classTargets
      ? (m) => {
          check(m);
          if (m.lossType === "mse" || m.lossType === "poisson") throw new RnnlabError(`${where} "${name}": accuracy needs a model with loss "ce" or "bce", got "${m.lossType}"`);
          return m.accuracy(batch, target);
        }
      : undefined,
    exampleLossAndGrad: (m, b) => {
      check(m);
      requireInt(where, "index", b, 0);
      if (b >= batch.B) badArgument(where, "index", `an integer < ${batch.B}`, b);
      const e = example(b);
      return m.lossAndGrad(e.batch, e.target);
    },
  };
}
