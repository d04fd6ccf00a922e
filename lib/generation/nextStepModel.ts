/**
 * A next-step model unrolled one step at a time, so that each step's input can be
 * the ground truth or the model's own previous output (teacher forcing, free
 * running, scheduled sampling), with exact backpropagation through time.
 *
 *   x_t = s_t (ground truth)  or  ŝ_t (the model's own output at step t−1)
 *   h_t = GRU/LSTM(x_t, h_{t−1}),   y_t = W h_t + b   (prediction of s_{t+1})
 *
 * Two kinds of sequences:
 * - "categorical": tokens in {0..V−1}; x_t is one-hot (V inputs), y_t are V logits,
 *   the loss is the mean cross-entropy −log softmax(y_t)[s_{t+1}]; the fed-back ŝ_t is
 *   sampled from softmax(y_{t−1}) (or its argmax).
 * - "real": vectors of D numbers (stored flat, T·D per sequence); y_t is the predicted
 *   s_{t+1}, the loss is the mean squared error; the fed-back ŝ_t is y_{t−1}.
 *
 * As in Bengio et al. (2015), a fed-back input is treated as a constant: no gradient
 * flows through the sampling (or the fed-back value) into earlier steps' outputs.
 * The recurrent cell is the engine's (`GRU`/`LSTM` layer weights, `gruStep`/`lstmStep`
 * and their backward functions); the readout is a `Linear` used step by step.
 */
import { requireOptions } from "../core/options";
import { RnnlabError, badArgument, requireInt, requireOneOf, requirePositive } from "../core/errors";
import { HasParameters, Parameter, StateDict, loadStateDictInto, stateDictOf } from "../core/parameter";
import { Rng, rngOrDefault } from "../core/random";
import { CellGrads, CellWeights } from "../cells/cellWeights";
import { GruStepResult, gruStep, gruStepBackward } from "../cells/gruStep";
import { LstmStepResult, lstmStep, lstmStepBackward } from "../cells/lstmStep";
import { GRU, LSTM } from "../nn/recurrentLayer";
import { Linear } from "../nn/linear";
import { getKernels } from "../kernels";

/** "categorical" (tokens, one-hot in, logits out) or "real" (vectors in, vectors out). */
export type NextStepKind = "categorical" | "real";

/** Configuration of a NextStepModel. */
export interface NextStepModelConfig {
  /** "categorical" or "real". */
  kind: NextStepKind;
  /** Vocabulary size V (categorical) or features per step D (real). */
  size: number;
  /** Hidden units H. */
  hiddenSize: number;
  /** "gru" (default) or "lstm". */
  cell?: "gru" | "lstm";
  rng?: Rng;
}

/** How each step's input is chosen during an unroll. */
export interface UnrollOptions {
  /** True to feed the ground truth at step t of sequence b (t ≥ 1; step 0 always gets the truth). */
  feedTruth: (t: number, b: number) => boolean;
  /** Categorical only: feed back a sample of softmax(y) ("sample", default) or its argmax ("greedy"). */
  feedback?: "sample" | "greedy";
  /** Categorical, "sample": sample from softmax(y / temperature) (default 1; > 0). The loss always uses softmax(y). */
  temperature?: number;
  /** Accumulate gradients into the parameters (default false). */
  withGrad?: boolean;
  /** Keep what was fed at every step in `fed` (default false). */
  recordFed?: boolean;
  rng?: Rng;
}

/** What an unroll returns. */
export interface UnrollResult {
  /** Mean loss over the (T−1)·B predictions (mean over D too for "real"). */
  loss: number;
  /** y_t for t = 0..T−2: [T−1][B·O] (logits or predicted values). */
  outputs: Float64Array[];
  /** Fraction of steps t ≥ 1 that were fed the ground truth. */
  truthFraction: number;
  /** With `recordFed`: what was fed at step t to sequence b, fed[t][b] = [token] or the D-vector (else empty). */
  fed: number[][][];
}

