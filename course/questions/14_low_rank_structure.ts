/** Questions of notebook 14_low_rank_structure. */
import { Rng } from "rnnlab";
import { defineFunctionQuestion } from "rnnlab/exercises";

defineFunctionQuestion({
  id: "14.predictedOutlier",
  title: "The outlier of a rank-one perturbation: nᵀm/N",
  name: "predictedOutlier",
  points: 1,
  depth: "formula",
  cases: () => {
    const rng = new Rng(1414);
    const m = rng.normalArray(50);
    const v = rng.normalArray(50);
    return [
      { args: [[1, 2, 3], [1, 1, 1]], expected: predictedOutlierReference([1, 2, 3], [1, 1, 1]) },
      { args: [[2, 0], [0, 5]], expected: predictedOutlierReference([2, 0], [0, 5]) },
      { args: [m, v], expected: predictedOutlierReference(m, v) },
    ];
  },
  hint: "Σ_i n[i]·m[i], divided by N = m.length (the function is called as predictedOutlier(m, n)).",
});

/** The anti-periodic sequence coupling (s/N)[Σ_{μ<r} ξ^{μ+1} ξ^{μᵀ} − ξ¹ ξ^{rᵀ}], row-major. */
export function sequenceCouplingReference(patterns: Float64Array[], s: number): Float64Array {
  const r = patterns.length;
  const n = patterns[0].length;
  const j = new Float64Array(n * n);
  for (let mu = 0; mu < r; mu++) {
    const next = patterns[(mu + 1) % r];
    const sign = mu === r - 1 ? -1 : 1;
    for (let i = 0; i < n; i++) for (let c = 0; c < n; c++) j[i * n + c] += (sign * s * next[i] * patterns[mu][c]) / n;
  }
  return j;
}

defineFunctionQuestion({
  id: "14.sequenceCoupling",
  title: "A coupling that steps through a sequence of patterns",
  name: "sequenceCoupling",
  points: 2,
  depth: "step",
  cases: () => {
    const rng = new Rng(14);
    return [
      { n: 4, r: 2, s: 1.5 },
      { n: 6, r: 3, s: 2 },
    ].map(({ n, r, s }) => {
      const patterns = Array.from({ length: r }, () => rng.normalArray(n));
      return { args: [patterns, s], expected: sequenceCouplingReference(patterns, s), label: `sequenceCoupling(${r} patterns of length ${n}, ${s})` };
    });
  },
  rtol: 1e-9,
  atol: 1e-12,
  hint: "J[i*N + c] = (s/N)·Σ_μ sign_μ·ξ^{μ+1}[i]·ξ^μ[c], with μ+1 taken modulo r and sign −1 only for the last pattern (μ = r−1, whose successor is −ξ¹).",
});

/**
 * Reference for 14.structuredOverlap: forward Euler on τ dh/dt = −h + J tanh(h) (τ = 1, J row-major
 * N×N), from h0, recording the overlap κ = nᵀ tanh(h)/N after each of the `steps` steps.
 */
export function overlapTrajectoryReference(j: Float64Array, n: number, h0: Float64Array, nVec: Float64Array, dt: number, steps: number): number[] {
  const h = Float64Array.from(h0);
  const r = new Float64Array(n);
  const kappa: number[] = [];
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < n; i++) r[i] = Math.tanh(h[i]);
    for (let i = 0; i < n; i++) {
      let drive = 0;
      for (let c = 0; c < n; c++) drive += j[i * n + c] * r[c];
      h[i] += dt * (-h[i] + drive);
    }
    let k = 0;
    for (let i = 0; i < n; i++) k += nVec[i] * Math.tanh(h[i]);
    kappa.push(k / n);
  }
  return kappa;
}

/** Reference for 14.predictedOutlier: nᵀm/N. */
export function predictedOutlierReference(m: ArrayLike<number>, n: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < m.length; i++) s += n[i] * m[i];
  return s / m.length;
}

defineFunctionQuestion({
  id: "14.structuredOverlap",
  title: "Simulate the network and record the overlap κ(t) = nᵀφ(h)/N",
  name: "overlapTrajectory",
  points: 2,
  depth: "loop",
  cases: () => {
    const rng = new Rng(141);
    return [
      { n: 3, g: 1.5, beta: 2, dt: 0.1, steps: 5 },
      { n: 20, g: 2, beta: 4, dt: 0.1, steps: 60 },
      { n: 8, g: 0.5, beta: 0, dt: 0.5, steps: 1 },
    ].map(({ n, g, beta, dt, steps }) => {
      const m = rng.normalArray(n);
      const nVec = Float64Array.from(m, (v) => beta * v + rng.normal());
      const j = Float64Array.from({ length: n * n }, (_, k) => rng.normal(0, g / Math.sqrt(n)) + (m[Math.floor(k / n)] * nVec[k % n]) / n);
      const h0 = rng.normalArray(n);
      return {
        args: [j, n, h0, nVec, dt, steps],
        expected: overlapTrajectoryReference(j, n, h0, nVec, dt, steps),
        label: `overlapTrajectory(N = ${n}, g = ${g}, overlap ${beta}, dt = ${dt}, ${steps} step${steps > 1 ? "s" : ""})`,
      };
    });
  },
  rtol: 1e-9,
  atol: 1e-12,
  pure: true,
  hint:
    "Copy h0 (do not modify it). Each step: r = tanh(h) for every neuron first, then h_i += dt·(−h_i + Σ_c J[i*N + c]·r_c); " +
    "after the step push κ = Σ_i n_i·tanh(h_i)/N. Return the `steps` values of κ (none for the start).",
});
