/**
 * Questions of notebook 21_hands_on_problem_set: fifteen graded problems that go beyond
 * one-liners (an LSTM backward step, a GRU step, BPTT, the echo-state counterexample,
 * Lyapunov spectra and the Kaplan–Yorke dimension, Dale-constrained chaos, a Newton step,
 * teacher forcing, an ESN readout, Adam, softmax cross-entropy, a Hopfield network).
 *
 * Every reference is exported (`…Reference`) so that the hidden tests in
 * notebooks/hidden/21_hands_on_problem_set.js use it rather than a second copy; where the
 * library computes the thing, the reference calls the library.
 */
import { Rng } from "../../core/random";
import { createParameter } from "../../core/parameter";
import { CellWeights, initCellWeights } from "../../cells/cellWeights";
import { lstmStep, lstmStepBackward, LstmStepResult } from "../../cells/lstmStep";
import { gruStep } from "../../cells/gruStep";
import { rnnStep, rnnStepBackward } from "../../cells/rnnStep";
import { singularValues } from "../../linalg/singularValues";
import { eigenvalues, spectralRadius } from "../../linalg/eigenvalues";
import { lyapunovSpectrum } from "../../chaos/lyapunov";
import { solveLinear } from "../../analysis/solve";
import { EchoStateNetwork, applyRidgeReadout, nrmse, ridgeRegression } from "../../dynamics/esn";
import { Adam } from "../../training/optimizers";
import { crossEntropyLoss } from "../../nn/losses";
import { defineQuestion } from "../registry";
import { FunctionCase, expectFunction } from "../expect";

// ------------------------------------------------------------------ shared helpers

