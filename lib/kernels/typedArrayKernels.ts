/**
 * The reference kernel set: plain loops over Float64Arrays.
 *
 * Matrix products are written in the loop order that keeps the innermost loop
 * contiguous, with small register blocks (4 columns or 4 rows of the shared
 * dimension at a time) so each loaded number is used several times.
 */
import type { Kernels } from "./kernels";

/** C[m,n] += A[m,k] · B[k,n]  (both row-major, no transpose): axpy form. */
function matmulNN(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ci = cOff + i * n;
    const ai = aOff + i * k;
    let p = 0;
    // four rows of B at a time: C[i,:] += a0 B[p,:] + a1 B[p+1,:] + a2 B[p+2,:] + a3 B[p+3,:]
    for (; p + 3 < k; p += 4) {
      const a0 = A[ai + p];
      const a1 = A[ai + p + 1];
      const a2 = A[ai + p + 2];
      const a3 = A[ai + p + 3];
      const b0 = bOff + p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
      }
    }
    for (; p < k; p++) {
      const a = A[ai + p];
      if (a === 0) continue;
      const b0 = bOff + p * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[b0 + j];
    }
  }
}

/** C[m,n] += A[m,k] · B[n,k]ᵀ: dot products of contiguous rows, 4 columns of C at a time. */
function matmulNT(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ai = aOff + i * k;
    const ci = cOff + i * n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      const b0 = bOff + j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p++) {
        const a = A[ai + p];
        s0 += a * B[b0 + p];
        s1 += a * B[b1 + p];
        s2 += a * B[b2 + p];
        s3 += a * B[b3 + p];
      }
      C[ci + j] += s0;
      C[ci + j + 1] += s1;
      C[ci + j + 2] += s2;
      C[ci + j + 3] += s3;
    }
    for (; j < n; j++) {
      const b0 = bOff + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[ai + p] * B[b0 + p];
      C[ci + j] += s;
    }
  }
}

/**
 * C[m,n] += A[k,m]ᵀ · B[k,n]: the weight-gradient form (Σ over time·batch rows).
 * The shared dimension k is long (T·B), so it is walked in blocks that stay in cache.
 */
