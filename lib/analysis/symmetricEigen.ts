/**
 * Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi method:
 * repeated plane rotations that zero the off-diagonal entries, A = V Λ Vᵀ.
 * Accurate for the covariance matrices of PCA (N up to a few hundred).
 */
import { RnnlabError } from "../core/errors";
import { requireSquareMatrix } from "../linalg/checks";

/** Eigenvalues (descending) and unit eigenvectors (vectors[k] belongs to values[k]). */
export interface SymmetricEigen {
  values: Float64Array;
  vectors: Float64Array[];
}

/** The eigenvalues and eigenvectors of the symmetric n×n row-major matrix `a` (not modified). */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  const maxSweeps = 100; // Jacobi sweeps (each halves the off-diagonal mass at least; ~10 suffice)
  requireSquareMatrix("symmetricEigen", a, n);
  const m = Float64Array.from(a);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.abs(m[i * n + j] - m[j * n + i]);
      if (d > 1e-9 * (Math.abs(m[i * n + j]) + Math.abs(m[j * n + i]) + 1e-300)) {
        throw new RnnlabError(`symmetricEigen: a must be symmetric, got a[${i}][${j}] = ${m[i * n + j]} but a[${j}][${i}] = ${m[j * n + i]}`);
      }
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let norm = 0;
  for (let i = 0; i < n * n; i++) norm += m[i] * m[i];
  let converged = false;
  for (let sweep = 0; sweep < maxSweeps && !converged; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += m[i * n + j] ** 2;
    if (off <= 1e-30 * Math.max(norm, 1e-300)) {
      converged = true;
      break;
    }
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        // rotation angle that zeroes a[p][q]
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = m[k * n + p];
          const akq = m[k * n + q];
          m[k * n + p] = c * akp - s * akq;
          m[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p * n + k];
          const aqk = m[q * n + k];
          m[p * n + k] = c * apk - s * aqk;
          m[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  if (!converged) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += m[i * n + j] ** 2;
    if (off > 1e-20 * Math.max(norm, 1e-300)) throw new RnnlabError(`symmetricEigen: no convergence after ${maxSweeps} sweeps`);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => m[y * n + y] - m[x * n + x]);
  return {
    values: Float64Array.from(order, (k) => m[k * n + k]),
    vectors: order.map((k) => Float64Array.from({ length: n }, (_, i) => v[i * n + k])),
  };
}
