// Hidden tests for notebook 06_proteins_long_range (loaded by the grader only).
module.exports = (rnnlab) => {
  const fraction = (map, s) => {
    let all = 0;
    let far = 0;
    for (let i = 0; i < map.length; i++)
      for (let j = i + 1; j < map.length; j++)
        if (map[i][j]) {
          all++;
          if (j - i > s) far++;
        }
    return all === 0 ? 0 : far / all;
  };
  const band = "Array.from({ length: 12 }, (_, i) => Array.from({ length: 12 }, (_, j) => (Math.abs(i - j) <= 2 || (i + j === 11) ? 1 : 0)))";
  return {
    "06.longRangeFraction": {
      symbol: "longRangeFraction",
      kind: "function",
      reference: fraction,
      cases: [
        { args: `[${band}, 2]`, points: 0.5, label: "a band plus an anti-diagonal, s = 2" },
        { args: `[${band}, 6]`, points: 0.5, label: "s = 6" },
        { args: "[[[1, 1, 1], [1, 1, 1], [1, 1, 1]], 1]", points: 0.5 },
        { args: `[${band}, 0]`, points: 0.5, label: "s = 0: every contact" },
      ],
    },
    // The exact fraction in the notebook's seeded sample06 (not the theoretical 0.5, which the
    // old tolerance of 0.04 accepted typed in, together with the second site's fraction).
    "06.siteAlone": {
      symbol: "pPositiveGivenK",
      kind: "value",
      reference: (() => {
        const sample = rnnlab.generateProteins(4000, { separation: 30 }, new rnnlab.Rng(1));
        const withK = sample.filter((e) => rnnlab.AMINO_ACIDS[e.tokens[e.sites[0]]] === "K");
        return withK.filter((e) => e.label === 1).length / withK.length;
      })(),
      cases: [{ points: 1, rtol: 0, atol: 1e-9 }],
    },
    "06.decay": { symbol: "decay50", kind: "value", reference: 0.9 ** 49, cases: [{ points: 1, rtol: 1e-9 }] },
    "06.memoryTrace": { symbol: "keep24", kind: "value", reference: (1 / (1 + Math.exp(-3))) ** 24, cases: [{ points: 1, rtol: 1e-9 }] },
  };
};
