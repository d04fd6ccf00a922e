/**
 * Single-head self-attention with an exact backward pass, for comparison with recurrence.
 *
 * For each sequence (length L, inputs x_t ∈ ℝ^D, t < L):
 *
 *   z_t = W_e x_t + b_e + p_t                      embedding + sinusoidal position p_t   [M]
 *   q_t = W_q z_t,  k_t = W_k z_t,  v_t = W_v z_t  query, key, value                     [M]
 *   s_tj = q_t · k_j / √M                          scores (j ≤ t with the causal mask)
 *   a_t = softmax_j(s_t)                           attention weights, Σ_j a_tj = 1
 *   o_t = Σ_j a_tj v_j                             attended values                       [M]
 *   h_t = z_t + o_t                                residual (o_t alone with residual: false)
 *   f   = h_{L−1} ("last"), (1/L) Σ_t h_t ("mean"), or every h_t ("every")
 *   y   = W_o f + b_o        (linear readout; with readoutHidden = R > 0:
 *   y   = W_o tanh(W_r f + b_r) + b_o)                                                 [O]
 *
 * Every output is connected to every input by a path of constant length (one attention
 * step), so ∂y/∂x_0 does not decay with L; the price is the L×L score matrix: time and
 * memory O(L²·M) per sequence, against O(L·H²) for a recurrent layer.
 *
 * Shapes: input a time-major batch x [T, B, D] (with optional `lengths`); output
 * [B, O] for readout "last"/"mean", [T, B, O] for "every" (padded rows 0).
 * Parameters (core `Parameter`s, so optimizers and `gradCheck` work): "embed.weight" [M, D],
 * "embed.bias" [M], "query.weight", "key.weight", "value.weight" [M, M],
 * optionally "readout.weight" [R, M], "readout.bias" [R], then "head.weight" [O, M or R],
 * "head.bias" [O].
 */
import { RnnlabError, badArgument, requireBoolean, requireInt, requireOneOf } from "../core/errors";
import { requireAllocation, requireFiniteResult, requireOptions, requireSize } from "../core/options";
import { Parameter, StateDict, createParameter, loadStateDictInto, stateDictOf } from "../core/parameter";
import { Rng, rngOrDefault } from "../core/random";
import { LossResult, bceWithLogitsLoss, crossEntropyLoss, mseLoss } from "../nn/losses";
import { SequenceBatch } from "../nn/sequenceBatch";
import { classesFromOutputs } from "../nn/sequenceModel";

/** Which positions feed the readout. */
export type AttentionReadout = "last" | "mean" | "every";

/** Configuration of a `SelfAttention` model. */
export interface SelfAttentionConfig {
  /** D, features per input step. */
  inputSize: number;
  /** M, width of embeddings, queries, keys and values. */
  modelSize: number;
  /** O, outputs per readout (for loss "ce": the number of classes). */
  outputSize: number;
  /** Each position attends only to itself and earlier ones (default false). */
  causal?: boolean;
  /** Add sinusoidal positional encodings to the embeddings (default true). */
  positionalEncoding?: boolean;
  /** Add the embedding to the attended value, h = z + o (default true). */
  residual?: boolean;
  /** "last" (default), "mean" or "every". */
  readout?: AttentionReadout;
  /** R > 0: a tanh hidden layer of R units before the linear head (default 0: linear readout). */
  readoutHidden?: number;
  /**
   * Scale g of the tanh layer's initial weights, U(−g/√M, g/√M) (default 1). A larger g starts
   * the tanh in its nonlinear range, which shortens the plateau before an XOR-like
   * interaction between features is learned (as `RecurrentClassifier`'s readoutGain).
   */
  readoutGain?: number;
  /** "mse" (default), "bce" or "ce", as `SequenceModel`. */
  loss?: "mse" | "bce" | "ce";
  rng?: Rng;
}

/**
 * Sinusoidal positional encodings (Vaswani et al. 2017): p[t][2i] = sin(t / 10000^{2i/M}),
 * p[t][2i+1] = cos(t / 10000^{2i/M}). Returns [T, M] row-major.
 */
