/**
 * References of notebook 21's problem set, dynamics and neuroscience part: transient growth and the
 * echo-state verdict, the Kaplan–Yorke dimension, a Lyapunov spectrum by QR, strict Dale matrices and
 * their spectra, a Newton step, an echo-state readout, Hopfield recall; with the typical wrong
 * answers the checks name and seeded test material. Re-exported by
 * course/questions/21_hands_on_problem_set.ts (the hidden tests import them from there).
 * Inside questions/, so the release leaves it out like the questions themselves.
 */
import { applyRidgeReadout, EchoStateNetwork, eigenvalues, lyapunovSpectrum, nrmse, ridgeRegression, Rng, singularValues, solveLinear, spectralRadius } from "rnnlab";

// ------------------------------------------------------------------ shared helpers

/** Row-major product of n×n matrices. */
export function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const aik = a[i * n + k];
    if (aik === 0) continue;
    for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
  }
  return c;
}

export function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

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

// ------------------------------------------------------------------ 8–9. Dale-constrained chaos

/** Reference: J_ij = +aE|z_ij|/√N for j < nE (excitatory columns), −aI|z_ij|/√N otherwise. */
export function strictDaleMatrixReference(z: Float64Array, n: number, nE: number, aE: number, aI: number): Float64Array {
  const j = new Float64Array(n * n);
  const s = Math.sqrt(n);
  for (let i = 0; i < n; i++) for (let c = 0; c < n; c++) j[i * n + c] = ((c < nE ? aE : -aI) * Math.abs(z[i * n + c])) / s;
  return j;
}

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

// ------------------------------------------------------------------ 10. Newton step to a fixed point

/** Reference: h − DF(h)⁻¹F(h) for F(h) = −h + J tanh(h) + I, DF = −1 + J diag(1 − tanh²h). */
export function newtonStepReference(j: Float64Array, n: number, input: Float64Array, h: Float64Array): Float64Array {
  return newtonVariant(j, n, input, h, false, 1);
}

export function newtonVariant(j: Float64Array, n: number, input: Float64Array, h: Float64Array, plainJ: boolean, sign: number): Float64Array {
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

// ------------------------------------------------------------------ 15. Hopfield recall

/**
 * Reference: Hebbian weights W = (1/N) Σ_μ ξ^μ ξ^μᵀ with zero diagonal; asynchronous updates
 * s_i ← sign(Σ_j W_ij s_j) in the order i = 0..N−1, `sweeps` times (a zero field keeps s_i).
 */
export function hopfieldRecallReference(patterns: number[][], probe: number[], sweeps: number): number[] {
  return hopfieldVariant(patterns, probe, sweeps, false, false);
}

export function hopfieldVariant(patterns: number[][], probe: number[], sweeps: number, synchronous: boolean, keepDiagonal: boolean): number[] {
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
