// @ts-nocheck -- AssemblyScript (usize, f64, v128 builtins), compiled by asc, not tsc
// Microkernels for the roofline benchmark (scripts/bench/roofline.js, issue 8): what one core
// can do in WebAssembly SIMD on this machine, measured, not estimated.
//
// Compiled by roofline.js with the flags of scripts/build-wasm.js (asc -O3 --noAssert
// --runtime stub --enable simd) into build/bench/roofline.wasm; not part of the library.
//
//   peakF64x2_12 / peakF32x4_12: arithmetic peak. 12 independent chains acc ← acc·m + a
//     (one mul and one add per v128 and step; WebAssembly SIMD has no fused multiply–add),
//     register resident, no memory traffic. 12 chains: a chain's latency is mul + add ≈ 6
//     cycles and a core starts up to 2 muls and 2 adds per cycle, so 12 keep both busy.
//     peak*_8: the same with 8 chains (shows whether 12 were needed).
//   readF64x2 / readF32x4: streaming read of a buffer (8 independent v128 running sums, one
//     add per 16 bytes), repeated `passes` times: the memory side of y = J x.
//   readOr: the same read with integer ors (1-cycle latency, two loads per or): the least work
//     per 16 bytes WebAssembly SIMD allows; where it beats readF64x2, the add-read is core-bound.

/** First free byte after the static data. */
export function heapBase(): usize {
  return __heap_base;
}

// m slightly below 1 and a small: the chains converge instead of overflowing, values stay normal.
const M64: f64 = 0.9999999;
const A64: f64 = 1e-7;

/** iters steps of 12 chains: 12·2 lanes·2 flops = 48 flops per step. Returns a lane sum (keeps the work alive). */
export function peakF64x2_12(iters: i32, seed: f64): f64 {
  const m = f64x2.splat(M64);
  const a = f64x2.splat(A64);
  let x0 = f64x2.splat(seed), x1 = f64x2.splat(seed + 1), x2 = f64x2.splat(seed + 2), x3 = f64x2.splat(seed + 3);
  let x4 = f64x2.splat(seed + 4), x5 = f64x2.splat(seed + 5), x6 = f64x2.splat(seed + 6), x7 = f64x2.splat(seed + 7);
  let x8 = f64x2.splat(seed + 8), x9 = f64x2.splat(seed + 9), x10 = f64x2.splat(seed + 10), x11 = f64x2.splat(seed + 11);
  for (let i: i32 = 0; i < iters; i++) {
    x0 = f64x2.add(f64x2.mul(x0, m), a);
    x1 = f64x2.add(f64x2.mul(x1, m), a);
    x2 = f64x2.add(f64x2.mul(x2, m), a);
    x3 = f64x2.add(f64x2.mul(x3, m), a);
    x4 = f64x2.add(f64x2.mul(x4, m), a);
    x5 = f64x2.add(f64x2.mul(x5, m), a);
    x6 = f64x2.add(f64x2.mul(x6, m), a);
    x7 = f64x2.add(f64x2.mul(x7, m), a);
    x8 = f64x2.add(f64x2.mul(x8, m), a);
    x9 = f64x2.add(f64x2.mul(x9, m), a);
    x10 = f64x2.add(f64x2.mul(x10, m), a);
    x11 = f64x2.add(f64x2.mul(x11, m), a);
  }
  const s = f64x2.add(f64x2.add(f64x2.add(f64x2.add(x0, x1), f64x2.add(x2, x3)), f64x2.add(f64x2.add(x4, x5), f64x2.add(x6, x7))), f64x2.add(f64x2.add(x8, x9), f64x2.add(x10, x11)));
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}

