export * from "./kernels";
export { typedArrayKernels } from "./typedArrayKernels";
export { compareKernels } from "./compareKernels";
export type { KernelDifferences } from "./compareKernels";
export { createWasmKernels, wasmSimdAvailable, wasmSimdUnavailableReason, WASM_MIN_MULTIPLY_ADDS } from "./wasmKernels";
export { useFastKernels, useReferenceKernels, wasmKernels, threadedWasmKernels, activeKernelsName, selectKernelsByName, applyKernelsFromEnvironment } from "./selectKernels";
export type { FastKernelsPrecision, FastKernelsOptions } from "./selectKernels";
export type { WasmKernelsOptions } from "./wasmKernels";
// threads (issue 8): the resident product of the index is the one with a `threads` option
export { createResidentMatVec, residentMatVecIfFaster, residentMatVecPays, setDynamicsResidentProducts, RESIDENT_MATVEC_MIN_ENTRIES, THREADED_MATVEC_MIN_ENTRIES } from "./threads/residentMatVec";
export type { ResidentMatVec, ResidentMatVecOptions } from "./threads/residentMatVec";
export { createThreadedKernels, THREADED_MIN_MULTIPLY_ADDS } from "./threads/threadedKernels";
export type { ThreadedKernelsOptions } from "./threads/threadedKernels";
export { setKernelThreads, kernelThreads, effectiveKernelThreads, kernelThreadsAvailable, kernelThreadsUnavailableReason, disposeKernelThreads, kernelThreadHandoffs, kernelThreadChunks, chunkRows, MAX_KERNEL_THREADS } from "./threads/threadPool";
// No side effect on import: RNNLAB_KERNELS is read by an explicit applyKernelsFromEnvironment()
// (the notebook kernel's start-up, lib/notebookKernel/tslab/tslabKernel.ts, and scripts that want it).
