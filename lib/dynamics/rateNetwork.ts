/**
 * Continuous-time rate networks and their forward-Euler discretisation.
 *
 *     τ dh/dt = −h + φ(W h + U x + b)
 *
 * Forward Euler with step Δt gives a leaky average with leak α = Δt/τ:
 *
 *     h_t = (1 − α) h_{t−1} + α φ(W h_{t−1} + U x_t + b)
 *
 * which is exactly the vanilla RNN step h_t = φ(W h_{t−1} + U x_t + b) when Δt = τ (α = 1).
 * `RateNetwork` adds a linear readout y_t = W_out h_t + b_out and an exact BPTT backward pass
 * through the Euler steps, with optional Dale's law (W = |W̃| D, D = diag(±1) per presynaptic neuron).
 *
 * Shapes: inputs are time-major, x[(t*B + b)*D + d] for [T, B, D]; hidden states [T, B, N];
 * outputs [T, B, O]. Time is in units of τ unless you choose otherwise.
 */
import { RnnlabError, badArgument, requireAllFinite, requireFinite, requireInt, requireOneOf, requirePositive } from "../core/errors";
import { requireAllocation, requireFiniteResult, requireOptions } from "../core/options";
import { HasParameters, LossAndGrad, Parameter, StateDict, createParameter, loadStateDictInto, stateDictOf } from "../core/parameter";
import { Rng, rngOrDefault } from "../core/random";
import { requireNumberArray } from "../core/argChecks";
import { leakyEulerStep, residentMatVecIfFaster } from "../kernels";

/** Pointwise nonlinearities of rate networks. */
export type RateNonlinearity = "tanh" | "relu" | "linear";
const RATE_NONLINEARITIES: readonly RateNonlinearity[] = ["tanh", "relu", "linear"];

/** φ(a) without checks (the inner loops, after their arguments were checked). */
function phiOf(kind: RateNonlinearity, a: number): number {
  if (kind === "tanh") return Math.tanh(a);
  if (kind === "relu") return a > 0 ? a : 0;
  return a;
}

/** φ'(a) for a rate nonlinearity. */
function rateActivationDerivative(kind: RateNonlinearity, a: number): number {
  requireOneOf("rateActivationDerivative", "kind", kind, RATE_NONLINEARITIES);
  requireFinite("rateActivationDerivative", "a", a);
  if (kind === "tanh") {
    const t = Math.tanh(a);
    return 1 - t * t;
  }
  if (kind === "relu") return a > 0 ? 1 : 0;
  return 1;
}

/**
 * A time-major batch of input sequences: x[(t*B + b)*D + d] (the engine's SequenceBatch shape).
 * All sequences have length T; per-sequence `lengths` shorter than T are refused (use a loss mask).
 */
export interface RateInputBatch {
  x: Float64Array;
  T: number;
  B: number;
  D: number;
  lengths?: readonly number[];
}

/** Checks a time-major batch and returns it. */
function checkBatch(where: string, batch: RateInputBatch, D: number): RateInputBatch {
  if (batch === null || typeof batch !== "object") badArgument(where, "batch", "an object {x, T, B, D}", batch);
  requireInt(where, "batch.T", batch.T);
  requireInt(where, "batch.B", batch.B);
  if (batch.D !== D) badArgument(where, "batch.D", `${D} (the network's inputSize)`, batch.D);
  if (!(batch.x instanceof Float64Array) || batch.x.length !== batch.T * batch.B * D) {
    badArgument(where, "batch.x", `a Float64Array of length T*B*D = ${batch.T * batch.B * D}`, batch.x);
  }
  requireAllFinite(where, "batch.x", batch.x);
  if (batch.lengths !== undefined && batch.lengths.some((L) => L !== batch.T)) {
    badArgument(where, "batch.lengths", `absent or all equal to T = ${batch.T} (mask the loss for shorter sequences)`, batch.lengths);
  }
  return batch;
}

