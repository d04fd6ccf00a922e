import { Rng } from "../../../lib/core/random";
import { Kernels, compareKernels, getKernels, setKernels, typedArrayKernels } from "../../../lib/kernels";

/** Reference C += op(A) op(B) with a triple loop. */
function naive(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number, tA: boolean, tB: boolean) {
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[aOff + (tA ? p * m + i : i * k + p)] * B[bOff + (tB ? j * k + p : p * n + j)];
      C[cOff + i * n + j] += s;
    }
}

describe("typed-array kernels", () => {
  const rng = new Rng(3);
  test("matmulAccumulate equals a triple loop for all transposes, odd sizes and offsets", () => {
    for (const [m, k, n] of [[1, 1, 1], [2, 3, 4], [5, 7, 3], [3, 130, 9], [8, 4, 8], [7, 1, 5], [2, 65, 2]]) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const A = rng.normalArray(m * k + 3);
          const B = rng.normalArray(k * n + 5);
          const C0 = rng.normalArray(m * n + 2);
          const C1 = Float64Array.from(C0);
          typedArrayKernels.matmulAccumulate(C0, 1, A, 3, B, 5, m, k, n, tA, tB);
          naive(C1, 1, A, 3, B, 5, m, k, n, tA, tB);
          for (let i = 0; i < C0.length; i++) expect(Math.abs(C0[i] - C1[i])).toBeLessThan(1e-12 * (1 + Math.abs(C1[i])));
          expect(C0[0]).toBe(C1[0]); // outside the block: untouched
        }
      }
    }
  });

  test("empty products leave C unchanged", () => {
    const C = new Float64Array([1, 2]);
    typedArrayKernels.matmulAccumulate(C, 0, new Float64Array(0), 0, new Float64Array(0), 0, 1, 0, 2, false, false);
    expect(Array.from(C)).toEqual([1, 2]);
  });

  test("row-vector add and row sums", () => {
    const M = new Float64Array([1, 2, 3, 4, 5, 6]);
    typedArrayKernels.addRowVector(M, 0, 2, 3, new Float64Array([0, 10, 20, 30]), 1);
    expect(Array.from(M)).toEqual([11, 22, 33, 14, 25, 36]);
    const out = new Float64Array([1, 1, 1]);
    typedArrayKernels.sumRowsAccumulate(out, 0, M, 0, 2, 3);
    expect(Array.from(out)).toEqual([26, 48, 70]);
  });

  test("LSTM pointwise: c = f c_prev + i g, h = o tanh(c)", () => {
    const H = 2;
    const pre = rng.normalArray(4 * H);
    const gates = Float64Array.from(pre);
    const cPrev = rng.normalArray(H);
    const c = new Float64Array(H);
    const h = new Float64Array(H);
    typedArrayKernels.lstmPointwise(gates, 0, cPrev, 0, c, 0, h, 0, 1, H);
    const s = (x: number) => 1 / (1 + Math.exp(-x));
    for (let j = 0; j < H; j++) {
      const i = s(pre[j]), f = s(pre[H + j]), g = Math.tanh(pre[2 * H + j]), o = s(pre[3 * H + j]);
      expect(c[j]).toBeCloseTo(f * cPrev[j] + i * g, 14);
      expect(h[j]).toBeCloseTo(o * Math.tanh(f * cPrev[j] + i * g), 14);
    }
  });

  test("sigmoid saturates without NaN for huge pre-activations", () => {
    const gates = new Float64Array([1e6, -1e6, 1e6, -1e6]);
    const c = new Float64Array(1);
    const h = new Float64Array(1);
    typedArrayKernels.lstmPointwise(gates, 0, new Float64Array([5]), 0, c, 0, h, 0, 1, 1);
    expect(Array.from(gates)).toEqual([1, 0, 1, 0]);
    expect(c[0]).toBe(1);
    expect(h[0]).toBe(0);
  });

  test("setKernels swaps the implementation and returns the previous one", () => {
    let calls = 0;
    const counting: Kernels = {
      ...typedArrayKernels,
      name: "counting",
      matmulAccumulate(...args) {
        calls++;
        typedArrayKernels.matmulAccumulate(...args);
      },
    };
    const prev = setKernels(counting);
    try {
      expect(getKernels().name).toBe("counting");
      getKernels().matmulAccumulate(new Float64Array(1), 0, new Float64Array([2]), 0, new Float64Array([3]), 0, 1, 1, 1, false, false);
      expect(calls).toBe(1);
    } finally {
      setKernels(prev);
    }
    expect(getKernels()).toBe(typedArrayKernels);
  });
});

describe("compareKernels (conformance check for replacement kernels)", () => {
  test("the reference agrees with itself exactly, a wrong kernel is caught", () => {
    const same = compareKernels(typedArrayKernels, typedArrayKernels, new Rng(1));
    expect(Object.values(same).every((d) => d === 0)).toBe(true);
    expect(Object.keys(same).length).toBe(9);
    const broken: Kernels = {
      ...typedArrayKernels,
      name: "broken",
      lstmPointwiseBackward(...args) {
        typedArrayKernels.lstmPointwiseBackward(...args);
        args[10][args[11]] += 1e-3; // corrupt one gate gradient
      },
    };
    const diff = compareKernels(broken, typedArrayKernels, new Rng(1));
    expect(diff.lstmPointwiseBackward).toBeGreaterThan(1e-5);
    expect(diff.matmulAccumulate).toBe(0);
  });
});