export function sinusoidalPositionalEncoding(T: number, M: number): Float64Array {
  requireSize("sinusoidalPositionalEncoding", "T", T);
  requireSize("sinusoidalPositionalEncoding", "M", M);
  requireAllocation("sinusoidalPositionalEncoding", "T·M", T * M);
  const p = new Float64Array(T * M);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < M; i++) {
      const freq = Math.pow(10000, -(2 * Math.floor(i / 2)) / M);
      p[t * M + i] = i % 2 === 0 ? Math.sin(t * freq) : Math.cos(t * freq);
    }
  }
  return p;
}

/** Cached forward quantities of one sequence. */
interface SequenceCache {
  L: number;
  z: Float64Array; // [L, M]
  q: Float64Array;
  k: Float64Array;
  v: Float64Array;
  a: Float64Array; // [L, L]
  h: Float64Array; // [L, M]
}

/**
 * Single-head self-attention + readout + loss, with exact gradients.
 *
 * @example
 * ```ts
 * import { SelfAttention, Rng } from "rnnlab";
 * const att = new SelfAttention({ inputSize: 4, modelSize: 8, outputSize: 1, causal: true, rng: new Rng(1) });
 * const batch = { x: new Rng(2).normalArray(8 * 4), T: 8, B: 1, D: 4 };  // [T, B, D] flat
 * const y = att.forward(batch);
 * const { L, weights } = att.attentionWeights(0);                      // [L, L] weights of sequence 0
 * ```
 */
export class SelfAttention {
  readonly inputSize: number;
  readonly modelSize: number;
  readonly outputSize: number;
  readonly causal: boolean;
  readonly positionalEncoding: boolean;
  readonly residual: boolean;
  readonly readout: AttentionReadout;
  readonly readoutHidden: number;
  readonly lossType: "mse" | "bce" | "ce";
  readonly label: string;
  readonly embedWeight: Parameter;
  readonly embedBias: Parameter;
  readonly queryWeight: Parameter;
  readonly keyWeight: Parameter;
  readonly valueWeight: Parameter;
  readonly readoutWeight: Parameter | null;
  readonly readoutBias: Parameter | null;
  readonly headWeight: Parameter;
  readonly headBias: Parameter;
  private caches: SequenceCache[] = [];
  private features = new Float64Array(0); // [rows, M]
  private hiddenAct = new Float64Array(0); // [rows, R]
  private lastBatch: SequenceBatch | null = null;

