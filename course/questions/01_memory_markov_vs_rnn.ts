/** Questions of notebook 01_memory_markov_vs_rnn. */
import { fitNGram, Rng } from "rnnlab";
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Reference for 01.tableSize: |A|^k rows of |A| entries. */
export function tableSizeReference(A: number, k: number): number {
  return A ** (k + 1);
}

/** Reference for 01.nextSymbol: the argmax of the row of the last k symbols (base |A|, oldest first). */
export function predictNextReference(table: number[], A: number, k: number, history: number[]): number {
  let ctx = 0;
  for (let i = history.length - k; i < history.length; i++) ctx = ctx * A + history[i];
  let best = 0;
  for (let a = 1; a < A; a++) if (table[ctx * A + a] > table[ctx * A + best]) best = a;
  return best;
}

defineFunctionQuestion({
  id: "01.tableSize",
  title: "Size of an order-k lookup table",
  name: "tableSize",
  points: 1,
  depth: "formula",
  cases: () => [
    { args: [4, 1], expected: 16 },
    { args: [4, 3], expected: 256 },
    { args: [2, 10], expected: 2048 },
    { args: [20, 2], expected: 8000 },
    { args: [5, 0], expected: 5 },
  ],
  hint: "One row per context (|A|^k of them), one column per next symbol (|A|).",
});

/**
 * Reference for 01.addAlpha: an order-k table fitted to sequences by counting "context c followed by a"
 * at every position t ≥ k, each row smoothed with add-α, flat (row c at c·|A|): the library's `fitNGram`.
 */
export function fitTableReference(sequences: number[][], A: number, k: number, alpha: number): number[] {
  return Array.from(fitNGram(sequences, { order: k, alphabetSize: A, alpha }).table);
}

defineFunctionQuestion({
  id: "01.addAlpha",
  title: "Fit an order-k table by counting, with add-α smoothing",
  name: "fitTable",
  points: 3,
  depth: "loop",
  cases: () => {
    const rng = new Rng(101);
    const cases: [number[][], number, number, number][] = [
      [[[0, 1, 0, 0, 1]], 2, 1, 1],
      [[[0, 1, 2, 0], [2, 2, 1]], 3, 1, 0.5],
      [[[0, 1, 1, 0, 1, 1, 0]], 2, 2, 0.1],
      [Array.from({ length: 5 }, () => Array.from({ length: 30 }, () => rng.int(0, 3))), 3, 2, 0.2],
    ];
    return cases.map((args, n) => ({
      args,
      expected: fitTableReference(...args),
      label: `fitTable(${args[0].length} sequence${args[0].length > 1 ? "s" : ""}, |A| = ${args[1]}, k = ${args[2]}, α = ${args[3]})${n === 2 ? " (order 2: the first two symbols have no full context)" : ""}`,
    }));
  },
  rtol: 1e-9,
  atol: 1e-12,
  pure: true,
  hint:
    "Counts n(c, a) in an array of |A|^k·|A| zeros: for every sequence and every t ≥ k, c = x_{t−k}·|A|^{k−1} + … + x_{t−1} (oldest first), add 1 at c·|A| + x_t. " +
    "Then each row: (n(c, a) + α) / (n(c) + α·|A|).",
});

defineFunctionQuestion({
  id: "01.nextSymbol",
  title: "Predict with an order-k table",
  name: "predictNext",
  points: 2,
  depth: "step",
  cases: () => {
    // table over A = 2, order 2: contexts 00, 01, 10, 11 (oldest symbol first)
    const table = [0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.6, 0.4];
    return [
      { args: [table, 2, 2, [0, 0]], expected: 0 },
      { args: [table, 2, 2, [1, 0, 1]], expected: 1, label: "predictNext(table, 2, 2, [1, 0, 1]) (context = last two symbols 0, 1, row 1)" },
      { args: [table, 2, 2, [1, 1, 0]], expected: 1 },
      { args: [table, 2, 2, [0, 1, 1]], expected: 0 },
    ];
  },
  hint: "The context index is x_{t−k}·|A|^{k−1} + … + x_{t−1} (base |A|, oldest first); return the argmax of that row.",
});
