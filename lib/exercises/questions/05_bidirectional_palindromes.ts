/** Questions of notebook 05_bidirectional_palindromes. */
import { defineQuestion } from "../registry";
import { expectFunction } from "../expect";

defineQuestion({
  id: "05.isPalindrome",
  title: "Recognise a palindrome by its mirror pairs",
  symbols: ["isPal"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[0, 1, 0]], expected: true },
        { args: [[0, 1, 1, 0]], expected: true },
        { args: [[0, 1, 0, 0]], expected: false },
        { args: [[1]], expected: true },
        { args: [[2, 3, 1, 3, 2]], expected: true },
        { args: [[2, 3, 1, 2, 2]], expected: false },
      ],
      { name: "isPal", hint: "Compare x[i] with x[L−1−i] for i < L/2." },
    ),
});

defineQuestion({
  id: "05.lstmParams",
  title: "Parameters of an LSTM layer",
  symbols: ["lstmParams"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [2, 12, false], expected: 4 * 12 * (2 + 12 + 2) },
        { args: [4, 16, false], expected: 4 * 16 * (4 + 16 + 2) },
        { args: [2, 12, true], expected: 2 * 4 * 12 * (2 + 12 + 2) },
        { args: [20, 11, true], expected: 2 * 4 * 11 * (20 + 11 + 2) },
      ],
      { name: "lstmParams", hint: "Four gates, each with W_ih (H×D), W_hh (H×H), b_ih and b_hh (H each); a bidirectional layer has two such sets." },
    ),
});

defineQuestion({
  id: "05.middle",
  title: "Where the two directions meet",
  symbols: ["middleSteps"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [5], expected: [2, 2] },
        { args: [6], expected: [2, 3] },
        { args: [2], expected: [0, 1] },
        { args: [9], expected: [4, 4] },
      ],
      { name: "middleSteps", hint: "Forward has read x_0…x_{t→}, reverse x_{L−1}…x_{t←}; both should have read the same number of symbols, ⌈L/2⌉." },
    ),
});
