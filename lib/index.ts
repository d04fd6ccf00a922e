/**
 * rnnlab: recurrent neural networks for a course workbook.
 *
 * One folder per concern; dependencies run one way:
 *   core, linalg <- kernels <- cells <- nn <- training, diagnostics
 *   <- tasks, attention, dynamics, chaos, continual, generation, analysis <- encoding, language <- notebooks
 * realdata reads real data sets from installed Debian and npm packages (core only).
 * display, plot, table and exercises serve the notebooks; grading runs outside them, and
 * notebookKernel is the kernel process's entry point (tslab with the workbook's settings,
 * started from a V8 start-up snapshot).
 */
export * from "./core";
export * from "./linalg";
export * from "./display";
export * from "./plot";
export * from "./table";
export * from "./exercises";
export * from "./kernels";
export * from "./cells";
export * from "./nn";
export * from "./training";
export * from "./diagnostics";
export * from "./tasks";
export * from "./attention";
export * from "./dynamics";
export * from "./chaos";
export * from "./continual";
export * from "./generation";
export * from "./language";
export * from "./encoding";
export { NITIME_DATA_DIR, SCIPY_ECG_FILE, readSystemDataFile, readSystemDataBytes, loadGrasshopper, loadEcg, MOBY_DICK_CHAPTERS, MOBY_DICK_PACKAGE, loadMobyDick } from "./realdata";
export type { SystemDataFile, GrasshopperRecording, GrasshopperOptions, Electrocardiogram, EcgOptions, MobyDickChapter, MobyDickOptions, MobyDickText } from "./realdata";
export * from "./ecg";
export {
  tanhRnnMap,
  rateNetworkMap,
  linearMap,
  iterateMap,
  speedFunction,
  speedGradient,
  fixedPoints,
  linearizeAt,
  pca,
  symmetricEigen,
  weightChangeSpectrum,
  rnnWeights,
  slownessLossAndGrad,
  rateNetworkStepMap,
} from "./analysis";
export type {
  DiscreteMap,
  TanhRnnMapOptions,
  RateNetworkMapOptions,
  LinearMapOptions,
  FixedPointOptions,
  FixedPoint,
  FixedPointResult,
  Linearization,
  PcaOptions,
  PcaResult,
  SymmetricEigen,
  WeightChangeSpectrum,
  SlownessOptions,
} from "./analysis";
