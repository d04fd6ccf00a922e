/**
 * Sequence classifiers for the task experiments, and a small training loop.
 *
 * `RecurrentClassifier`: a recurrent layer (engine's RNN/LSTM/GRU, optionally
 * bidirectional) read out at one time step per sequence, then a head:
 *
 *   features f = [h→_{t→}; h←_{t←}]     (forward state at t→, reverse state at t←)
 *   readAt "last":   t→ = L−1, t← = 0          (each direction has read the whole sequence)
 *   readAt "middle": t→ = ⌈L/2⌉−1, t← = ⌊L/2⌋  (forward has read the first half,
 *                    reverse the second half backwards: for a palindrome the two
 *                    directions have read the *same* symbols in the same order)
 *   y = W_o tanh(W_r f + b_r) + b_o    (readoutHidden R > 0; y = W_o f + b_o when R = 0)
 *
 * A unidirectional layer has only h→. Output: one logit per sequence (loss: binary
 * cross-entropy with logits).
 */
import { RnnlabError, badArgument, requireFinite, requireInt, requireObject, requireOneOf, requirePositive } from "../core/errors";
import { Parameter, countParameters, createParameter, zeroGrad } from "../core/parameter";
import { Rng, rngOrDefault } from "../core/random";
import { bceWithLogitsLoss } from "../nn/losses";
import { RecurrentCellType, RecurrentLayer, createRecurrentLayer } from "../nn/recurrentLayer";
import { SequenceBatch } from "../nn/sequenceBatch";
import { Adam } from "../training/optimizers";
import { clipGradNorm } from "../training/clipping";
import { selectBatchRows } from "./batch";
import { checkOptions, requireIntInRange, requireOptions, requireSize } from "../core/options";
import { requireIntArray, requireModelArg } from "../core/argChecks";

/** Where the classifier reads the recurrent states. */
export type ReadPosition = "last" | "middle";

/** Configuration of a `RecurrentClassifier`. */
export interface RecurrentClassifierConfig {
  cell: RecurrentCellType;
  inputSize: number;
  hiddenSize: number;
  bidirectional?: boolean;
  /** "last" (default) or "middle". */
  readAt?: ReadPosition;
  /** Units of the tanh layer before the output (default 16; 0 = linear readout). */
  readoutHidden?: number;
  /**
   * Bidirectional only: the reverse direction shares the forward direction's weights
   * (gradients of each pair are summed), so both directions encode a sequence the same way
   * and, read at the middle, a palindrome gives two identical states (default false).
   */
  tieDirections?: boolean;
  /**
   * Bidirectional, readAt "middle" only: the features are the squared differences
   * (h→_j − h←_j)² of the two directions' states instead of their concatenation, so the
   * head sees directly how different the two halves' encodings are (default false).
   */
  compareHalves?: boolean;
  /**
   * Scale g of the tanh layer's initial weights, U(−g/√F, g/√F) (default 4). Recurrent
   * states are small at initialisation (|h| ≈ 0.1); with g = 1 the tanh layer starts almost
   * linear and an XOR-like interaction between two features sits on a long plateau.
   */
  readoutGain?: number;
  /**
   * Memory bias b at initialisation (LSTM and GRU only; default 0): added to the LSTM
   * forget-gate bias, or to the GRU update-gate (z) bias — in the GRU h' = (1 − z) n + z h,
   * so a positive b keeps the state. At init a gate of bias b keeps a fraction σ(b) of the
   * state per step: a memory time constant of about 1/(1 − σ(b)) steps
   * (b = 1: 3.7 steps, b = 3: 21 steps).
   */
  forgetBias?: number;
  /**
   * LSTM only: added to the input-gate bias at initialisation (default 0). With
   * `forgetBias: b, inputGateBias: −b` the cell starts like a leaky integrator that keeps
   * σ(b) of its memory and writes only σ(−b) = 1 − σ(b) of each new input — the GRU's coupled
   * gates, and the "chrono" initialisation of Tallec & Ollivier (ICLR 2018) with a single
   * time constant. Without it a strongly open forget gate also accumulates every input at
   * full weight, and the remembered first residue drowns in the sum.
   */
  inputGateBias?: number;
  rng?: Rng;
}

/** A model the experiments can train: parameters, loss with gradients, accuracy. */
export interface TrainableClassifier {
  parameters(): Parameter[];
  lossAndGrad(batch: SequenceBatch, target: ArrayLike<number>): number;
  accuracy(batch: SequenceBatch, target: ArrayLike<number>): number;
}

