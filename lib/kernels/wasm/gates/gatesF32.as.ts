// @ts-nocheck -- AssemblyScript (usize, f32, v128 builtins), compiled by asc, not tsc
// WebAssembly SIMD (f32x4) pointwise gate kernels of the float32 kernel set ("wasm-simd-f32").
//
// Compiled as part of ../matmul.as.ts (re-exported from the module's entry). The operands sit in
// linear memory as float64, exactly as for the float64 kernels (gates.as.ts), so the JS glue is
// the same memcpy in and out; these kernels round every operand to float32 as they load it
// (f32x4.demote_f64x2_zero: round to nearest even, as Math.fround), compute in float32, four
// lanes per v128, and store float32 values widened to float64 (exact). So every value a kernel
// produces is a float32 value, and the arithmetic between is float32:
//   - kernels without exp/tanh (GRU backward, RNN backward, ReLU, bias add, bias sums) do the
//     reference's operations in the reference's order, each rounded to float32: the same bits as
//     the reference evaluated with Math.fround after every operation;
//   - σ and tanh go through a four-lane float32 expm1 (below): a few float32 ulps.
// Rows of H columns are processed four columns per v128; the last 1–3 columns of a row go
// through the same code with the lanes filled one by one (ld4/st4 with n < 4).

// ---------------------------------------------------------------------------------------------
// Loads and stores: float64 memory, float32 lanes.

/** Four float64 values at p rounded to float32 (n < 4: only the first n, the other lanes repeat lane 0). */
@inline
function ld4(p: usize, n: i32): v128 {
  if (n >= 4) {
    const lo = f32x4.demote_f64x2_zero(v128.load(p)); // [a0, a1, 0, 0]
    const hi = f32x4.demote_f64x2_zero(v128.load(p, 16)); // [a2, a3, 0, 0]
    return i64x2.shuffle(lo, hi, 0, 2);
  }
  let v = f32x4.splat(<f32>load<f64>(p));
  if (n > 1) v = f32x4.replace_lane(v, 1, <f32>load<f64>(p, 8));
  if (n > 2) v = f32x4.replace_lane(v, 2, <f32>load<f64>(p, 16));
  return v;
}

/** Stores the first n (≤ 4) lanes of v at p as float64 (exact widening). */
@inline
function st4(p: usize, v: v128, n: i32): void {
  if (n >= 4) {
    v128.store(p, f64x2.promote_low_f32x4(v));
    v128.store(p, f64x2.promote_low_f32x4(i64x2.shuffle(v, v, 1, 1)), 16);
    return;
  }
  store<f64>(p, <f64>f32x4.extract_lane(v, 0));
  if (n > 1) store<f64>(p, <f64>f32x4.extract_lane(v, 1), 8);
  if (n > 2) store<f64>(p, <f64>f32x4.extract_lane(v, 2), 16);
}

// ---------------------------------------------------------------------------------------------
// Four-lane float32 exp − 1, σ and tanh.

/**
 * e^x − 1 for four float32 lanes: x = k·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, ln2 in two parts;
 * k·ln2hi is exact for |k| ≤ 127), e^r − 1 = r·q(r) with q the Taylor polynomial to degree 6
 * (truncation ≤ 2e-8 relative, below float32's half ulp), evaluated in Estrin form;
 * e^x − 1 = 2^k(1 + r·q) − 1, and for k = 0 exactly r·q (no cancellation near 0). x is clamped to
 * [−87, 88] so that 2^k stays a normal float32 (beyond, the results differ from the limits by
 * less than float32's rounding). NaN propagates.
 */
