/**
 * Character n-gram (order-k Markov) language models, stored sparsely so that orders of 5
 * and more fit on a book-sized text (a dense table has V^(k+1) entries).
 *
 *   add-α:         p(a | c) = (n(c, a) + α) / (n(c) + α V)
 *   interpolated:  p_k(a | c) = (n(c, a) + β p_{k−1}(a | c′)) / (n(c) + β),   p_{−1}(a) = 1/V
 *
 * where c is the previous k characters, c′ its last k − 1, n(c, a) the count of c followed
 * by a in the training tokens and n(c) = Σ_a n(c, a). Add-α gives an unseen context the
 * uniform distribution; the interpolated model (a Dirichlet prior centred on the order
 * k − 1 model, as in PPM and hierarchical n-gram models) falls back on shorter contexts.
 */
import { RnnlabError, badArgument, requireFinite, requireInt, requireOneOf, requirePositive } from "../core/errors";
import { requireOptions } from "../core/options";

/** Configuration of `fitCharNGram`. */
export interface CharNGramConfig {
  /** Context length k ≥ 0 (order 0 = character frequencies). */
  order: number;
  /** Vocabulary size V (tokens are 0..V−1). */
  vocabularySize: number;
  /** "add-alpha" (default) or "interpolated". */
  smoothing?: "add-alpha" | "interpolated";
  /** α of add-α (default 0.1, ≥ 0) or β of the interpolated model (default 1, > 0). */
  alpha?: number;
}

/** Scores of a model on a token sequence. */
export interface LanguageModelScore {
  /** Mean −log₂ p of the scored characters (bits per character). */
  bitsPerChar: number;
  /** 2^bitsPerChar: the effective number of equally likely next characters. */
  perplexity: number;
  /** Characters scored. */
  count: number;
}

/** A fitted character n-gram model. */
export interface CharNGramModel {
  readonly order: number;
  readonly vocabularySize: number;
  readonly smoothing: "add-alpha" | "interpolated";
  readonly alpha: number;
  /** Distinct contexts seen in training (at the model's order). */
  readonly contexts: number;
  /** p(· | the k tokens before position t of `tokens`), t ≥ order: a probability vector of length V. */
  probabilities(tokens: ArrayLike<number>, t: number): Float64Array;
  /** Bits per character on positions t = from … tokens.length − 1 (default from = order). */
  score(tokens: ArrayLike<number>, from?: number): LanguageModelScore;
}

/** Context id of the k tokens before position t (base-V number; exact up to V^k < 2^53). */
function contextId(tokens: ArrayLike<number>, t: number, k: number, V: number): number {
  let id = 0;
  for (let j = t - k; j < t; j++) id = id * V + tokens[j];
  return id;
}

