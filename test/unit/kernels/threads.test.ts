/**
 * The worker-thread path (issue 8): threaded matrix products and threaded resident
 * matrix–vector products against the plain reference (float64 ≤ 1e-12 relative; float32 within
 * 1e-5 of Σ|a||b|) and against the single-thread SIMD kernels (bit for bit: the same dot products
 * on different threads), odd sizes, sizes below and above the split threshold, the force-one-thread
 * switch, disposal, and that the workers never keep a process alive.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { Rng } from "../../../lib/core/random";
import { activeKernelsName, applyKernelsFromEnvironment, useFastKernels, useReferenceKernels, threadedWasmKernels } from "../../../lib/kernels/selectKernels";
import { createWasmKernels } from "../../../lib/kernels/wasmKernels";
import { createThreadedKernels, THREADED_MIN_MULTIPLY_ADDS } from "../../../lib/kernels/threads/threadedKernels";
import { createResidentMatVec } from "../../../lib/kernels/threads/residentMatVec";
import { chunkRows, disposeKernelThreads, kernelThreadChunks, kernelThreadHandoffs, kernelThreadsAvailable, setKernelThreads, kernelThreads, effectiveKernelThreads } from "../../../lib/kernels/threads/threadPool";
import { MAX_CHUNKS } from "../../../lib/kernels/threads/workerSource";

function naive(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number, tA: boolean, tB: boolean) {
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[aOff + (tA ? p * m + i : i * k + p)] * B[bOff + (tB ? j * k + p : p * n + j)];
      C[cOff + i * n + j] += s;
    }
}

/** Σ_p |a||b| per entry (the scale of a product's rounding error). */
function absScale(m: number, k: number, n: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, tA: boolean, tB: boolean): Float64Array {
  const out = new Float64Array(m * n);
  naive(out, 0, A.map(Math.abs), aOff, B.map(Math.abs), bOff, m, k, n, tA, tB);
  return out;
}

function relErr(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1));
  return worst;
}

const SHAPES = [
  [8, 1, 1], [8, 16, 1], [1, 16, 9], [9, 17, 1], [8, 3, 4], [9, 7, 3], [13, 130, 9], [31, 1, 5], [33, 64, 17], [130, 5, 129], [67, 131, 130], [5, 9, 7], [3, 40, 50],
];

afterAll(() => disposeKernelThreads());

describe("threaded kernels: setup", () => {
  test("worker threads and the shared-memory module are available in this Node", () => {
    expect(kernelThreadsAvailable()).toBe(true);
  });

  test("rows are cut into chunks of multiples of 4 rows, at least one per thread where rows allow, at most MAX_CHUNKS", () => {
    for (const [m, t] of [[8, 2], [9, 2], [33, 2], [1001, 2], [1000, 3], [13, 4], [100000, 16]]) {
      const c = chunkRows(m, t);
      const n = Math.ceil(m / c);
      expect(c % 4).toBe(0);
      expect(n).toBeLessThanOrEqual(MAX_CHUNKS);
      expect(n).toBeGreaterThanOrEqual(Math.min(t, Math.ceil(m / 4)));
      expect((n - 1) * c).toBeLessThan(m);
    }
    expect(chunkRows(1000, 2)).toBe(128); // 8 chunks: ~4 per thread
  });
});

