/**
 * Eigenvalues of an upper Hessenberg matrix by the Francis implicit
 * double-shift QR iteration with deflation (EISPACK hqr / LAPACK dlahqr).
 *
 * Each sweep takes two shifts σ₁, σ₂ — the eigenvalues of the trailing 2×2
 * block, a complex-conjugate pair or two reals — and performs implicitly the
 * two QR steps H − σ₁I = QR, H ← RQ + σ₁I and likewise for σ₂, in real
 * arithmetic: the first column of (H − σ₁I)(H − σ₂I) defines a 3×3 Householder
 * reflector that creates a "bulge" below the subdiagonal, and a chain of 3×3
 * reflectors chases it down and out of the matrix, restoring Hessenberg form.
 * The last subdiagonal entries converge to zero quadratically; when one is
 * negligible (Ahues–Tisseur test, as dlahqr) the problem splits ("deflation")
 * and a 1×1 block (a real eigenvalue) or a 2×2 block (two reals or a complex
 * pair) is read off. Only the active window rows/columns l..nn are updated:
 * for eigenvalues alone the coupling to already-deflated blocks is not needed.
 */
import { RnnlabError } from "../core/errors";

const ULP = 2.220446049250313e-16;
const SAFE_MIN = 2.2250738585072014e-308;

/** Reflectors per block of deferred column updates, and their scratch storage. */
const BLOCK = 48;
const RK = new Int32Array(BLOCK);
const RX = new Float64Array(BLOCK);
const RY = new Float64Array(BLOCK);
const RZ = new Float64Array(BLOCK);
const RQ = new Float64Array(BLOCK);
const RR = new Float64Array(BLOCK);

/**
 * The eigenvalues of the row-major upper Hessenberg n×n matrix `h` (destroyed).
 *
 * @param h row-major n×n upper Hessenberg matrix; overwritten
 * @param n order
 * @param re output, length ≥ offset + n: real parts
 * @param im output, length ≥ offset + n: imaginary parts (conjugate pairs adjacent, +im first)
 * @param offset where to start writing in re/im
 * @returns the number of double-shift sweeps performed
 */
export function hessenbergEigenvalues(h: Float64Array, n: number, re: Float64Array, im: Float64Array, offset = 0): number {
  const smlnum = SAFE_MIN * (n / ULP);
  let nn = n - 1;
  let sweeps = 0;
  let its = 0;
  while (nn >= 0) {
    // Look for a single small subdiagonal element: l is the top of the active block.
    let l = nn;
    for (; l >= 1; l--) {
      const sub = Math.abs(h[l * n + l - 1]);
      if (sub <= smlnum) break;
      let tst = Math.abs(h[(l - 1) * n + l - 1]) + Math.abs(h[l * n + l]);
      if (tst === 0) {
        if (l - 2 >= 0) tst += Math.abs(h[(l - 1) * n + l - 2]);
        if (l + 1 <= nn) tst += Math.abs(h[(l + 1) * n + l]);
      }
      if (sub <= ULP * tst) {
        const up = Math.abs(h[(l - 1) * n + l]);
        const ab = Math.max(sub, up);
        const ba = Math.min(sub, up);
        const hll = h[l * n + l];
        const diff = Math.abs(h[(l - 1) * n + l - 1] - hll);
        const aa = Math.max(Math.abs(hll), diff);
        const bb = Math.min(Math.abs(hll), diff);
        const s = aa + ab;
        if (ba * (ab / s) <= Math.max(smlnum, ULP * (bb * (aa / s)))) break;
      }
    }
    if (l >= 1) h[l * n + l - 1] = 0;
    let x = h[nn * n + nn];
    if (l === nn) {
      // One real eigenvalue has converged.
      re[offset + nn] = x;
      im[offset + nn] = 0;
      nn -= 1;
      its = 0;
      continue;
    }
    let y = h[(nn - 1) * n + nn - 1];
    let w = h[nn * n + nn - 1] * h[(nn - 1) * n + nn];
    if (l === nn - 1) {
      // A 2×2 block has converged: two real eigenvalues or a complex pair.
      twoByTwo(h[(nn - 1) * n + nn - 1], h[(nn - 1) * n + nn], h[nn * n + nn - 1], h[nn * n + nn], re, im, offset + nn - 1);
      nn -= 2;
      its = 0;
      continue;
    }
    if (its >= 100) {
      throw new RnnlabError(`eigenvalues: the QR iteration did not converge after ${its} sweeps on an active block of size ${nn - l + 1}`);
    }
    if (its > 0 && its % 10 === 0) {
      // Exceptional shifts (dlahqr) to break a cycle: alternately from the top and the bottom.
      if ((its / 10) % 2 === 1) {
        const s = Math.abs(h[(l + 1) * n + l]) + Math.abs(h[(l + 2) * n + l + 1]);
        x = y = 0.75 * s + h[l * n + l];
        w = -0.4375 * s * s;
      } else {
        const s = Math.abs(h[nn * n + nn - 1]) + Math.abs(h[(nn - 1) * n + nn - 2]);
        x = y = 0.75 * s + h[nn * n + nn];
        w = -0.4375 * s * s;
      }
    }
    its++;
    sweeps++;
    francisSweep(h, n, l, nn, x, y, w);
  }
  return sweeps;
}

