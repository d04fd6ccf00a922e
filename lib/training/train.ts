/**
 * A small training loop: zero the gradients, compute loss and gradients, check
 * that both are finite, clip, step the optimizer, record, display progress.
 *
 * ```ts
 * const opt = new Adam(model.parameters(), { lr: 1e-2 });
 * const history = train({
 *   optimizer: opt,
 *   batches: trainBatches,                                  // or leave out and give `steps`
 *   lossAndGrad: (b) => model.lossAndGrad(b.input, b.target),
 *   epochs: 20,
 *   clip: { maxNorm: 1 },
 * });
 * lineChart([{ y: history.loss }]).show();
 * ```
 * In a notebook, `onProgress: liveLossCurve()` (from lib/plot) draws the loss while it trains.
 */
import { HasParameters, Parameter, zeroGrad } from "../core/parameter";
import { RnnlabError, badArgument, requireBoolean, requireInt, requirePositive } from "../core/errors";
import { checkOptions, requireOptions, requireSize } from "../core/options";
import { Rng, rngOrDefault } from "../core/random";
import { Optimizer } from "./optimizers";
import { clipGradNorm, clipGradValue, gradNorm } from "./clipping";
import { ProgressLine } from "./progressLine";

/** Gradient clipping applied after every backward pass (by global norm, then by value). */
export interface ClipConfig {
  /** Rescale all gradients together so their global norm is at most this. */
  maxNorm?: number;
  /** Clamp every gradient entry into [−value, value]. */
  value?: number;
  /** Order of the norm for `maxNorm` (default 2). */
  normType?: number;
}

/** What `onStep` receives after every optimizer step. */
export interface TrainStepInfo {
  /** Step index, from 0. */
  step: number;
  /** Epoch index, from 0 (0 when training by steps). */
  epoch: number;
  /** The loss at this step (before the update). */
  loss: number;
  /** The global L2 norm of the gradient before clipping. */
  gradNorm: number;
  /** The losses so far (this step included). */
  history: readonly number[];
}

/**
 * One progress report of `train` to `onProgress`: after every step ("step"), after every
 * validation loss ("validation") and once at the end ("done", also when training stops with an error).
 */
export interface TrainProgress {
  kind: "step" | "validation" | "done";
  /** "step": index of the step (from 0); "validation": index of the last update before it; "done": steps taken. */
  step: number;
  /** "step": the step's loss; "validation": the validation loss; "done": the last loss (NaN if none). */
  loss: number;
  /** Epoch index, from 0 (0 when training by steps). */
  epoch: number;
  /** true when a validation loss is measured. */
  hasValidation: boolean;
  /** The one-line status ("step 12/100 (epoch 2/10)  loss …  grad norm …  steps/s"). */
  status: string;
}

/** Configuration of `train`. `B` is the type of one batch (`void` when training by steps). */
export interface TrainConfig<B = void> {
  /** The optimizer; it also supplies the parameters unless `params`/`model` are given. */
  optimizer: Optimizer;
  /**
   * Computes the loss on one batch and *adds* the gradients into the parameters'
   * `grad` (a `LossAndGrad`; the loop zeroes the gradients before calling it).
   * Receives the batch (undefined when there are no `batches`) and the step index.
   */
  lossAndGrad: (batch: B, step: number) => number;
  /** The training batches; one epoch visits each once (shuffled unless `shuffle: false`). */
  batches?: readonly B[];
  /** Number of passes over `batches` (default 1). */
  epochs?: number;
  /** Number of optimizer steps: required without `batches`; with `batches` it caps the total. */
  steps?: number;
  /** Shuffle the batch order every epoch with `rng` (default true). */
  shuffle?: boolean;
  /** Parameters to zero, measure and clip (default: the optimizer's). */
  params?: readonly Parameter[];
  /** Alternative to `params`: a model whose `parameters()` are used. */
  model?: HasParameters;
  /** Gradient clipping after each backward pass. */
  clip?: ClipConfig;
  /** Called after every step (after the update; the gradients, clipped if asked, are still in `grad`); return `false` to stop early. */
  onStep?: (info: TrainStepInfo) => void | boolean;
  /**
   * A held-out loss, evaluated every `every` steps (default: at the end of every epoch with
   * `batches`, every max(1, ⌊steps/20⌋) steps otherwise) and after the last step; drawn as
   * a second curve. `loss` must not change the parameters (gradients it leaves are zeroed
   * before the next step).
   */
  validation?: { loss: () => number; every?: number };
  /**
   * Receives progress reports (every step, every validation loss, the end): e.g.
   * `liveLossCurve({ title })` from lib/plot for a curve that updates in place in a notebook.
   */
  onProgress?: (report: TrainProgress) => void;
  /** Removed (the loop does not draw): only `false` is accepted; pass `onProgress: liveLossCurve()` for a live curve. */
  live?: false;
  /** Plain progress line in a terminal (default: true without `onProgress`). */
  log?: boolean;
  /** Random generator for shuffling (default: the shared `defaultRng`). */
  rng?: Rng;
}