describe("threaded matmulAccumulate", () => {
  const rng = new Rng(21);
  const single = createWasmKernels({ minMultiplyAdds: 0 })!;
  const single32 = createWasmKernels({ minMultiplyAdds: 0, precision: "float32" })!;

  test.each([2, 3])("%i threads, threshold 0: equal to the triple loop (≤ 1e-12) and to one thread (bit for bit), all transposes, odd sizes, offsets", (threads) => {
    const k = createThreadedKernels(single, { threads, minThreadedMultiplyAdds: 0 });
    const before = kernelThreadHandoffs();
    for (const [m, kk, n] of SHAPES) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const A = rng.normalArray(m * kk + 3);
          const B = rng.normalArray(kk * n + 5);
          const C0 = rng.normalArray(m * n + 2);
          const C1 = Float64Array.from(C0);
          const C2 = Float64Array.from(C0);
          k.matmulAccumulate(C0, 1, A, 3, B, 5, m, kk, n, tA, tB);
          naive(C1, 1, A, 3, B, 5, m, kk, n, tA, tB);
          single.matmulAccumulate(C2, 1, A, 3, B, 5, m, kk, n, tA, tB);
          expect(relErr(C0, C1)).toBeLessThan(1e-12);
          expect(C0).toEqual(C2);
          expect(C0[0]).toBe(C1[0]); // the entry before the offset is untouched
        }
      }
    }
    expect(kernelThreadHandoffs()).toBeGreaterThan(before + 20); // the workers were asked to work
    k.dispose();
  });

  test("2 threads, float32 products: within 1e-5 of Σ|a||b| of the exact product, equal to one-thread float32", () => {
    const k = createThreadedKernels(single32, { threads: 2, precision: "float32", minThreadedMultiplyAdds: 0 });
    let inexact = 0;
    for (const [m, kk, n] of SHAPES) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const A = rng.normalArray(m * kk);
          const B = rng.normalArray(kk * n);
          const C0 = new Float64Array(m * n);
          const C1 = new Float64Array(m * n);
          const C2 = new Float64Array(m * n);
          k.matmulAccumulate(C0, 0, A, 0, B, 0, m, kk, n, tA, tB);
          naive(C1, 0, A, 0, B, 0, m, kk, n, tA, tB);
          single32.matmulAccumulate(C2, 0, A, 0, B, 0, m, kk, n, tA, tB);
          const scale = absScale(m, kk, n, A, 0, B, 0, tA, tB);
          for (let i = 0; i < m * n; i++) {
            expect(Math.abs(C0[i] - C1[i])).toBeLessThanOrEqual(1e-5 * scale[i] + 1e-30);
            if (C0[i] !== C1[i]) inexact++;
          }
          expect(C0).toEqual(C2);
        }
      }
    }
    expect(inexact).toBeGreaterThan(0); // really float32, not a silent float64 path
    k.dispose();
  });

  test("default threshold: products just below and just above THREADED_MIN_MULTIPLY_ADDS are exact; only the large one is handed to a worker", () => {
    const k = createThreadedKernels(single, { threads: 2 });
    const side = Math.round(Math.cbrt(THREADED_MIN_MULTIPLY_ADDS)); // 64
    for (const [m, kk, n, handed] of [[side - 1, side, side, false], [side, side, side, true], [side + 3, side + 1, side + 5, true]] as const) {
      const A = rng.normalArray(m * kk);
      const B = rng.normalArray(kk * n);
      const C0 = rng.normalArray(m * n);
      const C1 = Float64Array.from(C0);
      const before = kernelThreadHandoffs();
      k.matmulAccumulate(C0, 0, A, 0, B, 0, m, kk, n, false, true);
      naive(C1, 0, A, 0, B, 0, m, kk, n, false, true);
      expect(relErr(C0, C1)).toBeLessThan(1e-12);
      expect(kernelThreadHandoffs() > before).toBe(handed);
    }
    k.dispose();
  });
});

describe("the workers take chunks", () => {
  test("over many products of a large matrix, the worker runs some of the chunks", () => {
    const rows = 2000;
    const mv = createResidentMatVec(new Rng(30).normalArray(rows * 500), rows, 500, { threads: 2 });
    const before = kernelThreadChunks();
    const y = new Float64Array(rows);
    const x = new Rng(31).normalArray(500);
    // products until the worker has run a chunk (at least 300; at most 10 s on a very busy machine)
    let products = 0;
    const t0 = Date.now();
    do {
      for (let i = 0; i < 300; i++) mv.multiplyAccumulate(y, x);
      products += 300;
    } while (kernelThreadChunks().main - before.main === kernelThreadChunks().total - before.total && Date.now() - t0 < 10000);
    const after = kernelThreadChunks();
    const total = after.total - before.total;
    const onMain = after.main - before.main;
    expect(total).toBe(products * Math.ceil(rows / chunkRows(rows, 2)));
    expect(onMain).toBeLessThan(total); // (on a loaded machine the main thread may take most)
    mv.dispose();
  });
});

