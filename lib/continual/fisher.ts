/**
 * The diagonal of the (empirical) Fisher information of a task.
 *
 *   F_i = (1/N) Σ_n (∂ℓ_n/∂θ_i)²,
 *
 * the mean over examples of the squared *per-example* gradient of the loss
 * ℓ_n = −log p(y_n | x_n, θ) at the observed targets y_n: the "empirical Fisher"
 * (Kirkpatrick et al. 2017 use squared gradients of log-likelihoods; with observed
 * rather than model-sampled targets this is the common empirical variant). At a
 * minimum of A it approximates the diagonal of H_A for a well-fitted model, so it
 * says which parameters A is sensitive to. It is not the square of the mean
 * gradient (which vanishes at the minimum).
 */
import { HasParameters, countParameters, flattenGrads, zeroGrad } from "../core/parameter";
import { RnnlabError, requireInt } from "../core/errors";
import { ContinualTask, requireModel, validateContinualTask } from "./task";
import { TensorSlot, markGradientsComputed, parameterLayout } from "./gradients";
import { checkOptions } from "../core/options";

/** A diagonal Fisher estimate, flat in parameter order. */
export interface DiagonalFisher {
  readonly task: string;
  /** "empirical": mean squared per-example gradient at the observed targets. */
  readonly kind: "empirical";
  /** F_i, length = number of parameters. */
  readonly flat: Float64Array;
  readonly layout: readonly TensorSlot[];
  /** Number of examples averaged. */
  readonly examples: number;
}

/** Options of `diagonalFisher`. */
export interface DiagonalFisherOptions {
  /** Use only the first `maxExamples` examples (default: all). */
  maxExamples?: number;
}

/**
 * The empirical diagonal Fisher of a task at the model's current parameters.
 * Needs the task's `exampleCount` and `exampleLossAndGrad`.
 */
export function diagonalFisher<M extends HasParameters>(model: M, task: ContinualTask<M>, options: DiagonalFisherOptions = {}): DiagonalFisher {
  checkOptions("diagonalFisher", options, ["maxExamples"]);
  const where = "diagonalFisher";
  requireModel(where, "model", model);
  validateContinualTask(where, "task", task);
  if (typeof task.exampleLossAndGrad !== "function" || task.exampleCount === undefined) {
    throw new RnnlabError(`${where}: task "${task.name}" must provide exampleCount and exampleLossAndGrad(model, n) for per-example gradients`);
  }
  const N = requireInt(where, `task "${task.name}".exampleCount`, task.exampleCount, 1);
  const count = options.maxExamples === undefined ? N : Math.min(N, requireInt(where, "options.maxExamples", options.maxExamples, 1));
  const params = model.parameters();
  const flat = new Float64Array(countParameters(params));
  for (let n = 0; n < count; n++) {
    zeroGrad(params);
    const loss = task.exampleLossAndGrad(model, n);
    if (!Number.isFinite(loss)) throw new RnnlabError(`${where}: the loss of example ${n} of task "${task.name}" is ${loss}`);
    const g = flattenGrads(params);
    for (let i = 0; i < g.length; i++) flat[i] += (g[i] * g[i]) / count;
  }
  markGradientsComputed(model);
  return { task: task.name, kind: "empirical", flat, layout: parameterLayout(params), examples: count };
}
