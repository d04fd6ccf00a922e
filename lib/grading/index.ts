// The grader runs outside notebooks; it is not re-exported from lib/index.ts.
export * from "./hiddenTests";
export * from "./harness";
export * from "./compare";
export * from "./submission";
export * from "./report";
export * from "./runner";
export * from "./cli";
export * from "./slurm";
export * from "./classroom";
export * from "./handback";
