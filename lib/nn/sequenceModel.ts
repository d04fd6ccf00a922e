/**
 * A recurrent stack + a linear readout + a loss: the model that tasks,
 * notebooks and experiments train.
 *
 *     h_1..h_T = RNN/LSTM/GRU(x_1..x_T)
 *     readout "last":  y_b = W_out h_last(b) + b_out            y [B, O]
 *     readout "every": y_{t,b} = W_out h_{t,b} + b_out          y [T, B, O]
 *     loss: "mse" (y vs targets), "bce" (sigmoid of y vs 0/1 targets),
 *           "ce" (softmax of y vs integer classes: targets [B] or [T, B]),
 *           "poisson" (y = log expected count vs counts ≥ 0: eʸ − count·y)
 *
 * h_last is the final state of the top layer (at t = L_b − 1 for a sequence of
 * length L_b); bidirectional stacks concatenate the forward direction's final
 * state with the reverse direction's state at t = 0 (both from hN, as in PyTorch).
 * Readout "every" averages the loss over valid steps only.
 * Parameter names: "rnn.weight_ih_l0", ..., "head.weight", "head.bias".
 */
import { requireOptions, requireSize } from "../core/options";
import { RnnlabError, badArgument, requireInt, requireOneOf } from "../core/errors";
import { LossAndGrad, Parameter, StateDict, loadStateDictInto, stateDictOf } from "../core/parameter";
import { Rng, rngOrDefault } from "../core/random";
import { Linear } from "./linear";
import { LossResult, bceWithLogitsLoss, crossEntropyLoss, mseLoss, poissonNllLoss } from "./losses";
import { RecurrentCellType, RecurrentForwardOptions, RecurrentLayer, createRecurrentLayer } from "./recurrentLayer";
import { SequenceBatch, sequenceMask } from "./sequenceBatch";

/** "mse", "bce" (binary cross-entropy on logits), "ce" (softmax cross-entropy) or "poisson" (log-rate outputs, count targets). */
export type SequenceLossType = "mse" | "bce" | "ce" | "poisson";
/** Read out the last valid state of each sequence, or every step. */
export type ReadoutType = "last" | "every";

/** Configuration of a SequenceModel. */
export interface SequenceModelOptions {
  cell: RecurrentCellType;
  inputSize: number;
  hiddenSize: number;
  /** outputs per readout (for "ce": the number of classes) */
  outputSize: number;
  numLayers?: number;
  bidirectional?: boolean;
  /** RNN only: "tanh" (default) or "relu" */
  nonlinearity?: "tanh" | "relu";
  /** LSTM only: added to the forget-gate bias at initialisation */
  forgetBias?: number;
  /** default "last" */
  readout?: ReadoutType;
  /** default "mse" */
  loss?: SequenceLossType;
  rng?: Rng;
}

/** Targets: numbers [B, O] / [T, B, O] for mse, bce and poisson (counts), integer classes [B] / [T, B] for ce. */
export type SequenceTarget = ArrayLike<number>;

/**
 * Recurrent layer(s) + linear head + loss, with exact gradients.
 *
 * @example
 * ```ts
 * import { SequenceModel, Rng, sequenceBatchFromArrays } from "rnnlab";
 * const model = new SequenceModel({ cell: "lstm", inputSize: 4, hiddenSize: 16, outputSize: 4, readout: "every", loss: "ce", rng: new Rng(1) });
 * const batch = sequenceBatchFromArrays([[[1, 0, 0, 0], [0, 1, 0, 0]]]);  // one sequence of two one-hot symbols
 * const loss = model.lossAndGrad(batch, [1, 2]);                        // target class at each step
 * const classes = model.predictClasses(batch);                          // [T·B] most likely classes
 * ```
 */
export class SequenceModel {
  readonly recurrent: RecurrentLayer;
  readonly head: Linear;
  readonly readout: ReadoutType;
  readonly lossType: SequenceLossType;
  readonly outputSize: number;
  readonly label: string;
  /** final states of the last forward pass ([numLayers·dirs, B, H]), e.g. to carry over in truncated BPTT */
  lastState: { hN: Float64Array; cN?: Float64Array } | null = null;
  private lastFeatures = new Float64Array(0);
  private lastBatch: SequenceBatch | null = null;