describe("threaded resident matrix–vector products", () => {
  const rng = new Rng(22);

  test.each([[1001, 999], [1000, 1000], [9, 13], [37, 5], [7, 300]])("%i×%i, 2 threads: = plain loop (≤ 1e-12), = one thread bit for bit; update; many vectors", (rows, cols) => {
    const M = rng.normalArray(rows * cols);
    const mv = createResidentMatVec(M, rows, cols, { threads: 2 });
    const one = createResidentMatVec(M, rows, cols, { threads: 1 });
    expect(mv.threads).toBe(rows >= 8 ? 2 : 1);
    expect(one.threads).toBe(1);
    for (let rep = 0; rep < 3; rep++) {
      const x = rng.normalArray(cols);
      const y0 = rng.normalArray(rows);
      const y1 = Float64Array.from(y0);
      const y2 = Float64Array.from(y0);
      mv.multiplyAccumulate(y0, x);
      naive(y1, 0, M, 0, x, 0, rows, cols, 1, false, false);
      one.multiplyAccumulate(y2, x);
      expect(relErr(y0, y1)).toBeLessThan(1e-12);
      expect(y0).toEqual(y2);
    }
    // several vectors in one call equal one call per vector (to rounding: the last rows mod 4
    // of a share are summed in another order by the row-dot kernel)
    for (const count of [2, 5]) {
      const X = rng.normalArray(count * cols);
      const Y0 = rng.normalArray(count * rows);
      const Y1 = Float64Array.from(Y0);
      const Y2 = Float64Array.from(Y0);
      mv.multiplyAccumulateMany(Y0, X, count);
      one.multiplyAccumulateMany(Y2, X, count);
      for (let q = 0; q < count; q++) naive(Y1, q * rows, M, 0, X, q * cols, rows, cols, 1, false, false);
      expect(relErr(Y0, Y1)).toBeLessThan(1e-12);
      expect(relErr(Y2, Y1)).toBeLessThan(1e-12);
    }
    // a replaced matrix is used from the next product on
    const M2 = rng.normalArray(rows * cols);
    mv.update(M2);
    const x = rng.normalArray(cols);
    const y0 = new Float64Array(rows);
    const y1 = new Float64Array(rows);
    mv.multiplyAccumulate(y0, x);
    naive(y1, 0, M2, 0, x, 0, rows, cols, 1, false, false);
    expect(relErr(y0, y1)).toBeLessThan(1e-12);
    mv.dispose();
    one.dispose();
  });

  test("float32, 2 threads: within 1e-5 of Σ|M||x|, equal to one-thread float32", () => {
    const rows = 301;
    const cols = 203;
    const M = rng.normalArray(rows * cols);
    const mv = createResidentMatVec(M, rows, cols, { threads: 2, precision: "float32" });
    const one = createResidentMatVec(M, rows, cols, { threads: 1, precision: "float32" });
    const x = rng.normalArray(cols);
    const y0 = new Float64Array(rows);
    const y1 = new Float64Array(rows);
    const y2 = new Float64Array(rows);
    mv.multiplyAccumulate(y0, x);
    naive(y1, 0, M, 0, x, 0, rows, cols, 1, false, false);
    one.multiplyAccumulate(y2, x);
    const scale = absScale(rows, cols, 1, M, 0, x, 0, false, false);
    for (let i = 0; i < rows; i++) expect(Math.abs(y0[i] - y1[i])).toBeLessThanOrEqual(1e-5 * scale[i]);
    expect(y0).toEqual(y2);
    expect(y0).not.toEqual(y1);
    const count = 6;
    const X = rng.normalArray(count * cols);
    const Y0 = new Float64Array(count * rows);
    const Y1 = new Float64Array(count * rows);
    mv.multiplyAccumulateMany(Y0, X, count);
    for (let q = 0; q < count; q++) naive(Y1, q * rows, M, 0, X, q * cols, rows, cols, 1, false, false);
    for (let i = 0; i < count * rows; i++) expect(Math.abs(Y0[i] - Y1[i])).toBeLessThanOrEqual(1e-5 * (Math.abs(Y1[i]) + 50));
    mv.dispose();
  });

  test("a disposed matrix refuses products; bad options name the argument", () => {
    const mv = createResidentMatVec(rng.normalArray(64 * 64), 64, 64, { threads: 2 });
    mv.dispose();
    expect(() => mv.multiplyAccumulate(new Float64Array(64), new Float64Array(64))).toThrow(/createResidentMatVec: this resident matrix was disposed/);
    expect(() => createResidentMatVec(new Float64Array(4), 2, 2, { threads: 0 })).toThrow(/options\.threads must be an integer >= 1, got 0/);
    expect(() => setKernelThreads(0)).toThrow(/setKernelThreads: threads must be an integer in \[1, 16\], got 0/);
  });
});

