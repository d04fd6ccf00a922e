/**
 * Catastrophic interference: forgetting metrics, gradient overlap, curvature
 * (Hessian-vector products), predicted vs measured forgetting, the accuracy matrix
 * with ACC/BWT/FWT, the diagonal Fisher, EWC and orthogonal gradient projection.
 * Generic over models: anything with `parameters()` and a loss-and-gradient function.
 */
export type { ContinualTask } from "./task";
export { validateTaskSequence } from "./task";
export type { TaskGradient, TensorSlot, TensorOverlap, GradientOverlap } from "./gradients";
export { taskGradient, currentGradient, gradientOverlap } from "./gradients";
export type { HvpMethod, HvpOptions } from "./hessian";
export { hessianVectorProduct } from "./hessian";
export type { TaskEvaluation, ForgettingReport, ForgettingTerms, ForgettingCurvePoint, ForgettingCurve } from "./forgetting";
export { evaluateTask, measureForgetting, predictedForgettingTerms, forgettingCurve } from "./forgetting";
export type { TransferMetrics, TaskSequenceResult, TaskSequenceOptions } from "./transfer";
export { transferMetrics, runTaskSequence } from "./transfer";
export type { DiagonalFisher, DiagonalFisherOptions } from "./fisher";
export { diagonalFisher } from "./fisher";
export type { EwcConfig } from "./ewc";
export { EwcPenalty } from "./ewc";
export type { StoreGradientsOptions } from "./projection";
export { OrthogonalGradientMemory, storeTaskGradients } from "./projection";
export type { FineTuneConfig } from "./finetune";
export { fineTune } from "./finetune";
export type { AffineModelConfig } from "./smallModels";
export { ParameterVectorModel, AffineModel, quadraticTask, teacherClassificationTask } from "./smallModels";
export type { SequenceModelTaskConfig } from "./sequenceTask";
export { sequenceModelTask } from "./sequenceTask";