  constructor(config: SelfAttentionConfig) {
    requireOptions("SelfAttention", config, ["inputSize", "modelSize", "outputSize", "causal", "positionalEncoding", "residual", "readout", "readoutHidden", "readoutGain", "loss", "rng"], {
      name: "config",
      unsupported: { num_heads: "SelfAttention has one head", numHeads: "SelfAttention has one head", embed_dim: "write modelSize" },
      expected: "an object { inputSize, modelSize, outputSize, ... }",
    });
    this.label = `SelfAttention(inputSize=${config.inputSize}, modelSize=${config.modelSize}, outputSize=${config.outputSize})`;
    requireSize(this.label, "inputSize", config.inputSize);
    requireSize(this.label, "modelSize", config.modelSize);
    requireSize(this.label, "outputSize", config.outputSize);
    requireAllocation(this.label, "modelSize", 2 * (config.modelSize * (config.inputSize + 3 * config.modelSize + config.outputSize + 2) + (config.readoutHidden ?? 0) * config.modelSize));
    const D = (this.inputSize = requireInt(this.label, "inputSize", config.inputSize, 1));
    const M = (this.modelSize = requireInt(this.label, "modelSize", config.modelSize, 1));
    const O = (this.outputSize = requireInt(this.label, "outputSize", config.outputSize, 1));
    for (const key of ["causal", "positionalEncoding", "residual"] as const) requireBoolean(this.label, key, config[key], true);
    this.causal = config.causal ?? false;
    this.positionalEncoding = config.positionalEncoding ?? true;
    this.residual = config.residual ?? true;
    this.readout = requireOneOf(this.label, "readout", config.readout ?? "last", ["last", "mean", "every"] as const);
    const R = (this.readoutHidden = requireInt(this.label, "readoutHidden", config.readoutHidden ?? 0, 0));
    this.lossType = requireOneOf(this.label, "loss", config.loss ?? "mse", ["mse", "bce", "ce"] as const);
    if (this.lossType === "ce" && O < 2) badArgument(this.label, "outputSize", 'at least 2 classes for loss "ce"', O);
    const rng = rngOrDefault(config.rng);
    const gain = config.readoutGain ?? 1;
    if (typeof gain !== "number" || !Number.isFinite(gain) || gain <= 0) badArgument(this.label, "readoutGain", "a finite number > 0", gain);
    const init = (p: Parameter, fanIn: number, g = 1) => {
      const s = g / Math.sqrt(fanIn);
      for (let i = 0; i < p.data.length; i++) p.data[i] = rng.uniform(-s, s);
      return p;
    };
    this.embedWeight = init(createParameter("embed.weight", [M, D]), D);
    this.embedBias = init(createParameter("embed.bias", [M]), D);
    this.queryWeight = init(createParameter("query.weight", [M, M]), M);
    this.keyWeight = init(createParameter("key.weight", [M, M]), M);
    this.valueWeight = init(createParameter("value.weight", [M, M]), M);
    this.readoutWeight = R > 0 ? init(createParameter("readout.weight", [R, M]), M, gain) : null;
    this.readoutBias = R > 0 ? init(createParameter("readout.bias", [R]), M) : null;
    const F = R > 0 ? R : M;
    this.headWeight = init(createParameter("head.weight", [O, F]), F);
    this.headBias = init(createParameter("head.bias", [O]), F);
  }

  parameters(): Parameter[] {
    const p = [this.embedWeight, this.embedBias, this.queryWeight, this.keyWeight, this.valueWeight];
    if (this.readoutWeight && this.readoutBias) p.push(this.readoutWeight, this.readoutBias);
    p.push(this.headWeight, this.headBias);
    return p;
  }

  stateDict(): StateDict {
    return stateDictOf(this.parameters());
  }

  loadStateDict(state: StateDict, strict = true): void {
    loadStateDictInto(this.label, this.parameters(), state, strict);
  }

  /** Rows of the output: B ("last", "mean") or T·B ("every"). */
  outputRows(batch: SequenceBatch): number {
    return this.readout === "every" ? batch.T * batch.B : batch.B;
  }

  /** The attention weights a[t][j] of sequence b in the last forward pass ([L, L] row-major). */
  attentionWeights(b: number): { L: number; weights: Float64Array } {
    const c = this.caches[b];
    if (!c) throw new RnnlabError(`${this.label}.attentionWeights: b must index a sequence of the last forward pass (B = ${this.caches.length}), got ${b}`);
    return { L: c.L, weights: c.a };
  }

