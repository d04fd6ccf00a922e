// @ts-nocheck -- AssemblyScript (usize, f64, v128 builtins), compiled by asc, not tsc
// WebAssembly SIMD (128-bit, f64x2) matrix products for rnnlab's kernel interface.
//
// AssemblyScript source; built by `node scripts/build-wasm.js` into matmulWasm.generated.ts (the
// module's bytes, base64, so the library loads without files).
//
// Pointers are byte addresses into this module's linear memory; the JS glue
// (lib/kernels/wasmKernels.ts, residentMatVec.ts) copies the operands in, calls one of these, copies C out.
// All matrices are row-major float64. Every function ACCUMULATES into C.
//
//   matmulStrided:  C[m,n] += A(i,p) · B[k,n]     with A(i,p) = A[i·rsA + p·csA]
//                   (A plain: rsA = k, csA = 1; A transposed, stored [k,m]: rsA = 1, csA = m)
//   transposeInto:  Bt[k,n] = Bᵀ for B stored [n,k]  (so op(B) = Bᵀ reuses matmulStrided)
//   matmulNT:       C[m,n] += A[m,k] · B[n,k]ᵀ      (row dot products, no transposed copy)
//   matvecRows:     C[m] += A[m,k] · x[k]           (dot products; the n = 1 case)
//
// Blocking: a 4×4 block of C lives in 8 v128 registers (2 per row) while the shared
// dimension runs through a cache block of KC rows of B; columns go in panels of NC so the
// KC×NC panel of B (128 KB) stays in the L2 cache while every row block of A passes over it.

import { tanhF64x2 } from "./gates/gates.as";

const KC: i32 = 128;
const NC: i32 = 128;

/** s + x·y, lane by lane (a multiply then an add, not fused). */
@inline
function madd(s: v128, x: v128, y: v128): v128 {
  return f64x2.add(s, f64x2.mul(x, y));
}

/** The sum of the two lanes of s. */
@inline
function lanes(s: v128): f64 {
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}

/** *p += t. */
@inline
function addTo(p: usize, t: f64): void {
  store<f64>(p, load<f64>(p) + t);
}

/** First free byte after the module's static data (the JS glue allocates from here). */
export function heapBase(): usize {
  return __heap_base;
}

/** C[m,n] += A(i,p) B[p,j], A(i,p) at a + 8(i·rsA + p·csA); B row-major [k,n]. */
export function matmulStrided(c: usize, a: usize, b: usize, m: i32, k: i32, n: i32, rsA: i32, csA: i32): void {
  for (let j0: i32 = 0; j0 < n; j0 += NC) {
    const j1: i32 = min(j0 + NC, n);
    for (let p0: i32 = 0; p0 < k; p0 += KC) {
      const p1: i32 = min(p0 + KC, k);
      panel(c, a, b, m, n, rsA, csA, j0, j1, p0, p1);
    }
  }
}

