/**
 * `ResidentMatVec.eulerTanhSteps(h, dt, steps)`: h ← (1 − dt)·h + dt·M·tanh(h), `steps` times.
 * Float64 on one thread runs the whole loop in WebAssembly (SIMD tanh, matvecRows, Euler update);
 * the kernels' JavaScript integrator `eulerTanhSteps` (used by lib/chaos) runs the same steps around any product.
 * Reference: the plain loop of lib/chaos/simulate.ts (Math.tanh, row dot products, the same
 * update). Runs are short (≤ 60 steps at gain 1.5, chaotic): rounding differences grow
 * exponentially with the steps, so the comparison is ≤ 1e-12 relative to the state's scale.
 */
import { Rng } from "../../../lib/core/random";
import { createResidentMatVec, eulerTanhSteps, plainMatVec } from "../../../lib/kernels";

const rng = new Rng(808);

function plainSteps(J: Float64Array, n: number, h: Float64Array, dt: number, steps: number): void {
  const r = new Float64Array(n);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < n; i++) r[i] = Math.tanh(h[i]);
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let c = 0; c < n; c++) acc += J[i * n + c] * r[c];
      h[i] = (1 - dt) * h[i] + dt * acc;
    }
  }
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe("ResidentMatVec.eulerTanhSteps", () => {
  test("float64, one thread (all in WebAssembly): ≤ 1e-12 of the plain loop; odd and even n; 0 steps change nothing", () => {
    for (const n of [1, 2, 7, 37, 64, 301]) {
      const J = rng.normalArray(n * n, 0, 1.5 / Math.sqrt(n));
      const h0 = rng.normalArray(n);
      const mv = createResidentMatVec(J, n, n);
      const fast = Float64Array.from(h0);
      mv.eulerTanhSteps(fast, 0.1, 60);
      const plain = Float64Array.from(h0);
      plainSteps(J, n, plain, 0.1, 60);
      const scale = Math.max(1, ...Array.from(plain, Math.abs));
      expect(maxDiff(fast, plain)).toBeLessThanOrEqual(1e-12 * scale);
      expect(fast).not.toEqual(h0); // it moved
      if (n >= 37) expect(maxDiff(fast, plain)).toBeGreaterThan(0); // the SIMD tanh: really the WebAssembly loop
      const same = Float64Array.from(h0);
      mv.eulerTanhSteps(same, 0.1, 0);
      expect(same).toEqual(h0);
      mv.dispose();
    }
  });

  test("a longer h (only the first n entries are the state) and several calls equal one call of all the steps", () => {
    const n = 40;
    const J = rng.normalArray(n * n, 0, 1.5 / Math.sqrt(n));
    const mv = createResidentMatVec(J, n, n);
    const h0 = rng.normalArray(n + 3);
    const once = Float64Array.from(h0);
    mv.eulerTanhSteps(once, 0.05, 30);
    const split = Float64Array.from(h0);
    mv.eulerTanhSteps(split, 0.05, 10);
    mv.eulerTanhSteps(split, 0.05, 20);
    expect(split).toEqual(once);
    expect(Array.from(once.subarray(n))).toEqual(Array.from(h0.subarray(n))); // untouched beyond n
    mv.dispose();
  });

  test("the JavaScript integrator: ≤ 1e-12 of the plain loop on a plain and a resident product", () => {
    const n = 300;
    const J = rng.normalArray(n * n, 0, 1.5 / Math.sqrt(n));
    const h0 = rng.normalArray(n);
    const plain = Float64Array.from(h0);
    plainSteps(J, n, plain, 0.1, 30);
    const scale = 1e-12 * Math.max(1, ...Array.from(plain, Math.abs));
    for (const product of [plainMatVec(J, n, n), createResidentMatVec(J, n, n)]) {
      const h = Float64Array.from(h0);
      eulerTanhSteps(product, h, 0.1, 30);
      expect(maxDiff(h, plain)).toBeLessThanOrEqual(scale);
    }
  });

  test("bad arguments name the argument", () => {
    const mv = createResidentMatVec(rng.normalArray(12), 3, 4);
    expect(() => mv.eulerTanhSteps(new Float64Array(3), 0.1, 1)).toThrow(/M.*square/);
    mv.dispose();
    const sq = createResidentMatVec(rng.normalArray(9), 3, 3);
    expect(() => sq.eulerTanhSteps(new Float64Array(2), 0.1, 1)).toThrow(/h/);
    expect(() => sq.eulerTanhSteps(new Float64Array(3), NaN, 1)).toThrow(/dt/);
    expect(() => sq.eulerTanhSteps(new Float64Array(3), 0.1, 1.5)).toThrow(/steps/);
    expect(() => sq.eulerTanhSteps(new Float64Array(3), 0.1, -1)).toThrow(/steps/);
    sq.dispose();
  });
});