/**
 * Recurrent layer read out at one step per sequence + tanh head, binary output.
 *
 * @example
 * ```ts
 * import { RecurrentClassifier, Rng, generateProteins, labeledBatch } from "rnnlab";
 * const data = labeledBatch(generateProteins(8, { separation: 3, flank: 0 }, new Rng(1)), 20);  // 20 amino acids, one-hot
 * const clf = new RecurrentClassifier({ cell: "gru", inputSize: 20, hiddenSize: 8, bidirectional: true, rng: new Rng(2) });
 * const loss = clf.lossAndGrad(data.batch, data.labels);
 * const accuracy = clf.accuracy(data.batch, data.labels);
 * ```
 */
export class RecurrentClassifier implements TrainableClassifier {
  readonly recurrent: RecurrentLayer;
  readonly readAt: ReadPosition;
  readonly readoutHidden: number;
  readonly label: string;
  readonly tieDirections: boolean;
  readonly compareHalves: boolean;
  private readonly tiedPairs: [Parameter, Parameter][] = [];
  private readonly hid: { w: Parameter; b: Parameter } | null;
  private readonly out: { w: Parameter; b: Parameter };
  private cache: { batch: SequenceBatch; f: Float64Array; u: Float64Array; tf: number[]; tb: number[]; states: Float64Array } | null = null;

  constructor(config: RecurrentClassifierConfig) {
    requireOptions("RecurrentClassifier", config, ["cell", "inputSize", "hiddenSize", "bidirectional", "readAt", "readoutHidden", "tieDirections", "compareHalves", "readoutGain", "forgetBias", "inputGateBias", "rng"], { name: "config", expected: "an object { cell, inputSize, hiddenSize, ... }" });
    this.label = `RecurrentClassifier(cell=${config.cell}, hiddenSize=${config.hiddenSize}${config.bidirectional ? ", bidirectional" : ""})`;
    this.readAt = requireOneOf(this.label, "readAt", config.readAt ?? "last", ["last", "middle"] as const);
    const rng = rngOrDefault(config.rng);
    if (config.forgetBias !== undefined) {
      if (config.cell === "rnn") badArgument(this.label, "forgetBias", 'left out for cell "rnn" (it has no gates)', config.forgetBias);
      requireFinite(this.label, "forgetBias", config.forgetBias);
    }
    if (config.inputGateBias !== undefined) {
      if (config.cell !== "lstm") badArgument(this.label, "inputGateBias", `left out for cell "${config.cell}" (LSTM only)`, config.inputGateBias);
      requireFinite(this.label, "inputGateBias", config.inputGateBias);
    }
    this.recurrent = createRecurrentLayer(config.cell, {
      inputSize: config.inputSize, hiddenSize: config.hiddenSize, bidirectional: config.bidirectional ?? false, namePrefix: "rnn.", rng,
      ...(config.forgetBias !== undefined && config.cell === "lstm" ? { forgetBias: config.forgetBias } : {}),
    });
    // gate slices of bias_ih (PyTorch order): LSTM [i | f | g | o], GRU [r | z | n]
    const addToGateBias = (gate: number, value: number) => {
      const H = config.hiddenSize;
      for (const p of this.recurrent.parameters()) {
        if (p.name.includes("bias_ih")) for (let j = gate * H; j < (gate + 1) * H; j++) p.data[j] += value;
      }
    };
    // GRU: h' = (1 − z) n + z h, so a positive z bias keeps the state
    if (config.forgetBias !== undefined && config.cell === "gru") addToGateBias(1, config.forgetBias);
    if (config.inputGateBias !== undefined) addToGateBias(0, config.inputGateBias);
    this.tieDirections = config.tieDirections ?? false;
    if (this.tieDirections) {
      if (!config.bidirectional) badArgument(this.label, "tieDirections", "false for a unidirectional layer (nothing to tie)", true);
      const byName = new Map(this.recurrent.parameters().map((p) => [p.name, p]));
      for (const p of this.recurrent.parameters()) {
        const rev = byName.get(p.name + "_reverse");
        if (rev) {
          rev.data.set(p.data);
          this.tiedPairs.push([p, rev]);
        }
      }
    }
    this.compareHalves = config.compareHalves ?? false;
    if (this.compareHalves && !(config.bidirectional && this.readAt === "middle")) {
      badArgument(this.label, "compareHalves", 'false unless bidirectional with readAt "middle"', true);
    }
    const F = this.featureSize();
    const R = (this.readoutHidden = requireInt(this.label, "readoutHidden", config.readoutHidden ?? 16, 0));
    const gain = requirePositive(this.label, "readoutGain", config.readoutGain ?? 4);
    const init = (p: Parameter, fanIn: number, g = 1) => {
      for (let i = 0; i < p.data.length; i++) p.data[i] = rng.uniform(-g / Math.sqrt(fanIn), g / Math.sqrt(fanIn));
      return p;
    };
    this.hid = R > 0 ? { w: init(createParameter("readout.weight", [R, F]), F, gain), b: init(createParameter("readout.bias", [R]), F) } : null;
    const G = R > 0 ? R : F;
    this.out = { w: init(createParameter("head.weight", [1, G]), G), b: init(createParameter("head.bias", [1]), G) };
  }

