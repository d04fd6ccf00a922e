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
  hessenbergReduceFrom(a, n, 0);
}

/** Unblocked reduction of columns kStart..n−3 (columns before kStart already reduced). */
function hessenbergReduceFrom(a: Float64Array, n: number, kStart: number): void {
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  for (let k = kStart; k < n - 2; k++) {
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
    // w_j = τ·Σ_i v_i a[i][j] for j = k1..n-1 (left update needs vᵀA); four rows per pass.
    for (let j = k1; j < n; j++) w[j] = 0;
    let i = k1;
    for (; i + 3 < n; i += 4) {
      const v0 = v[i], v1 = v[i + 1], v2 = v[i + 2], v3 = v[i + 3];
      const o0 = i * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
      for (let j = k1; j < n; j++) w[j] += v0 * a[o0 + j] + v1 * a[o1 + j] + v2 * a[o2 + j] + v3 * a[o3 + j];
    }
    for (; i < n; i++) {
      const vi = v[i];
      const o = i * n;
      for (let j = k1; j < n; j++) w[j] += vi * a[o + j];
    }
    for (let j = k1; j < n; j++) w[j] *= tau;
    // Rows 0..k: right update only, A_i ← A_i − τ (A_i·v) vᵀ, two rows at a time.
    i = 0;
    for (; i + 3 < k1; i += 4) rightUpdate4(a, n, i * n, k1, v, tau, null, 0, 0, 0, 0);
    for (; i + 1 < k1; i += 2) rightUpdate2(a, n, i * n, (i + 1) * n, k1, v, tau, null, 0, 0);
    for (; i < k1; i++) rightUpdate1(a, n, i * n, k1, v, tau, null, 0);
    // Rows k1..n-1: left update A_i ← A_i − v_i wᵀ, then the right update, while the row is in cache.
    for (; i + 3 < n; i += 4) rightUpdate4(a, n, i * n, k1, v, tau, w, v[i], v[i + 1], v[i + 2], v[i + 3]);
    for (; i + 1 < n; i += 2) rightUpdate2(a, n, i * n, (i + 1) * n, k1, v, tau, w, v[i], v[i + 1]);
    for (; i < n; i++) rightUpdate1(a, n, i * n, k1, v, tau, w, v[i]);
  }
}

/**
 * Two rows o0, o1 (offsets), columns k1..n-1: optionally the left update
 * x ← x − v_i w first, then x ← x − τ (x·v) v.
 */
function rightUpdate2(
  a: Float64Array, n: number, o0: number, o1: number, k1: number, v: Float64Array, tau: number,
  w: Float64Array | null, vi0: number, vi1: number,
): void {
  let d0 = 0, d1 = 0, e0 = 0, e1 = 0;
  let j = k1;
  if (w !== null) {
    for (; j + 1 < n; j += 2) {
      const x0 = a[o0 + j] - vi0 * w[j];
      const x1 = a[o1 + j] - vi1 * w[j];
      const y0 = a[o0 + j + 1] - vi0 * w[j + 1];
      const y1 = a[o1 + j + 1] - vi1 * w[j + 1];
      a[o0 + j] = x0;
      a[o1 + j] = x1;
      a[o0 + j + 1] = y0;
      a[o1 + j + 1] = y1;
      d0 += x0 * v[j];
      d1 += x1 * v[j];
      e0 += y0 * v[j + 1];
      e1 += y1 * v[j + 1];
    }
    for (; j < n; j++) {
      const x0 = a[o0 + j] - vi0 * w[j];
      const x1 = a[o1 + j] - vi1 * w[j];
      a[o0 + j] = x0;
      a[o1 + j] = x1;
      d0 += x0 * v[j];
      d1 += x1 * v[j];
    }
  } else {
    for (; j + 1 < n; j += 2) {
      d0 += a[o0 + j] * v[j];
      d1 += a[o1 + j] * v[j];
      e0 += a[o0 + j + 1] * v[j + 1];
      e1 += a[o1 + j + 1] * v[j + 1];
    }
    for (; j < n; j++) {
      d0 += a[o0 + j] * v[j];
      d1 += a[o1 + j] * v[j];
    }
  }
  d0 = (d0 + e0) * tau;
  d1 = (d1 + e1) * tau;
  for (j = k1; j < n; j++) {
    const vj = v[j];
    a[o0 + j] -= d0 * vj;
    a[o1 + j] -= d1 * vj;
  }
}

/** One row at offset o: as rightUpdate2. */
function rightUpdate1(a: Float64Array, n: number, o: number, k1: number, v: Float64Array, tau: number, w: Float64Array | null, vi: number): void {
  let d = 0;
  for (let j = k1; j < n; j++) {
    const x = w !== null ? a[o + j] - vi * w[j] : a[o + j];
    a[o + j] = x;
    d += x * v[j];
  }
  d *= tau;
  for (let j = k1; j < n; j++) a[o + j] -= d * v[j];
}

/** Four consecutive rows starting at offset o: as rightUpdate2 (w and v loaded once per four rows). */
function rightUpdate4(
  a: Float64Array, n: number, o: number, k1: number, v: Float64Array, tau: number,
  w: Float64Array | null, vi0: number, vi1: number, vi2: number, vi3: number,
): void {
  const o0 = o, o1 = o + n, o2 = o1 + n, o3 = o2 + n;
  let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
  if (w !== null) {
    for (let j = k1; j < n; j++) {
      const wj = w[j];
      const vj = v[j];
      const x0 = a[o0 + j] - vi0 * wj;
      const x1 = a[o1 + j] - vi1 * wj;
      const x2 = a[o2 + j] - vi2 * wj;
      const x3 = a[o3 + j] - vi3 * wj;
      a[o0 + j] = x0;
      a[o1 + j] = x1;
      a[o2 + j] = x2;
      a[o3 + j] = x3;
      d0 += x0 * vj;
      d1 += x1 * vj;
      d2 += x2 * vj;
      d3 += x3 * vj;
    }
  } else {
    for (let j = k1; j < n; j++) {
      const vj = v[j];
      d0 += a[o0 + j] * vj;
      d1 += a[o1 + j] * vj;
      d2 += a[o2 + j] * vj;
      d3 += a[o3 + j] * vj;
    }
  }
  d0 *= tau;
  d1 *= tau;
  d2 *= tau;
  d3 *= tau;
  for (let j = k1; j < n; j++) {
    const vj = v[j];
    a[o0 + j] -= d0 * vj;
    a[o1 + j] -= d1 * vj;
    a[o2 + j] -= d2 * vj;
    a[o3 + j] -= d3 * vj;
  }
}
