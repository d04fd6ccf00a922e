/** Sequence generation: teacher forcing, free running, scheduled sampling; exposure bias measured. */
export type { SamplingSchedule } from "./schedules";
export { teacherForcingProbability, describeSchedule } from "./schedules";
export type { NextStepKind, NextStepModelConfig, UnrollOptions, UnrollResult } from "./nextStepModel";
export { NextStepModel } from "./nextStepModel";
export type { CharVocabulary, NoisySignalConfig } from "./data";
export { charVocabulary, encodeText, decodeTokens, noisyPeriodicSignal, randomWindows } from "./data";
export type { NextStepTrainConfig, NextStepTrainHistory } from "./training";
export { trainNextStepModel } from "./training";
export type { GenerationErrorOptions, GenerationErrorCurve, GenerateOptions } from "./evaluation";
export { errorByGenerationStep, generateSequence } from "./evaluation";