  constructor(options: SequenceModelOptions) {
    const o = requireOptions("SequenceModel", options, ["cell", "inputSize", "hiddenSize", "outputSize", "numLayers", "bidirectional", "nonlinearity", "forgetBias", "readout", "loss", "rng"], {
      expected: "an object {cell, inputSize, hiddenSize, outputSize, ...}",
      unsupported: { input_size: "write inputSize (camelCase)", hidden_size: "write hiddenSize (camelCase)", num_layers: "write numLayers (camelCase)" },
    });
    this.label = `SequenceModel(cell=${o.cell}, inputSize=${o.inputSize}, hiddenSize=${o.hiddenSize}, outputSize=${o.outputSize})`;
    this.outputSize = requireSize(this.label, "outputSize", o.outputSize);
    this.readout = requireOneOf(this.label, "readout", o.readout ?? "last", ["last", "every"] as const);
    this.lossType = requireOneOf(this.label, "loss", o.loss ?? "mse", ["mse", "bce", "ce", "poisson"] as const);
    if (this.lossType === "ce" && this.outputSize < 2) badArgument(this.label, "outputSize", "at least 2 classes for loss \"ce\"", o.outputSize);
    const rng = rngOrDefault(o.rng);
    this.recurrent = createRecurrentLayer(o.cell, {
      inputSize: o.inputSize,
      hiddenSize: o.hiddenSize,
      numLayers: o.numLayers,
      bidirectional: o.bidirectional,
      nonlinearity: o.nonlinearity,
      forgetBias: o.forgetBias,
      namePrefix: "rnn.",
      rng,
    });
    const features = this.recurrent.numDirections * this.recurrent.hiddenSize;
    this.head = new Linear(features, this.outputSize, { namePrefix: "head.", rng });
  }

  parameters(): Parameter[] {
    return [...this.recurrent.parameters(), ...this.head.parameters()];
  }

  stateDict(): StateDict {
    return stateDictOf(this.parameters());
  }

  loadStateDict(state: StateDict, strict = true): void {
    loadStateDictInto(this.label, this.parameters(), state, strict);
  }

  /** Rows of the readout: B ("last") or T·B ("every"). */
  outputRows(batch: SequenceBatch): number {
    return this.readout === "last" ? batch.B : batch.T * batch.B;
  }

  /**
   * Head outputs (for "bce"/"ce": logits): [B, O] for readout "last", [T, B, O]
   * for "every" (padded steps included; their values are meaningless).
   */
  forward(batch: SequenceBatch, state: RecurrentForwardOptions = {}): Float64Array {
    const r = this.recurrent.forward(batch, state);
    this.lastState = r.cN ? { hN: r.hN, cN: r.cN } : { hN: r.hN };
    this.lastBatch = batch;
    this.lastFeatures = this.readout === "last" ? this.lastStateFeatures(r.hN, batch.B) : r.output;
    return this.head.forward(this.lastFeatures);
  }

  /** Raw head outputs, as `forward`. */
  predict(batch: SequenceBatch, state: RecurrentForwardOptions = {}): Float64Array {
    return this.forward(batch, state);
  }

  /**
   * Predicted classes: argmax per row ("ce", [rows]) or logit > 0 per entry ("bce", [rows, O]).
   */
  predictClasses(batch: SequenceBatch): number[] {
    if (this.lossType === "mse" || this.lossType === "poisson") throw new RnnlabError(`${this.label}.predictClasses: needs loss "ce" or "bce", the model has "${this.lossType}"`);
    return classesFromOutputs(this.forward(batch), this.lossType, this.outputSize);
  }

  /** Fraction of correct predictions over valid rows ("ce": classes; "bce": entries). */
  accuracy(batch: SequenceBatch, target: SequenceTarget): number {
    const pred = this.predictClasses(batch);
    this.checkTarget(batch, target);
    const mask = this.rowMask(batch);
    const per = pred.length / this.outputRows(batch);
    let right = 0;
    let total = 0;
    for (let i = 0; i < pred.length; i++) {
      const m = mask ? mask[Math.floor(i / per)] : 1;
      if (m === 0) continue;
      total++;
      if (pred[i] === target[i]) right++;
    }
    return right / total;
  }

  /** The loss for the batch (no gradients). */
  loss(batch: SequenceBatch, target: SequenceTarget, state: RecurrentForwardOptions = {}): number {
    const y = this.forward(batch, state);
    return this.lossOf(batch, y, target).loss;
  }

