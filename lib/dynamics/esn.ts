/**
 * Echo state networks (Jaeger 2001): a fixed random reservoir and a linear readout fitted in
 * closed form.
 *
 *     h(t) = (1 − a) h(t−1) + a tanh(W h(t−1) + W_in u(t) + b)        (leak rate a ∈ (0, 1])
 *     y(t) = W_out [h(t); 1]
 *
 * W [N, N] is sparse (each entry present with probability `density`, uniform in [−1, 1)) and
 * rescaled so that its spectral radius ρ(W) equals `spectralRadius`; W_in [N, D] is uniform in
 * [−inputScaling, inputScaling]; b is uniform in [−biasScaling, biasScaling].
 * W_out comes from ridge regression: W_out = Y Hᵀ (H Hᵀ + λ I)^{-1}.
 */
import { Matrix, solve } from "ml-matrix";
import { RnnlabError, badArgument, requireAllFinite, requireFinite, requireInt } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { csrMultiply } from "./csrKernel";
import { CsrMatrix, csrScale, csrToDense, randomSparseMatrix } from "./sparse";
import { spectralRadius } from "../linalg/eigenvalues";
import { residentMatVecIfFaster, residentMatVecPays } from "../kernels";
import { checkOptions, requireAllocation, requireSize, requireOptions } from "../core/options";
import { requireNumberArray } from "../core/argChecks";

/**
 * From this fraction of nonzero recurrent weights on, `run` multiplies by W as a dense matrix
 * resident in WebAssembly memory (SIMD, float64) instead of the CSR loop: measured break-even
 * ≈ 0.05 at N = 100…2000 (docs/speed.md); below it the CSR product reads less memory.
 */
export const ESN_DENSE_MIN_DENSITY = 0.08;

/** Configuration of an echo state network reservoir. */
export interface EsnConfig {
  /** Input dimension D (default 1). */
  inputSize?: number;
  /** Number of reservoir units N. */
  reservoirSize: number;
  /** Target spectral radius ρ(W), in (0, 10] (default 0.9); ρ of the random matrix comes from the linalg eigenvalue solver. */
  spectralRadius?: number;
  /** Fraction of nonzero recurrent weights, in (0, 1], with N·density ≥ 1 (default 0.1). */
  density?: number;
  /** Input weights uniform in [−s, s] (default 1). */
  inputScaling?: number;
  /** Leak rate a ∈ (0, 1] (default 1: no leak). */
  leakRate?: number;
  /** Bias uniform in [−s, s] (default 0). */
  biasScaling?: number;
  rng?: Rng;
}

/**
 * An echo state network reservoir with an optional fitted readout.
 *
 * @example
 * ```ts
 * import { EchoStateNetwork, Rng } from "rnnlab";
 * const esn = new EchoStateNetwork({ reservoirSize: 100, spectralRadius: 0.9, density: 0.1, rng: new Rng(1) });
 * const u = Float64Array.from({ length: 300 }, (_, t) => Math.sin(t / 5));
 * const target = u.map((_, t) => (t >= 3 ? u[t - 3] : 0));      // recall the input 3 steps back
 * const states = esn.run(u);                                     // [T, N] reservoir states
 * esn.fit(states, target, { ridge: 1e-6, washout: 50 });         // ridge-regression readout
 * const y = esn.predict(states);
 * ```
 */
export class EchoStateNetwork {
  readonly inputSize: number;
  readonly reservoirSize: number;
  readonly spectralRadius: number;
  readonly density: number;
  readonly inputScaling: number;
  readonly leakRate: number;
  readonly biasScaling: number;
  /** Recurrent weights (CSR), scaled to ρ = spectralRadius. */
  readonly W: CsrMatrix;
  /** Input weights [N, D]. */
  readonly Win: Float64Array;
  /** Bias [N]. */
  readonly bias: Float64Array;
  /** ρ(W) of the raw random matrix before rescaling. */
  readonly rawSpectralRadius: number;
  /** Readout [O, N + 1] (last column: intercept), set by `fit`. */
  readout: Float64Array | null = null;
  outputSize = 0;

