/** Training: optimizers, gradient clipping, the training loop, (truncated) BPTT. */
export * from "./optimizers";
export * from "./clipping";
export * from "./train";
export * from "./bptt";
