/**
 * The reference kernel set: plain loops over Float64Arrays.
 *
 * Matrix products are written in the loop order that keeps the innermost loop
 * contiguous, with small register blocks (2 rows of C by 4 columns, or 2 rows of
 * C by 4 rows of the shared dimension) so each loaded number is used several
 * times. Skipping zero blocks in the weight-gradient product is exact (0·x = 0
 * for the finite values the layers pass) and saves the padded steps of short
 * sequences.
 */
import type { Kernels } from "./kernels";

/**
 * C[m,n] += A(i,p) · B[k,n] in axpy form on rows of C, with A(i,p) = A[aOff + i·rsA + p·csA]
 * (A stored [m,k]: rsA = k, csA = 1; A stored transposed [k,m]: rsA = 1, csA = m). The shared
 * dimension is walked in blocks of `block` rows of B (that stay in cache); inside, two rows of
 * C and four rows of B at a time (each B value loaded once serves two rows). With `skipZeros`,
 * a 2×4 block of A that is all zero is skipped (exact for the finite values the layers pass).
 */
function matmulAxpy(C: Float64Array, cOff: number, A: Float64Array, aOff: number, rsA: number, csA: number, B: Float64Array, bOff: number, m: number, k: number, n: number, block: number, skipZeros: boolean): void {
  for (let p0 = 0; p0 < k; p0 += block) {
    const p1 = Math.min(k, p0 + block);
    let i = 0;
    for (; i + 1 < m; i += 2) {
      const c0 = cOff + i * n;
      const c1 = c0 + n;
      const a0 = aOff + i * rsA; // A(i, 0)
      const a1 = a0 + rsA; // A(i + 1, 0)
      let p = p0;
      for (; p + 3 < p1; p += 4) {
        const q0 = p * csA;
        const q1 = q0 + csA;
        const q2 = q1 + csA;
        const q3 = q2 + csA;
        const x0 = A[a0 + q0], x1 = A[a0 + q1], x2 = A[a0 + q2], x3 = A[a0 + q3];
        const y0 = A[a1 + q0], y1 = A[a1 + q1], y2 = A[a1 + q2], y3 = A[a1 + q3];
        if (skipZeros && x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0 && y0 === 0 && y1 === 0 && y2 === 0 && y3 === 0) continue;
        const b0 = bOff + p * n;
        const b1 = b0 + n;
        const b2 = b1 + n;
        const b3 = b2 + n;
        for (let j = 0; j < n; j++) {
          const u0 = B[b0 + j], u1 = B[b1 + j], u2 = B[b2 + j], u3 = B[b3 + j];
          C[c0 + j] += x0 * u0 + x1 * u1 + x2 * u2 + x3 * u3;
          C[c1 + j] += y0 * u0 + y1 * u1 + y2 * u2 + y3 * u3;
        }
      }
      for (; p < p1; p++) {
        const x = A[a0 + p * csA];
        const y = A[a1 + p * csA];
        const b0 = bOff + p * n;
        for (let j = 0; j < n; j++) {
          const u = B[b0 + j];
          C[c0 + j] += x * u;
          C[c1 + j] += y * u;
        }
      }
    }
    for (; i < m; i++) {
      const c0 = cOff + i * n;
      const a0 = aOff + i * rsA;
      for (let p = p0; p < p1; p++) {
        const x = A[a0 + p * csA];
        const b0 = bOff + p * n;
        for (let j = 0; j < n; j++) C[c0 + j] += x * B[b0 + j];
      }
    }
  }
}

/** C[m,n] += A[m,k] · B[k,n] (both row-major, no transpose): the whole shared dimension as one block. */
function matmulNN(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number): void {
  matmulAxpy(C, cOff, A, aOff, k, 1, B, bOff, m, k, n, k, false);
}

/**
 * C[m,n] += A[m,k] · B[n,k]ᵀ: dot products of contiguous rows, a 2×4 block of C
 * at a time (8 running sums; each loaded value is used 2 or 4 times).
 */