  constructor(config: EsnConfig) {
    const where = "EchoStateNetwork";
    requireOptions(where, config, ["inputSize", "reservoirSize", "spectralRadius", "density", "inputScaling", "leakRate", "biasScaling", "rng"], { name: "config" });
    this.inputSize = requireInt(where, "inputSize", config.inputSize ?? 1);
    this.reservoirSize = requireInt(where, "reservoirSize", config.reservoirSize);
    this.spectralRadius = requireFinite(where, "spectralRadius", config.spectralRadius ?? 0.9, 0, 10);
    if (this.spectralRadius === 0) badArgument(where, "spectralRadius", "a number in (0, 10]", 0);
    const density = requireFinite(where, "density", config.density ?? 0.1, 0, 1);
    if (density === 0 || density * this.reservoirSize < 1) {
      badArgument(
        where,
        "density",
        `a number in (0, 1] with reservoirSize·density ≥ 1 (reservoirSize = ${this.reservoirSize}, so density ≥ ${(1 / this.reservoirSize).toPrecision(3)})`,
        density,
      );
    }
    this.density = density;
    this.inputScaling = requireFinite(where, "inputScaling", config.inputScaling ?? 1, 0);
    this.leakRate = requireFinite(where, "leakRate", config.leakRate ?? 1, 0, 1);
    if (this.leakRate === 0) badArgument(where, "leakRate", "a number in (0, 1]", 0);
    this.biasScaling = requireFinite(where, "biasScaling", config.biasScaling ?? 0, 0);
    const rng = rngOrDefault(config.rng);
    const N = this.reservoirSize;
    const D = this.inputSize;
    this.W = randomSparseMatrix(N, density, rng);
    this.rawSpectralRadius = spectralRadius(csrToDense(this.W), N);
    if (!(this.rawSpectralRadius > 0)) {
      throw new RnnlabError(`${where}: the random recurrent matrix has spectral radius 0 (too sparse); raise density`);
    }
    csrScale(this.W, this.spectralRadius / this.rawSpectralRadius);
    this.Win = new Float64Array(N * D);
    for (let k = 0; k < N * D; k++) this.Win[k] = rng.uniform(-this.inputScaling, this.inputScaling);
    this.bias = new Float64Array(N);
    for (let i = 0; i < N; i++) this.bias[i] = rng.uniform(-this.biasScaling, this.biasScaling);
  }

  /**
   * Drives the reservoir with inputs u [T, D] (row-major; for D = 1 a plain series) from h0
   * (default zeros). Returns the states h(1..T) as [T, N]. W h is the CSR product, or for
   * density ≥ `ESN_DENSE_MIN_DENSITY`, N ≥ 64 and T ≥ 4 the kernel layer's resident SIMD product
   * (float64, equal to rounding).
   */
  run(u: ArrayLike<number>, h0?: ArrayLike<number>): Float64Array {
    const where = "EchoStateNetwork.run";
    const N = this.reservoirSize;
    const D = this.inputSize;
    if (u.length % D !== 0) badArgument(where, "u", `an array of length T·D (D = ${D})`, u);
    requireAllFinite(where, "u", u);
    const T = u.length / D;
    const states = new Float64Array(T * N);
    let h = new Float64Array(N);
    if (h0 !== undefined) {
      if (h0.length !== N) badArgument(where, "h0", `a vector of length ${N}`, h0);
      h.set(h0);
    }
    const pre = new Float64Array(N);
    const a = this.leakRate;
    // W h: the dense resident SIMD product for dense enough reservoirs run long enough, else CSR
    const dense = this.W.values.length >= ESN_DENSE_MIN_DENSITY * N * N && residentMatVecPays(N, N, T) ? residentMatVecIfFaster(csrToDense(this.W), N, N, T) : null;
    try {
      for (let t = 0; t < T; t++) {
        if (dense) {
          pre.fill(0);
          dense.multiplyAccumulate(pre, h);
        } else csrMultiply(this.W, h, pre);
        for (let i = 0; i < N; i++) {
          let s = pre[i] + this.bias[i];
          for (let d = 0; d < D; d++) s += this.Win[i * D + d] * u[t * D + d];
          states[t * N + i] = (1 - a) * h[i] + a * Math.tanh(s);
        }
        h = states.subarray(t * N, (t + 1) * N);
      }
    } finally {
      dense?.dispose();
    }
    return states;
  }

  /**
   * Fits the readout by ridge regression on states [T, N] and targets [T, O], ignoring the first
   * `washout` steps. Returns the training NRMSE per output.
   */
  fit(states: Float64Array, targets: ArrayLike<number>, options: { ridge?: number; washout?: number } = {}): number[] {
    const where = "EchoStateNetwork.fit";
    const N = this.reservoirSize;
    if (states.length % N !== 0) badArgument(where, "states", `a [T, ${N}] array`, states);
    const T = states.length / N;
    if (targets.length % T !== 0 || targets.length === 0) {
      badArgument(where, "targets", `an array [T, O] with T = ${T}`, targets);
    }
    const O = targets.length / T;
    requireAllFinite(where, "targets", targets);
    const washout = requireInt(where, "washout", options.washout ?? 0, 0);
    if (washout >= T) badArgument(where, "washout", `< T = ${T}`, washout);
    const X = states.subarray(washout * N);
    const Y = Float64Array.from(targets).subarray(washout * O);
    this.readout = ridgeRegression(X, N, Y, O, options.ridge ?? 1e-6);
    this.outputSize = O;
    const pred = this.predict(X);
    const out: number[] = [];
    for (let o = 0; o < O; o++) out.push(nrmse(column(pred, O, o), column(Y, O, o)));
    return out;
  }

