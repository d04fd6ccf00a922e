/**
 * One matrix product in WebAssembly memory: C[m, n] += op(A)[m, k] · op(B)[k, n].
 *
 * The layers keep their arrays in JavaScript, so a product copies A, B and C into the module's
 * memory, picks the SIMD kernel for the shapes, runs it, and copies C back. The single-thread
 * kernel set (wasmKernels.ts) and the threaded one (threads/threadedKernels.ts) both do it
 * here; they differ only in how a row kernel runs (`RunRows`: directly, or split over threads).
 */

/** Memory for the operands: `reserve(doubles)` makes room and returns the base address (bytes). */
export interface ProductArena {
  reserve(doubles: number): number;
  /** current views (valid until the next `reserve`) */
  readonly f64: Float64Array;
  readonly f32: Float32Array;
}

/**
 * The product functions both builds of the SIMD module export (`matmul.wasm` and the
 * shared-memory `matmulShared.wasm`); pointers are byte addresses into the module's memory.
 */
export interface ProductKernelExports {
  heapBase(): number;
  matmulStrided(c: number, a: number, b: number, m: number, k: number, n: number, rsA: number, csA: number): void;
  transposeInto(bt: number, b: number, n: number, k: number): void;
  matmulNT(c: number, a: number, b: number, m: number, k: number, n: number): void;
  matvecRows(c: number, a: number, x: number, m: number, k: number): void;
  matvecRowsF32(c: number, a: number, x: number, m: number, k: number): void;
  matmulStridedF32(c: number, a: number, b: number, m: number, k: number, n: number, rsA: number, csA: number): void;
  matmulNTF32(c: number, a: number, b: number, m: number, k: number, n: number): void;
  transposeIntoF32(bt: number, b: number, n: number, k: number): void;
  /** dst[i] = f32(src[i]) (float32 operands staged as float64, rounded in SIMD) */
  demoteF64ToF32(dst: number, src: number, n: number): void;
  /** c64[i] += f64(c32[i]) (a float32 result added to a float64 array in SIMD) */
  addF32ToF64(c64: number, c32: number, n: number): void;
  /** c64[i] = f64(c32[i]) (the float32 C widened back, exactly) */
  promoteF32ToF64(c64: number, c32: number, n: number): void;
}

/** The kernels that compute whole rows of C (and can therefore be split by rows). */
export type RowKernel = "matmulStrided" | "matmulNT" | "matvecRows" | "matmulStridedF32" | "matmulNTF32";

/**
 * Runs a row kernel over `rows` rows of C; `argsOf(start, count)` gives its arguments for rows
 * [start, start + count) (pointers advance by a fixed number of bytes per row).
 */
export type RunRows = (fn: RowKernel, rows: number, argsOf: (start: number, count: number) => number[]) => void;

/** float32 operands up to this many values are staged as float64 and rounded in SIMD. */
export const STAGE_MAX = 32768;

export const align2 = (n: number): number => (n + 1) & ~1; // keep every region 16-byte aligned
export const align4 = (n: number): number => (n + 3) & ~3; // the same in float32 units

/**
 * The float64 product. Layout (doubles from the base): C | A | B | Bᵀ (only when B is
 * transposed here). A·Bᵀ with rows long enough to amortise the lane sums runs as row dot
 * products (no transposed copy); matrix–vector shapes run as such; everything else transposes B
 * if needed and runs the blocked kernel.
 */
