export * from "./kernels";
export { typedArrayKernels } from "./typedArrayKernels";
export { compareKernels } from "./compareKernels";
export type { KernelDifferences } from "./compareKernels";
export { createWasmKernels, createResidentMatVec, wasmSimdAvailable, wasmSimdUnavailableReason, WASM_MIN_MULTIPLY_ADDS } from "./wasmKernels";
export type { ResidentMatVec } from "./wasmKernels";
export { useFastKernels, useReferenceKernels, wasmKernels, activeKernelsName, selectKernelsByName, applyKernelsFromEnvironment } from "./selectKernels";
export type { FastKernelsPrecision } from "./selectKernels";
export type { WasmKernelsOptions, ResidentMatVecOptions } from "./wasmKernels";
import { applyKernelsFromEnvironment } from "./selectKernels";
// RNNLAB_KERNELS=wasm selects the WebAssembly SIMD kernels for everything loaded through the index.
applyKernelsFromEnvironment();