/** The vanilla RNN step h_new = φ(W h + U x + b): the Euler step with Δt = τ (α = 1). */
export function vanillaRnnStep(W: Float64Array, U: Float64Array, b: Float64Array, h: Float64Array, x: Float64Array, nonlinearity: RateNonlinearity = "tanh"): Float64Array {
  const where = "vanillaRnnStep";
  const { N, D } = checkStepArguments(where, W, U, b, h, x, nonlinearity);
  const out = new Float64Array(N);
  // a_i = b_i + Σ_j W_ij h_j + Σ_d U_id x_d; 0·h_i + φ(a_i) is (1 − α) h_i + α φ(a_i) at α = 1 bit for bit (sign of zero included)
  for (let i = 0; i < N; i++) out[i] = 0 * h[i] + phiOf(nonlinearity, preactivation(i, N, D, W, U, b, h, 0, x, 0));
  // φ(a) is bounded or ≤ |a|: only a large pre-activation can overflow
  requireFiniteResult(where, "h_new", out, "W, U, b, h or x too large");
  return out;
}

/** Checks the arguments of one step: finite arrays whose lengths agree with N = h.length, D = x.length. */
function checkStepArguments(
  where: string,
  W: unknown,
  U: unknown,
  b: unknown,
  h: unknown,
  x: unknown,
  nonlinearity: unknown,
): { N: number; D: number } {
  const hh = requireNumberArray(where, "h", h, { minLength: 1 });
  const xx = requireNumberArray(where, "x", x);
  const N = hh.length;
  const D = xx.length;
  requireAllocation(where, "h", N * N);
  if (requireNumberArray(where, "W", W).length !== N * N) badArgument(where, "W", `a square matrix with N*N = ${N * N} entries (N = h.length)`, W);
  if (requireNumberArray(where, "U", U).length !== N * D) badArgument(where, "U", `an [N, D] matrix with N·D = ${N * D} entries (N = h.length = ${N}, D = x.length = ${D})`, U);
  if (requireNumberArray(where, "b", b).length !== N) badArgument(where, "b", `a vector of length N = ${N}`, b);
  requireOneOf(where, "nonlinearity", nonlinearity, RATE_NONLINEARITIES);
  return { N, D };
}

/** Configuration of a `RateNetwork`. */
export interface RateNetworkConfig {
  /** Input dimension D. */
  inputSize: number;
  /** Number of neurons N. */
  hiddenSize: number;
  /** Readout dimension O (default 1). */
  outputSize?: number;
  /** Neuronal time constant τ (default 1). */
  tau?: number;
  /** Euler step Δt (default = τ, the vanilla RNN); must be > 0. */
  dt?: number;
  /** φ (default "tanh"). */
  nonlinearity?: RateNonlinearity;
  /** Recurrent gain g: W_ij ~ N(0, g²/N) at initialisation (default 0.9). */
  gain?: number;
  /**
   * Dale's law: fraction of excitatory neurons (the first round(f·N) neurons are E, the rest I).
   * Then W = |W̃| D with D = diag(±1) over presynaptic neurons (columns), and `weight_hh` holds W̃.
   * Leave undefined for an unconstrained W.
   */
  excitatoryFraction?: number;
  rng?: Rng;
}

/** The result of running a rate network on a batch. */
export interface RateForwardResult {
  /** Hidden states h_1..h_T, [T, B, N]. */
  states: Float64Array;
  /** Readouts y_1..y_T, [T, B, O]. */
  outputs: Float64Array;
  /** Pre-activations a_t = W h_{t−1} + U x_t + b, [T, B, N] (reused by `backward`). */
  preactivations: Float64Array;
}

/**
 * A leaky (forward-Euler) rate network with a linear readout, trainable by BPTT.
 *
 * Parameters (PyTorch-like names): `weight_hh` [N, N] (W, or W̃ under Dale's law), `weight_ih` [N, D],
 * `bias` [N], `readout.weight` [O, N], `readout.bias` [O].
 *
 * @example
 * ```ts
 * import { RateNetwork, Rng } from "rnnlab";
 * const rng = new Rng(1);
 * const net = new RateNetwork({ inputSize: 2, hiddenSize: 50, tau: 10, dt: 1, gain: 1.2, rng });
 * const { states } = net.forward({ x: rng.normalArray(30 * 2), T: 30, B: 1, D: 2 });  // states [T, B, N]
 * ```
 */
