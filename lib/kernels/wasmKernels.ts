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
 * The float32 set (`precision: "float32"`) keeps the Float64Array interface but rounds every
 * operand to float32 at the kernel boundary and computes products and pointwise kernels in
 * f32x4: every value it writes is a float32 value (source `wasm/gates/gatesF32.as.ts`).
 */
import { badArgument, requireFinite, requireInt, requireOneOf } from "../core/errors";
import type { Kernels } from "./kernels";
import { ProductKernelExports, RunRows, align2, stagedProductF32, stagedProductF64 } from "./stagedProduct";
import { typedArrayKernels } from "./typedArrayKernels";
import { matmulWasmBase64 } from "./wasm/matmulWasm.generated";
import { checkOptions } from "../core/options";

// The few WebAssembly APIs used here (the project's TypeScript lib settings do not declare them).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type WasmModule = object;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: object };
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The functions `matmul.wasm` exports (pointers are byte addresses). */
interface MatmulExports extends ProductKernelExports {
  memory: WasmMemory;
  lstmPointwiseF64(gates: number, cPrev: number, c: number, h: number, B: number, H: number): void;
  lstmPointwiseBackwardF64(gates: number, cPrev: number, c: number, dh: number, dc: number, dGates: number, dcPrev: number, B: number, H: number): void;
  gruPointwiseF64(gi: number, gh: number, hn: number, hPrev: number, h: number, B: number, H: number): void;
  gruPointwiseBackwardF64(gates: number, hn: number, hPrev: number, dh: number, dGi: number, dGh: number, dhPrev: number, B: number, H: number): void;
  rnnActivateF64(x: number, n: number, relu: number): void;
  rnnActivateBackwardF64(h: number, dh: number, dPre: number, n: number, relu: number): void;
  eulerTanhStepsF64(h: number, r: number, jr: number, j: number, n: number, dt: number, steps: number): void;
  addRowVectorF64(m: number, rows: number, cols: number, v: number): void;
  sumRowsAccumulateF64(out: number, m: number, rows: number, cols: number): void;
  lstmPointwiseF32: MatmulExports["lstmPointwiseF64"];
  lstmPointwiseBackwardF32: MatmulExports["lstmPointwiseBackwardF64"];
  gruPointwiseF32: MatmulExports["gruPointwiseF64"];
  gruPointwiseBackwardF32: MatmulExports["gruPointwiseBackwardF64"];
  rnnActivateF32: MatmulExports["rnnActivateF64"];
  rnnActivateBackwardF32: MatmulExports["rnnActivateBackwardF64"];
  addRowVectorF32: MatmulExports["addRowVectorF64"];
  sumRowsAccumulateF32: MatmulExports["sumRowsAccumulateF64"];
}

/** The pointwise kernels; the module exports each as `<name>F64` and `<name>F32` (same signatures). */
const POINTWISE_NAMES = ["lstmPointwise", "lstmPointwiseBackward", "gruPointwise", "gruPointwiseBackward", "rnnActivate", "rnnActivateBackward", "addRowVector", "sumRowsAccumulate"] as const;

/** The pointwise functions of one precision, by kernel name. */
type PointwiseExports = { [N in (typeof POINTWISE_NAMES)[number]]: MatmulExports[`${N}F64`] };

/** The module's pointwise functions of `precision`. */
function pointwiseExports(mod: MatmulExports, precision: "float64" | "float32"): PointwiseExports {
  const suffix = precision === "float32" ? "F32" : "F64";
  return Object.fromEntries(POINTWISE_NAMES.map((name) => [name, mod[`${name}${suffix}`]])) as unknown as PointwiseExports;
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

function decodeBase64(s: string): Uint8Array {
  if (typeof Buffer !== "undefined") return new Uint8Array(Buffer.from(s, "base64"));
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let compiled: WasmModule | null | undefined; // undefined: not tried yet; null: unavailable
let loadError = "";

/** The compiled SIMD module, or null when WebAssembly SIMD is unavailable here. */
function compiledModule(): WasmModule | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (!wasmApi) throw new Error("no WebAssembly in this runtime");
    const bytes = decodeBase64(matmulWasmBase64);
    if (!wasmApi.validate(bytes)) throw new Error("WebAssembly SIMD (v128) is not supported by this runtime");
    compiled = new wasmApi.Module(bytes);
  } catch (e) {
    loadError = e instanceof Error ? e.message : String(e);
  }
  return compiled;
}

