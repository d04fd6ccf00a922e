/**
 * Jacobians of the recurrence, J_k = ∂s_k/∂s_{k−1}, and their products over a lag.
 *
 * The gradient reaching step t from step t + ℓ is multiplied by
 * (J_{t+ℓ} ··· J_{t+1})ᵀ, so the norms of these products show, step by step,
 * why gradients vanish or explode. The state s is h for the RNN and GRU and
 * (h, c) stacked (2H) for the LSTM. Analytic Jacobians, from the activations of
 * one forward pass, for one sequence b of the batch:
 *
 * RNN   h_k = φ(a_k):  J_k = diag(φ'(a_k)) W_hh  (φ' = 1 − h_k² for tanh, [h_k > 0] for ReLU)
 *
 * LSTM  with W_i, W_f, W_g, W_o the gate blocks of W_hh and τ = tanh(c_k):
 *       ∂c_k/∂h_{k−1} = diag(c_{k−1} f(1−f)) W_f + diag(g i(1−i)) W_i + diag(i (1−g²)) W_g
 *       ∂c_k/∂c_{k−1} = diag(f)
 *       ∂h_k/∂h_{k−1} = diag(τ o(1−o)) W_o + diag(o (1−τ²)) ∂c_k/∂h_{k−1}
 *       ∂h_k/∂c_{k−1} = diag(o (1−τ²) f)
 *       J_k = [[∂h/∂h, ∂h/∂c], [∂c/∂h, ∂c/∂c]]
 *
 * GRU   with hn = W_hn h_{k−1} + b_hn:
 *       J_k = diag(z) + diag((h_{k−1} − n) z(1−z)) W_z + diag((1−z)(1−n²)) (diag(r) W_n + diag(hn r(1−r)) W_r)
 *
 * At padded steps (t ≥ lengths[b]) the state is carried unchanged: J_k = I.
 */
import { badArgument, requireInt } from "../core/errors";
import { getKernels } from "../kernels";
import { singularValues } from "../linalg/singularValues";
import { RecurrentLayer } from "../nn/recurrentLayer";
import { SequenceBatch, checkSequenceBatch } from "../nn/sequenceBatch";
import { RecurrentNetwork, layerIndex, recurrentOf } from "./common";
import { checkOptions } from "../core/options";

/** Options shared by the Jacobian diagnostics. */
export interface JacobianOptions {
  /** Which sequence of the batch (default 0). */
  sequence?: number;
  /** Which layer (default: the top one); the input from the layer below is held fixed. */
  layer?: number;
  /** Initial states [numLayers·dirs, B, H] (zeros by default). */
  h0?: Float64Array;
  c0?: Float64Array;
}

/** The per-step Jacobians of one sequence. */
export interface StepJacobians {
  /** State size S: H (RNN, GRU) or 2H (LSTM, state [h; c]). */
  stateSize: number;
  /** jacobians[k] = ∂s_k/∂s_{k−1}, row-major S×S, for k = 0 … T−1 (s_{−1} is the initial state). */
  jacobians: Float64Array[];
}

/**
 * Runs the network forward over `batch` and returns J_k = ∂s_k/∂s_{k−1} for every
 * step k of one sequence (forward direction).
 */
export function stepJacobians(net: RecurrentNetwork, batch: SequenceBatch, options: JacobianOptions = {}): StepJacobians {
  checkOptions("stepJacobians", options, ["sequence", "layer", "h0", "c0"]);
  const where = "stepJacobians";
  const rnn = recurrentOf(where, net);
  const l = layerIndex(where, rnn, options.layer);
  rnn.forward(batch, { ...(options.h0 ? { h0: options.h0 } : {}), ...(options.c0 ? { c0: options.c0 } : {}) });
  const b = requireInt(where, "sequence", options.sequence ?? 0, 0);
  if (b >= batch.B) badArgument(where, "sequence", `an integer in [0, ${batch.B - 1}]`, b);
  return { stateSize: rnn.cellType === "lstm" ? 2 * rnn.hiddenSize : rnn.hiddenSize, jacobians: jacobiansOfLastForward(rnn, batch, l, b, options) };
}

