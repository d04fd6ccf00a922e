/**
 * The shared-memory build of the SIMD kernels (`wasm/matmulShared.wasm`, built by
 * `scripts/build-wasm.js` from the same `matmul.as.ts` as the single-thread module, with
 * `--importMemory --sharedMemory`): it imports its memory as `env.memory`, so the main thread
 * and the worker threads can each instantiate it over one `WebAssembly.Memory({ shared: true })`
 * and run the same kernels on different rows of the same operands.
 */
import type { ProductKernelExports } from "../stagedProduct";
import { matmulSharedWasmBase64 } from "../wasm/matmulSharedWasm.generated";

/** The maximum of every shared memory, in 64 KiB pages; must equal the build's `--maximumMemory`. */
export const SHARED_MAX_PAGES = 16384; // 1 GiB

/** A WebAssembly memory as this code uses it. */
export interface SharedWasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

/** The kernel functions of the shared module (pointers are byte addresses into the shared memory). */
export type SharedKernelExports = ProductKernelExports;

/** The kernels a worker may be asked to run (index = the function's code in the control block). */
export const WORKER_FUNCTIONS = ["matmulStrided", "matmulNT", "matvecRows", "matvecRowsF32", "matmulStridedF32", "matmulNTF32"] as const;
/** A kernel a worker may be asked to run. */
export type WorkerFunction = (typeof WORKER_FUNCTIONS)[number];

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => SharedWasmMemory;
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;
let reason = "";

/** The compiled shared-memory module, or null (see `sharedModuleUnavailableReason`). */
export function sharedKernelModule(): object | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (!wasmApi) throw new Error("no WebAssembly in this runtime");
    if (typeof SharedArrayBuffer === "undefined") throw new Error("no SharedArrayBuffer in this runtime");
    const bytes = typeof Buffer !== "undefined" ? new Uint8Array(Buffer.from(matmulSharedWasmBase64, "base64")) : Uint8Array.from(atob(matmulSharedWasmBase64), (ch) => ch.charCodeAt(0));
    if (!wasmApi.validate(bytes)) throw new Error("the shared-memory SIMD module does not validate (no WebAssembly SIMD or threads)");
    const mod = new wasmApi.Module(bytes);
    // a trial instance: shared memories must really be constructible here
    new wasmApi.Instance(mod, { env: { memory: newSharedMemory(1) } });
    compiled = mod;
  } catch (e) {
    reason = e instanceof Error ? e.message : String(e);
  }
  return compiled;
}

/** Why the shared module is unavailable ("" when it is available). */
export function sharedModuleUnavailableReason(): string {
  sharedKernelModule();
  return reason;
}

/** A new shared WebAssembly memory of `pages` pages (maximum `SHARED_MAX_PAGES`). */
export function newSharedMemory(pages: number): SharedWasmMemory {
  return new wasmApi!.Memory({ initial: pages, maximum: SHARED_MAX_PAGES, shared: true });
}

/** Instantiates the shared module over `memory` (main-thread side). */
export function instantiateShared(memory: SharedWasmMemory): SharedKernelExports {
  const mod = sharedKernelModule();
  if (!mod) throw new Error(`rnnlab: shared-memory kernels unavailable (${reason})`);
  return new wasmApi!.Instance(mod, { env: { memory } }).exports as unknown as SharedKernelExports;
}

/**
 * A bump region of a shared memory, from the module's heap base: `reserve(bytes)` grows the
 * memory when needed and returns the (16-byte aligned) base address. Views are refreshed after
 * growth (a grown shared memory has a new, longer SharedArrayBuffer).
 */
export class SharedArena {
  readonly base: number;
  private f64View: Float64Array;
  private f32View: Float32Array;
  constructor(
    readonly memory: SharedWasmMemory,
    exports: SharedKernelExports,
  ) {
    this.base = (exports.heapBase() + 15) & ~15;
    this.f64View = new Float64Array(memory.buffer);
    this.f32View = new Float32Array(memory.buffer);
  }
  /** Makes room for `bytes` bytes after the base; returns the base address. */
  reserve(bytes: number): number {
    const need = this.base + bytes;
    const have = this.memory.buffer.byteLength;
    if (need > SHARED_MAX_PAGES * 65536) throw new Error(`rnnlab: threaded kernels need ${need} bytes of shared memory, more than its maximum (${SHARED_MAX_PAGES * 65536})`);
    if (need > have) this.memory.grow(Math.ceil((need - have) / 65536));
    if (this.f64View.buffer.byteLength !== this.memory.buffer.byteLength) {
      this.f64View = new Float64Array(this.memory.buffer);
      this.f32View = new Float32Array(this.memory.buffer);
    }
    return this.base;
  }
  /** The float64 view (valid until the next `reserve` that grows). */
  get f64(): Float64Array {
    return this.f64View;
  }
  /** The float32 view (valid until the next `reserve` that grows). */
  get f32(): Float32Array {
    return this.f32View;
  }
}