  /** Readout of states [T, N]: y [T, O]. */
  predict(states: Float64Array): Float64Array {
    if (this.readout === null) throw new RnnlabError("EchoStateNetwork.predict: call fit(...) first");
    return applyRidgeReadout(this.readout, states, this.reservoirSize, this.outputSize);
  }

  /**
   * Runs freely after the training data: the output y(t) is fed back as the next input
   * (one-dimensional input and output). Starts from state h and first input u0; returns `steps` outputs.
   */
  generate(h: ArrayLike<number>, u0: number, steps: number): Float64Array {
    const where = "EchoStateNetwork.generate";
    if (this.readout === null || this.outputSize !== 1 || this.inputSize !== 1) {
      throw new RnnlabError(`${where}: needs a fitted readout with one output and one input`);
    }
    requireInt(where, "steps", steps);
    const N = this.reservoirSize;
    let state = Float64Array.from(h);
    if (state.length !== N) badArgument(where, "h", `a vector of length ${N}`, h);
    const out = new Float64Array(steps);
    let u = u0;
    for (let s = 0; s < steps; s++) {
      state = this.run([u], state);
      let y = this.readout[N];
      for (let i = 0; i < N; i++) y += this.readout[i] * state[i];
      out[s] = y;
      u = y;
    }
    return out;
  }
}

/** Checks that `esn` is an EchoStateNetwork. */
function requireEsn(where: string, esn: unknown): void {
  if (!(esn instanceof EchoStateNetwork)) badArgument(where, "esn", "an EchoStateNetwork", esn);
}

function column(a: ArrayLike<number>, cols: number, c: number): Float64Array {
  const T = a.length / cols;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = a[t * cols + c];
  return out;
}

/** y [T, O] = [X, 1] W_outᵀ for W_out [O, N + 1]. */
export function applyRidgeReadout(readout: Float64Array, X: Float64Array, N: number, O: number): Float64Array {
  const where = "applyRidgeReadout";
  requireSize(where, "N", N);
  requireSize(where, "O", O);
  requireNumberArray(where, "readout", readout, { length: O * (N + 1) });
  requireNumberArray(where, "X", X, { minLength: N });
  if (X.length % N !== 0) badArgument(where, "X", `a [T, N] array (length a multiple of N = ${N})`, X);
  const T = X.length / N;
  requireAllocation(where, "X", T * O);
  const y = new Float64Array(T * O);
  for (let t = 0; t < T; t++) {
    for (let o = 0; o < O; o++) {
      const w = o * (N + 1);
      let s = readout[w + N];
      for (let i = 0; i < N; i++) s += readout[w + i] * X[t * N + i];
      y[t * O + o] = s;
    }
  }
  return y;
}

/**
 * Ridge regression with an intercept, in closed form: W = argmin Σ_t ‖y_t − W [x_t; 1]‖² + λ ‖W_x‖²
 * (the intercept is not penalised). X is [T, N], Y is [T, O]; returns W [O, N + 1].
 * Solves (Zᵀ Z + λ I') Wᵀ = Zᵀ Y with Z = [X, 1] by ml-matrix's `solve`.
 */
