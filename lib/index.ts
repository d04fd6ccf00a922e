/**
 * rnnlab: recurrent neural networks for a course workbook.
 *
 * One folder per concern; dependencies run one way:
 * core <- kernels <- cells/nn <- training <- tasks, dynamics, continual <- notebooks.
 */
export * from "./core";
export * from "./display";
export * from "./exercises";