@inline
function expm1F32x4(x0: v128): v128 {
  const x = f32x4.pmax(f32x4.pmin(x0, f32x4.splat(88.0)), f32x4.splat(-87.0));
  const kf = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504)));
  let r = f32x4.sub(x, f32x4.mul(kf, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(kf, f32x4.splat(-2.12194440e-4)));
  // q(r) = Σ_{i=0}^{6} r^i / (i+1)!
  const r2 = f32x4.mul(r, r);
  const r4 = f32x4.mul(r2, r2);
  const p01 = f32x4.add(f32x4.splat(1.0), f32x4.mul(r, f32x4.splat(0.5)));
  const p23 = f32x4.add(f32x4.splat(<f32>(1.0 / 6.0)), f32x4.mul(r, f32x4.splat(<f32>(1.0 / 24.0))));
  const p45 = f32x4.add(f32x4.splat(<f32>(1.0 / 120.0)), f32x4.mul(r, f32x4.splat(<f32>(1.0 / 720.0))));
  const p6 = f32x4.splat(<f32>(1.0 / 5040.0));
  const q03 = f32x4.add(p01, f32x4.mul(r2, p23));
  const q46 = f32x4.add(p45, f32x4.mul(r2, p6));
  const q = f32x4.add(q03, f32x4.mul(r4, q46));
  const rq = f32x4.mul(r, q); // e^r − 1
  const k = i32x4.trunc_sat_f32x4_s(kf); // |k| ≤ 127 (NaN → 0, the result stays NaN through rq)
  const scale = i32x4.shl(i32x4.add(k, i32x4.splat(127)), 23); // 2^k
  const one = f32x4.splat(1.0);
  const big = f32x4.sub(f32x4.mul(f32x4.add(rq, one), scale), one);
  return v128.bitselect(rq, big, f32x4.eq(kf, f32x4.splat(0.0)));
}

/** σ(x) = 1 / (2 + expm1(−x)), four lanes. */
@inline
function sigmoidF32x4(x: v128): v128 {
  return f32x4.div(f32x4.splat(1.0), f32x4.add(f32x4.splat(2.0), expm1F32x4(f32x4.neg(x))));
}

/** tanh(x) = m / (m + 2) with m = e^{2x} − 1, four lanes. */
@inline
function tanhF32x4(x: v128): v128 {
  const m = expm1F32x4(f32x4.add(x, x));
  return f32x4.div(m, f32x4.add(m, f32x4.splat(2.0)));
}

// ---------------------------------------------------------------------------------------------
// LSTM (gate rows [i | f | g | o], 4H values; states [B, H]).

@inline
function lstmForwardAt(g0: usize, cp: usize, c: usize, h: usize, hb: usize, o: usize, s: usize, n: i32): void {
  const ig = sigmoidF32x4(ld4(g0 + o, n));
  const fg = sigmoidF32x4(ld4(g0 + hb + o, n));
  const gg = tanhF32x4(ld4(g0 + 2 * hb + o, n));
  const og = sigmoidF32x4(ld4(g0 + 3 * hb + o, n));
  st4(g0 + o, ig, n);
  st4(g0 + hb + o, fg, n);
  st4(g0 + 2 * hb + o, gg, n);
  st4(g0 + 3 * hb + o, og, n);
  const ct = f32x4.add(f32x4.mul(fg, ld4(cp + s, n)), f32x4.mul(ig, gg)); // c = f ⊙ cPrev + i ⊙ g
  st4(c + s, ct, n);
  st4(h + s, f32x4.mul(og, tanhF32x4(ct)), n); // h = o ⊙ tanh(c)
}

/** Kernels.lstmPointwise in float32 (see lstmPointwiseF64 in gates.as.ts). */
export function lstmPointwiseF32(gates: usize, cPrev: usize, c: usize, h: usize, B: i32, H: i32): void {
  const hb: usize = <usize>H << 3;
  for (let b: i32 = 0; b < B; b++) {
    const g0: usize = gates + <usize>b * (hb << 2);
    const s0: usize = <usize>b * hb;
    let j: i32 = 0;
    for (; j + 3 < H; j += 4) lstmForwardAt(g0, cPrev, c, h, hb, <usize>j << 3, s0 + (<usize>j << 3), 4);
    if (j < H) lstmForwardAt(g0, cPrev, c, h, hb, <usize>j << 3, s0 + (<usize>j << 3), H - j);
  }
}

