/**
 * The kernels' public interface (everything outside lib/kernels imports from here):
 * - `getKernels()`: the `Kernels` set the cells and layers call (the typed-array loops, or a
 *   replacement installed with `setKernels`, checked with `compareKernels`);
 * - the resident matrix–vector product of the dynamics (`residentMatVecIfFaster`, WebAssembly SIMD);
 * - the forward-Euler integrator of rate networks (`eulerTanhSteps`, `leakyEulerStep`);
 * - `useFastKernels()`: the WebAssembly SIMD set for the layers (opt-in; float64, equal to the
 *   typed-array loops to rounding), `useReferenceKernels()` to go back.
 */
export { getKernels, setKernels } from "./kernels";
export type { Kernels } from "./kernels";
export { typedArrayKernels } from "./typedArrayKernels";
export { compareKernels } from "./compareKernels";
export { createResidentMatVec, residentMatVecIfFaster, residentMatVecPays, setDynamicsResidentProducts } from "./residentMatVec";
export { wasmSimdAvailable } from "./wasmModule";
export type { ResidentMatVec } from "./residentMatVec";
export { eulerTanhSteps, leakyEulerStep, plainMatVec } from "./eulerTanh";
export { activeKernelsName, createWasmKernels, useFastKernels, useReferenceKernels, WASM_MIN_MULTIPLY_ADDS } from "./wasmKernels";
export type { WasmKernelsOptions } from "./wasmKernels";
