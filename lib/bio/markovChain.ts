/**
 * Order-k Markov chains over DNA, and the coding/non-coding log-likelihood ratio.
 *
 * An order-k chain gives each base a probability given the k bases before it,
 *
 *     P(x_i = b | x_{i−k..i−1} = c) = (n(c, b) + α) / (Σ_b' n(c, b') + 4α),
 *
 * estimated from counts n with a pseudocount α (default 1). Fitting one chain on coding
 * stretches and one on non-coding stretches, each base gets the log-likelihood ratio
 *
 *     r_i = log P_coding(x_i | context) − log P_noncoding(x_i | context)
 *
 * (0 where the context holds a letter other than a, c, g, t), and a window sum
 * R_i = Σ_{|j−i| ≤ ⌊w/2⌋} r_j > 0 tags base i as coding — the classic content
 * sensor of gene finders (GeneMark, Borodovsky & McIninch 1993, uses a 3-periodic chain).
 */
import { badArgument, requireFinite, requireInt } from "../core/errors";
import { checkOptions } from "../core/options";
import { requireNumberArray } from "../core/argChecks";

const BASE_INDEX: Readonly<Record<string, number>> = { a: 0, c: 1, g: 2, t: 3 };

/** A fitted order-k chain: logProb[c·4 + b] = log P(b | context c), contexts as base-4 numbers. */
export interface DnaMarkovChain {
  order: number;
  /** 4^(k+1) log probabilities. */
  logProb: Float64Array;
  /** Number of (context, base) pairs counted. */
  transitions: number;
}

/** Options of `fitDnaMarkovChain`. */
export interface DnaMarkovChainOptions {
  /** Context length k (default 3). */
  order?: number;
  /** Pseudocount α added to every count (default 1). */
  pseudocount?: number;
}

/**
 * The context codes of a sequence: code[i] = the base-4 number of x_{i−k..i} (k+1 bases,
 * x_i last), or −1 when that window holds a letter other than a, c, g, t or starts before 0.
 */
export function contextCodes(sequence: string, order: number): Int32Array {
  const where = "contextCodes";
  if (typeof sequence !== "string") badArgument(where, "sequence", "a DNA string (a, c, g, t)", sequence);
  const k = requireInt(where, "order", order, 0);
  const s = sequence.toLowerCase();
  const out = new Int32Array(s.length).fill(-1);
  const mod = 4 ** (k + 1);
  let code = 0;
  let valid = 0; // valid bases in a row ending at i
  for (let i = 0; i < s.length; i++) {
    const b = BASE_INDEX[s[i]];
    if (b === undefined) {
      valid = 0;
      code = 0;
      continue;
    }
    code = (code * 4 + b) % mod;
    valid++;
    if (valid > k) out[i] = code;
  }
  return out;
}

/** Fits an order-k chain on some DNA stretches (see the module comment). */
export function fitDnaMarkovChain(sequences: readonly string[], options: DnaMarkovChainOptions = {}): DnaMarkovChain {
  const where = "fitDnaMarkovChain";
  checkOptions(where, options, ["order", "pseudocount"]);
  const k = requireInt(where, "order", options.order ?? 3, 0);
  if (k > 8) badArgument(where, "order", "at most 8 (4^9 parameters already outnumber most data)", k);
  const alpha = requireFinite(where, "pseudocount", options.pseudocount ?? 1, 0);
  if (!Array.isArray(sequences) || sequences.length === 0) badArgument(where, "sequences", "a non-empty array of DNA strings", sequences);
  const counts = new Float64Array(4 ** (k + 1));
  let transitions = 0;
  sequences.forEach((s, n) => {
    if (typeof s !== "string") badArgument(where, `sequences[${n}]`, "a DNA string", s);
    for (const c of contextCodes(s, k)) {
      if (c >= 0) {
        counts[c]++;
        transitions++;
      }
    }
  });
  if (transitions === 0) badArgument(where, "sequences", `stretches with at least ${k + 1} consecutive a/c/g/t bases`, sequences.length);
  const logProb = new Float64Array(counts.length);
  for (let c = 0; c < counts.length; c += 4) {
    const total = counts[c] + counts[c + 1] + counts[c + 2] + counts[c + 3] + 4 * alpha;
    for (let b = 0; b < 4; b++) logProb[c + b] = total > 0 ? Math.log((counts[c + b] + alpha) / total) : Math.log(0.25);
  }
  return { order: k, logProb, transitions };
}

/** Per-base log-likelihood ratio r_i of two chains of the same order (0 where undefined). */
export function markovLogLikelihoodRatio(sequence: string, coding: DnaMarkovChain, noncoding: DnaMarkovChain): Float64Array {
  const where = "markovLogLikelihoodRatio";
  if (!coding?.logProb || !noncoding?.logProb) badArgument(where, "coding, noncoding", "two MarkovChains from fitDnaMarkovChain", coding);
  if (coding.order !== noncoding.order) badArgument(where, "noncoding.order", `the order of coding (${coding.order})`, noncoding.order);
  const codes = contextCodes(sequence, coding.order);
  return Float64Array.from(codes, (c) => (c >= 0 ? coding.logProb[c] - noncoding.logProb[c] : 0));
}

/** Centred window sums: out[i] = Σ values[j] for |j − i| ≤ ⌊w/2⌋ (clipped at the ends); w odd. */
export function windowSum(values: ArrayLike<number>, window: number): Float64Array {
  const where = "windowSum";
  requireNumberArray(where, "values", values, { minLength: 1 });
  const w = requireInt(where, "window", window, 1);
  if (w % 2 === 0) badArgument(where, "window", "an odd width", w);
  const half = (w - 1) / 2;
  const prefix = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) prefix[i + 1] = prefix[i] + values[i];
  return Float64Array.from({ length: values.length }, (_, i) => prefix[Math.min(values.length, i + half + 1)] - prefix[Math.max(0, i - half)]);
}

/** The runs of a sequence where labels are 1 (`value` 1) or 0 (`value` 0), as substrings. */
export function labelledStretches(sequence: string, labels: ArrayLike<number>, value: 0 | 1): string[] {
  const where = "labelledStretches";
  if (typeof sequence !== "string") badArgument(where, "sequence", "a string", sequence);
  requireNumberArray(where, "labels", labels);
  if (labels.length !== sequence.length) badArgument(where, "labels", `${sequence.length} labels (one per position of sequence)`, labels);
  if (value !== 0 && value !== 1) badArgument(where, "value", "0 or 1", value);
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= sequence.length; i++) {
    const on = i < sequence.length && (labels[i] !== 0 ? 1 : 0) === value;
    if (on && start < 0) start = i;
    else if (!on && start >= 0) {
      out.push(sequence.slice(start, i));
      start = -1;
    }
  }
  return out;
}
