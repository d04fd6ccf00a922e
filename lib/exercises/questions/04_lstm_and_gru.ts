/** Questions of notebook 04_lstm_and_gru. */
import { Rng } from "../../core/random";
import { StateDict } from "../../core/parameter";
import { NestedArray } from "../../core/tensor";
import { GRU } from "../../nn/recurrentLayer";
import { defineQuestion } from "../registry";
import { CheckResult, expectFunction, fail } from "../expect";

/**
 * Reference for 04.forgetPathProduct: ∏_t f[t][j] for every unit j — the factor by which
 * the gradient on the cell state is scaled along the cell path alone (∂c_T/∂c_0 through
 * c only is diag(f_T ⊙ … ⊙ f_1)).
 */
export function forgetPathProductReference(f: readonly (readonly number[])[]): number[] {
  const H = f[0].length;
  const out = new Array<number>(H).fill(1);
  for (const row of f) for (let j = 0; j < H; j++) out[j] *= row[j];
  return out;
}

function forgetCases(): { args: unknown[]; expected: number[] }[] {
  const rng = new Rng(404);
  const raw: number[][][] = [
    Array.from({ length: 49 }, () => [0.99]),
    Array.from({ length: 3 }, (_, t) => [0.5, 0.9, 1 - 0.1 * t]),
    Array.from({ length: 20 }, () => Array.from(rng.uniformArray(4, 0.7, 1))),
  ];
  return raw.map((f) => ({ args: [f], expected: forgetPathProductReference(f) }));
}

defineQuestion({
  id: "04.forgetPathProduct",
  title: "The gradient along the cell path: a product of forget gates",
  symbols: ["forgetPathProduct"],
  points: 2,
  depth: "loop",
  test: (answer): CheckResult => {
    if (typeof answer !== "function") return fail(`forgetPathProduct should be a function, but it is ${typeof answer}.`);
    return expectFunction(answer, forgetCases(), {
      name: "forgetPathProduct",
      rtol: 1e-10,
      atol: 1e-14,
      hint: "f[t][j] is the forget gate of unit j at step t. Start from 1 for every unit and multiply in f[t][j] for every step t; return one number per unit.",
    });
  },
});

/**
 * Reference for 04.gruToRnn: the RNN state dict holding the n-block (rows 2H … 3H−1) of a
 * one-layer GRU's weights and biases. With r ≡ 1 and z ≡ 0 the GRU computes
 * h_t = tanh(W_in x_t + b_in + W_hn h_{t−1} + b_hn): an RNN with these weights.
 */
export function gruToRnnStateDictReference(gru: StateDict): StateDict {
  const H = (gru.bias_ih_l0 as NestedArray[]).length / 3;
  const block = (name: string): NestedArray => (gru[name] as NestedArray[]).slice(2 * H, 3 * H) as NestedArray;
  return {
    weight_ih_l0: block("weight_ih_l0"),
    weight_hh_l0: block("weight_hh_l0"),
    bias_ih_l0: block("bias_ih_l0"),
    bias_hh_l0: block("bias_hh_l0"),
  };
}

const GRU_CASES: [number, number, number][] = [
  [1, 2, 1],
  [3, 4, 2],
  [2, 5, 3],
];

defineQuestion({
  id: "04.gruToRnn",
  title: "A GRU with pinned gates is a vanilla RNN: move the weights over",
  symbols: ["gruToRnnStateDict"],
  points: 3,
  depth: "step",
  test: (answer): CheckResult =>
    expectFunction(
      answer,
      GRU_CASES.map(([D, H, s]) => {
        const sd = new GRU({ inputSize: D, hiddenSize: H, rng: new Rng(s) }).stateDict();
        return {
          args: [JSON.parse(JSON.stringify(sd)) as StateDict],
          expected: gruToRnnStateDictReference(sd) as Record<string, number[] | number[][]>,
          label: `gruToRnnStateDict (GRU with D = ${D}, H = ${H})`,
        };
      }),
      {
        name: "gruToRnnStateDict",
        rtol: 0,
        atol: 0,
        hint: "The GRU's rows are stacked [r | z | n], H rows each; with r ≡ 1 and z ≡ 0 only the n rows act. Keep those rows of weight_ih_l0, weight_hh_l0, bias_ih_l0 and bias_hh_l0, under the same names.",
      },
    ),
});