/** What `train` returns. */
export interface TrainHistory {
  /** The loss at every step (before that step's update). */
  loss: number[];
  /** The pre-clip global gradient norm at every step. */
  gradNorm: number[];
  /** Mean loss of every completed epoch (empty when training by steps). */
  epochLoss: number[];
  /** Number of optimizer steps taken. */
  steps: number;
  /** Wall-clock seconds. */
  seconds: number;
  /** Why training ended. */
  stoppedBy: "completed" | "onStep";
  /** The validation losses and the step (count of updates done) at which each was measured. */
  validation: { step: number[]; loss: number[] };
}

/** The error thrown when the loss or the gradient stops being finite. */
export class TrainingDivergedError extends RnnlabError {
  constructor(
    message: string,
    /** The step (from 0) at which the non-finite value appeared. */
    readonly step: number,
    /** The last finite loss seen, or NaN if none. */
    readonly lastFiniteLoss: number,
    /** The gradient norm at the failing step (NaN if the loss itself failed) and the step before. */
    readonly gradNorm: number,
  ) {
    super(message);
    this.name = "TrainingDivergedError";
  }
}

const fmt = (v: number): string =>
  Number.isNaN(v) ? "NaN" : !Number.isFinite(v) ? String(v) : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4);

function divergedMessage(what: string, value: number, step: number, losses: readonly number[], norms: readonly number[], lr: number, clip?: ClipConfig, headline?: string): string {
  const last = losses.length ? losses[losses.length - 1] : NaN;
  const lastNorm = norms.length ? norms[norms.length - 1] : NaN;
  const where = losses.length
    ? `the last finite loss was ${fmt(last)} at step ${losses.length - 1}, where the gradient norm was ${fmt(lastNorm)}`
    : `no step had completed`;
  const advice = clip?.maxNorm !== undefined
    ? `gradients are already clipped to norm ${clip.maxNorm}: lower the learning rate (now ${fmt(lr)}) or the clip threshold, or check the data for extreme values`
    : `try gradient clipping (clip: { maxNorm: 1 }) and/or a smaller learning rate (now ${fmt(lr)})`;
  const head = headline ?? `the ${what} became ${fmt(value)} at step ${step}`;
  return `train: ${head}; ${where}. Training stopped before the update so the parameters are still finite; ${advice}.`;
}

const TRAIN_KEYS = ["optimizer", "lossAndGrad", "batches", "epochs", "steps", "shuffle", "params", "model", "clip", "onStep", "validation", "onProgress", "live", "log", "rng"];

/** The order in which the batches of one epoch are visited. */
function epochOrder(n: number, shuffle: boolean, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  return shuffle ? rng.shuffle(order) : order;
}

/**
 * Trains by gradient descent and returns the loss history.
 *
 * Each step: zero the gradients → `lossAndGrad(batch, step)` → stop with a
 * `TrainingDivergedError` if the loss or the gradient norm is NaN/±Inf →
 * clip (if asked) → `optimizer.step()` → `onStep` → progress display.
 * With `batches`, runs `epochs` passes (shuffled by `rng`); otherwise `steps` steps.
 */
