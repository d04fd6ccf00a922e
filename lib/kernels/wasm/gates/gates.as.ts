// @ts-nocheck -- AssemblyScript (usize, f64, v128 builtins), compiled by asc, not tsc
// WebAssembly SIMD (f64x2) pointwise gate kernels for rnnlab's kernel interface (issue 8).
//
// Compiled as part of ../matmul.as.ts (the module's entry re-exports the kernels below), so
// there is one module, one memory and one JS glue (lib/kernels/wasmKernels.ts). It lives in a
// subfolder so scripts/build-wasm.js does not build it as a module of its own.
//
// Every kernel mirrors one kernel of lib/kernels/typedArrayKernels.ts on operands the glue has
// copied into linear memory (each operand its own region; pointers are byte addresses):
//   - the arithmetic is written in the same order as the typed-array kernel, so kernels
//     without exp/tanh (GRU backward, RNN backward, bias add, bias sums) give the same bits;
//   - σ and tanh go through a two-lane expm1 (below): within a few 1e-16 of Math.exp/tanh.
// Rows of H columns are processed two columns per v128; an odd last column goes through the
// same code with both lanes holding that one value (load64_splat, store64_lane), so every H
// works and no scalar copy of the math is needed.

// ---------------------------------------------------------------------------------------------
// Two-lane exp − 1, σ and tanh.

const MAGIC: f64 = 6755399441055744.0; // 1.5·2^52
const MAGIC_BITS: i64 = 0x4338000000000000; // its bit pattern

/**
 * e^x − 1 for two lanes: x = k·ln2 + r with |r| ≤ ln2/2 (Cody–Waite: ln2 split in two parts),
 * e^r = 1 + r·q(r) with q the Taylor polynomial to degree 12 (truncation ≤ 3e-17 relative),
 * e^x − 1 = 2^k(1 + r·q) − 1, and for k = 0 exactly r·q (no cancellation near 0). x is clamped
 * to [−708, 709] (e^−708 ≈ 3e−308 stays normal): beyond, results differ from the exact limits
 * (0, ∞) by less than 1e−307. NaN propagates.
 */
@inline
function expm1F64x2(x0: v128): v128 {
  // clamp with pmin/pmax (one instruction each; NaN stays NaN: pmin(a, b) = b < a ? b : a)
  const x = f64x2.pmax(f64x2.pmin(x0, f64x2.splat(709.0)), f64x2.splat(-708.0));
  // k = nearest(x·log2 e) by adding 1.5·2^52 (rounds to an integer, ties to even as `nearest`):
  // the low bits of the sum are k itself, so 2^k needs no float → int conversion
  const shifted = f64x2.add(f64x2.mul(x, f64x2.splat(1.4426950408889634)), f64x2.splat(MAGIC));
  const kf = f64x2.sub(shifted, f64x2.splat(MAGIC));
  let r = f64x2.sub(x, f64x2.mul(kf, f64x2.splat(6.93147180369123816490e-01)));
  r = f64x2.sub(r, f64x2.mul(kf, f64x2.splat(1.90821492927058770002e-10)));
  // q(r) = Σ_{i=0}^{12} r^i / (i+1)!  (so e^r − 1 = r·q), evaluated in Estrin's scheme: pairs
  // c_i + c_{i+1} r, combined with r², r⁴, r⁸. Four levels of dependent multiply–adds instead of
  // Horner's twelve: the chain's latency, not the arithmetic, limited the gate kernels.
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const p01 = f64x2.add(f64x2.splat(1.0), f64x2.mul(r, f64x2.splat(0.5)));
  const p23 = f64x2.add(f64x2.splat(1.0 / 6.0), f64x2.mul(r, f64x2.splat(1.0 / 24.0)));
  const p45 = f64x2.add(f64x2.splat(1.0 / 120.0), f64x2.mul(r, f64x2.splat(1.0 / 720.0)));
  const p67 = f64x2.add(f64x2.splat(1.0 / 5040.0), f64x2.mul(r, f64x2.splat(1.0 / 40320.0)));
  const p89 = f64x2.add(f64x2.splat(1.0 / 362880.0), f64x2.mul(r, f64x2.splat(1.0 / 3628800.0)));
  const p1011 = f64x2.add(f64x2.splat(1.0 / 39916800.0), f64x2.mul(r, f64x2.splat(1.0 / 479001600.0)));
  const p12 = f64x2.splat(1.0 / 6227020800.0); // 1/13!
  const q03 = f64x2.add(p01, f64x2.mul(r2, p23));
  const q47 = f64x2.add(p45, f64x2.mul(r2, p67));
  const q811 = f64x2.add(p89, f64x2.mul(r2, p1011));
  const q07 = f64x2.add(q03, f64x2.mul(r4, q47));
  const q812 = f64x2.add(q811, f64x2.mul(r4, p12));
  const q = f64x2.add(q07, f64x2.mul(r8, q812));
  const rq = f64x2.mul(r, q); // e^r − 1
  const k64 = i64x2.sub(shifted, i64x2.splat(MAGIC_BITS)); // k as an integer (|k| ≤ 1023)
  const scale = i64x2.shl(i64x2.add(k64, i64x2.splat(1023)), 52); // 2^k
  const one = f64x2.splat(1.0);
  const big = f64x2.sub(f64x2.mul(f64x2.add(rq, one), scale), one);
  return v128.bitselect(rq, big, f64x2.eq(kf, f64x2.splat(0.0)));
}

