/**
 * The eigenvalue solver against ml-matrix's EigenvalueDecomposition and against
 * known spectra: random, symmetric, defective (Jordan blocks, nilpotent),
 * structured (rank one, zero, diagonal, triangular, 1×1, 2×2) and bad input.
 *
 * Tolerance: eigenvalues are compared as sorted multisets (greedy nearest
 * matching); errors are measured relative to the Frobenius norm ‖A‖_F.
 * Well-conditioned spectra must agree to 1e-12·‖A‖ (we ask 100× tighter than
 * the 1e-10 in the spec). A Jordan block of size k is perturbed by up to
 * (ε‖A‖)^{1/k} by any backward-stable method, so defective cases compare
 * with the exact eigenvalues within 50·(ε‖A‖)^{1/k}, and must be within 10×
 * of the larger of ml-matrix's error and (ε‖A‖)^{1/k}.
 */
import { EigenvalueDecomposition, Matrix, inverse } from "ml-matrix";
import { Rng } from "../../../lib/core/random";
import { RnnlabError } from "../../../lib/core/errors";
import { eigenvalues, spectralRadius } from "../../../lib/linalg";

const EPS = 2.220446049250313e-16;

function randomMatrix(n: number, rng: Rng): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) a[i] = rng.normal();
  return a;
}

function mlEigenvalues(a: Float64Array, n: number): [number, number][] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(a.subarray(i * n, i * n + n)));
  const e = new EigenvalueDecomposition(new Matrix(rows));
  return e.realEigenvalues.map((r, i) => [r, e.imaginaryEigenvalues[i]]);
}

function ours(a: Float64Array, n: number): [number, number][] {
  const { re, im } = eigenvalues(a, n);
  return Array.from(re, (r, i) => [r, im[i]] as [number, number]);
}

/** Largest distance in a greedy nearest matching of two multisets of complex numbers. */
function matchDistance(a: [number, number][], b: [number, number][]): number {
  expect(a.length).toBe(b.length);
  const used = new Array<boolean>(b.length).fill(false);
  let worst = 0;
  const order = [...a].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  for (const [r, i] of order) {
    let best = Infinity;
    let bj = -1;
    for (let j = 0; j < b.length; j++) {
      if (used[j]) continue;
      const d = Math.hypot(r - b[j][0], i - b[j][1]);
      if (d < best) {
        best = d;
        bj = j;
      }
    }
    used[bj] = true;
    worst = Math.max(worst, best);
  }
  return worst;
}

function frobenius(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  return Math.sqrt(s);
}

/** Random similarity S J S⁻¹ with S = I + 0.3·G (well conditioned), computed with ml-matrix. */
function similar(j: Float64Array, n: number, rng: Rng): Float64Array {
  const s = Matrix.eye(n).add(Matrix.from1DArray(n, n, Array.from(randomMatrix(n, rng))).mul(0.3 / Math.sqrt(n)));
  const jm = Matrix.from1DArray(n, n, Array.from(j));
  const prod = s.mmul(jm).mmul(inverse(s));
  return Float64Array.from(prod.to1DArray());
}