export function ridgeRegression(X: Float64Array, N: number, Y: ArrayLike<number>, O: number, ridge: number): Float64Array {
  const where = "ridgeRegression";
  requireNumberArray(where, "X", X, { minLength: 1 });
  requireNumberArray(where, "Y", Y, { minLength: 1 });
  requireSize(where, "N", N);
  requireSize(where, "O", O);
  requireFinite(where, "ridge", ridge, 0);
  if (X.length % N !== 0) badArgument(where, "X", `a [T, N] array (length a multiple of N = ${N})`, X);
  const T = X.length / N;
  if (Y.length !== T * O) badArgument(where, "Y", `a [T, O] array of length T·O = ${T * O} (T = X.length / N = ${T})`, Y);
  requireAllFinite(where, "X", X);
  requireAllFinite(where, "Y", Y);
  const M = N + 1;
  // Z transposed ([M, T], one contiguous row per feature; the last row is the intercept's ones).
  const Zt = new Float64Array(M * T);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) Zt[i * T + t] = X[t * N + i];
    Zt[N * T + t] = 1;
  }
  // Gram matrix G = Zᵀ Z, upper triangle, as dot products of feature rows in 2×2 blocks
  // (each loaded value is used twice: about 3× faster than one dot product at a time).
  const G = new Float64Array(M * M);
  for (let i = 0; i < M; i += 2) {
    const i1 = Math.min(i + 1, M - 1);
    const oa = i * T;
    const ob = i1 * T;
    for (let j = i; j < M; j += 2) {
      const j1 = Math.min(j + 1, M - 1);
      const oc = j * T;
      const od = j1 * T;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let t = 0; t < T; t++) {
        const a = Zt[oa + t];
        const b = Zt[ob + t];
        const c = Zt[oc + t];
        const d = Zt[od + t];
        s00 += a * c;
        s01 += a * d;
        s10 += b * c;
        s11 += b * d;
      }
      G[i * M + j] = s00;
      G[i * M + j1] = s01;
      if (i1 <= j) G[i1 * M + j] = s10;
      if (i1 <= j1) G[i1 * M + j1] = s11;
    }
  }
  // the normal equations A Wᵀ = B: A = G + λ I' (G's lower triangle by symmetry), B = Zᵀ Y [M, O]
  const A: number[][] = [];
  const B: number[][] = [];
  for (let i = 0; i < M; i++) {
    const row: number[] = new Array(M);
    for (let j = 0; j < M; j++) row[j] = j >= i ? G[i * M + j] : G[j * M + i];
    if (i < N) row[i] += ridge;
    A.push(row);
    B.push(Array.from({ length: O }, (_, o) => {
      let r = 0;
      for (let t = 0; t < T; t++) r += Zt[i * T + t] * Y[t * O + o];
      return r;
    }));
  }
  const Wt = solve(new Matrix(A), new Matrix(B)); // [M, O]
  const W = new Float64Array(O * M);
  for (let i = 0; i < M; i++) {
    for (let o = 0; o < O; o++) {
      const v = Wt.get(i, o);
      if (!Number.isFinite(v)) {
        throw new RnnlabError(`${where}: the normal equations are singular; use ridge > 0 (got ${ridge})`);
      }
      W[o * M + i] = v;
    }
  }
  return W;
}

/** Normalised root-mean-square error sqrt(mean((y − d)²) / var(d)). */
export function nrmse(prediction: ArrayLike<number>, target: ArrayLike<number>): number {
  requireNumberArray("nrmse", "prediction", prediction);
  requireNumberArray("nrmse", "target", target, { minLength: 1 });
  if (prediction.length !== target.length || target.length === 0) {
    badArgument("nrmse", "prediction", `an array of length ${target.length} (as target)`, prediction);
  }
  requireAllFinite("nrmse", "prediction", prediction);
  requireAllFinite("nrmse", "target", target);
  const n = target.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += target[i];
  mean /= n;
  let v = 0;
  let e = 0;
  for (let i = 0; i < n; i++) {
    v += (target[i] - mean) ** 2;
    e += (prediction[i] - target[i]) ** 2;
  }
  if (v === 0) throw new RnnlabError("nrmse: the target is constant (variance 0)");
  return Math.sqrt(e / v);
}

/** Squared correlation coefficient r² of two series. */
export function squaredCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  requireNumberArray("squaredCorrelation", "a", a, { minLength: 2 });
  requireNumberArray("squaredCorrelation", "b", b);
  if (a.length !== b.length || a.length < 2) badArgument("squaredCorrelation", "b", `an array of length ${a.length}`, b);
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  const r2 = saa === 0 || sbb === 0 ? 0 : (sab * sab) / (saa * sbb);
  if (!Number.isFinite(r2)) throw new RnnlabError(`squaredCorrelation: r² became ${r2}; likely cause: a or b too large (their squares overflow)`);
  return r2;
}

/** Options for the echo-state-property measurement. */
export interface EchoStateDistanceOptions {
  /** Number of steps (default 200). */
  steps?: number;
  /** The common input u [steps] (default zeros: the undriven reservoir). */
  input?: ArrayLike<number>;
  rng?: Rng;
}

/**
 * The echo state property, measured: two initial states drawn uniformly in [−1, 1]^N, driven by the
 * same input; returns ‖h_a(t) − h_b(t)‖ / √N for t = 0..steps (t = 0: the initial distance).
 * With the property the distance goes to 0; without it the network keeps its initial condition.
 */
