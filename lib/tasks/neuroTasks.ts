/**
 * Two tasks from systems neuroscience used to train RNNs that are then reverse-engineered.
 *
 * **K-bit flip-flop** (Sussillo & Barak 2013): K input channels carry rare pulses of ±1; output
 * channel k must hold the sign of the last pulse on input k (0 before the first one). A network
 * that solves it needs 2^K stable states, one per memory.
 *   input [T, B, K], target [T, B, K] (read out at every step).
 *
 * **Context-dependent integration** (Mante, Sussillo, Shenoy & Newsome 2013): two noisy streams
 * (“motion” and “colour”), each with a coherence c ∈ coherences plus Gaussian noise at every
 * step, and two one-hot context inputs. The target is the sign of the coherence of the stream
 * the context selects; the other stream must be ignored.
 *   input [T, B, 4] = (motion_t, colour_t, ctx_motion, ctx_colour), target [B, 1] = ±1 (last step);
 *   for networks read out at every step also `targetSteps` [T, B, 1] (the same ±1 at every step)
 *   and `mask` [T, B], 1 on the last `responseSteps` steps (the “response period”).
 */
import { badArgument, requireFinite, requireInt } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { SequenceBatch } from "../nn/sequenceBatch";
import { checkOptions } from "../core/options";

/** Options of `flipFlopBatch`. */
export interface FlipFlopOptions {
  /** Number of bits K (default 3). */
  bits?: number;
  /** Sequence length T (default 50). */
  steps?: number;
  /** Batch size B (default 32). */
  batch?: number;
  /** Probability of a pulse per channel and step (default 0.05). */
  pulseProbability?: number;
  rng?: Rng;
}

/** A K-bit flip-flop batch: pulses in, held bits out. */
export function flipFlopBatch(options: FlipFlopOptions = {}): { batch: SequenceBatch; target: Float64Array } {
  const where = "flipFlopBatch";
  checkOptions(where, options, ["bits", "steps", "batch", "pulseProbability", "rng"]);
  const K = requireInt(where, "bits", options.bits ?? 3, 1);
  const T = requireInt(where, "steps", options.steps ?? 50, 1);
  const B = requireInt(where, "batch", options.batch ?? 32, 1);
  const p = requireFinite(where, "pulseProbability", options.pulseProbability ?? 0.05, 0, 1);
  const rng = rngOrDefault(options.rng);
  const x = new Float64Array(T * B * K);
  const target = new Float64Array(T * B * K);
  for (let b = 0; b < B; b++) {
    for (let k = 0; k < K; k++) {
      let held = 0;
      for (let t = 0; t < T; t++) {
        const i = (t * B + b) * K + k;
        if (rng.uniform() < p) {
          const s = rng.uniform() < 0.5 ? -1 : 1;
          x[i] = s;
          held = s;
        }
        target[i] = held;
      }
    }
  }
  return { batch: { x, T, B, D: K }, target };
}

/** Options of `contextIntegrationBatch`. */
export interface ContextIntegrationOptions {
  /** Sequence length T (default 30). */
  steps?: number;
  /** Batch size B (default 64). */
  batch?: number;
  /** Coherences drawn for each stream, with a random sign (default [0.05, 0.1, 0.2]). */
  coherences?: readonly number[];
  /** Standard deviation of the per-step noise on each stream (default 1). */
  noise?: number;
  /** Steps at the end of the trial on which `mask` is 1 (default 5). */
  responseSteps?: number;
  rng?: Rng;
}

/** Trial conditions of a context-integration batch. */
export interface ContextTrials {
  /** Signed motion coherence of each trial. */
  motion: Float64Array;
  /** Signed colour coherence of each trial. */
  colour: Float64Array;
  /** 0 = motion context, 1 = colour context. */
  context: Int8Array;
}

/** A batch of the context-dependent integration task (Mante et al. 2013). */
export function contextIntegrationBatch(options: ContextIntegrationOptions = {}): {
  batch: SequenceBatch;
  target: Float64Array;
  targetSteps: Float64Array;
  mask: Float64Array;
  trials: ContextTrials;
} {
  const where = "contextIntegrationBatch";
  checkOptions(where, options, ["steps", "batch", "coherences", "noise", "responseSteps", "rng"]);
  const T = requireInt(where, "steps", options.steps ?? 30, 1);
  const responseSteps = requireInt(where, "responseSteps", options.responseSteps ?? 5, 1);
  if (responseSteps > T) badArgument(where, "responseSteps", `at most steps = ${T}`, responseSteps);
  const B = requireInt(where, "batch", options.batch ?? 64, 1);
  const coh = options.coherences ?? [0.05, 0.1, 0.2];
  if (!Array.isArray(coh) || coh.length === 0) badArgument(where, "coherences", "a non-empty array of numbers > 0", coh);
  coh.forEach((c, i) => requireFinite(where, `coherences[${i}]`, c, Number.MIN_VALUE));
  const noise = requireFinite(where, "noise", options.noise ?? 1, 0);
  const rng = rngOrDefault(options.rng);
  const D = 4;
  const x = new Float64Array(T * B * D);
  const target = new Float64Array(B);
  const trials: ContextTrials = { motion: new Float64Array(B), colour: new Float64Array(B), context: new Int8Array(B) };
  for (let b = 0; b < B; b++) {
    const m = coh[rng.int(0, coh.length)] * (rng.uniform() < 0.5 ? -1 : 1);
    const c = coh[rng.int(0, coh.length)] * (rng.uniform() < 0.5 ? -1 : 1);
    const ctx = rng.uniform() < 0.5 ? 0 : 1;
    trials.motion[b] = m;
    trials.colour[b] = c;
    trials.context[b] = ctx;
    target[b] = Math.sign(ctx === 0 ? m : c);
    for (let t = 0; t < T; t++) {
      const i = (t * B + b) * D;
      x[i] = m + noise * rng.normal();
      x[i + 1] = c + noise * rng.normal();
      x[i + 2] = ctx === 0 ? 1 : 0;
      x[i + 3] = ctx === 1 ? 1 : 0;
    }
  }
  const targetSteps = new Float64Array(T * B);
  const mask = new Float64Array(T * B);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      targetSteps[t * B + b] = target[b];
      mask[t * B + b] = t >= T - responseSteps ? 1 : 0;
    }
  }
  return { batch: { x, T, B, D }, target, targetSteps, mask, trials };
}