/** One (column panel, k block): all rows of C, columns j0..j1, shared index p0..p1. */
function panel(c: usize, a: usize, b: usize, m: i32, n: i32, rsA: i32, csA: i32, j0: i32, j1: i32, p0: i32, p1: i32): void {
  const ldc: usize = <usize>n << 3;
  const ldb: usize = <usize>n << 3;
  const sA: usize = <usize>csA << 3; // byte step of A along p
  const rA: usize = <usize>rsA << 3; // byte step of A along i
  let i: i32 = 0;
  for (; i + 3 < m; i += 4) {
    const aRow: usize = a + <usize>i * rA + <usize>p0 * sA;
    let j: i32 = j0;
    for (; j + 3 < j1; j += 4) {
      const cp: usize = c + <usize>i * ldc + (<usize>j << 3);
      let c00 = v128.load(cp), c01 = v128.load(cp, 16);
      let c10 = v128.load(cp + ldc), c11 = v128.load(cp + ldc, 16);
      let c20 = v128.load(cp + 2 * ldc), c21 = v128.load(cp + 2 * ldc, 16);
      let c30 = v128.load(cp + 3 * ldc), c31 = v128.load(cp + 3 * ldc, 16);
      let bp: usize = b + <usize>p0 * ldb + (<usize>j << 3);
      let ap: usize = aRow;
      for (let p: i32 = p0; p < p1; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const x0 = f64x2.splat(load<f64>(ap));
        const x1 = f64x2.splat(load<f64>(ap + rA));
        const x2 = f64x2.splat(load<f64>(ap + 2 * rA));
        const x3 = f64x2.splat(load<f64>(ap + 3 * rA));
        c00 = madd(c00, x0, b0); c01 = madd(c01, x0, b1); // one row of the C block a line
        c10 = madd(c10, x1, b0); c11 = madd(c11, x1, b1);
        c20 = madd(c20, x2, b0); c21 = madd(c21, x2, b1);
        c30 = madd(c30, x3, b0); c31 = madd(c31, x3, b1);
        bp += ldb;
        ap += sA;
      }
      v128.store(cp, c00); v128.store(cp, c01, 16);
      v128.store(cp + ldc, c10); v128.store(cp + ldc, c11, 16);
      v128.store(cp + 2 * ldc, c20); v128.store(cp + 2 * ldc, c21, 16);
      v128.store(cp + 3 * ldc, c30); v128.store(cp + 3 * ldc, c31, 16);
    }
    for (; j + 1 < j1; j += 2) {
      // two columns: one v128 per row
      const cp: usize = c + <usize>i * ldc + (<usize>j << 3);
      let c0 = v128.load(cp), c1 = v128.load(cp + ldc), c2 = v128.load(cp + 2 * ldc), c3 = v128.load(cp + 3 * ldc);
      let bp: usize = b + <usize>p0 * ldb + (<usize>j << 3);
      let ap: usize = aRow;
      for (let p: i32 = p0; p < p1; p++) {
        const b0 = v128.load(bp);
        c0 = madd(c0, f64x2.splat(load<f64>(ap)), b0);
        c1 = madd(c1, f64x2.splat(load<f64>(ap + rA)), b0);
        c2 = madd(c2, f64x2.splat(load<f64>(ap + 2 * rA)), b0);
        c3 = madd(c3, f64x2.splat(load<f64>(ap + 3 * rA)), b0);
        bp += ldb;
        ap += sA;
      }
      v128.store(cp, c0); v128.store(cp + ldc, c1); v128.store(cp + 2 * ldc, c2); v128.store(cp + 3 * ldc, c3);
    }
    for (; j < j1; j++) {
      // last odd column: scalars
      const cp: usize = c + <usize>i * ldc + (<usize>j << 3);
      let s0 = load<f64>(cp), s1 = load<f64>(cp + ldc), s2 = load<f64>(cp + 2 * ldc), s3 = load<f64>(cp + 3 * ldc);
      let bp: usize = b + <usize>p0 * ldb + (<usize>j << 3);
      let ap: usize = aRow;
      for (let p: i32 = p0; p < p1; p++) {
        const u = load<f64>(bp);
        s0 += load<f64>(ap) * u;
        s1 += load<f64>(ap + rA) * u;
        s2 += load<f64>(ap + 2 * rA) * u;
        s3 += load<f64>(ap + 3 * rA) * u;
        bp += ldb;
        ap += sA;
      }
      store<f64>(cp, s0); store<f64>(cp + ldc, s1); store<f64>(cp + 2 * ldc, s2); store<f64>(cp + 3 * ldc, s3);
    }
  }
  for (; i < m; i++) {
    // leftover rows (m mod 4): one row of C, two columns per v128
    const aRow: usize = a + <usize>i * rA + <usize>p0 * sA;
    let j: i32 = j0;
    for (; j + 1 < j1; j += 2) {
      const cp: usize = c + <usize>i * ldc + (<usize>j << 3);
      let c0 = v128.load(cp);
      let bp: usize = b + <usize>p0 * ldb + (<usize>j << 3);
      let ap: usize = aRow;
      for (let p: i32 = p0; p < p1; p++) {
        c0 = madd(c0, f64x2.splat(load<f64>(ap)), v128.load(bp));
        bp += ldb;
        ap += sA;
      }
      v128.store(cp, c0);
    }
    for (; j < j1; j++) {
      const cp: usize = c + <usize>i * ldc + (<usize>j << 3);
      let s = load<f64>(cp);
      let bp: usize = b + <usize>p0 * ldb + (<usize>j << 3);
      let ap: usize = aRow;
      for (let p: i32 = p0; p < p1; p++) {
        s += load<f64>(ap) * load<f64>(bp);
        bp += ldb;
        ap += sA;
      }
      store<f64>(cp, s);
    }
  }
}

/** bt[k,n] = bᵀ for b stored [n,k] (row-major), in blocks of 8×8 for the cache. */
export function transposeInto(bt: usize, b: usize, n: i32, k: i32): void {
  for (let j0: i32 = 0; j0 < n; j0 += 8) {
    const j1: i32 = min(j0 + 8, n);
    for (let p0: i32 = 0; p0 < k; p0 += 8) {
      const p1: i32 = min(p0 + 8, k);
      for (let j: i32 = j0; j < j1; j++) {
        for (let p: i32 = p0; p < p1; p++) {
          store<f64>(bt + ((<usize>p * <usize>n + <usize>j) << 3), load<f64>(b + ((<usize>j * <usize>k + <usize>p) << 3)));
        }
      }
    }
  }
}

