/**
 * Data for next-step models: a character vocabulary over a text, and a noisy
 * periodic signal, cut into random windows.
 */
import { RnnlabError, badArgument, requireFinite, requireInt, requirePositive } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { checkOptions } from "../core/options";

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

/** Token ids of a text. */
export function encodeText(text: string, vocab: CharVocabulary): number[] {
  return Array.from(text).map((ch, i) => {
    const k = vocab.index.get(ch);
    if (k === undefined) throw new RnnlabError(`encodeText: text[${i}] = ${JSON.stringify(ch)} is not in the vocabulary`);
    return k;
  });
}

/** The text of token ids. */
export function decodeTokens(tokens: ArrayLike<number>, vocab: CharVocabulary): string {
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
  checkOptions("noisyPeriodicSignal", config, ["length", "period", "noise", "rng"], { name: "config" });
  const where = "noisyPeriodicSignal";
  const n = requireInt(where, "config.length", config.length, 2);
  const P = requirePositive(where, "config.period", config.period ?? 20);
  const sigma = requireFinite(where, "config.noise", config.noise ?? 0.1, 0);
  const rng = rngOrDefault(config.rng);
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
  if (!series || series.length < L) badArgument(where, "series", `a sequence of at least length=${L} entries`, series);
  const r = rngOrDefault(rng);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const start = r.int(0, series.length - L + 1);
    out.push(Array.from({ length: L }, (_, k) => series[start + k]));
  }
  return out;
}

/** The texts shipped in `datasets/corpus/` (see its PROVENANCE.md). */
export type CorpusName = "nursery_rhymes" | "sonnet_18";

/**
 * The text of a shipped corpus file, read from `datasets/corpus/<name>.txt` of the
 * rnnlab checkout (or from `dir` when given).
 */
export function readCorpus(name: CorpusName, dir?: string): string {
  const where = "readCorpus";
  requireOneOfCorpus(where, name);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: only readCorpus touches the file system
  const fs = require("fs") as typeof import("fs");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: only readCorpus touches the file system
  const path = require("path") as typeof import("path");
  const base = dir ?? path.join(__dirname, "..", "..", "datasets", "corpus");
  const file = path.join(base, `${name}.txt`);
  if (!fs.existsSync(file)) throw new RnnlabError(`${where}: the corpus file ${file} does not exist (is the rnnlab checkout's datasets/ folder there?)`);
  return fs.readFileSync(file, "utf8");
}

function requireOneOfCorpus(where: string, name: unknown): void {
  if (name !== "nursery_rhymes" && name !== "sonnet_18") badArgument(where, "name", `"nursery_rhymes" or "sonnet_18"`, name);
}