/** 8 chains: 32 flops per step. */
export function peakF64x2_8(iters: i32, seed: f64): f64 {
  const m = f64x2.splat(M64);
  const a = f64x2.splat(A64);
  let x0 = f64x2.splat(seed), x1 = f64x2.splat(seed + 1), x2 = f64x2.splat(seed + 2), x3 = f64x2.splat(seed + 3);
  let x4 = f64x2.splat(seed + 4), x5 = f64x2.splat(seed + 5), x6 = f64x2.splat(seed + 6), x7 = f64x2.splat(seed + 7);
  for (let i: i32 = 0; i < iters; i++) {
    x0 = f64x2.add(f64x2.mul(x0, m), a);
    x1 = f64x2.add(f64x2.mul(x1, m), a);
    x2 = f64x2.add(f64x2.mul(x2, m), a);
    x3 = f64x2.add(f64x2.mul(x3, m), a);
    x4 = f64x2.add(f64x2.mul(x4, m), a);
    x5 = f64x2.add(f64x2.mul(x5, m), a);
    x6 = f64x2.add(f64x2.mul(x6, m), a);
    x7 = f64x2.add(f64x2.mul(x7, m), a);
  }
  const s = f64x2.add(f64x2.add(f64x2.add(x0, x1), f64x2.add(x2, x3)), f64x2.add(f64x2.add(x4, x5), f64x2.add(x6, x7)));
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}

const M32: f32 = 0.99999;
const A32: f32 = 1e-5;

/** iters steps of 12 chains in f32x4: 12·4 lanes·2 flops = 96 flops per step. */
export function peakF32x4_12(iters: i32, seed: f32): f64 {
  const m = f32x4.splat(M32);
  const a = f32x4.splat(A32);
  let x0 = f32x4.splat(seed), x1 = f32x4.splat(seed + 1), x2 = f32x4.splat(seed + 2), x3 = f32x4.splat(seed + 3);
  let x4 = f32x4.splat(seed + 4), x5 = f32x4.splat(seed + 5), x6 = f32x4.splat(seed + 6), x7 = f32x4.splat(seed + 7);
  let x8 = f32x4.splat(seed + 8), x9 = f32x4.splat(seed + 9), x10 = f32x4.splat(seed + 10), x11 = f32x4.splat(seed + 11);
  for (let i: i32 = 0; i < iters; i++) {
    x0 = f32x4.add(f32x4.mul(x0, m), a);
    x1 = f32x4.add(f32x4.mul(x1, m), a);
    x2 = f32x4.add(f32x4.mul(x2, m), a);
    x3 = f32x4.add(f32x4.mul(x3, m), a);
    x4 = f32x4.add(f32x4.mul(x4, m), a);
    x5 = f32x4.add(f32x4.mul(x5, m), a);
    x6 = f32x4.add(f32x4.mul(x6, m), a);
    x7 = f32x4.add(f32x4.mul(x7, m), a);
    x8 = f32x4.add(f32x4.mul(x8, m), a);
    x9 = f32x4.add(f32x4.mul(x9, m), a);
    x10 = f32x4.add(f32x4.mul(x10, m), a);
    x11 = f32x4.add(f32x4.mul(x11, m), a);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(f32x4.add(x0, x1), f32x4.add(x2, x3)), f32x4.add(f32x4.add(x4, x5), f32x4.add(x6, x7))), f32x4.add(f32x4.add(x8, x9), f32x4.add(x10, x11)));
  return <f64>(f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3));
}

/** 8 chains in f32x4: 64 flops per step. */
export function peakF32x4_8(iters: i32, seed: f32): f64 {
  const m = f32x4.splat(M32);
  const a = f32x4.splat(A32);
  let x0 = f32x4.splat(seed), x1 = f32x4.splat(seed + 1), x2 = f32x4.splat(seed + 2), x3 = f32x4.splat(seed + 3);
  let x4 = f32x4.splat(seed + 4), x5 = f32x4.splat(seed + 5), x6 = f32x4.splat(seed + 6), x7 = f32x4.splat(seed + 7);
  for (let i: i32 = 0; i < iters; i++) {
    x0 = f32x4.add(f32x4.mul(x0, m), a);
    x1 = f32x4.add(f32x4.mul(x1, m), a);
    x2 = f32x4.add(f32x4.mul(x2, m), a);
    x3 = f32x4.add(f32x4.mul(x3, m), a);
    x4 = f32x4.add(f32x4.mul(x4, m), a);
    x5 = f32x4.add(f32x4.mul(x5, m), a);
    x6 = f32x4.add(f32x4.mul(x6, m), a);
    x7 = f32x4.add(f32x4.mul(x7, m), a);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(x0, x1), f32x4.add(x2, x3)), f32x4.add(f32x4.add(x4, x5), f32x4.add(x6, x7)));
  return <f64>(f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3));
}