  parameters(): Parameter[] {
    return [...this.recurrent.parameters(), ...(this.hid ? [this.hid.w, this.hid.b] : []), this.out.w, this.out.b];
  }

  /** Features fed to the head: dirs·H, or H when comparing halves. */
  featureSize(): number {
    return this.compareHalves ? this.recurrent.hiddenSize : this.recurrent.numDirections * this.recurrent.hiddenSize;
  }

  /** Number of distinct trainable numbers (tied reverse weights counted once). */
  parameterCount(): number {
    return countParameters(this.parameters()) - this.tiedPairs.reduce((n, [p]) => n + p.data.length, 0);
  }

  /** One logit per sequence [B]. */
  forward(batch: SequenceBatch): Float64Array {
    const { output } = this.recurrent.forward(batch);
    const { B } = batch;
    const H = this.recurrent.hiddenSize;
    const dirs = this.recurrent.numDirections;
    const W = dirs * H; // width of the layer's output rows
    const F = this.featureSize();
    const tf: number[] = [];
    const tb: number[] = [];
    const f = new Float64Array(B * F);
    const states = new Float64Array(B * W); // [h→; h←] read per sequence
    for (let b = 0; b < B; b++) {
      const L = batch.lengths ? batch.lengths[b] : batch.T;
      tf.push(this.readAt === "last" ? L - 1 : Math.ceil(L / 2) - 1);
      tb.push(this.readAt === "last" ? 0 : Math.floor(L / 2));
      for (let j = 0; j < H; j++) states[b * W + j] = output[(tf[b] * B + b) * W + j];
      if (dirs === 2) for (let j = 0; j < H; j++) states[b * W + H + j] = output[(tb[b] * B + b) * W + H + j];
      if (this.compareHalves) {
        for (let j = 0; j < H; j++) f[b * F + j] = (states[b * W + j] - states[b * W + H + j]) ** 2;
      } else f.set(states.subarray(b * W, (b + 1) * W), b * F);
    }
    const R = this.readoutHidden;
    const u = new Float64Array(B * R);
    const y = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      if (this.hid) {
        for (let i = 0; i < R; i++) {
          let s = this.hid.b.data[i];
          for (let k = 0; k < F; k++) s += this.hid.w.data[i * F + k] * f[b * F + k];
          u[b * R + i] = Math.tanh(s);
        }
      }
      const g = this.hid ? u.subarray(b * R, (b + 1) * R) : f.subarray(b * F, (b + 1) * F);
      let s = this.out.b.data[0];
      for (let i = 0; i < g.length; i++) s += this.out.w.data[i] * g[i];
      y[b] = s;
    }
    this.cache = { batch, f, u, tf, tb, states };
    return y;
  }

  /** Binary cross-entropy loss; *adds* gradients into the parameters. */
  lossAndGrad(batch: SequenceBatch, target: ArrayLike<number>): number {
    const y = this.forward(batch);
    const { loss, grad } = bceWithLogitsLoss(y, target);
    this.backward(grad);
    return loss;
  }

  /** Fraction of sequences whose logit has the sign of the label. */
  accuracy(batch: SequenceBatch, target: ArrayLike<number>): number {
    const y = this.forward(batch);
    if (target.length !== y.length) badArgument(`${this.label}.accuracy`, "target", `${y.length} labels`, target);
    let c = 0;
    for (let b = 0; b < y.length; b++) c += (y[b] > 0 ? 1 : 0) === target[b] ? 1 : 0;
    return c / y.length;
  }

  private backward(dy: Float64Array): void {
    if (!this.cache) throw new RnnlabError(`${this.label}.backward: call forward first`);
    const { batch, f, u, tf, tb, states } = this.cache;
    const { T, B } = batch;
    const H = this.recurrent.hiddenSize;
    const dirs = this.recurrent.numDirections;
    const W = dirs * H;
    const F = this.featureSize();
    const R = this.readoutHidden;
    const dOutput = new Float64Array(T * B * W);
    for (let b = 0; b < B; b++) {
      const g = this.hid ? u.subarray(b * R, (b + 1) * R) : f.subarray(b * F, (b + 1) * F);
      this.out.b.grad[0] += dy[b];
      const dg = new Float64Array(g.length);
      for (let i = 0; i < g.length; i++) {
        this.out.w.grad[i] += dy[b] * g[i];
        dg[i] = this.out.w.data[i] * dy[b];
      }
      let df = dg;
      if (this.hid) {
        df = new Float64Array(F);
        for (let i = 0; i < R; i++) {
          const d = dg[i] * (1 - g[i] * g[i]);
          this.hid.b.grad[i] += d;
          for (let k = 0; k < F; k++) {
            this.hid.w.grad[i * F + k] += d * f[b * F + k];
            df[k] += this.hid.w.data[i * F + k] * d;
          }
        }
      }
      // ∂L/∂[h→; h←]: directly, or through (h→ − h←)² when comparing halves
      const ds = new Float64Array(W);
      if (this.compareHalves) {
        for (let j = 0; j < H; j++) {
          const g = 2 * (states[b * W + j] - states[b * W + H + j]) * df[j];
          ds[j] = g;
          ds[H + j] = -g;
        }
      } else ds.set(df);
      for (let j = 0; j < H; j++) dOutput[(tf[b] * B + b) * W + j] += ds[j];
      if (dirs === 2) for (let j = 0; j < H; j++) dOutput[(tb[b] * B + b) * W + H + j] += ds[H + j];
    }
    const before = this.tiedPairs.map(([p]) => p.grad.slice());
    const beforeRev = this.tiedPairs.map(([, rev]) => rev.grad.slice());
    this.recurrent.backward({ dOutput });
    // tied directions: both copies get the summed gradient of this pass, so they stay equal under any optimizer
    this.tiedPairs.forEach(([p, rev], k) => {
      for (let i = 0; i < p.grad.length; i++) {
        const sum = p.grad[i] - before[k][i] + rev.grad[i] - beforeRev[k][i];
        p.grad[i] = before[k][i] + sum;
        rev.grad[i] = beforeRev[k][i] + sum;
      }
    });
  }
}

