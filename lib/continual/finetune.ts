/**
 * Plain full-batch gradient descent on one task, with the two remedies as options:
 * an EWC penalty added to the loss, and/or the update projected off stored directions.
 *
 *   g = ∇L_task(θ) [+ λ F ⊙ (θ − θ*)];   g ← P g (OGD);   θ ← θ − η g.
 *
 * A stiff EWC spring (η λ F_i > 2) makes this explicit step diverge; with
 * `ewcStep: "proximal"` the penalty is instead applied implicitly (a proximal step,
 * exact for the quadratic penalty and stable for any λ):
 *
 *   θ_i ← (θ_i − η g_i + η λ F_i θ*_i) / (1 + η λ F_i),   g = P ∇L_task(θ).
 */
import { HasParameters, Parameter, countParameters, flattenGrads, zeroGrad } from "../core/parameter";
import { RnnlabError, badArgument, requireInt, requireOneOf, requirePositive } from "../core/errors";
import { ContinualTask, requireModel, validateContinualTask } from "./task";
import { addToValues, markGradientsComputed } from "./gradients";
import { EwcPenalty } from "./ewc";
import { OrthogonalGradientMemory } from "./projection";
import { requireOptions } from "../core/options";

/** Configuration of `fineTune`. */
export interface FineTuneConfig {
  /** Number of gradient steps. */
  steps: number;
  /** Step size η > 0. */
  learningRate: number;
  /** Add this EWC penalty to the loss. */
  ewc?: EwcPenalty;
  /** How the EWC penalty enters the step: "gradient" (default, explicit) or "proximal" (implicit, stable for any λ). */
  ewcStep?: "gradient" | "proximal";
  /** Project every update off this memory's span (OGD). */
  projection?: OrthogonalGradientMemory;
  /** Called after each step with the task loss before the step (without penalty). */
  onStep?: (step: number, loss: number) => void;
}

/** Trains the model on the task by gradient descent; returns the task loss before each step. */
export function fineTune<M extends HasParameters>(model: M, task: ContinualTask<M>, config: FineTuneConfig): number[] {
  const where = "fineTune";
  requireOptions(where, config, ["steps", "learningRate", "ewc", "ewcStep", "projection", "onStep"], { name: "config", expected: "{ steps, learningRate, ewc?, projection? }" });
  requireModel(where, "model", model);
  validateContinualTask(where, "task", task);
  const steps = requireInt(where, "config.steps", config.steps, 0);
  const lr = requirePositive(where, "config.learningRate", config.learningRate);
  if (config.ewc !== undefined && !(config.ewc instanceof EwcPenalty)) badArgument(where, "config.ewc", "an EwcPenalty or undefined", config.ewc);
  const ewcStep = requireOneOf(where, "config.ewcStep", config.ewcStep ?? "gradient", ["gradient", "proximal"] as const);
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
    if (config.ewc && ewcStep === "gradient") config.ewc.addGradient();
    markGradientsComputed(model);
    let g = flattenGrads(params);
    if (config.projection) g = config.projection.project(g);
    if (config.ewc && ewcStep === "proximal") proximalEwcStep(params, g, lr, config.ewc);
    else addToValues(params, g, -lr);
    losses.push(loss);
    config.onStep?.(s, loss);
  }
  return losses;
}

/** θ_i ← (θ_i − η g_i + η λ F_i θ*_i) / (1 + η λ F_i): the minimiser of the linearised loss + penalty + |θ − θ_old|²/(2η). */
function proximalEwcStep(params: readonly Parameter[], g: Float64Array, lr: number, ewc: EwcPenalty): void {
  let k = 0;
  for (const p of params) {
    for (let i = 0; i < p.data.length; i++, k++) {
      const s = lr * ewc.lambda * ewc.fisher[k];
      p.data[i] = (p.data[i] - lr * g[k] + s * ewc.anchor[k]) / (1 + s);
    }
  }
}
