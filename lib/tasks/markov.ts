/**
 * Order-k Markov chains and the n-gram lookup table that models them.
 *
 * An order-k chain over an alphabet A draws each symbol from a distribution that depends
 * on the previous k symbols only:
 *
 *   P(x_t | x_0 … x_{t-1}) = P(x_t | x_{t-k} … x_{t-1}) = M[context, x_t],
 *
 * so the chain is a table M with |A|^k rows (one per context) and |A| columns: its size,
 * |A|^k · |A|, grows exponentially with the memory k. An RNN with hidden size H keeps
 * a fixed-size state and a fixed number of parameters whatever k is.
 *
 * `randomMarkovChain` draws each row from a symmetric Dirichlet(β); a small β gives peaked
 * (predictable) rows. The first k symbols of a sequence are uniform.
 *
 * The n-gram model (n = k + 1) estimates M by counting with add-α smoothing:
 *   M̂[c, a] = (count(c, a) + α) / (count(c) + α|A|).
 */
import { RnnlabError, badArgument, requireFinite, requireInt, requireObject, requirePositive } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { checkAlphabet } from "./palindromes";
import { checkOptions, requireAllocation } from "../core/options";
import { requireArrayArg, requireConfig, requireIntArray, requireListArg, requireTokenSequences } from "../core/argChecks";

/** An order-k Markov chain: `table[c*|A| + a]` = P(next = a | context index c). */
export interface MarkovChain {
  alphabet: string;
  order: number;
  /** Row-stochastic table, |A|^k rows × |A| columns. */
  table: Float64Array;
}

/** Configuration of a random Markov chain. */
export interface MarkovChainConfig {
  /** Symbols, one character each (default "abcd"). */
  alphabet?: string;
  /** Memory k >= 0 (default 2). */
  order?: number;
  /** Dirichlet concentration β > 0 of each row (default 0.3: peaked rows). */
  concentration?: number;
}

/** The index of the context x_{t-k} … x_{t-1} (base-|A| number, oldest symbol first). */
export function contextIndex(tokens: readonly number[], t: number, order: number, A: number): number {
  if (!Array.isArray(tokens) && !ArrayBuffer.isView(tokens)) badArgument("contextIndex", "tokens", "an array of symbol indices", tokens);
  requireInt("contextIndex", "order", order, 0);
  requireInt("contextIndex", "t", t, 0);
  if (t < order) badArgument("contextIndex", "t", `an integer >= order = ${order} (a full context precedes t)`, t);
  if (t > tokens.length) badArgument("contextIndex", "t", `an integer <= tokens.length = ${tokens.length}`, t);
  requireInt("contextIndex", "A", A, 1);
  requireIntArray("contextIndex", "tokens", tokens, 0, A - 1);
  if (!Number.isFinite(A ** order)) badArgument("contextIndex", "A", `small enough that A^order is finite (order = ${order})`, A);
  return contextIndexOf(tokens, t, order, A);
}

/** contextIndex without checks, for the loops over checked sequences. */
function contextIndexOf(tokens: ArrayLike<number>, t: number, order: number, A: number): number {
  let c = 0;
  for (let i = t - order; i < t; i++) c = c * A + tokens[i];
  return c;
}

