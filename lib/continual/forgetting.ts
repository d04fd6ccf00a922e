/**
 * Forgetting: how much training on task B costs task A, measured and predicted.
 *
 * One gradient step on B, θ' = θ − η ∇L_B(θ), changes A's loss by (Taylor)
 *
 *   ΔL_A = L_A(θ') − L_A(θ) ≈ −η ∇L_A·∇L_B + ½ η² ∇L_Bᵀ H_A ∇L_B,
 *
 * first order: the gradient overlap; second order: B's step seen through A's
 * curvature. When A sits at its minimum (∇L_A = 0, H_A ⪰ 0) only the second-order
 * term is left, a non-negative "squared overlap" of B's update with the directions
 * A is sensitive to; it vanishes only if ∇L_B is orthogonal to them (H_A ∇L_B = 0).
 */
import { HasParameters } from "../core/parameter";
import { RnnlabError, badArgument, requireAllFinite, requireFinite } from "../core/errors";
import { ContinualTask, requireModel, requireSameSizes, validateContinualTask } from "./task";
import { TaskGradient, addToValues, dotRange, restoreValues, saveValues, taskGradient } from "./gradients";
import { HvpOptions, hessianVectorProduct, hvpSettings } from "./hessian";
import { requireArrayArg } from "../core/argChecks";

/** A task's loss (and accuracy when defined) at the model's current parameters. */
export interface TaskEvaluation {
  readonly task: string;
  readonly loss: number;
  /** null when the task defines no accuracy. */
  readonly accuracy: number | null;
}

/** Evaluates a task's loss and accuracy on the model (no gradient side effects required). */
export function evaluateTask<M extends HasParameters>(model: M, task: ContinualTask<M>): TaskEvaluation {
  const where = "evaluateTask";
  requireModel(where, "model", model);
  validateContinualTask(where, "task", task);
  const loss = task.loss(model);
  if (!Number.isFinite(loss)) throw new RnnlabError(`${where}: task "${task.name}".loss(model) returned ${loss}, expected a finite number`);
  let accuracy: number | null = null;
  if (task.accuracy) {
    accuracy = task.accuracy(model);
    requireFinite(where, `task "${task.name}".accuracy(model)`, accuracy, 0, 1);
  }
  return { task: task.name, loss, accuracy };
}

/** What training on B did to A. */
export interface ForgettingReport {
  readonly task: string;
  readonly before: TaskEvaluation;
  readonly after: TaskEvaluation;
  /** ΔL_A = L_A(after) − L_A(before); > 0 means A was forgotten. */
  readonly deltaLoss: number;
  /** Δacc_A = acc_A(after) − acc_A(before); < 0 means A was forgotten; null without accuracy. */
  readonly deltaAccuracy: number | null;
}

/** Forgetting between two evaluations of the same task. */
function forgettingBetween(before: TaskEvaluation, after: TaskEvaluation): ForgettingReport {
  requireEvaluation("forgettingBetween", "before", before);
  requireEvaluation("forgettingBetween", "after", after);
  if (before.task !== after.task) badArgument("forgettingBetween", "after.task", `"${before.task}" (the task of before)`, after.task);
  const deltaAccuracy = before.accuracy !== null && after.accuracy !== null ? after.accuracy - before.accuracy : null;
  const deltaLoss = after.loss - before.loss;
  if (!Number.isFinite(deltaLoss)) throw new RnnlabError(`forgettingBetween: deltaLoss = after.loss - before.loss became ${deltaLoss}; likely cause: before.loss or after.loss too large`);
  return { task: before.task, before, after, deltaLoss, deltaAccuracy };
}

/** Checks a TaskEvaluation {task, loss, accuracy}: a task name, a finite loss, an accuracy in [0, 1] or null. */
function requireEvaluation(where: string, name: string, e: unknown): void {
  if (e === null || typeof e !== "object" || Array.isArray(e) || ArrayBuffer.isView(e)) badArgument(where, name, "a TaskEvaluation {task, loss, accuracy} (from evaluateTask)", e);
  const v = e as TaskEvaluation;
  if (typeof v.task !== "string") badArgument(where, `${name}.task`, "a task name (a string)", v.task);
  requireFinite(where, `${name}.loss`, v.loss);
  if (v.accuracy !== null) requireFinite(where, `${name}.accuracy`, v.accuracy, 0, 1);
}

/**
 * Evaluates task A, runs `trainOnB(model)` (any training: fine-tuning, EWC,
 * projected updates...), evaluates A again and reports ΔL_A and Δacc_A.
 */
export function measureForgetting<M extends HasParameters>(model: M, taskA: ContinualTask<M>, trainOnB: (model: M) => void): ForgettingReport {
  const where = "measureForgetting";
  requireModel(where, "model", model);
  validateContinualTask(where, "taskA", taskA);
  if (typeof trainOnB !== "function") badArgument(where, "trainOnB", "a function (model) => void that trains on task B", trainOnB);
  const before = evaluateTask(model, taskA);
  trainOnB(model);
  return forgettingBetween(before, evaluateTask(model, taskA));
}

