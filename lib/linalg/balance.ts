/**
 * Balancing a matrix before computing its eigenvalues (as LAPACK's dgebal).
 *
 * Two similarity transforms that leave the eigenvalues unchanged:
 * 1. **Permutation**: rows/columns whose off-diagonal part is zero isolate an
 *    eigenvalue (the diagonal entry); they are moved to the ends so the matrix
 *    becomes block upper triangular  [T1 X Y; 0 B Z; 0 0 T2]  with T1, T2 upper
 *    triangular. Only the middle block B = A[lo..hi, lo..hi] needs QR iterations.
 * 2. **Scaling** by a diagonal D of powers of two: B ← D⁻¹ B D, chosen so that
 *    each row and the matching column have similar 2-norms. Rounding errors of
 *    the QR algorithm are of order ε‖B‖, so making ‖B‖ smaller makes the computed
 *    eigenvalues more accurate. Powers of two make the scaling itself exact.
 */

/** The result of balancing: the isolated eigenvalues and the block still to solve. */
export interface BalancedMatrix {
  /** Eigenvalues isolated by permutation (real diagonal entries). */
  isolated: number[];
  /** The remaining block B, row-major, size m×m (scaled). */
  block: Float64Array;
  /** The block's order m (0 when every eigenvalue was isolated). */
  m: number;
}

/**
 * Balances a copy of the row-major n×n matrix `a` (dgebal, job "B").
 *
 * @param a row-major n×n matrix (not modified)
 * @param n order of the matrix
 * @returns the eigenvalues isolated by permutation and the scaled middle block
 */
export function balanceForEigenvalues(a: Float64Array, n: number): BalancedMatrix {
  const w = Float64Array.from(a);
  // Symmetric permutation P w P^T that swaps index i and j (rows and columns).
  const swap = (i: number, j: number): void => {
    if (i === j) return;
    for (let c = 0; c < n; c++) {
      const t = w[i * n + c];
      w[i * n + c] = w[j * n + c];
      w[j * n + c] = t;
    }
    for (let r = 0; r < n; r++) {
      const t = w[r * n + i];
      w[r * n + i] = w[r * n + j];
      w[r * n + j] = t;
    }
  };
  let lo = 0;
  let hi = n - 1;
  // Is row j (or column j) zero off the diagonal within lo..hi?
  const zeroOffDiagonal = (j: number, line: "row" | "column"): boolean => {
    for (let k = lo; k <= hi; k++) {
      if (k !== j && w[line === "row" ? j * n + k : k * n + j] !== 0) return false;
    }
    return true;
  };
  // Such rows go to the bottom (searching from the bottom), one at a time ...
  while (hi > lo) {
    let j = hi;
    while (j >= lo && !zeroOffDiagonal(j, "row")) j--;
    if (j < lo) break;
    swap(j, hi--);
  }
  // ... then such columns to the left (searching from the left).
  while (hi > lo) {
    let j = lo;
    while (j <= hi && !zeroOffDiagonal(j, "column")) j++;
    if (j > hi) break;
    swap(j, lo++);
  }
  const isolated: number[] = [];
  for (let i = 0; i < lo; i++) isolated.push(w[i * n + i]);
  for (let i = hi + 1; i < n; i++) isolated.push(w[i * n + i]);
  const m = hi - lo + 1;
  if (m === 1) {
    isolated.push(w[lo * n + lo]);
    return { isolated, block: new Float64Array(0), m: 0 };
  }
  const b = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) b[i * m + j] = w[(lo + i) * n + lo + j];
  }
  scaleBlock(b, m);
  return { isolated, block: b, m };
}

/**
 * Scales the m×m block in place, B ← D⁻¹ B D with D a diagonal of powers of two,
 * until no row/column pair can be brought closer in norm by a factor 0.95
 * (LAPACK 3.5+ dgebal criterion, 2-norms).
 */
function scaleBlock(b: Float64Array, m: number): void {
  const sfmin1 = 2.2250738585072014e-308 / 1.1102230246251565e-16; // safe minimum / ulp
  const sfmax1 = 1 / sfmin1;
  const sfmin2 = sfmin1 * 2;
  const sfmax2 = 1 / sfmin2;
  const scale = new Float64Array(m).fill(1);
  let noconv = true;
  let sweeps = 0;
  while (noconv && sweeps++ < 100) {
    noconv = false;
    for (let i = 0; i < m; i++) {
      let c = 0;
      let r = 0;
      let ca = 0;
      let ra = 0;
      for (let k = 0; k < m; k++) {
        const col = b[k * m + i];
        const row = b[i * m + k];
        c += col * col;
        r += row * row;
        if (Math.abs(col) > ca) ca = Math.abs(col);
        if (Math.abs(row) > ra) ra = Math.abs(row);
      }
      c = Math.sqrt(c);
      r = Math.sqrt(r);
      if (c === 0 || r === 0) continue;
      let g = r / 2;
      let f = 1;
      const s = c + r;
      while (c < g && Math.max(f, c, ca) < sfmax2 && Math.min(r, g, ra) > sfmin2) {
        f *= 2;
        c *= 2;
        ca *= 2;
        r /= 2;
        g /= 2;
        ra /= 2;
      }
      g = c / 2;
      while (g >= r && Math.max(r, ra) < sfmax2 && Math.min(f, c, g, ca) > sfmin2) {
        f /= 2;
        c /= 2;
        g /= 2;
        ca /= 2;
        r *= 2;
        ra *= 2;
      }
      if (c + r >= 0.95 * s) continue;
      if (f < 1 && scale[i] < 1 && f * scale[i] <= sfmin1) continue;
      if (f > 1 && scale[i] > 1 && scale[i] >= sfmax1 / f) continue;
      scale[i] *= f;
      noconv = true;
      const inv = 1 / f;
      for (let k = 0; k < m; k++) b[i * m + k] *= inv; // row i divided by f
      for (let k = 0; k < m; k++) b[k * m + i] *= f; // column i multiplied by f
    }
  }
}
