/** Sequence tasks and data sets: palindromes, synthetic proteins, memory benchmarks, Markov chains, PDB contact maps. */
export * from "./batch";
export * from "./palindromes";
export * from "./proteins";
export * from "./windowBaseline";
export * from "./memory";
export * from "./markov";
export * from "./pdb";
export * from "./csv";
export * from "./datasets";
export * from "./classifier";
export * from "./composition";
export * from "./neuroTasks";
