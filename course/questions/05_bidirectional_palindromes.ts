/** Questions of notebook 05_bidirectional_palindromes. */
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Reference for 05.isPalindrome: every mirror pair x[i], x[L−1−i] is equal. */
export function isPalReference(x: number[]): boolean {
  for (let i = 0; i < x.length / 2; i++) if (x[i] !== x[x.length - 1 - i]) return false;
  return true;
}

/** Reference for 05.lstmParams: 4 gates × H × (D + H + 2), twice when bidirectional. */
export function lstmParamsReference(D: number, H: number, bidirectional: boolean): number {
  return (bidirectional ? 2 : 1) * 4 * H * (D + H + 2);
}

/** Reference for 05.middle: the steps [t→, t←] where both directions have read ⌈L/2⌉ symbols. */
export function middleStepsReference(L: number): number[] {
  return [Math.ceil(L / 2) - 1, L - Math.ceil(L / 2)];
}

defineFunctionQuestion({
  id: "05.isPalindrome",
  title: "Recognise a palindrome by its mirror pairs",
  name: "isPal",
  points: 1,
  depth: "formula",
  cases: () => [
    { args: [[0, 1, 0]], expected: true },
    { args: [[0, 1, 1, 0]], expected: true },
    { args: [[0, 1, 0, 0]], expected: false },
    { args: [[1]], expected: true },
    { args: [[2, 3, 1, 3, 2]], expected: true },
    { args: [[2, 3, 1, 2, 2]], expected: false },
  ],
  hint: "Compare x[i] with x[L−1−i] for i < L/2.",
});

defineFunctionQuestion({
  id: "05.lstmParams",
  title: "Parameters of an LSTM layer",
  name: "lstmParams",
  points: 2,
  depth: "formula",
  cases: () => [
    { args: [2, 12, false], expected: 4 * 12 * (2 + 12 + 2) },
    { args: [4, 16, false], expected: 4 * 16 * (4 + 16 + 2) },
    { args: [2, 12, true], expected: 2 * 4 * 12 * (2 + 12 + 2) },
    { args: [20, 11, true], expected: 2 * 4 * 11 * (20 + 11 + 2) },
  ],
  hint: "Four gates, each with W_ih (H×D), W_hh (H×H), b_ih and b_hh (H each); a bidirectional layer has two such sets.",
});

defineFunctionQuestion({
  id: "05.middle",
  title: "Where the two directions meet",
  name: "middleSteps",
  points: 2,
  depth: "formula",
  cases: () => [
    { args: [5], expected: [2, 2] },
    { args: [6], expected: [2, 3] },
    { args: [2], expected: [0, 1] },
    { args: [9], expected: [4, 4] },
  ],
  hint: "Forward has read x_0…x_{t→}, reverse x_{L−1}…x_{t←}; both should have read the same number of symbols, ⌈L/2⌉.",
});
