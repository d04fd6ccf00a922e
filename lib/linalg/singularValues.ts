/**
 * Singular values of a dense real matrix (via ml-matrix's SVD; no vectors kept).
 */
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { requireMatrix } from "./checks";

/**
 * The singular values σ₁ ≥ σ₂ ≥ … ≥ σ_min(rows, cols) ≥ 0 of the row-major
 * rows×cols matrix `a`: the square roots of the eigenvalues of AᵀA.
 *
 * @param a row-major matrix, length rows·cols; not modified
 * @param rows number of rows
 * @param cols number of columns
 * @returns Float64Array of length min(rows, cols), in descending order
 */
export function singularValues(a: Float64Array, rows: number, cols: number): Float64Array {
  requireMatrix("singularValues", a, rows, cols);
  // ml-matrix's SVD wants rows >= cols for its fast path; transpose when wide.
  const wide = cols > rows;
  const m = wide ? cols : rows;
  const k = wide ? rows : cols;
  const data: number[][] = [];
  for (let i = 0; i < m; i++) {
    const row = new Array<number>(k);
    for (let j = 0; j < k; j++) row[j] = wide ? a[j * cols + i] : a[i * cols + j];
    data.push(row);
  }
  const svd = new SingularValueDecomposition(new Matrix(data), {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: false,
  });
  const s = Float64Array.from(svd.diagonal.slice(0, k));
  s.sort();
  s.reverse();
  for (let i = 0; i < s.length; i++) if (s[i] < 0) s[i] = 0;
  return s;
}
