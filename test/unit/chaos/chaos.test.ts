/**
 * The transition to chaos and low-rank structure, on fixed seeds:
 * circular law, Lyapunov sign change, outlier eigenvalue, chaos suppression,
 * sequences, autocorrelation, and bad input. Every tolerance is stated.
 */
import { Rng } from "../../../lib/core/random";
import { RnnlabError } from "../../../lib/core/errors";
import { eigenvalues } from "../../../lib/linalg";
import {
  activityAutocorrelation,
  addMatrices,
  correlationTime,
  dominantPattern,
  largestLyapunovExponent,
  lowRankMatrix,
  lyapunovSpectrum,
  predictedOutliers,
  randomCoupling,
  rightmostEigenvalue,
  sequenceNetwork,
  simulateRandomNetwork,
  structuredVectors,
  visitOrder,
} from "../../../lib/chaos";

describe("random coupling and the circular law", () => {
  test("entries have mean 0 and variance g²/N (within 5% for N = 400)", () => {
    const n = 400;
    const g = 1.3;
    const j = randomCoupling({ n, g, rng: new Rng(1) });
    let mean = 0;
    let sq = 0;
    for (const v of j) {
      mean += v / j.length;
      sq += (v * v) / j.length;
    }
    expect(Math.abs(mean)).toBeLessThan(0.01 * (g / Math.sqrt(n)));
    expect(Math.abs(sq / ((g * g) / n) - 1)).toBeLessThan(0.05);
  });

  test("N = 400: spectral radius within 5% of g, and ~r² of eigenvalues within radius r·g (r = 1/2: 0.25 ± 0.05)", () => {
    const n = 400;
    for (const g of [0.5, 1.3]) {
      const { re, im } = eigenvalues(randomCoupling({ n, g, rng: new Rng(2) }), n);
      const moduli = Array.from(re, (x, i) => Math.hypot(x, im[i]));
      expect(Math.abs(Math.max(...moduli) / g - 1)).toBeLessThan(0.05);
      expect(Math.abs(moduli.filter((m) => m <= 0.5 * g).length / n - 0.25)).toBeLessThan(0.05);
    }
  });

  test("sparse coupling keeps the radius g (within 7%, N = 400, density 0.1)", () => {
    const n = 400;
    const { re, im } = eigenvalues(randomCoupling({ n, g: 1, density: 0.1, rng: new Rng(3) }), n);
    expect(Math.abs(Math.max(...Array.from(re, (x, i) => Math.hypot(x, im[i]))) - 1)).toBeLessThan(0.07);
  });
});

describe("the transition to chaos: largest Lyapunov exponent", () => {
  // N = 300, Δt = 0.1, 3000 steps (300 τ) after a 1000-step transient, fixed seeds.
  const n = 300;
  const chi = randomCoupling({ n, g: 1, rng: new Rng(11) });
  const scaled = (g: number): Float64Array => chi.map((x) => g * x);
  const lyap = (g: number): number =>
    largestLyapunovExponent({ j: scaled(g), n, steps: 3000, dt: 0.1, transientSteps: 1000, rng: new Rng(6) }).exponent;

  test("g = 0.7: negative, equal to the quiescent prediction g − 1 = −0.3 within 0.05", () => {
    const l = lyap(0.7);
    expect(l).toBeLessThan(0);
    expect(Math.abs(l - -0.3)).toBeLessThan(0.05);
  });

  test("g = 2: positive, λ_max > 0.04 (chaos); the sign changes between", () => {
    expect(lyap(2)).toBeGreaterThan(0.04);
  });

  test("first three exponents by QR: the first is the largest and equals λ_max within 0.02 (later ones are close and need longer runs to order)", () => {
    const j = scaled(2);
    const spec = lyapunovSpectrum({ j, n, steps: 2000, dt: 0.1, transientSteps: 500, count: 3, rng: new Rng(6) });
    const l1 = largestLyapunovExponent({ j, n, steps: 2000, dt: 0.1, transientSteps: 500, rng: new Rng(6) }).exponent;
    expect(spec[0]).toBeGreaterThanOrEqual(spec[1]);
    expect(spec[0]).toBeGreaterThanOrEqual(spec[2]);
    expect(spec[2]).toBeGreaterThan(-1); // the contraction of a single leak is at most e^{-t}
    expect(Math.abs(spec[0] - l1)).toBeLessThan(0.02);
  });

  test("activity dies out below (⟨h²⟩ < 1e-6 at g = 0.7) and persists above (⟨h²⟩ > 0.3 at g = 2)", () => {
    const quiet = simulateRandomNetwork({ j: scaled(0.7), n, steps: 500, transientSteps: 1500, rng: new Rng(1) });
    const loud = simulateRandomNetwork({ j: scaled(2), n, steps: 500, transientSteps: 1500, rng: new Rng(1) });
    expect(Math.max(...quiet.meanSquare)).toBeLessThan(1e-6);
    expect(Math.min(...loud.meanSquare)).toBeGreaterThan(0.3);
  });

  test("autocorrelation: C(0) = 1 normalised, decays; with noise the correlation time grows toward g = 1", () => {
    const tau = (g: number): number => {
      const sim = simulateRandomNetwork({ j: scaled(g), n, steps: 3000, transientSteps: 200, noiseStd: 0.3, recordNeurons: Array.from({ length: 30 }, (_, i) => i), recordEvery: 2, rng: new Rng(4) });
      const c = activityAutocorrelation(sim.traces, 30, 150);
      expect(c[0]).toBe(1);
      return correlationTime(c);
    };
    // Linear theory for g < 1: the slowest mode decays at rate 1 − g, so τ_corr grows as g → 1.
    expect(tau(0.9)).toBeGreaterThan(1.5 * tau(0.3));
  });
});

