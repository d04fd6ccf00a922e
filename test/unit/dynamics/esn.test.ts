import { Rng } from "../../../lib/core/random";
import { spectralRadius } from "../../../lib/linalg/eigenvalues";
import {
  EchoStateNetwork,
  echoStateDistance,
  memoryCapacity,
  nrmse,
  ridgeRegression,
  squaredCorrelation,
} from "../../../lib/dynamics/esn";
import { csrToDense, randomSparseMatrix } from "../../../lib/dynamics/sparse";
import { csrMultiply } from "../../../lib/dynamics/csrKernel";
import { mackeyGlass, narma10 } from "../../../lib/dynamics/series";

describe("sparse CSR matrices", () => {
  test("matvec equals the dense product; density is respected", () => {
    const rng = new Rng(1);
    const A = randomSparseMatrix(300, 0.05, rng);
    const dense = csrToDense(A);
    const x = rng.normalArray(300);
    const y = csrMultiply(A, x, new Float64Array(300));
    for (let i = 0; i < 300; i++) {
      let s = 0;
      for (let j = 0; j < 300; j++) s += dense[i * 300 + j] * x[j];
      expect(y[i]).toBeCloseTo(s, 12);
    }
    const nnz = A.values.length;
    expect(nnz / 90000).toBeGreaterThan(0.045);
    expect(nnz / 90000).toBeLessThan(0.055);
  });

  test("N·density < 1 is refused, naming density", () => {
    expect(() => randomSparseMatrix(100, 0.005)).toThrow(/randomSparseMatrix: density must be > 0 with n·density ≥ 1/);
  });
});

