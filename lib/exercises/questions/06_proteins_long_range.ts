/** Questions of notebook 06_proteins_long_range. */
import { defineQuestion } from "../registry";
import { expectFunction, expectNumber } from "../expect";

defineQuestion({
  id: "06.longRangeFraction",
  title: "Fraction of long-range contacts",
  symbols: ["longRangeFraction"],
  points: 2,
  test: (answer) => {
    const map = [
      [1, 1, 0, 1, 0],
      [1, 1, 1, 0, 0],
      [0, 1, 1, 1, 1],
      [1, 0, 1, 1, 1],
      [0, 0, 1, 1, 1],
    ];
    // contacts i<j: (0,1) (0,3) (1,2) (2,3) (2,4) (3,4): separations 1,3,1,1,2,1
    return expectFunction(
      answer,
      [
        { args: [map, 0], expected: 1 },
        { args: [map, 1], expected: 2 / 6 },
        { args: [map, 2], expected: 1 / 6 },
        { args: [map, 3], expected: 0 },
      ],
      { name: "longRangeFraction", hint: "Count pairs i < j with map[i][j] = 1; among them, the share with j − i > s." },
    );
  },
});

defineQuestion({
  id: "06.siteAlone",
  title: "One site alone says nothing",
  symbols: ["pPositiveGivenK"],
  points: 1,
  test: (answer) =>
    expectNumber(answer, 0.5, {
      atol: 0.04,
      rtol: 0,
      name: "P(label = 1 | site₁ = K)",
      hint: "Among the generated proteins whose first site is lysine (K), what fraction has label 1? Use the `sites` field.",
    }),
});

defineQuestion({
  id: "06.decay",
  title: "A gradient multiplied by 0.9 per step",
  symbols: ["decay50"],
  points: 1,
  test: (answer) => expectNumber(answer, 0.9 ** 49, { rtol: 1e-9, name: "decay50", hint: "From step 50 back to step 1 the gradient is multiplied 49 times." }),
});

defineQuestion({
  id: "06.memoryTrace",
  title: "How much of the first residue a gate with bias 3 keeps",
  symbols: ["keep24"],
  points: 1,
  test: (answer) =>
    expectNumber(answer, (1 / (1 + Math.exp(-3))) ** 24, {
      rtol: 1e-9,
      name: "keep24",
      hint: "A gate with bias b keeps σ(b) = 1 / (1 + e^(−b)) of the state per step; over 24 steps the shares multiply.",
    }),
});
