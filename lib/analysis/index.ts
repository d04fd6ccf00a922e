/**
 * Reverse-engineering dynamical systems and trained RNNs: fixed and slow points
 * (Sussillo & Barak 2013), linearisation, PCA of population activity, low-rank
 * structure of learned weight changes. Sits above training (may use core, linalg,
 * cells, nn, training, dynamics).
 */
export { tanhRnnMap, iterateMap } from "./systems";
export type { DiscreteMap, TanhRnnMapOptions } from "./systems";
export { speedFunction, speedGradient } from "./speed";
export { fixedPoints } from "./fixedPoints";
export type { FixedPointOptions, FixedPoint, FixedPointResult } from "./fixedPoints";
export { linearizeAt } from "./linearize";
export type { Linearization } from "./linearize";
export { pca } from "./pca";
export type { PcaOptions, PcaResult } from "./pca";
export { symmetricEigen } from "./symmetricEigen";
export { weightChangeSpectrum } from "./weightChange";
export type { WeightChangeSpectrum } from "./weightChange";
export { slownessLossAndGrad } from "./slowness";
export type { SlownessOptions } from "./slowness";
export { rateNetworkStepMap } from "./rateNetworkMap";
export { solveLinear } from "./solve";