describe("EchoStateNetwork", () => {
  test("the reservoir is scaled to the requested spectral radius", () => {
    const esn = new EchoStateNetwork({ reservoirSize: 150, spectralRadius: 0.8, density: 0.1, rng: new Rng(2) });
    expect(spectralRadius(csrToDense(esn.W), 150)).toBeCloseTo(0.8, 10);
  });

  test("echo state property: distance → 0 for ρ = 0.5, 0.9; it persists for ρ = 1.5 (fixed seed, zero input)", () => {
    const final: Record<string, number> = {};
    for (const rho of [0.5, 0.9, 1.5]) {
      const esn = new EchoStateNetwork({ reservoirSize: 200, spectralRadius: rho, density: 0.1, rng: new Rng(3) });
      const d = echoStateDistance(esn, { steps: 300, rng: new Rng(4) });
      final[rho] = d[300];
      expect(d[0]).toBeGreaterThan(0.3);
    }
    expect(final[0.5]).toBeLessThan(1e-12);
    expect(final[0.9]).toBeLessThan(1e-6);
    expect(final[1.5]).toBeGreaterThan(0.1);
  });

  test("with a small common input the property still holds below 1 and fails above", () => {
    const rng = new Rng(5);
    const u = rng.uniformArray(300, -0.05, 0.05);
    const below = new EchoStateNetwork({ reservoirSize: 200, spectralRadius: 0.9, rng: new Rng(6) });
    const above = new EchoStateNetwork({ reservoirSize: 200, spectralRadius: 1.6, rng: new Rng(6) });
    expect(echoStateDistance(below, { steps: 300, input: u, rng: new Rng(7) })[300]).toBeLessThan(1e-6);
    expect(echoStateDistance(above, { steps: 300, input: u, rng: new Rng(7) })[300]).toBeGreaterThan(0.1);
  });

  test("ridge regression recovers a linear map and matches the normal equations", () => {
    const rng = new Rng(8);
    const T = 200;
    const N = 5;
    const X = rng.normalArray(T * N);
    const wTrue = [0.5, -1, 2, 0, 0.25];
    const Y = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      Y[t] = 0.7;
      for (let i = 0; i < N; i++) Y[t] += wTrue[i] * X[t * N + i];
    }
    const W = ridgeRegression(X, N, Y, 1, 0);
    for (let i = 0; i < N; i++) expect(W[i]).toBeCloseTo(wTrue[i], 10);
    expect(W[N]).toBeCloseTo(0.7, 10);
    // a positive ridge shrinks the weights
    const Wr = ridgeRegression(X, N, Y, 1, 100);
    expect(Math.abs(Wr[2])).toBeLessThan(2);
    expect(() => ridgeRegression(X, N, Y, 1, -1)).toThrow(/ridge must be a number >= 0, got -1/);
  });

  test("ridge regression equals the normal equations solved directly (odd and even sizes, two outputs)", () => {
    for (const N of [4, 5]) {
      const rng = new Rng(30 + N);
      const T = 40;
      const X = rng.normalArray(T * N);
      const Y = rng.normalArray(T * 2);
      const lambda = 0.3;
      const W = ridgeRegression(X, N, Y, 2, lambda);
      // direct: (ZᵀZ + λ I') w = Zᵀ y, by Gaussian elimination on a small dense system
      const M = N + 1;
      for (let o = 0; o < 2; o++) {
        const A: number[][] = [];
        const rhs: number[] = [];
        for (let i = 0; i < M; i++) {
          A.push(new Array(M).fill(0));
          rhs.push(0);
          for (let t = 0; t < T; t++) {
            const zi = i < N ? X[t * N + i] : 1;
            rhs[i] += zi * Y[t * 2 + o];
            for (let j = 0; j < M; j++) A[i][j] += zi * (j < N ? X[t * N + j] : 1);
          }
          if (i < N) A[i][i] += lambda;
        }
        for (let c = 0; c < M; c++) {
          for (let r = c + 1; r < M; r++) {
            const f = A[r][c] / A[c][c];
            for (let k = c; k < M; k++) A[r][k] -= f * A[c][k];
            rhs[r] -= f * rhs[c];
          }
        }
        const w = new Array(M).fill(0);
        for (let r = M - 1; r >= 0; r--) {
          let v = rhs[r];
          for (let k = r + 1; k < M; k++) v -= A[r][k] * w[k];
          w[r] = v / A[r][r];
        }
        for (let i = 0; i < M; i++) expect(W[o * M + i]).toBeCloseTo(w[i], 10);
      }
    }
  });

  test("memory capacity is positive and at most N", () => {
    const esn = new EchoStateNetwork({ reservoirSize: 50, spectralRadius: 0.9, inputScaling: 0.1, rng: new Rng(9) });
    const mc = memoryCapacity(esn, { maxDelay: 100, washout: 100, trainSteps: 1500, testSteps: 800, rng: new Rng(10) });
    expect(mc.capacity).toBeGreaterThan(10);
    expect(mc.capacity).toBeLessThanOrEqual(50);
    expect(mc.perDelay[0]).toBeGreaterThan(0.95);
    expect(mc.perDelay[99]).toBeLessThan(0.1);
  });

  test("one-step Mackey–Glass prediction and NARMA-10 have small NRMSE", () => {
    const mg = mackeyGlass({ length: 2000 }).map((v) => v - 1);
    const esn = new EchoStateNetwork({ reservoirSize: 200, spectralRadius: 0.95, density: 0.05, inputScaling: 0.5, leakRate: 0.5, biasScaling: 0.2, rng: new Rng(11) });
    const states = esn.run(mg.subarray(0, 1999));
    const target = mg.subarray(1);
    esn.fit(states.subarray(0, 1500 * 200), target.subarray(0, 1500), { ridge: 1e-8, washout: 100 });
    expect(nrmse(esn.predict(states.subarray(1500 * 200)), target.subarray(1500))).toBeLessThan(0.01);

    const narma = narma10(3000, new Rng(12));
    const e2 = new EchoStateNetwork({ reservoirSize: 200, spectralRadius: 0.9, inputScaling: 0.5, biasScaling: 0.5, rng: new Rng(13) });
    const s2 = e2.run(narma.input);
    e2.fit(s2.subarray(0, 2200 * 200), narma.target.subarray(0, 2200), { ridge: 1e-7, washout: 200 });
    const err = nrmse(e2.predict(s2.subarray(2200 * 200)), narma.target.subarray(2200));
    expect(err).toBeLessThan(0.5);
  });

  test("bad input names the argument", () => {
    expect(() => new EchoStateNetwork({ reservoirSize: 50, spectralRadius: 0 })).toThrow(/spectralRadius must be a number in \(0, 10\]/);
    expect(() => new EchoStateNetwork({ reservoirSize: 50, spectralRadius: 20 })).toThrow(/spectralRadius/);
    expect(() => new EchoStateNetwork({ reservoirSize: 50, leakRate: 1.5 })).toThrow(/leakRate must be a number in \[0, 1\]/);
    expect(() => new EchoStateNetwork({ reservoirSize: 50, leakRate: 0 })).toThrow(/leakRate must be a number in \(0, 1\]/);
    expect(() => new EchoStateNetwork({ reservoirSize: 50, density: 0.01 })).toThrow(/density must be .*reservoirSize·density ≥ 1/);
    expect(() => new EchoStateNetwork({ reservoirSize: 50, density: 0 })).toThrow(/density/);
    const esn = new EchoStateNetwork({ reservoirSize: 20, density: 0.2, rng: new Rng(1) });
    expect(() => esn.predict(new Float64Array(20))).toThrow(/call fit/);
    expect(() => esn.fit(esn.run(new Float64Array(10)), new Float64Array(10), { ridge: -1e-3 })).toThrow(/ridge must be a number >= 0/);
    expect(() => esn.run(new Float64Array(3), new Float64Array(5))).toThrow(/h0 must be a vector of length 20/);
    expect(() => esn.run([0, NaN, 1])).toThrow(/u must be finite everywhere, got NaN at index 1/);
    expect(() => nrmse([1, Infinity], [1, 2])).toThrow(/prediction must be finite/);
  });
});

describe("benchmark series", () => {
  test("Mackey–Glass with τ = 17 stays in its attractor band and is not periodic", () => {
    const x = mackeyGlass({ length: 1500 });
    let min = Infinity;
    let max = -Infinity;
    for (const v of x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeGreaterThan(0.2);
    expect(max).toBeLessThan(1.5);
    expect(max - min).toBeGreaterThan(0.6);
    // not a short period: the best lag-1..100 autocorrelation with itself is below 1
    expect(squaredCorrelation(x.subarray(0, 1000), x.subarray(50, 1050))).toBeLessThan(0.99);
    expect(() => mackeyGlass({ length: 10, dt: 0.3 })).toThrow(/tau\/dt must be an integer/);
  });

  test("NARMA-10 follows its recursion", () => {
    const { input: u, target: y } = narma10(100, new Rng(3));
    const t = 50;
    let s = 0;
    for (let i = 0; i < 10; i++) s += y[t - i];
    expect(y[t + 1]).toBeCloseTo(0.3 * y[t] + 0.05 * y[t] * s + 1.5 * u[t - 9] * u[t] + 0.1, 14);
  });
});