  /** Outputs: [B, O] ("last", "mean") or [T, B, O] ("every"); logits for "bce"/"ce". */
  forward(batch: SequenceBatch): Float64Array {
    const { T, B, D } = batch;
    if (D !== this.inputSize) badArgument(this.label, "batch.D", `${this.inputSize} (inputSize)`, D);
    if (batch.x.length !== T * B * D) badArgument(this.label, "batch.x", `length T·B·D = ${T * B * D}`, batch.x);
    const M = this.modelSize;
    const pe = this.positionalEncoding ? sinusoidalPositionalEncoding(T, M) : null;
    const rows = this.outputRows(batch);
    this.features = new Float64Array(rows * M);
    this.caches = [];
    const We = this.embedWeight.data;
    const be = this.embedBias.data;
    const scale = 1 / Math.sqrt(M);
    for (let b = 0; b < B; b++) {
      const L = batch.lengths ? batch.lengths[b] : T;
      if (!Number.isInteger(L) || L < 1 || L > T) badArgument(this.label, `batch.lengths[${b}]`, `an integer in [1, ${T}]`, L);
      const z = new Float64Array(L * M);
      for (let t = 0; t < L; t++) {
        const xo = (t * B + b) * D;
        for (let m = 0; m < M; m++) {
          let s = be[m] + (pe ? pe[t * M + m] : 0);
          for (let d = 0; d < D; d++) s += We[m * D + d] * batch.x[xo + d];
          z[t * M + m] = s;
        }
      }
      const q = matVecRows(this.queryWeight.data, z, L, M);
      const k = matVecRows(this.keyWeight.data, z, L, M);
      const v = matVecRows(this.valueWeight.data, z, L, M);
      const a = new Float64Array(L * L);
      const h = new Float64Array(L * M);
      for (let t = 0; t < L; t++) {
        const jEnd = this.causal ? t + 1 : L;
        let max = -Infinity;
        for (let j = 0; j < jEnd; j++) {
          let s = 0;
          for (let m = 0; m < M; m++) s += q[t * M + m] * k[j * M + m];
          a[t * L + j] = s * scale;
          if (a[t * L + j] > max) max = a[t * L + j];
        }
        let sum = 0;
        for (let j = 0; j < jEnd; j++) sum += a[t * L + j] = Math.exp(a[t * L + j] - max);
        for (let j = 0; j < jEnd; j++) a[t * L + j] /= sum;
        for (let m = 0; m < M; m++) {
          let o = 0;
          for (let j = 0; j < jEnd; j++) o += a[t * L + j] * v[j * M + m];
          h[t * M + m] = (this.residual ? z[t * M + m] : 0) + o;
        }
      }
      this.caches.push({ L, z, q, k, v, a, h });
      if (this.readout === "last") this.features.set(h.subarray((L - 1) * M, L * M), b * M);
      else if (this.readout === "mean") {
        for (let t = 0; t < L; t++) for (let m = 0; m < M; m++) this.features[b * M + m] += h[t * M + m] / L;
      } else for (let t = 0; t < L; t++) this.features.set(h.subarray(t * M, (t + 1) * M), (t * B + b) * M);
    }
    this.lastBatch = batch;
    const out = this.head(rows);
    requireFiniteResult(`${this.label}.forward`, "the output", out, "batch.x has values too large for the attention scores (scale the inputs to order 1) or the parameters diverged");
    return out;
  }

  /** Raw outputs, as `forward`. */
  predict(batch: SequenceBatch): Float64Array {
    return this.forward(batch);
  }

