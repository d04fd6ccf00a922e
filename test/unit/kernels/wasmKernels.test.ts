import { Rng } from "../../../lib/core/random";
import { compareKernels, createWasmKernels, getKernels, setKernels, typedArrayKernels, useFastKernels, useReferenceKernels } from "../../../lib/kernels";

/** Reference C += op(A) op(B) with a triple loop. */
function naive(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number, tA: boolean, tB: boolean) {
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[aOff + (tA ? p * m + i : i * k + p)] * B[bOff + (tB ? j * k + p : p * n + j)];
      C[cOff + i * n + j] += s;
    }
}

function relErr(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1e-300 + Math.max(Math.abs(b[i]), 1)));
  return worst;
}

describe("WebAssembly SIMD kernels", () => {
  const rng = new Rng(8);

  test("matmulAccumulate equals a triple loop: all transposes, sizes 1, odd, blocks, panels, offsets", () => {
    // threshold 0: every product goes through WebAssembly, including the tiny ones
    const k = createWasmKernels({ minMultiplyAdds: 0 })!;
    const shapes = [[1, 1, 1], [1, 7, 1], [1, 9, 5], [5, 9, 1], [2, 3, 4], [4, 4, 4], [5, 7, 3], [3, 130, 9], [7, 1, 5], [9, 131, 130], [13, 257, 6], [130, 5, 129], [33, 64, 17]];
    for (const [m, kk, n] of shapes) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const A = rng.normalArray(m * kk + 3);
          const B = rng.normalArray(kk * n + 5);
          const C0 = rng.normalArray(m * n + 2);
          const C1 = Float64Array.from(C0);
          k.matmulAccumulate(C0, 1, A, 3, B, 5, m, kk, n, tA, tB);
          naive(C1, 1, A, 3, B, 5, m, kk, n, tA, tB);
          expect(relErr(C0, C1)).toBeLessThan(1e-12);
          expect(C0[0]).toBe(C1[0]); // outside the block: untouched
          expect(C0[m * n + 1]).toBe(C1[m * n + 1]);
        }
      }
    }
  });

  test("the engine's shapes (input projection, recurrent step, weight gradients) agree ≤ 1e-12 relative", () => {
    const k = createWasmKernels()!;
    const [T, B, D, H] = [20, 16, 8, 32];
    const G = 4 * H;
    const cases: [number, number, number, boolean, boolean][] = [
      [T * B, D, G, false, true], // gates += X W_ihᵀ
      [B, H, G, false, true], // gates_t += h W_hhᵀ
      [B, G, H, false, false], // carry += δ W_hh
      [G, T * B, D, true, false], // dW_ih += δᵀ X
      [G, T * B, H, true, false], // dW_hh += δᵀ H
      [T * B, G, D, false, false], // dX += δ W_ih
    ];
    for (const [m, kk, n, tA, tB] of cases) {
      const A = rng.normalArray(m * kk);
      const Bm = rng.normalArray(kk * n);
      const C0 = rng.normalArray(m * n);
      const C1 = Float64Array.from(C0);
      k.matmulAccumulate(C0, 0, A, 0, Bm, 0, m, kk, n, tA, tB);
      typedArrayKernels.matmulAccumulate(C1, 0, A, 0, Bm, 0, m, kk, n, tA, tB);
      expect(relErr(C0, C1)).toBeLessThan(1e-12);
    }
  });

  test("compareKernels: every kernel agrees with the reference at rounding level", () => {
    for (const threshold of [0, undefined]) {
      const diffs = compareKernels(createWasmKernels({ minMultiplyAdds: threshold, minPointwiseElements: threshold })!, typedArrayKernels, new Rng(1));
      for (const [name, d] of Object.entries(diffs)) {
        expect([name, d <= 1e-12]).toEqual([name, true]);
      }
    }
  });

  test("lstmPointwise (SIMD exp): every output within 1e-14 relative of the reference, incl. tiny, huge and NaN gates, odd H", () => {
    const k = createWasmKernels({ minPointwiseElements: 0 })!;
    const specials = [0, -0, 1e-300, -1e-300, 1e-10, -1e-10, 0.3466, -0.3466, 0.5, -2, 20, -20, 37, -37, 354, -355, 700, -700, 800, -800, 1e6, -1e6];
    for (const [B, H] of [[1, 2], [3, 4], [16, 32], [2, 30], [1, 1], [3, 5], [4, 33]]) {
      const n = B * H;
      const gates = rng.normalArray(4 * n + 3, 0, 4);
      for (let i = 0; i < specials.length && i < 4 * n; i++) gates[3 + ((i * 7) % (4 * n))] = specials[i];
      const cPrev = rng.normalArray(n + 1, 0, 2);
      const a = [Float64Array.from(gates), new Float64Array(n + 2), new Float64Array(n + 5)];
      const b = [Float64Array.from(gates), new Float64Array(n + 2), new Float64Array(n + 5)];
      k.lstmPointwise(a[0], 3, cPrev, 1, a[1], 2, a[2], 5, B, H);
      typedArrayKernels.lstmPointwise(b[0], 3, cPrev, 1, b[1], 2, b[2], 5, B, H);
      for (let t = 0; t < 3; t++) {
        for (let i = 0; i < a[t].length; i++) {
          const err = Math.abs(a[t][i] - b[t][i]);
          // gates: relative 1e-14, or absolute 1e-300 (the clamped tails: σ(−800) ≈ 1e−308 instead of 0);
          // c = f·cPrev + i·g and h = o·tanh(c) can cancel to ~0, so for them also absolute 1e-15
          const ok = err <= 1e-14 * Math.abs(b[t][i]) || err <= (t === 0 ? 1e-300 : 1e-15);
          expect([t, i, ok]).toEqual([t, i, true]);
        }
      }
    }
    // NaN propagates; odd H runs in SIMD too (the last column with both lanes holding it)
    const g = Float64Array.from([NaN, 0, 1, 2, 3, 4, 5, 6]);
    k.lstmPointwise(g, 0, new Float64Array(2), 0, new Float64Array(2), 0, new Float64Array(2), 0, 1, 2);
    expect(Number.isNaN(g[0])).toBe(true);
    const odd = rng.normalArray(4 * 3);
    const odd2 = Float64Array.from(odd);
    k.lstmPointwise(odd, 0, new Float64Array(3), 0, new Float64Array(3), 0, new Float64Array(3), 0, 1, 3);
    typedArrayKernels.lstmPointwise(odd2, 0, new Float64Array(3), 0, new Float64Array(3), 0, new Float64Array(3), 0, 1, 3);
    for (let i = 0; i < odd.length; i++) expect(Math.abs(odd[i] - odd2[i])).toBeLessThanOrEqual(1e-14 * Math.abs(odd2[i]));
  });

  test("memory grows for large operands and the kernels keep working afterwards", () => {
    const k = createWasmKernels()!;
    const [m, kk, n] = [300, 400, 300]; // ≈ 3 MB of operands: several memory.grow calls
    const A = rng.normalArray(m * kk);
    const B = rng.normalArray(kk * n);
    const C0 = new Float64Array(m * n);
    const C1 = new Float64Array(m * n);
    k.matmulAccumulate(C0, 0, A, 0, B, 0, m, kk, n, true, true);
    typedArrayKernels.matmulAccumulate(C1, 0, A, 0, B, 0, m, kk, n, true, true);
    expect(relErr(C0, C1)).toBeLessThan(1e-12);
    const small = new Float64Array(16 * 128);
    const small1 = new Float64Array(16 * 128);
    const a = rng.normalArray(16 * 32);
    const w = rng.normalArray(128 * 32);
    k.matmulAccumulate(small, 0, a, 0, w, 0, 16, 32, 128, false, true);
    typedArrayKernels.matmulAccumulate(small1, 0, a, 0, w, 0, 16, 32, 128, false, true);
    expect(relErr(small, small1)).toBeLessThan(1e-12);
  });

  test("useFastKernels / useReferenceKernels switch the active set", () => {
    const before = getKernels();
    try {
      expect(useFastKernels().name).toBe("wasm-simd");
      expect(getKernels().name).toBe("wasm-simd");
      expect(useReferenceKernels()).toBe(typedArrayKernels);
      expect(useFastKernels()).toBe(getKernels());
    } finally {
      setKernels(before);
    }
  });
});