/** Row-major product of n×n matrices. */
function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const aik = a[i * n + k];
    if (aik === 0) continue;
    for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
  }
  return c;
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Seeded LSTM/GRU/RNN test material (weights with biases, x, h, c, upstream gradients). */
function cellCase(gates: number, D: number, H: number, seed: number) {
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

defineQuestion({
  id: "21.lstmBackward",
  title: "Derive and implement one LSTM backward step",
  symbols: ["lstmBackwardStep"],
  points: 3,
  depth: "step",
  test: (answer) => {
    const specs: [number, number, number, "both" | "dh" | "dc", string][] = [
      [1, 1, 2101, "dh", "D = 1, H = 1, only dL/dh_t (dL/dc_t = 0)"],
      [2, 3, 2102, "dc", "D = 2, H = 3, only dL/dc_t (dL/dh_t = 0: the o block of dPre must be 0)"],
      [3, 2, 2103, "both", "D = 3, H = 2, both upstream gradients"],
    ];
    const cases: FunctionCase[] = specs.map(([D, H, seed, which, label]) => {
      const args = lstmBackwardCase(D, H, seed, which);
      return { args, expected: lstmBackwardStepReference(...(args as Parameters<typeof lstmBackwardStepReference>)) as unknown as FunctionCase["expected"], label: `lstmBackwardStep (${label})` };
    });
    return expectFunction(answer, cases, {
      name: "lstmBackwardStep",
      rtol: 1e-8,
      atol: 1e-12,
      hint:
        "First the total cell gradient dcT = dc + dh·o·(1 − tanh²c_t) (a forgotten dh path makes every block but o wrong). " +
        "Then δo = dh·tanh(c_t)·o(1−o), δi = dcT·g·i(1−i), δf = dcT·c_{t−1}·f(1−f), δg = dcT·i·(1−g²); dPre = [δi|δf|δg|δo] (entries 0..H−1 are i, H..2H−1 f, …). " +
        "dcPrev = dcT·f; dhPrev = W_hhᵀ dPre; dx = W_ihᵀ dPre; dWih[r*D + d] = dPre[r]·x[d]; dWhh[r*H + k] = dPre[r]·hPrev[k].",
    });
  },
});

// ------------------------------------------------------------------ 2. GRU forward step

/** Reference: the library's `gruStep` for one sample (PyTorch: r, z, n; r multiplies W_hn h + b_hn). */
export function gruForwardStepReference(w: CellWeights, x: Float64Array, hPrev: Float64Array): Float64Array {
  return gruStep(w, x, hPrev).h;
}

/** Typical wrong GRU steps, for named feedback. */
function gruVariant(w: CellWeights, x: Float64Array, h: Float64Array, kind: "swapZ" | "resetBeforeMatmul" | "resetWithoutBias"): Float64Array {
  const D = w.inputSize;
  const H = w.hiddenSize;
  const bi = w.biasIh as Float64Array;
  const bh = w.biasHh as Float64Array;
  const row = (m: Float64Array, r: number, v: ArrayLike<number>, len: number): number => {
    let s = 0;
    for (let k = 0; k < len; k++) s += m[r * len + k] * v[k];
    return s;
  };
  const out = new Float64Array(H);
  const r = new Float64Array(H);
  for (let j = 0; j < H; j++) r[j] = sigmoid(row(w.weightIh, j, x, D) + bi[j] + row(w.weightHh, j, h, H) + bh[j]);
  const rh = h.map((v, k) => v * r[k]);
  for (let j = 0; j < H; j++) {
    const z = sigmoid(row(w.weightIh, H + j, x, D) + bi[H + j] + row(w.weightHh, H + j, h, H) + bh[H + j]);
    const xin = row(w.weightIh, 2 * H + j, x, D) + bi[2 * H + j];
    let n: number;
    if (kind === "resetBeforeMatmul") n = Math.tanh(xin + row(w.weightHh, 2 * H + j, rh, H) + bh[2 * H + j]);
    else if (kind === "resetWithoutBias") n = Math.tanh(xin + r[j] * row(w.weightHh, 2 * H + j, h, H) + bh[2 * H + j]);
    else n = Math.tanh(xin + r[j] * (row(w.weightHh, 2 * H + j, h, H) + bh[2 * H + j]));
    out[j] = kind === "swapZ" ? z * n + (1 - z) * h[j] : (1 - z) * n + z * h[j];
  }
  return out;
}

defineQuestion({
  id: "21.gruForward",
  title: "A GRU step from scratch, with PyTorch's conventions",
  symbols: ["gruForwardStep"],
  points: 2,
  depth: "step",
  test: (answer) => {
    const cases: FunctionCase[] = [
      [1, 1, 2111],
      [2, 3, 2112],
      [4, 5, 2113],
    ].map(([D, H, seed]) => {
      const k = cellCase(3, D, H, seed);
      // larger biases make the conventions differ clearly
      const w = { ...k.w, biasHh: (k.w.biasHh as Float64Array).map((b) => 3 * b) };
      return {
        args: [w, k.x, k.h],
        expected: gruForwardStepReference(w, k.x, k.h),
        label: `gruForwardStep(D = ${D}, H = ${H})`,
        mistakes: [
          { value: Array.from(gruVariant(w, k.x, k.h, "swapZ")), message: "z and 1 − z are swapped: in PyTorch h_t = (1 − z)⊙n + z⊙h_{t−1} (z = 1 keeps the old state)." },
          { value: Array.from(gruVariant(w, k.x, k.h, "resetBeforeMatmul")), message: "the reset gate multiplies h_{t−1} before W_hn (Cho et al. 2014); PyTorch multiplies the product: r⊙(W_hn h_{t−1} + b_hn)." },
          { value: Array.from(gruVariant(w, k.x, k.h, "resetWithoutBias")), message: "b_hn is outside the reset gate; PyTorch computes r⊙(W_hn h_{t−1} + b_hn), bias included." },
        ],
      };
    });
    return expectFunction(answer, cases, {
      name: "gruForwardStep",
      rtol: 1e-9,
      atol: 1e-12,
      hint: "Rows of W_ih, W_hh and the biases are stacked [r | z | n], H rows each. r, z = σ(W_i· x + b_i· + W_h· h + b_h·); n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn)); h_t = (1 − z)⊙n + z⊙h_{t−1}.",
    });
  },
});

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

defineQuestion({
  id: "21.bpttTanh",
  title: "Backpropagation through time for a tanh RNN",
  symbols: ["bpttTanh"],
  points: 3,
  depth: "loop",
  test: (answer) => {
    const cases: FunctionCase[] = [
      [1, 1, 1, 2121, "one step"],
      [2, 3, 4, 2122, "T = 4"],
      [3, 4, 12, 2123, "T = 12: the gradient must be carried back through W_hh"],
    ].map(([D, H, T, seed, what]) => {
      const args = bpttCase(D as number, H as number, T as number, seed as number);
      return { args, expected: bpttTanhReference(...(args as Parameters<typeof bpttTanhReference>)) as unknown as FunctionCase["expected"], label: `bpttTanh(D = ${D}, H = ${H}, ${what})` };
    });
    return expectFunction(answer, cases, {
      name: "bpttTanh",
      rtol: 1e-8,
      atol: 1e-12,
      hint:
        "Forward: keep every h_t. Backward from t = T−1 down to 0: dh = (h_t − y_t) + dNext (dNext = the gradient from step t+1 — forgetting it gives only the local gradients); " +
        "δ = dh⊙(1 − h_t²); dWih += δ x_tᵀ, dWhh += δ h_{t−1}ᵀ (the previous state, not h_t), db += δ; dNext = W_hhᵀ δ. dh0 is the last dNext.",
    });
  },
});

// ------------------------------------------------------------------ 4. transient growth ‖W^k‖

/** Reference: ‖W^k‖₂ = σ_max(W^k) for k = 0..K (W^0 = I), with the library's `singularValues`. */
export function powerNormsReference(w: Float64Array, n: number, K: number): Float64Array {
  const out = new Float64Array(K + 1);
  let p = identity(n);
  for (let k = 0; k <= K; k++) {
    out[k] = singularValues(p, n, n)[0];
    p = matMul(p, w, n);
  }
  return out;
}

/** The non-normal counterexample: ρ = a < 1, σ_max > 1 (a Jordan-like shear). */
export function shearMatrix(a: number, s: number): Float64Array {
  return new Float64Array([a, s, 0, a]);
}

defineQuestion({
  id: "21.powerNorms",
  title: "Transient growth: the norms ‖W^k‖ of a non-normal matrix",
  symbols: ["powerNorms"],
  points: 2,
  depth: "loop",
  test: (answer) => {
    const rng = new Rng(2131);
    const w3 = Float64Array.from({ length: 9 }, () => rng.normal(0, 0.5));
    const cases: FunctionCase[] = [
      { w: shearMatrix(0.9, 2), n: 2, K: 6, label: "the shear [[0.9, 2], [0, 0.9]], K = 6" },
      { w: new Float64Array([0.5, 0, 0, -0.8]), n: 2, K: 3, label: "a diagonal (normal) matrix, K = 3" },
      { w: w3, n: 3, K: 5, label: "a random 3×3 matrix, K = 5" },
    ].map(({ w, n, K, label }) => {
      const sig = singularValues(w, n, n)[0];
      const rho = spectralRadius(w, n);
      return {
        args: [w, n, K],
        expected: powerNormsReference(w, n, K),
        label: `powerNorms(${label})`,
        mistakes: [
          { value: Array.from({ length: K + 1 }, (_, k) => sig ** k), message: "these are σ_max(W)^k, the upper bound; take the norm of the matrix power W^k itself." },
          { value: Array.from({ length: K + 1 }, (_, k) => rho ** k), message: "these are ρ(W)^k, the asymptotic rate; a non-normal W can be much larger at small k — take σ_max(W^k)." },
          { value: Array.from(powerNormsReference(w, n, K + 1).slice(1)), message: "the list starts at W¹; it must start at W⁰ = I (norm 1) and have K + 1 entries." },
        ],
      };
    });
    return expectFunction(answer, cases, {
      name: "powerNorms",
      rtol: 1e-8,
      atol: 1e-12,
      hint: "Start from P = I; for k = 0..K push singularValues(P, n, n)[0], then P ← P·W. Return K + 1 numbers.",
    });
  },
});

// ------------------------------------------------------------------ 5. echo-state verdict

/** What `echoStateVerdict` returns. */
export interface EchoStateVerdict {
  rho: number;
  sigmaMax: number;
  peakGain: number;
  peakStep: number;
  contraction: boolean;
  transientGrowth: boolean;
}

/**
 * Reference: ρ(W), σ_max(W), the largest ‖W^k‖ over k = 0..K and the first k where it is reached,
 * whether W is a contraction (σ_max < 1: the echo state property is guaranteed for tanh units),
 * and whether it shows transient growth although ρ < 1 (ρ < 1 < peak gain).
 */
export function echoStateVerdictReference(w: Float64Array, n: number, K: number): EchoStateVerdict {
  const norms = powerNormsReference(w, n, K);
  let peakStep = 0;
  for (let k = 1; k <= K; k++) if (norms[k] > norms[peakStep]) peakStep = k;
  const rho = spectralRadius(w, n);
  const sigmaMax = singularValues(w, n, n)[0];
  return { rho, sigmaMax, peakGain: norms[peakStep], peakStep, contraction: sigmaMax < 1, transientGrowth: rho < 1 && norms[peakStep] > 1 };
}

defineQuestion({
  id: "21.echoStateVerdict",
  title: "The echo-state counterexample: ρ(W) < 1 < σ_max(W)",
  symbols: ["echoStateVerdict"],
  points: 2,
  depth: "analysis",
  test: (answer) => {
    const rng = new Rng(2141);
    const small = Float64Array.from({ length: 16 }, () => rng.normal(0, 0.15));
    const cases: FunctionCase[] = [
      { w: shearMatrix(0.8, 3), n: 2, K: 10, label: "the shear [[0.8, 3], [0, 0.8]]" },
      { w: small, n: 4, K: 8, label: "a small random 4×4 matrix (a contraction)" },
      { w: new Float64Array([1.1, 0, 0, 0.2]), n: 2, K: 5, label: "diag(1.1, 0.2): ρ > 1" },
    ].map(({ w, n, K, label }) => ({ args: [w, n, K], expected: echoStateVerdictReference(w, n, K) as unknown as FunctionCase["expected"], label: `echoStateVerdict(${label})` }));
    return expectFunction(answer, cases, {
      name: "echoStateVerdict",
      rtol: 1e-8,
      atol: 1e-12,
      hint:
        "ρ(W) is the library's spectralRadius, σ_max(W) the first (largest) of its singularValues; peakGain / peakStep = the largest ‖W^k‖ for k = 0..K and the first k where it occurs (powerNorms); " +
        "contraction = sigmaMax < 1; transientGrowth = rho < 1 and peakGain > 1.",
    });
  },
});

// ------------------------------------------------------------------ 6. Kaplan–Yorke dimension

/**
 * Reference: D_KY = k + (λ_1 + … + λ_k)/|λ_{k+1}| with the exponents sorted in descending
 * order and k the largest index with λ_1 + … + λ_k ≥ 0; 0 when λ_1 < 0, n when the whole sum is ≥ 0.
 */
export function kaplanYorkeReference(exponents: ArrayLike<number>): number {
  const l = Array.from(exponents).sort((a, b) => b - a);
  let sum = 0;
  let k = 0;
  while (k < l.length && sum + l[k] >= 0) {
    sum += l[k];
    k++;
  }
  if (k === l.length) return l.length;
  return k + sum / Math.abs(l[k]);
}

defineQuestion({
  id: "21.kaplanYorke",
  title: "The Kaplan–Yorke (Lyapunov) dimension of an attractor",
  symbols: ["kaplanYorke"],
  points: 2,
  depth: "step",
  test: (answer) => {
    const lorenz = [0.906, 0, -14.572];
    const unsorted = [-1.2, 0.3, -0.05, 0.1, -0.4];
    const sorted = [...unsorted].sort((a, b) => b - a);
    const cases: FunctionCase[] = [
      { args: [lorenz], expected: kaplanYorkeReference(lorenz), label: "kaplanYorke(the Lorenz attractor's [0.906, 0, −14.572])" },
      {
        args: [unsorted],
        expected: kaplanYorkeReference(unsorted),
        label: "kaplanYorke([−1.2, 0.3, −0.05, 0.1, −0.4]) (not sorted)",
        mistakes: [{ value: 0, message: "the exponents were not sorted in descending order first (here the first one is negative)." }],
      },
      { args: [[-0.1, -0.5]], expected: 0, label: "kaplanYorke([−0.1, −0.5]) (a stable fixed point)" },
      { args: [[0.2, 0.1, -0.1]], expected: 3, label: "kaplanYorke([0.2, 0.1, −0.1]) (the sum never becomes negative)" },
      {
        args: [[0.5, -0.2, -1]],
        expected: kaplanYorkeReference([0.5, -0.2, -1]),
        label: "kaplanYorke([0.5, −0.2, −1])",
        mistakes: [
          { value: 2 + 0.3 / 0.2, message: "the denominator is |λ_{k+1}|, the first exponent that makes the sum negative, not λ_k." },
          { value: 1 + 0.5 / 0.2, message: "k is the largest index with λ_1 + … + λ_k ≥ 0 (here k = 2, since 0.5 − 0.2 ≥ 0)." },
        ],
      },
      { args: [sorted.map((x) => x * 3)], expected: kaplanYorkeReference(sorted.map((x) => x * 3)), label: "kaplanYorke(a scaled spectrum)" },
    ];
    return expectFunction(answer, cases, {
      name: "kaplanYorke",
      rtol: 1e-10,
      atol: 1e-12,
      pure: true,
      hint: "Sort a copy in descending order (do not sort the argument in place); add exponents while the running sum stays ≥ 0; k is how many you added; return k + sum/|λ_{k+1}| (0-based: l[k]), or n if you added them all.",
    });
  },
});

// ------------------------------------------------------------------ 7. Lyapunov spectrum by QR

/**
 * Reference: the k largest Lyapunov exponents of the Euler map h ← h + Δt(−h + J tanh h) from
 * h0 with initial perturbations d0 (k vectors of length n, orthonormalised first), modified
 * Gram–Schmidt every `renormEvery` steps, no transient: the library's `lyapunovSpectrum`.
 */
export function lyapunovQRReference(j: Float64Array, n: number, h0: Float64Array, d0: Float64Array, k: number, steps: number, dt: number, renormEvery: number): Float64Array {
  return lyapunovSpectrum({ j, n, h0, perturbations0: d0, count: k, steps, dt, renormEvery, transientSteps: 0 });
}

/** A small random network J (gain g), h0 and d0 for the Lyapunov problem. */
export function lyapunovCase(n: number, k: number, g: number, seed: number): { j: Float64Array; h0: Float64Array; d0: Float64Array } {
  const rng = new Rng(seed);
  return { j: rng.normalArray(n * n, 0, g / Math.sqrt(n)), h0: rng.normalArray(n), d0: rng.normalArray(k * n) };
}

defineQuestion({
  id: "21.lyapunovQR",
  title: "A Lyapunov spectrum with QR re-orthonormalisation",
  symbols: ["lyapunovQR"],
  points: 3,
  depth: "loop",
  test: (answer) => {
    const cases: FunctionCase[] = [
      [3, 2, 0.5, 2151, 40, 0.1, 4],
      [5, 3, 2, 2152, 120, 0.1, 10],
      [8, 4, 3, 2153, 150, 0.05, 5],
    ].map(([n, k, g, seed, steps, dt, every]) => {
      const c = lyapunovCase(n, k, g, seed);
      const expected = lyapunovQRReference(c.j, n, c.h0, c.d0, k, steps, dt, every);
      return {
        args: [c.j, n, c.h0, c.d0, k, steps, dt, every],
        expected,
        label: `lyapunovQR(N = ${n}, k = ${k}, g = ${g}, ${steps} steps of Δt = ${dt}, QR every ${every})`,
        mistakes: [
          { value: Array.from(expected, (x) => x * every * dt), message: "you divided the sums of log R_qq by the number of QR steps; divide by the elapsed time (steps · Δt) to get exponents per unit time." },
          { value: Array.from(expected, (x) => x * dt), message: "you divided the sums of log R_qq by the number of Euler steps; divide by the elapsed time (steps · Δt)." },
        ],
      };
    });
    return expectFunction(answer, cases, {
      name: "lyapunovQR",
      rtol: 1e-6,
      atol: 1e-9,
      hint:
        "Orthonormalise d0 first (Gram–Schmidt, no log counted). Each step, with the state h before the update: δ_q ← (1 − Δt)δ_q + Δt J(φ'(h)⊙δ_q), φ' = 1 − tanh², and h ← h + Δt(−h + J tanh h). " +
        "Every renormEvery steps: modified Gram–Schmidt on δ_1..δ_k, adding log of each norm R_qq to sum_q. Return sum_q / (steps·Δt).",
    });
  },
});

// ------------------------------------------------------------------ 8–9. Dale-constrained chaos

/** Reference: J_ij = +aE|z_ij|/√N for j < nE (excitatory columns), −aI|z_ij|/√N otherwise. */
export function strictDaleMatrixReference(z: Float64Array, n: number, nE: number, aE: number, aI: number): Float64Array {
  const j = new Float64Array(n * n);
  const s = Math.sqrt(n);
  for (let i = 0; i < n; i++) for (let c = 0; c < n; c++) j[i * n + c] = ((c < nE ? aE : -aI) * Math.abs(z[i * n + c])) / s;
  return j;
}

defineQuestion({
  id: "21.strictDale",
  title: "A matrix that obeys Dale's law strictly",
  symbols: ["strictDaleMatrix"],
  points: 2,
  depth: "step",
  test: (answer) => {
    const cases: FunctionCase[] = [
      [2, 1, 1, 1, 2161],
      [5, 4, 0.5, 2, 2162],
      [6, 3, 1.5, 0.7, 2163],
    ].map(([n, nE, aE, aI, seed]) => {
      const z = new Rng(seed).normalArray(n * n);
      const expected = strictDaleMatrixReference(z, n, nE, aE, aI);
      const noAbs = Array.from(z, (v, idx) => ((idx % n < nE ? aE : -aI) * v) / Math.sqrt(n));
      const byN = Array.from(expected, (v) => v / Math.sqrt(n));
      const rowsAsNeurons = Array.from(z, (v, idx) => ((Math.floor(idx / n) < nE ? aE : -aI) * Math.abs(v)) / Math.sqrt(n));
      return {
        args: [z, n, nE, aE, aI],
        expected,
        label: `strictDaleMatrix(N = ${n}, nE = ${nE}, aE = ${aE}, aI = ${aI})`,
        mistakes: [
          { value: noAbs, message: "without |z| an excitatory column has negative entries: that breaks Dale's law. Use the magnitude |z_ij| and give each column one sign." },
          { value: byN, message: "the scale is 1/√N (so the bulk radius stays finite as N grows), not 1/N." },
          { value: rowsAsNeurons, message: "the sign belongs to the presynaptic neuron j, i.e. to the column (J_ij is the weight from j to i), not to the row." },
        ],
      };
    });
    return expectFunction(answer, cases, {
      name: "strictDaleMatrix",
      rtol: 1e-10,
      atol: 1e-12,
      hint: "Entry (i, c) is z[i*n + c]. Columns c < nE are excitatory: +aE·|z|/√N; the others inhibitory: −aI·|z|/√N.",
    });
  },
});

/** What `daleSpectrum` returns. */
export interface DaleSpectrum {
  predictedRadius: number;
  predictedOutlier: number;
  rightmost: number;
  bulkRadius: number;
}

/**
 * Reference. Entries of an E column have mean aE·m/√N and variance aE²(1 − m²)/N, m = √(2/π)
 * (the mean of |z|); likewise for I with −aI. The bulk radius is √((1 − m²)(f aE² + (1 − f) aI²)),
 * f = nE/N, and the rank-one mean gives the outlier m (nE aE − (N − nE) aI)/√N. Measured:
 * the largest real part of the eigenvalues, and the largest modulus of the others.
 */
export function daleSpectrumReference(j: Float64Array, n: number, nE: number, aE: number, aI: number): DaleSpectrum {
  const m = Math.sqrt(2 / Math.PI);
  const f = nE / n;
  const predictedRadius = Math.sqrt((1 - m * m) * (f * aE * aE + (1 - f) * aI * aI));
  const predictedOutlier = (m * (nE * aE - (n - nE) * aI)) / Math.sqrt(n);
  const e = eigenvalues(j, n);
  let best = 0;
  for (let i = 1; i < n; i++) if (e.re[i] > e.re[best]) best = i;
  let bulk = 0;
  for (let i = 0; i < n; i++) if (i !== best) bulk = Math.max(bulk, Math.hypot(e.re[i], e.im[i]));
  return { predictedRadius, predictedOutlier, rightmost: e.re[best], bulkRadius: bulk };
}

defineQuestion({
  id: "21.daleSpectrum",
  title: "Dale-constrained chaos: predict and measure the bulk and the outlier",
  symbols: ["daleSpectrum"],
  points: 3,
  depth: "analysis",
  test: (answer) => {
    const cases: FunctionCase[] = [
      [20, 16, 1, 2, 2171],
      [40, 20, 2, 1.5, 2172],
      [30, 24, 1.2, 3, 2173],
    ].map(([n, nE, aE, aI, seed]) => {
      const j = strictDaleMatrixReference(new Rng(seed).normalArray(n * n), n, nE, aE, aI);
      return { args: [j, n, nE, aE, aI], expected: daleSpectrumReference(j, n, nE, aE, aI) as unknown as FunctionCase["expected"], label: `daleSpectrum(N = ${n}, nE = ${nE}, aE = ${aE}, aI = ${aI})` };
    });
    return expectFunction(answer, cases, {
      name: "daleSpectrum",
      rtol: 1e-7,
      atol: 1e-10,
      hint:
        "With m = √(2/π) and f = nE/N: predictedRadius = √((1 − m²)(f·aE² + (1 − f)·aI²)) (the square root of N times the mean entry variance); predictedOutlier = m·(nE·aE − (N − nE)·aI)/√N. " +
        "From eigenvalues(J, n): rightmost = the largest real part; bulkRadius = the largest |λ| over all the other eigenvalues (leave out that one index).",
    });
  },
});

// ------------------------------------------------------------------ 10. Newton step to a fixed point

/** Reference: h − DF(h)⁻¹F(h) for F(h) = −h + J tanh(h) + I, DF = −1 + J diag(1 − tanh²h). */
export function newtonStepReference(j: Float64Array, n: number, input: Float64Array, h: Float64Array): Float64Array {
  return newtonVariant(j, n, input, h, false, 1);
}

function newtonVariant(j: Float64Array, n: number, input: Float64Array, h: Float64Array, plainJ: boolean, sign: number): Float64Array {
  const r = h.map(Math.tanh);
  const F = new Float64Array(n);
  const DF = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let a = -h[i] + input[i];
    for (let c = 0; c < n; c++) {
      a += j[i * n + c] * r[c];
      DF[i * n + c] = j[i * n + c] * (plainJ ? 1 : 1 - r[c] * r[c]) - (i === c ? 1 : 0);
    }
    F[i] = a;
  }
  const delta = solveLinear(DF, F, n);
  if (!delta) throw new Error("newtonStepReference: the Jacobian is singular at this h");
  return h.map((v, i) => v - sign * delta[i]);
}

