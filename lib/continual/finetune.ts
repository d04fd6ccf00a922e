/**
 * Plain full-batch gradient descent on one task, with the two remedies as options:
 * an EWC penalty added to the loss, and/or the update projected off stored directions.
 *
 *   g = ∇L_task(θ) [+ λ F ⊙ (θ − θ*)];   g ← P g (OGD);   θ ← θ − η g.
 */
import { HasParameters, countParameters, flattenGrads, zeroGrad } from "../core/parameter";
import { RnnlabError, badArgument, requireInt, requirePositive } from "../core/errors";
import { ContinualTask, requireModel, validateContinualTask } from "./task";
import { addToValues, markGradientsComputed } from "./gradients";
import { EwcPenalty } from "./ewc";
import { OrthogonalGradientMemory } from "./projection";

/** Configuration of `fineTune`. */
export interface FineTuneConfig {
  /** Number of gradient steps. */
  steps: number;
  /** Step size η > 0. */
  learningRate: number;
  /** Add this EWC penalty to the loss. */
  ewc?: EwcPenalty;
  /** Project every update off this memory's span (OGD). */
  projection?: OrthogonalGradientMemory;
  /** Called after each step with the task loss before the step (without penalty). */
  onStep?: (step: number, loss: number) => void;
}

/** Trains the model on the task by gradient descent; returns the task loss before each step. */
export function fineTune<M extends HasParameters>(model: M, task: ContinualTask<M>, config: FineTuneConfig): number[] {
  const where = "fineTune";
  requireModel(where, "model", model);
  validateContinualTask(where, "task", task);
  if (typeof config !== "object" || config === null) badArgument(where, "config", "{ steps, learningRate, ewc?, projection? }", config);
  const steps = requireInt(where, "config.steps", config.steps, 0);
  const lr = requirePositive(where, "config.learningRate", config.learningRate);
  if (config.ewc !== undefined && !(config.ewc instanceof EwcPenalty)) badArgument(where, "config.ewc", "an EwcPenalty or undefined", config.ewc);
  const params = model.parameters();
  if (config.projection !== undefined) {
    if (!(config.projection instanceof OrthogonalGradientMemory)) badArgument(where, "config.projection", "an OrthogonalGradientMemory or undefined", config.projection);
    if (config.projection.size !== countParameters(params)) {
      throw new RnnlabError(`${where}: config.projection.size must equal the number of parameters ${countParameters(params)}, got ${config.projection.size}`);
    }
  }
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    zeroGrad(params);
    const loss = task.lossAndGrad(model);
    if (!Number.isFinite(loss)) throw new RnnlabError(`${where}: the loss of task "${task.name}" became ${loss} at step ${s}; lower config.learningRate`);
    if (config.ewc) config.ewc.addGradient();
    markGradientsComputed(model);
    let g = flattenGrads(params);
    if (config.projection) g = config.projection.project(g);
    addToValues(params, g, -lr);
    losses.push(loss);
    config.onStep?.(s, loss);
  }
  return losses;
}