function matmulTN(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number): void {
  const block = 64;
  for (let p0 = 0; p0 < k; p0 += block) {
    const p1 = Math.min(k, p0 + block);
    for (let i = 0; i < m; i++) {
      const ci = cOff + i * n;
      let p = p0;
      for (; p + 3 < p1; p += 4) {
        const a0 = A[aOff + p * m + i];
        const a1 = A[aOff + (p + 1) * m + i];
        const a2 = A[aOff + (p + 2) * m + i];
        const a3 = A[aOff + (p + 3) * m + i];
        if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
        const b0 = bOff + p * n;
        const b1 = b0 + n;
        const b2 = b1 + n;
        const b3 = b2 + n;
        for (let j = 0; j < n; j++) {
          C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
        }
      }
      for (; p < p1; p++) {
        const a = A[aOff + p * m + i];
        if (a === 0) continue;
        const b0 = bOff + p * n;
        for (let j = 0; j < n; j++) C[ci + j] += a * B[b0 + j];
      }
    }
  }
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

  lstmPointwise(gates, gOff, cPrev, cPrevOff, c, cOff, h, hOff, B, H) {
    const G = 4 * H;
    for (let b = 0; b < B; b++) {
      const g0 = gOff + b * G;
      const s0 = b * H;
      for (let j = 0; j < H; j++) {
        const ig = sigmoid(gates[g0 + j]);
        const fg = sigmoid(gates[g0 + H + j]);
        const gg = Math.tanh(gates[g0 + 2 * H + j]);
        const og = sigmoid(gates[g0 + 3 * H + j]);
        gates[g0 + j] = ig;
        gates[g0 + H + j] = fg;
        gates[g0 + 2 * H + j] = gg;
        gates[g0 + 3 * H + j] = og;
        const ct = fg * cPrev[cPrevOff + s0 + j] + ig * gg; // c_t = f ⊙ c_{t-1} + i ⊙ g
        c[cOff + s0 + j] = ct;
        h[hOff + s0 + j] = og * Math.tanh(ct); // h_t = o ⊙ tanh(c_t)
      }
    }
  },

  lstmPointwiseBackward(gates, gOff, cPrev, cPrevOff, c, cOff, dh, dhOff, dc, dcOff, dGates, dgOff, dcPrev, dcPrevOff, B, H) {
    const G = 4 * H;
    for (let b = 0; b < B; b++) {
      const g0 = gOff + b * G;
      const d0 = dgOff + b * G;
      const s0 = b * H;
      for (let j = 0; j < H; j++) {
        const ig = gates[g0 + j];
        const fg = gates[g0 + H + j];
        const gg = gates[g0 + 2 * H + j];
        const og = gates[g0 + 3 * H + j];
        const tc = Math.tanh(c[cOff + s0 + j]);
        const dht = dh[dhOff + s0 + j];
        // ∂L/∂c_t: from c_{t+1} (dc) and through h_t = o ⊙ tanh(c_t)
        const dct = dc[dcOff + s0 + j] + dht * og * (1 - tc * tc);
        const cp = cPrev[cPrevOff + s0 + j];
        dGates[d0 + j] = dct * gg * ig * (1 - ig); // input gate, through σ'
        dGates[d0 + H + j] = dct * cp * fg * (1 - fg); // forget gate
        dGates[d0 + 2 * H + j] = dct * ig * (1 - gg * gg); // cell candidate, through tanh'
        dGates[d0 + 3 * H + j] = dht * tc * og * (1 - og); // output gate
        dcPrev[dcPrevOff + s0 + j] = dct * fg; // ∂L/∂c_{t-1} through this step
      }
    }
  },

  gruPointwise(gi, giOff, gh, ghOff, hn, hnOff, hPrev, hPrevOff, h, hOff, B, H) {
    const G = 3 * H;
    for (let b = 0; b < B; b++) {
      const a0 = giOff + b * G;
      const h0 = ghOff + b * G;
      const s0 = b * H;
      for (let j = 0; j < H; j++) {
        const r = sigmoid(gi[a0 + j] + gh[h0 + j]);
        const z = sigmoid(gi[a0 + H + j] + gh[h0 + H + j]);
        const hnj = gh[h0 + 2 * H + j];
        const n = Math.tanh(gi[a0 + 2 * H + j] + r * hnj);
        gi[a0 + j] = r;
        gi[a0 + H + j] = z;
        gi[a0 + 2 * H + j] = n;
        hn[hnOff + s0 + j] = hnj;
        h[hOff + s0 + j] = (1 - z) * n + z * hPrev[hPrevOff + s0 + j]; // h_t = (1-z) ⊙ n + z ⊙ h_{t-1}
      }
    }
  },

  gruPointwiseBackward(gates, gOff, hn, hnOff, hPrev, hPrevOff, dh, dhOff, dGi, dGiOff, dGh, dGhOff, dhPrev, dhPrevOff, B, H) {
    const G = 3 * H;
    for (let b = 0; b < B; b++) {
      const g0 = gOff + b * G;
      const di0 = dGiOff + b * G;
      const dh0 = dGhOff + b * G;
      const s0 = b * H;
      for (let j = 0; j < H; j++) {
        const r = gates[g0 + j];
        const z = gates[g0 + H + j];
        const n = gates[g0 + 2 * H + j];
        const d = dh[dhOff + s0 + j];
        const hp = hPrev[hPrevOff + s0 + j];
        const dPreN = d * (1 - z) * (1 - n * n); // through n = tanh(·)
        const dPreZ = d * (hp - n) * z * (1 - z);
        const dPreR = dPreN * hn[hnOff + s0 + j] * r * (1 - r);
        dGi[di0 + j] = dPreR;
        dGi[di0 + H + j] = dPreZ;
        dGi[di0 + 2 * H + j] = dPreN;
        dGh[dh0 + j] = dPreR;
        dGh[dh0 + H + j] = dPreZ;
        dGh[dh0 + 2 * H + j] = dPreN * r;
        dhPrev[dhPrevOff + s0 + j] = d * z;
      }
    }
  },
};
