/**
 * WebAssembly SIMD kernels (issue 8): the `Kernels` interface with the matrix
 * products done by 128-bit SIMD code (f64x2, 4×4 register blocks, 128×128 cache
 * panels; source `wasm/matmul.as.ts`, AssemblyScript) and the pointwise kernels
 * (LSTM/GRU gates forward and backward, RNN activation and its backward, bias add,
 * bias-gradient sums; source `wasm/gates/gates.as.ts`, compiled into the same module).
 *
 * Operands live in ordinary Float64Arrays, so every call copies its inputs into the
 * module's linear memory, runs, and copies its outputs back: for a product
 * O(mk + kn + mn) copying against O(mkn) arithmetic, which pays off once the
 * shared dimension k and the block are not tiny (products below
 * `WASM_MIN_MULTIPLY_ADDS` multiply–adds stay on the typed-array loops); for the
 * pointwise kernels the copies are plain memcpy and cheaper than the scalar
 * Math.exp/Math.tanh and bounds-checked loops they replace (measured in docs/speed.md).
 *
 * Results (float64 set) agree with the reference to rounding: the products sum
 * in a different order (~1e-15 relative, tested ≤ 1e-12); σ/tanh come from a SIMD
 * expm1 (a few 1e-16); the pointwise kernels without exp/tanh give the same bits.

 * `useFastKernels()` installs this set (no notebook needs it: it is opt-in, see README's
 * performance section); `useReferenceKernels()` goes back to the typed-array loops.
 */
import { Kernels, getKernels, setKernels } from "./kernels";
import { typedArrayKernels } from "./typedArrayKernels";
import { MatmulExports, WasmArena, align2, matmulModule, wasmSimdUnavailableReason } from "./wasmModule";
import { checkOptions } from "../core/options";

/** The pointwise kernels; the module exports each as `<name>F64`. */
const POINTWISE_NAMES = ["lstmPointwise", "lstmPointwiseBackward", "gruPointwise", "gruPointwiseBackward", "rnnActivate", "rnnActivateBackward", "addRowVector", "sumRowsAccumulate"] as const;

/** The pointwise functions, by kernel name. */
type PointwiseExports = { [N in (typeof POINTWISE_NAMES)[number]]: MatmulExports[`${N}F64`] };

/** The module's pointwise functions. */
function pointwiseExports(mod: MatmulExports): PointwiseExports {
  return Object.fromEntries(POINTWISE_NAMES.map((name) => [name, mod[`${name}F64`]])) as unknown as PointwiseExports;
}

/**
 * Pointwise calls on fewer elements than this (B·H for the gates, n for the RNN activation,
 * rows·cols for the bias kernels) run on the typed-array loops: the crossovers measured with
 * `node scripts/bench/gates_micro.js --small`, rounded to powers of two. Kernels without exp/tanh
 * gain less per element, so their crossover is higher.
 */
export const WASM_MIN_POINTWISE_ELEMENTS: Readonly<Record<keyof PointwiseKernels | "rnnActivateRelu", number>> = {
  lstmPointwise: 16,
  lstmPointwiseBackward: 32,
  gruPointwise: 16,
  gruPointwiseBackward: 64,
  rnnActivate: 16, // tanh
  rnnActivateRelu: 256,
  rnnActivateBackward: 128,
  addRowVector: 64,
  sumRowsAccumulate: 128,
};

/** Products with fewer multiply–adds than this run on the typed-array loops (copying would dominate). */
export const WASM_MIN_MULTIPLY_ADDS = 4096;

/** Options of `createWasmKernels`. */
export interface WasmKernelsOptions {
  /**
   * products with fewer multiply–adds run on the typed-array loops (default `WASM_MIN_MULTIPLY_ADDS`)
   */
  minMultiplyAdds?: number;
  /**
   * pointwise kernels (gates, activations, bias add and sums) on fewer elements than this run on
   * the typed-array loops, where the fixed cost of a WebAssembly call with its copies (~0.3 µs)
   * would dominate. Default: the measured crossover of each kernel (`WASM_MIN_POINTWISE_ELEMENTS`);
   * 0 sends every call to WebAssembly (the tests do, so that small shapes are covered too).
   */
  minPointwiseElements?: number;
}