  /**
   * The loss, and *adds* ∂loss/∂θ into every parameter's grad (zeroes nothing).
   * Optional initial states h0/c0 (e.g. carried over in truncated BPTT).
   */
  lossAndGrad(batch: SequenceBatch, target: SequenceTarget, state: RecurrentForwardOptions = {}): number {
    const y = this.forward(batch, state);
    const { loss, grad } = this.lossOf(batch, y, target);
    const dFeatures = this.head.backward(grad);
    if (this.readout === "every") {
      this.recurrent.backward({ dOutput: dFeatures });
    } else {
      this.recurrent.backward({ dhN: this.lastStateGradToHN(dFeatures, batch.B) });
    }
    return loss;
  }

  /** A LossAndGrad closure for one batch (for gradCheck, optimizers, training loops). */
  lossAndGradFn(batch: SequenceBatch, target: SequenceTarget): LossAndGrad {
    return () => this.lossAndGrad(batch, target);
  }

  // ---------------------------------------------------------------- internals

  private rowMask(batch: SequenceBatch): Float64Array | undefined {
    return this.readout === "every" && batch.lengths ? sequenceMask(batch) : undefined;
  }

  private checkTarget(batch: SequenceBatch, target: SequenceTarget): void {
    const rows = this.outputRows(batch);
    const n = this.lossType === "ce" ? rows : rows * this.outputSize;
    const shape = this.readout === "last" ? `[B=${batch.B}${this.lossType === "ce" ? "" : `, ${this.outputSize}`}]` : `[T=${batch.T}, B=${batch.B}${this.lossType === "ce" ? "" : `, ${this.outputSize}`}]`;
    if (!target || typeof target.length !== "number" || target.length !== n) {
      throw new RnnlabError(`${this.label}: target must have shape ${shape} (${n} entries), got ${target && typeof target.length === "number" ? `length ${target.length}` : String(target)}`);
    }
  }

  private lossOf(batch: SequenceBatch, y: Float64Array, target: SequenceTarget): LossResult {
    this.checkTarget(batch, target);
    const mask = this.rowMask(batch);
    if (this.lossType === "ce") return crossEntropyLoss(y, target, mask);
    if (this.lossType === "bce") return bceWithLogitsLoss(y, target, mask);
    if (this.lossType === "poisson") return poissonNllLoss(y, target, mask);
    return mseLoss(y, target, mask);
  }

  /** [B, dirs·H] from the top layer's rows of hN. */
  private lastStateFeatures(hN: Float64Array, B: number): Float64Array {
    const { numLayers, numDirections: dirs, hiddenSize: H } = this.recurrent;
    const f = new Float64Array(B * dirs * H);
    for (let d = 0; d < dirs; d++) {
      const row = ((numLayers - 1) * dirs + d) * B * H;
      for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) f[b * dirs * H + d * H + j] = hN[row + b * H + j];
    }
    return f;
  }

  /** The inverse scatter: ∂L/∂features [B, dirs·H] into ∂L/∂hN [numLayers·dirs, B, H]. */
  private lastStateGradToHN(dF: Float64Array, B: number): Float64Array {
    const { numLayers, numDirections: dirs, hiddenSize: H } = this.recurrent;
    const dhN = new Float64Array(numLayers * dirs * B * H);
    for (let d = 0; d < dirs; d++) {
      const row = ((numLayers - 1) * dirs + d) * B * H;
      for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) dhN[row + b * H + j] = dF[b * dirs * H + d * H + j];
    }
    return dhN;
  }
}

/**
 * Classes from a model's raw outputs: argmax per row of [rows, O] logits ("ce"),
 * or logit > 0 per entry ("bce").
 */
export function classesFromOutputs(outputs: Float64Array, lossType: "ce" | "bce", outputSize: number): number[] {
  const where = "classesFromOutputs";
  if (!(outputs instanceof Float64Array)) badArgument(where, "outputs", "a Float64Array [rows, outputSize]", outputs);
  requireOneOf(where, "lossType", lossType, ["ce", "bce"] as const);
  if (lossType === "ce") {
    requireInt(where, "outputSize", outputSize, 1);
    if (outputs.length % outputSize !== 0) badArgument(where, "outputs", `a length that is a multiple of outputSize = ${outputSize}`, outputs);
  }
  if (lossType === "bce") return Array.from(outputs, (v) => (v > 0 ? 1 : 0));
  const out: number[] = [];
  for (let r = 0; r < outputs.length / outputSize; r++) {
    let best = 0;
    for (let j = 1; j < outputSize; j++) if (outputs[r * outputSize + j] > outputs[r * outputSize + best]) best = j;
    out.push(best);
  }
  return out;
}