export class RateNetwork implements HasParameters {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly outputSize: number;
  readonly tau: number;
  readonly dt: number;
  /** α = Δt/τ. */
  readonly alpha: number;
  readonly nonlinearity: RateNonlinearity;
  /** +1 (excitatory) / −1 (inhibitory) per neuron under Dale's law, else null. */
  readonly signs: Float64Array | null;
  readonly weightHH: Parameter;
  readonly weightIH: Parameter;
  readonly bias: Parameter;
  readonly readoutWeight: Parameter;
  readonly readoutBias: Parameter;

  constructor(config: RateNetworkConfig) {
    const where = "RateNetwork";
    requireOptions(where, config, ["inputSize", "hiddenSize", "outputSize", "tau", "dt", "nonlinearity", "gain", "excitatoryFraction", "rng"], { name: "config" });
    this.inputSize = requireInt(where, "inputSize", config.inputSize);
    this.hiddenSize = requireInt(where, "hiddenSize", config.hiddenSize);
    this.outputSize = requireInt(where, "outputSize", config.outputSize ?? 1);
    this.tau = requirePositive(where, "tau", config.tau ?? 1);
    this.dt = requirePositive(where, "dt", config.dt ?? this.tau);
    this.alpha = this.dt / this.tau;
    this.nonlinearity = requireOneOf(where, "nonlinearity", config.nonlinearity ?? "tanh", RATE_NONLINEARITIES);
    const gain = requireFinite(where, "gain", config.gain ?? 0.9, 0);
    const rng = rngOrDefault(config.rng);
    const N = this.hiddenSize;
    const D = this.inputSize;
    const O = this.outputSize;
    this.weightHH = createParameter("weight_hh", [N, N]);
    this.weightIH = createParameter("weight_ih", [N, D]);
    this.bias = createParameter("bias", [N]);
    this.readoutWeight = createParameter("readout.weight", [O, N]);
    this.readoutBias = createParameter("readout.bias", [O]);
    if (config.excitatoryFraction !== undefined) {
      const f = requireFinite(where, "excitatoryFraction", config.excitatoryFraction, 0, 1);
      this.signs = daleSigns(N, f);
      // |W̃| ~ |N(0, g²/N)|; inhibitory columns are scaled up by nE/nI (at most 4×) so that the mean
      // excitatory and inhibitory input to a neuron cancel (Σ_j W_ij has mean 0 when nE/nI ≤ 4).
      const nE = Math.round(f * N);
      const nI = N - nE;
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          const scale = this.signs[j] > 0 || nI === 0 ? 1 : nE / nI;
          this.weightHH.data[i * N + j] = Math.abs(rng.normal(0, gain / Math.sqrt(N))) * Math.min(scale, 4);
        }
      }
    } else {
      this.signs = null;
      for (let k = 0; k < N * N; k++) this.weightHH.data[k] = rng.normal(0, gain / Math.sqrt(N));
    }
    for (let k = 0; k < N * D; k++) this.weightIH.data[k] = rng.normal(0, 1 / Math.sqrt(D));
    for (let k = 0; k < O * N; k++) this.readoutWeight.data[k] = rng.normal(0, 1 / Math.sqrt(N));
  }

  parameters(): Parameter[] {
    return [this.weightHH, this.weightIH, this.bias, this.readoutWeight, this.readoutBias];
  }

  /** The parameter values by name (JSON-ready nested arrays, as PyTorch's state_dict().tolist()). */
  stateDict(): StateDict {
    return stateDictOf(this.parameters());
  }

  /** Loads values saved by `stateDict` (names and shapes must match). */
  loadStateDict(state: StateDict): void {
    loadStateDictInto("RateNetwork", this.parameters(), state);
  }

  /** The effective recurrent matrix W [N, N] (|W̃| D under Dale's law), a new array. */
  recurrentWeights(): Float64Array {
    const N = this.hiddenSize;
    const W = new Float64Array(N * N);
    const w = this.weightHH.data;
    if (this.signs === null) {
      W.set(w);
      return W;
    }
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) W[i * N + j] = Math.abs(w[i * N + j]) * this.signs[j];
    return W;
  }

  /** The sizes and weights that `forward` and `backward` read (W is the effective recurrent matrix). */
  private weights(): { N: number; D: number; O: number; alpha: number; W: Float64Array; U: Float64Array; bias: Float64Array; Wo: Float64Array } {
    const [N, D, O] = [this.hiddenSize, this.inputSize, this.outputSize];
    return { N, D, O, alpha: this.alpha, W: this.recurrentWeights(), U: this.weightIH.data, bias: this.bias.data, Wo: this.readoutWeight.data };
  }

  /**
   * Runs the Euler dynamics on a batch from h0 (default zeros, [B, N] or [N] shared by the batch).
   * Returns states [T, B, N] and readouts [T, B, O].
   */
  forward(batch: RateInputBatch, h0?: Float64Array): RateForwardResult {
    const where = "RateNetwork.forward";
    const { T, B } = checkBatch(where, batch, this.inputSize);
    const { N, D, O, alpha, W, U, bias, Wo } = this.weights();
    const bo = this.readoutBias.data;
    const states = new Float64Array(T * B * N);
    const outputs = new Float64Array(T * B * O);
    const hPrev = initialState(where, h0, B, N);
    const preacts = new Float64Array(T * B * N);
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const prevOff = t === 0 ? b * N : ((t - 1) * B + b) * N;
        const prev = t === 0 ? hPrev : states;
        const xOff = (t * B + b) * D;
        const hOff = (t * B + b) * N;
        for (let i = 0; i < N; i++) preacts[hOff + i] = preactivation(i, N, D, W, U, bias, prev, prevOff, batch.x, xOff);
        for (let i = 0; i < N; i++) {
          states[hOff + i] = (1 - alpha) * prev[prevOff + i] + alpha * phiOf(this.nonlinearity, preacts[hOff + i]);
        }
        const yOff = (t * B + b) * O;
        for (let o = 0; o < O; o++) {
          let y = bo[o];
          for (let i = 0; i < N; i++) y += Wo[o * N + i] * states[hOff + i];
          outputs[yOff + o] = y;
        }
      }
    }
    return { states, outputs, preactivations: preacts };
  }

  /**
   * Mean squared error of the readout against `target` [T, B, O], over the steps where
   * `mask` [T, B] is 1 (default all), and its exact gradient by BPTT through the Euler steps,
   * *added* into every parameter's `grad`. Returns the loss.
   *
   * L = Σ_{t,b,o} m_{t,b} (y_{t,b,o} − target_{t,b,o})² / (O Σ m).
   */
  lossAndGrad(batch: RateInputBatch, target: Float64Array, mask?: Float64Array, h0?: Float64Array): number {
    const where = "RateNetwork.lossAndGrad";
    const { T, B } = checkBatch(where, batch, this.inputSize);
    const N = this.hiddenSize;
    const O = this.outputSize;
    if (!(target instanceof Float64Array) || target.length !== T * B * O) {
      badArgument(where, "target", `a Float64Array [T, B, O] of length ${T * B * O}`, target);
    }
    requireAllFinite(where, "target", target);
    if (mask !== undefined && (!(mask instanceof Float64Array) || mask.length !== T * B)) {
      badArgument(where, "mask", `a Float64Array [T, B] of length ${T * B}`, mask);
    }
    const h0Full = initialState(where, h0, B, N);
    const { states, outputs, preactivations } = this.forward(batch, h0Full);
    let count = 0;
    for (let k = 0; k < T * B; k++) count += mask ? mask[k] : 1;
    if (count <= 0) throw new RnnlabError(`${where}: mask selects no time steps`);
    const norm = 1 / (count * O);
    let loss = 0;
    const dy = new Float64Array(T * B * O);
    for (let tb = 0; tb < T * B; tb++) {
      const m = mask ? mask[tb] : 1;
      if (m === 0) continue;
      for (let o = 0; o < O; o++) {
        const e = outputs[tb * O + o] - target[tb * O + o];
        loss += m * e * e * norm;
        dy[tb * O + o] = 2 * m * e * norm;
      }
    }
    this.backward(batch, h0Full, states, dy, preactivations);
    return loss;
  }

  /** A `LossAndGrad` closure for optimizers and gradient checks. */
  lossFunction(batch: RateInputBatch, target: Float64Array, mask?: Float64Array): LossAndGrad {
    return () => this.lossAndGrad(batch, target, mask);
  }

  /**
   * BPTT through the Euler steps given dL/dy [T, B, O]; adds into the parameters' grads and
   * returns dL/dh0 [B, N]. `states` (and optionally `preactivations`) come from `forward(batch, h0)`.
   */
  backward(batch: RateInputBatch, h0: Float64Array, states: Float64Array, dy: Float64Array, preactivations?: Float64Array): Float64Array {
    const { T, B } = batch;
    const { N, D, O, alpha, W, U, bias, Wo } = this.weights();
    const gW = new Float64Array(N * N); // dL/dW (effective)
    const gU = this.weightIH.grad;
    const gb = this.bias.grad;
    const gWo = this.readoutWeight.grad;
    const gbo = this.readoutBias.grad;
    const dh = new Float64Array(B * N); // dL/dh_t carried backwards
    const da = new Float64Array(N);
    const dhPrev = new Float64Array(N);
    for (let t = T - 1; t >= 0; t--) {
      for (let b = 0; b < B; b++) {
        const hOff = (t * B + b) * N;
        const prev = t === 0 ? h0 : states;
        const prevOff = t === 0 ? b * N : ((t - 1) * B + b) * N;
        const xOff = (t * B + b) * D;
        const dhb = b * N;
        // readout: y = Wo h + bo
        for (let o = 0; o < O; o++) {
          const g = dy[(t * B + b) * O + o];
          if (g === 0) continue;
          gbo[o] += g;
          for (let i = 0; i < N; i++) {
            gWo[o * N + i] += g * states[hOff + i];
            dh[dhb + i] += g * Wo[o * N + i];
          }
        }
        // the preactivation a_t = W h_{t-1} + U x_t + b (stored by forward, else recomputed)
        for (let i = 0; i < N; i++) {
          const a = preactivations !== undefined ? preactivations[hOff + i] : preactivation(i, N, D, W, U, bias, prev, prevOff, batch.x, xOff);
          // h_t = (1-α) h_{t-1} + α φ(a_t)
          da[i] = alpha * dh[dhb + i] * rateActivationDerivative(this.nonlinearity, a);
        }
        for (let j = 0; j < N; j++) dhPrev[j] = (1 - alpha) * dh[dhb + j];
        for (let i = 0; i < N; i++) {
          const g = da[i];
          if (g === 0) continue;
          gb[i] += g;
          for (let j = 0; j < N; j++) {
            gW[i * N + j] += g * prev[prevOff + j];
            dhPrev[j] += W[i * N + j] * g;
          }
          for (let d = 0; d < D; d++) gU[i * D + d] += g * batch.x[xOff + d];
        }
        dh.set(dhPrev, dhb);
      }
    }
    // dL/dW̃ = dL/dW · ∂W/∂W̃ : identity, or s_j · sign(W̃_ij) under Dale's law.
    const w = this.weightHH.data;
    const gw = this.weightHH.grad;
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        const k = i * N + j;
        gw[k] += this.signs === null ? gW[k] : gW[k] * this.signs[j] * Math.sign(w[k]);
      }
    }
    return dh;
  }
}

