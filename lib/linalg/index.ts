/** Dense linear algebra over row-major Float64Arrays: eigenvalues, spectral radius, singular values. */
export * from "./eigenvalues";
export { singularValues } from "./singularValues";
