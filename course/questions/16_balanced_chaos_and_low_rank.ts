/** Questions of notebook 16_balanced_chaos_and_low_rank. */
import { eigenvalues, Rng } from "rnnlab";
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Reference: J_ij = (μ_j + g z_ij)/√N. */
export function daleMatrixReference(z: Float64Array, nE: number, muE: number, muI: number, g: number): Float64Array {
  const n = Math.round(Math.sqrt(z.length));
  const j = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let c = 0; c < n; c++) j[i * n + c] = ((c < nE ? muE : muI) + g * z[i * n + c]) / Math.sqrt(n);
  return j;
}

/** Reference: every row minus its mean. */
export function zeroRowSumsReference(j: Float64Array, n: number): Float64Array {
  const out = Float64Array.from(j);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let c = 0; c < n; c++) m += j[i * n + c] / n;
    for (let c = 0; c < n; c++) out[i * n + c] -= m;
  }
  return out;
}

/** Reference: recursive least squares from w = 0, P = I/α over (rates[s], targets[s]). */
export function rlsFitReference(rates: number[][], targets: number[], alpha: number): Float64Array {
  const n = rates[0].length;
  const w = new Float64Array(n);
  const P = new Float64Array(n * n);
  for (let i = 0; i < n; i++) P[i * n + i] = 1 / alpha;
  for (let s = 0; s < rates.length; s++) {
    const r = rates[s];
    const Pr = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) Pr[i] += P[i * n + k] * r[k];
    let c = 1;
    for (let i = 0; i < n; i++) c += r[i] * Pr[i];
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) P[i * n + k] -= (Pr[i] * Pr[k]) / c;
    let e = -targets[s];
    for (let i = 0; i < n; i++) e += w[i] * r[i];
    for (let i = 0; i < n; i++) w[i] -= (e * Pr[i]) / c;
  }
  return w;
}

/** Reference for 16.daleOutlier: (nE·μE + (n − nE)·μI)/√n, the sum of the column means over √N. */
export function daleOutlierReference(n: number, nE: number, muE: number, muI: number): number {
  return (nE * muE + (n - nE) * muI) / Math.sqrt(n);
}

/** Reference: J + u wᵀ. */
export function effectiveCouplingReference(j: Float64Array, u: ArrayLike<number>, w: ArrayLike<number>, n: number): Float64Array {
  const out = Float64Array.from(j);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) out[i * n + k] += u[i] * w[k];
  return out;
}

function normals(seed: number, count: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: count }, () => rng.normal());
}

defineFunctionQuestion({
  id: "16.daleMatrix",
  title: "A Dale matrix: column means plus random fluctuations",
  name: "daleMatrix",
  points: 2,
  depth: "step",
  cases: () => [
    { n: 2, nE: 1, muE: 1, muI: -1, g: 0 },
    { n: 5, nE: 4, muE: 0.5, muI: -2, g: 1.5 },
    { n: 6, nE: 3, muE: 0.2, muI: -0.2, g: 0.7 },
  ].map(({ n, nE, muE, muI, g }, k) => {
    const z = normals(160 + k, n * n);
    return { args: [z, nE, muE, muI, g], expected: daleMatrixReference(z, nE, muE, muI, g), label: `daleMatrix(N = ${n}, nE = ${nE}, μE = ${muE}, μI = ${muI}, g = ${g})` };
  }),
  rtol: 1e-9,
  atol: 1e-12,
  hint: "The mean depends on the column c (the presynaptic neuron): μ = muE for c < nE, else muI. Divide the sum μ + g·z[i*N + c] by √N.",
});

/**
 * Reference for 16.daleOutlier: [predicted, measured] for the Dale matrix built from z
 * (`daleMatrixReference`): the predicted outlier (nE·μE + (N − nE)·μI)/√N and the largest real
 * part among the matrix's eigenvalues (the library's `eigenvalues`).
 */
export function outlierCheckReference(z: Float64Array, nE: number, muE: number, muI: number, g: number): number[] {
  const n = Math.round(Math.sqrt(z.length));
  const spec = eigenvalues(daleMatrixReference(z, nE, muE, muI, g), n);
  return [daleOutlierReference(n, nE, muE, muI), Math.max(...spec.re)];
}