/**
 * A fresh instance (its own linear memory) of the SIMD module, or null. Each kernel set and
 * each resident matrix gets its own, so they never overwrite each other's operands.
 */
function matmulModule(): MatmulExports | null {
  const mod = compiledModule();
  if (!mod) return null;
  return new wasmApi!.Instance(mod, {}).exports as unknown as MatmulExports;
}

/** True when the SIMD module validates and instantiates in this runtime. */
export function wasmSimdAvailable(): boolean {
  return compiledModule() !== null;
}

/** Why the SIMD module is unavailable ("" when it is available). */
export function wasmSimdUnavailableReason(): string {
  compiledModule();
  return loadError;
}

/**
 * Linear memory of the module, seen as float64, with a bump layout from heapBase.
 * `reserve(doubles)` grows the memory when needed and returns the byte base.
 */
class WasmArena {
  private view: Float64Array;
  private view32: Float32Array;
  private readonly base: number;
  constructor(private readonly mod: MatmulExports) {
    this.base = (mod.heapBase() + 15) & ~15;
    this.view = new Float64Array(mod.memory.buffer);
    this.view32 = new Float32Array(mod.memory.buffer);
  }
  /** Makes room for `doubles` float64 values after the base; returns the base (bytes). */
  reserve(doubles: number): number {
    const need = this.base + doubles * 8;
    const have = this.mod.memory.buffer.byteLength;
    if (need > have) this.mod.memory.grow(Math.ceil((need - have) / 65536));
    if (this.view.buffer !== this.mod.memory.buffer) {
      this.view = new Float64Array(this.mod.memory.buffer);
      this.view32 = new Float32Array(this.mod.memory.buffer);
    }
    return this.base;
  }
  /** The current float32 view (valid until the next `reserve`). */
  get f32(): Float32Array {
    return this.view32;
  }
  /** The current float64 view (valid until the next `reserve`). */
  get f64(): Float64Array {
    return this.view;
  }
}


/** Options of `createWasmKernels`. */
export interface WasmKernelsOptions {
  /**
   * products with fewer multiply–adds run on the typed-array loops (default `WASM_MIN_MULTIPLY_ADDS`;
   * float64 only: the float32 set runs every product in WebAssembly, so that it stays float32)
   */
  minMultiplyAdds?: number;
  /**
   * pointwise kernels (gates, activations, bias add and sums) on fewer elements than this run on
   * the typed-array loops, where the fixed cost of a WebAssembly call with its copies (~0.3 µs)
   * would dominate. Default: the measured crossover of each kernel (`WASM_MIN_POINTWISE_ELEMENTS`);
   * 0 sends every call to WebAssembly (the tests do, so that small shapes are covered too).
   * Float64 only: the float32 set always runs in WebAssembly.
   */
  minPointwiseElements?: number;
  /**
   * "float64" (default): exact to rounding. "float32": every kernel rounds its operands to
   * float32 on the way in and computes in float32 (four lanes per v128): the products accumulate
   * into the float32-rounded C in float32, the gate kernels use a float32 exp; every value
   * written is a float32 value (stored in the Float64Arrays). Products: relative error
   * ~1e-7·√k per entry (tested ≤ 1e-5 of Σ|a||b| + |C|); gates a few float32 ulps — faster, not
   * exact; finite-difference gradient checks at 1e-6 will not pass with it.
   */
  precision?: "float64" | "float32";
}

/**
 * Builds the WebAssembly SIMD kernel set, or returns null when SIMD is unavailable.
 * Use `useFastKernels()` (selectKernels.ts) to install it with a fallback notice.
 */
