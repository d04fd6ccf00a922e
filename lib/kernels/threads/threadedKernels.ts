/**
 * Threaded WebAssembly SIMD kernels: the single-thread SIMD kernel set with its large matrix
 * products split over threads by output rows (issue 8, "both cores").
 *
 * A product C[m, n] += op(A) op(B) with at least `minThreadedMultiplyAdds` multiply–adds (and
 * m ≥ 8) is copied into a shared WebAssembly memory; C's rows are cut into chunks (multiples of
 * 4 rows, the kernels' register block) that the main thread and the workers claim as they become
 * free, each computed with the same SIMD kernel the single-thread path uses. Every entry of C is
 * the same dot product in the same order as on one thread, so the threaded results equal the
 * single-thread SIMD ones bit for bit. Smaller products, and every pointwise kernel, are
 * the single-thread SIMD set's own.
 */
import type { Kernels } from "../kernels";
import { typedArrayKernels } from "../typedArrayKernels";
import { SharedContext } from "./sharedContext";

/**
 * Products with fewer multiply–adds than this stay on one thread (the hand-off to a worker costs
 * ~10–50 µs; measured break-even in docs/speed.md).
 */
export const THREADED_MIN_MULTIPLY_ADDS = 1 << 18;

/** Options of `createThreadedKernels`. */
export interface ThreadedKernelsOptions {
  /** threads including the main thread (≥ 2) */
  threads: number;
  /** float64 (default) or float32 products, as `createWasmKernels` */
  precision?: "float64" | "float32";
  /** products with fewer multiply–adds run on one thread (default `THREADED_MIN_MULTIPLY_ADDS`) */
  minThreadedMultiplyAdds?: number;
}

/** Float32 operands up to this many values are staged as float64 and rounded in SIMD (as wasmKernels.ts). */
const STAGE_MAX = 32768;
const align2 = (n: number): number => (n + 1) & ~1;
const align4 = (n: number): number => (n + 3) & ~3;

/**
 * Wraps a single-thread SIMD kernel set `base` (from `createWasmKernels`) so that its large
 * products run on `threads` threads. Assumes threads are available (see `effectiveKernelThreads`).
 */