defineFunctionQuestion({
  id: "16.daleOutlier",
  title: "The outlier of a Dale matrix: predicted, and measured in its spectrum",
  name: "outlierCheck",
  points: 2,
  depth: "analysis",
  cases: () => [
    { n: 4, nE: 3, muE: 2, muI: 0, g: 0.2 },
    { n: 30, nE: 24, muE: 0.8, muI: -0.5, g: 0.5 },
    { n: 40, nE: 32, muE: 0.5, muI: -2, g: 1 },
  ].map(({ n, nE, muE, muI, g }, k) => {
    const z = normals(168 + k, n * n);
    const expected = outlierCheckReference(z, nE, muE, muI, g);
    const spec = eigenvalues(daleMatrixReference(z, nE, muE, muI, g), n);
    const largestModulus = Math.max(...Array.from(spec.re, (re, i) => Math.hypot(re, spec.im[i])));
    return {
      args: [z, nE, muE, muI, g],
      expected,
      label: `outlierCheck(N = ${n}, nE = ${nE}, μE = ${muE}, μI = ${muI}, g = ${g})${expected[0] < 0 ? " (a negative outlier: the rightmost eigenvalue is then in the bulk)" : ""}`,
      mistakes: Math.abs(largestModulus - expected[1]) > 1e-6 ? [{ value: [expected[0], largestModulus], message: "the second entry is the largest modulus |λ|; the outlier test uses the largest real part Re λ (the rightmost eigenvalue)." }] : [],
    };
  }),
  rtol: 1e-8,
  atol: 1e-10,
  pure: true,
  hint: "Predicted: (nE·muE + (N − nE)·muI)/√N with N = √(z.length). Measured: build J as in exercise 1, then e = eigenvalues(J, N) and return Math.max(...e.re).",
});

defineFunctionQuestion({
  id: "16.zeroRowSums",
  title: "Balance every row: subtract its mean",
  name: "zeroRowSums",
  points: 2,
  depth: "step",
  cases: () => {
    const a = normals(162, 16);
    const b = normals(163, 49);
    return [
      { args: [new Float64Array([1, 3, 0, 2]), 2], expected: new Float64Array([-1, 1, -1, 1]) },
      { args: [a, 4], expected: zeroRowSumsReference(a, 4) },
      { args: [b, 7], expected: zeroRowSumsReference(b, 7) },
    ];
  },
  rtol: 1e-9,
  atol: 1e-12,
  hint: "Row i is j[i*n .. i*n + n − 1]; subtract its own mean from each of its entries (rows, not columns).",
});

defineFunctionQuestion({
  id: "16.rlsFit",
  title: "Recursive least squares, the FORCE update",
  name: "rlsFit",
  points: 2,
  depth: "loop",
  cases: () => {
    const rng = new Rng(164);
    const rates = Array.from({ length: 30 }, () => Array.from({ length: 4 }, () => Math.tanh(rng.normal())));
    const targets = rates.map((r) => 0.5 * r[0] - r[2] + 0.1 * rng.normal());
    return [
      { args: [[[1, 0]], [2], 1], expected: rlsFitReference([[1, 0]], [2], 1), label: "rlsFit([[1, 0]], [2], 1) (one step: w = (1, 0))" },
      { args: [rates.slice(0, 3), targets.slice(0, 3), 0.5], expected: rlsFitReference(rates.slice(0, 3), targets.slice(0, 3), 0.5) },
      { args: [rates, targets, 1], expected: rlsFitReference(rates, targets, 1), label: "30 steps, 4 rates" },
    ];
  },
  rtol: 1e-8,
  atol: 1e-12,
  hint: "Per step: Pr = P r; c = 1 + rᵀ P r; P ← P − Pr Prᵀ/c; e = wᵀr − target (with the w from before this step); w ← w − e·Pr/c.",
});

defineFunctionQuestion({
  id: "16.effectiveCoupling",
  title: "The effective connectivity J + u wᵀ",
  name: "effectiveCoupling",
  points: 1,
  depth: "formula",
  cases: () => {
    const j = normals(165, 9);
    const u = Array.from(normals(166, 3));
    const w = Array.from(normals(167, 3));
    return [
      { args: [new Float64Array(4), [1, 2], [3, 4], 2], expected: new Float64Array([3, 4, 6, 8]) },
      { args: [j, u, w, 3], expected: effectiveCouplingReference(j, u, w, 3) },
    ];
  },
  rtol: 1e-9,
  atol: 1e-12,
  hint: "Entry (i, k) gains u[i]·w[k] (u indexes rows, w columns); do not modify j.",
});
