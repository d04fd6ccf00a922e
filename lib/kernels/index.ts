export * from "./kernels";
export { typedArrayKernels } from "./typedArrayKernels";