function jacobiansOfLastForward(rnn: RecurrentLayer, batch: SequenceBatch, l: number, b: number, options: JacobianOptions): Float64Array[] {
  const { T, B } = batch;
  const H = rnn.hiddenSize;
  const w = rnn.cellWeights(l, 0);
  const W = w.weightHh; // [G·H, H]
  const hs = rnn.hiddenStates(l, 0); // [T, B, H]
  const cs = rnn.cellType === "lstm" ? rnn.cellStates(l, 0) : null;
  const gates = rnn.gateActivations(l, 0); // [T, B, G·H]
  const G = gates.names.length;
  const len = batch.lengths ? batch.lengths[b] : T;
  const row0 = (l * rnn.numDirections) * B * H + b * H; // this sequence's row of h0/c0
  const hPrevAt = (k: number, j: number): number => (k === 0 ? (options.h0 ? options.h0[row0 + j] : 0) : hs[((k - 1) * B + b) * H + j]);
  const cPrevAt = (k: number, j: number): number => (k === 0 ? (options.c0 ? options.c0[row0 + j] : 0) : cs![((k - 1) * B + b) * H + j]);
  const out: Float64Array[] = [];
  for (let k = 0; k < T; k++) {
    const S = rnn.cellType === "lstm" ? 2 * H : H;
    const J = new Float64Array(S * S);
    if (k >= len) {
      for (let i = 0; i < S; i++) J[i * S + i] = 1;
      out.push(J);
      continue;
    }
    const gOff = (k * B + b) * G * H;
    const gate = (x: number, i: number): number => gates.values[gOff + x * H + i];
    if (rnn.cellType === "rnn") {
      for (let i = 0; i < H; i++) {
        const h = gate(0, i);
        const d = rnn.nonlinearity === "relu" ? (h > 0 ? 1 : 0) : 1 - h * h;
        for (let j = 0; j < H; j++) J[i * H + j] = d * W[i * H + j];
      }
    } else if (rnn.cellType === "lstm") {
      for (let i = 0; i < H; i++) {
        const ig = gate(0, i);
        const fg = gate(1, i);
        const gg = gate(2, i);
        const og = gate(3, i);
        const c = cs![(k * B + b) * H + i];
        const tc = Math.tanh(c);
        const aF = cPrevAt(k, i) * fg * (1 - fg);
        const aI = gg * ig * (1 - ig);
        const aG = ig * (1 - gg * gg);
        const aO = tc * og * (1 - og);
        const oc = og * (1 - tc * tc);
        for (let j = 0; j < H; j++) {
          const dcdh = aF * W[(H + i) * H + j] + aI * W[i * H + j] + aG * W[(2 * H + i) * H + j];
          J[(H + i) * S + j] = dcdh; // ∂c/∂h
          J[i * S + j] = aO * W[(3 * H + i) * H + j] + oc * dcdh; // ∂h/∂h
        }
        J[(H + i) * S + H + i] = fg; // ∂c/∂c
        J[i * S + H + i] = oc * fg; // ∂h/∂c
      }
    } else {
      // GRU: hn = W_hn h_{k−1} + b_hn
      for (let i = 0; i < H; i++) {
        const r = gate(0, i);
        const z = gate(1, i);
        const n = gate(2, i);
        let hn = w.biasHh ? w.biasHh[2 * H + i] : 0;
        for (let j = 0; j < H; j++) hn += W[(2 * H + i) * H + j] * hPrevAt(k, j);
        const aZ = (hPrevAt(k, i) - n) * z * (1 - z);
        const aN = (1 - z) * (1 - n * n);
        for (let j = 0; j < H; j++) {
          J[i * H + j] = aZ * W[(H + i) * H + j] + aN * (r * W[(2 * H + i) * H + j] + hn * r * (1 - r) * W[i * H + j]);
        }
        J[i * H + i] += z;
      }
    }
    out.push(J);
  }
  return out;
}

