/**
 * Palindrome recognition: is the sequence the same read forwards and backwards?
 *
 * A sequence s_0 … s_{L-1} is a palindrome when s_i = s_{L-1-i} for every
 * i < ⌊L/2⌋: the ⌊L/2⌋ *mirror pairs* (i, L-1-i) all match (an odd length has
 * a free middle symbol). The label is one bit per sequence.
 *
 * Generative process (n examples, exactly ⌈n/2⌉ positives, ⌊n/2⌋ negatives, shuffled):
 * 1. Length L uniform over the allowed lengths in [minLength, maxLength] with the
 *    requested parity.
 * 2. Positive: draw the first ⌈L/2⌉ symbols uniformly, mirror them.
 * 3. Hard negative (fraction `hardNegativeFraction` of negatives): a palindrome with
 *    exactly one mirror pair broken — pick a pair (i, L-1-i) uniformly and replace
 *    s_{L-1-i} by a different symbol. Shortcuts (symbol counts, first = last, …)
 *    fail on these: they differ from a positive in one symbol.
 * 4. Easy negative: uniform random symbols, redrawn until it is not a palindrome.
 *
 * A unidirectional RNN must hold the first half in its state to compare it with
 * the second half in reverse order; a bidirectional one meets both halves at the middle.
 */
import { RnnlabError, badArgument, requireFinite, requireInt, requireOneOf } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { TaskBatch, oneHotBatch } from "./batch";
import { checkOptions, requireAllocation, requireIntInRange, requireSize } from "../core/options";
import { requireArrayArg, requireIntArray, requireRecords } from "../core/argChecks";

/** Longest palindrome length the generators accept. */
const MAX_PALINDROME_LENGTH = 100000;

/** Parity of the allowed lengths. */
export type LengthParity = "any" | "odd" | "even";

/** Configuration of the palindrome generator. */
export interface PalindromeConfig {
  /** The symbols, one character each, all different (default "abcd"). */
  alphabet?: string;
  /** Shortest length, >= 2 (default 4). */
  minLength?: number;
  /** Longest length (default = minLength). */
  maxLength?: number;
  /** Only odd or only even lengths (default "any"). */
  parity?: LengthParity;
  /** Fraction of negatives that are near-palindromes (default 0.5). */
  hardNegativeFraction?: number;
}

/** One example. `kind` says how it was made. */
export interface PalindromeExample {
  tokens: number[];
  label: 0 | 1;
  kind: "palindrome" | "near-palindrome" | "random";
}

/** True when `tokens` reads the same in both directions. */
export function isPalindrome(tokens: readonly (number | string)[]): boolean {
  requireTokens("isPalindrome", tokens);
  for (let i = 0, j = tokens.length - 1; i < j; i++, j--) if (tokens[i] !== tokens[j]) return false;
  return true;
}

/** The number of mirror pairs (i, L-1-i) whose symbols differ. */
export function brokenMirrorPairs(tokens: readonly (number | string)[]): number {
  requireTokens("brokenMirrorPairs", tokens);
  let n = 0;
  for (let i = 0, j = tokens.length - 1; i < j; i++, j--) if (tokens[i] !== tokens[j]) n++;
  return n;
}

/** Checks a token sequence: an array (or typed array) of numbers or symbols. */
function requireTokens(where: string, tokens: unknown): void {
  requireArrayArg(where, "tokens", tokens, "an array of tokens (numbers or symbols)");
  const arr = tokens as ArrayLike<unknown>;
  for (let i = 0; i < arr.length; i++) {
    const t = arr[i];
    if (!((typeof t === "number" && Number.isFinite(t)) || typeof t === "string")) badArgument(where, `tokens[${i}]`, "a finite number or a string", t);
  }
}

