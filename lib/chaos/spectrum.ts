/**
 * Spectra of random and low-rank-perturbed coupling matrices.
 *
 * Circular law (Girko; Sommers et al. 1988): the eigenvalues of an N×N matrix
 * with independent entries of mean 0 and variance g²/N fill the disc
 * |λ| ≤ g uniformly as N → ∞. A low-rank perturbation Σ m_μ n_μᵀ/N adds
 * "outliers": eigenvalues outside the disc at the eigenvalues of the r×r
 * overlap matrix M_μν = n_μᵀ m_ν / N (for rank one, at nᵀm/N) — whenever
 * they lie outside the bulk (|λ| > g).
 */
import { badArgument, requirePositive } from "../core/errors";
import { eigenvalues } from "../linalg/eigenvalues";
import { requireCoupling } from "./checks";
import { MAX_DIMENSION, requireIntInRange } from "../core/options";

/** Points of the circle of radius `radius` around the origin (closed: first = last). */
export function circlePoints(radius: number, points = 200): { x: number[]; y: number[] } {
  requirePositive("circlePoints", "radius", radius);
  requireIntInRange("circlePoints", "points", points, 3, MAX_DIMENSION);
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k <= points; k++) {
    x.push(radius * Math.cos((2 * Math.PI * k) / points));
    y.push(radius * Math.sin((2 * Math.PI * k) / points));
  }
  return { x, y };
}

/**
 * The predicted outliers of J = (bulk) + Σ_μ m_μ n_μᵀ/N: the eigenvalues of the
 * r×r overlap matrix M_μν = n_μᵀ m_ν / N. For rank one this is nᵀm/N.
 *
 * @returns `{ re, im }` of length r
 */
export function predictedOutliers(mVectors: ArrayLike<number>[], nVectors: ArrayLike<number>[]): { re: Float64Array; im: Float64Array } {
  const where = "predictedOutliers";
  if (!Array.isArray(mVectors) || mVectors.length === 0) badArgument(where, "mVectors", "a non-empty array of vectors", mVectors);
  if (!Array.isArray(nVectors) || nVectors.length !== mVectors.length) {
    badArgument(where, "nVectors", `an array of ${mVectors.length} vectors (one n_μ per m_μ)`, nVectors);
  }
  const r = mVectors.length;
  const n = mVectors[0].length;
  if (r > n) badArgument(where, "mVectors.length (the rank r)", `an integer in [1, N = ${n}]`, r);
  const overlap = new Float64Array(r * r);
  for (let mu = 0; mu < r; mu++) {
    for (let nu = 0; nu < r; nu++) {
      const a = nVectors[mu];
      const b = mVectors[nu];
      if (a.length !== n || b.length !== n) badArgument(where, "vectors", `all of length N = ${n}`, a.length !== n ? a : b);
      let s = 0;
      for (let i = 0; i < n; i++) s += a[i] * b[i];
      overlap[mu * r + nu] = s / n;
    }
  }
  return eigenvalues(overlap, r);
}

/**
 * The eigenvalue of J with the largest real part (the outlier, when it lies to
 * the right of the bulk): `{ re, im }`.
 */
export function rightmostEigenvalue(j: Float64Array, n: number): { re: number; im: number } {
  requireCoupling("rightmostEigenvalue", j, n);
  const ev = eigenvalues(j, n);
  let best = 0;
  for (let i = 1; i < n; i++) if (ev.re[i] > ev.re[best]) best = i;
  return { re: ev.re[best], im: Math.abs(ev.im[best]) };
}
