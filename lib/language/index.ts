/** Character language models on real text: n-gram baselines, bits per character of a recurrent model. */
export type { CharNGramConfig, CharNGramModel, LanguageModelScore } from "./charNGram";
export { fitCharNGram } from "./charNGram";
export type { NextStepScoreOptions, NextStepTextScore } from "./modelScore";
export { nextStepBitsPerChar, overlappingWindows } from "./modelScore";
export type { MobyDickSplitOptions, MobyDickSplit } from "./mobyDickSplit";
export { MOBY_DICK_TEST_CHAPTERS, mobyDickSplit, mobyDickVocabulary } from "./mobyDickSplit";
export type { MobyDickRegime, MobyDickCurvePoint, MobyDickRun } from "./mobyDickRun";
export { loadMobyDickRun } from "./mobyDickRun";