describe("eigenvalues vs ml-matrix", () => {
  const rng = new Rng(2024);
  test.each([1, 2, 3, 4, 7, 10, 31, 64, 150])("random Gaussian n = %i agrees within 1e-12·‖A‖", (n) => {
    const a = randomMatrix(n, rng);
    const d = matchDistance(ours(a, n), mlEigenvalues(a, n));
    expect(d / frobenius(a)).toBeLessThan(1e-12);
  });

  test("random n = 300 with entries of very different scales (balancing matters) agrees within 1e-10·‖A‖", () => {
    const n = 300;
    const a = randomMatrix(n, rng);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] *= Math.pow(2, (i - j) / 30);
    const d = matchDistance(ours(a, n), mlEigenvalues(a, n));
    expect(d / frobenius(a)).toBeLessThan(1e-10);
  });

  test("symmetric matrices: real eigenvalues, equal to ml-matrix within 1e-12·‖A‖", () => {
    for (const n of [5, 40, 120]) {
      const g = randomMatrix(n, rng);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = g[i * n + j] + g[j * n + i];
      const { im } = eigenvalues(a, n);
      for (const v of im) expect(v).toBe(0);
      const d = matchDistance(ours(a, n), mlEigenvalues(a, n));
      expect(d / frobenius(a)).toBeLessThan(1e-12);
    }
  });

  test("rank-one perturbation of a random bulk (outlier eigenvalue) agrees", () => {
    const n = 200;
    const a = randomMatrix(n, rng);
    const m = rng.normalArray(n);
    for (let i = 0; i < n * n; i++) a[i] /= Math.sqrt(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += (3 * m[i] * m[j]) / n;
    const d = matchDistance(ours(a, n), mlEigenvalues(a, n));
    expect(d / frobenius(a)).toBeLessThan(1e-12);
  });
});