/** Pre-activation of neuron i: a_i = b_i + Σ_j W_ij h_j + Σ_d U_id x_d, with h at h[hOff..], x at x[xOff..]. */
function preactivation(i: number, N: number, D: number, W: Float64Array, U: Float64Array, b: Float64Array, h: Float64Array, hOff: number, x: Float64Array, xOff: number): number {
  let a = b[i];
  for (let j = 0; j < N; j++) a += W[i * N + j] * h[hOff + j];
  for (let d = 0; d < D; d++) a += U[i * D + d] * x[xOff + d];
  return a;
}

/** h0 as a [B, N] array: zeros, a shared [N] vector, or a given [B, N] array. */
function initialState(where: string, h0: Float64Array | undefined, B: number, N: number): Float64Array {
  const out = new Float64Array(B * N);
  if (h0 === undefined) return out;
  if (!(h0 instanceof Float64Array)) badArgument(where, "h0", `a Float64Array [N] or [B, N]`, h0);
  if (h0.length === B * N) out.set(h0);
  else if (h0.length === N) for (let b = 0; b < B; b++) out.set(h0, b * N);
  else badArgument(where, "h0", `a Float64Array of length N = ${N} or B*N = ${B * N}`, h0);
  return out;
}

/**
 * Signs of Dale's law: +1 for the first round(f·N) (excitatory) neurons, −1 for the rest.
 */