defineQuestion({
  id: "21.newtonStep",
  title: "One Newton step toward a fixed point of a rate network",
  symbols: ["newtonStep"],
  points: 2,
  depth: "step",
  test: (answer) => {
    const cases: FunctionCase[] = [
      [1, 0.5, 2181],
      [3, 1.5, 2182],
      [6, 2, 2183],
    ].map(([n, g, seed]) => {
      const rng = new Rng(seed);
      const j = rng.normalArray(n * n, 0, g / Math.sqrt(n));
      const input = rng.normalArray(n, 0, 0.5);
      const h = rng.normalArray(n);
      return {
        args: [j, n, input, h],
        expected: newtonStepReference(j, n, input, h),
        label: `newtonStep(N = ${n}, g = ${g})`,
        mistakes: [
          { value: Array.from(newtonVariant(j, n, input, h, false, -1)), message: "you stepped along +DF⁻¹F; Newton's step is h − DF(h)⁻¹F(h)." },
          { value: Array.from(newtonVariant(j, n, input, h, true, 1)), message: "the Jacobian misses the slope: DF = −I + J·diag(1 − tanh²h), not −I + J." },
        ],
      };
    });
    return expectFunction(answer, cases, {
      name: "newtonStep",
      rtol: 1e-8,
      atol: 1e-12,
      pure: true,
      hint: "F_i = −h_i + Σ_c J_ic tanh(h_c) + I_i; DF_ic = J_ic (1 − tanh²h_c) − [i = c]; Δ = solveLinear(DF, F, n); return h − Δ (a new array).",
    });
  },
});

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