/** Number of parameters of a `RecurrentClassifier` (without building it). */
export function recurrentClassifierParameterCount(config: Omit<RecurrentClassifierConfig, "rng">): number {
  checkOptions("recurrentClassifierParameterCount", config, ["cell", "inputSize", "hiddenSize", "bidirectional", "readAt", "readoutHidden", "tieDirections", "compareHalves", "readoutGain", "forgetBias", "inputGateBias"], { name: "config" });
  const where = "recurrentClassifierParameterCount";
  if (config === undefined || config === null) badArgument(where, "config", "an object {cell, inputSize, hiddenSize, ...}", config);
  requireOneOf(where, "config.cell", config.cell, ["rnn", "lstm", "gru"] as const);
  requireSize(where, "config.inputSize", config.inputSize);
  requireSize(where, "config.hiddenSize", config.hiddenSize);
  if (config.readoutHidden !== undefined) requireSize(where, "config.readoutHidden", config.readoutHidden, 0);
  const G = { rnn: 1, lstm: 4, gru: 3 }[config.cell];
  const dirs = config.bidirectional ? 2 : 1;
  const H = config.hiddenSize;
  const R = config.readoutHidden ?? 16;
  const F = config.compareHalves ? H : dirs * H;
  const rec = (config.tieDirections ? 1 : dirs) * G * H * (config.inputSize + H + 2);
  return rec + (R > 0 ? R * F + R + R + 1 : F + 1);
}

/**
 * The hidden size H for which a classifier has the parameter count closest to `target`
 * (to compare architectures at equal parameter count).
 */
export function hiddenSizeForParameterCount(config: Omit<RecurrentClassifierConfig, "rng" | "hiddenSize">, target: number): number {
  checkOptions("hiddenSizeForParameterCount", config, ["cell", "inputSize", "bidirectional", "readAt", "readoutHidden", "tieDirections", "compareHalves", "readoutGain", "forgetBias", "inputGateBias"], { name: "config" });
  requirePositive("hiddenSizeForParameterCount", "target", target);
  let best = 1;
  for (let H = 1; H <= 1024; H++) {
    const d = Math.abs(recurrentClassifierParameterCount({ ...config, hiddenSize: H }) - target);
    if (d < Math.abs(recurrentClassifierParameterCount({ ...config, hiddenSize: best }) - target)) best = H;
  }
  return best;
}