export function createWasmKernels(options: WasmKernelsOptions = {}): Kernels | null {
  checkOptions("createWasmKernels", options, ["minMultiplyAdds", "minPointwiseElements", "precision"]);
  const precision = requireOneOf("createWasmKernels", "options.precision", options.precision ?? "float64", ["float64", "float32"] as const);
  const found = matmulModule();
  if (!found) return null;
  const mod: MatmulExports = found;
  const arena = new WasmArena(mod);
  const threshold = options.minMultiplyAdds ?? WASM_MIN_MULTIPLY_ADDS;

  /** Row kernels run directly, all rows in one call. */
  const runRows: RunRows = (fn, rows, argsOf) => (mod[fn] as (...a: number[]) => void)(...argsOf(0, rows));
  /** C += op(A) op(B) in WebAssembly (float64), small products on the typed-array loops. */
  const product =
    (staged: typeof stagedProductF64): Kernels["matmulAccumulate"] =>
    (C, cOff, A, aOff, B, bOff, m, k, n, transA, transB) => {
      if (m * k * n < threshold || m === 0 || n === 0 || k === 0) {
        typedArrayKernels.matmulAccumulate(C, cOff, A, aOff, B, bOff, m, k, n, transA, transB);
        return;
      }
      staged(arena, mod, runRows, C, cOff, A, aOff, B, bOff, m, k, n, transA, transB);
    };

  if (precision === "float32") {
    // every call in WebAssembly, whatever its size: the typed-array loops would compute in float64
    const gates32 = simdGateKernels(pointwiseExports(mod, "float32"), arena, 0);
    const product32: Kernels["matmulAccumulate"] = (C, cOff, A, aOff, B, bOff, m, k, n, transA, transB) => {
      if (m === 0 || n === 0 || k === 0) return;
      stagedProductF32(arena, mod, runRows, C, cOff, A, aOff, B, bOff, m, k, n, transA, transB);
    };
    return { ...typedArrayKernels, ...gates32, name: "wasm-simd-f32", matmulAccumulate: product32 };
  }
  const gates = simdGateKernels(pointwiseExports(mod, "float64"), arena, options.minPointwiseElements);
  return { ...typedArrayKernels, ...gates, name: "wasm-simd", matmulAccumulate: product(stagedProductF64) };
}

/** The pointwise kernels of the interface (everything but the products). */
type PointwiseKernels = Omit<Kernels, "name" | "matmulAccumulate">;

/**
 * The pointwise kernels in WebAssembly SIMD (source `wasm/gates/gates.as.ts`): each copies its
 * operands into the arena (one region after the other, every region 16-byte aligned), runs, and
 * copies its outputs back. σ and tanh use a two-lane `expm1` (Cody–Waite reduction, degree-13
 * Taylor polynomial; within a few 1e-16 of Math.exp/Math.tanh); the kernels without exp/tanh
 * (GRU backward, RNN backward, ReLU, bias add, bias sums) do the reference's arithmetic in the
 * reference's order and give the same bits. Every H works (an odd last column is processed
 * with both lanes holding it). `fx` selects the float64 functions or their float32 versions
 * (`wasm/gates/gatesF32.as.ts`: same memory layout, operands rounded to float32 as they are
 * loaded, four lanes per v128, results float32 values; the glue is the same).
 */