function daleSigns(n: number, excitatoryFraction: number): Float64Array {
  requireInt("daleSigns", "n", n);
  requireFinite("daleSigns", "excitatoryFraction", excitatoryFraction, 0, 1);
  const nE = Math.round(excitatoryFraction * n);
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) s[j] = j < nE ? 1 : -1;
  return s;
}

/**
 * Counts entries of W [N, N] whose sign breaks Dale's law for the given column signs
 * (an E column with a negative entry, an I column with a positive one).
 */
export function daleViolations(W: Float64Array, signs: Float64Array): number {
  requireNumberArray("daleViolations", "signs", signs, { minLength: 1 });
  requireNumberArray("daleViolations", "W", W);
  const N = signs.length;
  if (W.length !== N * N) badArgument("daleViolations", "W", `a square matrix with N² = ${N * N} entries (N = signs.length = ${N})`, W);
  let bad = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (W[i * N + j] * signs[j] < 0) bad++;
  return bad;
}

/** Options of `integrateRateNetwork`. */
export interface RateIntegrationOptions {
  /** Step Δt (> 0). */
  dt: number;
  /** Number of steps. */
  steps: number;
  /** "euler" (default) or "rk4". */
  method?: "euler" | "rk4";
  /** τ (default 1). */
  tau?: number;
  nonlinearity?: RateNonlinearity;
  /** Initial state [N] (default zeros). */
  h0?: Float64Array;
  /** Constant input drive I = U x + b [N] (default zeros), or a function of time t returning it. */
  drive?: Float64Array | ((t: number) => Float64Array);
}

