/**
 * The WebAssembly SIMD pointwise kernels (wasm/gates/gates.as.ts) against the typed-array
 * reference: LSTM backward, GRU forward and backward, RNN activation and its backward, bias add
 * and bias-gradient sums (LSTM forward: wasmKernels.test.ts; the float32 set: wasmGatesF32.test.ts).
 *
 * - Kernels without exp/tanh (GRU backward, RNN backward, ReLU, bias add, bias sums) do the
 *   reference's arithmetic in the reference's order: the same bits are required (Object.is, so
 *   NaN and the sign of zero count too).
 * - Kernels with σ/tanh differ by the SIMD exp's rounding (a few 1e-16 relative). Required:
 *   1e-13 relative, or an absolute floor of 1e-15 times the scale of the terms that can cancel
 *   (c = f·cPrev + i·g, dc + dh·o·(1 − tanh²c), h = (1 − z)·n + z·hPrev, gi_n + r·hn), since a
 *   1e-16 change of one term is a large relative change of a sum that cancels to ~0; and σ in
 *   its clamped tails may be ~1e-308 where the reference gives 0 (floor 1e-300 there).
 * - Non-finite results must agree exactly (NaN where the reference has NaN, the same infinity).
 * Shapes include B = 1, odd H (the last column runs with both lanes holding it), H = 33 and
 * non-zero offsets with guard elements that must stay untouched.
 */
import { Rng } from "../../../lib/core/random";
import type { Kernels } from "../../../lib/kernels/kernels";
import { typedArrayKernels } from "../../../lib/kernels/typedArrayKernels";
import { WASM_MIN_POINTWISE_ELEMENTS, createWasmKernels } from "../../../lib/kernels/wasmKernels";

const simd = createWasmKernels({ minPointwiseElements: 0 })!; // every call in WebAssembly, tiny shapes included
const ref = typedArrayKernels;
const rng = new Rng(2026);
const SHAPES: [number, number][] = [[1, 1], [1, 2], [3, 5], [2, 7], [16, 32], [4, 33], [5, 64]];
/** Values that stress exp/tanh and the arithmetic: tiny, subnormal, huge, ±0, ±∞, NaN. */
const SPECIALS = [0, -0, 5e-324, -5e-324, 1e-300, -1e-300, 1e-10, -1e-10, 0.3466, -0.3466, 19, -19, 37, -37, 354, -355, 709, -710, 800, -800, 1e6, -1e6, 1e300, -1e300, Infinity, -Infinity, NaN];

/** A random array of n + 2·pad values (pad guards on each side), sd `sd`, some entries special. */
function operand(n: number, sd: number, specials: boolean, pad = 3): Float64Array {
  const a = rng.normalArray(n + 2 * pad, 0, sd);
  if (specials) for (let i = 0; i < SPECIALS.length && i < n; i++) a[pad + ((i * 7919) % n)] = SPECIALS[i];
  return a;
}

/** Same bits (NaN = NaN, +0 ≠ −0). */
function expectSameBits(label: string, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) expect([label, i, a[i]]).toEqual([label, i, b[i]]);
  }
}

/** |a − b| ≤ 1e-13 |b| + floor(i), and identical when b is not finite. */
function expectClose(label: string, a: Float64Array, b: Float64Array, floor: (i: number) => number): void {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    const ok = Number.isFinite(y) ? Number.isFinite(x) && Math.abs(x - y) <= 1e-13 * Math.abs(y) + floor(i) : Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y));
    if (!ok) expect([label, i, x]).toEqual([label, i, y]);
  }
}

/** Runs `f` on copies of `arrays` with the SIMD and the reference kernels; returns both copies. */
function both(arrays: Float64Array[], f: (k: Kernels, a: Float64Array[]) => void): [Float64Array[], Float64Array[]] {
  const a = arrays.map((x) => Float64Array.from(x));
  const b = arrays.map((x) => Float64Array.from(x));
  f(simd, a);
  f(ref, b);
  return [a, b];
}

const P = 3; // offset of every operand (its guard cells before and after must not change)