describe("switches: threads option, RNNLAB_THREADS, useFastKernels, disposal", () => {
  afterEach(() => {
    delete process.env.RNNLAB_THREADS;
    delete process.env.RNNLAB_KERNELS;
    setKernelThreads(1);
    useReferenceKernels();
  });

  test("RNNLAB_THREADS=1 forces one thread; RNNLAB_THREADS=2 is the default thread count", () => {
    setKernelThreads();
    process.env.RNNLAB_THREADS = "1";
    expect(effectiveKernelThreads(2)).toBe(1);
    expect(createResidentMatVec(new Rng(1).normalArray(64 * 64), 64, 64, { threads: 2 }).threads).toBe(1);
    expect(threadedWasmKernels(2)!.name).toBe("wasm-simd");
    process.env.RNNLAB_THREADS = "2";
    expect(kernelThreads()).toBe(2);
    expect(createResidentMatVec(new Rng(1).normalArray(64 * 64), 64, 64).threads).toBe(2);
  });

  test("RNNLAB_KERNELS=wasm with RNNLAB_THREADS=2 selects the threaded set from the environment", () => {
    setKernelThreads(); // no explicit setting: the environment decides
    process.env.RNNLAB_KERNELS = "wasm";
    process.env.RNNLAB_THREADS = "2";
    applyKernelsFromEnvironment();
    expect(activeKernelsName()).toBe("wasm-simd-2t");
    process.env.RNNLAB_THREADS = "1";
    applyKernelsFromEnvironment();
    expect(activeKernelsName()).toBe("wasm-simd");
  });

  test("useFastKernels({ threads: 2 }) installs the threaded set; threads: 1 the single-thread one", () => {
    expect(useFastKernels({ threads: 2 }).name).toBe("wasm-simd-2t");
    expect(activeKernelsName()).toBe("wasm-simd-2t");
    expect(kernelThreads()).toBe(2);
    expect(useFastKernels({ threads: 2, precision: "float32" }).name).toBe("wasm-simd-f32-2t");
    expect(useFastKernels({ threads: 1 }).name).toBe("wasm-simd");
    expect(kernelThreads()).toBe(1);
  });

  test("disposeKernelThreads ends the workers; the next threaded product starts new ones (matrices re-attach)", async () => {
    const rows = 64;
    const M = new Rng(3).normalArray(rows * rows);
    const mv = createResidentMatVec(M, rows, rows, { threads: 2 });
    const x = new Rng(4).normalArray(rows);
    const y0 = new Float64Array(rows);
    mv.multiplyAccumulate(y0, x);
    await disposeKernelThreads();
    const y1 = new Float64Array(rows);
    const before = kernelThreadHandoffs();
    mv.multiplyAccumulate(y1, x);
    expect(kernelThreadHandoffs()).toBeGreaterThan(before);
    expect(y1).toEqual(y0);
    mv.dispose();
  });

  // a child node that loads the TypeScript sources through a transpile-only require hook
  const root = path.resolve(__dirname, "../../..");
  const hook = `
      const fs = require("fs"); const ts = require("typescript");
      require.extensions[".ts"] = (m, f) => m._compile(ts.transpileModule(fs.readFileSync(f, "utf8"), { compilerOptions: { module: "commonjs", target: "es2021", esModuleInterop: true } }).outputText, f);`;

  test("without SharedArrayBuffer (no threads): one printed line, then one thread, same results", () => {
    const script = `delete globalThis.SharedArrayBuffer; ${hook}
      const { createResidentMatVec } = require(${JSON.stringify(path.join(root, "lib/kernels/threads/residentMatVec.ts"))});
      const { useFastKernels } = require(${JSON.stringify(path.join(root, "lib/kernels/selectKernels.ts"))});
      const a = createResidentMatVec(new Float64Array(100 * 100).fill(1), 100, 100, { threads: 2 });
      const b = createResidentMatVec(new Float64Array(100 * 100).fill(1), 100, 100, { threads: 2 });
      const y = new Float64Array(100); a.multiplyAccumulate(y, new Float64Array(100).fill(1));
      console.log("threads", a.threads, b.threads, "y0", y[0], "kernels", useFastKernels({ threads: 2 }).name);`;
    const r = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", timeout: 60000 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe("threads 1 1 y0 100 kernels wasm-simd");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rnnlab: worker threads unavailable \(.*SharedArrayBuffer.*\); using one thread$/);
  });

  test("the workers do not keep a process alive (a script that never disposes them exits)", () => {
    const script = `${hook}
      const { createResidentMatVec } = require(${JSON.stringify(path.join(root, "lib/kernels/threads/residentMatVec.ts"))});
      const mv = createResidentMatVec(new Float64Array(100 * 100).fill(1), 100, 100, { threads: 2 });
      const y = new Float64Array(100); mv.multiplyAccumulate(y, new Float64Array(100).fill(1));
      console.log("threads", mv.threads, "y0", y[0]);`;
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", timeout: 60000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe("threads 2 y0 100");
    expect(Date.now() - t0).toBeLessThan(60000);
  });
});
