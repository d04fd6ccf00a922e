export * from "./hydropathy";
export * from "./segmentScores";
export * from "./markovChain";
export * from "./periodicity";
export * from "./similarity";
export * from "./tagger";
export * from "./familySplit";
export * from "./transmembrane";