defineQuestion({
  id: "21.rollout",
  title: "Teacher forcing against a free-running rollout",
  symbols: ["rollout"],
  points: 2,
  depth: "loop",
  test: (answer) => {
    const cases: FunctionCase[] = [
      [2, 5, 2191, true],
      [2, 5, 2191, false],
      [4, 12, 2192, false],
      [4, 12, 2192, true],
    ].map(([H, T, seed, tf]) => {
      const k = rolloutCase(H as number, T as number, seed as number);
      const other = rolloutReference(k.w, k.v, k.c, k.xs, k.h0, !tf);
      return {
        args: [k.w, k.v, k.c, k.xs, k.h0, tf],
        expected: rolloutReference(k.w, k.v, k.c, k.xs, k.h0, tf as boolean),
        label: `rollout(H = ${H}, T = ${T}, teacherForcing = ${tf})`,
        mistakes: [
          {
            value: Array.from(other),
            message: tf
              ? "with teacher forcing the input at step t is the true value xs[t], not the model's own previous prediction."
              : "free running feeds the model its own previous prediction y_{t−1} (after xs[0]); you fed the true values (that is teacher forcing).",
          },
        ],
      };
    });
    return expectFunction(answer, cases, {
      name: "rollout",
      rtol: 1e-9,
      atol: 1e-12,
      hint: "Loop t = 0..T−1: input = xs[t] if teacherForcing or t = 0, else y[t−1]; h = rnnStep(w, new Float64Array([input]), h); y[t] = c + Σ_k v[k]·h[k].",
    });
  },
});

