/** Questions of notebook 06_proteins_long_range. */
import { Rng } from "../../core/random";
import { AMINO_ACIDS, generateProteins } from "../../tasks/proteins";
import { defineQuestion } from "../registry";
import { expectFunction, expectNumber } from "../expect";

defineQuestion({
  id: "06.longRangeFraction",
  title: "Fraction of long-range contacts",
  symbols: ["longRangeFraction"],
  points: 2,
  depth: "step",
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

/** P(label = 1 | site = K) in the notebook's sample06, for the first and the second site (computed once). */
let kFractionCache: [number, number] | null = null;
function kFractions(): (site: 0 | 1) => number {
  if (!kFractionCache) {
    const sample = generateProteins(4000, { separation: 30 }, new Rng(1));
    const at = (site: 0 | 1): number => {
      const withK = sample.filter((e) => AMINO_ACIDS[e.tokens[e.sites[site]]] === "K");
      return withK.filter((e) => e.label === 1).length / withK.length;
    };
    kFractionCache = [at(0), at(1)];
  }
  const f = kFractionCache;
  return (site) => f[site];
}

defineQuestion({
  id: "06.siteAlone",
  title: "One site alone says nothing",
  symbols: ["pPositiveGivenK"],
  points: 1,
  depth: "analysis",
  test: (answer) => {
    // The exact fraction in the notebook's sample06 (the generator is seeded): a typed-in 0.5,
    // or the second site's fraction, is a different number and is named as such.
    const fractionAt = kFractions();
    return expectNumber(answer, fractionAt(0), {
      atol: 1e-9,
      rtol: 0,
      name: "P(label = 1 | site₁ = K)",
      hint: "Among the proteins of sample06 whose first site (e.sites[0]) holds lysine (K), count those with label 1 and divide by their number.",
      mistakes: [
        { value: fractionAt(1), message: "that is the fraction for the second site (e.sites[1]); the exercise asks about the first site." },
        { value: 0.5, message: "0.5 is what the theory says on average; compute the fraction in the actual sample06 from its labels (a finite sample is not exactly 0.5)." },
      ],
    });
  },
});

defineQuestion({
  id: "06.decay",
  title: "A gradient multiplied by 0.9 per step",
  symbols: ["decay50"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectNumber(answer, 0.9 ** 49, {
      rtol: 1e-9,
      name: "decay50",
      hint: "Count the multiplications between step 50 and step 1: one per transition, not one per step.",
      mistakes: [{ value: 0.9 ** 50, message: "that is 50 factors of 0.9; from step 50 back to step 1 there are 49 transitions." }],
    }),
});

defineQuestion({
  id: "06.memoryTrace",
  title: "How much of the first residue a gate with bias 3 keeps",
  symbols: ["keep24"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectNumber(answer, (1 / (1 + Math.exp(-3))) ** 24, {
      rtol: 1e-9,
      name: "keep24",
      hint: "A gate with bias b keeps σ(b) = 1 / (1 + e^(−b)) of the state per step; over 24 steps the shares multiply.",
    }),
});
