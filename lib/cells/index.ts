export * from "./cellWeights";
export * from "./rnnStep";
export * from "./lstmStep";
export * from "./gruStep";
