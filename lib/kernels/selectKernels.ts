/**
 * Switching between the kernel sets (issue 8).
 *
 *     useFastKernels();       // WebAssembly SIMD matrix products (float64), if the runtime has SIMD
 *     useReferenceKernels();  // the plain typed-array loops (the default)
 *
 * The environment variable `RNNLAB_KERNELS` picks the set when `applyKernelsFromEnvironment()`
 * runs (the notebook kernel's start-up calls it; importing the library does not): `wasm` (or `fast`) installs the SIMD
 * kernels, `wasm-f32` the float32 SIMD kernel set (faster, not exact), `typed-array` (or
 * `reference`, or unset) keeps the reference loops. An unknown value prints one line and
 * keeps the reference loops.
 * Where WebAssembly SIMD does not validate, `useFastKernels()` prints one line and keeps
 * the typed-array path, so code that asks for speed still runs everywhere.
 *
 * Threads (opt-in): `useFastKernels({ threads: 2 })` splits the large matrix products over the
 * main thread and a worker thread (shared WebAssembly memory; lib/kernels/threads/) and makes 2
 * the default thread count of the resident products the dynamics use. `threads: 1` (or
 * `RNNLAB_THREADS=1` in the environment, which wins) keeps everything on one thread;
 * `RNNLAB_THREADS=2` with `RNNLAB_KERNELS=wasm` selects two threads from the environment.
 */
import { checkOptions } from "../core/options";
import { requireOneOf } from "../core/errors";
import { Kernels, getKernels, setKernels } from "./kernels";
import { typedArrayKernels } from "./typedArrayKernels";
import { createWasmKernels, wasmSimdUnavailableReason } from "./wasmKernels";
import { createThreadedKernels } from "./threads/threadedKernels";
import { effectiveKernelThreads, kernelThreads, setKernelThreads } from "./threads/threadPool";

const fastKernels: { float64?: Kernels | null; float32?: Kernels | null } = {};
let noticePrinted = false;

/** Precision of the fast kernels: "float64" (default, exact to rounding) or "float32" (every kernel in float32). */
export type FastKernelsPrecision = "float64" | "float32";

/** The WebAssembly SIMD kernel set (built once per precision), or null when SIMD is unavailable. */
export function wasmKernels(precision: FastKernelsPrecision = "float64"): Kernels | null {
  const p = requireOneOf("wasmKernels", "precision", precision, ["float64", "float32"] as const);
  if (fastKernels[p] === undefined) fastKernels[p] = createWasmKernels({ precision: p });
  return fastKernels[p] ?? null;
}

const threadedSets = new Map<string, Kernels & { dispose(): void }>();

/**
 * The SIMD kernel set with its large products split over `threads` threads (built once per
 * precision and thread count), the single-thread set when `threads` is 1 (or forced to 1 by
 * RNNLAB_THREADS=1, or threads are unavailable: one printed line), or null without SIMD.
 */
export function threadedWasmKernels(threads: number, precision: FastKernelsPrecision = "float64"): Kernels | null {
  const base = wasmKernels(precision);
  if (!base) return null;
  const t = effectiveKernelThreads(threads);
  if (t === 1) return base;
  const key = `${precision}/${t}`;
  let set = threadedSets.get(key);
  if (!set) {
    set = createThreadedKernels(base, { threads: t, precision });
    threadedSets.set(key, set);
  }
  return set;
}

/** Options of `useFastKernels`. */
export interface FastKernelsOptions {
  /**
   * "float64" (default, exact to rounding) or "float32": every kernel (products, gates,
   * activations, bias add and sums) computes in float32 and writes float32 values (faster, not exact)
   */
  precision?: FastKernelsPrecision;
  /**
   * Threads for the large matrix products and the dynamics' resident products (default: the
   * current `kernelThreads()`, 1 at start). 1 forces one thread; RNNLAB_THREADS=1 always does.
   */
  threads?: number;
}

/**
 * Installs the fastest kernel set this runtime supports (WebAssembly SIMD; float64 unless
 * `precision: "float32"`, whose kernels all compute in float32: faster, not exact; with
 * `threads: 2` its large products split over two threads) and returns it. Falls back to the
 * typed-array kernels with a one-line notice when WebAssembly SIMD is unavailable, and to one
 * thread with a one-line notice when worker threads are.
 */
export function useFastKernels(options: FastKernelsOptions = {}): Kernels {
  checkOptions("useFastKernels", options, ["precision", "threads"]);
  if (options.precision !== undefined) requireOneOf("useFastKernels", "precision", options.precision, ["float64", "float32"] as const);
  if (options.threads !== undefined) setKernelThreads(options.threads);
  const fast = threadedWasmKernels(kernelThreads(), options.precision ?? "float64");
  if (!fast) {
    if (!noticePrinted) {
      console.warn(`rnnlab: WebAssembly SIMD unavailable (${wasmSimdUnavailableReason()}); using the typed-array kernels`);
      noticePrinted = true;
    }
    setKernels(typedArrayKernels);
    return typedArrayKernels;
  }
  setKernels(fast);
  return fast;
}

/** Installs the plain typed-array reference kernels and returns them. */
export function useReferenceKernels(): Kernels {
  setKernels(typedArrayKernels);
  return typedArrayKernels;
}

/** The name of the kernel set the layers use now ("typed-array", "wasm-simd", "wasm-simd-f32", "wasm-simd-2t", …). */
export function activeKernelsName(): string {
  return getKernels().name;
}

/**
 * Applies a kernel choice by name: "wasm" / "fast" / "wasm-simd" → `useFastKernels()`,
 * "wasm-f32" → `useFastKernels({ precision: "float32" })`, "typed-array" / "reference" →
 * `useReferenceKernels()`.
 */
export function selectKernelsByName(name: string): Kernels {
  const choice = requireOneOf("selectKernelsByName", "name", name, ["wasm", "fast", "wasm-simd", "wasm-f32", "typed-array", "reference"] as const);
  if (choice === "typed-array" || choice === "reference") return useReferenceKernels();
  return useFastKernels({ precision: choice === "wasm-f32" ? "float32" : "float64" });
}

/** Reads RNNLAB_KERNELS (called by the notebook kernel's start-up and scripts; importing the library does not). */
export function applyKernelsFromEnvironment(): void {
  const env = typeof process !== "undefined" && process.env ? process.env.RNNLAB_KERNELS : undefined;
  if (!env || env.trim() === "") return;
  try {
    selectKernelsByName(env.trim());
  } catch (e) {
    console.warn(`rnnlab: ignoring RNNLAB_KERNELS=${JSON.stringify(env)} (${e instanceof Error ? e.message : String(e)}); using the typed-array kernels`);
  }
}
