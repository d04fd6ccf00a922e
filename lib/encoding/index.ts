/**
 * Encoding models of spike trains: binning, spike-triggered average, the LNP model as a
 * Poisson GLM, bits per spike, and recurrent (GRU / rate-network) encoders with a Poisson readout.
 * Depends on nn, training and dynamics; used by the notebooks.
 */
export { binSpikeTimes, binAverage, standardize, laggedDesign, spikeTriggeredAverage } from "./spikes";
export type { PoissonGlm, PoissonGlmOptions } from "./poissonGlm";
export { fitPoissonGlm, glmLogRate, poissonLogLikelihood, bitsPerSpike } from "./poissonGlm";
export type { RecurrentEncoderKind, RecurrentEncoderConfig, EncoderBatch, EncoderTrainConfig } from "./recurrentEncoder";
export { RecurrentEncoder, trainRecurrentEncoder } from "./recurrentEncoder";
