/**
 * Resident matrix–vector products for simulations, on one or more threads (issue 8).
 *
 * `createResidentMatVec(M, rows, cols, { threads, precision })` keeps M inside WebAssembly memory;
 * with `threads ≥ 2` the memory is shared and M's rows are cut into chunks that the main thread and
 * the workers claim as they become free, so each core streams only its part of M per product.
 * Every output entry is the same SIMD dot product as on one thread: threaded and single-thread
 * results are identical.
 *
 * `residentMatVecIfFaster(M, rows, cols, products)` is what the dynamics (rate networks, random
 * networks, Lyapunov tangent updates, reservoirs) call: a resident product when the matrix is
 * large enough and used often enough to pay for the copy, else null (then they keep their own
 * loops, unchanged).
 */
import { badArgument, requireInt, requireOneOf } from "../../core/errors";
import { ResidentMatVec as SingleThreadResidentMatVec, ResidentMatVecOptions as SingleThreadOptions, checkEulerTanhSteps, createResidentMatVec as createSingleThreadResidentMatVec, eulerTanhStepsLoop, wasmSimdAvailable } from "../wasmKernels";
import { SharedContext } from "./sharedContext";
import { effectiveKernelThreads } from "./threadPool";
import { checkOptions } from "../../core/options";

/** A matrix kept in WebAssembly memory for repeated products (see `createResidentMatVec`). */
export interface ResidentMatVec extends SingleThreadResidentMatVec {
  /** threads the products run on (1, or the count asked for when threads are available) */
  readonly threads: number;
  /**
   * Y[q, :] += M · X[q, :] for q < count: `count` products in one call (one hand-off to the
   * workers; X is [count, cols], Y is [count, rows], row-major).
   */
  multiplyAccumulateMany(Y: Float64Array, X: Float64Array, count: number): void;
  /** Frees the matrix in the workers (the object must not be used afterwards). */
  dispose(): void;
}

/** Options of `createResidentMatVec`. */
export interface ResidentMatVecOptions extends SingleThreadOptions {
  /**
   * Threads including the main thread (default `kernelThreads()`: 1 unless set by
   * `setKernelThreads` / `useFastKernels({ threads })` / RNNLAB_THREADS). RNNLAB_THREADS=1 forces 1;
   * where worker threads are unavailable one line is printed and 1 is used.
   */
  threads?: number;
}

/**
 * Puts `M` [rows, cols] (row-major) into WebAssembly memory and returns a SIMD matrix–vector
 * product on it, split over `threads` threads by rows. Falls back to one thread (one printed
 * line) where threads are unavailable, and to plain loops where WebAssembly SIMD is unavailable.
 *
 * @example
 * const mv = createResidentMatVec(J, 1000, 1000, { threads: 2 });
 * mv.multiplyAccumulate(y, x); // y += J x
 * mv.dispose();
 */
export function createResidentMatVec(M: Float64Array, rows: number, cols: number, options: ResidentMatVecOptions = {}): ResidentMatVec {
  checkOptions("createResidentMatVec", options, ["threads", "precision"]);
  const where = "createResidentMatVec";
  requireInt(where, "rows", rows, 1);
  requireInt(where, "cols", cols, 1);
  if (!(M instanceof Float64Array) || M.length < rows * cols) badArgument(where, "M", `a Float64Array of at least rows·cols = ${rows * cols} values`, M);
  const precision = requireOneOf(where, "options.precision", options.precision ?? "float64", ["float64", "float32"] as const);
  if (options.threads !== undefined) requireInt(where, "options.threads", options.threads, 1);
  const threads = wasmSimdAvailable() && rows >= 8 ? effectiveKernelThreads(options.threads) : 1;
  if (threads === 1) return oneThread(createSingleThreadResidentMatVec(M, rows, cols, { precision }), rows, cols);
  return threaded(M, rows, cols, precision === "float32", threads);
}

/** The single-thread resident product with `multiplyAccumulateMany` and `dispose` added. */
function oneThread(mv: SingleThreadResidentMatVec, rows: number, cols: number): ResidentMatVec {
  return {
    rows: mv.rows,
    cols: mv.cols,
    precision: mv.precision,
    threads: 1,
    multiplyAccumulate: (y, x) => mv.multiplyAccumulate(y, x),
    eulerTanhSteps: (h, dt, steps) => mv.eulerTanhSteps(h, dt, steps),
    multiplyAccumulateMany(Y, X, count) {
      for (let q = 0; q < count; q++) mv.multiplyAccumulate(Y.subarray(q * rows, (q + 1) * rows), X.subarray(q * cols, (q + 1) * cols));
    },
    update: (next) => mv.update(next),
    dispose() {},
  };
}