describe("eigenvalues of structured matrices (exact answers known)", () => {
  const rng = new Rng(7);
  test("zero matrix, 1×1, diagonal", () => {
    expect(Array.from(eigenvalues(new Float64Array(16), 4).re)).toEqual([0, 0, 0, 0]);
    expect(eigenvalues(new Float64Array([-3.5]), 1).re[0]).toBe(-3.5);
    const d = new Float64Array(9);
    d[0] = 2;
    d[4] = -1;
    d[8] = 7;
    expect(Array.from(eigenvalues(d, 3).re).sort((x, y) => x - y)).toEqual([-1, 2, 7]);
  });

  test("2×2 rotation: the complex pair ±i, conjugates adjacent", () => {
    const { re, im } = eigenvalues(new Float64Array([0, -1, 1, 0]), 2);
    expect(Math.abs(re[0]) + Math.abs(re[1])).toBeLessThan(1e-15);
    expect(im[0]).toBeCloseTo(-im[1], 15);
    expect(Math.abs(im[0])).toBeCloseTo(1, 15);
  });

  test("2×2 with complex pair a ± ib: [[a, -b], [b, a]] scaled", () => {
    const { re, im } = eigenvalues(new Float64Array([0.3, -2e3, 5e-4, 0.3]), 2);
    // eigenvalues 0.3 ± i·sqrt(2e3·5e-4) = 0.3 ± i
    expect(re[0]).toBeCloseTo(0.3, 13);
    expect(Math.abs(im[0])).toBeCloseTo(1, 13);
  });

  test("upper and lower triangular: the diagonal, exactly for upper (isolated by balancing)", () => {
    const n = 30;
    const u = randomMatrix(n, rng);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) u[i * n + j] = 0;
    const diag = Array.from({ length: n }, (_, i) => u[i * n + i]).sort((x, y) => x - y);
    expect(Array.from(eigenvalues(u, n).re).sort((x, y) => x - y)).toEqual(diag);
    const lo = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lo[i * n + j] = u[j * n + i];
    const got = Array.from(eigenvalues(lo, n).re).sort((x, y) => x - y);
    got.forEach((v, i) => expect(Math.abs(v - diag[i])).toBeLessThan(1e-13 * frobenius(u)));
  });

  test("companion matrix of (x-1)(x-2)...(x-6): roots 1..6", () => {
    const roots = [1, 2, 3, 4, 5, 6];
    let poly = [1];
    for (const r of roots) poly = [...poly, 0].map((c, i) => c - (i > 0 ? r * poly[i - 1] : 0));
    const n = 6;
    const c = new Float64Array(n * n);
    for (let j = 0; j < n; j++) c[j] = -poly[j + 1];
    for (let i = 1; i < n; i++) c[i * n + i - 1] = 1;
    const got = Array.from(eigenvalues(c, n).re).sort((x, y) => x - y);
    got.forEach((v, i) => expect(Math.abs(v - roots[i])).toBeLessThan(1e-8));
  });

  test("permutation (cyclic shift) matrix: the n-th roots of unity (a classic stall case)", () => {
    const n = 8;
    const p = new Float64Array(n * n);
    for (let i = 0; i < n; i++) p[i * n + ((i + 1) % n)] = 1;
    const expected: [number, number][] = Array.from({ length: n }, (_, k) => [Math.cos((2 * Math.PI * k) / n), Math.sin((2 * Math.PI * k) / n)]);
    expect(matchDistance(ours(p, n), expected)).toBeLessThan(1e-13);
  });

  test.each([2, 3, 4])("defective: Jordan block of size %i under a random similarity", (k) => {
    const n = 12;
    // Blocks: J_k(1.5), then distinct simple eigenvalues -2, -1, 0.25, ...
    const j = new Float64Array(n * n);
    const expected: [number, number][] = [];
    for (let i = 0; i < k; i++) {
      j[i * n + i] = 1.5;
      if (i + 1 < k) j[i * n + i + 1] = 1;
      expected.push([1.5, 0]);
    }
    for (let i = k; i < n; i++) {
      j[i * n + i] = -2 + 0.5 * (i - k);
      expected.push([j[i * n + i], 0]);
    }
    const a = similar(j, n, rng);
    const norm = frobenius(a);
    const errOurs = matchDistance(ours(a, n), expected);
    const errMl = matchDistance(mlEigenvalues(a, n), expected);
    expect(errOurs).toBeLessThan(50 * Math.pow(EPS * norm, 1 / k));
    // ml-matrix may land closer by luck of rounding; compare with its error or the intrinsic sensitivity.
    expect(errOurs).toBeLessThan(10 * Math.max(errMl, Math.pow(EPS * norm, 1 / k)));
  });

  test("nilpotent: strictly upper triangular under a similarity has eigenvalues ≈ 0 within (ε‖A‖)^{1/n}", () => {
    const n = 5;
    const j = new Float64Array(n * n);
    for (let i = 0; i + 1 < n; i++) j[i * n + i + 1] = 1;
    const a = similar(j, n, rng);
    const { re, im } = eigenvalues(a, n);
    const bound = 50 * Math.pow(EPS * frobenius(a), 1 / n);
    for (let i = 0; i < n; i++) expect(Math.hypot(re[i], im[i])).toBeLessThan(bound);
    // The exact nilpotent Jordan block itself is triangular: exactly zero.
    expect(Array.from(eigenvalues(j, n).re)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("spectralRadius", () => {
  test("of a rotation scaled by 0.9 is 0.9; of diag(-3, 2) is 3", () => {
    const c = 0.9 * Math.cos(0.4);
    const s = 0.9 * Math.sin(0.4);
    expect(spectralRadius(new Float64Array([c, -s, s, c]), 2)).toBeCloseTo(0.9, 14);
    expect(spectralRadius(new Float64Array([-3, 0, 0, 2]), 2)).toBe(3);
  });
});

describe("bad input", () => {
  test("length not n², n not a positive integer, non-finite entries: errors naming the argument", () => {
    expect(() => eigenvalues(new Float64Array(6), 2)).toThrow(RnnlabError);
    expect(() => eigenvalues(new Float64Array(6), 2)).toThrow(/eigenvalues: a must be of length n\*n = 4/);
    expect(() => eigenvalues(new Float64Array(6), 3)).toThrow(/not a square matrix/);
    expect(() => eigenvalues(new Float64Array(4), 0)).toThrow(/eigenvalues: n must be an integer >= 1, got 0/);
    expect(() => eigenvalues(new Float64Array(4), 1.5)).toThrow(/n must be an integer/);
    expect(() => eigenvalues(new Float64Array([1, NaN, 0, 1]), 2)).toThrow(/a must be finite everywhere, got NaN at index 1/);
    expect(() => spectralRadius(new Float64Array(5), 2)).toThrow(/a must be of length/);
  });
});