/** Eigenvalues of [[a, b], [c, d]] into re/im at index at, at+1. */
function twoByTwo(a: number, b: number, c: number, d: number, re: Float64Array, im: Float64Array, at: number): void {
  const p = 0.5 * (a - d);
  const bc = b * c;
  const scale = Math.max(Math.abs(p), Math.sqrt(Math.abs(bc)));
  if (scale === 0) {
    re[at] = re[at + 1] = d;
    im[at] = im[at + 1] = 0;
    return;
  }
  const ps = p / scale;
  const q = ps * ps + bc / scale / scale; // discriminant / scale²
  const z = scale * Math.sqrt(Math.abs(q));
  if (q >= 0) {
    // Two real eigenvalues d + p ± z; compute the smaller one by the product to avoid cancellation.
    const zz = p + (p >= 0 ? z : -z);
    re[at] = d + zz;
    re[at + 1] = zz !== 0 ? d - bc / zz : d + zz;
    im[at] = im[at + 1] = 0;
  } else {
    re[at] = re[at + 1] = d + p;
    im[at] = z;
    im[at + 1] = -z;
  }
}

/**
 * One implicit double-shift QR sweep on the active block l..nn of h, with the
 * shifts given by their sum x + y and product x·y − w.
 */
function francisSweep(h: Float64Array, n: number, l: number, nn: number, x: number, y: number, w: number): void {
  // Find two consecutive small subdiagonal elements, starting the bulge at m.
  let m = nn - 2;
  let p = 0;
  let q = 0;
  let r = 0;
  for (; m >= l; m--) {
    const z = h[m * n + m];
    const rr = x - z;
    const ss = y - z;
    p = (rr * ss - w) / h[(m + 1) * n + m] + h[m * n + m + 1];
    q = h[(m + 1) * n + m + 1] - z - rr - ss;
    r = h[(m + 2) * n + m + 1];
    const s = Math.abs(p) + Math.abs(q) + Math.abs(r);
    p /= s;
    q /= s;
    r /= s;
    if (m === l) break;
    const u = Math.abs(h[m * n + m - 1]) * (Math.abs(q) + Math.abs(r));
    const v = Math.abs(p) * (Math.abs(h[(m - 1) * n + m - 1]) + Math.abs(z) + Math.abs(h[(m + 1) * n + m + 1]));
    if (u <= ULP * v) break;
  }
  for (let i = m + 2; i <= nn; i++) {
    h[i * n + i - 2] = 0;
    if (i !== m + 2) h[i * n + i - 3] = 0;
  }
  // Chase the bulge: reflector k acts on rows/columns k, k+1 (, k+2). Reflectors
  // are taken in blocks of BLOCK; within a block, the column updates of rows
  // above the block (l..k0−1) are deferred and then applied row by row, all
  // reflectors of the block to one contiguous row segment (cache-friendly;
  // those rows receive only column operations, so the order is preserved).
  for (let k0 = m; k0 <= nn - 1; k0 += BLOCK) {
    const kEnd = Math.min(nn - 1, k0 + BLOCK - 1);
    const top = Math.max(l, k0);
    let count = 0;
    for (let k = k0; k <= kEnd; k++) {
      const notLast = k !== nn - 1;
      let scale = 1;
      if (k !== m) {
        p = h[k * n + k - 1];
        q = h[(k + 1) * n + k - 1];
        r = notLast ? h[(k + 2) * n + k - 1] : 0;
        scale = Math.abs(p) + Math.abs(q) + Math.abs(r);
        if (scale === 0) continue;
        p /= scale;
        q /= scale;
        r /= scale;
      }
      let s = Math.sqrt(p * p + q * q + r * r);
      if (p < 0) s = -s;
      if (s === 0) continue;
      if (k === m) {
        if (l !== m) h[k * n + k - 1] = -h[k * n + k - 1];
      } else {
        h[k * n + k - 1] = -s * scale;
      }
      p += s;
      // Reflector I − u uᵀ/… written as: t = vx·a + vy·b + vz·c; a −= t, b −= t·q, c −= t·r (columns),
      // and t = a + q·b + r·c; a −= t·vx, b −= t·vy, c −= t·vz (rows).
      const vx = p / s;
      const vy = q / s;
      const vz = notLast ? r / s : 0;
      q /= p;
      r = notLast ? r / p : 0;
      const r0 = k * n;
      const r1 = r0 + n;
      const last = Math.min(nn, k + 3);
      const nearEnd = Math.min(nn, kEnd + 2); // columns beyond are updated after the block
      if (notLast) {
        const r2 = r1 + n;
        for (let j = k; j <= nearEnd; j++) {
          const t = h[r0 + j] + q * h[r1 + j] + r * h[r2 + j];
          h[r0 + j] -= t * vx;
          h[r1 + j] -= t * vy;
          h[r2 + j] -= t * vz;
        }
        for (let i = top, o = top * n + k; i <= last; i++, o += n) {
          const t = vx * h[o] + vy * h[o + 1] + vz * h[o + 2];
          h[o] -= t;
          h[o + 1] -= t * q;
          h[o + 2] -= t * r;
        }
      } else {
        for (let j = k; j <= nearEnd; j++) {
          const t = h[r0 + j] + q * h[r1 + j];
          h[r0 + j] -= t * vx;
          h[r1 + j] -= t * vy;
        }
        for (let i = top, o = top * n + k; i <= last; i++, o += n) {
          const t = vx * h[o] + vy * h[o + 1];
          h[o] -= t;
          h[o + 1] -= t * q;
        }
      }
      RK[count] = k;
      RX[count] = vx;
      RY[count] = vy;
      RZ[count] = vz;
      RQ[count] = q;
      RR[count] = r;
      count++;
    }
    // Deferred column updates of rows l..top−1 (vz = r = 0 encodes a 2-row reflector;
    // column k+2 then exists unless k+2 > nn, which only the last reflector reaches).
    if (count === 0) continue;
    if (top > l) deferredColumnUpdates(h, n, l, top, nn, count);
    const farStart = Math.min(nn, kEnd + 2) + 1;
    if (farStart <= nn) deferredRowUpdates(h, n, farStart, nn, count);
  }
}