/** C = A · B for S×S row-major matrices (through the engine's matrix kernel). */
function matmulSquare(A: Float64Array, B: Float64Array, S: number): Float64Array {
  const C = new Float64Array(S * S);
  getKernels().matmulAccumulate(C, 0, A, 0, B, 0, S, S, S, false, false);
  return C;
}

/**
 * The largest singular value of the S×S matrix P by power iteration on PᵀP, warm-started
 * from `v` (updated in place to the top right singular vector).
 *
 * Stops when the eigen-residual ‖PᵀP v − θ v‖ ≤ 1e-12·θ (θ = ‖P v‖², v unit), which bounds
 * the relative error of θ by about 1e-12. The warm start is mixed with a fixed spread-out
 * vector, so it is never orthogonal to the top singular vector by construction (e.g. when the
 * largest entry of a diagonal product moves to another index). Without convergence in 2000
 * iterations (nearly equal top singular values) it falls back to a full SVD.
 */
export function spectralNormPower(P: Float64Array, S: number, v: Float64Array): number {
  const u = new Float64Array(S);
  const w = new Float64Array(S);
  let normV = 0;
  for (let i = 0; i < S; i++) normV += v[i] * v[i];
  normV = Math.sqrt(normV);
  for (let i = 0; i < S; i++) v[i] = (normV > 0 ? v[i] / normV : 0) + (0.05 * (1 + Math.sin(1.7 * i + 0.3))) / Math.sqrt(S);
  normV = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
  for (let i = 0; i < S; i++) v[i] /= normV;
  for (let iter = 0; iter < 2000; iter++) {
    // u = P v, θ = ‖u‖², w = Pᵀ u = PᵀP v
    let theta = 0;
    for (let i = 0; i < S; i++) {
      let acc = 0;
      const row = i * S;
      for (let j = 0; j < S; j++) acc += P[row + j] * v[j];
      u[i] = acc;
      theta += acc * acc;
    }
    if (theta === 0) return singularValues(P, S, S)[0]; // v in the null space (or P = 0)
    w.fill(0);
    for (let i = 0; i < S; i++) {
      const ui = u[i];
      const row = i * S;
      for (let j = 0; j < S; j++) w[j] += P[row + j] * ui;
    }
    let res = 0;
    let ww = 0;
    for (let j = 0; j < S; j++) {
      res += (w[j] - theta * v[j]) ** 2;
      ww += w[j] * w[j];
    }
    const nw = Math.sqrt(ww);
    for (let j = 0; j < S; j++) v[j] = w[j] / nw;
    if (Math.sqrt(res) <= 1e-12 * theta) return Math.sqrt(theta);
  }
  return singularValues(P, S, S)[0];
}

/** Options of `jacobianProductNorms`. */
export interface JacobianProductOptions extends JacobianOptions {
  /** The start step t (default 0): products ∂s_{t+ℓ}/∂s_t for ℓ = 1 … maxLag. */
  from?: number;
  /** The largest lag ℓ (default T − 1 − from). */
  maxLag?: number;
  /** "spectral" (largest singular value, default) or "frobenius". */
  norm?: "spectral" | "frobenius";
  /** Compute the norm only at these lags (default: every lag 1 … maxLag); the products are formed for every step anyway. */
  lags?: readonly number[];
}

/** Norms of the Jacobian products over increasing lags. */
export interface JacobianProductNorms {
  /** The lags ℓ = 1 … maxLag. */
  lag: number[];
  /** ‖J_{from+ℓ} ··· J_{from+1}‖ = ‖∂s_{from+ℓ}/∂s_{from}‖ for every lag. */
  norm: number[];
  /** The start step. */
  from: number;
  /** State size S (H, or 2H for the LSTM's [h; c]). */
  stateSize: number;
  /** Which norm. */
  normType: "spectral" | "frobenius";
}

