/** Dense linear algebra over row-major Float64Arrays: eigenvalues, spectral radius, singular values. */
export * from "./eigenvalues";
export { balanceForEigenvalues } from "./balance";
export type { BalancedMatrix } from "./balance";
export { hessenbergReduce } from "./hessenberg";
export { hessenbergEigenvalues } from "./hqr";
export { singularValues } from "./singularValues";
export { requireSquareMatrix, requireMatrix } from "./checks";