function simdGateKernels(fx: PointwiseExports, arena: WasmArena, minElements?: number): PointwiseKernels {
  const min = (name: keyof typeof WASM_MIN_POINTWISE_ELEMENTS): number => minElements ?? WASM_MIN_POINTWISE_ELEMENTS[name];
  const lstmMin = Math.max(1, min("lstmPointwise"));
  const lstmBackMin = Math.max(1, min("lstmPointwiseBackward"));
  const gruMin = Math.max(1, min("gruPointwise"));
  const gruBackMin = Math.max(1, min("gruPointwiseBackward"));
  const tanhMin = Math.max(1, min("rnnActivate"));
  const reluMin = Math.max(1, min("rnnActivateRelu"));
  const rnnBackMin = Math.max(1, min("rnnActivateBackward"));
  const addMin = Math.max(1, min("addRowVector"));
  const sumMin = Math.max(1, min("sumRowsAccumulate"));
  const ref = typedArrayKernels;
  /** Copies src[off, off + n) to the arena's double index `at` (relative to base `b0`). */
  const put = (f64: Float64Array, b0: number, at: number, src: Float64Array, off: number, n: number): void => {
    f64.set(src.subarray(off, off + n), b0 + at);
  };
  /** Copies the arena's doubles [at, at + n) back to dst[off, off + n). */
  const get = (f64: Float64Array, b0: number, at: number, dst: Float64Array, off: number, n: number): void => {
    dst.set(f64.subarray(b0 + at, b0 + at + n), off);
  };
  return {
    lstmPointwise(gates, gOff, cPrev, cPrevOff, c, cOff, h, hOff, B, H) {
      const BH = B * H;
      if (BH < lstmMin) return ref.lstmPointwise(gates, gOff, cPrev, cPrevOff, c, cOff, h, hOff, B, H);
      const gAt = 0;
      const cpAt = align2(4 * BH);
      const cAt = cpAt + align2(BH);
      const hAt = cAt + align2(BH);
      const base = arena.reserve(hAt + BH);
      const f64 = arena.f64;
      const b0 = base >> 3;
      put(f64, b0, gAt, gates, gOff, 4 * BH);
      put(f64, b0, cpAt, cPrev, cPrevOff, BH);
      fx.lstmPointwise(base, base + cpAt * 8, base + cAt * 8, base + hAt * 8, B, H);
      get(f64, b0, gAt, gates, gOff, 4 * BH);
      get(f64, b0, cAt, c, cOff, BH);
      get(f64, b0, hAt, h, hOff, BH);
    },

    lstmPointwiseBackward(gates, gOff, cPrev, cPrevOff, c, cOff, dh, dhOff, dc, dcOff, dGates, dgOff, dcPrev, dcPrevOff, B, H) {
      const BH = B * H;
      if (BH < lstmBackMin) return ref.lstmPointwiseBackward(gates, gOff, cPrev, cPrevOff, c, cOff, dh, dhOff, dc, dcOff, dGates, dgOff, dcPrev, dcPrevOff, B, H);
      const r = align2(BH);
      const gAt = 0;
      const cpAt = align2(4 * BH);
      const cAt = cpAt + r;
      const dhAt = cAt + r;
      const dcAt = dhAt + r;
      const dgAt = dcAt + r;
      const dcpAt = dgAt + align2(4 * BH);
      const base = arena.reserve(dcpAt + BH);
      const f64 = arena.f64;
      const b0 = base >> 3;
      put(f64, b0, gAt, gates, gOff, 4 * BH);
      put(f64, b0, cpAt, cPrev, cPrevOff, BH);
      put(f64, b0, cAt, c, cOff, BH);
      put(f64, b0, dhAt, dh, dhOff, BH);
      put(f64, b0, dcAt, dc, dcOff, BH);
      fx.lstmPointwiseBackward(base, base + cpAt * 8, base + cAt * 8, base + dhAt * 8, base + dcAt * 8, base + dgAt * 8, base + dcpAt * 8, B, H);
      get(f64, b0, dgAt, dGates, dgOff, 4 * BH);
      get(f64, b0, dcpAt, dcPrev, dcPrevOff, BH);
    },

    gruPointwise(gi, giOff, gh, ghOff, hn, hnOff, hPrev, hPrevOff, h, hOff, B, H) {
      const BH = B * H;
      if (BH < gruMin) return ref.gruPointwise(gi, giOff, gh, ghOff, hn, hnOff, hPrev, hPrevOff, h, hOff, B, H);
      const r = align2(BH);
      const giAt = 0;
      const ghAt = align2(3 * BH);
      const hpAt = ghAt + align2(3 * BH);
      const hnAt = hpAt + r;
      const hAt = hnAt + r;
      const base = arena.reserve(hAt + BH);
      const f64 = arena.f64;
      const b0 = base >> 3;
      put(f64, b0, giAt, gi, giOff, 3 * BH);
      put(f64, b0, ghAt, gh, ghOff, 3 * BH);
      put(f64, b0, hpAt, hPrev, hPrevOff, BH);
      fx.gruPointwise(base, base + ghAt * 8, base + hnAt * 8, base + hpAt * 8, base + hAt * 8, B, H);
      get(f64, b0, giAt, gi, giOff, 3 * BH);
      get(f64, b0, hnAt, hn, hnOff, BH);
      get(f64, b0, hAt, h, hOff, BH);
    },

    gruPointwiseBackward(gates, gOff, hn, hnOff, hPrev, hPrevOff, dh, dhOff, dGi, dGiOff, dGh, dGhOff, dhPrev, dhPrevOff, B, H) {
      const BH = B * H;
      if (BH < gruBackMin) return ref.gruPointwiseBackward(gates, gOff, hn, hnOff, hPrev, hPrevOff, dh, dhOff, dGi, dGiOff, dGh, dGhOff, dhPrev, dhPrevOff, B, H);
      const r = align2(BH);
      const g3 = align2(3 * BH);
      const gAt = 0;
      const hnAt = g3;
      const hpAt = hnAt + r;
      const dhAt = hpAt + r;
      const diAt = dhAt + r;
      const dhhAt = diAt + g3;
      const dhpAt = dhhAt + g3;
      const base = arena.reserve(dhpAt + BH);
      const f64 = arena.f64;
      const b0 = base >> 3;
      put(f64, b0, gAt, gates, gOff, 3 * BH);
      put(f64, b0, hnAt, hn, hnOff, BH);
      put(f64, b0, hpAt, hPrev, hPrevOff, BH);
      put(f64, b0, dhAt, dh, dhOff, BH);
      fx.gruPointwiseBackward(base, base + hnAt * 8, base + hpAt * 8, base + dhAt * 8, base + diAt * 8, base + dhhAt * 8, base + dhpAt * 8, B, H);
      get(f64, b0, diAt, dGi, dGiOff, 3 * BH);
      get(f64, b0, dhhAt, dGh, dGhOff, 3 * BH);
      get(f64, b0, dhpAt, dhPrev, dhPrevOff, BH);
    },

    rnnActivate(pre, off, n, relu) {
      if (n < (relu ? reluMin : tanhMin)) return ref.rnnActivate(pre, off, n, relu);
      const base = arena.reserve(n);
      const f64 = arena.f64;
      const b0 = base >> 3;
      put(f64, b0, 0, pre, off, n);
      fx.rnnActivate(base, n, relu ? 1 : 0);
      get(f64, b0, 0, pre, off, n);
    },

    rnnActivateBackward(h, hOff, dh, dhOff, dPre, dPreOff, n, relu) {
      if (n < rnnBackMin) return ref.rnnActivateBackward(h, hOff, dh, dhOff, dPre, dPreOff, n, relu);
      const dhAt = align2(n);
      const dpAt = 2 * dhAt;
      const base = arena.reserve(dpAt + n);
      const f64 = arena.f64;
      const b0 = base >> 3;
      put(f64, b0, 0, h, hOff, n);
      put(f64, b0, dhAt, dh, dhOff, n);
      fx.rnnActivateBackward(base, base + dhAt * 8, base + dpAt * 8, n, relu ? 1 : 0);
      get(f64, b0, dpAt, dPre, dPreOff, n);
    },

    addRowVector(M, mOff, rows, cols, v, vOff) {
      const n = rows * cols;
      if (n < addMin) return ref.addRowVector(M, mOff, rows, cols, v, vOff);
      const vAt = align2(n);
      const base = arena.reserve(vAt + cols);
      const f64 = arena.f64;
      const b0 = base >> 3;
      put(f64, b0, 0, M, mOff, n);
      put(f64, b0, vAt, v, vOff, cols);
      fx.addRowVector(base, rows, cols, base + vAt * 8);
      get(f64, b0, 0, M, mOff, n);
    },

    sumRowsAccumulate(out, outOff, M, mOff, rows, cols) {
      const n = rows * cols;
      if (n < sumMin) return ref.sumRowsAccumulate(out, outOff, M, mOff, rows, cols);
      const mAt = align2(cols);
      const base = arena.reserve(mAt + n);
      const f64 = arena.f64;
      const b0 = base >> 3;
      put(f64, b0, 0, out, outOff, cols);
      put(f64, b0, mAt, M, mOff, n);
      fx.sumRowsAccumulate(base, base + mAt * 8, rows, cols);
      get(f64, b0, 0, out, outOff, cols);
    },
  };
}

