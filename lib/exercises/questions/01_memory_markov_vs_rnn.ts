/** Questions of notebook 01_memory_markov_vs_rnn. */
import { defineQuestion } from "../registry";
import { expectFunction } from "../expect";

defineQuestion({
  id: "01.tableSize",
  title: "Size of an order-k lookup table",
  symbols: ["tableSize"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [4, 1], expected: 16 },
        { args: [4, 3], expected: 256 },
        { args: [2, 10], expected: 2048 },
        { args: [20, 2], expected: 8000 },
        { args: [5, 0], expected: 5 },
      ],
      { name: "tableSize", hint: "One row per context (|A|^k of them), one column per next symbol (|A|)." },
    ),
});

defineQuestion({
  id: "01.addAlpha",
  title: "Add-α smoothing of one table row",
  symbols: ["smoothRow"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[3, 1, 0, 0], 1], expected: [0.5, 0.25, 0.125, 0.125] },
        { args: [[0, 0, 0], 0.5], expected: [1 / 3, 1 / 3, 1 / 3] },
        { args: [[10, 0], 0], expected: [1, 0] },
        { args: [[2, 2, 6], 0.1], expected: [2.1 / 10.3, 2.1 / 10.3, 6.1 / 10.3] },
      ],
      { name: "smoothRow", hint: "P̂(a) = (count(a) + α) / (Σ counts + α·|A|)." },
    ),
});

defineQuestion({
  id: "01.nextSymbol",
  title: "Predict with an order-k table",
  symbols: ["predictNext"],
  points: 2,
  depth: "step",
  test: (answer) => {
    // table over A = 2, order 2: contexts 00, 01, 10, 11 (oldest symbol first)
    const table = [0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.6, 0.4];
    return expectFunction(
      answer,
      [
        { args: [table, 2, 2, [0, 0]], expected: 0 },
        { args: [table, 2, 2, [1, 0, 1]], expected: 1, label: "predictNext(table, 2, 2, [1, 0, 1]) (context = last two symbols 0, 1, row 1)" },
        { args: [table, 2, 2, [1, 1, 0]], expected: 1 },
        { args: [table, 2, 2, [0, 1, 1]], expected: 0 },
      ],
      { name: "predictNext", hint: "The context index is x_{t−k}·|A|^{k−1} + … + x_{t−1} (base |A|, oldest first); return the argmax of that row." },
    );
  },
});
