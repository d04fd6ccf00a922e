// Hidden tests for notebook 05_bidirectional_palindromes (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/05_bidirectional_palindromes.js");

module.exports = () => ({
  "05.isPalindrome": {
    symbol: "isPal",
    kind: "function",
    reference: q.isPalReference,
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
    reference: q.lstmParamsReference,
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
    reference: q.middleStepsReference,
    cases: [
      { args: "[7]", points: 0.5 },
      { args: "[10]", points: 0.5 },
      { args: "[1]", points: 0.5, label: "length 1" },
      { args: "[40]", points: 0.5 },
    ],
  },
});
