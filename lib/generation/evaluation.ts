/**
 * Exposure bias, measured: error against generation step.
 *
 * Each test sequence s_0..s_{T−1} is split into a prompt of P steps, fed as ground
 * truth, and a continuation of K = T − P steps. In *free running* the model feeds
 * its own output back (argmax token, or predicted value) and its k-th generated
 * step is compared with s_{P+k−1}; under *teacher forcing* every input is the
 * truth, so each prediction is one step ahead of a true history. A model that
 * never saw its own mistakes in training drifts: its free-running error grows with
 * k (compounding errors) while its teacher-forced error stays flat.
 */
import { RnnlabError, badArgument, requireAllFinite, requireInt } from "../core/errors";
import { Rng } from "../core/random";
import { NextStepModel } from "./nextStepModel";
import { checkOptions } from "../core/options";
import { requireIntInRange } from "../core/options";
import { requireIntArray } from "../core/argChecks";

/** Most steps generateSequence runs in one call (a bound on its work). */
const MAX_GENERATION_STEPS = 1000000;

/** Options of `errorByGenerationStep`. */
export interface GenerationErrorOptions {
  /** Prompt length P ≥ 1 (ground truth). */
  prompt: number;
  /** Compare with these sequences instead (same shape), e.g. the clean signal behind noisy inputs. */
  targets?: readonly ArrayLike<number>[];
}

/** Error at generation steps k = 1..K, free running and teacher forced. */
export interface GenerationErrorCurve {
  /** k = 1..K. */
  steps: number[];
  /** Categorical: fraction of sequences whose k-th generated token is wrong; real: mean squared error. */
  freeRunning: number[];
  /** The same error for one-step predictions from the true history. */
  teacherForced: number[];
  /** "token error rate" or "squared error". */
  measure: "token error rate" | "squared error";
}

/** Per-step error of outputs[t] (predicting s_{t+1}) against targets. */
function stepErrors(model: NextStepModel, outputs: Float64Array[], targets: readonly ArrayLike<number>[], P: number): number[] {
  const B = targets.length;
  const O = model.outputSize;
  const errs: number[] = [];
  for (let t = P - 1; t < outputs.length; t++) {
    let e = 0;
    for (let b = 0; b < B; b++) {
      const truth = model.truthAt(targets[b], t + 1);
      if (model.kind === "categorical") {
        let best = 0;
        for (let o = 1; o < O; o++) if (outputs[t][b * O + o] > outputs[t][b * O + best]) best = o;
        if (best !== truth[0]) e += 1;
      } else {
        for (let o = 0; o < O; o++) e += (outputs[t][b * O + o] - truth[o]) ** 2 / O;
      }
    }
    errs.push(e / B);
  }
  return errs;
}

/** Free-running and teacher-forced error at each generation step after a prompt of P steps. */
export function errorByGenerationStep(model: NextStepModel, sequences: readonly ArrayLike<number>[], options: GenerationErrorOptions): GenerationErrorCurve {
  checkOptions("errorByGenerationStep", options, ["prompt", "targets"]);
  const where = "errorByGenerationStep";
  if (!(model instanceof NextStepModel)) badArgument(where, "model", "a NextStepModel", model);
  const { T } = model.checkSequences(where, sequences);
  const P = requireInt(where, "options.prompt", options?.prompt, 1);
  if (P > T - 1) throw new RnnlabError(`${where}: options.prompt must be at most T − 1 = ${T - 1} (the sequences have T = ${T} steps), got ${P}`);
  const targets = options.targets ?? sequences;
  if (options.targets) {
    const t = model.checkSequences(where, options.targets);
    if (t.T !== T || options.targets.length !== sequences.length) badArgument(where, "options.targets", `${sequences.length} sequences of ${T} steps (as sequences)`, options.targets);
  }
  const free = model.unroll(sequences, { feedTruth: (t) => t < P, feedback: "greedy" });
  const forced = model.unroll(sequences, { feedTruth: () => true });
  const freeRunning = stepErrors(model, free.outputs, targets, P);
  return {
    steps: freeRunning.map((_, k) => k + 1),
    freeRunning,
    teacherForced: stepErrors(model, forced.outputs, targets, P),
    measure: model.kind === "categorical" ? "token error rate" : "squared error",
  };
}

/** Options of `generateSequence`. */
export interface GenerateOptions {
  /** Categorical: "greedy" (default) or "sample" from softmax. */
  sampling?: "greedy" | "sample";
  /** With "sample": sample from softmax(y / temperature) (default 1). */
  temperature?: number;
  rng?: Rng;
}

/**
 * Feeds the prompt, then generates `steps` more steps from the model's own outputs.
 * Returns the continuation: tokens (categorical) or the flat D-vectors (real).
 */
export function generateSequence(model: NextStepModel, prompt: ArrayLike<number>, steps: number, options: GenerateOptions = {}): number[] {
  checkOptions("generateSequence", options, ["sampling", "temperature", "rng"]);
  const where = "generateSequence";
  if (!(model instanceof NextStepModel)) badArgument(where, "model", "a NextStepModel", model);
  const K = requireIntInRange(where, "steps", steps, 1, MAX_GENERATION_STEPS);
  const D = model.kind === "real" ? model.size : 1;
  if (!prompt || prompt.length < D || prompt.length % D !== 0) badArgument(where, "prompt", `a prompt of at least one step${D > 1 ? ` (length a multiple of ${D})` : ""}`, prompt);
  if (model.kind === "categorical") requireIntArray(where, "prompt", prompt, 0, model.size - 1, 1);
  else requireAllFinite(where, "prompt", prompt);
  const P = prompt.length / D;
  // a placeholder sequence: the prompt followed by K steps that are never fed (targets unused)
  const seq = Array.from(prompt);
  for (let i = 0; i < (K + 1) * D; i++) seq.push(model.kind === "categorical" ? 0 : 0);
  const r = model.unroll([seq], { feedTruth: (t) => t < P, feedback: options.sampling ?? "greedy", temperature: options.temperature, recordFed: true, rng: options.rng });
  const out: number[] = [];
  for (let t = P; t <= P + K - 1; t++) out.push(...r.fed[t][0]);
  return out;
}