describe("low-rank structure", () => {
  test("rank one: the outlier of gχ + m nᵀ/N is at nᵀm/N within 0.2 (N = 400, g = 0.8; finite-size shift is O(g·√(1+β²)/√N) ≈ 0.09)", () => {
    const n = 400;
    const bulk = randomCoupling({ n, g: 0.8, rng: new Rng(4) });
    for (const beta of [1.5, 2.5]) {
      const v = structuredVectors({ n, overlap: beta, rng: new Rng(3) });
      expect(v.overlap).toBeCloseTo(beta, 12);
      const out = rightmostEigenvalue(addMatrices(bulk, lowRankMatrix([v.m], [v.n], n)), n);
      expect(out.im).toBe(0);
      expect(Math.abs(out.re - v.overlap)).toBeLessThan(0.2);
    }
  });

  test("rank two (rotation): the outliers are the eigenvalues ≈ ±2i of the 2×2 overlap matrix (each within 0.2)", () => {
    const n = 400;
    const net = sequenceNetwork({ n, rank: 2, strength: 2, rng: new Rng(5) });
    const pred = predictedOutliers(net.mVectors, net.nVectors);
    expect(Math.abs(Math.abs(pred.im[0]) - 2)).toBeLessThan(0.3);
    const { re, im } = eigenvalues(addMatrices(randomCoupling({ n, g: 0.5, rng: new Rng(6) }), net.j), n);
    for (let q = 0; q < 2; q++) {
      let best = Infinity;
      for (let i = 0; i < n; i++) best = Math.min(best, Math.hypot(re[i] - pred.re[q], im[i] - pred.im[q]));
      expect(best).toBeLessThan(0.2);
    }
    // and nothing else lies outside the bulk radius 0.5 (+10%)
    let outside = 0;
    for (let i = 0; i < n; i++) if (Math.hypot(re[i], im[i]) > 0.55) outside++;
    expect(outside).toBe(2);
  });

  test("strong structure pulls the chaotic network (g = 2) onto a fixed point along m: λ_max < 0 and κ ≠ 0", () => {
    const n = 300;
    const chi = randomCoupling({ n, g: 2, rng: new Rng(11) });
    const v = structuredVectors({ n, overlap: 4, noise: 0, rng: new Rng(3) });
    const j = addMatrices(chi, lowRankMatrix([v.m], [v.n], n));
    expect(largestLyapunovExponent({ j, n, steps: 2000, transientSteps: 1000, rng: new Rng(6) }).exponent).toBeLessThan(-0.05);
    const sim = simulateRandomNetwork({ j, n, steps: 200, transientSteps: 1000, projections: [v.n], rng: new Rng(7) });
    expect(Math.abs(sim.overlaps[sim.overlaps.length - 1])).toBeGreaterThan(1);
    // Without structure the same bulk is chaotic.
    expect(largestLyapunovExponent({ j: chi, n, steps: 2000, transientSteps: 1000, rng: new Rng(6) }).exponent).toBeGreaterThan(0.04);
  });

  test("a rank-4 sequence network visits ξ¹ → ξ² → ξ³ → ξ⁴ → −ξ¹ → … in order", () => {
    const n = 300;
    const net = sequenceNetwork({ n, rank: 4, strength: 2, rng: new Rng(1) });
    const sim = simulateRandomNetwork({ j: net.j, n, steps: 600, h0: Float64Array.from(net.patterns[0]), projections: net.patterns, recordEvery: 5, rng: new Rng(2) });
    const order = visitOrder(dominantPattern(sim.overlaps, 4));
    expect(order.slice(0, 9)).toEqual([1, 2, 3, 4, -1, -2, -3, -4, 1]);
  });
});

