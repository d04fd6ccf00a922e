/**
 * Fuzz specs of every export of rnnlab, keyed by export name. A "function" or "class" export has
 * - example: a valid call's arguments, built from the library (`L` is rnnlab itself); the suite runs it
 *   as a control case that must succeed with a finite result;
 * - params: per parameter, in order, its name (a key "a|b" also lets an error name it "b") and the
 *   domain it accepts (see fuzzValues.js): "real", "real>0", "int>=0", "size", "array=" (length tied
 *   to the other arguments), "options{lr,betas}", "rng?" (a trailing "?": may be omitted) ...
 * Each bad value (fuzzValues.js) replaces one argument of the example: inside the domain it must be
 * accepted with a finite result or fail with an error naming the argument; outside, it must fail
 * with an RnnlabError naming the argument (accepting it is a silent wrong result).
 * "value" exports (constants, kernel sets, registries) have no call to fuzz.
 * A new export missing here fails the fuzz test (draft its entry with
 * `node test/unit/fuzz/draftSpecs.js`); an entry whose name is no longer exported fails as stale.
 */
import type * as Lib from "../../../lib";
import { APPLICATION_SPECS } from "./coverageApplications";

type L = typeof Lib;
/** A Float64Array of the given values. */
const F = (...values: number[]): Float64Array => Float64Array.from(values);
/** Two sequences of 3 steps with 2 features (T = 3, B = 2, D = 2). */
const batch = (L: L): Lib.SequenceBatch =>
  L.sequenceBatchFromArrays([
    [[0.1, 0.2], [0.3, -0.1], [0.0, 0.5]],
    [[-0.2, 0.1], [0.4, 0.2], [0.1, 0.1]],
  ]);
/** A SequenceModel matching batch(): 2 inputs, 3 hidden units, 1 output at every step. */
const model = (L: L): Lib.SequenceModel => new L.SequenceModel({ cell: "rnn", inputSize: 2, hiddenSize: 3, outputSize: 1, readout: "every", rng: new L.Rng(1) });
/** The parameters of a small Linear layer, their gradients computed. */
const params = (L: L): Lib.Parameter[] => new L.Linear(2, 3, { rng: new L.Rng(1) }).parameters();
/** The weights of a cell with `gates` gates, 2 inputs and 3 hidden units. */
const cell = (L: L, gates: number): Lib.CellWeights => {
  const rng = new L.Rng(1);
  return L.initCellWeights(gates, 2, 3, () => rng.random());
};
/** gradCheck's arguments: a model's parameters and the BPTT loss of batch(). */
const gradCheckArgs = (L: L): [Lib.Parameter[], Lib.LossAndGrad] => {
  const m = model(L);
  return [m.parameters(), L.bpttLossAndGrad(m, batch(L), F(0.1, 0.2, 0.3, 0.4, 0.5, 0.6))];
};
/** A training run of 2 steps of SGD on the BPTT loss of batch(). */
const trainConfig = (L: L): Lib.TrainConfig => {
  const m = model(L);
  return { optimizer: new L.SGD(m.parameters(), { lr: 0.1 }), lossAndGrad: L.bpttLossAndGrad(m, batch(L), F(0.1, 0.2, 0.3, 0.4, 0.5, 0.6)), steps: 2 };
};

/** A next-symbol model over 3 symbols. */
const nextStep = (L: L): Lib.NextStepModel => new L.NextStepModel({ kind: "categorical", size: 3, hiddenSize: 4, rng: new L.Rng(1) });

export interface FuzzSpec {
  kind: "function" | "class" | "value";
  example?: (L: typeof Lib) => unknown[];
  params?: Record<string, string>;
  /** The example call must throw an RnnlabError (badArgument and the like exist to throw). */
  throws?: boolean;
}

// ---------------------------------------------------------------- fuzzB's block (issue #14)
// Specs of the exports of lib/tasks, dynamics, chaos, continual, generation, encoding, analysis,
// realdata and ecg, spread into FUZZ_SPECS below (kept apart to limit merge conflicts).
/** A 2-unit tanh RNN map (W = [[0.5, 0.1], [-0.2, 0.4]]). */
const bMap = (L: L): Lib.DiscreteMap => L.tanhRnnMap({ weight: F(0.5, 0.1, -0.2, 0.4) });
/** A quadratic task on a 2-parameter model and the model. */
const bQuad = (L: L, name = "A"): Lib.ContinualTask<Lib.ParameterVectorModel> => L.quadraticTask(name, [[1, 0], [0, 2]], [1, -1]);
const bVec = (L: L): Lib.ParameterVectorModel => new L.ParameterVectorModel([0.5, -0.5]);
/** A teacher classification task (2 inputs, 2 classes, 5 examples) and an affine model that fits it. */
const bTeacher = (L: L): Lib.ContinualTask<Lib.AffineModel> => L.teacherClassificationTask({ name: "t", inputSize: 2, classes: 2, examples: 5, rng: new L.Rng(1) });
const bAffine = (L: L): Lib.AffineModel => new L.AffineModel({ inputSize: 2, outputSize: 2, rng: new L.Rng(1) });
/** A small echo state network (10 units, 1 input). */
const bEsn = (L: L): Lib.EchoStateNetwork => new L.EchoStateNetwork({ inputSize: 1, reservoirSize: 10, rng: new L.Rng(1) });
/** A categorical next-step model over 3 symbols. */
const bNext = (L: L): Lib.NextStepModel => new L.NextStepModel({ kind: "categorical", size: 3, hiddenSize: 4, rng: new L.Rng(1) });
const bStructure = (L: L): Lib.CalphaStructure => L.readPdbCalpha(L.taskDataPath("pdb", "1zaa1.pdb"));
/** Token examples with labels over 2 symbols. */
const bExamples = (): { tokens: number[]; label: 0 | 1 }[] => [
  { tokens: [0, 1, 1, 0], label: 1 },
  { tokens: [0, 1, 0, 0], label: 0 },
];
const bCounts = (): { counts: number[] }[] => [
  { counts: Array.from({ length: 20 }, (_, i) => i + 1) },
  { counts: Array.from({ length: 20 }, (_, i) => 20 - i) },
];
/** Two beats of 3 samples. */
const bBeats = (): Lib.Beat[] => [
  { peak: 1, window: F(0.1, 1, 0.2) },
  { peak: 5, window: F(0.0, 0.9, 0.1) },
];