describe("WebAssembly SIMD gate kernels against the typed-array reference", () => {
  test("the kernel sets (float64 and float32 products) use the SIMD pointwise kernels", () => {
    const names: (keyof Kernels)[] = ["addRowVector", "sumRowsAccumulate", "rnnActivate", "rnnActivateBackward", "lstmPointwise", "lstmPointwiseBackward", "gruPointwise", "gruPointwiseBackward"];
    const f32 = createWasmKernels({ precision: "float32", minPointwiseElements: 0 })!;
    for (const name of names) {
      expect([name, simd[name] !== ref[name]]).toEqual([name, true]);
      expect([name, f32[name] !== ref[name]]).toEqual([name, true]);
    }
  });

  test("lstmPointwiseBackward: 1e-13 relative (floor 1e-15 of the cancelling terms), specials, dcPrev aliasing dc", () => {
    for (const specials of [false, true]) {
      for (const [B, H] of SHAPES) {
        const n = B * H;
        // valid activations from the forward kernel, then the stored gates/c of that step
        const pre = operand(4 * n, 3, specials);
        const cPrev = operand(n, 2, specials);
        const c = operand(n, 1, false);
        ref.lstmPointwise(pre, P, cPrev, P, c, P, new Float64Array(n + 2 * P), P, B, H);
        const dh = operand(n, 1, specials);
        const dc = operand(n, 1, specials);
        const [a, b] = both([pre, cPrev, c, dh, dc, operand(4 * n, 1, false), operand(n, 1, false)], (k, [g, cp, cc, dhh, dcc, dg, dcp]) =>
          k.lstmPointwiseBackward(g, P, cp, P, cc, P, dhh, P, dcc, P, dg, P, dcp, P, B, H),
        );
        // scale of element (row, column) of the state: dc + dh·o·(1 − tanh²c) and its products with g, i, cPrev, f
        const scale = (s: number): number => (Math.abs(dc[s]) + Math.abs(dh[s])) * (1 + Math.abs(cPrev[s]));
        const stateOf = (gi: number): number => P + Math.floor((gi - P) / (4 * H)) * H + ((gi - P) % H);
        expectClose(`dGates B=${B} H=${H}`, a[5], b[5], (i) => (i < P || i >= P + 4 * n ? 0 : 1e-15 * scale(stateOf(i))));
        expectClose(`dcPrev B=${B} H=${H}`, a[6], b[6], (i) => (i < P || i >= P + n ? 0 : 1e-15 * scale(i)));
        for (let t = 0; t < 5; t++) expectSameBits(`input ${t} unchanged`, a[t], b[t]);
      }
    }
    // dcPrev may be dc itself (the interface allows it)
    const [B, H] = [3, 5];
    const n = B * H;
    const g = operand(4 * n, 3, false);
    ref.lstmPointwise(g, P, operand(n, 1, false), P, new Float64Array(n + 2 * P), P, new Float64Array(n + 2 * P), P, B, H);
    const [a, b] = both([g, operand(n, 1, false), operand(n, 1, false), operand(n, 1, false), operand(n, 1, false), new Float64Array(4 * n + 2 * P)], (k, [gg, cp, c, dh, dc, dg]) =>
      k.lstmPointwiseBackward(gg, P, cp, P, c, P, dh, P, dc, P, dg, P, dc, P, B, H),
    );
    expectClose("aliased dc", a[4], b[4], () => 1e-15);
    expectClose("aliased dGates", a[5], b[5], () => 1e-15);
  });

  test("gruPointwise: 1e-13 relative (floors: σ tails 1e-300, n and h 1e-15 of the cancelling terms), specials", () => {
    for (const specials of [false, true]) {
      for (const [B, H] of SHAPES) {
        const n = B * H;
        const gi = operand(3 * n, 3, specials);
        const gh = operand(3 * n, 3, specials);
        const hPrev = operand(n, 1, specials);
        const [a, b] = both([gi, gh, operand(n, 1, false), hPrev, operand(n, 1, false)], (k, [gia, gha, hn, hp, h]) =>
          k.gruPointwise(gia, P, gha, P, hn, P, hp, P, h, P, B, H),
        );
        const row = (i: number): number => Math.floor((i - P) / (3 * H));
        const col = (i: number): number => (i - P) % (3 * H);
        // n = tanh(gi_n + r·hn): r's rounding moves the argument by ~1e-16·|hn|
        const hnAt = (s: number): number => Math.abs(gh[P + Math.floor((s - P) / H) * 3 * H + 2 * H + ((s - P) % H)]);
        expectClose(`gates B=${B} H=${H}`, a[0], b[0], (i) => {
          if (i < P || i >= P + 3 * n) return 0;
          const j = col(i);
          return j < 2 * H ? 1e-300 : 1e-15 * (1 + Math.abs(gh[P + row(i) * 3 * H + j]));
        });
        expectSameBits(`hn B=${B} H=${H}`, a[2], b[2]); // a copy of gh's n-slice
        expectClose(`h B=${B} H=${H}`, a[4], b[4], (s) => (s < P || s >= P + n ? 0 : 1e-15 * (1 + hnAt(s) + Math.abs(hPrev[s]))));
        expectSameBits("gh unchanged", a[1], b[1]);
        expectSameBits("hPrev unchanged", a[3], b[3]);
      }
    }
  });

  test("gruPointwiseBackward: the same bits as the reference, specials included", () => {
    for (const specials of [false, true]) {
      for (const [B, H] of SHAPES) {
        const n = B * H;
        const gates = operand(3 * n, 3, false);
        ref.gruPointwise(gates, P, operand(3 * n, 3, false), P, new Float64Array(n + 2 * P), P, operand(n, 1, false), P, new Float64Array(n + 2 * P), P, B, H);
        if (specials) for (let i = 0; i < 3 * n; i += 5) gates[P + i] = SPECIALS[(i / 5) % SPECIALS.length];
        const [a, b] = both(
          [gates, operand(n, 1, specials), operand(n, 1, specials), operand(n, 1, specials), operand(3 * n, 1, false), operand(3 * n, 1, false), operand(n, 1, false)],
          (k, [g, hn, hp, dh, dgi, dgh, dhp]) => k.gruPointwiseBackward(g, P, hn, P, hp, P, dh, P, dgi, P, dgh, P, dhp, P, B, H),
        );
        for (let t = 0; t < a.length; t++) expectSameBits(`B=${B} H=${H} array ${t}`, a[t], b[t]);
      }
    }
  });

  test("rnnActivate: tanh within 1e-13 relative (no cancellation), ReLU the same bits (NaN and −0 → +0)", () => {
    for (const specials of [false, true]) {
      for (const n of [1, 2, 3, 15, 64, 1025]) {
        const x = operand(n, 3, specials);
        const [a, b] = both([x], (k, [p]) => k.rnnActivate(p, P, n, false));
        expectClose(`tanh n=${n}`, a[0], b[0], () => 0);
        const [c, d] = both([x], (k, [p]) => k.rnnActivate(p, P, n, true));
        expectSameBits(`relu n=${n}`, c[0], d[0]);
      }
    }
  });

  test("rnnActivateBackward (tanh and ReLU): the same bits as the reference, specials included", () => {
    for (const specials of [false, true]) {
      for (const n of [1, 2, 3, 15, 64, 1025]) {
        for (const relu of [false, true]) {
          const h = operand(n, 1, specials);
          if (!relu && !specials) ref.rnnActivate(h, P, n, false); // real activations in (−1, 1)
          const [a, b] = both([h, operand(n, 1, specials), operand(n, 1, false)], (k, [hh, dh, dp]) => k.rnnActivateBackward(hh, P, dh, P, dp, P, n, relu));
          for (let t = 0; t < 3; t++) expectSameBits(`n=${n} relu=${relu} array ${t}`, a[t], b[t]);
        }
      }
    }
  });

  test("addRowVector and sumRowsAccumulate: the same bits as the reference (rows summed in order)", () => {
    for (const specials of [false, true]) {
      for (const [rows, cols] of [[1, 1], [1, 2], [3, 5], [7, 8], [16, 9], [50, 128], [800, 17], [33, 20]]) {
        const M = operand(rows * cols, 2, specials);
        const v = operand(cols, 1, specials);
        const [a, b] = both([M, v], (k, [m, vv]) => k.addRowVector(m, P, rows, cols, vv, P));
        for (let t = 0; t < 2; t++) expectSameBits(`add ${rows}×${cols} array ${t}`, a[t], b[t]);
        const [c, d] = both([v, M], (k, [out, m]) => k.sumRowsAccumulate(out, P, m, P, rows, cols));
        for (let t = 0; t < 2; t++) expectSameBits(`sum ${rows}×${cols} array ${t}`, c[t], d[t]);
      }
    }
  });

  test("default thresholds: calls below WASM_MIN_POINTWISE_ELEMENTS run the typed-array kernel, larger ones SIMD", () => {
    const dflt = createWasmKernels()!;
    // inputs where the SIMD tanh and Math.tanh round differently tell the two paths apart
    const n = 4096;
    const x = rng.normalArray(n, 0, 2);
    const viaSimd = Float64Array.from(x);
    simd.rnnActivate(viaSimd, 0, n, false);
    const differing = Array.from(x).filter((v, i) => viaSimd[i] !== Math.tanh(v));
    expect(differing.length).toBeGreaterThan(WASM_MIN_POINTWISE_ELEMENTS.rnnActivate);
    const small = Float64Array.from(differing.slice(0, WASM_MIN_POINTWISE_ELEMENTS.rnnActivate - 1));
    const smallRef = small.map(Math.tanh);
    dflt.rnnActivate(small, 0, small.length, false);
    expectSameBits("below the threshold: typed-array", small, smallRef);
    const large = Float64Array.from(differing.slice(0, WASM_MIN_POINTWISE_ELEMENTS.rnnActivate));
    const largeSimd = Float64Array.from(large);
    simd.rnnActivate(largeSimd, 0, large.length, false);
    dflt.rnnActivate(large, 0, large.length, false);
    expectSameBits("at the threshold: SIMD", large, largeSimd);
    expect(large.some((v, i) => v !== Math.tanh(differing[i]))).toBe(true);
  });

  test("empty operands (B = 0, rows = 0, n = 0) change nothing", () => {
    const a = rng.normalArray(8);
    const before = Float64Array.from(a);
    simd.lstmPointwiseBackward(a, 0, a, 0, a, 0, a, 0, a, 0, a, 0, a, 0, 0, 4);
    simd.gruPointwise(a, 0, a, 0, a, 0, a, 0, a, 0, 0, 4);
    simd.gruPointwiseBackward(a, 0, a, 0, a, 0, a, 0, a, 0, a, 0, a, 0, 0, 4);
    simd.rnnActivate(a, 0, 0, false);
    simd.rnnActivateBackward(a, 0, a, 0, a, 0, 0, true);
    simd.addRowVector(a, 0, 0, 4, a, 0);
    simd.sumRowsAccumulate(a, 0, a, 0, 0, 4);
    expectSameBits("unchanged", a, before);
  });
});

