export * from "./sequenceBatch";
export * from "./recurrentLayer";
export * from "./linear";
export * from "./losses";
export * from "./gradCheck";
export * from "./sequenceModel";
export * from "./benchmarkStep";