const FUZZB_SPECS: Record<string, FuzzSpec> = {
  activityAutocorrelation: { kind: "function", example: () => [F(0.1, -0.2, 0.3, 0.5, -0.4, 0.2), 2, 1], params: { traces: "array=", k: "size", maxLag: "int>=0", normalize: "bool?" } },
  ADDING_BASELINE_MSE: { kind: "value" },
  addingProblem: { kind: "function", example: (L) => [3, { length: 5 }, new L.Rng(1)], params: { n: "size", config: "options{length}", rng: "rng?" } },
  addMatrices: { kind: "function", example: () => [F(0.1, -0.2, 0.3, 0.4), F(0.1, -0.2, 0.3, 0.4)], params: { a: "array=", b: "array=" } },
  AffineModel: { kind: "class", example: (L) => [{ inputSize: 2, outputSize: 1, rng: new L.Rng(1) }], params: { config: "options{inputSize,outputSize,initScale,rng}" } },
  AMINO_ACIDS: { kind: "value" },
  backgroundProbabilities: { kind: "function", example: () => ["C"], params: { exclude: "string?" } },
  beatWindows: { kind: "function", example: () => [[0.1, -0.2, 0.3, 1, 0.2, 0.1, 0.0, 0.9, 0.1, 0.0], [3, 7], 1, 2], params: { signal: "array", peaks: "array*", before: "int>=0", after: "size" } },
  binAverage: { kind: "function", example: () => [[0.1, -0.2, 0.3, 0.4], 2], params: { signal: "array", factor: "size" } },
  binSpikeTimes: { kind: "function", example: () => [[0.1, 0.25, 0.7], 0.1, 1], params: { spikeTimes: "array*", binWidth: "real>0", duration: "real>0" } },
  bitsPerSpike: { kind: "function", example: () => [[0.1, -0.2, 0.3], [1, 0, 2], 1], params: { logRate: "array=", counts: "array=", baselineRate: "real>0" } },
  bootstrapCompositionSE: { kind: "function", example: (L) => [bCounts(), 10, new L.Rng(1)], params: { rows: "list", resamples: "size?", rng: "rng?" } },
  brokenMirrorPairs: { kind: "function", example: () => [[0, 1, 2, 0]], params: { tokens: "array*" } },
  calphaDistances: { kind: "function", example: (L) => [bStructure(L)], params: { structure: "object" } },
  charVocabulary: { kind: "function", example: () => ["ab"], params: { text: "string" } },
  circlePoints: { kind: "function", example: () => [0.5, 8], params: { radius: "real>=0", points: "size?" } },
  compareComposition: { kind: "function", example: (L) => [L.backgroundProbabilities("C"), L.backgroundProbabilities()], params: { observed: "array=", reference: "array=?" } },
  compositionFromCounts: { kind: "function", example: () => [bCounts()], params: { rows: "list" } },
  compositionOf: { kind: "function", example: () => [[{ tokens: [0, 3, 5, 7] }], [0]], params: { examples: "list", skipPositions: "array*?" } },
  contactList: { kind: "function", example: () => [[[1, 1, 0], [1, 1, 1], [0, 1, 1]]], params: { map: "matrix" } },
  contactMap: { kind: "function", example: (L) => [bStructure(L), 8], params: { structure: "object", threshold: "real>0?" } },
  contextIndex: { kind: "function", example: () => [[0, 1, 2, 1], 2, 2, 3], params: { tokens: "array", t: "int>=0", order: "int>=0", A: "int>=1" } },
  contextIntegrationBatch: { kind: "function", example: (L) => [{ steps: 5, batch: 2, rng: new L.Rng(1) }], params: { options: "options{steps,batch,coherences,noise,responseSteps,rng}?" } },
  coolingEuler: { kind: "function", example: () => [1, 0.1, 3], params: { k: "real>0", dt: "real>0", steps: "size", y0: "real?" } },
  copyTask: { kind: "function", example: (L) => [3, { delay: 2, alphabetSize: 3, copyLength: 2 }, new L.Rng(1)], params: { n: "size", config: "options{alphabetSize,copyLength,delay}", rng: "rng?" } },
  copyTaskBaselineLoss: { kind: "function", example: () => [{ delay: 5 }], params: { config: "options{alphabetSize,copyLength,delay}" } },
  correlationTime: { kind: "function", example: () => [F(1, 0.6, 0.3, 0.1)], params: { c: "array" } },
  csrToDense: { kind: "function", example: () => [{ rows: 2, cols: 2, rowStart: Int32Array.of(0, 1, 2), colIndex: Int32Array.of(0, 1), values: F(1, 2) }], params: { A: "object" } },
  daleViolations: { kind: "function", example: () => [F(0.1, -0.2, 0.3, -0.4), F(1, -1)], params: { W: "array=", signs: "array=" } },
  decodeSymbols: { kind: "function", example: () => [[0, 1, 1], "ab"], params: { tokens: "array*", alphabet: "string" } },
  decodeTokens: { kind: "function", example: (L) => [[0, 1], L.charVocabulary("ab")], params: { tokens: "array*", vocab: "object" } },
  DEPRESSING_SYNAPSE: { kind: "value" },
  describeSchedule: { kind: "function", example: () => [{ kind: "constant", epsilon: 0.5 }], params: { schedule: "object" } },
  detectRPeaks: { kind: "function", example: () => [Array.from({ length: 200 }, (_, i) => (i % 50 === 25 ? 1 : 0.01 * Math.sin(i))), 100], params: { signal: "array", samplingRate: "real>0", options: "options{baselineWindow,threshold,refractory}?" } },
  diagonalFisher: { kind: "function", example: (L) => [bAffine(L), bTeacher(L)], params: { model: "object", task: "object", options: "options{maxExamples}?" } },
  dominantPattern: { kind: "function", example: () => [F(0.1, -0.2, 0.3, 0.4), 2], params: { overlaps: "array=", r: "size" } },
  echoStateDistance: { kind: "function", example: (L) => [bEsn(L), { steps: 5, rng: new L.Rng(1) }], params: { esn: "object", options: "options{steps,input,rng}?" } },
  EchoStateNetwork: { kind: "class", example: (L) => [{ inputSize: 1, reservoirSize: 10, rng: new L.Rng(1) }], params: { config: "options{inputSize,reservoirSize,spectralRadius,density,inputScaling,leakRate,biasScaling,rng}" } },
  encodeText: { kind: "function", example: (L) => ["ab", L.charVocabulary("ab")], params: { text: "string", vocab: "object" } },
  errorByGenerationStep: { kind: "function", example: (L) => [bNext(L), [[0, 1, 2, 0, 1]], { prompt: 2 }], params: { model: "object", sequences: "list", options: "options{prompt,targets}" } },
  eulerAmplification: { kind: "function", example: () => [1, 0.1], params: { k: "real>0", dt: "real>0" } },
  eulerRegime: { kind: "function", example: () => [1, 0.1], params: { k: "real>0", dt: "real>0" } },
  eulerStableStep: { kind: "function", example: () => [F(0.1, -0.2), F(0.3, 0.0), 1], params: { re: "array=", im: "array=", tau: "real>0?" } },
  evaluateTask: { kind: "function", example: (L) => [bVec(L), bQuad(L)], params: { model: "object", task: "object" } },
  EwcPenalty: { kind: "class", example: (L) => [bVec(L), { lambda: 1, fisher: [1, 1] }], params: { model: "object", config: "options{lambda,fisher,anchor}" } },
  FACILITATING_SYNAPSE: { kind: "value" },
  fineTune: { kind: "function", example: (L) => [bVec(L), bQuad(L), { steps: 2, learningRate: 0.1 }], params: { model: "object", task: "object", config: "options{steps,learningRate,ewc,ewcStep,projection,onStep}" } },
  fitNGram: { kind: "function", example: () => [[[0, 1, 1, 0], [1, 0, 1, 1]], { order: 1, alphabetSize: 2 }], params: { sequences: "matrix", config: "options{order,alphabetSize,alpha}" } },
  fitPoissonGlm: { kind: "function", example: () => [F(0.1, -0.2, 0.3, 0.5, -0.4, 0.2, 0.1, 0.3), 2, [1, 0, 2, 1], { ridge: 0.1 }], params: { X: "array=", P: "size", counts: "array=", options: "options{ridge,maxIterations,tolerance}?" } },
  fitWindowClassifier: { kind: "function", example: () => [bExamples(), 2, { alphabetSize: 2 }], params: { examples: "list", width: "size", options: "options{alphabetSize,alpha}?" } },
  fixedPoints: { kind: "function", example: (L) => [bMap(L), { initialStates: [[0.1, 0.2]], maxIterations: 20, rng: new L.Rng(1) }], params: { map: "object", options: "options{initialStates,noise,maxIterations,learningRate,qTolerance,newtonSteps,fixedTolerance,uniqueDistance,rng}" } },
  flipFlopBatch: { kind: "function", example: (L) => [{ steps: 5, batch: 2, rng: new L.Rng(1) }], params: { options: "options{bits,steps,batch,pulseProbability,rng}?" } },
  forgettingCurve: { kind: "function", example: (L) => [bVec(L), bQuad(L, "A"), L.quadraticTask("B", [[2, 0], [0, 1]], [-1, 1]), [0.01, 0.1]], params: { model: "object", taskA: "object", taskB: "object", etas: "array", options: "options{method,step}?" } },
  generatePalindromes: { kind: "function", example: (L) => [3, { maxLength: 6 }, new L.Rng(1)], params: { n: "size", config: "options{alphabet,minLength,maxLength,parity,hardNegativeFraction}?", rng: "rng?" } },
  generateProteins: { kind: "function", example: (L) => [3, { separation: 4 }, new L.Rng(1)], params: { n: "size", config: "options{separation,flank,length,interaction}", rng: "rng?" } },
  generateSequence: { kind: "function", example: (L) => [bNext(L), [0, 1], 3, { rng: new L.Rng(1) }], params: { model: "object", prompt: "array", steps: "size", options: "options{sampling,rng}?" } },
  glmLogRate: { kind: "function", example: (L) => [L.fitPoissonGlm(F(0.1, -0.2, 0.3, 0.5, -0.4, 0.2, 0.1, 0.3), 2, [1, 0, 2, 1], { ridge: 0.1 }), F(0.1, 0.2, 0.3, 0.4)], params: { glm: "object", X: "array=" } },
  gradientOverlap: { kind: "function", example: (L) => [L.taskGradient(bVec(L), bQuad(L, "A")), L.taskGradient(bVec(L), L.quadraticTask("B", [[2, 0], [0, 1]], [-1, 1]))], params: { a: "object", b: "object" } },
  hessianVectorProduct: { kind: "function", example: (L) => [bVec(L), bQuad(L), [1, 0]], params: { model: "object", task: "object", v: "array=", options: "options{method,step}?" } },
  integrateRateNetwork: { kind: "function", example: () => [F(0.5, 0.1, -0.2, 0.4), 2, { dt: 0.1, steps: 3 }], params: { W: "array=", n: "size", options: "options{dt,steps,method,tau,nonlinearity,h0,drive}" } },
  isPalindrome: { kind: "function", example: () => [[0, 1, 0]], params: { tokens: "array*" } },
  labeledBatch: { kind: "function", example: () => [bExamples(), 2], params: { examples: "list", alphabetSize: "size" } },
  laggedCopyChain: { kind: "function", example: () => [{ order: 1 }], params: { config: "options{alphabet,order,noise}" } },
  laggedDesign: { kind: "function", example: () => [F(0.1, -0.2, 0.3), 2], params: { x: "array*", lags: "size" } },
  largestLyapunovExponent: { kind: "function", example: (L) => [{ j: F(0.5, 0.1, -0.2, 0.4), n: 2, steps: 20, rng: new L.Rng(1) }], params: { config: "options{j,n,steps,dt,transientSteps,renormEvery,h0,rng}" } },
  iterateMap: { kind: "function", example: (L) => [bMap(L), 2], params: { map: "object", k: "int>=1" } },
  linearizeAt: { kind: "function", example: (L) => [bMap(L), [0.1, 0.2]], params: { map: "object", h: "array=" } },
  linearRnnGradientNorms: { kind: "function", example: () => [0.5, 3], params: { a: "real", T: "int>=0" } },
  loadEcg: { kind: "function", example: () => [], params: { options: "options{file}?" } },
  loadGrasshopper: { kind: "function", example: () => [1], params: { recording: "enum{1,2}", options: "options{dir}?" } },
  loadTaskCsv: { kind: "function", example: (L) => [L.taskDataPath("palindromes.csv")], params: { path: "string" } },
  longRangeContactFractions: { kind: "function", example: () => [[[1, 1, 0], [1, 1, 1], [0, 1, 1]], [0, 1]], params: { map: "matrix", separations: "array?" } },
  lowRankMatrix: { kind: "function", example: () => [[F(1, 0, 1)], [F(0.5, 0.5, 0)], 3], params: { mVectors: "list", nVectors: "list", n: "size" } },
  lyapunovSweep: { kind: "function", example: (L) => [{ n: 3, gains: [0.5, 1.5], steps: 20, rng: new L.Rng(1) }], params: { config: "options{n,gains,steps,dt,transientSteps,rng}" } },
  mackeyGlass: { kind: "function", example: () => [{ length: 5, transient: 0 }], params: { options: "options{length,tau,beta,gamma,n,dt,sampleEvery,transient,x0}" } },
  markovChainModel: { kind: "function", example: (L) => [L.laggedCopyChain({ order: 1 })], params: { chain: "object" } },
  measureForgetting: { kind: "function", example: (L) => [bVec(L), bQuad(L), () => undefined], params: { model: "object", taskA: "object", trainOnB: "fn" } },
  medianBeat: { kind: "function", example: () => [bBeats()], params: { beats: "list" } },
  memoryCapacity: { kind: "function", example: (L) => [bEsn(L), { maxDelay: 2, trainSteps: 50, testSteps: 20, washout: 5, rng: new L.Rng(1) }], params: { esn: "object", options: "options{maxDelay,trainSteps,testSteps,washout,ridge,rng}?" } },
  narma10: { kind: "function", example: (L) => [20, new L.Rng(1)], params: { length: "size", rng: "rng?" } },
  NextStepModel: { kind: "class", example: (L) => [{ kind: "categorical", size: 3, hiddenSize: 4, rng: new L.Rng(1) }], params: { config: "options{kind,size,hiddenSize,cell,rng}" } },
  nGramTableSize: { kind: "function", example: () => [3, 2], params: { alphabetSize: "int>=1", order: "int>=0" } },
  noisyPeriodicSignal: { kind: "function", example: (L) => [{ length: 10, rng: new L.Rng(1) }], params: { config: "options{length,period,noise,rng}" } },
  nrmse: { kind: "function", example: () => [F(0.1, -0.2, 0.3), F(0.2, -0.1, 0.25)], params: { prediction: "array=", target: "array=" } },
  OrthogonalGradientMemory: { kind: "class", example: () => [3, { tolerance: 1e-8 }], params: { size: "size", options: "options{tolerance}?" } },
  palindromeBatch: { kind: "function", example: (L) => [3, { maxLength: 6 }, new L.Rng(1)], params: { n: "size", config: "options{alphabet,minLength,maxLength,parity,hardNegativeFraction}?", rng: "rng?" } },
  ParameterVectorModel: { kind: "class", example: () => [[0.1, -0.2, 0.3]], params: { values: "array" } },
  pca: { kind: "function", example: () => [F(0.1, -0.2, 0.3, 0.5, -0.4, 0.2), 3, 2], params: { data: "array=", rows: "size", cols: "size", options: "options{components}?" } },
  pearson: { kind: "function", example: () => [F(0.1, -0.2, 0.3), F(0.2, -0.1, 0.5)], params: { a: "array=", b: "array=" } },
  predictedOutliers: { kind: "function", example: () => [[F(1, 0, 1)], [F(0.5, 0.5, 0)]], params: { mVectors: "list", nVectors: "list" } },
  proteinString: { kind: "function", example: () => [[0, 1, 2]], params: { tokens: "array*" } },
  quadraticTask: { kind: "function", example: () => ["A", [[1, 0], [0, 2]], [1, -1]], params: { name: "string", A: "matrix", center: "array=" } },
  randomCoupling: { kind: "function", example: (L) => [{ n: 3, g: 1.5, rng: new L.Rng(1) }], params: { config: "options{n,g,density,rng}" } },
  randomMarkovChain: { kind: "function", example: (L) => [{ order: 1 }, new L.Rng(1)], params: { config: "options{alphabet,order,concentration}?", rng: "rng?" } },
  randomWindows: { kind: "function", example: (L) => [F(0.1, -0.2, 0.3, 0.4, 0.5), 2, 3, new L.Rng(1)], params: { series: "array", length: "size", count: "size", rng: "rng?" } },
  RateNetwork: { kind: "class", example: (L) => [{ inputSize: 1, hiddenSize: 3, rng: new L.Rng(1) }], params: { config: "options{inputSize,hiddenSize,outputSize,tau,dt,nonlinearity,gain,excitatoryFraction,rng}" } },
  rateNetworkStepMap: { kind: "function", example: (L) => [new L.RateNetwork({ inputSize: 1, hiddenSize: 3, rng: new L.Rng(1) }), [0.5]], params: { net: "object", input: "array=?" } },
  readPdbCalpha: { kind: "function", example: (L) => [L.taskDataPath("pdb", "1zaa1.pdb")], params: { path: "string" } },
  readResidueCountsCsv: { kind: "function", example: (L) => [L.taskDataPath("composition", "emboss_swissprot_counts.csv")], params: { path: "string" } },
  RecurrentClassifier: { kind: "class", example: (L) => [{ cell: "gru", inputSize: 2, hiddenSize: 3, rng: new L.Rng(1) }], params: { config: "options{cell,inputSize,hiddenSize,bidirectional,readAt,readoutHidden,tieDirections,compareHalves,readoutGain,forgetBias,inputGateBias,rng}" } },
  RecurrentEncoder: { kind: "class", example: (L) => [{ kind: "gru", hiddenSize: 3, rng: new L.Rng(1) }], params: { config: "options{kind,hiddenSize,inputSize,tau,initialLogRate,rng}" } },
  regularSpikeTrain: { kind: "function", example: () => [10, 3], params: { rate: "real>0", count: "size>=0", start: "real?" } },
  removeBaseline: { kind: "function", example: () => [F(0.1, -0.2, 0.3, 0.4, 0.5), 3], params: { x: "array", window: "size" } },
  residueCountsOfSequence: { kind: "function", example: () => ["ACDE"], params: { sequence: "string" } },
  ridgeRegression: { kind: "function", example: () => [F(0.1, -0.2, 0.3, 0.5, -0.4, 0.2), 2, F(1, 0, 2), 1, 0.1], params: { X: "array=", N: "size", Y: "array=", O: "size", ridge: "real>=0" } },
  rightmostEigenvalue: { kind: "function", example: () => [F(0.5, 0.1, -0.2, 0.4), 2], params: { j: "array=", n: "size" } },
  rocAuc: { kind: "function", example: () => [F(0.1, 0.8, 0.3, 0.6), [0, 1, 0, 1]], params: { scores: "array=", labels: "array=" } },
  rrPrematurity: { kind: "function", example: () => [[0, 100, 200, 300, 360, 500], 3], params: { peaks: "array*", k: "int>=1" } },
  runTaskSequence: { kind: "function", example: (L) => [bVec(L), [bQuad(L, "A"), L.quadraticTask("B", [[2, 0], [0, 1]], [-1, 1])], () => undefined, { score: "loss" }], params: { model: "object", tasks: "list", train: "fn", options: "options{score}?" } },
  sampleMarkovSequences: { kind: "function", example: (L) => [L.laggedCopyChain({ order: 1 }), 2, 4, new L.Rng(1)], params: { chain: "object", n: "size", length: "size", rng: "rng?" } },
  selectBatchRows: { kind: "function", example: (L) => [batch(L), [1]], params: { batch: "object", indices: "array" } },
  sequenceModelTask: { kind: "function", example: (L) => [{ name: "s", batch: batch(L), target: F(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), outputSize: 1, readout: "every" }], params: { config: "options{name,batch,target,outputSize,readout,classTargets,withAccuracy}" } },
  sequenceNetwork: { kind: "function", example: (L) => [{ n: 4, rank: 2, rng: new L.Rng(1) }], params: { config: "options{n,rank,strength,rng}" } },
  slownessLossAndGrad: { kind: "function", example: (L) => [model(L), batch(L), F(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), { slowness: 0.1 }], params: { model: "object", batch: "object", target: "object", options: "options{slowness:real>=0?}?" } },
  silentMemoryDemo: { kind: "function", example: () => [], params: { config: "options{populations,cued,synapse,tau,selfCoupling,inhibition,background,cue,probe,duration,dt}?" } },
  simulateBalancedNetwork: { kind: "function", example: (L) => [{ excitatory: 20, inhibitory: 10, K: 5, steps: 5, rng: new L.Rng(1) }], params: { config: "options{excitatory,inhibitory,K,JEE,JEI,JIE,JII,JE0,JI0,m0,tauE,tauI,dt,steps,rng}?" } },
  simulateRandomNetwork: { kind: "function", example: (L) => [{ j: F(0.5, 0.1, -0.2, 0.4), n: 2, steps: 5, rng: new L.Rng(1) }], params: { config: "options{j,n,steps,dt,transientSteps,h0,recordNeurons,recordEvery,projections,noiseStd,rng}" } },
  speedFunction: { kind: "function", example: (L) => [bMap(L), [0.1, 0.2]], params: { map: "object", h: "array=" } },
  speedGradient: { kind: "function", example: (L) => [bMap(L), [0.1, 0.2]], params: { map: "object", h: "array=" } },
  spikeTriggeredAverage: { kind: "function", example: () => [F(0.1, -0.2, 0.3, 0.4), F(0, 1, 0, 2), 2], params: { x: "array=", counts: "array=", lags: "size" } },
  standardize: { kind: "function", example: () => [F(0.1, -0.2, 0.3), F(0.1, -0.2, 0.3, 0.5)], params: { x: "array*", reference: "array?" } },
  storeTaskGradients: { kind: "function", example: (L) => [new L.OrthogonalGradientMemory(6), bAffine(L), bTeacher(L)], params: { memory: "object", model: "object", task: "object", options: "options{maxExamples}?" } },
  structuredVectors: { kind: "function", example: (L) => [{ n: 4, overlap: 1.5, rng: new L.Rng(1) }], params: { config: "options{n,overlap,noise,rng}" } },
  SWISSPROT_COMPOSITION: { kind: "value" },
  tanhRnnMap: { kind: "function", example: () => [{ weight: F(0.5, 0.1, -0.2, 0.4) }], params: { options: "options{weight,bias,leak}" } },
  taskDataPath: { kind: "function", example: () => ["palindromes.csv"], params: { parts: "string?" } },
  taskGradient: { kind: "function", example: (L) => [bVec(L), bQuad(L)], params: { model: "object", task: "object" } },
  teacherClassificationTask: { kind: "function", example: (L) => [{ name: "t", inputSize: 2, classes: 2, examples: 5, rng: new L.Rng(1) }], params: { config: "options{name,inputSize,classes,examples,rng}" } },
  teacherForcingProbability: { kind: "function", example: () => [3, { kind: "exponential", k: 0.9 }], params: { step: "int>=0", schedule: "object" } },
  trainNextStepModel: { kind: "function", example: (L) => [bNext(L), { sequences: [[0, 1, 2, 0, 1]], steps: 2, rng: new L.Rng(1) }], params: { model: "object", config: "options{sequences,steps,batchSize,learningRate,schedule,clipNorm,feedback,rng,onStep}" } },
  trainRecurrentEncoder: { kind: "function", example: (L) => [new L.RecurrentEncoder({ kind: "gru", hiddenSize: 3, rng: new L.Rng(1) }), { stimulus: F(0.1, -0.2, 0.3, 0.4, 0.5, -0.1), counts: [0, 1, 0, 2, 1, 0], window: 3, steps: 2, rng: new L.Rng(1) }], params: { encoder: "object", config: "options{stimulus,counts,window,batchSize,steps,learningRate,maxGradNorm,live,rng}" } },
  tsodyksMarkramRate: { kind: "function", example: (L) => [[10, 20, 5], 0.01, L.FACILITATING_SYNAPSE], params: { rates: "array", dt: "real>0", params: "object" } },
  tsodyksMarkramSpikes: { kind: "function", example: (L) => [[0.1, 0.2, 0.5], L.DEPRESSING_SYNAPSE], params: { spikeTimes: "array*", params: "object" } },
  vanillaRnnStep: { kind: "function", example: () => [F(0.5, 0.1, -0.2, 0.4), F(0.3, -0.3), F(0.1, 0.2), F(0.1, -0.1), F(1)], params: { W: "array=", U: "array=", b: "array=", h: "array=", x: "array=", nonlinearity: "enum{tanh,relu,linear}?" } },
  visitOrder: { kind: "function", example: () => [[1, 1, 2, 2, -1]], params: { states: "array*" } },
  weightChangeSpectrum: { kind: "function", example: () => [F(0.1, -0.2, 0.3, 0.4), F(0.0, -0.1, 0.2, 0.5), 2, 2], params: { trained: "array=", initial: "array=", rows: "size", cols: "size" } },
};
// ---------------------------------------------------------------- end of fuzzB's block

