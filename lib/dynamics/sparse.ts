/**
 * Sparse matrices in compressed sparse row (CSR) form, for reservoirs of low density.
 *
 * Row i holds the column indices `colIndex[rowStart[i] .. rowStart[i+1]-1]` and the values
 * `values[...]` at the same positions. A matrix–vector product costs O(nnz) instead of O(N²).
 */
import { badArgument, requireFinite, requireInt } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { requireAllocation } from "../core/options";

/** A sparse [rows, cols] matrix in CSR form. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  /** Length rows + 1. */
  rowStart: Int32Array;
  /** Length nnz. */
  colIndex: Int32Array;
  /** Length nnz. */
  values: Float64Array;
}

/** The dense row-major copy of a CSR matrix. */
export function csrToDense(A: CsrMatrix): Float64Array {
  requireCsr("csrToDense", "A", A);
  requireAllocation("csrToDense", "A", A.rows * A.cols);
  const out = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let k = A.rowStart[i]; k < A.rowStart[i + 1]; k++) out[i * A.cols + A.colIndex[k]] = A.values[k];
  }
  return out;
}

/** Checks that `A` is a consistent CsrMatrix (row starts nondecreasing, column indices in range). */
function requireCsr(where: string, name: string, A: unknown): void {
  if (A === null || typeof A !== "object") badArgument(where, name, "a CsrMatrix {rows, cols, rowStart, colIndex, values}", A);
  const m = A as CsrMatrix;
  requireInt(where, `${name}.rows`, m.rows);
  requireInt(where, `${name}.cols`, m.cols);
  if (!(m.rowStart instanceof Int32Array) || m.rowStart.length !== m.rows + 1) badArgument(where, `${name}.rowStart`, `an Int32Array of length rows + 1 = ${m.rows + 1}`, m.rowStart);
  const nnz = m.rowStart[m.rows];
  if (!(m.colIndex instanceof Int32Array) || m.colIndex.length !== nnz) badArgument(where, `${name}.colIndex`, `an Int32Array of length nnz = ${nnz}`, m.colIndex);
  if (!(m.values instanceof Float64Array) || m.values.length !== nnz) badArgument(where, `${name}.values`, `a Float64Array of length nnz = ${nnz}`, m.values);
  if (m.rowStart[0] !== 0) badArgument(where, `${name}.rowStart[0]`, "0", m.rowStart[0]);
  for (let i = 0; i < m.rows; i++) if (m.rowStart[i + 1] < m.rowStart[i]) badArgument(where, `${name}.rowStart`, "nondecreasing", m.rowStart[i + 1]);
  for (let k = 0; k < nnz; k++) if (m.colIndex[k] < 0 || m.colIndex[k] >= m.cols) badArgument(where, `${name}.colIndex[${k}]`, `in [0, ${m.cols - 1}]`, m.colIndex[k]);
}

/** Multiplies every stored value by `factor` in place. */
export function csrScale(A: CsrMatrix, factor: number): CsrMatrix {
  requireCsr("csrScale", "A", A);
  requireFinite("csrScale", "factor", factor);
  for (let k = 0; k < A.values.length; k++) A.values[k] *= factor;
  return A;
}

/**
 * A random sparse square [n, n] matrix: each entry is present with probability `density`
 * (independently), with a value uniform in [−1, 1). Needs n·density ≥ 1 (at least one
 * connection per neuron on average).
 */
export function randomSparseMatrix(n: number, density: number, rng?: Rng): CsrMatrix {
  const where = "randomSparseMatrix";
  requireInt(where, "n", n);
  requireFinite(where, "density", density, 0, 1);
  if (!(density > 0) || n * density < 1) {
    badArgument(where, "density", `> 0 with n·density ≥ 1 (n = ${n}, so density ≥ ${(1 / n).toPrecision(3)})`, density);
  }
  const r = rngOrDefault(rng);
  const rowStart = new Int32Array(n + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (r.random() < density) {
        idx.push(j);
        val.push(r.uniform(-1, 1));
      }
    }
    rowStart[i + 1] = idx.length;
  }
  return { rows: n, cols: n, rowStart, colIndex: Int32Array.from(idx), values: Float64Array.from(val) };
}
