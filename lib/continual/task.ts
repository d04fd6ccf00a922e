/**
 * A task of a continual-learning experiment, seen from the metrics' side.
 *
 * The metrics never look inside a model: they need the model's `Parameter`s
 * (`HasParameters`) and, per task, a function that computes the task's loss
 * and *adds* dL/dθ into the parameters' `grad` buffers (the library's
 * `LossAndGrad` contract, here taking the model as argument so one task can be
 * evaluated on several models). Input and output sizes are declared so that a
 * sequence of tasks can be checked to fit one network before anything runs.
 */
import { HasParameters } from "../core/parameter";
import { RnnlabError, badArgument, requireInt } from "../core/errors";

/** One task: its loss (with gradients), optional accuracy and per-example pieces. */
export interface ContinualTask<M extends HasParameters = HasParameters> {
  /** Short name used in reports, e.g. "A: copy" or "task 2". */
  readonly name: string;
  /** Size of one input vector (e.g. one-hot alphabet size). */
  readonly inputSize: number;
  /** Size of one output vector (e.g. number of classes). */
  readonly outputSize: number;
  /** L(θ) of the task at the model's current parameters; *adds* ∇L into the grads. */
  lossAndGrad(model: M): number;
  /** L(θ) only (no gradient side effects). */
  loss(model: M): number;
  /** Fraction of correct answers in [0, 1] (classification tasks). */
  accuracy?(model: M): number;
  /** Number of examples N, when per-example gradients are available. */
  readonly exampleCount?: number;
  /** ℓ_n(θ) of example n (0 ≤ n < exampleCount), adding ∇ℓ_n into the grads. L = (1/N) Σ_n ℓ_n. */
  exampleLossAndGrad?(model: M, index: number): number;
  /**
   * The exact Hessian-vector product H_L(θ) v, flat in parameter order, when the
   * task can compute it analytically (small models); otherwise finite differences are used.
   */
  hessianVectorProduct?(model: M, v: Float64Array): Float64Array;
}

/** Sizes a model may declare; checked against its tasks when present. */
interface DeclaredSizes {
  inputSize?: unknown;
  outputSize?: unknown;
  config?: { inputSize?: unknown; outputSize?: unknown };
}

/** Checks one task's shape: name, integer sizes, a lossAndGrad and a loss function. */
export function validateContinualTask(where: string, name: string, task: unknown): ContinualTask {
  requireLabels("validateContinualTask", where, name);
  if (typeof task !== "object" || task === null) badArgument(where, name, "a ContinualTask object", task);
  const t = task as Partial<ContinualTask>;
  if (typeof t.name !== "string" || t.name.length === 0) badArgument(where, `${name}.name`, "a non-empty string", t.name);
  requireInt(where, `${name}.inputSize`, t.inputSize, 1);
  requireInt(where, `${name}.outputSize`, t.outputSize, 1);
  if (typeof t.lossAndGrad !== "function") badArgument(where, `${name}.lossAndGrad`, "a function (model) => loss", t.lossAndGrad);
  if (typeof t.loss !== "function") badArgument(where, `${name}.loss`, "a function (model) => loss", t.loss);
  if (t.accuracy !== undefined && typeof t.accuracy !== "function") {
    badArgument(where, `${name}.accuracy`, "a function (model) => accuracy, or undefined", t.accuracy);
  }
  return task as ContinualTask;
}

/**
 * Checks a sequence of tasks for one network: non-empty, each well formed, and all
 * with the same input and output sizes (those of the first task, or the model's
 * `inputSize`/`outputSize` when it declares them).
 */
export function validateTaskSequence(where: string, name: string, tasks: unknown, model?: HasParameters): ContinualTask[] {
  requireLabels("validateTaskSequence", where, name);
  if (model !== undefined) requireModel(where, "model", model);
  if (!Array.isArray(tasks)) badArgument(where, name, "an array of ContinualTask", tasks);
  if (tasks.length === 0) badArgument(where, name, "a non-empty array of tasks", tasks);
  tasks.forEach((t, i) => validateContinualTask(where, `${name}[${i}]`, t));
  const list = tasks as ContinualTask[];
  for (let i = 1; i < list.length; i++) requireSameSizes(where, `${name}[${i}]`, list[i], `${name}[0] ("${list[0].name}")`, list[0]);
  if (model) requireFitsModel(where, name, list, model);
  return list;
}

/** Throws when two tasks differ in input or output size. */
export function requireSameSizes(where: string, name: string, task: ContinualTask, refName: string, ref: ContinualTask): void {
  requireLabels("requireSameSizes", where, name);
  if (typeof refName !== "string" || refName.length === 0) badArgument("requireSameSizes", "refName", "a non-empty string (the reference task's name in messages)", refName);
  validateContinualTask(where, name, task);
  validateContinualTask(where, refName, ref);
  if (task.inputSize !== ref.inputSize) {
    throw new RnnlabError(
      `${where}: ${name}.inputSize must equal the input size of ${refName}, ${ref.inputSize}, got ${task.inputSize}: both tasks must fit one network`,
    );
  }
  if (task.outputSize !== ref.outputSize) {
    throw new RnnlabError(
      `${where}: ${name}.outputSize must equal the output size of ${refName}, ${ref.outputSize}, got ${task.outputSize}: both tasks must fit one network`,
    );
  }
}

function declared(model: HasParameters, key: "inputSize" | "outputSize"): number | undefined {
  const m = model as unknown as DeclaredSizes;
  const v = m[key] ?? m.config?.[key];
  return typeof v === "number" ? v : undefined;
}

/** Throws when the model declares an input/output size that a task does not match. */
function requireFitsModel(where: string, name: string, tasks: readonly ContinualTask[], model: HasParameters): void {
  requireLabels("requireFitsModel", where, name);
  if (!Array.isArray(tasks)) badArgument(where, name, "an array of ContinualTask", tasks);
  tasks.forEach((t, i) => validateContinualTask(where, `${name}[${i}]`, t));
  requireModel(where, "model", model);
  for (const key of ["inputSize", "outputSize"] as const) {
    const size = declared(model, key);
    if (size === undefined) continue;
    tasks.forEach((t, i) => {
      if (t[key] !== size) {
        throw new RnnlabError(`${where}: ${name}[${i}].${key} ("${t.name}") must equal the model's ${key} ${size}, got ${t[key]}`);
      }
    });
  }
}

/** Checks the `where` and `name` arguments of the public validators: non-empty strings for messages. */
function requireLabels(fn: string, where: unknown, name: unknown): void {
  if (typeof where !== "string" || where.length === 0) badArgument(fn, "where", "a non-empty string (the caller's name in messages)", where);
  if (typeof name !== "string" || name.length === 0) badArgument(fn, "name", "a non-empty string (the argument's name in messages)", name);
}

/** Checks that `model` has a parameters() method with at least one parameter. */
export function requireModel(where: string, name: string, model: unknown): HasParameters {
  if (typeof model !== "object" || model === null || typeof (model as HasParameters).parameters !== "function") {
    badArgument(where, name, "a model with parameters() (HasParameters)", model);
  }
  const params = (model as HasParameters).parameters();
  if (!Array.isArray(params) || params.length === 0) badArgument(where, `${name}.parameters()`, "a non-empty array of Parameter", params);
  return model as HasParameters;
}