/**
 * Reads `bytes` bytes at p (a multiple of 128) `passes` times: 8 running f64x2 sums, one load
 * and one add per 16 bytes. Returns the sum (keeps the loads alive).
 */
export function readF64x2(p: usize, bytes: usize, passes: i32): f64 {
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
  let s4 = f64x2.splat(0), s5 = f64x2.splat(0), s6 = f64x2.splat(0), s7 = f64x2.splat(0);
  const end: usize = p + bytes;
  for (let r: i32 = 0; r < passes; r++) {
    for (let q: usize = p; q < end; q += 128) {
      s0 = f64x2.add(s0, v128.load(q));
      s1 = f64x2.add(s1, v128.load(q, 16));
      s2 = f64x2.add(s2, v128.load(q, 32));
      s3 = f64x2.add(s3, v128.load(q, 48));
      s4 = f64x2.add(s4, v128.load(q, 64));
      s5 = f64x2.add(s5, v128.load(q, 80));
      s6 = f64x2.add(s6, v128.load(q, 96));
      s7 = f64x2.add(s7, v128.load(q, 112));
    }
  }
  const s = f64x2.add(f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3)), f64x2.add(f64x2.add(s4, s5), f64x2.add(s6, s7)));
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}

/** The same read with f32x4 sums (a float32 matrix streamed as in the float32 simulation). */
export function readF32x4(p: usize, bytes: usize, passes: i32): f64 {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
  let s4 = f32x4.splat(0), s5 = f32x4.splat(0), s6 = f32x4.splat(0), s7 = f32x4.splat(0);
  const end: usize = p + bytes;
  for (let r: i32 = 0; r < passes; r++) {
    for (let q: usize = p; q < end; q += 128) {
      s0 = f32x4.add(s0, v128.load(q));
      s1 = f32x4.add(s1, v128.load(q, 16));
      s2 = f32x4.add(s2, v128.load(q, 32));
      s3 = f32x4.add(s3, v128.load(q, 48));
      s4 = f32x4.add(s4, v128.load(q, 64));
      s5 = f32x4.add(s5, v128.load(q, 80));
      s6 = f32x4.add(s6, v128.load(q, 96));
      s7 = f32x4.add(s7, v128.load(q, 112));
    }
  }
  const s = f32x4.add(f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3)), f32x4.add(f32x4.add(s4, s5), f32x4.add(s6, s7)));
  return <f64>(f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3));
}

/** The same read with integer ors (1-cycle latency): the least work per byte, to check that readF64x2 is not core-bound. */
export function readOr(p: usize, bytes: usize, passes: i32): i64 {
  let s0 = i64x2.splat(0), s1 = i64x2.splat(0), s2 = i64x2.splat(0), s3 = i64x2.splat(0);
  const end: usize = p + bytes;
  for (let r: i32 = 0; r < passes; r++) {
    for (let q: usize = p; q < end; q += 128) {
      s0 = v128.or(s0, v128.or(v128.load(q), v128.load(q, 16)));
      s1 = v128.or(s1, v128.or(v128.load(q, 32), v128.load(q, 48)));
      s2 = v128.or(s2, v128.or(v128.load(q, 64), v128.load(q, 80)));
      s3 = v128.or(s3, v128.or(v128.load(q, 96), v128.load(q, 112)));
    }
  }
  const s = v128.or(v128.or(s0, s1), v128.or(s2, s3));
  return i64x2.extract_lane(s, 0) ^ i64x2.extract_lane(s, 1);
}