/** Options of `trainClassifier`. */
export interface TrainClassifierOptions {
  /** Passes over the training set (default 10). */
  epochs?: number;
  /** Sequences per step (default 32). */
  batchSize?: number;
  /** Adam learning rate (default 1e-2). */
  lr?: number;
  /** Clip the global gradient norm (default 1). */
  maxGradNorm?: number;
  /** Stop early once the training-batch accuracy of an epoch reaches this (default 1.01: never). */
  stopAtAccuracy?: number;
  rng?: Rng;
}

/** What `trainClassifier` returns. */
export interface TrainClassifierResult {
  /** Accuracy on the held-out set after training. */
  testAccuracy: number;
  /** Accuracy on the training set after training. */
  trainAccuracy: number;
  /** Mean training loss of each epoch. */
  losses: number[];
  parameterCount: number;
  /** Wall time of the training in seconds. */
  seconds: number;
}

/** Checks {batch, labels}: a sequence batch with B rows and B labels in {0, 1}. */
function requireLabeledBatch(where: string, name: string, value: unknown): void {
  const v = requireObject<{ batch: SequenceBatch; labels: ArrayLike<number> }>(where, name, value, "an object {batch, labels} (e.g. from labeledBatch)");
  const b = requireObject<SequenceBatch>(where, `${name}.batch`, v.batch, "a SequenceBatch {x, T, B, D}");
  requireSize(where, `${name}.batch.B`, b.B);
  requireIntArray(where, `${name}.labels`, v.labels, 0, 1);
  if (v.labels.length !== b.B) badArgument(where, `${name}.labels`, `B = ${b.B} labels (one per sequence)`, v.labels);
}

/**
 * Trains a classifier with Adam on minibatches of a training batch and measures held-out accuracy.
 */
export function trainClassifier(
  model: TrainableClassifier,
  train: { batch: SequenceBatch; labels: ArrayLike<number> },
  test: { batch: SequenceBatch; labels: ArrayLike<number> },
  options: TrainClassifierOptions = {},
): TrainClassifierResult {
  checkOptions("trainClassifier", options, ["epochs", "batchSize", "lr", "maxGradNorm", "stopAtAccuracy", "rng"]);
  const where = "trainClassifier";
  requireModelArg(where, "model", model);
  for (const k of ["lossAndGrad", "accuracy"] as const) {
    if (typeof (model as unknown as Record<string, unknown>)[k] !== "function") badArgument(where, "model", `a classifier with ${k}() (a RecurrentClassifier or SelfAttention)`, model);
  }
  requireLabeledBatch(where, "train", train);
  requireLabeledBatch(where, "test", test);
  const epochs = requireIntInRange(where, "epochs", options.epochs ?? 10, 1, 1000000);
  const bs = requireInt(where, "batchSize", options.batchSize ?? 32, 1);
  if (options.lr !== undefined) requirePositive(where, "lr", options.lr);
  if (options.maxGradNorm !== undefined) requirePositive(where, "maxGradNorm", options.maxGradNorm);
  if (options.stopAtAccuracy !== undefined) requireFinite(where, "stopAtAccuracy", options.stopAtAccuracy, 0, 1);
  const rng = rngOrDefault(options.rng, where);
  const params = model.parameters();
  const opt = new Adam(params, { lr: options.lr ?? 1e-2 });
  const t0 = performance.now();
  const losses: number[] = [];
  const n = train.batch.B;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    let sum = 0;
    let steps = 0;
    for (let s = 0; s < n; s += bs) {
      const idx = order.slice(s, s + bs);
      const mb = selectBatchRows(train.batch, idx);
      const target = idx.map((i) => train.labels[i]);
      zeroGrad(params);
      sum += model.lossAndGrad(mb, target);
      clipGradNorm(params, options.maxGradNorm ?? 1);
      opt.step();
      steps++;
    }
    losses.push(sum / steps);
    if (options.stopAtAccuracy !== undefined && model.accuracy(train.batch, train.labels) >= options.stopAtAccuracy) break;
  }
  return {
    testAccuracy: model.accuracy(test.batch, test.labels),
    trainAccuracy: model.accuracy(train.batch, train.labels),
    losses,
    parameterCount: countParameters(params),
    seconds: (performance.now() - t0) / 1000,
  };
}