/** Validates an alphabet string: non-empty, distinct characters. */
export function checkAlphabet(where: string, alphabet: unknown, minSize = 1): string {
  if (typeof alphabet !== "string") badArgument(where, "alphabet", "a string of symbols", alphabet);
  if (alphabet.length < minSize) {
    badArgument(where, "alphabet", `at least ${minSize} distinct symbol${minSize > 1 ? "s" : ""}`, alphabet);
  }
  if (new Set(alphabet).size !== alphabet.length) badArgument(where, "alphabet", "distinct characters (no repeats)", alphabet);
  if (/[,"\n\r]/.test(alphabet)) badArgument(where, "alphabet", "characters other than comma, quote and newline", alphabet);
  return alphabet;
}

/** The allowed lengths of a palindrome configuration (validated). */
export function palindromeLengths(config: PalindromeConfig = {}): number[] {
  checkOptions("palindromeLengths", config, ["alphabet", "minLength", "maxLength", "parity", "hardNegativeFraction"], { name: "config" });
  const where = "palindromeLengths";
  const minLength = config.minLength ?? 4;
  if (typeof minLength === "number" && minLength < 0) badArgument(where, "minLength", "a non-negative length", minLength);
  requireInt(where, "minLength", minLength, 2);
  const maxLength = requireIntInRange(where, "maxLength", config.maxLength ?? minLength, minLength, MAX_PALINDROME_LENGTH);
  const parity = requireOneOf(where, "parity", config.parity ?? "any", ["any", "odd", "even"] as const);
  const out: number[] = [];
  for (let L = minLength; L <= maxLength; L++) {
    if (parity === "any" || (parity === "odd") === (L % 2 === 1)) out.push(L);
  }
  if (out.length === 0) {
    throw new RnnlabError(
      `${where}: parity "${parity}" cannot be met with lengths in [${minLength}, ${maxLength}]: ` +
        `there is no ${parity} length in that range; widen [minLength, maxLength] or change parity`,
    );
  }
  return out;
}

/**
 * Generates `n` palindrome-recognition examples (balanced: ⌈n/2⌉ positives).
 *
 * @param n number of examples (>= 1).
 * @param config alphabet, length range, parity, hard-negative fraction.
 * @param rng random generator (default: the shared one).
 */
export function generatePalindromes(n: number, config: PalindromeConfig = {}, rng?: Rng): PalindromeExample[] {
  checkOptions("generatePalindromes", config, ["alphabet", "minLength", "maxLength", "parity", "hardNegativeFraction"], { name: "config" });
  const where = "generatePalindromes";
  requireInt(where, "n", n, 1);
  const alphabet = checkAlphabet(where, config.alphabet ?? "abcd", 2);
  const lengths = palindromeLengths(config);
  const hardFraction = requireFinite(where, "hardNegativeFraction", config.hardNegativeFraction ?? 0.5, 0, 1);
  requireAllocation(where, "n", n * lengths[lengths.length - 1]);
  const r = rngOrDefault(rng, where);
  const A = alphabet.length;
  const nPos = Math.ceil(n / 2);
  const nNeg = n - nPos;
  const nHard = Math.round(nNeg * hardFraction);
  const out: PalindromeExample[] = [];
  const palindrome = (L: number): number[] => {
    const s = new Array<number>(L);
    for (let i = 0; i < Math.ceil(L / 2); i++) s[i] = s[L - 1 - i] = r.int(0, A);
    return s;
  };
  for (let i = 0; i < nPos; i++) out.push({ tokens: palindrome(r.choice(lengths)), label: 1, kind: "palindrome" });
  for (let i = 0; i < nHard; i++) {
    const L = r.choice(lengths);
    const s = palindrome(L);
    const pair = r.int(0, Math.floor(L / 2)); // which mirror pair (i, L-1-i) to break
    s[L - 1 - pair] = (s[pair] + r.int(1, A)) % A; // any symbol but the mirrored one
    out.push({ tokens: s, label: 0, kind: "near-palindrome" });
  }
  for (let i = nHard; i < nNeg; i++) {
    const L = r.choice(lengths);
    let s: number[];
    do {
      s = Array.from({ length: L }, () => r.int(0, A));
    } while (isPalindrome(s));
    out.push({ tokens: s, label: 0, kind: "random" });
  }
  return r.shuffle(out);
}

/** A palindrome data set as a one-hot batch plus labels. */
export interface LabeledBatch {
  batch: TaskBatch;
  /** One label per sequence, 0 or 1. */
  labels: Float64Array;
}

/** Turns examples (palindromes or proteins) into a one-hot batch and a label vector. */
export function labeledBatch(examples: readonly { tokens: number[]; label: 0 | 1 }[], alphabetSize: number): LabeledBatch {
  const where = "labeledBatch";
  requireSize(where, "alphabetSize", alphabetSize);
  requireRecords<{ tokens: number[]; label: 0 | 1 }>(where, "examples", examples, "examples {tokens, label}", 1).forEach((e, i) => {
    requireIntArray(where, `examples[${i}].tokens`, e.tokens, 0, alphabetSize - 1, 1);
    requireIntInRange(where, `examples[${i}].label`, e.label, 0, 1);
  });
  const batch = oneHotBatch(examples.map((e) => e.tokens), alphabetSize);
  return { batch, labels: Float64Array.from(examples.map((e) => e.label)) };
}

/** Convenience: generate palindromes and encode them (`D` = alphabet size). */
export function palindromeBatch(n: number, config: PalindromeConfig = {}, rng?: Rng): LabeledBatch & { examples: PalindromeExample[] } {
  checkOptions("palindromeBatch", config, ["alphabet", "minLength", "maxLength", "parity", "hardNegativeFraction"], { name: "config" });
  const examples = generatePalindromes(n, config, rng);
  return { ...labeledBatch(examples, (config.alphabet ?? "abcd").length), examples };
}