/** σ(x) = 1 / (1 + e^−x) = 1 / (2 + expm1(−x)), two lanes. */
@inline
function sigmoidF64x2(x: v128): v128 {
  return f64x2.div(f64x2.splat(1.0), f64x2.add(f64x2.splat(2.0), expm1F64x2(f64x2.neg(x))));
}

/** tanh(x) = m / (m + 2) with m = e^{2x} − 1: relative accuracy also near 0. Two lanes. */
@inline
export function tanhF64x2(x: v128): v128 {
  const m = expm1F64x2(f64x2.add(x, x));
  return f64x2.div(m, f64x2.add(m, f64x2.splat(2.0)));
}

// Loads/stores of one column pair, or (tail = true) of one last column held in both lanes.
@inline
function ld(p: usize, tail: bool): v128 {
  if (tail) return v128.load64_splat(p);
  return v128.load(p);
}

@inline
function st(p: usize, v: v128, tail: bool): void {
  if (tail) v128.store64_lane(p, v, 0);
  else v128.store(p, v);
}

/** 1 − x, two lanes. */
@inline
function oneMinus(x: v128): v128 {
  return f64x2.sub(f64x2.splat(1.0), x);
}

// ---------------------------------------------------------------------------------------------
// LSTM (gate rows [i | f | g | o], 4H doubles; states [B, H]).

@inline
function lstmForwardAt(g0: usize, cp: usize, c: usize, h: usize, hb: usize, o: usize, s: usize, tail: bool): void {
  const ig = sigmoidF64x2(ld(g0 + o, tail));
  const fg = sigmoidF64x2(ld(g0 + hb + o, tail));
  const gg = tanhF64x2(ld(g0 + 2 * hb + o, tail));
  const og = sigmoidF64x2(ld(g0 + 3 * hb + o, tail));
  st(g0 + o, ig, tail);
  st(g0 + hb + o, fg, tail);
  st(g0 + 2 * hb + o, gg, tail);
  st(g0 + 3 * hb + o, og, tail);
  const ct = f64x2.add(f64x2.mul(fg, ld(cp + s, tail)), f64x2.mul(ig, gg)); // c = f ⊙ cPrev + i ⊙ g
  st(c + s, ct, tail);
  st(h + s, f64x2.mul(og, tanhF64x2(ct)), tail); // h = o ⊙ tanh(c)
}

/**
 * LSTM pointwise forward for B rows (Kernels.lstmPointwise): gates [B,4H] pre-activations in,
 * activations (σ, σ, tanh, σ) out; c = f⊙cPrev + i⊙g and h = o⊙tanh(c) written to c, h [B,H].
 */
export function lstmPointwiseF64(gates: usize, cPrev: usize, c: usize, h: usize, B: i32, H: i32): void {
  const hb: usize = <usize>H << 3;
  const H2: i32 = H & ~1;
  for (let b: i32 = 0; b < B; b++) {
    const g0: usize = gates + <usize>b * (hb << 2);
    const s0: usize = <usize>b * hb;
    for (let j: i32 = 0; j < H2; j += 2) {
      const o: usize = <usize>j << 3;
      lstmForwardAt(g0, cPrev, c, h, hb, o, s0 + o, false);
    }
    if (H2 < H) lstmForwardAt(g0, cPrev, c, h, hb, <usize>H2 << 3, s0 + (<usize>H2 << 3), true);
  }
}

