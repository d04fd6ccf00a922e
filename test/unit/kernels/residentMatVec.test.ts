import { Rng } from "../../../lib/core/random";
import { createResidentMatVec, wasmSimdAvailable } from "../../../lib/kernels";

/** Reference y += M x with a plain loop. */
function naive(y: Float64Array, M: Float64Array, x: Float64Array, rows: number, cols: number) {
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let p = 0; p < cols; p++) s += M[i * cols + p] * x[p];
    y[i] += s;
  }
}

function relErr(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1e-300 + Math.max(Math.abs(b[i]), 1)));
  return worst;
}

describe("the resident matrix–vector product (WebAssembly SIMD)", () => {
  const rng = new Rng(8);

  test("SIMD is available in this Node (the fallback is tested separately)", () => {
    expect(wasmSimdAvailable()).toBe(true);
  });

  test("a resident matrix gives the same matrix–vector products, and update() replaces it", () => {
    for (const [rows, cols] of [[1, 1], [7, 5], [64, 33], [130, 130], [1000, 1000]]) {
      const M = rng.normalArray(rows * cols);
      const mv = createResidentMatVec(M, rows, cols);
      const x = rng.normalArray(cols);
      const y = rng.normalArray(rows);
      const yRef = Float64Array.from(y);
      mv.multiplyAccumulate(y, x);
      naive(yRef, M, x, rows, cols);
      expect(relErr(y, yRef)).toBeLessThan(1e-12);
      const M2 = rng.normalArray(rows * cols);
      mv.update(M2);
      const z = new Float64Array(rows);
      const zRef = new Float64Array(rows);
      mv.multiplyAccumulate(z, x);
      naive(zRef, M2, x, rows, cols);
      expect(relErr(z, zRef)).toBeLessThan(1e-12);
    }
  });

  test("multiplyAccumulateMany equals one product per vector; a disposed matrix refuses to work", () => {
    const [rows, cols, count] = [70, 66, 3];
    const M = rng.normalArray(rows * cols);
    const mv = createResidentMatVec(M, rows, cols);
    const X = rng.normalArray(count * cols);
    const Y = rng.normalArray(count * rows);
    const yRef = Float64Array.from(Y);
    mv.multiplyAccumulateMany(Y, X, count);
    for (let q = 0; q < count; q++) naive(yRef.subarray(q * rows, (q + 1) * rows), M, X.subarray(q * cols, (q + 1) * cols), rows, cols);
    expect(relErr(Y, yRef)).toBeLessThan(1e-12);
    mv.dispose();
    expect(() => mv.multiplyAccumulate(new Float64Array(rows), new Float64Array(cols))).toThrow(/disposed/);
  });

  test("createResidentMatVec rejects bad arguments by name", () => {
    expect(() => createResidentMatVec(new Float64Array(3), 2, 2)).toThrow(/M must be/);
    expect(() => createResidentMatVec(new Float64Array(4), 0, 2)).toThrow(/rows/);
  });
});
