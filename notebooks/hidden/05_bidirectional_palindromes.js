// Hidden tests for notebook 05_bidirectional_palindromes (loaded by the grader only).
module.exports = () => ({
  "05.isPalindrome": {
    symbol: "isPal",
    kind: "function",
    reference: (x) => {
      for (let i = 0; i < x.length / 2; i++) if (x[i] !== x[x.length - 1 - i]) return false;
      return true;
    },
    cases: [
      { args: "[[3, 1, 4, 1, 3]]", points: 0.25 },
      { args: "[[3, 1, 4, 4, 1, 2]]", points: 0.25, label: "the outer pair differs" },
      { args: "[[5, 5]]", points: 0.25 },
      { args: "[Array.from({ length: 41 }, (_, i) => Math.abs(i - 20) % 4)]", points: 0.25, label: "length 41" },
    ],
  },
  "05.lstmParams": {
    symbol: "lstmParams",
    kind: "function",
    reference: (D, H, bidirectional) => (bidirectional ? 2 : 1) * 4 * H * (D + H + 2),
    cases: [
      { args: "[1, 1, false]", points: 0.5 },
      { args: "[8, 32, false]", points: 0.5 },
      { args: "[8, 32, true]", points: 0.5 },
      { args: "[100, 3, true]", points: 0.5 },
    ],
  },
  "05.middle": {
    symbol: "middleSteps",
    kind: "function",
    reference: (L) => [Math.ceil(L / 2) - 1, L - Math.ceil(L / 2)],
    cases: [
      { args: "[7]", points: 0.5 },
      { args: "[10]", points: 0.5 },
      { args: "[1]", points: 0.5, label: "length 1" },
      { args: "[40]", points: 0.5 },
    ],
  },
});
