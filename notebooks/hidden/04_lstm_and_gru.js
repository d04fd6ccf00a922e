// Hidden tests for notebook 04_lstm_and_gru (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. Ids, symbols and points match
// lib/exercises/questions/04_lstm_and_gru.ts.
module.exports = () => ({
  "04.forgetPathProduct": {
    symbol: "forgetPathProduct",
    kind: "function",
    reference: (f) => {
      const out = new Array(f[0].length).fill(1);
      for (const row of f) for (let j = 0; j < row.length; j++) out[j] *= row[j];
      return out;
    },
    cases: [
      { args: "[Array.from({ length: 49 }, () => [0.99])]", points: 0.5, label: "one unit, f = 0.99 for 49 steps" },
      { args: "[Array.from({ length: 99 }, () => [0.9, 0.99, 1])]", points: 0.5, label: "three units, 99 steps", rtol: 1e-9, atol: 1e-15 },
      { args: "[Array.from({ length: 30 }, (_, t) => [...new Rng(40 + t).uniformArray(6, 0.5, 1)])]", points: 0.5, label: "six units, random gates", rtol: 1e-9, atol: 1e-15 },
      { args: "[[[0.25, 0.5]]]", points: 0.5, label: "a single step" },
    ],
  },
  "04.gruToRnn": {
    symbol: "gruToRnnStateDict",
    kind: "function",
    reference: (sd) => {
      const H = sd.bias_ih_l0.length / 3;
      const take = (name) => sd[name].slice(2 * H, 3 * H);
      return { weight_ih_l0: take("weight_ih_l0"), weight_hh_l0: take("weight_hh_l0"), bias_ih_l0: take("bias_ih_l0"), bias_hh_l0: take("bias_hh_l0") };
    },
    cases: [
      { args: "[new GRU({ inputSize: 2, hiddenSize: 3, rng: new Rng(5) }).stateDict()]", points: 1, label: "GRU(D = 2, H = 3)" },
      { args: "[new GRU({ inputSize: 1, hiddenSize: 1, rng: new Rng(6) }).stateDict()]", points: 1, label: "GRU(D = 1, H = 1)" },
      { args: "[new GRU({ inputSize: 4, hiddenSize: 6, rng: new Rng(7) }).stateDict()]", points: 1, label: "GRU(D = 4, H = 6)" },
    ],
  },
});