@inline
function lstmBackwardAt(g0: usize, d0: usize, cp: usize, c: usize, dh: usize, dc: usize, dcPrev: usize, hb: usize, o: usize, s: usize, tail: bool): void {
  const ig = ld(g0 + o, tail);
  const fg = ld(g0 + hb + o, tail);
  const gg = ld(g0 + 2 * hb + o, tail);
  const og = ld(g0 + 3 * hb + o, tail);
  const tc = tanhF64x2(ld(c + s, tail));
  const dht = ld(dh + s, tail);
  // ∂L/∂c_t = dc + dh·o·(1 − tanh²c)   (same operation order as the typed-array kernel)
  const dct = f64x2.add(ld(dc + s, tail), f64x2.mul(f64x2.mul(dht, og), oneMinus(f64x2.mul(tc, tc))));
  const cpv = ld(cp + s, tail);
  st(d0 + o, f64x2.mul(f64x2.mul(f64x2.mul(dct, gg), ig), oneMinus(ig)), tail); // input gate
  st(d0 + hb + o, f64x2.mul(f64x2.mul(f64x2.mul(dct, cpv), fg), oneMinus(fg)), tail); // forget gate
  st(d0 + 2 * hb + o, f64x2.mul(f64x2.mul(dct, ig), oneMinus(f64x2.mul(gg, gg))), tail); // candidate
  st(d0 + 3 * hb + o, f64x2.mul(f64x2.mul(f64x2.mul(dht, tc), og), oneMinus(og)), tail); // output gate
  st(dcPrev + s, f64x2.mul(dct, fg), tail); // ∂L/∂c_{t−1} through this step
}

/**
 * LSTM pointwise backward for B rows (Kernels.lstmPointwiseBackward): from the activations
 * gates [B,4H], cPrev, c, dh, dc [B,H] to dGates [B,4H] and dcPrev [B,H]. dcPrev may be dc
 * (each element is read before it is written).
 */
export function lstmPointwiseBackwardF64(gates: usize, cPrev: usize, c: usize, dh: usize, dc: usize, dGates: usize, dcPrev: usize, B: i32, H: i32): void {
  const hb: usize = <usize>H << 3;
  const H2: i32 = H & ~1;
  for (let b: i32 = 0; b < B; b++) {
    const g0: usize = gates + <usize>b * (hb << 2);
    const d0: usize = dGates + <usize>b * (hb << 2);
    const s0: usize = <usize>b * hb;
    for (let j: i32 = 0; j < H2; j += 2) {
      const o: usize = <usize>j << 3;
      lstmBackwardAt(g0, d0, cPrev, c, dh, dc, dcPrev, hb, o, s0 + o, false);
    }
    if (H2 < H) lstmBackwardAt(g0, d0, cPrev, c, dh, dc, dcPrev, hb, <usize>H2 << 3, s0 + (<usize>H2 << 3), true);
  }
}

// ---------------------------------------------------------------------------------------------
// GRU (gate rows [r | z | n], 3H doubles).

@inline
function gruForwardAt(a0: usize, h0: usize, hn: usize, hPrev: usize, h: usize, hb: usize, o: usize, s: usize, tail: bool): void {
  const r = sigmoidF64x2(f64x2.add(ld(a0 + o, tail), ld(h0 + o, tail)));
  const z = sigmoidF64x2(f64x2.add(ld(a0 + hb + o, tail), ld(h0 + hb + o, tail)));
  const hnj = ld(h0 + 2 * hb + o, tail);
  const n = tanhF64x2(f64x2.add(ld(a0 + 2 * hb + o, tail), f64x2.mul(r, hnj)));
  st(a0 + o, r, tail);
  st(a0 + hb + o, z, tail);
  st(a0 + 2 * hb + o, n, tail);
  st(hn + s, hnj, tail);
  // h = (1 − z) ⊙ n + z ⊙ hPrev
  st(h + s, f64x2.add(f64x2.mul(oneMinus(z), n), f64x2.mul(z, ld(hPrev + s, tail))), tail);
}

/**
 * GRU pointwise forward for B rows (Kernels.gruPointwise): gi [B,3H] (W_ih x + b_ih) in,
 * activations (r, z, n) out; gh [B,3H] = W_hh h + b_hh; hn [B,H] ← the n-slice of gh;
 * h [B,H] = (1 − z)⊙n + z⊙hPrev.
 */
