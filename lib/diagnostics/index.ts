/** Diagnostics of gradient flow: ∂L/∂h_t norms, Jacobian products, W_hh spectra, gate statistics. */
export type { RecurrentNetwork } from "./common";
export * from "./gradientFlow";
export * from "./jacobians";
export * from "./spectrum";
export * from "./gates";
