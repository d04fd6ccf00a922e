/** Training: optimizers, gradient clipping, the training loop, (truncated) BPTT. */
export * from "./optimizers";
export * from "./clipping";
export type { LiveCurveOptions } from "./lossCurve";
export * from "./train";
export * from "./bptt";
