/**
 * Held-out bits per character of a categorical `NextStepModel`, and the entropy of its
 * predictions, at a sampling temperature T:
 *
 *   p_T(a | h_t) = softmax(y_t / T)_a,   bits/char = −(1/N) Σ_t log₂ p_T(s_{t+1} | h_t),
 *   entropy = (1/N) Σ_t H(p_T(· | h_t)) = −(1/N) Σ_t Σ_a p_T(a) log₂ p_T(a)   (bits)
 *
 * The text is cut into windows of L tokens that overlap by one (starts 0, L−1, 2(L−1), …),
 * each run from a zero state under teacher forcing, so that every position t ≥ 1 is
 * predicted exactly once (up to the last incomplete window, which is dropped).
 */
import { badArgument, requireInt, requirePositive } from "../core/errors";
import { checkOptions } from "../core/options";
import { NextStepModel, softmaxRow } from "../generation/nextStepModel";
import { LanguageModelScore } from "./charNGram";

/** Options of `nextStepBitsPerChar`. */
export interface NextStepScoreOptions {
  /** Window length L ≥ 2 (default 128). */
  window?: number;
  /** Temperature T > 0 of the predictive distribution (default 1). */
  temperature?: number;
  /** Windows per batch (default 64; only speed and memory depend on it). */
  batchSize?: number;
}

/** Bits per character, perplexity and mean predictive entropy. */
export interface NextStepTextScore extends LanguageModelScore {
  /** Mean entropy of p_T(· | h_t) in bits. */
  entropyBits: number;
}

/** The windows of L tokens, overlapping by one, that tile `tokens` (the last incomplete one dropped). */
export function overlappingWindows(tokens: ArrayLike<number>, length: number): number[][] {
  const where = "overlappingWindows";
  const L = requireInt(where, "length", length, 2);
  if (!tokens || typeof tokens.length !== "number" || tokens.length < L) badArgument(where, "tokens", `a sequence of at least length = ${L} tokens`, tokens);
  const out: number[][] = [];
  for (let s = 0; s + L <= tokens.length; s += L - 1) out.push(Array.from({ length: L }, (_, i) => tokens[s + i]));
  return out;
}

/** Held-out bits per character of a categorical next-step model at temperature T. */
export function nextStepBitsPerChar(model: NextStepModel, tokens: ArrayLike<number>, options: NextStepScoreOptions = {}): NextStepTextScore {
  const where = "nextStepBitsPerChar";
  if (!(model instanceof NextStepModel) || model.kind !== "categorical") badArgument(where, "model", "a categorical NextStepModel", model);
  checkOptions(where, options, ["window", "temperature", "batchSize"]);
  const L = requireInt(where, "options.window", options.window ?? 128, 2);
  const T = requirePositive(where, "options.temperature", options.temperature ?? 1);
  const batch = requireInt(where, "options.batchSize", options.batchSize ?? 64);
  const windows = overlappingWindows(tokens, L);
  model.checkSequences(where, windows);
  const V = model.outputSize;
  let bits = 0;
  let entropy = 0;
  let count = 0;
  for (let i = 0; i < windows.length; i += batch) {
    const chunk = windows.slice(i, i + batch);
    const { outputs } = model.unroll(chunk, { feedTruth: () => true });
    for (let t = 0; t < outputs.length; t++) {
      for (let b = 0; b < chunk.length; b++) {
        const p = softmaxRow(outputs[t], b, V, T);
        bits -= Math.log2(Math.max(p[chunk[b][t + 1]], 1e-300));
        for (let a = 0; a < V; a++) if (p[a] > 0) entropy -= p[a] * Math.log2(p[a]);
        count++;
      }
    }
  }
  return { bitsPerChar: bits / count, perplexity: 2 ** (bits / count), count, entropyBits: entropy / count };
}
