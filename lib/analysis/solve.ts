import { requireNumberArray } from "../core/argChecks";
import { requireAllocation, requireSize } from "../core/options";

/**
 * Solves A x = b for a small dense square matrix by Gaussian elimination with partial
 * pivoting (used for Newton refinement of fixed points). A is [n, n] row-major, b has n
 * entries, both finite. Returns null if A is singular to working precision (or the solution
 * overflows).
 */
export function solveLinear(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const where = "solveLinear";
  requireSize(where, "n", n);
  requireAllocation(where, "n", n * n);
  requireNumberArray(where, "a", a, { length: n * n });
  requireNumberArray(where, "b", b, { length: n });
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  let scale = 0;
  for (let i = 0; i < m.length; i++) scale = Math.max(scale, Math.abs(m[i]));
  for (let col = 0; col < n; col++) {
    // pivot: the largest entry in this column at or below the diagonal
    let p = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]) > Math.abs(m[p * n + col])) p = r;
    if (Math.abs(m[p * n + col]) <= 1e-14 * Math.max(scale, 1e-300)) return null;
    if (p !== col) {
      for (let c = 0; c < n; c++) {
        const t = m[col * n + c];
        m[col * n + c] = m[p * n + c];
        m[p * n + c] = t;
      }
      const t = x[col];
      x[col] = x[p];
      x[p] = t;
    }
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col] / m[col * n + col];
      if (f === 0) continue;
      for (let c = col; c < n; c++) m[r * n + c] -= f * m[col * n + c];
      x[r] -= f * x[col];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r];
    for (let c = r + 1; c < n; c++) s -= m[r * n + c] * x[c];
    x[r] = s / m[r * n + r];
  }
  // a solution that overflows (A nearly singular, or huge entries) cannot be had in floating point either
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i])) return null;
  return x;
}
