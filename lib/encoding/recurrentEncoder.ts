/**
 * Recurrent encoding models of a spike train: a recurrent network reads the stimulus
 * bin by bin and outputs the log expected spike count of every bin.
 *
 *     "gru":  h_t = GRU(h_{t−1}, x_t)                                   (PyTorch's GRU equations)
 *     "rate": h_t = (1 − α) h_{t−1} + α tanh(W h_{t−1} + U x_t + b),  α = Δt/τ   (a leaky rate network)
 *     log λ_t = w_outᵀ h_t + b_out            y_t ~ Poisson(λ_t)
 *
 * Both are trained on the mean Poisson negative log-likelihood  (1/T) Σ_t (λ_t − y_t log λ_t)
 * by exact BPTT (the GRU through `SequenceModel` with loss "poisson", the rate network
 * through `RateNetwork.backward`). Inputs are time-major [T, B, D]; counts [T, B].
 */
import { RnnlabError, badArgument, requireAllFinite, requireFinite, requireInt, requireOneOf, requirePositive } from "../core/errors";
import { Parameter } from "../core/parameter";
import { Rng, rngOrDefault } from "../core/random";
import { SequenceModel } from "../nn/sequenceModel";
import { poissonNllLoss } from "../nn/losses";
import { RateNetwork } from "../dynamics/rateNetwork";
import { Adam } from "../training/optimizers";
import { TrainConfig, TrainHistory, train } from "../training/train";
import { requireOptions } from "../core/options";

/** "gru" (gated) or "rate" (leaky tanh rate network). */
export type RecurrentEncoderKind = "gru" | "rate";

/** Configuration of a `RecurrentEncoder`. */
export interface RecurrentEncoderConfig {
  kind: RecurrentEncoderKind;
  hiddenSize: number;
  /** Stimulus features per bin (default 1). */
  inputSize?: number;
  /** "rate" only: time constant τ in bins (default 5); Δt = 1 bin. */
  tau?: number;
  /** Initial readout bias: log of the mean count per bin (default 0). */
  initialLogRate?: number;
  rng?: Rng;
}

/** A time-major batch of stimulus windows. */
export interface EncoderBatch {
  /** [T, B, D] flat. */
  x: Float64Array;
  T: number;
  B: number;
  D: number;
}

/**
 * A GRU or rate network with a Poisson log-rate readout.
 *
 * @example
 * ```ts
 * import { RecurrentEncoder, Rng, trainRecurrentEncoder } from "rnnlab";
 * const rng = new Rng(1);
 * const stimulus = rng.normalArray(400);
 * const counts = stimulus.map((s) => (s > 1 ? 1 : 0));  // a neuron that fires on strong input
 * const encoder = new RecurrentEncoder({ kind: "gru", hiddenSize: 4, rng: new Rng(2) });
 * trainRecurrentEncoder(encoder, { stimulus, counts, steps: 20, window: 50, batchSize: 4, learningRate: 0.01, rng: new Rng(3) });
 * const logRate = encoder.logRate(stimulus);           // log λ_t per bin
 * ```
 */
export class RecurrentEncoder {
  readonly kind: RecurrentEncoderKind;
  readonly inputSize: number;
  readonly hiddenSize: number;
  private readonly gru: SequenceModel | null;
  private readonly rate: RateNetwork | null;

  constructor(config: RecurrentEncoderConfig) {
    const where = "RecurrentEncoder";
    requireOptions(where, config, ["kind", "hiddenSize", "inputSize", "tau", "initialLogRate", "rng"], { name: "config", expected: "an object {kind, hiddenSize, ...}" });
    this.kind = requireOneOf(where, "kind", config.kind, ["gru", "rate"] as const);
    this.hiddenSize = requireInt(where, "hiddenSize", config.hiddenSize);
    this.inputSize = requireInt(where, "inputSize", config.inputSize ?? 1);
    if (this.kind === "gru" && config.tau !== undefined) badArgument(where, "tau", "absent for kind \"gru\" (only the rate network has a time constant)", config.tau);
    const bias0 = requireFinite(where, "initialLogRate", config.initialLogRate ?? 0);
    const rng = rngOrDefault(config.rng);
    if (this.kind === "gru") {
      this.gru = new SequenceModel({ cell: "gru", inputSize: this.inputSize, hiddenSize: this.hiddenSize, outputSize: 1, readout: "every", loss: "poisson", rng });
      this.gru.head.parameters()[1].data[0] = bias0;
      this.rate = null;
    } else {
      const tau = requirePositive(where, "tau", config.tau ?? 5);
      this.rate = new RateNetwork({ inputSize: this.inputSize, hiddenSize: this.hiddenSize, outputSize: 1, tau, dt: 1, nonlinearity: "tanh", rng });
      this.rate.readoutBias.data[0] = bias0;
      this.gru = null;
    }
  }

  parameters(): Parameter[] {
    return this.gru ? this.gru.parameters() : (this.rate as RateNetwork).parameters();
  }

  private checkBatch(where: string, batch: EncoderBatch): void {
    if (batch === null || typeof batch !== "object") badArgument(where, "batch", "an object {x, T, B, D}", batch);
    requireInt(where, "batch.T", batch.T);
    requireInt(where, "batch.B", batch.B);
    if (batch.D !== this.inputSize) badArgument(where, "batch.D", `${this.inputSize} (the encoder's inputSize)`, batch.D);
    if (!(batch.x instanceof Float64Array) || batch.x.length !== batch.T * batch.B * batch.D) badArgument(where, "batch.x", `a Float64Array [T, B, D] of length ${batch.T * batch.B * batch.D}`, batch.x);
    requireAllFinite(where, "batch.x", batch.x);
  }

