export * from "./kernels";
export { typedArrayKernels } from "./typedArrayKernels";
export { compareKernels } from "./compareKernels";
export type { KernelDifferences } from "./compareKernels";