export function gruPointwiseF64(gi: usize, gh: usize, hn: usize, hPrev: usize, h: usize, B: i32, H: i32): void {
  const hb: usize = <usize>H << 3;
  const H2: i32 = H & ~1;
  for (let b: i32 = 0; b < B; b++) {
    const a0: usize = gi + <usize>b * 3 * hb;
    const h0: usize = gh + <usize>b * 3 * hb;
    const s0: usize = <usize>b * hb;
    for (let j: i32 = 0; j < H2; j += 2) {
      const o: usize = <usize>j << 3;
      gruForwardAt(a0, h0, hn, hPrev, h, hb, o, s0 + o, false);
    }
    if (H2 < H) gruForwardAt(a0, h0, hn, hPrev, h, hb, <usize>H2 << 3, s0 + (<usize>H2 << 3), true);
  }
}

@inline
function gruBackwardAt(g0: usize, di0: usize, dh0: usize, hn: usize, hPrev: usize, dh: usize, dhPrev: usize, hb: usize, o: usize, s: usize, tail: bool): void {
  const r = ld(g0 + o, tail);
  const z = ld(g0 + hb + o, tail);
  const n = ld(g0 + 2 * hb + o, tail);
  const d = ld(dh + s, tail);
  const hp = ld(hPrev + s, tail);
  const dPreN = f64x2.mul(f64x2.mul(d, oneMinus(z)), oneMinus(f64x2.mul(n, n))); // through n = tanh(·)
  const dPreZ = f64x2.mul(f64x2.mul(f64x2.mul(d, f64x2.sub(hp, n)), z), oneMinus(z));
  const dPreR = f64x2.mul(f64x2.mul(f64x2.mul(dPreN, ld(hn + s, tail)), r), oneMinus(r));
  st(di0 + o, dPreR, tail);
  st(di0 + hb + o, dPreZ, tail);
  st(di0 + 2 * hb + o, dPreN, tail);
  st(dh0 + o, dPreR, tail);
  st(dh0 + hb + o, dPreZ, tail);
  st(dh0 + 2 * hb + o, f64x2.mul(dPreN, r), tail);
  st(dhPrev + s, f64x2.mul(d, z), tail);
}

/**
 * GRU pointwise backward for B rows (Kernels.gruPointwiseBackward): from gates (r, z, n) [B,3H],
 * hn, hPrev, dh [B,H] to dGi, dGh [B,3H] and dhPrev = dh ⊙ z [B,H]. No exp: the same bits as
 * the typed-array kernel.
 */
export function gruPointwiseBackwardF64(gates: usize, hn: usize, hPrev: usize, dh: usize, dGi: usize, dGh: usize, dhPrev: usize, B: i32, H: i32): void {
  const hb: usize = <usize>H << 3;
  const H2: i32 = H & ~1;
  for (let b: i32 = 0; b < B; b++) {
    const g0: usize = gates + <usize>b * 3 * hb;
    const di0: usize = dGi + <usize>b * 3 * hb;
    const dh0: usize = dGh + <usize>b * 3 * hb;
    const s0: usize = <usize>b * hb;
    for (let j: i32 = 0; j < H2; j += 2) {
      const o: usize = <usize>j << 3;
      gruBackwardAt(g0, di0, dh0, hn, hPrev, dh, dhPrev, hb, o, s0 + o, false);
    }
    if (H2 < H) gruBackwardAt(g0, di0, dh0, hn, hPrev, dh, dhPrev, hb, <usize>H2 << 3, s0 + (<usize>H2 << 3), true);
  }
}

// ---------------------------------------------------------------------------------------------
// Vanilla RNN (flat arrays of n values).

