/**
 * The transition to chaos in random rate networks and low-rank structure:
 * random couplings and the circular law, a fast Euler simulator, Lyapunov
 * exponents, autocorrelations, outlier eigenvalues and sequence-producing
 * low-rank networks.
 */
export { randomCoupling, lowRankMatrix, structuredVectors, addMatrices } from "./coupling";
export type { RandomCouplingConfig, StructuredVectors } from "./coupling";
export { simulateRandomNetwork } from "./simulate";
export type { RandomNetworkSimulationConfig, RandomNetworkSimulation } from "./simulate";
export { largestLyapunovExponent, lyapunovSpectrum, lyapunovSweep } from "./lyapunov";
export type { LyapunovConfig, LyapunovResult, LyapunovSweepResult } from "./lyapunov";
export { circlePoints, predictedOutliers, rightmostEigenvalue } from "./spectrum";
export { activityAutocorrelation, correlationTime } from "./autocorrelation";
export { sequenceNetwork, dominantPattern, visitOrder } from "./sequence";
export type { SequenceNetwork } from "./sequence";
