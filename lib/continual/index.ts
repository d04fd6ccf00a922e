/** Catastrophic interference: forgetting metrics, gradient overlap, curvature, Fisher, EWC and OGD. */
export * from "./task";
export * from "./gradients";
export * from "./hessian";
export * from "./forgetting";
export * from "./transfer";
export * from "./fisher";
export * from "./ewc";
export * from "./projection";
export * from "./finetune";
export * from "./smallModels";
export * from "./sequenceTask";