// ------------------------------------------------------------------ 12. ESN ridge readout

/**
 * Reference: an echo state network (N units, spectral radius rho, density 0.2, seeded) driven by u;
 * states with t < washout are dropped; the next trainLength states fit a ridge readout
 * (library `ridgeRegression`, with intercept) to y; returns [train NRMSE, test NRMSE]
 * (test = every state after the training part; library `nrmse`).
 */
export function esnReadoutReference(u: Float64Array, y: Float64Array, n: number, rho: number, seed: number, washout: number, trainLength: number, ridge: number): Float64Array {
  const esn = new EchoStateNetwork({ reservoirSize: n, spectralRadius: rho, density: 0.2, rng: new Rng(seed) });
  const states = esn.run(u);
  const T = u.length;
  const a = washout;
  const b = washout + trainLength;
  const W = ridgeRegression(states.slice(a * n, b * n), n, y.slice(a, b), 1, ridge);
  const train = applyRidgeReadout(W, states.slice(a * n, b * n), n, 1);
  const test = applyRidgeReadout(W, states.slice(b * n, T * n), n, 1);
  return new Float64Array([nrmse(train, y.slice(a, b)), nrmse(test, y.slice(b, T))]);
}

/** Input u (uniform) and the target y_t = u_{t−delay} (a memory task), for the ESN problem. */
export function esnCase(T: number, delay: number, seed: number): { u: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const u = rng.uniformArray(T, -0.5, 0.5);
  const y = Float64Array.from(u, (_, t) => (t >= delay ? u[t - delay] : 0));
  return { u, y };
}