/**
 * c[i] += Σ_p a[i,p] x[p] for a row-major [m,k]: four rows at a time, two products per v128
 * (lane 0 sums the even columns, lane 1 the odd ones, each in column order). The main loop takes
 * four columns per trip with the second pair at an immediate offset (+16), which halves the
 * address arithmetic per byte of a: 1.2–1.4× faster at N = 1000 (measured, docs/speed.md), the
 * same sums in the same order (the same bits).
 */
export function matvecRows(c: usize, a: usize, x: usize, m: i32, k: i32): void {
  const lda: usize = <usize>k << 3;
  const xEnd4: usize = x + (<usize>(k & ~3) << 3);
  let i: i32 = 0;
  for (; i + 3 < m; i += 4) {
    const a0: usize = a + <usize>i * lda;
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
    let r0: usize = a0;
    for (let xp: usize = x; xp < xEnd4; xp += 32) {
      const x0 = v128.load(xp);
      const x1 = v128.load(xp, 16);
      const r1: usize = r0 + lda;
      const r2: usize = r1 + lda;
      const r3: usize = r2 + lda;
      s0 = madd(s0, v128.load(r0), x0);
      s1 = madd(s1, v128.load(r1), x0);
      s2 = madd(s2, v128.load(r2), x0);
      s3 = madd(s3, v128.load(r3), x0);
      s0 = madd(s0, v128.load(r0, 16), x1);
      s1 = madd(s1, v128.load(r1, 16), x1);
      s2 = madd(s2, v128.load(r2, 16), x1);
      s3 = madd(s3, v128.load(r3, 16), x1);
      r0 += 32;
    }
    let p: i32 = k & ~3;
    for (; p + 1 < k; p += 2) {
      const off: usize = <usize>p << 3;
      const xv = v128.load(x + off);
      s0 = madd(s0, v128.load(a0 + off), xv);
      s1 = madd(s1, v128.load(a0 + lda + off), xv);
      s2 = madd(s2, v128.load(a0 + 2 * lda + off), xv);
      s3 = madd(s3, v128.load(a0 + 3 * lda + off), xv);
    }
    let t0 = lanes(s0), t1 = lanes(s1), t2 = lanes(s2), t3 = lanes(s3);
    if (p < k) {
      const off: usize = <usize>p << 3;
      const u = load<f64>(x + off);
      t0 += load<f64>(a0 + off) * u;
      t1 += load<f64>(a0 + lda + off) * u;
      t2 += load<f64>(a0 + 2 * lda + off) * u;
      t3 += load<f64>(a0 + 3 * lda + off) * u;
    }
    const cp: usize = c + (<usize>i << 3);
    addTo(cp, t0); addTo(cp + 8, t1); addTo(cp + 16, t2); addTo(cp + 24, t3);
  }
  for (; i < m; i++) {
    const a0: usize = a + <usize>i * lda;
    let s: f64 = 0;
    for (let p: i32 = 0; p < k; p++) s += load<f64>(a0 + (<usize>p << 3)) * load<f64>(x + (<usize>p << 3));
    addTo(c + (<usize>i << 3), s);
  }
}

/**
 * `steps` forward-Euler steps of a rate network, h ← (1 − dt)·h + dt·J·tanh(h), all in WebAssembly
 * (the simulation loop of lib/chaos without JavaScript in it): r = tanh(h) by the two-lane SIMD
 * tanh of gates.as.ts, jr = J r by matvecRows, then the Euler update in the JavaScript loop's order
 * ((1 − dt)·h + dt·jr). h, r, jr: float64 vectors of n; J: float64 [n, n].
 */
export function eulerTanhStepsF64(h: usize, r: usize, jr: usize, j: usize, n: i32, dt: f64, steps: i32): void {
  const decay = f64x2.splat(1.0 - dt);
  const dtv = f64x2.splat(dt);
  const zero = f64x2.splat(0.0);
  const n2: i32 = n & ~1;
  for (let s: i32 = 0; s < steps; s++) {
    for (let i: i32 = 0; i < n2; i += 2) {
      const o: usize = <usize>i << 3;
      v128.store(r + o, tanhF64x2(v128.load(h + o)));
      v128.store(jr + o, zero);
    }
    if (n2 < n) {
      const o: usize = <usize>n2 << 3;
      v128.store64_lane(r + o, tanhF64x2(v128.load64_splat(h + o)), 0);
      store<f64>(jr + o, 0.0);
    }
    matvecRows(jr, j, r, n, n);
    for (let i: i32 = 0; i < n2; i += 2) {
      const o: usize = <usize>i << 3;
      v128.store(h + o, f64x2.add(f64x2.mul(decay, v128.load(h + o)), f64x2.mul(dtv, v128.load(jr + o))));
    }
    if (n2 < n) {
      const o: usize = <usize>n2 << 3;
      store<f64>(h + o, (1.0 - dt) * load<f64>(h + o) + dt * load<f64>(jr + o));
    }
  }
}