  /**
   * Backward pass from ∂L/∂output (shape of `forward`'s result): *adds* into every
   * parameter's grad and returns ∂L/∂x [T, B, D].
   */
  backward(dOutput: Float64Array): Float64Array {
    const batch = this.lastBatch;
    if (!batch) throw new RnnlabError(`${this.label}.backward: call forward first`);
    const { T, B, D } = batch;
    const M = this.modelSize;
    const rows = this.outputRows(batch);
    if (dOutput.length !== rows * this.outputSize) badArgument(`${this.label}.backward`, "dOutput", `length ${rows * this.outputSize}`, dOutput);
    const dF = this.headBackward(dOutput, rows);
    const dX = new Float64Array(T * B * D);
    const scale = 1 / Math.sqrt(M);
    const Wq = this.queryWeight.data, Wk = this.keyWeight.data, Wv = this.valueWeight.data, We = this.embedWeight.data;
    for (let b = 0; b < B; b++) {
      const { L, z, q, k, v, a } = this.caches[b];
      // ∂L/∂h_t from the readout
      const dh = new Float64Array(L * M);
      if (this.readout === "last") dh.set(dF.subarray(b * M, (b + 1) * M), (L - 1) * M);
      else if (this.readout === "mean") for (let t = 0; t < L; t++) for (let m = 0; m < M; m++) dh[t * M + m] = dF[b * M + m] / L;
      else for (let t = 0; t < L; t++) dh.set(dF.subarray((t * B + b) * M, (t * B + b + 1) * M), t * M);
      const dz = new Float64Array(L * M);
      if (this.residual) dz.set(dh);
      const dq = new Float64Array(L * M);
      const dk = new Float64Array(L * M);
      const dv = new Float64Array(L * M);
      const da = new Float64Array(L);
      for (let t = 0; t < L; t++) {
        const jEnd = this.causal ? t + 1 : L;
        // o_t = Σ_j a_tj v_j: ∂/∂a_tj = do_t · v_j, ∂/∂v_j += a_tj do_t (do_t = dh_t)
        let dot = 0;
        for (let j = 0; j < jEnd; j++) {
          let s = 0;
          for (let m = 0; m < M; m++) {
            s += dh[t * M + m] * v[j * M + m];
            dv[j * M + m] += a[t * L + j] * dh[t * M + m];
          }
          da[j] = s;
          dot += a[t * L + j] * s;
        }
        // softmax: ∂L/∂s_tj = a_tj (da_tj − Σ_k a_tk da_tk); s_tj = q_t·k_j/√M
        for (let j = 0; j < jEnd; j++) {
          const ds = a[t * L + j] * (da[j] - dot) * scale;
          for (let m = 0; m < M; m++) {
            dq[t * M + m] += ds * k[j * M + m];
            dk[j * M + m] += ds * q[t * M + m];
          }
        }
      }
      // q = W_q z etc.: ∂W += dq zᵀ, dz += W_qᵀ dq
      accumulateProjection(this.queryWeight.grad, Wq, dq, z, dz, L, M);
      accumulateProjection(this.keyWeight.grad, Wk, dk, z, dz, L, M);
      accumulateProjection(this.valueWeight.grad, Wv, dv, z, dz, L, M);
      // z = W_e x + b_e + p
      for (let t = 0; t < L; t++) {
        const xo = (t * B + b) * D;
        for (let m = 0; m < M; m++) {
          const g = dz[t * M + m];
          if (g === 0) continue;
          this.embedBias.grad[m] += g;
          for (let d = 0; d < D; d++) {
            this.embedWeight.grad[m * D + d] += g * batch.x[xo + d];
            dX[xo + d] += We[m * D + d] * g;
          }
        }
      }
    }
    return dX;
  }

  /** Predicted classes, as `SequenceModel.predictClasses`. */
  predictClasses(batch: SequenceBatch): number[] {
    if (this.lossType === "mse") throw new RnnlabError(`${this.label}.predictClasses: needs loss "ce" or "bce", the model has "mse"`);
    return classesFromOutputs(this.forward(batch), this.lossType, this.outputSize);
  }

  /** Fraction of correct predictions (valid rows only). */
  accuracy(batch: SequenceBatch, target: ArrayLike<number>): number {
    const pred = this.predictClasses(batch);
    const mask = this.rowMask(batch);
    const per = pred.length / this.outputRows(batch);
    let right = 0;
    let total = 0;
    for (let i = 0; i < pred.length; i++) {
      if (mask && mask[Math.floor(i / per)] === 0) continue;
      total++;
      if (pred[i] === target[i]) right++;
    }
    return right / total;
  }

  /** The loss (no gradients). */
  loss(batch: SequenceBatch, target: ArrayLike<number>): number {
    return this.lossOf(batch, this.forward(batch), target).loss;
  }

  /** The loss, and *adds* ∂loss/∂θ into every parameter's grad. */
  lossAndGrad(batch: SequenceBatch, target: ArrayLike<number>): number {
    const { loss, grad } = this.lossOf(batch, this.forward(batch), target);
    this.backward(grad);
    return loss;
  }

  /** A LossAndGrad closure for one batch. */
  lossAndGradFn(batch: SequenceBatch, target: ArrayLike<number>): () => number {
    return () => this.lossAndGrad(batch, target);
  }

  // ------------------------------------------------------------ internals

