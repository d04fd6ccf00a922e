/**
 * Data for next-step models: a character vocabulary over a text, and a noisy
 * periodic signal, cut into random windows.
 */
import { RnnlabError, badArgument, requireFinite, requireInt, requirePositive, requireString } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { requireAllocation } from "../core/options";
import { requireConfig, requireIntArray, requireNumberArray } from "../core/argChecks";

/** The characters of a text, sorted, with their indices. */
export interface CharVocabulary {
  readonly chars: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

/** The sorted set of characters of `text` (code points). */
export function charVocabulary(text: string): CharVocabulary {
  if (typeof text !== "string" || text.length === 0) badArgument("charVocabulary", "text", "a non-empty string", text);
  const chars = [...new Set(Array.from(text))].sort();
  return { chars, index: new Map(chars.map((c, i) => [c, i])) };
}

/** Checks a CharVocabulary {chars, index} (from charVocabulary). */
function requireVocabulary(where: string, vocab: unknown): CharVocabulary {
  const v = vocab as Partial<CharVocabulary> | null;
  if (v === null || typeof v !== "object" || !Array.isArray(v.chars) || v.chars.length === 0 || !(v.index instanceof Map)) {
    badArgument(where, "vocab", "a CharVocabulary {chars, index} (from charVocabulary(text))", vocab);
  }
  return vocab as CharVocabulary;
}

/** Token ids of a text. */
export function encodeText(text: string, vocab: CharVocabulary): number[] {
  requireString("encodeText", "text", text, true);
  requireVocabulary("encodeText", vocab);
  return Array.from(text).map((ch, i) => {
    const k = vocab.index.get(ch);
    if (k === undefined) throw new RnnlabError(`encodeText: text[${i}] = ${JSON.stringify(ch)} is not in the vocabulary (vocab)`);
    return k;
  });
}

/** The text of token ids. */
export function decodeTokens(tokens: ArrayLike<number>, vocab: CharVocabulary): string {
  requireVocabulary("decodeTokens", vocab);
  requireIntArray("decodeTokens", "tokens", tokens, 0, vocab.chars.length - 1);
  let s = "";
  for (let i = 0; i < tokens.length; i++) {
    const ch = vocab.chars[tokens[i]];
    if (ch === undefined) badArgument("decodeTokens", `tokens[${i}]`, `a token in 0..${vocab.chars.length - 1}`, tokens[i]);
    s += ch;
  }
  return s;
}

/** Configuration of a noisy periodic signal. */
export interface NoisySignalConfig {
  /** Number of samples. */
  length: number;
  /** Period in samples (default 20). */
  period?: number;
  /** Standard deviation of the additive Gaussian noise (default 0.1). */
  noise?: number;
  rng?: Rng;
}

/**
 * s_t = sin(2πt/P) + ½ sin(4πt/P + 1) + σ ξ_t, ξ_t ~ N(0, 1): a periodic signal with
 * two harmonics and observation noise. Returns the noisy signal and the clean one.
 */
export function noisyPeriodicSignal(config: NoisySignalConfig): { noisy: Float64Array; clean: Float64Array } {
  requireConfig("noisyPeriodicSignal", config, ["length", "period", "noise", "rng"], "an object {length, period?, noise?, rng?}");
  const where = "noisyPeriodicSignal";
  const n = requireInt(where, "config.length", config.length, 2);
  const P = requirePositive(where, "config.period", config.period ?? 20);
  const sigma = requireFinite(where, "config.noise", config.noise ?? 0.1, 0);
  requireAllocation(where, "config.length", 2 * n);
  const rng = rngOrDefault(config.rng, where);
  const clean = new Float64Array(n);
  const noisy = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    clean[t] = Math.sin((2 * Math.PI * t) / P) + 0.5 * Math.sin((4 * Math.PI * t) / P + 1);
    noisy[t] = clean[t] + sigma * rng.normal();
  }
  return { noisy, clean };
}

/** `count` windows of `length` consecutive entries at uniformly random offsets (or every offset with stride if `stride` is given). */
export function randomWindows(series: ArrayLike<number>, length: number, count: number, rng?: Rng): number[][] {
  const where = "randomWindows";
  const L = requireInt(where, "length", length, 2);
  const n = requireInt(where, "count", count, 1);
  requireNumberArray(where, "series", series, { minLength: L });
  requireAllocation(where, "count", n * L);
  const r = rngOrDefault(rng, where);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const start = r.int(0, series.length - L + 1);
    out.push(Array.from({ length: L }, (_, k) => series[start + k]));
  }
  return out;
}