export function train<B = void>(config: TrainConfig<B>): TrainHistory {
  const where = "train";
  requireOptions(where, config, TRAIN_KEYS, { name: "config", expected: "an object {optimizer, lossAndGrad, ...}" });
  requireBoolean(where, "shuffle", config.shuffle, true);
  const { optimizer, lossAndGrad, batches, clip, onStep } = config;
  if (clip !== undefined) checkOptions(where, clip, ["maxNorm", "value", "normType"], { name: "clip" });
  if (config.validation !== undefined) checkOptions(where, config.validation, ["loss", "every"], { name: "validation" });
  if (!optimizer || typeof optimizer.step !== "function") badArgument(where, "optimizer", "an Optimizer (SGD, Adam)", optimizer);
  if (typeof lossAndGrad !== "function") badArgument(where, "lossAndGrad", "a function (batch, step) => loss", lossAndGrad);
  const params = config.params ?? config.model?.parameters() ?? optimizer.params;
  if (clip?.maxNorm !== undefined) requirePositive(where, "clip.maxNorm", clip.maxNorm);
  if (clip?.value !== undefined) requirePositive(where, "clip.value", clip.value);
  const rng = rngOrDefault(config.rng);

  let totalSteps: number;
  let epochs = 1;
  if (batches !== undefined) {
    if (!Array.isArray(batches) || batches.length === 0) badArgument(where, "batches", "a non-empty array of batches", batches);
    epochs = requireSize(where, "epochs", config.epochs ?? 1);
    totalSteps = epochs * batches.length;
    if (config.steps !== undefined) totalSteps = Math.min(totalSteps, requireSize(where, "steps", config.steps));
  } else {
    if (config.steps === undefined) badArgument(where, "steps", "an integer >= 1 when no batches are given", config.steps);
    totalSteps = requireSize(where, "steps", config.steps);
    if (config.epochs !== undefined) badArgument(where, "epochs", "left out when no batches are given (use steps)", config.epochs);
  }

  if (config.live !== undefined && config.live !== false) {
    badArgument(where, "live", 'false or left out (the loop draws nothing itself): pass onProgress: liveLossCurve({ title }) from "rnnlab" for a live loss curve', config.live);
  }
  const onProgress = config.onProgress;
  if (onProgress !== undefined && typeof onProgress !== "function") badArgument(where, "onProgress", "a function (report) => void, e.g. liveLossCurve()", onProgress);
  const hasValidation = config.validation !== undefined;
  const line = new ProgressLine(config.log ?? onProgress === undefined);
  let lastValidation = NaN;
  const progress = {
    update: (at: number, loss: number, epoch: number, text: string): void => {
      onProgress?.({ kind: "step", step: at, loss, epoch, hasValidation, status: text });
      line.update(text);
    },
    validation: (at: number, loss: number, epoch: number, text: string): void => {
      lastValidation = loss;
      onProgress?.({ kind: "validation", step: at, loss, epoch, hasValidation, status: text });
    },
    finish: (text: string, epoch = 0): void => {
      onProgress?.({ kind: "done", step: losses.length, loss: losses.length ? losses[losses.length - 1] : NaN, epoch, hasValidation, status: text });
      line.finish(text);
    },
  };
  const losses: number[] = [];
  const norms: number[] = [];
  const epochLoss: number[] = [];
  const t0 = Date.now();
  let stoppedBy: TrainHistory["stoppedBy"] = "completed";
  const status = (step: number, epoch: number): string => {
    const secs = (Date.now() - t0) / 1000;
    const ep = batches ? ` (epoch ${epoch + 1}/${epochs})` : "";
    const rate = secs > 0 ? `  ${(step / secs).toPrecision(3)} steps/s` : "";
    const val = Number.isNaN(lastValidation) ? "" : `  validation ${fmt(lastValidation)}`;
    return `step ${step}/${totalSteps}${ep}  loss ${fmt(losses[losses.length - 1])}${val}  grad norm ${fmt(norms[norms.length - 1])}${rate}`;
  };

  const validation = config.validation;
  if (validation !== undefined && (typeof validation !== "object" || typeof validation.loss !== "function")) {
    badArgument(where, "validation", "an object { loss: () => number, every? }", validation);
  }
  const validEvery = validation?.every !== undefined ? requireInt(where, "validation.every", validation.every) : batches ? 0 : Math.max(1, Math.floor(totalSteps / 20));
  let currentEpoch = 0;
  const validSteps: number[] = [];
  const validLosses: number[] = [];
  const validate = (atStep: number): void => {
    const v = validation!.loss();
    zeroGrad(params);
    if (typeof v !== "number" || !Number.isFinite(v)) {
      progress.finish(`step ${atStep}/${totalSteps}  validation loss ${fmt(typeof v === "number" ? v : NaN)}`);
      throw new TrainingDivergedError(
        `train: the validation loss became ${fmt(typeof v === "number" ? v : NaN)} after ${atStep} steps (training loss ${fmt(losses[losses.length - 1])}); try gradient clipping or a smaller learning rate (now ${fmt(optimizer.lr)})`,
        atStep,
        losses.length ? losses[losses.length - 1] : NaN,
        norms.length ? norms[norms.length - 1] : NaN,
      );
    }
    validSteps.push(atStep);
    validLosses.push(v);
    progress.validation(atStep - 1, v, currentEpoch, `step ${atStep}/${totalSteps}  validation loss ${fmt(v)}`);
  };

  let step = 0;
  outer: for (let epoch = 0; epoch < epochs; epoch++) {
    currentEpoch = epoch;
    const order = batches ? epochOrder(batches.length, config.shuffle ?? true, rng) : null;
    const perEpoch = batches ? batches.length : totalSteps;
    let epochSum = 0;
    for (let k = 0; k < perEpoch && step < totalSteps; k++) {
      zeroGrad(params);
      const batch = (order ? batches![order[k]] : undefined) as B;
      let loss: number;
      try {
        loss = lossAndGrad(batch, step);
      } catch (e) {
        // A model that checks its values (e.g. a loss refusing an infinite prediction) fails
        // here rather than returning NaN: after an update that is divergence too.
        if (losses.length > 0 && e instanceof RnnlabError && /finite|NaN|Infinity/.test(e.message)) {
          progress.finish(status(step, epoch));
          throw new TrainingDivergedError(
            divergedMessage("", NaN, step, losses, norms, optimizer.lr, clip, `the model met a non-finite value at step ${step} (${e.message})`),
            step,
            losses[losses.length - 1],
            NaN,
          );
        }
        throw e;
      }
      if (typeof loss !== "number" || !Number.isFinite(loss)) {
        progress.finish(status(step, epoch));
        const value = typeof loss === "number" ? loss : NaN;
        throw new TrainingDivergedError(divergedMessage("loss", value, step, losses, norms, optimizer.lr, clip), step, losses.length ? losses[losses.length - 1] : NaN, NaN);
      }
      const norm = gradNorm(params);
      if (!Number.isFinite(norm)) {
        progress.finish(status(step, epoch));
        throw new TrainingDivergedError(
          divergedMessage(`gradient norm (loss ${fmt(loss)})`, norm, step, losses, norms, optimizer.lr, clip),
          step,
          losses.length ? losses[losses.length - 1] : NaN,
          norm,
        );
      }
      if (clip?.maxNorm !== undefined) clipGradNorm(params, clip.maxNorm, clip.normType ?? 2);
      if (clip?.value !== undefined) clipGradValue(params, clip.value);
      optimizer.step();
      losses.push(loss);
      norms.push(norm);
      epochSum += loss;
      step += 1;
      const keepGoing = onStep ? onStep({ step: step - 1, epoch, loss, gradNorm: norm, history: losses }) : undefined;
      const endOfEpoch = batches !== undefined && k === perEpoch - 1;
      progress.update(step - 1, loss, epoch, status(step, epoch));
      if (validation && (validEvery ? step % validEvery === 0 : endOfEpoch) && validSteps[validSteps.length - 1] !== step) validate(step);
      if (keepGoing === false) {
        stoppedBy = "onStep";
        if (batches && k === perEpoch - 1) epochLoss.push(epochSum / perEpoch);
        break outer;
      }
      if (batches && k === perEpoch - 1) epochLoss.push(epochSum / perEpoch);
    }
  }
  if (validation && step > 0 && validSteps[validSteps.length - 1] !== step) validate(step);
  progress.finish(status(step, Math.max(0, epochLoss.length - 1)), Math.max(0, epochLoss.length - 1));
  return { loss: losses, gradNorm: norms, epochLoss, steps: step, seconds: (Date.now() - t0) / 1000, stoppedBy, validation: { step: validSteps, loss: validLosses } };
}