/**
 * Applies the block's recorded reflectors to rows l..top−1 (columns only).
 * Consecutive reflectors overlap in two columns, so one row is a serial chain;
 * four rows are interleaved to hide the latency, with the three live entries
 * of each row kept in registers.
 */
function deferredColumnUpdates(h: Float64Array, n: number, l: number, top: number, nn: number, count: number): void {
  const rk = RK, rx = RX, ry = RY, rz = RZ, rq = RQ, rr = RR;
  const lastIsShort = rk[count - 1] === nn - 1;
  const full = lastIsShort ? count - 1 : count;
  const k0 = rk[0];
  const consecutive = rk[count - 1] - k0 === count - 1;
  let i = l;
  if (consecutive && full > 0) {
    for (; i + 3 < top; i += 4) {
      const o0 = i * n + k0, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
      let a0 = h[o0], b0 = h[o0 + 1], a1 = h[o1], b1 = h[o1 + 1];
      let a2 = h[o2], b2 = h[o2 + 1], a3 = h[o3], b3 = h[o3 + 1];
      for (let c = 0; c < full; c++) {
        const x = rx[c], y = ry[c], z = rz[c], q = rq[c], r = rr[c];
        const c0 = h[o0 + c + 2], c1 = h[o1 + c + 2], c2 = h[o2 + c + 2], c3 = h[o3 + c + 2];
        const t0 = x * a0 + y * b0 + z * c0;
        const t1 = x * a1 + y * b1 + z * c1;
        const t2 = x * a2 + y * b2 + z * c2;
        const t3 = x * a3 + y * b3 + z * c3;
        h[o0 + c] = a0 - t0;
        h[o1 + c] = a1 - t1;
        h[o2 + c] = a2 - t2;
        h[o3 + c] = a3 - t3;
        a0 = b0 - t0 * q;
        a1 = b1 - t1 * q;
        a2 = b2 - t2 * q;
        a3 = b3 - t3 * q;
        b0 = c0 - t0 * r;
        b1 = c1 - t1 * r;
        b2 = c2 - t2 * r;
        b3 = c3 - t3 * r;
      }
      if (lastIsShort) {
        const x = rx[full], y = ry[full], q = rq[full];
        const t0 = x * a0 + y * b0, t1 = x * a1 + y * b1, t2 = x * a2 + y * b2, t3 = x * a3 + y * b3;
        a0 -= t0;
        a1 -= t1;
        a2 -= t2;
        a3 -= t3;
        b0 -= t0 * q;
        b1 -= t1 * q;
        b2 -= t2 * q;
        b3 -= t3 * q;
      }
      h[o0 + full] = a0;
      h[o1 + full] = a1;
      h[o2 + full] = a2;
      h[o3 + full] = a3;
      h[o0 + full + 1] = b0;
      h[o1 + full + 1] = b1;
      h[o2 + full + 1] = b2;
      h[o3 + full + 1] = b3;
    }
  }
  for (; i < top; i++) {
    const o = i * n;
    for (let c = 0; c < full; c++) {
      const j = o + rk[c];
      const t = rx[c] * h[j] + ry[c] * h[j + 1] + rz[c] * h[j + 2];
      h[j] -= t;
      h[j + 1] -= t * rq[c];
      h[j + 2] -= t * rr[c];
    }
    if (lastIsShort) {
      const j = o + rk[full];
      const t = rx[full] * h[j] + ry[full] * h[j + 1];
      h[j] -= t;
      h[j + 1] -= t * rq[full];
    }
  }
}