export const FUZZ_SPECS: Record<string, FuzzSpec> = {
  ...FUZZB_SPECS,
  ...APPLICATION_SPECS,
  activeKernelsName: { kind: "function", example: () => [], params: {  } },
  Adam: { kind: "class", example: (L) => [params(L), { lr: 0.01 }], params: { params: "list", config: "options{lr:real>0?,betas,eps:real>=0?,weightDecay:real>=0?,amsgrad:bool?}?" } },
  assignValues: { kind: "function", example: (L) => [params(L), L.flattenValues(params(L))], params: { params: "list", flat: "array=" } },
  barChart: { kind: "function", example: () => [{ x: ["a", "b"], y: [1, 2] }, { title: "t" }], params: { series: "object", opts: "options{barMode,horizontal:bool?,title,xLabel,yLabel,logX,logY,y2Label,logY2,width:real>0?,height,xRange,yRange,showLegend,equalAxes}?" } },
  bceWithLogitsLoss: { kind: "function", example: () => [F(0.1, -0.2, 0.3), [1, 0, 1], [1, 1, 0]], params: { logits: "array=", target: "array=", mask: "array=?" } },
  bpttLossAndGrad: { kind: "function", example: (L) => [model(L), batch(L), F(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), { k1: 1 }], params: { model: "object", batch: "object", target: "object", options: "options{k1,k2}?" } },
  bpttWindowEnds: { kind: "function", example: () => [5, 2], params: { T: "size", k1: "int>=1" } },
  check: { kind: "function", example: () => ["08.leakyStep", () => 0], params: { id: "enum{08.leakyStep}", answer: "any" } },
  clipGradNorm: { kind: "function", example: (L) => [params(L), 1], params: { params: "list", maxNorm: "real>0", normType: "norm?" } },
  clipGradValue: { kind: "function", example: (L) => [params(L), 0.5], params: { params: "list", clip: "real>0" } },
  countParameters: { kind: "function", example: (L) => [params(L)], params: { params: "list" } },
  createParameter: { kind: "function", example: () => ["weight", [2, 3]], params: { name: "string", shape: "list*" } },
  createRecurrentLayer: { kind: "function", example: (L) => ["lstm", { inputSize: 2, hiddenSize: 3, rng: new L.Rng(1) }], params: { cell: "enum{rnn,lstm,gru}", options: "options{nonlinearity,inputSize:size,hiddenSize:size,numLayers:size?,bidirectional:bool?,bias,namePrefix,rng,forgetBias}" } },
  crossEntropyLoss: { kind: "function", example: () => [F(0.1, -0.2, 0.3, 0.5, 0.2, -0.1), [2, 0], [1, 1]], params: { logits: "array=", targets: "array=", mask: "array=?" } },
  datasetPath: { kind: "function", example: () => ["adding_T30.csv"], params: { name: "enum{adding_T30.csv}" } },
  defaultRng: { kind: "value" },
  eigenvalues: { kind: "function", example: () => [F(2, 1, 0, 1, 3, 1, 0, 1, 4), 3], params: { a: "array=", n: "size" } },
  firstInputGradientNorms: { kind: "function", example: (L) => [{ lengths: [2, 3], models: ["rnn"], inputSize: 1, size: 2, repeats: 1, rng: new L.Rng(1) }], params: { options: "options{lengths,models,inputSize,size,repeats,rng}" } },
  flattenValues: { kind: "function", example: (L) => [params(L)], params: { params: "list" } },
  forwardBackwardTimes: { kind: "function", example: (L) => [{ lengths: [2, 3], models: ["rnn"], inputSize: 1, size: 2, repeats: 1, rng: new L.Rng(1) }], params: { options: "options{lengths,models,inputSize,size,repeats,rng}" } },
  fromNested: { kind: "function", example: () => [[[1, 2], [3, 4]]], params: { value: "nested", where: "any", name: "any" } },
  gateStatistics: { kind: "function", example: (L) => [new L.LSTM({ inputSize: 2, hiddenSize: 3, rng: new L.Rng(1) }), batch(L)], params: { net: "object", batch: "object", options: "options{layer:int>=0?,direction,h0,c0,saturation}?" } },
  gradCheck: { kind: "function", example: (L) => gradCheckArgs(L), params: { params: "list", lossAndGrad: "fn", options: "options{order,eps:real>0?,maxPerTensor:int>=1?,floor,rng:rng?}?" } },
  gradientFlow: { kind: "function", example: (L) => [new L.RNN({ inputSize: 2, hiddenSize: 3, rng: new L.Rng(1) }), batch(L)], params: { net: "object", batch: "object", options: "options{target,dhN,dOutput,h0,c0,layer,direction}?" } },
  gradNorm: { kind: "function", example: (L) => [params(L)], params: { params: "list", normType: "norm?" } },
  GRU: { kind: "class", example: (L) => [{ inputSize: 2, hiddenSize: 3, rng: new L.Rng(1) }], params: { options: "options{inputSize:size,hiddenSize:size,numLayers:size?,bidirectional:bool?,bias:bool?,namePrefix,rng:rng?}" } },
  gruStep: { kind: "function", example: (L) => [cell(L, 3), F(0.1, -0.2), F(0.1, -0.2, 0.3)], params: { w: "object", x: "array=", hPrev: "array=" } },
  heatmapChart: { kind: "function", example: () => [[[1, 2], [3, 4]], { zmin: 0, zmax: 5 }], params: { z: "matrix", opts: "options{x,y,colorscale,zmid:real?,zmin:real?,zmax:real?,colorbarTitle,matrixOrientation,allowGaps:bool?,title,xLabel,yLabel,logX,logY,y2Label,logY2,width,height,xRange,yRange,showLegend,equalAxes}?" } },
  histogramChart: { kind: "function", example: () => [[1, 2, 2, 3], { bins: 3 }], params: { values: "array", opts: "options{bins:size?,range,density:bool?,allowGaps,title,xLabel,yLabel,logX,logY,y2Label,logY2,width,height,xRange,yRange,showLegend,equalAxes}?" } },
  initCellWeights: { kind: "function", example: (L) => { const rng = new L.Rng(1); return [4, 2, 3, () => rng.random(), true]; }, params: { gates: "int>=1<=4", inputSize: "size", hiddenSize: "size", random: "fn", bias: "bool?" } },
  jacobianProduct: { kind: "function", example: (L) => [new L.RNN({ inputSize: 2, hiddenSize: 3, rng: new L.Rng(1) }), batch(L), 0, 2], params: { net: "object", batch: "object", from: "int>=0", lag: "int>=0", options: "options{sequence,layer,h0,c0}?" } },
  jacobianProductNorms: { kind: "function", example: (L) => [new L.RNN({ inputSize: 2, hiddenSize: 3, rng: new L.Rng(1) }), batch(L)], params: { net: "object", batch: "object", options: "options{from:int>=0?,maxLag:int>=1?,norm,lags,sequence,layer,h0,c0}?" } },
  Linear: { kind: "class", example: (L) => [2, 3, { rng: new L.Rng(1) }], params: { inFeatures: "size", outFeatures: "size", options: "options{bias:bool?,namePrefix,rng:rng?}?" } },
  liveLossCurve: { kind: "function", example: () => [{ title: "loss", logY: true }], params: { options: "options{title,yLabel,logY:bool?,intervalMs:real>=0?,height:real>0?}?" } },
  lineChart: { kind: "function", example: () => [[{ y: [1, 2, 3], name: "a" }], { title: "t" }], params: { series: "array", layout: "options{title,xLabel,yLabel,logX,logY:bool?,y2Label,logY2,width:real>0?,height:real>0?,xRange,yRange,showLegend:bool?,equalAxes}?" } },
  liveLineChart: { kind: "function", example: () => [], params: { options: "options{names,minIntervalMs,terminalIntervalMs,stepLabel,maxPoints,title,xLabel,yLabel,logX,logY,y2Label,logY2,width,height,xRange,yRange,showLegend,equalAxes}?" } },
  logLogSlope: { kind: "function", example: () => [[{ model: "rnn", T: 2, value: 1, cpuMs: 1 }, { model: "rnn", T: 4, value: 4, cpuMs: 3 }], true], params: { records: "list", useCpu: "bool?" } },
  LSTM: { kind: "class", example: (L) => [{ inputSize: 2, hiddenSize: 3, rng: new L.Rng(1) }], params: { options: "options{forgetBias:real?,inputSize:size,hiddenSize:size,numLayers:size?,bidirectional:bool?,bias:bool?,namePrefix,rng:rng?}" } },
  lstmStep: { kind: "function", example: (L) => [cell(L, 4), F(0.1, -0.2), F(0.1, -0.2, 0.3), F(0.3, 0.2, 0.1)], params: { w: "object", x: "array=", hPrev: "array=", cPrev: "array=" } },
  matrixSpectrum: { kind: "function", example: () => [F(2, 1, 0, 1, 3, 1, 0, 1, 4), 3, "W"], params: { a: "array=", n: "size", gate: "string?" } },
  mseLoss: { kind: "function", example: () => [F(0.1, -0.2, 0.3), [0.1, 0.2, 0.3], [1, 1, 0]], params: { prediction: "array=", target: "array=", mask: "array=?" } },
  readCsvTable: { kind: "function", example: (L) => [L.datasetPath("adding_T30.csv")], params: { file: "enum{}" } },
  recurrentSpectrum: { kind: "function", example: (L) => [new L.RNN({ inputSize: 2, hiddenSize: 3, rng: new L.Rng(1) })], params: { net: "object", options: "options{layer,direction}?" } },
  Rng: { kind: "class", example: () => [], params: { "seedValue|seed": "int?" } },
  RNN: { kind: "class", example: (L) => [{ inputSize: 2, hiddenSize: 3, rng: new L.Rng(1) }], params: { options: "options{nonlinearity:enum{tanh,relu}?,inputSize:size,hiddenSize:size,numLayers:size?,bidirectional:bool?,bias:bool?,namePrefix,rng:rng?}" } },
  RnnlabError: { kind: "class", example: () => ["f: x must be a number"], params: { message: "any" } },
  rnnStep: { kind: "function", example: (L) => [cell(L, 1), F(0.1, -0.2), F(0.1, -0.2, 0.3), "tanh"], params: { w: "object", x: "array=", hPrev: "array=", nonlinearity: "enum{tanh,relu}?" } },
  rnnStepBackward: { kind: "function", example: (L) => { const w = cell(L, 1); const x = F(0.1, -0.2); const h = F(0.1, -0.2, 0.3); return [w, x, h, L.rnnStep(w, x, h), F(1, 0, -1)]; }, params: { w: "object", x: "array=", hPrev: "array=", h: "array=", dh: "array=", nonlinearity: "enum{tanh,relu}?", grads: "object?" } },
  runCheck: { kind: "function", example: () => ["08.leakyStep", () => 0], params: { id: "enum{08.leakyStep}", answer: "any" } },
  scatterChart: { kind: "function", example: () => [{ y: [1, 2, 3], x: [0, 1, 2] }, { title: "t" }], params: { series: "array", layout: "options{title,xLabel,yLabel,logX:bool?,logY,y2Label,logY2,width:real>0?,height:real>0?,xRange,yRange,showLegend,equalAxes:bool?}?" } },
  seed: { kind: "function", example: () => [1], params: { "seedValue|seed": "int" } },
  SelfAttention: { kind: "class", example: (L) => [{ inputSize: 2, modelSize: 4, outputSize: 1, rng: new L.Rng(1) }], params: { config: "options{inputSize:size,modelSize:size,outputSize:size,causal:bool?,positionalEncoding,residual,readout,readoutHidden,readoutGain,loss,rng:rng?}" } },
  sequenceBatchFromArrays: { kind: "function", example: () => [[[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6]]]], params: { sequences: "list" } },
  SequenceModel: { kind: "class", example: (L) => [{ cell: "rnn", inputSize: 2, hiddenSize: 3, outputSize: 1, rng: new L.Rng(1) }], params: { options: "options{cell,inputSize:size,hiddenSize:size,outputSize:size,numLayers:size?,bidirectional:bool?,nonlinearity,forgetBias,readout,loss,rng:rng?}" } },
  SGD: { kind: "class", example: (L) => [params(L), { lr: 0.1 }], params: { params: "list", config: "options{lr:real>0,momentum:real>=0?,dampening,weightDecay:real>=0?,nesterov:bool?}" } },
  showTable: { kind: "function", example: () => [[{ a: 1, b: "x" }], { title: "t" }], params: { "data|records|columns": "list", options: "options{title,digits,maxRows,showIndex,maxCellChars}?" } },
  singularValues: { kind: "function", example: () => [F(1, 2, 3, 4, 5, 6), 2, 3], params: { a: "array=", rows: "size", cols: "size" } },
  sinusoidalPositionalEncoding: { kind: "function", example: () => [3, 3], params: { T: "size", M: "size" } },
  sliderChart: { kind: "function", example: () => [[{ label: "a", series: [{ y: [1, 2] }] }, { label: "b", series: [{ y: [2, 1] }] }]], params: { frames: "list", layout: "options{sliderPrefix,initialFrame,fixedRanges,mode,title,xLabel,yLabel,logX,logY,y2Label,logY2,width,height,xRange,yRange,showLegend,equalAxes}?" } },
  spectralRadius: { kind: "function", example: () => [F(2, 1, 0, 1, 3, 1, 0, 1, 4), 3], params: { a: "array=", n: "size" } },
  stepJacobians: { kind: "function", example: (L) => [new L.RNN({ inputSize: 2, hiddenSize: 3, rng: new L.Rng(1) }), batch(L)], params: { net: "object", batch: "object", options: "options{sequence,layer,h0,c0}?" } },
  subplots: { kind: "function", example: (L) => [[L.lineChart([1, 2]), L.lineChart([2, 1])], { cols: 2 }], params: { figures: "list", opts: "options{rows,cols,titles,title,width,height,hSpacing,vSpacing}?" } },
  toDataFrame: { kind: "function", example: () => [[{ a: 1, b: 2 }]], params: { "data|records|columns": "list" } },
  train: { kind: "function", example: (L) => [trainConfig(L)], params: { config: "options{optimizer,lossAndGrad,batches,epochs:size?,steps:size?,shuffle:bool?,params,model,clip,onStep,validation,live,log,rng:rng?}" } },
  TrainingDivergedError: { kind: "class", example: () => ["diverged", 3, 0.5, 1e3], params: { message: "any", step: "any", lastFiniteLoss: "any", gradNorm: "any" } },
  truncatedBptt: { kind: "function", example: (L) => [model(L), batch(L), F(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), { k1: 1 }], params: { model: "object", batch: "object", target: "array=", options: "options{k1,k2,h0,c0}" } },
  useFastKernels: { kind: "function", example: () => [], params: {  } },
  useReferenceKernels: { kind: "function", example: () => [], params: {  } },
  zeroCellGrads: { kind: "function", example: (L) => [cell(L, 1)], params: { w: "object" } },
  zeroGrad: { kind: "function", example: (L) => [params(L)], params: { params: "list" } },
  zeros: { kind: "function", example: () => [[2, 3]], params: { shape: "list*" } },
};

export { F, cell, nextStep }; // helpers shared with coverageApplications.ts

/** The kind of every export (what the coverage check compares with the library). */
export const FUZZ_COVERAGE: Record<string, "function" | "class" | "value"> = Object.fromEntries(
  Object.entries(FUZZ_SPECS).map(([name, spec]) => [name, spec.kind]),
);
