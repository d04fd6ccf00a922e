/**
 * Switching between the kernel sets (issue 8).
 *
 *     useFastKernels();       // WebAssembly SIMD matrix products (float64), if the runtime has SIMD
 *     useReferenceKernels();  // the plain typed-array loops (the default)
 *
 * The environment variable `RNNLAB_KERNELS` picks the set when the library is loaded
 * through its index (`import ... from "rnnlab"`): `wasm` (or `fast`) installs the SIMD
 * kernels, `typed-array` (or `reference`, or unset) keeps the reference loops.
 * Where WebAssembly SIMD does not validate, `useFastKernels()` prints one line and keeps
 * the typed-array path, so code that asks for speed still runs everywhere.
 */
import { requireOneOf } from "../core/errors";
import { Kernels, getKernels, setKernels } from "./kernels";
import { typedArrayKernels } from "./typedArrayKernels";
import { createWasmKernels, wasmSimdUnavailableReason } from "./wasmKernels";

let fastKernels: Kernels | null | undefined;
let noticePrinted = false;

/** The WebAssembly SIMD kernel set (built once), or null when SIMD is unavailable. */
export function wasmKernels(): Kernels | null {
  if (fastKernels === undefined) fastKernels = createWasmKernels();
  return fastKernels;
}

/**
 * Installs the fastest kernel set this runtime supports (WebAssembly SIMD, float64) and
 * returns it. Falls back to the typed-array kernels with a one-line notice when WebAssembly
 * SIMD is unavailable.
 */
export function useFastKernels(): Kernels {
  const fast = wasmKernels();
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

/** The name of the kernel set the layers use now ("typed-array" or "wasm-simd"). */
export function activeKernelsName(): string {
  return getKernels().name;
}

/**
 * Applies a kernel choice by name: "wasm" / "fast" → `useFastKernels()`,
 * "typed-array" / "reference" → `useReferenceKernels()`.
 */
export function selectKernelsByName(name: string): Kernels {
  const choice = requireOneOf("selectKernelsByName", "name", name, ["wasm", "fast", "wasm-simd", "typed-array", "reference"] as const);
  return choice === "typed-array" || choice === "reference" ? useReferenceKernels() : useFastKernels();
}

/** Reads RNNLAB_KERNELS (called once when lib/kernels/index.ts loads). */
export function applyKernelsFromEnvironment(): void {
  const env = typeof process !== "undefined" && process.env ? process.env.RNNLAB_KERNELS : undefined;
  if (env && env.trim() !== "") selectKernelsByName(env.trim());
}
