/** Questions of notebook 20_language_moby_dick (the references are exported for the hidden tests). */
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Mean −log₂ probs[t][targets[t]] over t: bits per character. */
export function bitsPerCharReference(probs: number[][], targets: number[]): number {
  let bits = 0;
  for (let t = 0; t < targets.length; t++) bits -= Math.log2(probs[t][targets[t]]);
  return bits / targets.length;
}

/** Add-α n-gram probability p(a | context) counted over `train` (positions t ≥ order). */
export function nGramProbabilityReference(train: number[], order: number, V: number, alpha: number, context: number[], a: number): number {
  let nCtx = 0;
  let nPair = 0;
  for (let t = order; t < train.length; t++) {
    let same = true;
    for (let j = 0; j < order; j++) {
      if (train[t - order + j] !== context[context.length - order + j]) {
        same = false;
        break;
      }
    }
    if (!same) continue;
    nCtx++;
    if (train[t] === a) nPair++;
  }
  return (nPair + alpha) / (nCtx + alpha * V);
}

/** The token drawn from softmax(logits / T) by inverting the cumulative distribution at u ∈ [0, 1). */
export function temperatureSampleReference(logits: number[], T: number, u: number): number {
  const max = Math.max(...logits);
  const w = logits.map((y) => Math.exp((y - max) / T));
  const s = w.reduce((x, y) => x + y, 0);
  let c = 0;
  for (let i = 0; i < w.length; i++) {
    c += w[i] / s;
    if (u < c) return i;
  }
  return w.length - 1;
}

/** Share of the character n-grams of `text` (positions n−1 …) that already occurred earlier in it. */
export function repeatedShareReference(text: string, n: number): number {
  const seen = new Set<string>();
  let repeated = 0;
  let total = 0;
  for (let i = 0; i + n <= text.length; i++) {
    const g = text.slice(i, i + n);
    if (seen.has(g)) repeated++;
    seen.add(g);
    total++;
  }
  return repeated / total;
}

/** Scheduled sampling over a sequence: x_0 = truth_0; x_t = truth_t if u_t < ε else own_t (t ≥ 1). */
export function feedSequenceReference(truth: number[], own: number[], epsilon: number, u: number[]): number[] {
  return truth.map((v, t) => (t === 0 || u[t] < epsilon ? v : own[t]));
}

defineFunctionQuestion({
  id: "20.bitsPerChar",
  title: "Bits per character of a model's predictions",
  name: "bitsPerChar",
  points: 2,
  depth: "loop",
  cases: () => [
    { args: [[[0.5, 0.5], [0.25, 0.75]], [0, 1]], expected: bitsPerCharReference([[0.5, 0.5], [0.25, 0.75]], [0, 1]) },
    { args: [[[0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25]], [3, 0]], expected: 2, label: "a uniform model over 4 characters (2 bits)" },
    { args: [[[0.1, 0.9], [0.9, 0.1], [0.5, 0.5]], [1, 1, 0]], expected: bitsPerCharReference([[0.1, 0.9], [0.9, 0.1], [0.5, 0.5]], [1, 1, 0]) },
  ],
  rtol: 1e-9,
  pure: true,
  mistakes: [{ value: bitsPerCharReference([[0.5, 0.5], [0.25, 0.75]], [0, 1]) * Math.LN2, message: "That is in nats (natural log): bits use log₂." }],
  hint: "Add −log₂ of the probability each row gives to its target, then divide by the number of targets.",
});

defineFunctionQuestion({
  id: "20.nGramProbability",
  title: "An add-α n-gram count model",
  name: "nGramProbability",
  points: 3,
  depth: "loop",
  cases: () => [
    { args: [[0, 1, 0, 1, 0, 2], 1, 3, 0.5, [0], 1], expected: 2.5 / 4.5, label: "nGramProbability([0,1,0,1,0,2], order 1, V 3, α 0.5, context [0], a = 1)" },
    { args: [[0, 1, 0, 1, 0, 2], 0, 3, 1, [], 0], expected: 4 / 9, label: "order 0: character frequencies" },
    { args: [[0, 1, 0, 1, 0, 2], 1, 3, 0.5, [2], 0], expected: 1 / 3, label: "an unseen context: uniform" },
    { args: [[1, 2, 1, 2, 0, 1, 2, 2], 2, 3, 0.1, [0, 1, 2], 2], expected: nGramProbabilityReference([1, 2, 1, 2, 0, 1, 2, 2], 2, 3, 0.1, [0, 1, 2], 2), label: "order 2: only the last 2 context tokens count" },
  ],
  rtol: 1e-9,
  pure: true,
  hint: "Count the positions t ≥ order whose previous `order` tokens equal the end of the context (n(c)) and, among them, those with train[t] = a (n(c, a)); then (n(c, a) + α) / (n(c) + αV).",
});

defineFunctionQuestion({
  id: "20.temperatureSample",
  title: "Sampling at temperature T",
  name: "temperatureSample",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[0, 0, 0, 0], 1, 0.6], expected: 2, label: "uniform over 4, u = 0.6" },
    { args: [[2, 1, 0], 1, 0.7], expected: temperatureSampleReference([2, 1, 0], 1, 0.7) },
    { args: [[2, 1, 0], 0.25, 0.97], expected: temperatureSampleReference([2, 1, 0], 0.25, 0.97), label: "a low temperature sharpens the distribution" },
    { args: [[2, 1, 0], 10, 0.5], expected: temperatureSampleReference([2, 1, 0], 10, 0.5), label: "a high temperature flattens it" },
    { args: [[1000, 999, 0], 1, 0.5], expected: 0, label: "large logits (subtract the maximum before exp)" },
  ],
  pure: true,
  hint: "p_i = exp((y_i − max y)/T) / Σ_j exp((y_j − max y)/T); return the first i whose cumulative sum p_0 + … + p_i exceeds u.",
});

defineFunctionQuestion({
  id: "20.repeatedShare",
  title: "How repetitive is a sample?",
  name: "repeatedShare",
  points: 2,
  depth: "analysis",
  cases: () => [
    { args: ["abcabc", 3], expected: 0.25, label: 'repeatedShare("abcabc", 3): abc, bca, cab, abc' },
    { args: ["the the the ", 4], expected: repeatedShareReference("the the the ", 4) },
    { args: ["call me ishmael", 2], expected: repeatedShareReference("call me ishmael", 2) },
    { args: ["abcdef", 2], expected: 0, label: "no repeats" },
  ],
  rtol: 1e-9,
  hint: "Slide over every position i with i + n ≤ length; count the n-grams text.slice(i, i + n) already seen (keep a Set) and divide by the number of n-grams.",
});

defineFunctionQuestion({
  id: "20.feedSequence",
  title: "The scheduled-sampling coins over a sequence",
  name: "feedSequence",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[1, 2, 3, 4], [9, 8, 7, 6], 0.5, [0.9, 0.9, 0.1, 0.5]], expected: [1, 8, 3, 6], label: "ε = 0.5, u = [0.9, 0.9, 0.1, 0.5]" },
    { args: [[1, 2, 3], [9, 8, 7], 1, [0.5, 0.99, 0.99]], expected: [1, 2, 3], label: "teacher forcing (ε = 1)" },
    { args: [[1, 2, 3], [9, 8, 7], 0, [0, 0, 0]], expected: [1, 8, 7], label: "free running (ε = 0): the first input is still the truth" },
  ],
  pure: true,
  hint: "Step 0 always gets the truth; for t ≥ 1 feed truth[t] when u[t] < ε and own[t] otherwise.",
});
