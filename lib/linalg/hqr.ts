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
  // Chase the bulge: reflector k acts on rows/columns k, k+1 (, k+2).
  for (let k = m; k <= nn - 1; k++) {
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
    const vx = p / s;
    const vy = q / s;
    const vz = r / s;
    q /= p;
    r /= p;
    const r0 = k * n;
    const r1 = r0 + n;
    if (notLast) {
      const r2 = r1 + n;
      // Row modification: rows k..k+2, columns k..nn (contiguous).
      for (let j = k; j <= nn; j++) {
        const t = h[r0 + j] + q * h[r1 + j] + r * h[r2 + j];
        h[r0 + j] -= t * vx;
        h[r1 + j] -= t * vy;
        h[r2 + j] -= t * vz;
      }
      // Column modification: columns k..k+2, rows l..min(nn, k+3).
      const last = Math.min(nn, k + 3);
      for (let i = l, o = l * n + k; i <= last; i++, o += n) {
        const t = vx * h[o] + vy * h[o + 1] + vz * h[o + 2];
        h[o] -= t;
        h[o + 1] -= t * q;
        h[o + 2] -= t * r;
      }
    } else {
      for (let j = k; j <= nn; j++) {
        const t = h[r0 + j] + q * h[r1 + j];
        h[r0 + j] -= t * vx;
        h[r1 + j] -= t * vy;
      }
      const last = Math.min(nn, k + 3);
      for (let i = l, o = l * n + k; i <= last; i++, o += n) {
        const t = vx * h[o] + vy * h[o + 1];
        h[o] -= t;
        h[o + 1] -= t * q;
      }
    }
  }
}