/**
 * Integrates τ dh/dt = −h + φ(W h + I(t)) for one state vector with forward Euler or classic RK4.
 * W is [N, N]; returns the trajectory [steps + 1, N] including h0. For N ≥ 64 (and at least 4
 * products) W h is the kernel layer's resident SIMD matrix–vector product (float64, equal to the
 * plain loop to rounding). Euler steps are the kernels' `leakyEulerStep`.
 */
export function integrateRateNetwork(W: Float64Array, n: number, options: RateIntegrationOptions): Float64Array {
  const where = "integrateRateNetwork";
  requireInt(where, "n", n);
  if (!(W instanceof Float64Array) || W.length !== n * n) {
    badArgument(where, "W", `a square [n, n] Float64Array with ${n * n} entries`, W);
  }
  requireAllFinite(where, "W", W);
  requireOptions(where, options, ["dt", "steps", "method", "tau", "nonlinearity", "h0", "drive"], { expected: "an object { dt, steps, ... }" });
  const dt = requirePositive(where, "dt", options.dt);
  const steps = requireInt(where, "steps", options.steps, 0);
  requireAllocation(where, "steps", (steps + 1) * n);
  const tau = requirePositive(where, "tau", options.tau ?? 1);
  const method = requireOneOf(where, "method", options.method ?? "euler", ["euler", "rk4"] as const);
  const phi = requireOneOf(where, "nonlinearity", options.nonlinearity ?? "tanh", RATE_NONLINEARITIES);
  const zero = new Float64Array(n);
  const drive = options.drive;
  if (drive !== undefined && typeof drive !== "function") {
    if (!(drive instanceof Float64Array) || drive.length !== n) badArgument(where, "drive", `a Float64Array of length n = ${n} or a function of t returning one`, drive);
    requireAllFinite(where, "drive", drive);
  }
  const driveAt = (t: number): Float64Array => {
    if (drive === undefined) return zero;
    if (typeof drive !== "function") return drive;
    const I = drive(t);
    if (!I || I.length !== n) badArgument(where, `drive(${t})`, `a vector of length n = ${n}`, I);
    return I;
  };
  const out = new Float64Array((steps + 1) * n);
  if (options.h0 !== undefined) {
    if (options.h0.length !== n) badArgument(where, "h0", `a vector of length ${n}`, options.h0);
    requireAllFinite(where, "h0", options.h0);
    out.set(options.h0);
  }
  // W h by the kernel layer's resident SIMD product when N and the number of products make it pay
  const mv = residentMatVecIfFaster(W, n, n, steps * (method === "rk4" ? 4 : 1));
  const wh = new Float64Array(n);
  /** v(h, t) = φ(W h + I(t)), so that τ dh/dt = −h + v. */
  const v = (h: Float64Array, t: number, dst: Float64Array): void => {
    const I = driveAt(t);
    if (mv) {
      wh.fill(0);
      mv.multiplyAccumulate(wh, h);
      for (let i = 0; i < n; i++) dst[i] = phiOf(phi, I[i] + wh[i]);
      return;
    }
    for (let i = 0; i < n; i++) {
      let a = I[i];
      for (let j = 0; j < n; j++) a += W[i * n + j] * h[j];
      dst[i] = phiOf(phi, a);
    }
  };
  try {
    integrate(v, out, n, steps, dt, tau, method);
  } finally {
    mv?.dispose();
  }
  requireFiniteResult(where, "the trajectory", out, `dt = ${dt} too large for tau = ${tau} (unstable integration), or drive/W too large (index / n = step)`);
  return out;
}

