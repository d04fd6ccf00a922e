/**
 * Reduction of a square matrix to upper Hessenberg form by Householder
 * similarity transforms (as LAPACK's dgehd2), for eigenvalues only.
 *
 * Step k picks a reflector P_k = I − τ v vᵀ (v₀ = 1) that zeroes column k
 * below the subdiagonal, and replaces A by P_k A P_k. After n−2 steps
 * H = Q ᵀA Q is zero below the first subdiagonal and has A's eigenvalues.
 * Q is not kept.
 *
 * Row-major and cache-friendly: per step, one pass computes wᵀ = vᵀ A (rows
 * k+1..n−1, read contiguously), then one pass over the rows applies the left
 * update A_i ← A_i − τ v_i wᵀ and, while row i is still in cache, the right
 * update A_i ← A_i − τ (A_i·v) vᵀ.
 */

/**
 * Reduces the row-major n×n matrix `a` to upper Hessenberg form in place.
 * Entries below the subdiagonal are set to zero.
 *
 * @param a row-major n×n matrix, overwritten by H
 * @param n order
 */
export function hessenbergReduce(a: Float64Array, n: number): void {
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    const k1 = k + 1;
    // Column k below the diagonal, x = a[k+1..n-1][k]; scale to avoid overflow.
    let scale = 0;
    for (let i = k1; i < n; i++) {
      const t = Math.abs(a[i * n + k]);
      if (t > scale) scale = t;
    }
    if (scale === 0) continue;
    let sigma = 0; // sum of squares below x_0
    for (let i = k1 + 1; i < n; i++) {
      const t = a[i * n + k] / scale;
      sigma += t * t;
    }
    if (sigma === 0) continue; // already zero below the subdiagonal
    const alpha = a[k1 * n + k];
    const as = alpha / scale;
    const norm = scale * Math.sqrt(as * as + sigma);
    const beta = alpha >= 0 ? -norm : norm; // P x = beta e_0
    const tau = (beta - alpha) / beta;
    const inv = 1 / (alpha - beta);
    v[k1] = 1;
    for (let i = k1 + 1; i < n; i++) {
      v[i] = a[i * n + k] * inv;
      a[i * n + k] = 0;
    }
    a[k1 * n + k] = beta;
    // w_j = sum_i v_i a[i][j] for j = k1..n-1 (left update needs vᵀA).
    for (let j = k1; j < n; j++) w[j] = 0;
    for (let i = k1; i < n; i++) {
      const vi = v[i];
      const row = i * n;
      for (let j = k1; j < n; j++) w[j] += vi * a[row + j];
    }
    for (let j = k1; j < n; j++) w[j] *= tau;
    // Rows 0..k: right update only (columns k1..n-1).
    for (let i = 0; i < k1; i++) {
      const row = i * n;
      let d = 0;
      for (let j = k1; j < n; j++) d += a[row + j] * v[j];
      d *= tau;
      for (let j = k1; j < n; j++) a[row + j] -= d * v[j];
    }
    // Rows k1..n-1: left update (columns k1..n-1; column k is done), then right update.
    for (let i = k1; i < n; i++) {
      const row = i * n;
      const vi = v[i];
      let d = 0;
      for (let j = k1; j < n; j++) {
        const x = a[row + j] - vi * w[j];
        a[row + j] = x;
        d += x * v[j];
      }
      d *= tau;
      for (let j = k1; j < n; j++) a[row + j] -= d * v[j];
    }
  }
}
