// @ts-nocheck -- AssemblyScript (usize, f64, v128 builtins), compiled by asc, not tsc
// float64 ⇄ float32 conversions for the float32 products (wasm-simd-f32), in SIMD: the glue
// copies float64 operands in with a plain memcpy (TypedArray.set between float64 arrays) and
// converts here, instead of converting element by element on the JS side (Float32Array.set
// from a Float64Array, ~4× slower) and adding the float32 result back in a JS loop.
// Compiled as part of ../matmul.as.ts (re-exported from the module's entry).

/** dst[i] = f32(src[i]) for i < n (round to nearest even, as Float32Array stores do). */
export function demoteF64ToF32(dst: usize, src: usize, n: i32): void {
  const n4: i32 = n & ~3;
  for (let i: i32 = 0; i < n4; i += 4) {
    const s: usize = src + (<usize>i << 3);
    const lo = f32x4.demote_f64x2_zero(v128.load(s)); // [f0, f1, 0, 0]
    const hi = f32x4.demote_f64x2_zero(v128.load(s, 16)); // [f2, f3, 0, 0]
    v128.store(dst + (<usize>i << 2), i64x2.shuffle(lo, hi, 0, 2)); // [f0, f1, f2, f3]
  }
  for (let i: i32 = n4; i < n; i++) store<f32>(dst + (<usize>i << 2), <f32>load<f64>(src + (<usize>i << 3)));
}

/** c64[i] += f64(c32[i]) for i < n (the float32 product's result added to the float64 C). */
export function addF32ToF64(c64: usize, c32: usize, n: i32): void {
  const n4: i32 = n & ~3;
  for (let i: i32 = 0; i < n4; i += 4) {
    const c: usize = c64 + (<usize>i << 3);
    const v = v128.load(c32 + (<usize>i << 2));
    v128.store(c, f64x2.add(v128.load(c), f64x2.promote_low_f32x4(v)));
    v128.store(c, f64x2.add(v128.load(c, 16), f64x2.promote_low_f32x4(i64x2.shuffle(v, v, 1, 1))), 16);
  }
  for (let i: i32 = n4; i < n; i++) {
    const c: usize = c64 + (<usize>i << 3);
    store<f64>(c, load<f64>(c) + <f64>load<f32>(c32 + (<usize>i << 2)));
  }
}

/** c64[i] = f64(c32[i]) for i < n (the float32 result, widened exactly, replaces the float64 C). */
export function promoteF32ToF64(c64: usize, c32: usize, n: i32): void {
  const n4: i32 = n & ~3;
  for (let i: i32 = 0; i < n4; i += 4) {
    const c: usize = c64 + (<usize>i << 3);
    const v = v128.load(c32 + (<usize>i << 2));
    v128.store(c, f64x2.promote_low_f32x4(v));
    v128.store(c, f64x2.promote_low_f32x4(i64x2.shuffle(v, v, 1, 1)), 16);
  }
  for (let i: i32 = n4; i < n; i++) store<f64>(c64 + (<usize>i << 3), <f64>load<f32>(c32 + (<usize>i << 2)));
}
