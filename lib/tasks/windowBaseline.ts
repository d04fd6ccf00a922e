/**
 * A local-window baseline: the best a model can do when it sees only w consecutive symbols.
 *
 * All sequences have the same length L. For every pair of positions (a, b) with
 * 0 ≤ b − a < w (a = b allowed: a single position), a lookup table counts how often each
 * symbol pair (u, v) came with each label (add-α smoothing) and predicts
 *
 *   ŷ(x) = 1  if  count₁(x_a, x_b) + α > count₀(x_a, x_b) + α  (ties → the majority label),
 *
 * i.e. a counting classifier on the contents of a window. The pair with the best training
 * accuracy is kept. Pairs (not single symbols) let it detect an interaction *inside* its
 * window, e.g. the XOR of two charges. When w ≤ separation no window holds both sites of the
 * protein task, every (x_a, x_b) has the same distribution under both labels, and the test
 * accuracy is at chance by construction (tested).
 */
import { RnnlabError, badArgument, requireInt, requirePositive } from "../core/errors";
import { checkOptions } from "../core/options";

/** A trained window classifier. */
export interface WindowClassifier {
  /** Window width w. */
  width: number;
  /** Start of the chosen window (= the first of the two chosen positions). */
  start: number;
  /** The two positions (a, b), b − a < w, whose symbols the table reads. */
  positions: [number, number];
  /** Training accuracy of the chosen window. */
  trainAccuracy: number;
  /** The predicted label of a sequence. */
  predict(tokens: readonly number[]): 0 | 1;
  /** Fraction of examples classified correctly. */
  accuracy(examples: readonly { tokens: number[]; label: 0 | 1 }[]): number;
}

/** Options of `fitWindowClassifier`. */
export interface WindowClassifierOptions {
  /** Number of symbols |A| (default 20, the amino acids). */
  alphabetSize?: number;
  /** Add-α smoothing (default 1; only breaks ties toward the majority label). */
  alpha?: number;
}

/**
 * Fits the pair-lookup window classifier of width `width` on equal-length examples.
 */
export function fitWindowClassifier(
  examples: readonly { tokens: number[]; label: 0 | 1 }[],
  width: number,
  options: WindowClassifierOptions = {},
): WindowClassifier {
  checkOptions("fitWindowClassifier", options, ["alphabetSize", "alpha"]);
  const where = "fitWindowClassifier";
  if (!Array.isArray(examples) || examples.length === 0) badArgument(where, "examples", "a non-empty array", examples);
  const A = requireInt(where, "alphabetSize", options.alphabetSize ?? 20, 1);
  const alpha = requirePositive(where, "alpha", options.alpha ?? 1);
  const L = examples[0].tokens.length;
  examples.forEach((e, i) => {
    if (e.tokens.length !== L) {
      throw new RnnlabError(`${where}: examples[${i}] has length ${e.tokens.length}; all examples must have length ${L}`);
    }
  });
  const w = requireInt(where, "width", width, 1);
  if (w > L) badArgument(where, "width", `at most the sequence length ${L}`, w);
  const A2 = A * A;
  const ny = [0, 0];
  for (const e of examples) ny[e.label]++;
  if (ny[0] === 0 || ny[1] === 0) badArgument(where, "examples", "both labels 0 and 1 present", `labels all ${ny[0] ? 0 : 1}`);
  const majority = ny[1] >= ny[0] ? 1 : 0;
  // For each pair (a, b), b - a < w: counts[y][u*A + v]; keep the pair with the best training accuracy.
  let best = { a: 0, b: 0, acc: -1, table: new Uint8Array(A2) };
  const c0 = new Float64Array(A2);
  const c1 = new Float64Array(A2);
  for (let a = 0; a < L; a++) {
    for (let b = a; b < Math.min(L, a + w); b++) {
      c0.fill(0);
      c1.fill(0);
      for (const e of examples) (e.label ? c1 : c0)[e.tokens[a] * A + e.tokens[b]]++;
      const table = new Uint8Array(A2);
      let correct = 0;
      for (let k = 0; k < A2; k++) {
        table[k] = c1[k] + alpha > c0[k] + alpha ? 1 : c1[k] < c0[k] ? 0 : majority;
        correct += table[k] ? c1[k] : c0[k];
      }
      const acc = correct / examples.length;
      if (acc > best.acc) best = { a, b, acc, table };
    }
  }
  const predict = (tokens: readonly number[]): 0 | 1 => {
    if (tokens.length !== L) badArgument("WindowClassifier.predict", "tokens", `a sequence of length ${L}`, tokens);
    return best.table[tokens[best.a] * A + tokens[best.b]] as 0 | 1;
  };
  return {
    width: w,
    start: best.a,
    positions: [best.a, best.b],
    trainAccuracy: best.acc,
    predict,
    accuracy(test) {
      let c = 0;
      for (const e of test) c += predict(e.tokens) === e.label ? 1 : 0;
      return c / test.length;
    },
  };
}
