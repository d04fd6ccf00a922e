/**
 * References of notebook 21's problem set, machine-learning part: one LSTM backward step, a GRU
 * backward step, BPTT through a tanh RNN, teacher forcing against free running, Adam, the softmax
 * cross-entropy gradient; with the typical wrong answers the checks name and seeded test material.
 * Each reference calls the library where the library computes the thing. Re-exported by
 * course/questions/21_hands_on_problem_set.ts (the hidden tests import them from there).
 * Inside questions/, so the release leaves it out like the questions themselves.
 */
import { Adam, CellWeights, createParameter, crossEntropyLoss, gruStep, gruStepBackward, GruStepResult, initCellWeights, lstmStep, lstmStepBackward, LstmStepResult, Rng, rnnStep, rnnStepBackward } from "rnnlab";

// ------------------------------------------------------------------ shared helpers
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Seeded LSTM/GRU/RNN test material (weights with biases, x, h, c, upstream gradients). */
export function cellCase(gates: number, D: number, H: number, seed: number) {
  const rng = new Rng(seed);
  const w = initCellWeights(gates, D, H, () => rng.random());
  return { w, x: rng.normalArray(D), h: rng.normalArray(H, 0, 0.5), c: rng.normalArray(H, 0, 0.5), dh: rng.normalArray(H), dc: rng.normalArray(H), rng };
}

// ------------------------------------------------------------------ 1. LSTM backward step

/** What `lstmBackwardStep` returns (batch of one; PyTorch gate order i, f, g, o). */
export interface LstmBackwardResult {
  /** ∂L/∂(pre-activations) [4H], blocks [i | f | g | o] (also the gradient of each bias). */
  dPre: Float64Array;
  /** ∂L/∂c_{t−1} [H] */
  dcPrev: Float64Array;
  /** ∂L/∂h_{t−1} [H] */
  dhPrev: Float64Array;
  /** ∂L/∂x_t [D] */
  dx: Float64Array;
  /** ∂L/∂W_ih [4H·D] */
  dWih: Float64Array;
  /** ∂L/∂W_hh [4H·H] */
  dWhh: Float64Array;
}

/** Reference: the library's `lstmStepBackward` for one sample (the biases' gradient is δ). */
export function lstmBackwardStepReference(
  w: CellWeights,
  x: Float64Array,
  hPrev: Float64Array,
  cPrev: Float64Array,
  cache: LstmStepResult,
  dh: Float64Array,
  dc: Float64Array,
): LstmBackwardResult {
  if (!w.biasIh) throw new Error("lstmBackwardStepReference: the cell needs biases (their gradient is dPre)");
  const r = lstmStepBackward(w, x, hPrev, cPrev, cache, dh, dc);
  return { dPre: Float64Array.from(r.grads.biasIh as Float64Array), dcPrev: r.dcPrev, dhPrev: r.dhPrev, dx: r.dx, dWih: r.grads.weightIh, dWhh: r.grads.weightHh };
}

/** One LSTM test case: weights, x, h_{t−1}, c_{t−1}, the forward cache, dh, dc. */
export function lstmBackwardCase(D: number, H: number, seed: number, which: "both" | "dh" | "dc" = "both"): unknown[] {
  const k = cellCase(4, D, H, seed);
  const cache = lstmStep(k.w, k.x, k.h, k.c);
  const dh = which === "dc" ? new Float64Array(H) : k.dh;
  const dc = which === "dh" ? new Float64Array(H) : k.dc;
  return [k.w, k.x, k.h, k.c, cache, dh, dc];
}

// ------------------------------------------------------------------ 2. GRU backward step

/** What `gruBackwardStep` returns (batch of one; PyTorch gate order r, z, n). */
export interface GruBackwardResult {
  /** ∂L/∂(W_ih x + b_ih) [3H] = [δr | δz | δn] (also ∂L/∂b_ih). */
  dGi: Float64Array;
  /** ∂L/∂(W_hh h_{t−1} + b_hh) [3H] = [δr | δz | r ⊙ δn] (also ∂L/∂b_hh). */
  dGh: Float64Array;
  /** ∂L/∂h_{t−1} [H] */
  dhPrev: Float64Array;
  /** ∂L/∂x_t [D] */
  dx: Float64Array;
  /** ∂L/∂W_ih [3H·D] */
  dWih: Float64Array;
  /** ∂L/∂W_hh [3H·H] */
  dWhh: Float64Array;
}