/**
 * Applies the block's recorded reflectors to columns farStart..nn (rows only).
 * Column j receives them in order; the chain runs down the column with the
 * two live entries in registers, three columns interleaved, so each reflector
 * costs one load and one store per column instead of three.
 */
function deferredRowUpdates(h: Float64Array, n: number, farStart: number, nn: number, count: number): void {
  const rk = RK, rx = RX, ry = RY, rz = RZ, rq = RQ, rr = RR;
  const lastIsShort = rk[count - 1] === nn - 1; // never true here: far columns exist only before the last block
  const consecutive = rk[count - 1] - rk[0] === count - 1;
  if (!consecutive || lastIsShort) {
    for (let c = 0; c < count; c++) {
      const r0 = rk[c] * n, r1 = r0 + n, r2 = r1 + n;
      const x = rx[c], y = ry[c], z = rz[c], q = rq[c], r = rr[c];
      const short = rk[c] === nn - 1;
      for (let j = farStart; j <= nn; j++) {
        const t = h[r0 + j] + q * h[r1 + j] + (short ? 0 : r * h[r2 + j]);
        h[r0 + j] -= t * x;
        h[r1 + j] -= t * y;
        if (!short) h[r2 + j] -= t * z;
      }
    }
    return;
  }
  const base = rk[0] * n;
  let j = farStart;
  // three columns at a time (their chains' latencies overlap)
  for (; j + 2 <= nn; j += 3) {
    let o = base + j;
    let a0 = h[o], a1 = h[o + 1], a2 = h[o + 2];
    let b0 = h[o + n], b1 = h[o + n + 1], b2 = h[o + n + 2];
    for (let c = 0; c < count; c++, o += n) {
      const x = rx[c], y = ry[c], z = rz[c], q = rq[c], r = rr[c];
      const o2 = o + 2 * n;
      const c0 = h[o2], c1 = h[o2 + 1], c2 = h[o2 + 2];
      const t0 = a0 + q * b0 + r * c0, t1 = a1 + q * b1 + r * c1, t2 = a2 + q * b2 + r * c2;
      // each column: its top entry is final, the two below move up the chain
      h[o] = a0 - t0 * x;
      a0 = b0 - t0 * y;
      b0 = c0 - t0 * z;
      h[o + 1] = a1 - t1 * x;
      a1 = b1 - t1 * y;
      b1 = c1 - t1 * z;
      h[o + 2] = a2 - t2 * x;
      a2 = b2 - t2 * y;
      b2 = c2 - t2 * z;
    }
    h[o] = a0;
    h[o + 1] = a1;
    h[o + 2] = a2;
    h[o + n] = b0;
    h[o + n + 1] = b1;
    h[o + n + 2] = b2;
  }
  for (; j <= nn; j++) {
    let o = base + j;
    let a = h[o];
    let b = h[o + n];
    for (let c = 0; c < count; c++, o += n) {
      const cc = h[o + 2 * n];
      const t = a + rq[c] * b + rr[c] * cc;
      h[o] = a - t * rx[c];
      a = b - t * ry[c];
      b = cc - t * rz[c];
    }
    h[o] = a;
    h[o + n] = b;
  }
}