/**
 * A matrix kept resident in WebAssembly memory for repeated matrix–vector
 * products (network simulation: J stays put, only the state vector moves).
 */
export interface ResidentMatVec {
  readonly rows: number;
  readonly cols: number;
  /** "float64" (exact to rounding) or "float32" (matrix, vector and sums in float32) */
  readonly precision: "float64" | "float32";
  /** y[rows] += M · x[cols]  (y is added to, like the kernels) */
  multiplyAccumulate(y: Float64Array, x: Float64Array): void;
  /**
   * `steps` forward-Euler steps of the rate network dh/dt = −h + M tanh(h) in place:
   * h ← (1 − dt)·h + dt·M·tanh(h) (M square, h of length rows). Float64 on one thread with SIMD:
   * the whole loop runs in WebAssembly (SIMD tanh, within ~1e-16 of Math.tanh; no JavaScript per
   * step); otherwise the same steps with Math.tanh and `multiplyAccumulate`.
   */
  eulerTanhSteps(h: Float64Array, dt: number, steps: number): void;
  /** Replaces the stored matrix (row-major [rows, cols]). */
  update(M: Float64Array): void;
}

/** Checks the arguments of `eulerTanhSteps` (M square, h long enough, dt finite, steps ≥ 0). */
export function checkEulerTanhSteps(rows: number, cols: number, h: Float64Array, dt: number, steps: number): void {
  const where = "ResidentMatVec.eulerTanhSteps";
  if (rows !== cols) badArgument(where, "M", `a square matrix (rows = cols) for a rate network`, `${rows}×${cols}`);
  if (!(h instanceof Float64Array) || h.length < rows) badArgument(where, "h", `a Float64Array of at least ${rows} values`, h);
  requireFinite(where, "dt", dt);
  requireInt(where, "steps", steps, 0);
}