/** The two Taylor terms of the forgetting caused by θ ← θ − η∇L_B. */
export interface ForgettingTerms {
  readonly eta: number;
  /** −η ∇L_A·∇L_B. */
  readonly firstOrder: number;
  /** ½ η² ∇L_Bᵀ H_A ∇L_B. */
  readonly secondOrder: number;
  /** firstOrder + secondOrder. */
  readonly predicted: number;
}

/**
 * The predicted ΔL_A for one step of size η on B, from the gradients and H_A ∇L_B.
 *
 * @param gradA ∇L_A (flat), gradB ∇L_B (flat), hessianAGradB H_A ∇L_B (flat), all the same length.
 * @param eta step size η (finite; usually > 0).
 */
export function predictedForgettingTerms(
  gradA: ArrayLike<number>,
  gradB: ArrayLike<number>,
  hessianAGradB: ArrayLike<number>,
  eta: number,
): ForgettingTerms {
  const where = "predictedForgettingTerms";
  requireFinite(where, "eta", eta);
  requireArrayArg(where, "gradA", gradA, "a gradient vector");
  requireArrayArg(where, "gradB", gradB, "a gradient vector");
  requireArrayArg(where, "hessianAGradB", hessianAGradB, "a Hessian-vector product");
  if (gradB.length !== gradA.length) badArgument(where, "gradB", `a vector of length ${gradA.length} (as gradA)`, gradB);
  if (hessianAGradB.length !== gradA.length) badArgument(where, "hessianAGradB", `a vector of length ${gradA.length} (as gradA)`, hessianAGradB);
  requireAllFinite(where, "gradA", gradA);
  requireAllFinite(where, "gradB", gradB);
  requireAllFinite(where, "hessianAGradB", hessianAGradB);
  const firstOrder = -eta * dotRange(gradA, gradB);
  const secondOrder = 0.5 * eta * eta * dotRange(gradB, hessianAGradB);
  if (!Number.isFinite(firstOrder + secondOrder)) {
    throw new RnnlabError(`${where}: the predicted forgetting became non-finite (first order ${firstOrder}, second order ${secondOrder}); likely cause: eta = ${eta} or the gradients too large`);
  }
  return { eta, firstOrder, secondOrder, predicted: firstOrder + secondOrder };
}

/** One row of a forgetting curve: predicted and measured ΔL_A for one η. */
export interface ForgettingCurvePoint extends ForgettingTerms {
  /** L_A(θ − η∇L_B) − L_A(θ), evaluated. */
  readonly measured: number;
}

/** Predicted against measured forgetting over a range of step sizes. */
export interface ForgettingCurve {
  readonly taskA: string;
  readonly taskB: string;
  readonly gradA: TaskGradient;
  readonly gradB: TaskGradient;
  /** ∇L_A·∇L_B. */
  readonly overlap: number;
  /** ∇L_Bᵀ H_A ∇L_B. */
  readonly curvature: number;
  /** How H_A ∇L_B was computed. */
  readonly hvpMethod: "exact" | "finite-difference";
  readonly points: readonly ForgettingCurvePoint[];
}

/** Validates a list of step sizes: non-empty, finite. */
function requireEtas(where: string, etas: unknown): number[] {
  if (!Array.isArray(etas) || etas.length === 0) badArgument(where, "etas", "a non-empty array of finite step sizes", etas);
  (etas as unknown[]).forEach((e, i) => requireFinite(where, `etas[${i}]`, e));
  return etas as number[];
}

/**
 * For each η: the first- and second-order predictions of ΔL_A for one step
 * θ ← θ − η∇L_B(θ), and the measured ΔL_A (the step is taken, A evaluated, θ restored).
 * The model is left exactly as it was.
 *
 * @param etas step sizes (finite), e.g. [1e-3, 3e-3, 1e-2, ...].
 * @param options how H_A ∇L_B is computed (see `hessianVectorProduct`).
 */
export function forgettingCurve<M extends HasParameters>(
  model: M,
  taskA: ContinualTask<M>,
  taskB: ContinualTask<M>,
  etas: readonly number[],
  options: HvpOptions = {},
): ForgettingCurve {
  const where = "forgettingCurve";
  requireModel(where, "model", model);
  const a = validateContinualTask(where, "taskA", taskA);
  requireSameSizes(where, "taskB", validateContinualTask(where, "taskB", taskB), `taskA ("${taskA.name}")`, a);
  const { method: hvpMethod } = hvpSettings(where, a, options);
  const steps = requireEtas(where, etas);
  const params = model.parameters();
  const gradA = taskGradient(model, taskA);
  const gradB = taskGradient(model, taskB);
  const hAgB = hessianVectorProduct(model, taskA, gradB.flat, options);
  const lossA = taskA.loss(model);
  const saved = saveValues(params);
  const points = steps.map((eta) => {
    const terms = predictedForgettingTerms(gradA.flat, gradB.flat, hAgB, eta);
    addToValues(params, gradB.flat, -eta);
    const measured = taskA.loss(model) - lossA;
    restoreValues(params, saved);
    return { ...terms, measured };
  });
  return {
    taskA: taskA.name,
    taskB: taskB.name,
    gradA,
    gradB,
    overlap: dotRange(gradA.flat, gradB.flat),
    curvature: dotRange(gradB.flat, hAgB),
    hvpMethod,
    points,
  };
}