/**
 * Builds the WebAssembly SIMD kernel set, or returns null when SIMD is unavailable.
 * Use `useFastKernels()` (selectKernels.ts) to install it with a fallback notice.
 */
export function createWasmKernels(options: WasmKernelsOptions = {}): Kernels | null {
  checkOptions("createWasmKernels", options, ["minMultiplyAdds", "minPointwiseElements"]);
  const found = matmulModule();
  if (!found) return null;
  const mod: MatmulExports = found;
  const arena = new WasmArena(mod);
  const threshold = options.minMultiplyAdds ?? WASM_MIN_MULTIPLY_ADDS;
  const gates = simdGateKernels(pointwiseExports(mod), arena, options.minPointwiseElements);
  return {
    ...typedArrayKernels,
    ...gates,
    name: "wasm-simd",
    matmulAccumulate(C, cOff, A, aOff, B, bOff, m, k, n, transA, transB) {
      // small products stay on the typed-array loops (the copies would dominate)
      if (m * k * n < threshold || m === 0 || n === 0 || k === 0) return typedArrayKernels.matmulAccumulate(C, cOff, A, aOff, B, bOff, m, k, n, transA, transB);
      stagedProduct(arena, mod, C, cOff, A, aOff, B, bOff, m, k, n, transA, transB);
    },
  };
}

/**
 * One product in WebAssembly memory: C[m, n] += op(A)[m, k] · op(B)[k, n]. Layout (doubles from
 * the base): C | A | B | Bᵀ (only when B is transposed here). A·Bᵀ with rows long enough to
 * amortise the lane sums runs as row dot products (no transposed copy); matrix–vector shapes run
 * as such; everything else transposes B if needed and runs the blocked kernel.
 */
function stagedProduct(arena: WasmArena, ex: MatmulExports, C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
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
    ex.matvecRows(c, a, b, m, k); // C[m] += A[m,k] · b[k]  (b is contiguous whether stored [k,1] or [1,k])
  } else if (m === 1 && transB) {
    ex.matvecRows(c, b, a, n, k); // C[1,n] += a[1,k] · B[n,k]ᵀ  ⇔  C[j] += B[j,:] · a
  } else if (dotForm) {
    ex.matmulNT(c, a, b, m, k, n); // C += A Bᵀ: row dot products (the forward products of every layer)
  } else {
    let bUse = b;
    if (transB) {
      bUse = base + btAt * 8;
      ex.transposeInto(bUse, b, n, k);
    }
    const rsA = transA ? 1 : k;
    const csA = transA ? m : 1;
    ex.matmulStrided(c, a, bUse, m, k, n, rsA, csA);
  }
  C.set(arena.f64.subarray(b0 + cAt, b0 + cAt + mn), cOff);
}

/** The pointwise kernels of the interface (everything but the products). */
type PointwiseKernels = Omit<Kernels, "name" | "matmulAccumulate">;

/** An operand of a pointwise call: [array, offset, length, "in" (copied in), "out" (copied back) or "inout"]. */
type Operand = readonly [data: Float64Array, offset: number, length: number, copy: "in" | "out" | "inout"];

/**
 * Runs one pointwise call in the arena: copies the operands in (one region after the other,
 * every region 16-byte aligned), calls `run` with their byte addresses, copies the outputs back.
 */
