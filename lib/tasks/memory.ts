/**
 * Classic memory benchmarks with the sequence length as the dial.
 *
 * ## Copy task (Hochreiter & Schmidhuber 1997; Arjovsky et al. 2016)
 * Symbols 0 … K-1 are data, K is the blank, K+1 the delimiter. An input is
 *   s₁ … s_M, blank × (delay − 1), delimiter, blank × M        (length delay + 2M)
 * and the target at every step is blank (class K) except the last M steps, where it is
 * s₁ … s_M. A model with no memory can only guess: its best cross-entropy per step is
 * M·ln K / (delay + 2M). The dial is `delay`: how long s₁ must be held.
 *
 * ## Adding problem (Hochreiter & Schmidhuber 1997)
 * Each step carries two numbers (value u_t ~ U[0, 1), marker m_t ∈ {0, 1}); exactly two
 * markers are 1, one in the first half [0, ⌊T/2⌋) and one in the second [⌊T/2⌋, T). The
 * target is the sum of the two marked values. Predicting the constant 1 gives the
 * memoryless baseline MSE Var(u₁ + u₂) = 1/6 ≈ 0.167.
 */
import { RnnlabError, requireInt } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { TaskBatch, oneHotBatch } from "./batch";
import { requireAllocation, requireOptions } from "../core/options";
import { requireConfig } from "../core/argChecks";

/** Configuration of the copy task. */
export interface CopyTaskConfig {
  /** Number of data symbols K (>= 1, default 8). */
  alphabetSize?: number;
  /** Number of symbols to copy M (>= 1, default 5). */
  copyLength?: number;
  /** Steps from the last data symbol to the delimiter (>= 1, default 10). The dial. */
  delay: number;
}

/** A copy-task data set. Targets are class indices, time-major: `targets[t*B + b]`. */
export interface CopyTaskData {
  /** One-hot inputs, D = K + 2 (data symbols, blank, delimiter). */
  batch: TaskBatch;
  /** Target class at each step (0 … K; K = blank), time-major, length T·B. */
  targets: Int32Array;
  /** 1 at the M output steps of every sequence, else 0 (time-major, length T·B). */
  outputMask: Float64Array;
  /** Input symbol sequences (for CSV and display). */
  inputs: number[][];
  /** Target class sequences. */
  targetSequences: number[][];
  /** Number of output classes K + 1. */
  numClasses: number;
}

/** The copy task's memoryless baseline cross-entropy per step (nats): M ln K / (delay + 2M). */
export function copyTaskBaselineLoss(config: CopyTaskConfig): number {
  const where = "copyTaskBaselineLoss";
  requireConfig(where, config, ["alphabetSize", "copyLength", "delay"], "an object {delay, alphabetSize?, copyLength?}");
  const K = requireInt(where, "alphabetSize", config.alphabetSize ?? 8, 1);
  const M = requireInt(where, "copyLength", config.copyLength ?? 5, 1);
  const delay = requireInt(where, "delay", config.delay, 1);
  return (M * Math.log(K)) / (delay + 2 * M);
}

/** Generates `n` copy-task sequences. */
export function copyTask(n: number, config: CopyTaskConfig, rng?: Rng): CopyTaskData {
  const where = "copyTask";
  requireOptions(where, config, ["alphabetSize", "copyLength", "delay"], { name: "config", expected: "an object { delay, ... }" });
  requireInt(where, "n", n, 1);
  if (typeof config.delay === "number" && config.delay < 0) {
    throw new RnnlabError(`${where}: delay must be a positive number of steps (the gap to the delimiter), got ${config.delay}`);
  }
  const delay = requireInt(where, "delay", config.delay, 1);
  const K = requireInt(where, "alphabetSize", config.alphabetSize ?? 8, 1);
  const M = requireInt(where, "copyLength", config.copyLength ?? 5, 1);
  requireAllocation(where, "n", n * (delay + 2 * M) * (K + 2));
  const r = rngOrDefault(rng, where);
  const T = delay + 2 * M;
  const blank = K;
  const delim = K + 1;
  const inputs: number[][] = [];
  const targetSequences: number[][] = [];
  for (let b = 0; b < n; b++) {
    const data = Array.from({ length: M }, () => r.int(0, K));
    const inp = [...data, ...new Array<number>(delay - 1).fill(blank), delim, ...new Array<number>(M).fill(blank)];
    const tgt = [...new Array<number>(T - M).fill(blank), ...data];
    inputs.push(inp);
    targetSequences.push(tgt);
  }
  const batch = oneHotBatch(inputs, K + 2);
  const targets = new Int32Array(T * n);
  const outputMask = new Float64Array(T * n);
  for (let b = 0; b < n; b++) {
    for (let t = 0; t < T; t++) {
      targets[t * n + b] = targetSequences[b][t];
      outputMask[t * n + b] = t >= T - M ? 1 : 0;
    }
  }
  return { batch, targets, outputMask, inputs, targetSequences, numClasses: K + 1 };
}

/** Configuration of the adding problem. */
export interface AddingProblemConfig {
  /** Sequence length T (>= 2). The dial. */
  length: number;
}

/** An adding-problem data set. */
export interface AddingProblemData {
  /** Inputs, D = 2: (value, marker) at `x[(t*B + b)*2 + d]`. */
  batch: TaskBatch;
  /** Target sum per sequence, length B. */
  targets: Float64Array;
  /** The two marked positions of each sequence. */
  markers: [number, number][];
}

/** The adding problem's memoryless baseline MSE (predict 1): Var(u₁ + u₂) = 1/6. */
export const ADDING_BASELINE_MSE = 1 / 6;

/** Generates `n` adding-problem sequences of length `config.length`. */
export function addingProblem(n: number, config: AddingProblemConfig, rng?: Rng): AddingProblemData {
  const where = "addingProblem";
  requireConfig(where, config, ["length"], "an object {length}");
  requireInt(where, "n", n, 1);
  const T = config?.length;
  if (typeof T === "number" && T < 0) throw new RnnlabError(`${where}: length must be a positive number of steps, got ${T}`);
  if (T === 0 || T === 1) {
    throw new RnnlabError(`${where}: length must be >= 2 (one marker in each half of the sequence), got ${T}`);
  }
  requireInt(where, "length", T, 2);
  requireAllocation(where, "n", T * n * 2);
  const r = rngOrDefault(rng, where);
  const x = new Float64Array(T * n * 2);
  const targets = new Float64Array(n);
  const markers: [number, number][] = [];
  const half = Math.floor(T / 2);
  for (let b = 0; b < n; b++) {
    for (let t = 0; t < T; t++) x[(t * n + b) * 2] = r.random();
    const m1 = r.int(0, half);
    const m2 = r.int(half, T);
    x[(m1 * n + b) * 2 + 1] = 1;
    x[(m2 * n + b) * 2 + 1] = 1;
    targets[b] = x[(m1 * n + b) * 2] + x[(m2 * n + b) * 2];
    markers.push([m1, m2]);
  }
  return { batch: { x, T, B: n, D: 2, lengths: new Array<number>(n).fill(T) }, targets, markers };
}
