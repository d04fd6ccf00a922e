/**
 * The accuracy matrix of a task sequence and its summaries (Lopez-Paz & Ranzato 2017, GEM).
 *
 * Train on tasks t_1..t_T in order; after finishing task i, evaluate every task j:
 * R[i][j] (0-based here). With b_j the score of task j at the random initialisation:
 *
 *   ACC = (1/T) Σ_j R[T−1][j]                          (average final score)
 *   BWT = (1/(T−1)) Σ_{j<T−1} (R[T−1][j] − R[j][j])    (backward transfer; < 0 is forgetting)
 *   FWT = (1/(T−1)) Σ_{j≥1} (R[j−1][j] − b_j)          (forward transfer: learning earlier tasks helps j before it is seen)
 *
 * With a loss instead of an accuracy as score, signs flip in meaning (BWT > 0 is forgetting).
 */
import { HasParameters } from "../core/parameter";
import { RnnlabError, badArgument, requireAllFinite, requireOneOf } from "../core/errors";
import { ContinualTask, requireModel, validateTaskSequence } from "./task";
import { checkOptions } from "../core/options";

/** ACC, BWT and FWT of an accuracy matrix. */
export interface TransferMetrics {
  readonly averageAccuracy: number;
  /** null for a single task (needs T ≥ 2). */
  readonly backwardTransfer: number | null;
  /** null for a single task or without a baseline. */
  readonly forwardTransfer: number | null;
}

/**
 * ACC, BWT and FWT from R (T×T, R[i][j] = score on task j after training through task i)
 * and the baseline b (length T: scores at random initialisation), which only FWT needs.
 */
export function transferMetrics(R: readonly (readonly number[])[], baseline?: readonly number[]): TransferMetrics {
  const where = "transferMetrics";
  if (!Array.isArray(R) || R.length === 0) badArgument(where, "R", "a non-empty T×T matrix (array of rows)", R);
  const T = R.length;
  R.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== T) badArgument(where, `R[${i}]`, `a row of length ${T} (R must be square)`, row);
    requireAllFinite(where, `R[${i}]`, row);
  });
  if (baseline !== undefined) {
    if (!Array.isArray(baseline) || baseline.length !== T) badArgument(where, "baseline", `an array of length ${T} (one score per task)`, baseline);
    requireAllFinite(where, "baseline", baseline);
  }
  let acc = 0;
  for (let j = 0; j < T; j++) acc += R[T - 1][j];
  if (T < 2) return { averageAccuracy: acc, backwardTransfer: null, forwardTransfer: null };
  let bwt = 0;
  for (let j = 0; j < T - 1; j++) bwt += R[T - 1][j] - R[j][j];
  let fwt: number | null = null;
  if (baseline) {
    fwt = 0;
    for (let j = 1; j < T; j++) fwt += R[j - 1][j] - baseline[j];
    fwt /= T - 1;
  }
  return { averageAccuracy: acc / T, backwardTransfer: bwt / (T - 1), forwardTransfer: fwt };
}

/** The result of running a task sequence. */
export interface TaskSequenceResult extends TransferMetrics {
  readonly tasks: readonly string[];
  readonly score: "accuracy" | "loss";
  /** R[i][j]: score on task j after training on tasks 0..i. */
  readonly R: number[][];
  /** b[j]: score on task j before any training (the model as given, e.g. at random init). */
  readonly baseline: number[];
}

/** Options of `runTaskSequence`. */
export interface TaskSequenceOptions {
  /** "accuracy" (default; every task must define accuracy) or "loss". */
  score?: "accuracy" | "loss";
}

/**
 * Trains the model on each task in turn with `train(model, task, i)` and fills the
 * accuracy matrix; the baseline b is measured first, on the model as given (so
 * pass a freshly initialised model for the random-init baseline of FWT).
 */
export function runTaskSequence<M extends HasParameters>(
  model: M,
  tasks: readonly ContinualTask<M>[],
  train: (model: M, task: ContinualTask<M>, index: number) => void,
  options: TaskSequenceOptions = {},
): TaskSequenceResult {
  checkOptions("runTaskSequence", options, ["score"]);
  const where = "runTaskSequence";
  requireModel(where, "model", model);
  validateTaskSequence(where, "tasks", tasks, model);
  if (typeof train !== "function") badArgument(where, "train", "a function (model, task, index) => void", train);
  const score = requireOneOf(where, "options.score", options.score ?? "accuracy", ["accuracy", "loss"] as const);
  if (score === "accuracy") {
    tasks.forEach((t, i) => {
      if (typeof t.accuracy !== "function") {
        throw new RnnlabError(`${where}: tasks[${i}] ("${t.name}") has no accuracy(model); pass options.score "loss" or give it one`);
      }
    });
  }
  const evaluate = (t: ContinualTask<M>, i: number): number => {
    const v = score === "accuracy" ? t.accuracy!(model) : t.loss(model);
    if (!Number.isFinite(v)) throw new RnnlabError(`${where}: the ${score} of tasks[${i}] ("${t.name}") is ${v}, expected a finite number`);
    return v;
  };
  const baseline = tasks.map(evaluate);
  const R: number[][] = [];
  tasks.forEach((t, i) => {
    train(model, t, i);
    R.push(tasks.map(evaluate));
  });
  return { tasks: tasks.map((t) => t.name), score, R, baseline, ...transferMetrics(R, baseline) };
}
