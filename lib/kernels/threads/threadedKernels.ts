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
import { ProductArena, RunRows, stagedProductF32, stagedProductF64 } from "../stagedProduct";
import { typedArrayKernels } from "../typedArrayKernels";
import { SharedContext } from "./sharedContext";
import { checkOptions } from "../../core/options";

/**
 * Products with fewer multiply–adds than this stay on one thread (the hand-off to a worker costs
 * ~10–50 µs; measured break-even in docs/speed.md).
 */
export const THREADED_MIN_MULTIPLY_ADDS = 1 << 18;

/** Options of `createThreadedKernels`. */
export interface ThreadedKernelsOptions {
  /** threads including the main thread (≥ 2) */
  threads: number;
  /** float64 (default) or float32 products, as `createWasmKernels` (its float32 set: products accumulated in float32) */
  precision?: "float64" | "float32";
  /** products with fewer multiply–adds run on one thread (default `THREADED_MIN_MULTIPLY_ADDS`) */
  minThreadedMultiplyAdds?: number;
}

/**
 * Wraps a single-thread SIMD kernel set `base` (from `createWasmKernels`) so that its large
 * products run on `threads` threads. Assumes threads are available (see `effectiveKernelThreads`).
 */
export function createThreadedKernels(base: Kernels, options: ThreadedKernelsOptions): Kernels & { readonly threads: number; dispose(): void } {
  checkOptions("createThreadedKernels", options, ["threads", "precision", "minThreadedMultiplyAdds"]);
  const threads = options.threads;
  const single = (options.precision ?? "float64") === "float32";
  const threshold = options.minThreadedMultiplyAdds ?? THREADED_MIN_MULTIPLY_ADDS;
  let ctx: SharedContext | null = null;
  const context = (): SharedContext => (ctx ??= new SharedContext());

  /** The shared arena in the units of `stagedProduct` (doubles). */
  const arena: ProductArena = {
    reserve: (doubles) => context().arena.reserve(8 * doubles),
    get f64() {
      return context().arena.f64;
    },
    get f32() {
      return context().arena.f32;
    },
  };
  /** Row kernels split over the threads. */
  const run: RunRows = (fn, rows, argsOf) => context().runSplit(threads, fn, rows, argsOf);
  const product =
    (staged: typeof stagedProductF64): Kernels["matmulAccumulate"] =>
    (C, cOff, A, aOff, B, bOff, m, k, n, transA, transB) =>
      staged(arena, context().ex, run, C, cOff, A, aOff, B, bOff, m, k, n, transA, transB);
  const threadedProduct = product(single ? stagedProductF32 : stagedProductF64);

  function matmulAccumulate(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
    const rows = m === 1 && transB && !single ? n : m;
    if (m * k * n < threshold || rows < 8 || k === 0) {
      base.matmulAccumulate(C, cOff, A, aOff, B, bOff, m, k, n, transA, transB);
      return;
    }
    threadedProduct(C, cOff, A, aOff, B, bOff, m, k, n, transA, transB);
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