defineQuestion({
  id: "21.esnReadout",
  title: "A ridge-regression readout for an echo state network",
  symbols: ["esnReadout"],
  points: 3,
  depth: "analysis",
  test: (answer) => {
    const cases: FunctionCase[] = [
      [200, 2, 2201, 30, 0.9, 20, 120, 1e-6],
      [300, 5, 2202, 50, 0.95, 50, 150, 1e-4],
    ].map(([T, delay, seed, n, rho, washout, train, ridge]) => {
      const { u, y } = esnCase(T, delay, seed);
      const expected = esnReadoutReference(u, y, n, rho, seed, washout, train, ridge);
      return {
        args: [u, y, n, rho, seed, washout, train, ridge],
        expected,
        label: `esnReadout(N = ${n}, ρ = ${rho}, delay ${delay}, washout ${washout}, train ${train})`,
        mistakes: [{ value: Array.from(esnReadoutReference(u, y, n, rho, seed, 0, washout + train, ridge)), message: "the washout states were kept in the training set; drop the first `washout` states (the reservoir still remembers its initial state there)." }],
      };
    });
    return expectFunction(answer, cases, {
      name: "esnReadout",
      rtol: 1e-6,
      atol: 1e-9,
      hint:
        "esn = new EchoStateNetwork({ reservoirSize: n, spectralRadius: rho, density: 0.2, rng: new Rng(seed) }); X = esn.run(u) is [T, n]. Train rows washout .. washout+trainLength−1, test rows after that. " +
        "W = ridgeRegression(Xtrain, n, ytrain, 1, ridge); predictions applyRidgeReadout(W, X…, n, 1); return [nrmse(train), nrmse(test)].",
    });
  },
});

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