/**
 * The Euler steps of `eulerTanhSteps` in JavaScript around `multiplyAccumulate` (Math.tanh, then
 * jr = M r, then h ← (1 − dt)·h + dt·jr): the path of float32, threaded and non-SIMD matrices.
 */
export function eulerTanhStepsLoop(mv: Pick<ResidentMatVec, "rows" | "multiplyAccumulate">, h: Float64Array, dt: number, steps: number): void {
  const n = mv.rows;
  const r = new Float64Array(n);
  const jr = new Float64Array(n);
  const decay = 1 - dt;
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < n; i++) r[i] = Math.tanh(h[i]);
    jr.fill(0);
    mv.multiplyAccumulate(jr, r);
    for (let i = 0; i < n; i++) h[i] = decay * h[i] + dt * jr[i];
  }
}

/** Options of `createResidentMatVec`. */
export interface ResidentMatVecOptions {
  /**
   * "float64" (default): products equal the typed-array ones to rounding (~1e-15 relative).
   * "float32": M and x are rounded to float32 and the products summed in float32 (four lanes
   * per v128), each sum then added to the float64 y: error ≤ ~1e-6 of Σ|M||x| per entry —
   * faster (half the memory traffic, twice the lanes), not exact.
   */
  precision?: "float64" | "float32";
}

/**
 * Puts `M` [rows, cols] (row-major) into WebAssembly memory and returns a SIMD
 * matrix–vector product on it; falls back to plain loops when SIMD is unavailable.
 * Each resident matrix has its own WebAssembly instance (memory of about 8·rows·cols bytes,
 * 4·rows·cols in float32).
 */