function matmulNT(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = aOff + i * k;
    const a1 = a0 + k;
    const c0 = cOff + i * n;
    const c1 = c0 + n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      const b0 = bOff + j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = A[a0 + p];
        const x1 = A[a1 + p];
        const y0 = B[b0 + p], y1 = B[b1 + p], y2 = B[b2 + p], y3 = B[b3 + p];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      C[c0 + j] += s00; C[c0 + j + 1] += s01; C[c0 + j + 2] += s02; C[c0 + j + 3] += s03;
      C[c1 + j] += s10; C[c1 + j + 1] += s11; C[c1 + j + 2] += s12; C[c1 + j + 3] += s13;
    }
    for (; j < n; j++) {
      const b0 = bOff + j * k;
      let s0 = 0;
      let s1 = 0;
      for (let p = 0; p < k; p++) {
        s0 += A[a0 + p] * B[b0 + p];
        s1 += A[a1 + p] * B[b0 + p];
      }
      C[c0 + j] += s0;
      C[c1 + j] += s1;
    }
  }
  for (; i < m; i++) {
    const a0 = aOff + i * k;
    const c0 = cOff + i * n;
    for (let j = 0; j < n; j++) {
      const b0 = bOff + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[a0 + p] * B[b0 + p];
      C[c0 + j] += s;
    }
  }
}

/**
 * C[m,n] += A[k,m]ᵀ · B[k,n]: the weight-gradient form (Σ over time·batch rows). The shared
 * dimension k is long (T·B), so it is walked in blocks of 64 rows that stay in cache; zero
 * blocks of A (the padded steps of short sequences) are skipped.
 */
function matmulTN(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number): void {
  matmulAxpy(C, cOff, A, aOff, 1, m, B, bOff, m, k, n, 64, true);
}

/** C[m,n] += A[k,m]ᵀ · B[n,k]ᵀ (rare; plain triple loop). */
function matmulTT(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[aOff + p * m + i] * B[bOff + j * k + p];
      C[cOff + i * n + j] += s;
    }
  }
}

function sigmoid(x: number): number {
  // exp(-x) overflows to Infinity for x < -709, giving exactly 0: never NaN.
  return 1 / (1 + Math.exp(-x));
}