function adamNoBiasCorrection(theta0: Float64Array, grads: number[][], lr: number, beta1: number, beta2: number, eps: number): number[] {
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

defineQuestion({
  id: "21.adamRun",
  title: "Adam, step by step",
  symbols: ["adamRun"],
  points: 2,
  depth: "loop",
  test: (answer) => {
    const rng = new Rng(2211);
    const grads3 = Array.from({ length: 6 }, () => Array.from(rng.normalArray(3)));
    const grads2 = Array.from({ length: 20 }, (_, t) => [Math.cos(t), 0.01 * (t - 10)]);
    const cases: FunctionCase[] = [
      { args: [new Float64Array([1]), [[2]], 0.1, 0.9, 0.999, 1e-8], label: "adamRun(one step: θ moves by about lr)" },
      { args: [new Float64Array([0.5, -1, 2]), grads3, 0.01, 0.9, 0.999, 1e-8], label: "adamRun(6 random gradients)" },
      { args: [new Float64Array([0, 0]), grads2, 0.05, 0.8, 0.99, 1e-6], label: "adamRun(20 steps, β = (0.8, 0.99))" },
    ].map((c) => {
      const [t0, g, lr, b1, b2, eps] = c.args as [Float64Array, number[][], number, number, number, number];
      return {
        ...c,
        expected: adamRunReference(t0, g, lr, b1, b2, eps),
        mistakes: [{ value: adamNoBiasCorrection(t0, g, lr, b1, b2, eps), message: "the bias correction is missing: divide m by 1 − β1^t and v by 1 − β2^t (t = 1, 2, …), or the first steps are far too small." }],
      };
    });
    return expectFunction(answer, cases, {
      name: "adamRun",
      rtol: 1e-9,
      atol: 1e-12,
      pure: true,
      hint: "t counts from 1. m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²; θ ← θ − lr·(m/(1 − β1^t)) / (√(v/(1 − β2^t)) + ε). Work on a copy of theta0.",
    });
  },
});

// ------------------------------------------------------------------ 14. softmax cross-entropy gradient

/** Reference: ∂/∂logits of the mean cross-entropy over N rows (the library's `crossEntropyLoss`). */
export function crossEntropyGradReference(logits: Float64Array, targets: number[], K: number): Float64Array {
  if (logits.length !== targets.length * K) throw new Error("crossEntropyGradReference: logits must be [N, K]");
  return crossEntropyLoss(logits, targets).grad;
}

defineQuestion({
  id: "21.crossEntropyGrad",
  title: "The gradient of softmax cross-entropy, numerically stable",
  symbols: ["crossEntropyGrad"],
  points: 2,
  depth: "step",
  test: (answer) => {
    const rng = new Rng(2221);
    const cases: FunctionCase[] = [
      { logits: new Float64Array([1, 2, 3]), targets: [2], K: 3, label: "one row" },
      { logits: rng.normalArray(12, 0, 2), targets: [0, 3, 1], K: 4, label: "N = 3 rows of K = 4" },
      { logits: new Float64Array([1000, 0, -1000, 999]), targets: [1, 0], K: 2, label: "huge logits (exp overflows unless you subtract the row maximum)" },
    ].map(({ logits, targets, K, label }) => {
      const N = targets.length;
      const expected = crossEntropyGradReference(logits, targets, K);
      const softmaxOnly = Array.from(expected, (g, i) => g + (targets[Math.floor(i / K)] === i % K ? 1 / N : 0));
      return {
        args: [logits, targets, K],
        expected,
        label: `crossEntropyGrad(${label})`,
        mistakes: [
          { value: Array.from(expected, (g) => g * N), message: "this is the gradient of the summed loss; the loss is the mean over the N rows (divide by N)." },
          { value: softmaxOnly, message: "the one-hot target is not subtracted: ∂L/∂z = (softmax(z) − onehot(y))/N." },
        ],
      };
    });
    return expectFunction(answer, cases, {
      name: "crossEntropyGrad",
      rtol: 1e-9,
      atol: 1e-12,
      hint: "Per row r: p = softmax(z_r) computed as exp(z − max z_r)/Σ exp(z − max z_r); grad = (p − onehot(targets[r]))/N.",
    });
  },
});

// ------------------------------------------------------------------ 15. Hopfield recall

/**
 * Reference: Hebbian weights W = (1/N) Σ_μ ξ^μ ξ^μᵀ with zero diagonal; asynchronous updates
 * s_i ← sign(Σ_j W_ij s_j) in the order i = 0..N−1, `sweeps` times (a zero field keeps s_i).
 */
export function hopfieldRecallReference(patterns: number[][], probe: number[], sweeps: number): number[] {
  return hopfieldVariant(patterns, probe, sweeps, false, false);
}

function hopfieldVariant(patterns: number[][], probe: number[], sweeps: number, synchronous: boolean, keepDiagonal: boolean): number[] {
  const n = probe.length;
  const w = new Float64Array(n * n);
  for (const xi of patterns) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (keepDiagonal || i !== j) w[i * n + j] += (xi[i] * xi[j]) / n;
  let s = [...probe];
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const old = [...s];
    for (let i = 0; i < n; i++) {
      const src = synchronous ? old : s;
      let f = 0;
      for (let j = 0; j < n; j++) f += w[i * n + j] * src[j];
      if (f > 0) s[i] = 1;
      else if (f < 0) s[i] = -1;
      else s[i] = src[i];
    }
    if (synchronous) s = [...s];
  }
  return s;
}