describe("bad input names the argument", () => {
  test("randomCoupling", () => {
    expect(() => randomCoupling({ n: 10, g: -1 })).toThrow(/randomCoupling: g must be a number >= 0, got -1/);
    expect(() => randomCoupling({ n: 10, g: NaN })).toThrow(/g must be a finite number, got NaN/);
    expect(() => randomCoupling({ n: 10, g: Infinity })).toThrow(RnnlabError);
    expect(() => randomCoupling({ n: 0, g: 1 })).toThrow(/n must be an integer >= 1/);
    expect(() => randomCoupling({ n: 10, g: 1, density: 0.05 })).toThrow(/density must be at least 1\/n = 0.1/);
    expect(() => randomCoupling({ n: 10, g: 1, density: 1.5 })).toThrow(/density must be a number in \[0, 1\]/);
  });
  test("simulation and Lyapunov: non-square matrix, Δt ≤ 0, bad state", () => {
    const j = new Float64Array(12);
    expect(() => simulateRandomNetwork({ j, n: 3, steps: 5 })).toThrow(/simulateRandomNetwork: j must be a square n×n matrix: length n² = 9/);
    const ok = new Float64Array(9);
    expect(() => simulateRandomNetwork({ j: ok, n: 3, steps: 5, dt: 0 })).toThrow(/dt must be a finite number > 0, got 0/);
    expect(() => simulateRandomNetwork({ j: ok, n: 3, steps: 5, dt: -0.1 })).toThrow(/dt must be a finite number > 0/);
    expect(() => simulateRandomNetwork({ j: ok, n: 3, steps: 5, h0: new Float64Array(2) })).toThrow(/h0 must be a Float64Array of length n = 3/);
    expect(() => largestLyapunovExponent({ j: ok, n: 3, steps: 5, dt: 0 })).toThrow(/largestLyapunovExponent: dt must be a finite number > 0/);
    expect(() => largestLyapunovExponent({ j: ok, n: 4, steps: 5 })).toThrow(/j must be a square n×n matrix: length n² = 16/);
    expect(() => lyapunovSpectrum({ j: ok, n: 3, steps: 5, count: 4 })).toThrow(/count must be an integer in \[1, n = 3\], got 4/);
  });
  test("low rank: rank out of range, mismatched vectors", () => {
    const m = new Float64Array(3).fill(1);
    expect(() => lowRankMatrix([], [], 3)).toThrow(/mVectors.length \(the rank r\) must be an integer in \[1, n = 3\], got 0/);
    expect(() => lowRankMatrix([m, m, m, m], [m, m, m, m], 3)).toThrow(/rank r\) must be an integer in \[1, n = 3\], got 4/);
    expect(() => lowRankMatrix([m], [m, m], 3)).toThrow(/nVectors.length must be equal to mVectors.length = 1/);
    expect(() => lowRankMatrix([new Float64Array(2)], [m], 3)).toThrow(/mVectors\[0\] must be a vector of length n = 3/);
    expect(() => sequenceNetwork({ n: 3, rank: 5 })).toThrow(/sequenceNetwork: rank must be an integer in \[2, n = 3\], got 5/);
    expect(() => sequenceNetwork({ n: 3, rank: 1 })).toThrow(/rank must be an integer >= 2/);
    expect(() => activityAutocorrelation(new Float64Array(6), 2, 3)).toThrow(/maxLag must be an integer < T = 3/);
    expect(() => activityAutocorrelation(new Float64Array(6), 2, 1)).toThrow(/the activity is zero/);
  });
});