/**
 * Steps of τ dh/dt = −h + v(h, t) from out[0..n) into out [steps + 1, n]: forward Euler by the
 * kernels' `leakyEulerStep` (h ← (1 − α) h + α v, α = Δt/τ), or classic RK4.
 */
function integrate(v: (h: Float64Array, t: number, dst: Float64Array) => void, out: Float64Array, n: number, steps: number, dt: number, tau: number, method: "euler" | "rk4"): void {
  const f = (h: Float64Array, t: number, dst: Float64Array): void => {
    v(h, t, dst);
    for (let i = 0; i < n; i++) dst[i] = (-h[i] + dst[i]) / tau;
  };
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const tmp = new Float64Array(n);
  for (let s = 0; s < steps; s++) {
    const t = s * dt;
    const h = out.subarray(s * n, (s + 1) * n);
    const next = out.subarray((s + 1) * n, (s + 2) * n);
    next.set(h);
    if (method === "euler") {
      v(h, t, k1);
      leakyEulerStep(next, k1, dt / tau, n);
      continue;
    }
    f(h, t, k1);
    for (let i = 0; i < n; i++) tmp[i] = h[i] + 0.5 * dt * k1[i];
    f(tmp, t + 0.5 * dt, k2);
    for (let i = 0; i < n; i++) tmp[i] = h[i] + 0.5 * dt * k2[i];
    f(tmp, t + 0.5 * dt, k3);
    for (let i = 0; i < n; i++) tmp[i] = h[i] + dt * k3[i];
    f(tmp, t + dt, k4);
    for (let i = 0; i < n; i++) next[i] = h[i] + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  }
}
