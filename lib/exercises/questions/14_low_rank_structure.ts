/** Questions of notebook 14_low_rank_structure. */
import { Rng } from "../../core/random";
import { defineQuestion } from "../registry";
import { expectFunction } from "../expect";

defineQuestion({
  id: "14.predictedOutlier",
  title: "The outlier of a rank-one perturbation: nᵀm/N",
  symbols: ["predictedOutlier"],
  points: 1,
  depth: "formula",
  test: (answer) => {
    const rng = new Rng(1414);
    const m = rng.normalArray(50);
    const v = rng.normalArray(50);
    let dot = 0;
    for (let i = 0; i < 50; i++) dot += m[i] * v[i];
    return expectFunction(
      answer,
      [
        { args: [[1, 2, 3], [1, 1, 1]], expected: 2 },
        { args: [[2, 0], [0, 5]], expected: 0 },
        { args: [m, v], expected: dot / 50 },
      ],
      { name: "predictedOutlier", hint: "Σ_i n[i]·m[i], divided by N = m.length (the function is called as predictedOutlier(m, n))." },
    );
  },
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

defineQuestion({
  id: "14.sequenceCoupling",
  title: "A coupling that steps through a sequence of patterns",
  symbols: ["sequenceCoupling"],
  points: 2,
  depth: "step",
  test: (answer) => {
    const rng = new Rng(14);
    const cases = [
      { n: 4, r: 2, s: 1.5 },
      { n: 6, r: 3, s: 2 },
    ].map(({ n, r, s }) => {
      const patterns = Array.from({ length: r }, () => rng.normalArray(n));
      return { args: [patterns, s], expected: sequenceCouplingReference(patterns, s), label: `sequenceCoupling(${r} patterns of length ${n}, ${s})` };
    });
    return expectFunction(answer, cases, {
      name: "sequenceCoupling",
      rtol: 1e-9,
      atol: 1e-12,
      hint: "J[i*N + c] = (s/N)·Σ_μ sign_μ·ξ^{μ+1}[i]·ξ^μ[c], with μ+1 taken modulo r and sign −1 only for the last pattern (μ = r−1, whose successor is −ξ¹).",
    });
  },
});

defineQuestion({
  id: "14.structuredOverlap",
  title: "The overlap κ = nᵀφ(h)/N",
  symbols: ["structuredOverlap"],
  points: 1,
  depth: "formula",
  test: (answer) => {
    const rng = new Rng(141);
    const v = rng.normalArray(20);
    const h = rng.normalArray(20, 0, 2);
    let k = 0;
    for (let i = 0; i < 20; i++) k += v[i] * Math.tanh(h[i]);
    return expectFunction(
      answer,
      [
        { args: [[1, -1], [0, 0]], expected: 0 },
        { args: [v, h], expected: k / 20 },
      ],
      { name: "structuredOverlap", hint: "Σ_i n[i]·tanh(h[i]) / N — the rate φ(h) = tanh(h), not h itself." },
    );
  },
});