/**
 * A GRU or LSTM cell with a linear readout, unrolled step by step.
 *
 * @example
 * ```ts
 * import { NextStepModel, Rng, trainNextStepModel } from "rnnlab";
 * const model = new NextStepModel({ kind: "real", size: 1, hiddenSize: 8, rng: new Rng(1) });
 * const sequences = [0, 1, 2, 3].map((p) => Array.from({ length: 20 }, (_, t) => Math.sin((t + p) / 3)));  // [T·D] each
 * const history = trainNextStepModel(model, { sequences, steps: 20, batchSize: 4, learningRate: 0.01, schedule: { kind: "constant", epsilon: 1 }, rng: new Rng(2) });
 * ```
 */
export class NextStepModel implements HasParameters {
  readonly kind: NextStepKind;
  readonly size: number;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly hiddenSize: number;
  readonly cell: "gru" | "lstm";
  readonly recurrent: GRU | LSTM;
  readonly head: Linear;
  private readonly weights: CellWeights;
  private readonly cellGrads: CellGrads;

  constructor(config: NextStepModelConfig) {
    const where = "NextStepModel";
    requireOptions(where, config, ["kind", "size", "hiddenSize", "cell", "rng"], { name: "config", expected: "{ kind, size, hiddenSize, cell? }" });
    this.kind = requireOneOf(where, "config.kind", config.kind, ["categorical", "real"] as const);
    this.size = requireInt(where, "config.size", config.size, this.kind === "categorical" ? 2 : 1);
    this.hiddenSize = requireInt(where, "config.hiddenSize", config.hiddenSize);
    this.cell = requireOneOf(where, "config.cell", config.cell ?? "gru", ["gru", "lstm"] as const);
    this.inputSize = this.size;
    this.outputSize = this.size;
    const rng = rngOrDefault(config.rng);
    const opts = { inputSize: this.size, hiddenSize: this.hiddenSize, namePrefix: "rnn.", rng };
    this.recurrent = this.cell === "gru" ? new GRU(opts) : new LSTM(opts);
    this.head = new Linear(this.hiddenSize, this.size, { namePrefix: "head.", rng });
    this.weights = this.recurrent.cellWeights(0, 0);
    const byName = new Map(this.recurrent.parameters().map((p) => [p.name, p]));
    const grad = (n: string): Float64Array => byName.get(`rnn.${n}_l0`)!.grad;
    this.cellGrads = { weightIh: grad("weight_ih"), weightHh: grad("weight_hh"), biasIh: grad("bias_ih"), biasHh: grad("bias_hh") };
  }

  parameters(): Parameter[] {
    return [...this.recurrent.parameters(), ...this.head.parameters()];
  }

  /** Parameters by name (`rnn.weight_ih_l0`, …, `head.weight`, `head.bias`) as nested arrays. */
  stateDict(): StateDict {
    return stateDictOf(this.parameters());
  }

  /** Loads a `stateDict()` of a model of the same configuration (every name, every shape). */
  loadStateDict(state: StateDict): void {
    loadStateDictInto("NextStepModel", this.parameters(), state, true);
  }

  /** Checks sequences: B ≥ 1 sequences of equal length T ≥ 2 (tokens < V, or T·D finite numbers). */
  checkSequences(where: string, sequences: readonly ArrayLike<number>[]): { B: number; T: number } {
    if (!Array.isArray(sequences) || sequences.length === 0) badArgument(where, "sequences", "a non-empty array of sequences", sequences);
    const D = this.kind === "real" ? this.size : 1;
    const len = sequences[0]?.length;
    if (typeof len !== "number" || len % D !== 0 || len / D < 2) {
      badArgument(where, "sequences[0]", `a sequence of at least 2 steps${D > 1 ? ` (length a multiple of ${D})` : ""}`, sequences[0]);
    }
    sequences.forEach((s, b) => {
      if (!s || s.length !== len) badArgument(where, `sequences[${b}]`, `a sequence of length ${len} (as sequences[0])`, s);
      for (let i = 0; i < s.length; i++) {
        const v = s[i];
        const ok = this.kind === "categorical" ? Number.isInteger(v) && v >= 0 && v < this.size : Number.isFinite(v);
        if (!ok) {
          throw new RnnlabError(
            `${where}: sequences[${b}][${i}] must be ${this.kind === "categorical" ? `a token in 0..${this.size - 1}` : "a finite number"}, got ${v}`,
          );
        }
      }
    });
    return { B: sequences.length, T: len / D };
  }