/**
 * C[m,n] += A[m,k] · B[n,k]ᵀ without transposing B: dot products of contiguous rows, two rows
 * of A against four rows of B (8 v128 running sums, two products each), then the two lanes are
 * added. Columns outermost, so the four rows of B stay in L1 while every row of A passes.
 */
export function matmulNT(c: usize, a: usize, b: usize, m: i32, k: i32, n: i32): void {
  const ld: usize = <usize>k << 3;
  const ldc: usize = <usize>n << 3;
  const k2: i32 = k & ~1;
  let j: i32 = 0;
  for (; j + 3 < n; j += 4) {
    const b0: usize = b + <usize>j * ld;
    let i: i32 = 0;
    for (; i + 1 < m; i += 2) {
      const a0: usize = a + <usize>i * ld;
      let s00 = f64x2.splat(0), s01 = f64x2.splat(0), s02 = f64x2.splat(0), s03 = f64x2.splat(0);
      let s10 = f64x2.splat(0), s11 = f64x2.splat(0), s12 = f64x2.splat(0), s13 = f64x2.splat(0);
      for (let p: i32 = 0; p < k2; p += 2) {
        const off: usize = <usize>p << 3;
        const x0 = v128.load(a0 + off);
        const x1 = v128.load(a0 + ld + off);
        const y0 = v128.load(b0 + off);
        const y1 = v128.load(b0 + ld + off);
        const y2 = v128.load(b0 + 2 * ld + off);
        const y3 = v128.load(b0 + 3 * ld + off);
        // one row of A a line, as the sums below
        s00 = madd(s00, x0, y0); s01 = madd(s01, x0, y1); s02 = madd(s02, x0, y2); s03 = madd(s03, x0, y3);
        s10 = madd(s10, x1, y0); s11 = madd(s11, x1, y1); s12 = madd(s12, x1, y2); s13 = madd(s13, x1, y3);
      }
      let t00 = lanes(s00), t01 = lanes(s01), t02 = lanes(s02), t03 = lanes(s03);
      let t10 = lanes(s10), t11 = lanes(s11), t12 = lanes(s12), t13 = lanes(s13);
      if (k2 < k) {
        const off: usize = <usize>k2 << 3;
        const x0 = load<f64>(a0 + off), x1 = load<f64>(a0 + ld + off);
        const y0 = load<f64>(b0 + off), y1 = load<f64>(b0 + ld + off), y2 = load<f64>(b0 + 2 * ld + off), y3 = load<f64>(b0 + 3 * ld + off);
        t00 += x0 * y0; t01 += x0 * y1; t02 += x0 * y2; t03 += x0 * y3;
        t10 += x1 * y0; t11 += x1 * y1; t12 += x1 * y2; t13 += x1 * y3;
      }
      const cp: usize = c + <usize>i * ldc + (<usize>j << 3);
      addTo(cp, t00); addTo(cp + 8, t01); addTo(cp + 16, t02); addTo(cp + 24, t03);
      addTo(cp + ldc, t10); addTo(cp + ldc + 8, t11); addTo(cp + ldc + 16, t12); addTo(cp + ldc + 24, t13);
    }
    if (i < m) {
      // last odd row against the four rows of B
      for (let jj: i32 = j; jj < j + 4; jj++) dotInto(c + <usize>i * ldc + (<usize>jj << 3), a + <usize>i * ld, b + <usize>jj * ld, k);
    }
  }
  for (; j < n; j++) {
    // leftover columns (n mod 4): one dot product per entry
    for (let i: i32 = 0; i < m; i++) dotInto(c + <usize>i * ldc + (<usize>j << 3), a + <usize>i * ld, b + <usize>j * ld, k);
  }
}

/** *c += Σ_p x[p] y[p] (two products per v128). */
function dotInto(c: usize, x: usize, y: usize, k: i32): void {
  let s = f64x2.splat(0);
  let p: i32 = 0;
  for (; p + 1 < k; p += 2) {
    const off: usize = <usize>p << 3;
    s = madd(s, v128.load(x + off), v128.load(y + off));
  }
  let t = lanes(s);
  if (p < k) t += load<f64>(x + (<usize>p << 3)) * load<f64>(y + (<usize>p << 3));
  addTo(c, t);
}

// ---------------------------------------------------------------------------------------------
// Pointwise gate kernels (LSTM, GRU, RNN, bias add and sums) with a two-lane SIMD exp:
// source in gates/gates.as.ts, compiled into this module.

export {
  lstmPointwiseF64,
  lstmPointwiseBackwardF64,
  gruPointwiseF64,
  gruPointwiseBackwardF64,
  rnnActivateF64,
  rnnActivateBackwardF64,
  addRowVectorF64,
  sumRowsAccumulateF64,
} from "./gates/gates.as";