@inline
function lstmBackwardAt(g0: usize, d0: usize, cp: usize, c: usize, dh: usize, dc: usize, dcPrev: usize, hb: usize, o: usize, s: usize, n: i32): void {
  const one = f32x4.splat(1.0);
  const ig = ld4(g0 + o, n);
  const fg = ld4(g0 + hb + o, n);
  const gg = ld4(g0 + 2 * hb + o, n);
  const og = ld4(g0 + 3 * hb + o, n);
  const tc = tanhF32x4(ld4(c + s, n));
  const dht = ld4(dh + s, n);
  const dct = f32x4.add(ld4(dc + s, n), f32x4.mul(f32x4.mul(dht, og), f32x4.sub(one, f32x4.mul(tc, tc))));
  const cpv = ld4(cp + s, n);
  st4(d0 + o, f32x4.mul(f32x4.mul(f32x4.mul(dct, gg), ig), f32x4.sub(one, ig)), n);
  st4(d0 + hb + o, f32x4.mul(f32x4.mul(f32x4.mul(dct, cpv), fg), f32x4.sub(one, fg)), n);
  st4(d0 + 2 * hb + o, f32x4.mul(f32x4.mul(dct, ig), f32x4.sub(one, f32x4.mul(gg, gg))), n);
  st4(d0 + 3 * hb + o, f32x4.mul(f32x4.mul(f32x4.mul(dht, tc), og), f32x4.sub(one, og)), n);
  st4(dcPrev + s, f32x4.mul(dct, fg), n);
}

/** Kernels.lstmPointwiseBackward in float32. dcPrev may be dc (each element read before written). */
export function lstmPointwiseBackwardF32(gates: usize, cPrev: usize, c: usize, dh: usize, dc: usize, dGates: usize, dcPrev: usize, B: i32, H: i32): void {
  const hb: usize = <usize>H << 3;
  for (let b: i32 = 0; b < B; b++) {
    const g0: usize = gates + <usize>b * (hb << 2);
    const d0: usize = dGates + <usize>b * (hb << 2);
    const s0: usize = <usize>b * hb;
    let j: i32 = 0;
    for (; j + 3 < H; j += 4) lstmBackwardAt(g0, d0, cPrev, c, dh, dc, dcPrev, hb, <usize>j << 3, s0 + (<usize>j << 3), 4);
    if (j < H) lstmBackwardAt(g0, d0, cPrev, c, dh, dc, dcPrev, hb, <usize>j << 3, s0 + (<usize>j << 3), H - j);
  }
}

// ---------------------------------------------------------------------------------------------
// GRU (gate rows [r | z | n], 3H values).

@inline
function gruForwardAt(a0: usize, h0: usize, hn: usize, hPrev: usize, h: usize, hb: usize, o: usize, s: usize, n: i32): void {
  const one = f32x4.splat(1.0);
  const r = sigmoidF32x4(f32x4.add(ld4(a0 + o, n), ld4(h0 + o, n)));
  const z = sigmoidF32x4(f32x4.add(ld4(a0 + hb + o, n), ld4(h0 + hb + o, n)));
  const hnj = ld4(h0 + 2 * hb + o, n);
  const nn = tanhF32x4(f32x4.add(ld4(a0 + 2 * hb + o, n), f32x4.mul(r, hnj)));
  st4(a0 + o, r, n);
  st4(a0 + hb + o, z, n);
  st4(a0 + 2 * hb + o, nn, n);
  st4(hn + s, hnj, n);
  st4(h + s, f32x4.add(f32x4.mul(f32x4.sub(one, z), nn), f32x4.mul(z, ld4(hPrev + s, n))), n);
}