  /** Log expected counts log λ_{t,b}, [T, B] (no gradients). */
  forward(batch: EncoderBatch): Float64Array {
    this.checkBatch("RecurrentEncoder.forward", batch);
    if (this.gru) return this.gru.forward(batch);
    return (this.rate as RateNetwork).forward(batch).outputs;
  }

  /** Log expected counts for one stimulus x [T] (D = 1) or [T, D]: Float64Array [T]. */
  logRate(x: ArrayLike<number>): Float64Array {
    const D = this.inputSize;
    if (x.length === 0 || x.length % D !== 0) badArgument("RecurrentEncoder.logRate", "x", `a stimulus [T, D=${D}]`, x.length);
    return this.forward({ x: Float64Array.from(x), T: x.length / D, B: 1, D });
  }

  /**
   * Mean Poisson NLL (1/(T·B)) Σ (λ − y log λ) of counts [T, B], and its gradient *added*
   * into every parameter's grad. Returns the loss.
   */
  lossAndGrad(batch: EncoderBatch, counts: ArrayLike<number>): number {
    const where = "RecurrentEncoder.lossAndGrad";
    this.checkBatch(where, batch);
    if (!counts || counts.length !== batch.T * batch.B) throw new RnnlabError(`${where}: counts must have shape [T=${batch.T}, B=${batch.B}] (${batch.T * batch.B} entries), got ${counts ? counts.length : counts}`);
    if (this.gru) return this.gru.lossAndGrad(batch, counts);
    const net = this.rate as RateNetwork;
    const h0 = new Float64Array(batch.B * this.hiddenSize);
    const { states, outputs, preactivations } = net.forward(batch, h0);
    const { loss, grad } = poissonNllLoss(outputs, counts);
    net.backward(batch, h0, states, grad, preactivations);
    return loss;
  }
}

/** Options of `trainRecurrentEncoder`. */
export interface EncoderTrainConfig {
  /** Training stimulus x [T] (one feature per bin). */
  stimulus: ArrayLike<number>;
  /** Spike counts y [T] of the same bins. */
  counts: ArrayLike<number>;
  /** Bins per training window (default 200). */
  window?: number;
  /** Windows per batch (default 16). */
  batchSize?: number;
  /** Adam steps (required). */
  steps: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
  /** Clip the global gradient norm (default 1). */
  maxGradNorm?: number;
  /** Progress reports of the training loop (e.g. `liveLossCurve()` for a live curve in a notebook). */
  onProgress?: TrainConfig["onProgress"];
  rng?: Rng;
}

/**
 * Trains an encoder with Adam on random windows of (stimulus, counts): each step draws
 * `batchSize` windows of `window` bins (each starting from a zero state) and takes one step
 * on their mean Poisson NLL. Returns the loss history.
 */
export function trainRecurrentEncoder(encoder: RecurrentEncoder, config: EncoderTrainConfig): TrainHistory {
  const where = "trainRecurrentEncoder";
  requireOptions(where, config, ["stimulus", "counts", "window", "batchSize", "steps", "learningRate", "maxGradNorm", "onProgress", "rng"], { name: "config", expected: "an object {stimulus, counts, steps, ...}" });
  if (!(encoder instanceof RecurrentEncoder)) badArgument(where, "encoder", "a RecurrentEncoder", encoder);
  if (encoder.inputSize !== 1) badArgument(where, "encoder.inputSize", "1 (a scalar stimulus per bin)", encoder.inputSize);
  const { stimulus, counts } = config;
  requireAllFinite(where, "stimulus", stimulus);
  requireAllFinite(where, "counts", counts);
  if (counts.length !== stimulus.length) throw new RnnlabError(`${where}: counts must have the stimulus's ${stimulus.length} bins, got ${counts.length}`);
  const window = requireInt(where, "window", config.window ?? 200);
  if (window > stimulus.length) badArgument(where, "window", `at most the stimulus length (${stimulus.length} bins)`, window);
  const B = requireInt(where, "batchSize", config.batchSize ?? 16);
  const steps = requireInt(where, "steps", config.steps);
  const lr = requirePositive(where, "learningRate", config.learningRate ?? 0.01);
  const maxNorm = requirePositive(where, "maxGradNorm", config.maxGradNorm ?? 1);
  const rng = rngOrDefault(config.rng);
  const optimizer = new Adam(encoder.parameters(), { lr });
  const x = new Float64Array(window * B);
  const y = new Float64Array(window * B);
  return train({
    optimizer,
    steps,
    clip: { maxNorm },
    onProgress: config.onProgress,
    log: false,
    rng,
    lossAndGrad: () => {
      for (let b = 0; b < B; b++) {
        const s = rng.int(0, stimulus.length - window + 1);
        for (let t = 0; t < window; t++) {
          x[t * B + b] = stimulus[s + t];
          y[t * B + b] = counts[s + t];
        }
      }
      return encoder.lossAndGrad({ x, T: window, B, D: 1 }, y);
    },
  });
}
