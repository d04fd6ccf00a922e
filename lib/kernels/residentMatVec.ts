/**
 * The resident matrix–vector product of the dynamics (rate and random networks, Lyapunov tangent
 * updates, reservoirs): a matrix J is copied once into WebAssembly memory and multiplied by many
 * vectors there with 128-bit SIMD (f64x2; `matvecRows` and `eulerTanhStepsF64` of `wasm/matmul.as.ts`), so that each step
 * copies only the state vector. Float64: the products equal plain loops to rounding (~1e-15
 * relative; tested ≤ 1e-12).
 *
 *     const mv = createResidentMatVec(J, 1000, 1000);
 *     mv.multiplyAccumulate(y, x);       // y += J x
 *     mv.eulerTanhSteps(h, 0.1, 500);    // 500 Euler steps of dh/dt = −h + J tanh(h), in WebAssembly
 *
 * `residentMatVecIfFaster(M, rows, cols, products)` is what the dynamics call: a resident product
 * when the matrix is large enough and used often enough to pay for the copy, else null (then they
 * keep their own loops). Where WebAssembly SIMD is unavailable, `createResidentMatVec` returns
 * the same interface on plain loops.
 */
import { badArgument, requireInt } from "../core/errors";
import { MatVec, checkEulerTanhSteps, eulerTanhSteps, plainMatVec } from "./eulerTanh";
import { MatmulExports, WasmArena, align2, matmulModule, wasmSimdAvailable } from "./wasmModule";

/** A matrix kept in WebAssembly memory for repeated matrix–vector products. */
export interface ResidentMatVec extends MatVec {
  /**
   * `steps` forward-Euler steps of the rate network dh/dt = −h + M tanh(h) in place:
   * h ← (1 − dt)·h + dt·M·tanh(h) (M square, h of length ≥ rows). With SIMD the whole loop runs in
   * WebAssembly (SIMD tanh, within ~1e-16 of Math.tanh; no JavaScript per step); otherwise it is
   * `eulerTanhSteps` (lib/kernels/eulerTanh.ts) on this product.
   */
  eulerTanhSteps(h: Float64Array, dt: number, steps: number): void;
  /** Y[q, :] += M · X[q, :] for q < count (X is [count, cols], Y is [count, rows], row-major). */
  multiplyAccumulateMany(Y: Float64Array, X: Float64Array, count: number): void;
  /** Replaces the stored matrix (row-major [rows, cols]). */
  update(M: Float64Array): void;
  /** Drops the module instance (its memory is then garbage-collected); later calls throw. */
  dispose(): void;
}

/** Checks a replacement matrix. */
function requireMatrix(where: string, M: Float64Array, rows: number, cols: number): void {
  if (!(M instanceof Float64Array) || M.length < rows * cols) badArgument(where, "M", `a Float64Array of at least rows·cols = ${rows * cols} values`, M);
}

/**
 * Puts `M` [rows, cols] (row-major) into WebAssembly memory (its own module instance, about
 * 8·rows·cols bytes) and returns a SIMD matrix–vector product on it; falls back to plain loops
 * when SIMD is unavailable.
 *
 * @example
 * const mv = createResidentMatVec(J, 1000, 1000);
 * mv.multiplyAccumulate(y, x); // y += J x
 */
export function createResidentMatVec(M: Float64Array, rows: number, cols: number): ResidentMatVec {
  const where = "createResidentMatVec";
  requireInt(where, "rows", rows, 1);
  requireInt(where, "cols", cols, 1);
  requireMatrix(where, M, rows, cols);
  const stored = Float64Array.from(M.subarray(0, rows * cols));
  let exports: MatmulExports | null = matmulModule();
  let disposed = false;
  const live = (): void => {
    if (disposed) throw new Error(`${where}: this resident matrix was disposed`);
  };
  // layout in doubles from the arena's base: M (rows·cols) | x (cols) | y (rows) | h (rows, for eulerTanhSteps)
  const xAt = align2(rows * cols);
  const yAt = xAt + align2(cols);
  const hAt = yAt + align2(rows);
  const arena = exports ? new WasmArena(exports) : null;
  const base = arena ? arena.reserve(hAt + rows) : 0;
  const f64 = (): Float64Array => arena!.f64.subarray(base >> 3);
  const load = (): void => {
    if (exports) f64().set(stored);
  };
  load();
  const plain = plainMatVec(stored, rows, cols);
  const self: ResidentMatVec = {
    rows,
    cols,
    multiplyAccumulate(y, x) {
      live();
      if (!exports) return plain.multiplyAccumulate(y, x);
      const mem = f64();
      mem.set(x.subarray(0, cols), xAt);
      mem.set(y.subarray(0, rows), yAt);
      exports.matvecRows(base + yAt * 8, base, base + xAt * 8, rows, cols);
      y.set(mem.subarray(yAt, yAt + rows));
    },
    multiplyAccumulateMany(Y, X, count) {
      for (let q = 0; q < count; q++) self.multiplyAccumulate(Y.subarray(q * rows, (q + 1) * rows), X.subarray(q * cols, (q + 1) * cols));
    },
    eulerTanhSteps(h, dt, steps) {
      live();
      checkEulerTanhSteps("ResidentMatVec.eulerTanhSteps", rows, cols, h, dt, steps);
      if (!exports) return eulerTanhSteps(plain, h, dt, steps);
      // h, then r (the x region) and jr (the y region) as scratch; one call for all the steps
      const mem = f64();
      mem.set(h.subarray(0, rows), hAt);
      exports.eulerTanhStepsF64(base + hAt * 8, base + xAt * 8, base + yAt * 8, base, rows, dt, steps);
      h.set(mem.subarray(hAt, hAt + rows));
    },
    update(next) {
      live();
      requireMatrix(where, next, rows, cols);
      stored.set(next.subarray(0, rows * cols));
      load();
    },
    dispose() {
      disposed = true;
      exports = null;
    },
  };
  return self;
}

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
const RESIDENT_MATVEC_MIN_ENTRIES = 64 * 64;

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
 * SIMD is available; else null.
 */
export function residentMatVecIfFaster(M: Float64Array, rows: number, cols: number, products: number): ResidentMatVec | null {
  if (!residentMatVecPays(rows, cols, products)) return null;
  return createResidentMatVec(M, rows, cols);
}