/** Random ±1 patterns and a probe: pattern 0 with `flips` entries flipped. */
export function hopfieldCase(n: number, p: number, flips: number, seed: number): { patterns: number[][]; probe: number[] } {
  const rng = new Rng(seed);
  const patterns = Array.from({ length: p }, () => Array.from({ length: n }, (): number => (rng.random() < 0.5 ? -1 : 1)));
  const probe = [...patterns[0]];
  for (const i of rng.sample(Array.from({ length: n }, (_, k) => k), flips)) probe[i] = -probe[i];
  return { patterns, probe };
}

defineQuestion({
  id: "21.hopfieldRecall",
  title: "Memory recall in a Hopfield network",
  symbols: ["hopfieldRecall"],
  points: 2,
  depth: "loop",
  test: (answer) => {
    const cases: FunctionCase[] = [
      [8, 1, 2, 2231, 1],
      [30, 3, 6, 2232, 3],
      [40, 8, 10, 2233, 2],
      [12, 4, 5, 2234, 1],
    ].map(([n, p, flips, seed, sweeps]) => {
      const { patterns, probe } = hopfieldCase(n, p, flips, seed);
      const expected = hopfieldRecallReference(patterns, probe, sweeps);
      const mistakes = [
        { value: hopfieldVariant(patterns, probe, sweeps, true, false), message: "this is a synchronous update (all units from the old state); update asynchronously, unit by unit, each using the states already updated in this sweep." },
        { value: hopfieldVariant(patterns, probe, sweeps, false, true), message: "the self-couplings W_ii were kept; set the diagonal of the Hebbian matrix to zero." },
      ].filter((m) => m.value.some((x, i) => x !== expected[i]));
      return { args: [patterns, probe, sweeps], expected, label: `hopfieldRecall(N = ${n}, ${p} pattern(s), ${flips} flipped, ${sweeps} sweep(s))`, mistakes };
    });
    return expectFunction(answer, cases, {
      name: "hopfieldRecall",
      rtol: 0,
      atol: 0,
      pure: true,
      hint: "W_ij = (1/N) Σ_μ ξ_i ξ_j for i ≠ j, W_ii = 0. For each sweep, for i = 0..N−1 in order: f = Σ_j W_ij s_j with the current s; s_i = +1 if f > 0, −1 if f < 0, unchanged if f = 0. Return a new array.",
    });
  },
});