export function createThreadedKernels(base: Kernels, options: ThreadedKernelsOptions): Kernels & { readonly threads: number; dispose(): void } {
  const threads = options.threads;
  const single = (options.precision ?? "float64") === "float32";
  const threshold = options.minThreadedMultiplyAdds ?? THREADED_MIN_MULTIPLY_ADDS;
  let ctx: SharedContext | null = null;
  const context = (): SharedContext => (ctx ??= new SharedContext());

  function matmulF64(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
    const cx = context();
    const mn = m * n;
    const mk = m * k;
    const kn = k * n;
    const cAt = 0;
    const aAt = cAt + align2(mn);
    const bAt = aAt + align2(mk);
    const btAt = bAt + align2(kn);
    const dotForm = transB && !transA && k >= 16;
    const needBt = transB && !dotForm && !(n === 1 && !transA) && !(m === 1 && transB);
    const base = cx.arena.reserve(8 * (btAt + (needBt ? kn : 0)));
    const f64 = cx.arena.f64;
    const b0 = base >> 3;
    f64.set(C.subarray(cOff, cOff + mn), b0 + cAt);
    f64.set(A.subarray(aOff, aOff + mk), b0 + aAt);
    f64.set(B.subarray(bOff, bOff + kn), b0 + bAt);
    const c = base + cAt * 8;
    const a = base + aAt * 8;
    const b = base + bAt * 8;
    if (n === 1 && !transA) {
      cx.runSplit(threads, "matvecRows", m, (s, cnt) => [c + s * 8, a + s * k * 8, b, cnt, k]);
    } else if (m === 1 && transB) {
      cx.runSplit(threads, "matvecRows", n, (s, cnt) => [c + s * 8, b + s * k * 8, a, cnt, k]);
    } else if (dotForm) {
      cx.runSplit(threads, "matmulNT", m, (s, cnt) => [c + s * n * 8, a + s * k * 8, b, cnt, k, n]);
    } else {
      let bUse = b;
      if (transB) {
        bUse = base + btAt * 8;
        cx.ex.transposeInto(bUse, b, n, k);
      }
      const rsA = transA ? 1 : k;
      const csA = transA ? m : 1;
      cx.runSplit(threads, "matmulStrided", m, (s, cnt) => [c + s * n * 8, a + s * rsA * 8, bUse, cnt, k, n, rsA, csA]);
    }
    C.set(cx.arena.f64.subarray(b0 + cAt, b0 + cAt + mn), cOff);
  }

  /**
   * The float32 product as the single-thread `wasm-simd-f32` glue does it (operands up to
   * STAGE_MAX values copied in as float64 and rounded in SIMD, larger ones rounded by
   * Float32Array.set; the float32 result added to C in SIMD), with the product split over threads.
   */
  function matmulF32(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
    const cx = context();
    const ex = cx.ex;
    const mn = m * n;
    const mk = m * k;
    const kn = k * n;
    const cAt = 0;
    const aAt = cAt + align4(mn);
    const bAt = aAt + align4(mk);
    const btAt = bAt + align4(kn);
    const dotForm = transB && !transA && k >= 16;
    const f32End = btAt + (transB && !dotForm ? align4(kn) : 0);
    const stageA = mk <= STAGE_MAX;
    const stageB = kn <= STAGE_MAX;
    const c64At = f32End / 2; // doubles
    const a64At = c64At + align2(mn);
    const b64At = a64At + (stageA ? align2(mk) : 0);
    const base = cx.arena.reserve(8 * (b64At + (stageB ? kn : 0)));
    const f64 = cx.arena.f64;
    const b0 = base >> 3;
    const c = base + cAt * 4;
    const a = base + aAt * 4;
    const b = base + bAt * 4;
    if (stageA) {
      f64.set(A.subarray(aOff, aOff + mk), b0 + a64At);
      ex.demoteF64ToF32(a, base + a64At * 8, mk);
    } else cx.arena.f32.set(A.subarray(aOff, aOff + mk), (base >> 2) + aAt);
    if (stageB) {
      f64.set(B.subarray(bOff, bOff + kn), b0 + b64At);
      ex.demoteF64ToF32(b, base + b64At * 8, kn);
    } else cx.arena.f32.set(B.subarray(bOff, bOff + kn), (base >> 2) + bAt);
    cx.arena.f32.fill(0, (base >> 2) + cAt, (base >> 2) + cAt + mn);
    if (dotForm) {
      cx.runSplit(threads, "matmulNTF32", m, (s, cnt) => [c + s * n * 4, a + s * k * 4, b, cnt, k, n]);
    } else {
      let bUse = b;
      if (transB) {
        bUse = base + btAt * 4;
        ex.transposeIntoF32(bUse, b, n, k);
      }
      const rsA = transA ? 1 : k;
      const csA = transA ? m : 1;
      cx.runSplit(threads, "matmulStridedF32", m, (s, cnt) => [c + s * n * 4, a + s * rsA * 4, bUse, cnt, k, n, rsA, csA]);
    }
    f64.set(C.subarray(cOff, cOff + mn), b0 + c64At);
    ex.addF32ToF64(base + c64At * 8, c, mn);
    C.set(cx.arena.f64.subarray(b0 + c64At, b0 + c64At + mn), cOff);
  }

  function matmulAccumulate(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
    const rows = m === 1 && transB && !single ? n : m;
    if (m * k * n < threshold || rows < 8 || k === 0) {
      base.matmulAccumulate(C, cOff, A, aOff, B, bOff, m, k, n, transA, transB);
      return;
    }
    if (single) matmulF32(C, cOff, A, aOff, B, bOff, m, k, n, transA, transB);
    else matmulF64(C, cOff, A, aOff, B, bOff, m, k, n, transA, transB);
  }

  return {
    ...base,
    name: `${base.name}-${threads}t`,
    threads,
    matmulAccumulate: base === typedArrayKernels ? base.matmulAccumulate : matmulAccumulate,
    dispose() {
      ctx?.release();
      ctx = null;
    },
  };
}