/**
 * ∂s_{from+lag}/∂s_{from} = J_{from+lag} ··· J_{from+1} as a row-major S×S matrix
 * (runs the network forward over `batch`).
 */
export function jacobianProduct(net: RecurrentNetwork, batch: SequenceBatch, from: number, lag: number, options: JacobianOptions = {}): Float64Array {
  checkOptions("jacobianProduct", options, ["sequence", "layer", "h0", "c0"]);
  const where = "jacobianProduct";
  const { stateSize: S, jacobians } = stepJacobians(net, batch, options);
  requireInt(where, "from", from, 0);
  requireInt(where, "lag", lag, 0);
  if (from + lag > batch.T - 1) badArgument(where, "from + lag", `at most T − 1 = ${batch.T - 1}`, from + lag);
  let P = new Float64Array(S * S);
  for (let i = 0; i < S; i++) P[i * S + i] = 1;
  for (let k = from + 1; k <= from + lag; k++) P = matmulSquare(jacobians[k], P, S);
  return P;
}

/**
 * Norms of the Jacobian products ∏_{k=from+1}^{from+ℓ} ∂s_k/∂s_{k−1} for ℓ = 1 … maxLag,
 * for one sequence of the batch: the factor by which a perturbation of the state at
 * step `from` can grow (norm > 1) or shrink (< 1) after ℓ steps — the same factor that
 * multiplies gradients flowing back over ℓ steps.
 */
export function jacobianProductNorms(net: RecurrentNetwork, batch: SequenceBatch, options: JacobianProductOptions = {}): JacobianProductNorms {
  checkOptions("jacobianProductNorms", options, ["from", "maxLag", "norm", "lags", "sequence", "layer", "h0", "c0"]);
  const where = "jacobianProductNorms";
  checkSequenceBatch(where, batch, recurrentOf(where, net).inputSize);
  const from = requireInt(where, "from", options.from ?? 0, 0);
  if (from > batch.T - 2) badArgument(where, "from", `an integer in [0, T − 2 = ${batch.T - 2}] (at least one step must follow)`, from);
  const maxLag = requireInt(where, "maxLag", options.maxLag ?? batch.T - 1 - from, 1);
  if (from + maxLag > batch.T - 1) badArgument(where, "maxLag", `at most T − 1 − from = ${batch.T - 1 - from}`, maxLag);
  const normType = options.norm ?? "spectral";
  if (normType !== "spectral" && normType !== "frobenius") badArgument(where, "norm", `"spectral" or "frobenius"`, normType);
  const { stateSize: S, jacobians } = stepJacobians(net, batch, { sequence: options.sequence, layer: options.layer, h0: options.h0, c0: options.c0 });
  let wanted: Set<number> | null = null;
  if (options.lags !== undefined) {
    if (!Array.isArray(options.lags) || options.lags.length === 0) badArgument(where, "lags", "a non-empty array of lags", options.lags);
    options.lags.forEach((x, i) => {
      requireInt(where, `lags[${i}]`, x, 1);
      if (x > maxLag) badArgument(where, `lags[${i}]`, `at most maxLag = ${maxLag}`, x);
    });
    wanted = new Set(options.lags);
  }
  let P = new Float64Array(S * S);
  for (let i = 0; i < S; i++) P[i * S + i] = 1;
  const lag: number[] = [];
  const norm: number[] = [];
  const topVector = new Float64Array(S); // warm start of the power iteration, carried from lag to lag
  for (let ell = 1; ell <= maxLag; ell++) {
    P = matmulSquare(jacobians[from + ell], P, S);
    if (wanted && !wanted.has(ell)) continue;
    lag.push(ell);
    if (normType === "spectral") norm.push(spectralNormPower(P, S, topVector));
    else {
      let s = 0;
      for (let i = 0; i < P.length; i++) s += P[i] * P[i];
      norm.push(Math.sqrt(s));
    }
  }
  return { lag, norm, from, stateSize: S, normType };
}