function staged(arena: WasmArena, operands: readonly Operand[], run: (at: readonly number[]) => void): void {
  const at: number[] = [];
  let end = 0;
  for (const [, , length] of operands) {
    at.push(end);
    end += align2(length);
  }
  const base = arena.reserve(end);
  const f64 = arena.f64;
  const b0 = base >> 3;
  for (let i = 0; i < operands.length; i++) {
    const [data, off, n, copy] = operands[i];
    if (copy !== "out") f64.set(data.subarray(off, off + n), b0 + at[i]);
    at[i] = base + at[i] * 8;
  }
  run(at);
  for (let i = 0; i < operands.length; i++) {
    const [data, off, n, copy] = operands[i];
    if (copy !== "in") data.set(f64.subarray(at[i] >> 3, (at[i] >> 3) + n), off);
  }
}

/**
 * The pointwise kernels in WebAssembly SIMD (source `wasm/gates/gates.as.ts`), each through
 * `staged`. σ and tanh use a two-lane `expm1` (Cody–Waite reduction, degree-13
 * Taylor polynomial; within a few 1e-16 of Math.exp/Math.tanh); the kernels without exp/tanh
 * (GRU backward, RNN backward, ReLU, bias add, bias sums) do the reference's arithmetic in the
 * reference's order and give the same bits. Every H works (an odd last column is processed
 * with both lanes holding it). Calls on fewer elements than `minElements` (default: each
 * kernel's crossover) run on the typed-array loops.
 */