export function echoStateDistance(esn: EchoStateNetwork, options: EchoStateDistanceOptions = {}): Float64Array {
  checkOptions("echoStateDistance", options, ["steps", "input", "rng"]);
  const where = "echoStateDistance";
  requireEsn(where, esn);
  const steps = requireInt(where, "steps", options.steps ?? 200);
  if (esn.inputSize !== 1) badArgument(where, "esn.inputSize", "1", esn.inputSize);
  requireAllocation(where, "steps", steps * esn.reservoirSize * 2);
  const u = options.input ?? new Float64Array(steps);
  if (u.length !== steps) badArgument(where, "input", `an array of length steps = ${steps}`, u);
  const rng = rngOrDefault(options.rng);
  const N = esn.reservoirSize;
  const ha = rng.uniformArray(N, -1, 1);
  const hb = rng.uniformArray(N, -1, 1);
  const sa = esn.run(u, ha);
  const sb = esn.run(u, hb);
  const out = new Float64Array(steps + 1);
  const dist = (x: ArrayLike<number>, xo: number, y: ArrayLike<number>, yo: number): number => {
    let s = 0;
    for (let i = 0; i < N; i++) s += (x[xo + i] - y[yo + i]) ** 2;
    return Math.sqrt(s / N);
  };
  out[0] = dist(ha, 0, hb, 0);
  for (let t = 0; t < steps; t++) out[t + 1] = dist(sa, t * N, sb, t * N);
  return out;
}

/** The result of a memory-capacity measurement. */
export interface MemoryCapacityResult {
  /** MC = Σ_k r²_k. */
  capacity: number;
  /** r²_k = r²(u(t − k), y_k(t)) on held-out data, k = 1..maxDelay. */
  perDelay: Float64Array;
}

/**
 * Jaeger's short-term memory capacity: the reservoir is driven by i.i.d. u(t) ~ U[−0.5, 0.5]; for
 * each delay k = 1..maxDelay a readout y_k is trained (ridge) to output u(t − k); the capacity is
 * Σ_k r²(u(t − k), y_k(t)) measured on a held-out test segment. MC ≤ N for a linear reservoir.
 */
export function memoryCapacity(
  esn: EchoStateNetwork,
  options: { maxDelay?: number; trainSteps?: number; testSteps?: number; washout?: number; ridge?: number; rng?: Rng } = {},
): MemoryCapacityResult {
  const where = "memoryCapacity";
  requireEsn(where, esn);
  checkOptions(where, options, ["maxDelay", "trainSteps", "testSteps", "washout", "ridge", "rng"]);
  if (esn.inputSize !== 1) badArgument(where, "esn.inputSize", "1", esn.inputSize);
  const N = esn.reservoirSize;
  const K = requireInt(where, "maxDelay", options.maxDelay ?? 2 * N);
  const trainSteps = requireInt(where, "trainSteps", options.trainSteps ?? 2000);
  const testSteps = requireInt(where, "testSteps", options.testSteps ?? 1000);
  const washout = requireInt(where, "washout", options.washout ?? 100, 0);
  const ridge = requireFinite(where, "ridge", options.ridge ?? 1e-8, 0);
  if (washout < K) badArgument(where, "washout", `>= maxDelay = ${K} (so every delayed input exists)`, washout);
  const rng = rngOrDefault(options.rng);
  const total = washout + trainSteps + testSteps;
  requireAllocation(where, "trainSteps + testSteps", total * (N + 2 * K));
  const u = rng.uniformArray(total, -0.5, 0.5);
  const states = esn.run(u);
  const targets = (from: number, len: number): Float64Array => {
    const Y = new Float64Array(len * K);
    for (let t = 0; t < len; t++) for (let k = 1; k <= K; k++) Y[t * K + k - 1] = u[from + t - k];
    return Y;
  };
  const Xtr = states.subarray(washout * N, (washout + trainSteps) * N);
  const Wout = ridgeRegression(Xtr, N, targets(washout, trainSteps), K, ridge);
  const Xte = states.subarray((washout + trainSteps) * N);
  const Yte = targets(washout + trainSteps, testSteps);
  const pred = applyRidgeReadout(Wout, Xte, N, K);
  const perDelay = new Float64Array(K);
  let capacity = 0;
  for (let k = 0; k < K; k++) {
    perDelay[k] = squaredCorrelation(column(pred, K, k), column(Yte, K, k));
    capacity += perDelay[k];
  }
  return { capacity, perDelay };
}
