/**
 * The CSR matrix–vector product without argument checks, for inner loops whose matrix was
 * checked once (the echo-state network's reservoir). Internal.
 */
import type { CsrMatrix } from "./sparse";

/** out = A x for a CSR matrix A [rows, cols]; returns out. */
export function csrMultiply(A: CsrMatrix, x: ArrayLike<number>, out: Float64Array): Float64Array {
  const { rowStart, colIndex, values } = A;
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    for (let k = rowStart[i]; k < rowStart[i + 1]; k++) s += values[k] * x[colIndex[k]];
    out[i] = s;
  }
  return out;
}