/** Kernels.gruPointwise in float32. */
export function gruPointwiseF32(gi: usize, gh: usize, hn: usize, hPrev: usize, h: usize, B: i32, H: i32): void {
  const hb: usize = <usize>H << 3;
  for (let b: i32 = 0; b < B; b++) {
    const a0: usize = gi + <usize>b * 3 * hb;
    const h0: usize = gh + <usize>b * 3 * hb;
    const s0: usize = <usize>b * hb;
    let j: i32 = 0;
    for (; j + 3 < H; j += 4) gruForwardAt(a0, h0, hn, hPrev, h, hb, <usize>j << 3, s0 + (<usize>j << 3), 4);
    if (j < H) gruForwardAt(a0, h0, hn, hPrev, h, hb, <usize>j << 3, s0 + (<usize>j << 3), H - j);
  }
}

@inline
function gruBackwardAt(g0: usize, di0: usize, dh0: usize, hn: usize, hPrev: usize, dh: usize, dhPrev: usize, hb: usize, o: usize, s: usize, n: i32): void {
  const one = f32x4.splat(1.0);
  const r = ld4(g0 + o, n);
  const z = ld4(g0 + hb + o, n);
  const nn = ld4(g0 + 2 * hb + o, n);
  const d = ld4(dh + s, n);
  const hp = ld4(hPrev + s, n);
  const dPreN = f32x4.mul(f32x4.mul(d, f32x4.sub(one, z)), f32x4.sub(one, f32x4.mul(nn, nn)));
  const dPreZ = f32x4.mul(f32x4.mul(f32x4.mul(d, f32x4.sub(hp, nn)), z), f32x4.sub(one, z));
  const dPreR = f32x4.mul(f32x4.mul(f32x4.mul(dPreN, ld4(hn + s, n)), r), f32x4.sub(one, r));
  st4(di0 + o, dPreR, n);
  st4(di0 + hb + o, dPreZ, n);
  st4(di0 + 2 * hb + o, dPreN, n);
  st4(dh0 + o, dPreR, n);
  st4(dh0 + hb + o, dPreZ, n);
  st4(dh0 + 2 * hb + o, f32x4.mul(dPreN, r), n);
  st4(dhPrev + s, f32x4.mul(d, z), n);
}

/** Kernels.gruPointwiseBackward in float32 (no exp: the reference's operations, each rounded). */
export function gruPointwiseBackwardF32(gates: usize, hn: usize, hPrev: usize, dh: usize, dGi: usize, dGh: usize, dhPrev: usize, B: i32, H: i32): void {
  const hb: usize = <usize>H << 3;
  for (let b: i32 = 0; b < B; b++) {
    const g0: usize = gates + <usize>b * 3 * hb;
    const di0: usize = dGi + <usize>b * 3 * hb;
    const dh0: usize = dGh + <usize>b * 3 * hb;
    const s0: usize = <usize>b * hb;
    let j: i32 = 0;
    for (; j + 3 < H; j += 4) gruBackwardAt(g0, di0, dh0, hn, hPrev, dh, dhPrev, hb, <usize>j << 3, s0 + (<usize>j << 3), 4);
    if (j < H) gruBackwardAt(g0, di0, dh0, hn, hPrev, dh, dhPrev, hb, <usize>j << 3, s0 + (<usize>j << 3), H - j);
  }
}

// ---------------------------------------------------------------------------------------------
// Vanilla RNN (flat arrays of n values).

@inline
function activateAt(p: usize, relu: i32, n: i32): void {
  const v = ld4(p, n);
  if (relu) st4(p, v128.bitselect(v, f32x4.splat(0.0), f32x4.gt(v, f32x4.splat(0.0))), n);
  else st4(p, tanhF32x4(v), n);
}