function threaded(M: Float64Array, rows: number, cols: number, single: boolean, threads: number): ResidentMatVec {
  const where = "createResidentMatVec";
  const ctx = new SharedContext();
  const elem = single ? 4 : 8;
  const mBytes = (rows * cols * elem + 15) & ~15;
  const base = ctx.arena.reserve(mBytes);
  const mAt = base;
  let capacity = 0; // vectors of room after M
  let xAt = 0;
  let yAt = 0;
  const room = (count: number): void => {
    if (count <= capacity) return;
    const xBytes = (count * cols * elem + 15) & ~15;
    ctx.arena.reserve(mBytes + xBytes + count * rows * 8);
    xAt = mAt + mBytes;
    yAt = xAt + xBytes;
    capacity = count;
  };
  room(1);
  const load = (src: Float64Array): void => {
    if (single) ctx.arena.f32.set(src.subarray(0, rows * cols), mAt >> 2);
    else ctx.arena.f64.set(src.subarray(0, rows * cols), mAt >> 3);
  };
  load(M);
  let disposed = false;
  const fn = single ? "matvecRowsF32" : "matvecRows";
  const many = (Y: Float64Array, X: Float64Array, count: number): void => {
    if (disposed) throw new Error(`${where}: this resident matrix was disposed`);
    room(count);
    const f64 = ctx.arena.f64;
    if (single) ctx.arena.f32.set(X.subarray(0, count * cols), xAt >> 2);
    else f64.set(X.subarray(0, count * cols), xAt >> 3);
    if (count === 1) {
      f64.set(Y.subarray(0, rows), yAt >> 3);
      ctx.runSplit(threads, fn, rows, (s, cnt) => [yAt + s * 8, mAt + s * cols * elem, xAt, cnt, cols]);
      Y.set(ctx.arena.f64.subarray(yAt >> 3, (yAt >> 3) + rows));
      return;
    }
    // all vectors in one hand-off: C[rows, count] = M Xᵀ by row dot products (the same sums as
    // matvecRows), each thread on its rows of M; C is [rows, count], Y is [count, rows]
    const y0 = yAt >> 3;
    if (single) {
      const f32 = ctx.arena.f32;
      f32.fill(0, yAt >> 2, (yAt >> 2) + rows * count);
      ctx.runSplit(threads, "matmulNTF32", rows, (s, cnt) => [yAt + s * count * 4, mAt + s * cols * 4, xAt, cnt, cols, count]);
      const out = ctx.arena.f32;
      for (let i = 0; i < rows; i++) for (let q = 0; q < count; q++) Y[q * rows + i] += out[(yAt >> 2) + i * count + q];
      return;
    }
    for (let q = 0; q < count; q++) for (let i = 0; i < rows; i++) f64[y0 + i * count + q] = Y[q * rows + i];
    ctx.runSplit(threads, "matmulNT", rows, (s, cnt) => [yAt + s * count * 8, mAt + s * cols * 8, xAt, cnt, cols, count]);
    const out = ctx.arena.f64;
    for (let q = 0; q < count; q++) for (let i = 0; i < rows; i++) Y[q * rows + i] = out[y0 + i * count + q];
  };
  const mv: ResidentMatVec = {
    rows,
    cols,
    precision: single ? "float32" : "float64",
    threads,
    multiplyAccumulate(y, x) {
      many(y, x, 1);
    },
    eulerTanhSteps(h, dt, steps) {
      checkEulerTanhSteps(rows, cols, h, dt, steps);
      eulerTanhStepsLoop(mv, h, dt, steps); // products split over the threads, the rest here
    },
    multiplyAccumulateMany: many,
    update(next) {
      if (!(next instanceof Float64Array) || next.length < rows * cols) badArgument(where, "M", `a Float64Array of at least rows·cols = ${rows * cols} values`, next);
      load(next);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      forgotten?.unregister(mv);
      ctx.release();
    },
  };
  // a matrix dropped without dispose() is detached from the workers when it is garbage-collected
  forgotten?.register(mv, ctx, mv);
  return mv;
}

/** Detaches the shared memory of resident matrices that were garbage-collected without dispose(). */
const forgotten =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry<SharedContext>((ctx) => {
        try {
          ctx.release();
        } catch {
          // the pool may be gone (disposeKernelThreads): nothing left to detach
        }
      })
    : null;

let dynamicsUseResident = true;

/**
 * Switches the dynamics (random and rate networks, Lyapunov tangent updates, reservoirs) between
 * the resident SIMD products (true, the default) and their own plain loops (false: the reference
 * they are tested against). Returns the previous setting.
 */
export function setDynamicsResidentProducts(enabled: boolean): boolean {
  const previous = dynamicsUseResident;
  dynamicsUseResident = enabled === true;
  return previous;
}

/** Matrices with fewer entries than this use the callers' own loops (the copy in would not pay). */
export const RESIDENT_MATVEC_MIN_ENTRIES = 64 * 64;
/** Threads are used for resident products only from this many entries (hand-off vs work). */
export const THREADED_MATVEC_MIN_ENTRIES = 256 * 256;

/**
 * True when `residentMatVecIfFaster` would return a resident product for a rows×cols matrix used
 * `products` times (lets a caller skip building the dense matrix when it would not).
 */
export function residentMatVecPays(rows: number, cols: number, products: number): boolean {
  return dynamicsUseResident && rows * cols >= RESIDENT_MATVEC_MIN_ENTRIES && products >= 4 && wasmSimdAvailable();
}

/**
 * A resident SIMD product on M when it pays: M has ≥ `RESIDENT_MATVEC_MIN_ENTRIES` entries,
 * at least `products` ≥ 4 products will be made (the copy in costs about one), and WebAssembly
 * SIMD is available; else null. Threads: `kernelThreads()` for matrices of at least
 * `THREADED_MATVEC_MIN_ENTRIES` entries, else one. Float64: products equal plain loops to rounding.
 */
export function residentMatVecIfFaster(M: Float64Array, rows: number, cols: number, products: number): ResidentMatVec | null {
  if (!residentMatVecPays(rows, cols, products)) return null;
  const threads = rows * cols >= THREADED_MATVEC_MIN_ENTRIES ? undefined : 1;
  return createResidentMatVec(M, rows, cols, { threads });
}