  private rowMask(batch: SequenceBatch): Float64Array | undefined {
    if (this.readout !== "every" || !batch.lengths) return undefined;
    const m = new Float64Array(batch.T * batch.B);
    for (let t = 0; t < batch.T; t++) for (let b = 0; b < batch.B; b++) m[t * batch.B + b] = t < batch.lengths[b] ? 1 : 0;
    return m;
  }

  private lossOf(batch: SequenceBatch, y: Float64Array, target: ArrayLike<number>): LossResult {
    const mask = this.rowMask(batch);
    if (this.lossType === "ce") return crossEntropyLoss(y, target, mask);
    if (this.lossType === "bce") return bceWithLogitsLoss(y, target, mask);
    return mseLoss(y, target, mask);
  }

  private head(rows: number): Float64Array {
    const M = this.modelSize;
    const O = this.outputSize;
    let f = this.features;
    let F = M;
    if (this.readoutWeight && this.readoutBias) {
      const R = this.readoutHidden;
      this.hiddenAct = new Float64Array(rows * R);
      for (let r = 0; r < rows; r++) {
        for (let i = 0; i < R; i++) {
          let s = this.readoutBias.data[i];
          for (let m = 0; m < M; m++) s += this.readoutWeight.data[i * M + m] * f[r * M + m];
          this.hiddenAct[r * R + i] = Math.tanh(s);
        }
      }
      f = this.hiddenAct;
      F = R;
    }
    const y = new Float64Array(rows * O);
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < O; o++) {
        let s = this.headBias.data[o];
        for (let i = 0; i < F; i++) s += this.headWeight.data[o * F + i] * f[r * F + i];
        y[r * O + o] = s;
      }
    }
    return y;
  }

  /** Back through the head (and the tanh readout layer): returns ∂L/∂features [rows, M]. */
  private headBackward(dy: Float64Array, rows: number): Float64Array {
    const M = this.modelSize;
    const O = this.outputSize;
    const R = this.readoutHidden;
    const F = R > 0 ? R : M;
    const f = R > 0 ? this.hiddenAct : this.features;
    const df = new Float64Array(rows * F);
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < O; o++) {
        const g = dy[r * O + o];
        if (g === 0) continue;
        this.headBias.grad[o] += g;
        for (let i = 0; i < F; i++) {
          this.headWeight.grad[o * F + i] += g * f[r * F + i];
          df[r * F + i] += this.headWeight.data[o * F + i] * g;
        }
      }
    }
    if (!(this.readoutWeight && this.readoutBias)) return df;
    const dFeat = new Float64Array(rows * M);
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < R; i++) {
        const u = this.hiddenAct[r * R + i];
        const g = df[r * R + i] * (1 - u * u); // tanh'
        if (g === 0) continue;
        this.readoutBias.grad[i] += g;
        for (let m = 0; m < M; m++) {
          this.readoutWeight.grad[i * M + m] += g * this.features[r * M + m];
          dFeat[r * M + m] += this.readoutWeight.data[i * M + m] * g;
        }
      }
    }
    return dFeat;
  }
}

/** Rows y_t = W z_t for t < L: W [M, M], z [L, M]. */
function matVecRows(W: Float64Array, z: Float64Array, L: number, M: number): Float64Array {
  const y = new Float64Array(L * M);
  for (let t = 0; t < L; t++) {
    for (let i = 0; i < M; i++) {
      let s = 0;
      for (let m = 0; m < M; m++) s += W[i * M + m] * z[t * M + m];
      y[t * M + i] = s;
    }
  }
  return y;
}

/** For y_t = W z_t: dW += Σ_t dy_t z_tᵀ and dz_t += Wᵀ dy_t. */
function accumulateProjection(dW: Float64Array, W: Float64Array, dy: Float64Array, z: Float64Array, dz: Float64Array, L: number, M: number): void {
  for (let t = 0; t < L; t++) {
    for (let i = 0; i < M; i++) {
      const g = dy[t * M + i];
      if (g === 0) continue;
      for (let m = 0; m < M; m++) {
        dW[i * M + m] += g * z[t * M + m];
        dz[t * M + m] += W[i * M + m] * g;
      }
    }
  }
}