function simdGateKernels(fx: PointwiseExports, arena: WasmArena, minElements?: number): PointwiseKernels {
  const small = (name: keyof typeof WASM_MIN_POINTWISE_ELEMENTS, n: number): boolean => n < Math.max(1, minElements ?? WASM_MIN_POINTWISE_ELEMENTS[name]);
  const ref = typedArrayKernels;
  return {
    lstmPointwise(gates, gOff, cPrev, cPrevOff, c, cOff, h, hOff, B, H) {
      const BH = B * H;
      if (small("lstmPointwise", BH)) return ref.lstmPointwise(gates, gOff, cPrev, cPrevOff, c, cOff, h, hOff, B, H);
      staged(arena, [[gates, gOff, 4 * BH, "inout"], [cPrev, cPrevOff, BH, "in"], [c, cOff, BH, "out"], [h, hOff, BH, "out"]], (at) => fx.lstmPointwise(at[0], at[1], at[2], at[3], B, H));
    },

    lstmPointwiseBackward(gates, gOff, cPrev, cPrevOff, c, cOff, dh, dhOff, dc, dcOff, dGates, dgOff, dcPrev, dcPrevOff, B, H) {
      const BH = B * H;
      if (small("lstmPointwiseBackward", BH)) return ref.lstmPointwiseBackward(gates, gOff, cPrev, cPrevOff, c, cOff, dh, dhOff, dc, dcOff, dGates, dgOff, dcPrev, dcPrevOff, B, H);
      const operands: Operand[] = [[gates, gOff, 4 * BH, "in"], [cPrev, cPrevOff, BH, "in"], [c, cOff, BH, "in"], [dh, dhOff, BH, "in"], [dc, dcOff, BH, "in"], [dGates, dgOff, 4 * BH, "out"], [dcPrev, dcPrevOff, BH, "out"]];
      staged(arena, operands, (at) => fx.lstmPointwiseBackward(at[0], at[1], at[2], at[3], at[4], at[5], at[6], B, H));
    },

    gruPointwise(gi, giOff, gh, ghOff, hn, hnOff, hPrev, hPrevOff, h, hOff, B, H) {
      const BH = B * H;
      if (small("gruPointwise", BH)) return ref.gruPointwise(gi, giOff, gh, ghOff, hn, hnOff, hPrev, hPrevOff, h, hOff, B, H);
      const operands: Operand[] = [[gi, giOff, 3 * BH, "inout"], [gh, ghOff, 3 * BH, "in"], [hn, hnOff, BH, "out"], [hPrev, hPrevOff, BH, "in"], [h, hOff, BH, "out"]];
      staged(arena, operands, (at) => fx.gruPointwise(at[0], at[1], at[2], at[3], at[4], B, H));
    },

    gruPointwiseBackward(gates, gOff, hn, hnOff, hPrev, hPrevOff, dh, dhOff, dGi, dGiOff, dGh, dGhOff, dhPrev, dhPrevOff, B, H) {
      const BH = B * H;
      if (small("gruPointwiseBackward", BH)) return ref.gruPointwiseBackward(gates, gOff, hn, hnOff, hPrev, hPrevOff, dh, dhOff, dGi, dGiOff, dGh, dGhOff, dhPrev, dhPrevOff, B, H);
      const operands: Operand[] = [[gates, gOff, 3 * BH, "in"], [hn, hnOff, BH, "in"], [hPrev, hPrevOff, BH, "in"], [dh, dhOff, BH, "in"], [dGi, dGiOff, 3 * BH, "out"], [dGh, dGhOff, 3 * BH, "out"], [dhPrev, dhPrevOff, BH, "out"]];
      staged(arena, operands, (at) => fx.gruPointwiseBackward(at[0], at[1], at[2], at[3], at[4], at[5], at[6], B, H));
    },

    rnnActivate(pre, off, n, relu) {
      if (small(relu ? "rnnActivateRelu" : "rnnActivate", n)) return ref.rnnActivate(pre, off, n, relu);
      staged(arena, [[pre, off, n, "inout"]], (at) => fx.rnnActivate(at[0], n, relu ? 1 : 0));
    },

    rnnActivateBackward(h, hOff, dh, dhOff, dPre, dPreOff, n, relu) {
      if (small("rnnActivateBackward", n)) return ref.rnnActivateBackward(h, hOff, dh, dhOff, dPre, dPreOff, n, relu);
      staged(arena, [[h, hOff, n, "in"], [dh, dhOff, n, "in"], [dPre, dPreOff, n, "out"]], (at) => fx.rnnActivateBackward(at[0], at[1], at[2], n, relu ? 1 : 0));
    },

    addRowVector(M, mOff, rows, cols, v, vOff) {
      if (small("addRowVector", rows * cols)) return ref.addRowVector(M, mOff, rows, cols, v, vOff);
      staged(arena, [[M, mOff, rows * cols, "inout"], [v, vOff, cols, "in"]], (at) => fx.addRowVector(at[0], rows, cols, at[1]));
    },

    sumRowsAccumulate(out, outOff, M, mOff, rows, cols) {
      if (small("sumRowsAccumulate", rows * cols)) return ref.sumRowsAccumulate(out, outOff, M, mOff, rows, cols);
      staged(arena, [[out, outOff, cols, "inout"], [M, mOff, rows * cols, "in"]], (at) => fx.sumRowsAccumulate(at[0], at[1], rows, cols));
    },
  };
}

let fastKernels: Kernels | null | undefined;
let noticePrinted = false;

/**
 * Installs the WebAssembly SIMD kernel set (float64, equal to the typed-array loops to rounding:
 * README's determinism section) for every layer and returns it. Where SIMD is unavailable it
 * prints one line and installs the typed-array kernels, so code that asks for speed still runs.
 */
export function useFastKernels(): Kernels {
  if (fastKernels === undefined) fastKernels = createWasmKernels();
  if (!fastKernels) {
    if (!noticePrinted) console.warn(`rnnlab: WebAssembly SIMD unavailable (${wasmSimdUnavailableReason()}); using the typed-array kernels`);
    noticePrinted = true;
    setKernels(typedArrayKernels);
    return typedArrayKernels;
  }
  setKernels(fastKernels);
  return fastKernels;
}

/** Installs the plain typed-array reference kernels (the default) and returns them. */
export function useReferenceKernels(): Kernels {
  setKernels(typedArrayKernels);
  return typedArrayKernels;
}

/** The name of the kernel set the layers use now ("typed-array" or "wasm-simd"). */
export function activeKernelsName(): string {
  return getKernels().name;
}