/** Fits a character n-gram model to the training tokens. */
export function fitCharNGram(tokens: ArrayLike<number>, config: CharNGramConfig): CharNGramModel {
  const where = "fitCharNGram";
  requireOptions(where, config, ["order", "vocabularySize", "smoothing", "alpha"], { name: "config", expected: "{ order, vocabularySize, smoothing?, alpha? }" });
  const k = requireInt(where, "config.order", config.order, 0);
  const V = requireInt(where, "config.vocabularySize", config.vocabularySize, 2);
  const smoothing = requireOneOf(where, "config.smoothing", config.smoothing ?? "add-alpha", ["add-alpha", "interpolated"] as const);
  const alpha = smoothing === "add-alpha" ? requireFinite(where, "config.alpha", config.alpha ?? 0.1, 0) : requirePositive(where, "config.alpha", config.alpha ?? 1);
  if (V ** (k + 1) >= 2 ** 53) badArgument(where, "config.order", `small enough that V^(k+1) < 2^53 (V = ${V})`, k);
  if (!tokens || typeof tokens.length !== "number" || tokens.length <= k) badArgument(where, "tokens", `a token sequence longer than the order ${k}`, tokens);
  for (let t = 0; t < tokens.length; t++) {
    const a = tokens[t];
    if (!Number.isInteger(a) || a < 0 || a >= V) badArgument(where, `tokens[${t}]`, `a token in 0..${V - 1}`, a);
  }
  // counts at every order 0..k (the interpolated model needs the shorter ones)
  const orders = smoothing === "interpolated" ? Array.from({ length: k + 1 }, (_, j) => j) : [k];
  const pair = new Map<number, Map<number, number>>(); // order → (context·V + a) → n(c, a)
  const total = new Map<number, Map<number, number>>(); // order → context → n(c)
  for (const j of orders) {
    const pj = new Map<number, number>();
    const tj = new Map<number, number>();
    for (let t = k; t < tokens.length; t++) {
      const c = contextId(tokens, t, j, V);
      const key = c * V + tokens[t];
      pj.set(key, (pj.get(key) ?? 0) + 1);
      tj.set(c, (tj.get(c) ?? 0) + 1);
    }
    pair.set(j, pj);
    total.set(j, tj);
  }

  const probabilities = (seq: ArrayLike<number>, t: number): Float64Array => {
    if (!Number.isInteger(t) || t < k || t > seq.length) badArgument("CharNGramModel.probabilities", "t", `a position ${k}..${seq.length}`, t);
    const p = new Float64Array(V);
    if (smoothing === "add-alpha") {
      const c = contextId(seq, t, k, V);
      const n = total.get(k)!.get(c) ?? 0;
      const pk = pair.get(k)!;
      if (n + alpha * V === 0) {
        p.fill(1 / V);
        return p;
      }
      for (let a = 0; a < V; a++) p[a] = ((pk.get(c * V + a) ?? 0) + alpha) / (n + alpha * V);
      return p;
    }
    p.fill(1 / V);
    for (let j = 0; j <= k; j++) {
      const c = contextId(seq, t, j, V);
      const n = total.get(j)!.get(c) ?? 0;
      if (n === 0) continue; // an unseen context: p_j = p_{j−1}
      const pj = pair.get(j)!;
      for (let a = 0; a < V; a++) p[a] = ((pj.get(c * V + a) ?? 0) + alpha * p[a]) / (n + alpha);
    }
    return p;
  };

  /** p(a | context at t), the same value as probabilities(seq, t)[a] without the other V − 1 entries. */
  const probabilityOf = (seq: ArrayLike<number>, t: number, a: number): number => {
    if (smoothing === "add-alpha") {
      const c = contextId(seq, t, k, V);
      const n = total.get(k)!.get(c) ?? 0;
      return n + alpha * V === 0 ? 1 / V : ((pair.get(k)!.get(c * V + a) ?? 0) + alpha) / (n + alpha * V);
    }
    let pa = 1 / V;
    for (let j = 0; j <= k; j++) {
      const c = contextId(seq, t, j, V);
      const n = total.get(j)!.get(c) ?? 0;
      if (n > 0) pa = ((pair.get(j)!.get(c * V + a) ?? 0) + alpha * pa) / (n + alpha);
    }
    return pa;
  };

  return {
    order: k,
    vocabularySize: V,
    smoothing,
    alpha,
    contexts: total.get(k)!.size,
    probabilities,
    score(seq, from = k) {
      const w = "CharNGramModel.score";
      const f = requireInt(w, "from", from, k);
      if (!seq || seq.length <= f) badArgument(w, "tokens", `a sequence longer than from = ${f}`, seq);
      let bits = 0;
      for (let t = f; t < seq.length; t++) {
        const a = seq[t];
        if (!Number.isInteger(a) || a < 0 || a >= V) badArgument(w, `tokens[${t}]`, `a token in 0..${V - 1}`, a);
        const pa = probabilityOf(seq, t, a);
        if (!(pa > 0)) throw new RnnlabError(`${w}: tokens[${t}] has probability ${pa} (add-α with α = 0 gives unseen characters probability 0; use α > 0)`);
        bits -= Math.log2(pa);
      }
      const count = seq.length - f;
      return { bitsPerChar: bits / count, perplexity: 2 ** (bits / count), count };
    },
  };
}