/** A Gamma(shape, 1) sample (Marsaglia–Tsang; shape < 1 by the boost U^{1/shape}). */
function gammaSample(shape: number, rng?: Rng): number {
  const r = rngOrDefault(rng, "gammaSample");
  requirePositive("gammaSample", "shape", shape);
  if (shape < 1) return gammaSample(shape + 1, r) * Math.pow(r.random() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = r.normal();
    const v = Math.pow(1 + c * z, 3);
    if (v <= 0) continue;
    const u = r.random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Draws a random order-k chain (each row ~ Dirichlet(β)). */
export function randomMarkovChain(config: MarkovChainConfig = {}, rng?: Rng): MarkovChain {
  checkOptions("randomMarkovChain", config, ["alphabet", "order", "concentration"], { name: "config" });
  const where = "randomMarkovChain";
  const alphabet = checkAlphabet(where, config.alphabet ?? "abcd", 1);
  const order = config.order ?? 2;
  if (typeof order === "number" && order < 0) badArgument(where, "order", "a memory length >= 0", order);
  requireInt(where, "order", order, 0);
  const beta = requirePositive(where, "concentration", config.concentration ?? 0.3);
  const A = alphabet.length;
  const rows = A ** order;
  if (rows * A > 5_000_000) badArgument(where, "order", `small enough that |A|^k·|A| <= 5e6 (|A| = ${A})`, order);
  const r = rngOrDefault(rng, where);
  const table = new Float64Array(rows * A);
  for (let c = 0; c < rows; c++) {
    let s = 0;
    for (let a = 0; a < A; a++) s += table[c * A + a] = gammaSample(beta, r) + 1e-300;
    for (let a = 0; a < A; a++) table[c * A + a] /= s;
  }
  return { alphabet, order, table };
}

/**
 * A structured order-k chain: the next symbol repeats the symbol k steps back with
 * probability 1 − ε, otherwise it is uniform:
 *   P(x_t = a | context) = (1 − ε)·[a = x_{t−k}] + ε/|A|.
 * Its table still has |A|^k·|A| entries, but the dependence is compressible: a model only
 * needs to remember the last k symbols in order (a shift register of k·log₂|A| bits).
 */
export function laggedCopyChain(config: { alphabet?: string; order: number; noise?: number }): MarkovChain {
  const where = "laggedCopyChain";
  requireConfig(where, config, ["alphabet", "order", "noise"], "an object {order, alphabet?, noise?}");
  const alphabet = checkAlphabet(where, config.alphabet ?? "abcd", 1);
  const order = config.order;
  if (typeof order === "number" && order < 0) badArgument(where, "order", "a memory length >= 1", order);
  requireInt(where, "order", order, 1);
  const eps = requireFinite(where, "noise", config.noise ?? 0.1, 0, 1);
  const A = alphabet.length;
  const rows = A ** order;
  if (rows * A > 5_000_000) badArgument(where, "order", `small enough that |A|^k·|A| <= 5e6 (|A| = ${A})`, order);
  const table = new Float64Array(rows * A);
  for (let c = 0; c < rows; c++) {
    const oldest = Math.floor(c / A ** (order - 1)); // x_{t−k} is the most significant digit
    for (let a = 0; a < A; a++) table[c * A + a] = (a === oldest ? 1 - eps : 0) + eps / A;
  }
  return { alphabet, order, table };
}

/** Samples `n` sequences of length `length` from a chain (first `order` symbols uniform). */
export function sampleMarkovSequences(chain: MarkovChain, n: number, length: number, rng?: Rng): number[][] {
  const where = "sampleMarkovSequences";
  requireChain(where, "chain", chain);
  requireInt(where, "n", n, 1);
  if (typeof length === "number" && length < 0) badArgument(where, "length", "a non-negative length", length);
  requireInt(where, "length", length, chain.order + 1);
  requireAllocation(where, "n * length", n * length);
  const r = rngOrDefault(rng, where);
  const A = chain.alphabet.length;
  const symbols = Array.from({ length: A }, (_, i) => i);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const s: number[] = [];
    for (let t = 0; t < length; t++) {
      if (t < chain.order) s.push(r.int(0, A));
      else {
        const c = contextIndexOf(s, t, chain.order, A);
        s.push(r.choice(symbols, chain.table.subarray(c * A, c * A + A)));
      }
    }
    out.push(s);
  }
  return out;
}

/** Scores of a next-symbol model on a set of sequences. */
export interface NextSymbolScore {
  /** Mean log-likelihood per predicted symbol (nats). */
  logLikelihood: number;
  /** Fraction of positions where the most probable symbol is the true one. */
  accuracy: number;
  /** Number of predicted positions. */
  count: number;
}

/** An n-gram lookup table (order k = n − 1). */
export interface NGramModel {
  order: number;
  alphabetSize: number;
  /** Number of table entries |A|^k · |A|. */
  tableSize: number;
  /** Row-stochastic table like `MarkovChain.table`. */
  table: Float64Array;
  /** Scores on positions t >= `from` (default: the model's order). */
  score(sequences: readonly (readonly number[])[], from?: number): NextSymbolScore;
}

/** The number of entries of an order-k table over |A| symbols: |A|^k · |A|. */
export function nGramTableSize(alphabetSize: number, order: number): number {
  requireInt("nGramTableSize", "alphabetSize", alphabetSize, 1);
  requireInt("nGramTableSize", "order", order, 0);
  const size = alphabetSize ** order * alphabetSize;
  if (!Number.isFinite(size)) badArgument("nGramTableSize", "order", `small enough that alphabetSize^(order+1) is finite (alphabetSize = ${alphabetSize})`, order);
  return size;
}

/** Checks a MarkovChain {alphabet, order, table}: a row-stochastic table of |A|^k·|A| finite entries. */
function requireChain(where: string, name: string, chain: unknown): MarkovChain {
  const c = requireObject<MarkovChain>(where, name, chain, "a MarkovChain {alphabet, order, table}");
  if (typeof c.alphabet !== "string") badArgument(where, `${name}.alphabet`, "a string of symbols", c.alphabet);
  checkAlphabet(where, c.alphabet, 1);
  requireInt(where, `${name}.order`, c.order, 0);
  const A = c.alphabet.length;
  const size = A ** c.order * A;
  if (!(c.table instanceof Float64Array) || c.table.length !== size) badArgument(where, `${name}.table`, `a Float64Array of |A|^order·|A| = ${size} probabilities`, c.table);
  for (let i = 0; i < size; i++) {
    if (!(c.table[i] >= 0 && c.table[i] <= 1)) badArgument(where, `${name}.table[${i}]`, "a probability in [0, 1]", c.table[i]);
  }
  return c;
}

function modelFromTable(table: Float64Array, order: number, A: number): NGramModel {
  return {
    order,
    alphabetSize: A,
    tableSize: table.length,
    table,
    score(sequences, from = order) {
      requireInt("NGramModel.score", "from", from, order);
      requireTokenSequences("NGramModel.score", "sequences", sequences, A - 1);
      let ll = 0;
      let correct = 0;
      let count = 0;
      for (const s of sequences) {
        for (let t = from; t < s.length; t++) {
          const row = contextIndexOf(s, t, order, A) * A;
          ll += Math.log(table[row + s[t]]);
          let best = 0;
          for (let a = 1; a < A; a++) if (table[row + a] > table[row + best]) best = a;
          correct += best === s[t] ? 1 : 0;
          count++;
        }
      }
      if (count === 0) throw new RnnlabError(`NGramModel.score: no positions t >= ${from} to score; sequences are too short`);
      return { logLikelihood: ll / count, accuracy: correct / count, count };
    },
  };
}

/** Fits an order-k n-gram table by counting with add-α smoothing (default α = 0.1). */
export function fitNGram(
  sequences: readonly (readonly number[])[],
  config: { order: number; alphabetSize: number; alpha?: number },
): NGramModel {
  const where = "fitNGram";
  requireConfig(where, config, ["order", "alphabetSize", "alpha"], "an object {order, alphabetSize, alpha?}");
  requireListArg(where, "sequences", sequences, "an array of symbol sequences", 1).forEach((s, i) => requireArrayArg(where, `sequences[${i}]`, s, "an array of symbols"));
  const order = requireInt(where, "order", config.order, 0);
  const A = requireInt(where, "alphabetSize", config.alphabetSize, 1);
  const alpha = requireFinite(where, "alpha", config.alpha ?? 0.1, 0);
  if (nGramTableSize(A, order) > 5_000_000) badArgument(where, "order", `small enough that |A|^k·|A| <= 5e6`, order);
  const counts = new Float64Array(nGramTableSize(A, order));
  sequences.forEach((s, i) => {
    for (let t = 0; t < s.length; t++) {
      if (!Number.isInteger(s[t]) || s[t] < 0 || s[t] >= A) badArgument(where, `sequences[${i}][${t}]`, `a symbol in [0, ${A})`, s[t]);
      if (t >= order) counts[contextIndexOf(s, t, order, A) * A + s[t]]++;
    }
  });
  const table = new Float64Array(counts.length);
  for (let c = 0; c < counts.length / A; c++) {
    let n = 0;
    for (let a = 0; a < A; a++) n += counts[c * A + a];
    for (let a = 0; a < A; a++) table[c * A + a] = n + alpha * A > 0 ? (counts[c * A + a] + alpha) / (n + alpha * A) : 1 / A;
  }
  return modelFromTable(table, order, A);
}

/** The true chain as a model (the best achievable scores). */
export function markovChainModel(chain: MarkovChain): NGramModel {
  requireChain("markovChainModel", "chain", chain);
  return modelFromTable(chain.table, chain.order, chain.alphabet.length);
}