/** Reference: the library's `gruStepBackward` for one sample (the biases' gradients are dGi and dGh). */
export function gruBackwardStepReference(w: CellWeights, x: Float64Array, hPrev: Float64Array, step: GruStepResult, dh: Float64Array): GruBackwardResult {
  if (!w.biasIh || !w.biasHh) throw new Error("gruBackwardStepReference: the cell needs both biases (their gradients are dGi and dGh)");
  const g = gruStepBackward(w, x, hPrev, step, dh);
  return { dGi: g.grads.biasIh as Float64Array, dGh: g.grads.biasHh as Float64Array, dhPrev: g.dhPrev, dx: g.dx, dWih: g.grads.weightIh, dWhh: g.grads.weightHh };
}

/** One GRU test case: weights, x, h_{t−1}, the forward result of `gruStep`, dL/dh_t. */
export function gruBackwardCase(D: number, H: number, seed: number, biasScale = 1): unknown[] {
  const k = cellCase(3, D, H, seed);
  // larger b_hh make r ⊙ (W_hn h + b_hn) differ clearly from W_hn h + b_hn
  const w = { ...k.w, biasHh: (k.w.biasHh as Float64Array).map((b) => biasScale * b) };
  return [w, k.x, k.h, gruStep(w, k.x, k.h), k.dh];
}

/**
 * The GRU backward step written out by loops (independent of the library's kernels), correct
 * (`"none"`) or with a typical mistake: z and 1 − z swapped, the n block of dGh without the
 * factor r (so W_hn and b_hn get δn instead of r ⊙ δn), dhPrev without the direct term z ⊙ dh.
 */
export function gruBackwardVariant(
  w: CellWeights,
  x: Float64Array,
  hPrev: Float64Array,
  step: GruStepResult,
  dh: Float64Array,
  kind: "none" | "swapZ" | "noResetInHn" | "noDirect",
): GruBackwardResult {
  const D = w.inputSize;
  const H = w.hiddenSize;
  const gt = step.gates;
  const dGi = new Float64Array(3 * H);
  const dGh = new Float64Array(3 * H);
  const dhPrev = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    const [r, z, n] = [gt[j], gt[H + j], gt[2 * H + j]];
    const keep = kind === "swapZ" ? 1 - z : z;
    const dn = dh[j] * (1 - keep) * (1 - n * n);
    const dz = dh[j] * (kind === "swapZ" ? n - hPrev[j] : hPrev[j] - n) * z * (1 - z);
    const dr = dn * step.hn[j] * r * (1 - r);
    dGi[j] = dGh[j] = dr;
    dGi[H + j] = dGh[H + j] = dz;
    dGi[2 * H + j] = dn;
    dGh[2 * H + j] = kind === "noResetInHn" ? dn : r * dn;
    dhPrev[j] = kind === "noDirect" ? 0 : dh[j] * keep;
  }
  const dx = new Float64Array(D);
  const dWih = new Float64Array(3 * H * D);
  const dWhh = new Float64Array(3 * H * H);
  for (let q = 0; q < 3 * H; q++) {
    for (let d = 0; d < D; d++) {
      dWih[q * D + d] = dGi[q] * x[d];
      dx[d] += w.weightIh[q * D + d] * dGi[q];
    }
    for (let k = 0; k < H; k++) {
      dWhh[q * H + k] = dGh[q] * hPrev[k];
      dhPrev[k] += w.weightHh[q * H + k] * dGh[q];
    }
  }
  return { dGi, dGh, dhPrev, dx, dWih, dWhh };
}

// ------------------------------------------------------------------ 3. BPTT for a tanh RNN

/** What `bpttTanh` returns. */
export interface BpttResult {
  loss: number;
  dWih: Float64Array;
  dWhh: Float64Array;
  db: Float64Array;
  dh0: Float64Array;
}

/**
 * Reference: L = ½ Σ_t ‖h_t − y_t‖² for h_t = tanh(W_ih x_t + W_hh h_{t−1} + b) (b = biasIh,
 * no biasHh), gradients by the library's `rnnStep` / `rnnStepBackward` through time.
 */