/** x[i] ← tanh(x[i]) (relu = 0) or x[i] > 0 ? x[i] : 0 (relu = 1; NaN and −0 give +0, as the reference). */
export function rnnActivateF64(x: usize, n: i32, relu: i32): void {
  const n2: i32 = n & ~1;
  const zero = f64x2.splat(0.0);
  if (relu) {
    for (let i: i32 = 0; i < n2; i += 2) {
      const p: usize = x + (<usize>i << 3);
      const v = v128.load(p);
      v128.store(p, v128.bitselect(v, zero, f64x2.gt(v, zero)));
    }
    if (n2 < n) {
      const p: usize = x + (<usize>n2 << 3);
      const v: f64 = load<f64>(p);
      store<f64>(p, v > 0 ? v : 0.0);
    }
  } else {
    for (let i: i32 = 0; i < n2; i += 2) {
      const p: usize = x + (<usize>i << 3);
      v128.store(p, tanhF64x2(v128.load(p)));
    }
    if (n2 < n) {
      const p: usize = x + (<usize>n2 << 3);
      v128.store64_lane(p, tanhF64x2(v128.load64_splat(p)), 0);
    }
  }
}

/** dPre[i] = dh[i]·(1 − h[i]²) (tanh) or h[i] > 0 ? dh[i] : 0 (relu): the same bits as the reference. */
export function rnnActivateBackwardF64(h: usize, dh: usize, dPre: usize, n: i32, relu: i32): void {
  const n2: i32 = n & ~1;
  const zero = f64x2.splat(0.0);
  for (let i: i32 = 0; i < n2; i += 2) {
    const o: usize = <usize>i << 3;
    const y = v128.load(h + o);
    const d = v128.load(dh + o);
    if (relu) v128.store(dPre + o, v128.bitselect(d, zero, f64x2.gt(y, zero)));
    else v128.store(dPre + o, f64x2.mul(d, oneMinus(f64x2.mul(y, y))));
  }
  if (n2 < n) {
    const o: usize = <usize>n2 << 3;
    const y: f64 = load<f64>(h + o);
    const d: f64 = load<f64>(dh + o);
    store<f64>(dPre + o, relu ? (y > 0 ? d : 0.0) : d * (1.0 - y * y));
  }
}

// ---------------------------------------------------------------------------------------------
// Bias add and bias-gradient sums.

/** M[r, :] += v for every row of M [rows, cols]. */
export function addRowVectorF64(m: usize, rows: i32, cols: i32, v: usize): void {
  const c2: i32 = cols & ~1;
  const ld8: usize = <usize>cols << 3;
  for (let r: i32 = 0; r < rows; r++) {
    const row: usize = m + <usize>r * ld8;
    for (let j: i32 = 0; j < c2; j += 2) {
      const o: usize = <usize>j << 3;
      v128.store(row + o, f64x2.add(v128.load(row + o), v128.load(v + o)));
    }
    if (c2 < cols) {
      const o: usize = <usize>c2 << 3;
      store<f64>(row + o, load<f64>(row + o) + load<f64>(v + o));
    }
  }
}

/**
 * out[cols] += Σ_rows M[row, :], summing the rows in order for each column (the reference's
 * order, so the same bits). Columns in blocks of 8 (four v128 running sums held in registers
 * while all rows pass), then pairs, then a last odd column.
 */
export function sumRowsAccumulateF64(out: usize, m: usize, rows: i32, cols: i32): void {
  const ld8: usize = <usize>cols << 3;
  let j: i32 = 0;
  for (; j + 7 < cols; j += 8) {
    const o: usize = <usize>j << 3;
    let s0 = v128.load(out + o), s1 = v128.load(out + o, 16), s2 = v128.load(out + o, 32), s3 = v128.load(out + o, 48);
    let p: usize = m + o;
    for (let r: i32 = 0; r < rows; r++) {
      s0 = f64x2.add(s0, v128.load(p));
      s1 = f64x2.add(s1, v128.load(p, 16));
      s2 = f64x2.add(s2, v128.load(p, 32));
      s3 = f64x2.add(s3, v128.load(p, 48));
      p += ld8;
    }
    v128.store(out + o, s0); v128.store(out + o, s1, 16); v128.store(out + o, s2, 32); v128.store(out + o, s3, 48);
  }
  for (; j + 1 < cols; j += 2) {
    const o: usize = <usize>j << 3;
    let s = v128.load(out + o);
    let p: usize = m + o;
    for (let r: i32 = 0; r < rows; r++) {
      s = f64x2.add(s, v128.load(p));
      p += ld8;
    }
    v128.store(out + o, s);
  }
  if (j < cols) {
    const o: usize = <usize>j << 3;
    let s: f64 = load<f64>(out + o);
    let p: usize = m + o;
    for (let r: i32 = 0; r < rows; r++) {
      s += load<f64>(p);
      p += ld8;
    }
    store<f64>(out + o, s);
  }
}
