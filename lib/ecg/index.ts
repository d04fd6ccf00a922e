/** Heartbeats in an unannotated ECG: R peaks, beat templates, prematurity, ROC AUC (used by notebook 18). */
export type { RPeakOptions, Beat } from "./beats";
export { removeBaseline, detectRPeaks, pearson, beatWindows, medianBeat, rrPrematurity, rocAuc } from "./beats";