  /** y = W h + b for a batch of hidden states h [B, H] → [B, O] (the head's weights, the engine's kernels). */
  readout(h: Float64Array, B: number): Float64Array {
    const y = new Float64Array(B * this.outputSize);
    const k = getKernels();
    k.matmulAccumulate(y, 0, h, 0, this.head.weight.data, 0, B, this.hiddenSize, this.outputSize, false, true);
    k.addRowVector(y, 0, B, this.outputSize, this.head.bias!.data, 0);
    return y;
  }

  /** The ground-truth step t of sequence s: [token] or the D-vector. */
  truthAt(s: ArrayLike<number>, t: number): number[] {
    if (this.kind === "categorical") return [s[t]];
    const D = this.size;
    return Array.from({ length: D }, (_, d) => s[t * D + d]);
  }

  /** The model's own next token from its logits row y_b: sampled from softmax(y_b / temperature), or its argmax. */
  ownToken(y: Float64Array, b: number, feedback: "sample" | "greedy", rng: Rng, temperature = 1): number {
    const O = this.outputSize;
    const p = softmaxRow(y, b, O, temperature);
    if (feedback === "greedy") return argmax(p);
    let r = rng.random();
    for (let o = 0; o < O; o++) {
      r -= p[o];
      if (r < 0) return o;
    }
    return O - 1;
  }

  /**
   * Runs the sequences step by step (t = 0..T−2 predicts s_{t+1}); each input after
   * the first is the truth or the model's own output as `feedTruth` says. With
   * `withGrad`, adds ∂loss/∂θ into the parameters' grads (exact BPTT given the fed inputs).
   */
  unroll(sequences: readonly ArrayLike<number>[], options: UnrollOptions): UnrollResult {
    const where = "NextStepModel.unroll";
    const { B, T } = this.checkSequences(where, sequences);
    if (typeof options?.feedTruth !== "function") badArgument(where, "options.feedTruth", "a function (t, b) => boolean", options?.feedTruth);
    const feedback = requireOneOf(where, "options.feedback", options.feedback ?? "sample", ["sample", "greedy"] as const);
    const temperature = requirePositive(where, "options.temperature", options.temperature ?? 1);
    const rng = rngOrDefault(options.rng);
    const H = this.hiddenSize;
    const O = this.outputSize;
    const w = this.weights;
    let h = new Float64Array(B * H);
    let c = new Float64Array(B * H);
    const xs: Float64Array[] = [];
    const hs: Float64Array[] = [h];
    const cs: Float64Array[] = [c];
    const steps: (GruStepResult | LstmStepResult)[] = [];
    const outputs: Float64Array[] = [];
    let truthCount = 0;
    let loss = 0;
    const dYs: Float64Array[] = [];
    const fedAll: number[][][] = [];
    const nPred = (T - 1) * B * (this.kind === "real" ? O : 1);
    const D = this.inputSize;
    const categorical = this.kind === "categorical";
    for (let t = 0; t < T - 1; t++) {
      // the input x_t [B, D]: the truth s_t or the model's own output of step t−1
      const x = new Float64Array(B * D);
      const fed: number[][] | null = options.recordFed ? [] : null;
      for (let b = 0; b < B; b++) {
        const truth = t === 0 || options.feedTruth(t, b);
        if (t > 0 && truth) truthCount++;
        const s = sequences[b];
        if (truth) {
          if (categorical) x[b * D + s[t]] = 1;
          else for (let d = 0; d < D; d++) x[b * D + d] = s[t * D + d];
        } else if (categorical) {
          x[b * D + this.ownToken(outputs[t - 1], b, feedback, rng, temperature)] = 1;
        } else {
          for (let d = 0; d < D; d++) x[b * D + d] = outputs[t - 1][b * O + d];
        }
        if (fed) fed.push(categorical ? [x.subarray(b * D, (b + 1) * D).indexOf(1)] : Array.from(x.subarray(b * D, (b + 1) * D)));
      }
      if (fed) fedAll.push(fed);
      let step: GruStepResult | LstmStepResult;
      if (this.cell === "gru") {
        step = gruStep(w, x, h);
      } else {
        step = lstmStep(w, x, h, c);
        c = (step as LstmStepResult).c;
      }
      h = step.h;
      xs.push(x);
      steps.push(step);
      hs.push(h);
      cs.push(c);
      const y = this.readout(h, B);
      outputs.push(y);
      // loss of predicting s_{t+1}, and ∂loss/∂y_t
      const dY = new Float64Array(B * O);
      for (let b = 0; b < B; b++) {
        const s = sequences[b];
        if (categorical) {
          const target = s[t + 1];
          const p = softmaxRow(y, b, O);
          loss -= Math.log(Math.max(p[target], 1e-300));
          for (let o = 0; o < O; o++) dY[b * O + o] = (p[o] - (o === target ? 1 : 0)) / nPred;
        } else {
          for (let o = 0; o < O; o++) {
            const e = y[b * O + o] - s[(t + 1) * O + o];
            loss += e * e;
            dY[b * O + o] = (2 * e) / nPred;
          }
        }
      }
      dYs.push(dY);
    }
    loss /= nPred;
    if (options.withGrad) this.backward(xs, hs, cs, steps, dYs, B);
    return { loss, outputs, truthFraction: T > 2 ? truthCount / ((T - 2) * B) : 1, fed: fedAll };
  }

