// Hidden tests for notebook 01_memory_markov_vs_rnn (loaded by the grader only).
module.exports = () => {
  const smooth = (counts, alpha) => {
    const total = counts.reduce((a, b) => a + b, 0) + alpha * counts.length;
    return counts.map((c) => (c + alpha) / total);
  };
  const predict = (table, A, k, history) => {
    let ctx = 0;
    for (let i = history.length - k; i < history.length; i++) ctx = ctx * A + history[i];
    let best = 0;
    for (let a = 1; a < A; a++) if (table[ctx * A + a] > table[ctx * A + best]) best = a;
    return best;
  };
  // A 3-symbol order-2 table with a unique maximum in every row.
  const table3 = "Array.from({ length: 27 }, (_, i) => ((i * 7) % 11) / 10 + (i % 3) * 0.001)";
  return {
    "01.tableSize": {
      symbol: "tableSize",
      kind: "function",
      reference: (A, k) => A ** (k + 1),
      cases: [
        { args: "[3, 2]", points: 0.25 },
        { args: "[26, 3]", points: 0.25, label: "letters, order 3" },
        { args: "[2, 20]", points: 0.25, label: "binary, order 20" },
        { args: "[1, 5]", points: 0.25, label: "a one-symbol alphabet" },
      ],
    },
    "01.addAlpha": {
      symbol: "smoothRow",
      kind: "function",
      reference: smooth,
      cases: [
        { args: "[[5, 0, 1], 1]", points: 0.5 },
        { args: "[[0, 0, 0, 0, 0], 2]", points: 0.5, label: "an unseen context" },
        { args: "[[4, 4], 0]", points: 0.5, label: "no smoothing" },
        { args: "[[1, 2, 3, 4, 5, 6], 0.01]", points: 0.5 },
      ],
    },
    "01.nextSymbol": {
      symbol: "predictNext",
      kind: "function",
      reference: predict,
      cases: [
        { args: `[${table3}, 3, 2, [2, 1]]`, points: 0.5 },
        { args: `[${table3}, 3, 2, [0, 0, 2, 2]]`, points: 0.5, label: "only the last k symbols matter" },
        { args: `[${table3}, 3, 2, [1, 0]]`, points: 0.5 },
        { args: "[[0.2, 0.5, 0.3, 0.6, 0.1, 0.3, 0.1, 0.1, 0.8], 3, 1, [0, 1, 2]]", points: 0.5, label: "order 1" },
      ],
    },
  };
};