export function stagedProductF64(
  arena: ProductArena,
  ex: ProductKernelExports,
  run: RunRows,
  C: Float64Array,
  cOff: number,
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  const mn = m * n;
  const mk = m * k;
  const kn = k * n;
  const cAt = 0;
  const aAt = cAt + align2(mn);
  const bAt = aAt + align2(mk);
  const btAt = bAt + align2(kn);
  const matvec = (n === 1 && !transA) || (m === 1 && transB);
  const dotForm = transB && !transA && k >= 16;
  const base = arena.reserve(btAt + (transB && !dotForm && !matvec ? kn : 0));
  const b0 = base >> 3;
  arena.f64.set(C.subarray(cOff, cOff + mn), b0 + cAt);
  arena.f64.set(A.subarray(aOff, aOff + mk), b0 + aAt);
  arena.f64.set(B.subarray(bOff, bOff + kn), b0 + bAt);
  const c = base + cAt * 8;
  const a = base + aAt * 8;
  const b = base + bAt * 8;
  if (n === 1 && !transA) {
    // C[m] += A[m,k] · b[k]  (b is contiguous whether stored [k,1] or [1,k])
    run("matvecRows", m, (s, cnt) => [c + s * 8, a + s * k * 8, b, cnt, k]);
  } else if (m === 1 && transB) {
    // C[1,n] += a[1,k] · B[n,k]ᵀ  ⇔  C[j] += B[j,:] · a
    run("matvecRows", n, (s, cnt) => [c + s * 8, b + s * k * 8, a, cnt, k]);
  } else if (dotForm) {
    // C += A Bᵀ: row dot products, no transposed copy (the forward products of every layer)
    run("matmulNT", m, (s, cnt) => [c + s * n * 8, a + s * k * 8, b, cnt, k, n]);
  } else {
    let bUse = b;
    if (transB) {
      bUse = base + btAt * 8;
      ex.transposeInto(bUse, b, n, k);
    }
    const rsA = transA ? 1 : k;
    const csA = transA ? m : 1;
    run("matmulStrided", m, (s, cnt) => [c + s * n * 8, a + s * rsA * 8, bUse, cnt, k, n, rsA, csA]);
  }
  C.set(arena.f64.subarray(b0 + cAt, b0 + cAt + mn), cOff);
}

/**
 * The float32 product: C, A and B rounded to float32, the products accumulated into the float32
 * C in float32 (C ← f32(C + a·b) …), and C replaced by that float32 result (widened exactly): every
 * value the product writes is a float32 value, as in a float32 framework. Layout in float32
 * units from the base: C32 | A32 | B32 | B32ᵀ (when transposed here), then float64 staging
 * (16-byte aligned): C64 | A64 | B64. C, and operands up to STAGE_MAX values, arrive by memcpy
 * into the float64 staging and are rounded in SIMD (4× faster than the element-wise
 * Float32Array.set); larger operands are rounded by Float32Array.set directly (less memory
 * traffic once they leave the cache).
 */
export function stagedProductF32(
  arena: ProductArena,
  ex: ProductKernelExports,
  run: RunRows,
  C: Float64Array,
  cOff: number,
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  const mn = m * n;
  const mk = m * k;
  const kn = k * n;
  const dotForm = transB && !transA && k >= 16;
  const cAt = 0;
  const aAt = cAt + align4(mn);
  const bAt = aAt + align4(mk);
  const btAt = bAt + align4(kn);
  const f32End = btAt + (transB && !dotForm ? align4(kn) : 0);
  const stageA = mk <= STAGE_MAX;
  const stageB = kn <= STAGE_MAX;
  const c64At = f32End / 2; // in doubles (f32End is a multiple of 4)
  const a64At = c64At + align2(mn);
  const b64At = a64At + (stageA ? align2(mk) : 0);
  const base = arena.reserve(b64At + (stageB ? kn : 0));
  const b0 = base >> 3;
  const c = base + cAt * 4;
  const a = base + aAt * 4;
  const b = base + bAt * 4;
  if (stageA) {
    arena.f64.set(A.subarray(aOff, aOff + mk), b0 + a64At);
    ex.demoteF64ToF32(a, base + a64At * 8, mk);
  } else arena.f32.set(A.subarray(aOff, aOff + mk), (base >> 2) + aAt);
  if (stageB) {
    arena.f64.set(B.subarray(bOff, bOff + kn), b0 + b64At);
    ex.demoteF64ToF32(b, base + b64At * 8, kn);
  } else arena.f32.set(B.subarray(bOff, bOff + kn), (base >> 2) + bAt);
  arena.f64.set(C.subarray(cOff, cOff + mn), b0 + c64At);
  ex.demoteF64ToF32(c, base + c64At * 8, mn);
  if (dotForm) {
    run("matmulNTF32", m, (s, cnt) => [c + s * n * 4, a + s * k * 4, b, cnt, k, n]);
  } else {
    let bUse = b;
    if (transB) {
      bUse = base + btAt * 4;
      ex.transposeIntoF32(bUse, b, n, k);
    }
    const rsA = transA ? 1 : k;
    const csA = transA ? m : 1;
    run("matmulStridedF32", m, (s, cnt) => [c + s * n * 4, a + s * rsA * 4, bUse, cnt, k, n, rsA, csA]);
  }
  ex.promoteF32ToF64(base + c64At * 8, c, mn);
  C.set(arena.f64.subarray(b0 + c64At, b0 + c64At + mn), cOff);
}
