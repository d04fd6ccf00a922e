/**
 * Training a next-step model under a sampling schedule: teacher forcing (ε = 1),
 * free running (ε = 0) or scheduled sampling (ε_i decaying with the step i).
 * Each input token after the first is the ground truth with probability ε_i
 * (one coin per token, as in Bengio et al. 2015). Optimiser: the engine's Adam,
 * with gradient-norm clipping.
 */
import { badArgument, requireInt, requirePositive } from "../core/errors";
import { zeroGrad } from "../core/parameter";
import { Rng, rngOrDefault } from "../core/random";
import { Adam } from "../training/optimizers";
import { clipGradNorm } from "../training/clipping";
import { NextStepModel } from "./nextStepModel";
import { SamplingSchedule, teacherForcingProbability, validateSamplingSchedule } from "./schedules";
import { requireConfig } from "../core/argChecks";

/** Configuration of `trainNextStepModel`. */
export interface NextStepTrainConfig {
  /** Training sequences (all the same length); a mini-batch is drawn from them each step. */
  sequences: readonly ArrayLike<number>[];
  /** Gradient steps. */
  steps: number;
  /** Sequences per step (default 16). */
  batchSize?: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
  /** Probability of feeding the truth over training (default teacher forcing). */
  schedule?: SamplingSchedule;
  /** Clip the gradient norm to this (default 1). */
  clipNorm?: number;
  /** Categorical: feed back samples (default) or argmax. */
  feedback?: "sample" | "greedy";
  rng?: Rng;
  /** Called after each step. */
  onStep?: (step: number, loss: number, epsilon: number) => void;
}

/** Loss and ε per step. */
export interface NextStepTrainHistory {
  loss: number[];
  epsilon: number[];
}

/** Trains the model under the schedule; returns the per-step loss and ε_i. */
export function trainNextStepModel(model: NextStepModel, config: NextStepTrainConfig): NextStepTrainHistory {
  requireConfig("trainNextStepModel", config, ["sequences", "steps", "batchSize", "learningRate", "schedule", "clipNorm", "feedback", "rng", "onStep"], "an object {sequences, steps, ...}");
  const where = "trainNextStepModel";
  if (!(model instanceof NextStepModel)) badArgument(where, "model", "a NextStepModel", model);
  const steps = requireInt(where, "config.steps", config.steps, 0);
  const batchSize = requireInt(where, "config.batchSize", config.batchSize ?? 16);
  const lr = requirePositive(where, "config.learningRate", config.learningRate ?? 0.01);
  const clip = requirePositive(where, "config.clipNorm", config.clipNorm ?? 1);
  const schedule = validateSamplingSchedule(where, "config.schedule", config.schedule ?? { kind: "constant", epsilon: 1 });
  model.checkSequences(where, config.sequences);
  const rng = rngOrDefault(config.rng);
  const params = model.parameters();
  const opt = new Adam(params, { lr });
  const history: NextStepTrainHistory = { loss: [], epsilon: [] };
  for (let i = 0; i < steps; i++) {
    const eps = teacherForcingProbability(i, schedule);
    const batch = Array.from({ length: Math.min(batchSize, config.sequences.length) }, () => config.sequences[rng.int(0, config.sequences.length)]);
    zeroGrad(params);
    const { loss } = model.unroll(batch, {
      feedTruth: () => eps >= 1 || (eps > 0 && rng.random() < eps),
      feedback: config.feedback,
      withGrad: true,
      rng,
    });
    clipGradNorm(params, clip);
    opt.step();
    history.loss.push(loss);
    history.epsilon.push(eps);
    config.onStep?.(i, loss, eps);
  }
  return history;
}