/** x ← tanh(x) (relu = 0) or x > 0 ? x : 0 (relu = 1; NaN and −0 give +0), in float32. */
export function rnnActivateF32(x: usize, n: i32, relu: i32): void {
  let i: i32 = 0;
  for (; i + 3 < n; i += 4) activateAt(x + (<usize>i << 3), relu, 4);
  if (i < n) activateAt(x + (<usize>i << 3), relu, n - i);
}

@inline
function activateBackwardAt(h: usize, dh: usize, dPre: usize, o: usize, relu: i32, n: i32): void {
  const y = ld4(h + o, n);
  const d = ld4(dh + o, n);
  if (relu) st4(dPre + o, v128.bitselect(d, f32x4.splat(0.0), f32x4.gt(y, f32x4.splat(0.0))), n);
  else st4(dPre + o, f32x4.mul(d, f32x4.sub(f32x4.splat(1.0), f32x4.mul(y, y))), n);
}

/** dPre = dh·(1 − h²) (tanh) or h > 0 ? dh : 0 (relu), in float32. */
export function rnnActivateBackwardF32(h: usize, dh: usize, dPre: usize, n: i32, relu: i32): void {
  let i: i32 = 0;
  for (; i + 3 < n; i += 4) activateBackwardAt(h, dh, dPre, <usize>i << 3, relu, 4);
  if (i < n) activateBackwardAt(h, dh, dPre, <usize>i << 3, relu, n - i);
}

// ---------------------------------------------------------------------------------------------
// Bias add and bias-gradient sums.

/** M[r, :] ← M[r, :] + v for every row of M [rows, cols], in float32. */
export function addRowVectorF32(m: usize, rows: i32, cols: i32, v: usize): void {
  const ld8: usize = <usize>cols << 3;
  for (let r: i32 = 0; r < rows; r++) {
    const row: usize = m + <usize>r * ld8;
    let j: i32 = 0;
    for (; j + 3 < cols; j += 4) {
      const o: usize = <usize>j << 3;
      st4(row + o, f32x4.add(ld4(row + o, 4), ld4(v + o, 4)), 4);
    }
    if (j < cols) {
      const o: usize = <usize>j << 3;
      st4(row + o, f32x4.add(ld4(row + o, cols - j), ld4(v + o, cols - j)), cols - j);
    }
  }
}

/**
 * out[cols] ← out + Σ_rows M[row, :] in float32, rows added in order for each column (the
 * reference's order, each addition rounded). Columns in blocks of 16 (four f32x4 running sums
 * held in registers while all rows pass), then of 4, then the last 1–3.
 */
export function sumRowsAccumulateF32(out: usize, m: usize, rows: i32, cols: i32): void {
  const ld8: usize = <usize>cols << 3;
  let j: i32 = 0;
  for (; j + 15 < cols; j += 16) {
    const o: usize = <usize>j << 3;
    let s0 = ld4(out + o, 4), s1 = ld4(out + o + 32, 4), s2 = ld4(out + o + 64, 4), s3 = ld4(out + o + 96, 4);
    let p: usize = m + o;
    for (let r: i32 = 0; r < rows; r++) {
      s0 = f32x4.add(s0, ld4(p, 4));
      s1 = f32x4.add(s1, ld4(p + 32, 4));
      s2 = f32x4.add(s2, ld4(p + 64, 4));
      s3 = f32x4.add(s3, ld4(p + 96, 4));
      p += ld8;
    }
    st4(out + o, s0, 4);
    st4(out + o + 32, s1, 4);
    st4(out + o + 64, s2, 4);
    st4(out + o + 96, s3, 4);
  }
  for (; j < cols; j += 4) {
    const o: usize = <usize>j << 3;
    const w: i32 = min(4, cols - j);
    let s = ld4(out + o, w);
    let p: usize = m + o;
    for (let r: i32 = 0; r < rows; r++) {
      s = f32x4.add(s, ld4(p, w));
      p += ld8;
    }
    st4(out + o, s, w);
  }
}
