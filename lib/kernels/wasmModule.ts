/**
 * The WebAssembly SIMD module of the kernels (source `wasm/matmul.as.ts` with
 * `wasm/gates/gates.as.ts`, built by `node scripts/build-wasm.js` into
 * `wasm/matmulWasm.generated.ts`): compiled once, one instance (its own linear memory) for each
 * kernel set and each resident matrix, so they never overwrite each other's operands.
 */
import { matmulWasmBase64 } from "./wasm/matmulWasm.generated";

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

/** The functions the module exports (pointers are byte addresses into its memory). */
export interface MatmulExports {
  memory: WasmMemory;
  heapBase(): number;
  matmulStrided(c: number, a: number, b: number, m: number, k: number, n: number, rsA: number, csA: number): void;
  transposeInto(bt: number, b: number, n: number, k: number): void;
  matmulNT(c: number, a: number, b: number, m: number, k: number, n: number): void;
  matvecRows(c: number, a: number, x: number, m: number, k: number): void;
  eulerTanhStepsF64(h: number, r: number, jr: number, j: number, n: number, dt: number, steps: number): void;
  lstmPointwiseF64(gates: number, cPrev: number, c: number, h: number, B: number, H: number): void;
  lstmPointwiseBackwardF64(gates: number, cPrev: number, c: number, dh: number, dc: number, dGates: number, dcPrev: number, B: number, H: number): void;
  gruPointwiseF64(gi: number, gh: number, hn: number, hPrev: number, h: number, B: number, H: number): void;
  gruPointwiseBackwardF64(gates: number, hn: number, hPrev: number, dh: number, dGi: number, dGh: number, dhPrev: number, B: number, H: number): void;
  rnnActivateF64(x: number, n: number, relu: number): void;
  rnnActivateBackwardF64(h: number, dh: number, dPre: number, n: number, relu: number): void;
  addRowVectorF64(m: number, rows: number, cols: number, v: number): void;
  sumRowsAccumulateF64(out: number, m: number, rows: number, cols: number): void;
}

let compiled: WasmModule | null | undefined; // undefined: not tried yet; null: unavailable
let loadError = "";

/** The compiled SIMD module, or null when WebAssembly SIMD is unavailable here. */
function compiledModule(): WasmModule | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (!wasmApi) throw new Error("no WebAssembly in this runtime");
    const bytes = new Uint8Array(Buffer.from(matmulWasmBase64, "base64"));
    if (!wasmApi.validate(bytes)) throw new Error("WebAssembly SIMD (v128) is not supported by this runtime");
    compiled = new wasmApi.Module(bytes);
  } catch (e) {
    loadError = e instanceof Error ? e.message : String(e);
  }
  return compiled;
}

/** A fresh instance (its own linear memory) of the SIMD module, or null when it is unavailable. */
export function matmulModule(): MatmulExports | null {
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

/** Rounds a count of doubles up to an even number (every region 16-byte aligned). */
export const align2 = (n: number): number => (n + 1) & ~1;

/**
 * Linear memory of an instance, seen as float64, with a bump layout from heapBase.
 * `reserve(doubles)` grows the memory when needed and returns the byte base.
 */
export class WasmArena {
  private view: Float64Array;
  private readonly base: number;
  constructor(private readonly mod: MatmulExports) {
    this.base = (mod.heapBase() + 15) & ~15;
    this.view = new Float64Array(mod.memory.buffer);
  }
  /** Makes room for `doubles` float64 values after the base; returns the base (bytes). */
  reserve(doubles: number): number {
    const need = this.base + doubles * 8;
    const have = this.mod.memory.buffer.byteLength;
    if (need > have) this.mod.memory.grow(Math.ceil((need - have) / 65536));
    if (this.view.buffer !== this.mod.memory.buffer) this.view = new Float64Array(this.mod.memory.buffer);
    return this.base;
  }
  /** The current float64 view (valid until the next `reserve`). */
  get f64(): Float64Array {
    return this.view;
  }
}