export function bpttTanhReference(w: CellWeights, xs: Float64Array, h0: Float64Array, ys: Float64Array): BpttResult {
  const D = w.inputSize;
  const H = w.hiddenSize;
  const T = xs.length / D;
  const hs: Float64Array[] = [Float64Array.from(h0)];
  let loss = 0;
  for (let t = 0; t < T; t++) {
    const h = rnnStep(w, xs.subarray(t * D, (t + 1) * D), hs[t]);
    hs.push(h);
    for (let j = 0; j < H; j++) loss += 0.5 * (h[j] - ys[t * H + j]) ** 2;
  }
  const grads = { weightIh: new Float64Array(H * D), weightHh: new Float64Array(H * H), biasIh: new Float64Array(H), biasHh: w.biasHh ? new Float64Array(H) : null };
  let dNext = new Float64Array(H);
  for (let t = T - 1; t >= 0; t--) {
    const dh = Float64Array.from(dNext);
    for (let j = 0; j < H; j++) dh[j] += hs[t + 1][j] - ys[t * H + j];
    dNext = rnnStepBackward(w, xs.subarray(t * D, (t + 1) * D), hs[t], hs[t + 1], dh, "tanh", grads).dhPrev;
  }
  return { loss, dWih: grads.weightIh, dWhh: grads.weightHh, db: grads.biasIh, dh0: dNext };
}

/** One BPTT test case: a tanh cell without biasHh, T inputs, h0, T targets. */
export function bpttCase(D: number, H: number, T: number, seed: number): unknown[] {
  const rng = new Rng(seed);
  const w0 = initCellWeights(1, D, H, () => rng.random());
  const w: CellWeights = { ...w0, weightHh: w0.weightHh.map((v) => 2 * v), biasHh: null };
  return [w, rng.normalArray(T * D), rng.normalArray(H, 0, 0.5), rng.uniformArray(T * H, -0.8, 0.8)];
}

// ------------------------------------------------------------------ 11. teacher forcing vs free running

/**
 * Reference: a one-input tanh RNN with readout y_t = v·h_t + c predicts the next value of a
 * series. The input at step t is xs[t] with teacher forcing; free running feeds xs[0] first,
 * then its own previous prediction y_{t−1}. Returns y_0..y_{T−1}.
 */
export function rolloutReference(w: CellWeights, v: Float64Array, c: number, xs: Float64Array, h0: Float64Array, teacherForcing: boolean): Float64Array {
  const T = xs.length;
  const y = new Float64Array(T);
  let h = Float64Array.from(h0);
  for (let t = 0; t < T; t++) {
    const input = t === 0 || teacherForcing ? xs[t] : y[t - 1];
    h = rnnStep(w, new Float64Array([input]), h);
    let s = c;
    for (let k = 0; k < h.length; k++) s += v[k] * h[k];
    y[t] = s;
  }
  return y;
}

/** A one-input RNN with readout and a sine series, for the rollout problem. */
export function rolloutCase(H: number, T: number, seed: number): { w: CellWeights; v: Float64Array; c: number; xs: Float64Array; h0: Float64Array } {
  const rng = new Rng(seed);
  const w = initCellWeights(1, 1, H, () => rng.random());
  const w2: CellWeights = { ...w, weightIh: w.weightIh.map((x) => 3 * x), weightHh: w.weightHh.map((x) => 1.5 * x) };
  return { w: w2, v: rng.normalArray(H, 0, 1), c: 0.1, xs: Float64Array.from({ length: T }, (_, t) => Math.sin(0.5 * t)), h0: new Float64Array(H) };
}

// ------------------------------------------------------------------ 13. Adam

/** Reference: θ after Adam steps with the given gradients (the library's `Adam`, as torch.optim.Adam). */
export function adamRunReference(theta0: Float64Array, grads: number[][], lr: number, beta1: number, beta2: number, eps: number): Float64Array {
  const p = createParameter("theta", [theta0.length]);
  p.data.set(theta0);
  const opt = new Adam([p], { lr, betas: [beta1, beta2], eps });
  for (const g of grads) {
    p.grad.set(g);
    opt.step();
  }
  return Float64Array.from(p.data);
}

export function adamNoBiasCorrection(theta0: Float64Array, grads: number[][], lr: number, beta1: number, beta2: number, eps: number): number[] {
  const th = Array.from(theta0);
  const m = th.map(() => 0);
  const v = th.map(() => 0);
  for (const g of grads) {
    for (let i = 0; i < th.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      th[i] -= (lr * m[i]) / (Math.sqrt(v[i]) + eps);
    }
  }
  return th;
}

// ------------------------------------------------------------------ 14. softmax cross-entropy gradient

/** Reference: ∂/∂logits of the mean cross-entropy over N rows (the library's `crossEntropyLoss`). */
export function crossEntropyGradReference(logits: Float64Array, targets: number[], K: number): Float64Array {
  if (logits.length !== targets.length * K) throw new Error("crossEntropyGradReference: logits must be [N, K]");
  return crossEntropyLoss(logits, targets).grad;
}