describe("float32 products: operands and C rounded in SIMD, the product accumulated into C in float32", () => {
  test("rounding is Math.fround's, C is rounded once and the products added to it in float32 (every transpose, odd sizes)", () => {
    const k32 = createWasmKernels({ minMultiplyAdds: 0, precision: "float32" })!;
    // the last two: A resp. B above 32768 values, rounded by Float32Array.set instead of in SIMD
    for (const [m, kk, n] of [[1, 1, 1], [3, 1, 7], [3, 5, 7], [5, 17, 3], [16, 32, 128], [33, 64, 17], [7, 130, 9], [200, 201, 3], [3, 201, 200]]) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const A = rng.normalArray(m * kk + 3);
          const B = rng.normalArray(kk * n + 5);
          A[3] = 1e-50; // below float32's range: rounds to 0
          B[5] = 1 + 2 ** -24; // a tie: rounds to even (1)
          B[6] = 1e39; // above float32's range: rounds to Infinity (its row or column of the product is ±∞ or NaN)
          const C0 = rng.normalArray(m * n + 2);
          // P: the product alone (C = 0), with operands as given and with operands pre-rounded by Math.fround
          const P = new Float64Array(m * n + 2);
          const Pr = new Float64Array(m * n + 2);
          k32.matmulAccumulate(P, 1, A, 3, B, 5, m, kk, n, tA, tB);
          k32.matmulAccumulate(Pr, 1, A.map(Math.fround), 3, B.map(Math.fround), 5, m, kk, n, tA, tB);
          expectSameBits(`rounded ${m}×${kk}×${n} ${tA} ${tB}`, P, Pr);
          const C = Float64Array.from(C0);
          k32.matmulAccumulate(C, 1, A, 3, B, 5, m, kk, n, tA, tB);
          const Cr = C0.map((c, i) => (i >= 1 && i <= m * n ? Math.fround(c) : c));
          k32.matmulAccumulate(Cr, 1, A, 3, B, 5, m, kk, n, tA, tB);
          expectSameBits(`C rounded ${m}×${kk}×${n} ${tA} ${tB}`, C, Cr);
          for (let i = 1; i <= m * n; i++) if (!Object.is(Math.fround(C[i]), C[i])) expect([i, C[i]]).toEqual([i, Math.fround(C[i])]);
          expect([C[0], C[m * n + 1]]).toEqual([C0[0], C0[m * n + 1]]);
          if (kk === 1) {
            // one term: C ← f32(f32(C) + f32(a·b)) (the product of two float32 values, rounded once, added once)
            const expected = C0.map((c, i) => (i >= 1 && i <= m * n ? Math.fround(Math.fround(c) + P[i]) : c));
            expectSameBits(`added once ${m}×${kk}×${n} ${tA} ${tB}`, C, expected);
          }
        }
      }
    }
  });
});
