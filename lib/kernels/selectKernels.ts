/**
 * Switching between the kernel sets (issue 8).
 *
 *     useFastKernels();       // WebAssembly SIMD matrix products (float64), if the runtime has SIMD
 *     useReferenceKernels();  // the plain typed-array loops (the default)
 *
 * The environment variable `RNNLAB_KERNELS` picks the set when the library is loaded
 * through its index (`import ... from "rnnlab"`): `wasm` (or `fast`) installs the SIMD
 * kernels, `wasm-f32` the float32 SIMD products (faster, not exact), `typed-array` (or
 * `reference`, or unset) keeps the reference loops. An unknown value prints one line and
 * keeps the reference loops.
 * Where WebAssembly SIMD does not validate, `useFastKernels()` prints one line and keeps
 * the typed-array path, so code that asks for speed still runs everywhere.
 */
import { requireOneOf } from "../core/errors";
import { Kernels, getKernels, setKernels } from "./kernels";
import { typedArrayKernels } from "./typedArrayKernels";
import { createWasmKernels, wasmSimdUnavailableReason } from "./wasmKernels";

const fastKernels: { float64?: Kernels | null; float32?: Kernels | null } = {};
let noticePrinted = false;

/** Precision of the fast products: "float64" (default, exact to rounding) or "float32". */
export type FastKernelsPrecision = "float64" | "float32";

/** The WebAssembly SIMD kernel set (built once per precision), or null when SIMD is unavailable. */
export function wasmKernels(precision: FastKernelsPrecision = "float64"): Kernels | null {
  const p = requireOneOf("wasmKernels", "precision", precision, ["float64", "float32"] as const);
  if (fastKernels[p] === undefined) fastKernels[p] = createWasmKernels({ precision: p });
  return fastKernels[p] ?? null;
}

/**
 * Installs the fastest kernel set this runtime supports (WebAssembly SIMD; float64 unless
 * `precision: "float32"`, whose products are rounded to float32: faster, not exact) and
 * returns it. Falls back to the typed-array kernels with a one-line notice when WebAssembly
 * SIMD is unavailable.
 */
export function useFastKernels(options: { precision?: FastKernelsPrecision } = {}): Kernels {
  const fast = wasmKernels(options.precision ?? "float64");
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
 * Applies a kernel choice by name: "wasm" / "fast" / "wasm-simd" → `useFastKernels()`,
 * "wasm-f32" → `useFastKernels({ precision: "float32" })`, "typed-array" / "reference" →
 * `useReferenceKernels()`.
 */
export function selectKernelsByName(name: string): Kernels {
  const choice = requireOneOf("selectKernelsByName", "name", name, ["wasm", "fast", "wasm-simd", "wasm-f32", "typed-array", "reference"] as const);
  if (choice === "typed-array" || choice === "reference") return useReferenceKernels();
  return useFastKernels({ precision: choice === "wasm-f32" ? "float32" : "float64" });
}

/** Reads RNNLAB_KERNELS (called once when lib/kernels/index.ts loads). */
export function applyKernelsFromEnvironment(): void {
  const env = typeof process !== "undefined" && process.env ? process.env.RNNLAB_KERNELS : undefined;
  if (!env || env.trim() === "") return;
  try {
    selectKernelsByName(env.trim());
  } catch (e) {
    console.warn(`rnnlab: ignoring RNNLAB_KERNELS=${JSON.stringify(env)} (${e instanceof Error ? e.message : String(e)}); using the typed-array kernels`);
  }
}