/** Plain typed-array kernels (the default). */
export const typedArrayKernels: Kernels = {
  name: "typed-array",

  matmulAccumulate(C, cOff, A, aOff, B, bOff, m, k, n, transA, transB) {
    if (m === 0 || n === 0 || k === 0) return;
    if (!transA && !transB) matmulNN(C, cOff, A, aOff, B, bOff, m, k, n);
    else if (!transA && transB) matmulNT(C, cOff, A, aOff, B, bOff, m, k, n);
    else if (transA && !transB) matmulTN(C, cOff, A, aOff, B, bOff, m, k, n);
    else matmulTT(C, cOff, A, aOff, B, bOff, m, k, n);
  },

  addRowVector(M, mOff, rows, cols, v, vOff) {
    for (let r = 0; r < rows; r++) {
      const o = mOff + r * cols;
      for (let j = 0; j < cols; j++) M[o + j] += v[vOff + j];
    }
  },

  sumRowsAccumulate(out, outOff, M, mOff, rows, cols) {
    for (let r = 0; r < rows; r++) {
      const o = mOff + r * cols;
      for (let j = 0; j < cols; j++) out[outOff + j] += M[o + j];
    }
  },

  rnnActivate(pre, off, n, relu) {
    if (relu) {
      for (let i = off; i < off + n; i++) if (!(pre[i] > 0)) pre[i] = 0;
    } else {
      for (let i = off; i < off + n; i++) pre[i] = Math.tanh(pre[i]);
    }
  },

  rnnActivateBackward(h, hOff, dh, dhOff, dPre, dPreOff, n, relu) {
    if (relu) {
      for (let i = 0; i < n; i++) dPre[dPreOff + i] = h[hOff + i] > 0 ? dh[dhOff + i] : 0;
    } else {
      for (let i = 0; i < n; i++) {
        const y = h[hOff + i];
        dPre[dPreOff + i] = dh[dhOff + i] * (1 - y * y);
      }
    }
  },

  // The gate kernels: unit j of sample b is u = b·H + j in the [B, H] arrays; its gates sit in the
  // [B, G·H] arrays at g = b·G·H + j and every H after (rows [i | f | g | o] or [r | z | n]).

  lstmPointwise(gates, gOff, cPrev, cPrevOff, c, cOff, h, hOff, B, H) {
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const u = b * H + j;
        const g = gOff + 4 * b * H + j;
        const ig = sigmoid(gates[g]);
        const fg = sigmoid(gates[g + H]);
        const gg = Math.tanh(gates[g + 2 * H]);
        const og = sigmoid(gates[g + 3 * H]);
        gates[g] = ig;
        gates[g + H] = fg;
        gates[g + 2 * H] = gg;
        gates[g + 3 * H] = og;
        const ct = fg * cPrev[cPrevOff + u] + ig * gg; // c_t = f ⊙ c_{t-1} + i ⊙ g
        c[cOff + u] = ct;
        h[hOff + u] = og * Math.tanh(ct); // h_t = o ⊙ tanh(c_t)
      }
    }
  },

  lstmPointwiseBackward(gates, gOff, cPrev, cPrevOff, c, cOff, dh, dhOff, dc, dcOff, dGates, dgOff, dcPrev, dcPrevOff, B, H) {
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const u = b * H + j;
        const g = gOff + 4 * b * H + j;
        const d = dgOff + 4 * b * H + j;
        const ig = gates[g];
        const fg = gates[g + H];
        const gg = gates[g + 2 * H];
        const og = gates[g + 3 * H];
        const tc = Math.tanh(c[cOff + u]);
        const dht = dh[dhOff + u];
        // ∂L/∂c_t: from c_{t+1} (dc) and through h_t = o ⊙ tanh(c_t)
        const dct = dc[dcOff + u] + dht * og * (1 - tc * tc);
        dGates[d] = dct * gg * ig * (1 - ig); // input gate, through σ'
        dGates[d + H] = dct * cPrev[cPrevOff + u] * fg * (1 - fg); // forget gate
        dGates[d + 2 * H] = dct * ig * (1 - gg * gg); // cell candidate, through tanh'
        dGates[d + 3 * H] = dht * tc * og * (1 - og); // output gate
        dcPrev[dcPrevOff + u] = dct * fg; // ∂L/∂c_{t-1} through this step
      }
    }
  },

  gruPointwise(gi, giOff, gh, ghOff, hn, hnOff, hPrev, hPrevOff, h, hOff, B, H) {
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const u = b * H + j;
        const g = giOff + 3 * b * H + j;
        const k = ghOff + 3 * b * H + j;
        const r = sigmoid(gi[g] + gh[k]);
        const z = sigmoid(gi[g + H] + gh[k + H]);
        const hnj = gh[k + 2 * H];
        const n = Math.tanh(gi[g + 2 * H] + r * hnj);
        gi[g] = r;
        gi[g + H] = z;
        gi[g + 2 * H] = n;
        hn[hnOff + u] = hnj;
        h[hOff + u] = (1 - z) * n + z * hPrev[hPrevOff + u]; // h_t = (1-z) ⊙ n + z ⊙ h_{t-1}
      }
    }
  },

  gruPointwiseBackward(gates, gOff, hn, hnOff, hPrev, hPrevOff, dh, dhOff, dGi, dGiOff, dGh, dGhOff, dhPrev, dhPrevOff, B, H) {
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const u = b * H + j;
        const g = gOff + 3 * b * H + j;
        const r = gates[g];
        const z = gates[g + H];
        const n = gates[g + 2 * H];
        const d = dh[dhOff + u];
        const dPreN = d * (1 - z) * (1 - n * n); // through n = tanh(·)
        const dPreZ = d * (hPrev[hPrevOff + u] - n) * z * (1 - z);
        const dPreR = dPreN * hn[hnOff + u] * r * (1 - r);
        const di = dGiOff + 3 * b * H + j;
        const dk = dGhOff + 3 * b * H + j;
        dGi[di] = dPreR;
        dGi[di + H] = dPreZ;
        dGi[di + 2 * H] = dPreN;
        dGh[dk] = dPreR;
        dGh[dk + H] = dPreZ;
        dGh[dk + 2 * H] = dPreN * r;
        dhPrev[dhPrevOff + u] = d * z;
      }
    }
  },
};