  /**
   * BPTT through the recorded steps: the head's gradients for all steps at once
   * (`Linear.backward` on the stacked states [(T−1)·B, H]), then the cell steps in reverse.
   */
  private backward(xs: Float64Array[], hs: Float64Array[], cs: Float64Array[], steps: (GruStepResult | LstmStepResult)[], dYs: Float64Array[], B: number): void {
    const H = this.hiddenSize;
    const O = this.outputSize;
    const n = steps.length;
    const stackedH = new Float64Array(n * B * H);
    const stackedDY = new Float64Array(n * B * O);
    for (let t = 0; t < n; t++) {
      stackedH.set(hs[t + 1], t * B * H);
      stackedDY.set(dYs[t], t * B * O);
    }
    this.head.forward(stackedH);
    const dH = this.head.backward(stackedDY); // ∂L/∂h_t from the readout, [(T−1)·B, H]
    let dhNext = new Float64Array(B * H);
    let dcNext = new Float64Array(B * H);
    for (let t = n - 1; t >= 0; t--) {
      const dh = dH.subarray(t * B * H, (t + 1) * B * H);
      for (let i = 0; i < dh.length; i++) dh[i] += dhNext[i];
      if (this.cell === "gru") {
        const r = gruStepBackward(this.weights, xs[t], hs[t], steps[t] as GruStepResult, dh, this.cellGrads);
        dhNext = r.dhPrev;
      } else {
        const r = lstmStepBackward(this.weights, xs[t], hs[t], cs[t], steps[t] as LstmStepResult, dh, dcNext, this.cellGrads);
        dhNext = r.dhPrev;
        dcNext = r.dcPrev;
      }
    }
  }
}

/** softmax(y_b / temperature) of row b of a [B, O] array (temperature 1 by default). */
export function softmaxRow(y: Float64Array, b: number, O: number, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let o = 0; o < O; o++) max = Math.max(max, y[b * O + o]);
  const p = new Float64Array(O);
  let s = 0;
  for (let o = 0; o < O; o++) {
    p[o] = Math.exp((y[b * O + o] - max) / temperature);
    s += p[o];
  }
  for (let o = 0; o < O; o++) p[o] /= s;
  return p;
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}
