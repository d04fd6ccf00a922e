/**
 * Eigenvalues of a dense real square matrix, without eigenvectors.
 *
 * Pipeline (as LAPACK's dgeev with jobvl = jobvr = "N"):
 * 1. balance (permute to isolate eigenvalues, scale by powers of two);
 * 2. reduce the remaining block to upper Hessenberg form with Householder
 *    reflectors, H = Qᵀ B Q;
 * 3. Francis implicit double-shift QR iteration with deflation on H.
 * Cost ≈ 10/3·n³ flops for step 2 plus roughly 4–6·n³ for step 3.
 */
import { RnnlabError } from "../core/errors";
import { balanceForEigenvalues } from "./balance";
import { requireSquareMatrix } from "./checks";
import { hessenbergReduce } from "./hessenberg";
import { hessenbergEigenvalues } from "./hqr";

/** Eigenvalues λ_k = re[k] + i·im[k]; complex ones come in adjacent conjugate pairs. */
export interface Eigenvalues {
  /** Real parts, length n. */
  re: Float64Array;
  /** Imaginary parts, length n (0 for real eigenvalues). */
  im: Float64Array;
}

/**
 * All n eigenvalues of the real n×n matrix `a` (row-major, a[i*n + j] = A_ij).
 *
 * Accurate to a few units of roundoff times ‖A‖ for well-conditioned
 * eigenvalues (backward stable: the eigenvalues of A + E with ‖E‖ ≈ ε‖A‖);
 * eigenvalues of a Jordan block of size k move by up to (ε‖A‖)^{1/k}, as with
 * any method in floating point.
 *
 * @param a row-major n×n matrix, length n²; not modified
 * @param n order of the matrix
 * @returns `{ re, im }`, each a Float64Array of length n, in no particular order
 * @throws RnnlabError if `a` is not a finite array of length n² or the iteration fails
 *
 * @example
 * const { re, im } = eigenvalues(new Float64Array([0, -1, 1, 0]), 2); // ±i
 */
export function eigenvalues(a: Float64Array, n: number): Eigenvalues {
  requireSquareMatrix("eigenvalues", a, n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const { isolated, block, m } = balanceForEigenvalues(a, n);
  for (let i = 0; i < isolated.length; i++) re[i] = isolated[i];
  if (m > 0) {
    hessenbergReduce(block, m);
    hessenbergEigenvalues(block, m, re, im, isolated.length);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(re[i]) || !Number.isFinite(im[i])) {
      throw new RnnlabError(`eigenvalues: the computation overflowed (eigenvalue ${i} is not finite); scale the matrix down`);
    }
  }
  return { re, im };
}

/**
 * The spectral radius ρ(A) = max_k |λ_k|: the largest eigenvalue modulus.
 *
 * @param a row-major n×n matrix, length n²
 * @param n order of the matrix
 */
export function spectralRadius(a: Float64Array, n: number): number {
  const { re, im } = eigenvalues(a, n);
  let rho = 0;
  for (let i = 0; i < n; i++) rho = Math.max(rho, Math.hypot(re[i], im[i]));
  return rho;
}
