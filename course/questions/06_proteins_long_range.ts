/** Questions of notebook 06_proteins_long_range. */
import { AMINO_ACIDS, generateProteins, labeledBatch, RecurrentClassifier, Rng } from "rnnlab";
import { defineFunctionQuestion, defineQuestion, expectNumber } from "rnnlab/exercises";

/** Reference for 06.longRangeFraction: the share of contacts (i < j) with j − i > s (0 without contacts). */
export function longRangeFractionReference(map: readonly (readonly number[])[], s: number): number {
  let all = 0;
  let far = 0;
  for (let i = 0; i < map.length; i++) {
    for (let j = i + 1; j < map.length; j++) {
      if (!map[i][j]) continue;
      all++;
      if (j - i > s) far++;
    }
  }
  return all === 0 ? 0 : far / all;
}

defineFunctionQuestion({
  id: "06.longRangeFraction",
  title: "Fraction of long-range contacts",
  name: "longRangeFraction",
  points: 2,
  depth: "step",
  cases: () => {
    const map = [
      [1, 1, 0, 1, 0],
      [1, 1, 1, 0, 0],
      [0, 1, 1, 1, 1],
      [1, 0, 1, 1, 1],
      [0, 0, 1, 1, 1],
    ];
    // contacts i<j: (0,1) (0,3) (1,2) (2,3) (2,4) (3,4): separations 1,3,1,1,2,1
    return [
      { args: [map, 0], expected: longRangeFractionReference(map, 0) },
      { args: [map, 1], expected: longRangeFractionReference(map, 1) },
      { args: [map, 2], expected: longRangeFractionReference(map, 2) },
      { args: [map, 3], expected: longRangeFractionReference(map, 3) },
    ];
  },
  hint: "Count pairs i < j with map[i][j] = 1; among them, the share with j − i > s.",
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

/** Reference for 06.siteAlone: P(label = 1 | first site = K) in the notebook's sample06. */
export function siteAloneReference(): number {
  return kFractions()(0);
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

/**
 * Reference for 06.firstSiteInfluence: how much the last state of a fresh recurrent layer
 * (16 units, `new Rng(13)`) still depends on the first residue after `s` more residues:
 * Σ_j |h_T(K, tail)_j − h_T(D, tail)_j| for each separation s, where the tail is the first s
 * of 64 fixed random residues (`new Rng(12)`). `gateBias` is the GRU's update-gate bias (0: none).
 */
export function firstSiteInfluenceReference(cell: "rnn" | "gru", gateBias: number, separations: number[]): number[] {
  const layer = new RecurrentClassifier({ cell, inputSize: 20, hiddenSize: 16, rng: new Rng(13), ...(gateBias ? { forgetBias: gateBias } : {}) }).recurrent;
  const tailRng = new Rng(12);
  const tail = Array.from({ length: 64 }, () => tailRng.int(0, 20));
  const K = AMINO_ACIDS.indexOf("K");
  const D = AMINO_ACIDS.indexOf("D");
  return separations.map((s) => {
    const pair = labeledBatch([{ tokens: [K, ...tail.slice(0, s)], label: 0 }, { tokens: [D, ...tail.slice(0, s)], label: 1 }], 20);
    const out = layer.forward(pair.batch).output;
    const last = (pair.batch.T - 1) * 2 * 16;
    let d = 0;
    for (let j = 0; j < 16; j++) d += Math.abs(out[last + j] - out[last + 16 + j]);
    return d;
  });
}

defineFunctionQuestion({
  id: "06.firstSiteInfluence",
  title: "Measure how fast the first residue fades from a recurrent state",
  name: "firstSiteInfluence",
  points: 2,
  depth: "analysis",
  cases: () => [
    { cell: "rnn" as const, bias: 0, seps: [0, 1, 4, 8, 16] },
    { cell: "gru" as const, bias: 0, seps: [2, 12, 24] },
    { cell: "gru" as const, bias: 3, seps: [24, 48, 63] },
  ].map(({ cell, bias, seps }) => ({
    args: [cell, bias, seps],
    expected: firstSiteInfluenceReference(cell, bias, seps),
    label: `firstSiteInfluence("${cell}", ${bias}, [${seps.join(", ")}])${seps[0] === 0 ? " (separation 0: the first residue is the last one read)" : ""}`,
  })),
  rtol: 1e-9,
  atol: 1e-15,
  pure: true,
  hint:
    "For each s: the two proteins are [K, ...tail.slice(0, s)] and [D, ...tail.slice(0, s)] (labeledBatch of both, alphabet 20); run layer.forward on that batch; " +
    "the last step's states are output[(T − 1)·2·16 …] (sequence 0, then sequence 1, 16 units each); add up |difference| over the 16 units.",
});

/** Reference for 06.memoryTrace: σ(3)^24, the share a gate with bias 3 keeps over 24 steps. */
export const memoryTraceReference = (1 / (1 + Math.exp(-3))) ** 24;

defineQuestion({
  id: "06.memoryTrace",
  title: "How much of the first residue a gate with bias 3 keeps",
  symbols: ["keep24"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectNumber(answer, memoryTraceReference, {
      rtol: 1e-9,
      name: "keep24",
      hint: "A gate with bias b keeps σ(b) = 1 / (1 + e^(−b)) of the state per step; over 24 steps the shares multiply.",
    }),
});