export function createResidentMatVec(M: Float64Array, rows: number, cols: number, options: ResidentMatVecOptions = {}): ResidentMatVec {
  checkOptions("createResidentMatVec", options, ["precision"]);
  const where = "createResidentMatVec";
  requireInt(where, "rows", rows, 1);
  requireInt(where, "cols", cols, 1);
  if (!(M instanceof Float64Array) || M.length < rows * cols) badArgument(where, "M", `a Float64Array of at least rows·cols = ${rows * cols} values`, M);
  const precision = requireOneOf(where, "options.precision", options.precision ?? "float64", ["float64", "float32"] as const);
  const single = precision === "float32";
  const stored = single ? Float64Array.from(Float32Array.from(M.subarray(0, rows * cols))) : Float64Array.from(M.subarray(0, rows * cols));
  const found = matmulModule();
  if (!found) {
    return {
      rows,
      cols,
      precision,
      multiplyAccumulate(y, x) {
        typedArrayKernels.matmulAccumulate(y, 0, stored, 0, x, 0, rows, cols, 1, false, false);
      },
      eulerTanhSteps(h, dt, steps) {
        checkEulerTanhSteps(rows, cols, h, dt, steps);
        eulerTanhStepsLoop({ rows, multiplyAccumulate: (y, x) => typedArrayKernels.matmulAccumulate(y, 0, stored, 0, x, 0, rows, cols, 1, false, false) }, h, dt, steps);
      },
      update(next) {
        stored.set(single ? Float32Array.from(next.subarray(0, rows * cols)) : next.subarray(0, rows * cols));
      },
    };
  }
  const mod: MatmulExports = found;
  const arena = new WasmArena(mod);
  // layout in doubles: M (rows·cols doubles, or rows·cols/2 in float32) | x (float64 or float32) | y
  const mDoubles = single ? Math.ceil((rows * cols) / 2) : rows * cols;
  const xAt = align2(mDoubles);
  const yAt = xAt + align2(single ? Math.ceil(cols / 2) : cols);
  const hAt = yAt + align2(rows); // the state of eulerTanhSteps (float64)
  const base = arena.reserve(hAt + rows);
  const b0 = base >> 3;
  const load = (src: Float64Array): void => {
    if (single) new Float32Array(mod.memory.buffer, base, rows * cols).set(src.subarray(0, rows * cols));
    else arena.f64.set(src.subarray(0, rows * cols), b0);
  };
  load(stored);
  const self: ResidentMatVec = {
    rows,
    cols,
    precision,
    multiplyAccumulate(y, x) {
      const f64 = arena.f64;
      if (single) arena.f32.set(x.subarray(0, cols), 2 * (b0 + xAt));
      else f64.set(x.subarray(0, cols), b0 + xAt);
      f64.set(y.subarray(0, rows), b0 + yAt);
      if (single) mod.matvecRowsF32(base + yAt * 8, base, base + xAt * 8, rows, cols);
      else mod.matvecRows(base + yAt * 8, base, base + xAt * 8, rows, cols);
      y.set(f64.subarray(b0 + yAt, b0 + yAt + rows));
    },
    eulerTanhSteps(h, dt, steps) {
      checkEulerTanhSteps(rows, cols, h, dt, steps);
      if (single) return eulerTanhStepsLoop(self, h, dt, steps);
      // h, then r (the x region) and jr (the y region) as scratch; one call for all the steps
      arena.f64.set(h.subarray(0, rows), b0 + hAt);
      mod.eulerTanhStepsF64(base + hAt * 8, base + xAt * 8, base + yAt * 8, base, rows, dt, steps);
      h.set(arena.f64.subarray(b0 + hAt, b0 + hAt + rows));
    },
    update(next) {
      if (!(next instanceof Float64Array) || next.length < rows * cols) badArgument(where, "M", `a Float64Array of at least rows·cols = ${rows * cols} values`, next);
      stored.set(single ? Float32Array.from(next.subarray(0, rows * cols)) : next.subarray(0, rows * cols));
      load(stored);
    },
  };
  return self;
}
