/** Questions of notebook 04_lstm_and_gru. */
import { CellWeights, GRU, gruStep, LSTM, lstmStep, NestedArray, Rng, StateDict } from "rnnlab";
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Reference for 04.lstmStep: one LSTM step of one sequence, from the library's `lstmStep`. */
export function lstmStepByHandReference(w: CellWeights, x: Float64Array, hPrev: Float64Array, cPrev: Float64Array): { h: Float64Array; c: Float64Array } {
  const r = lstmStep(w, x, hPrev, cPrev);
  return { h: r.h, c: r.c };
}

/** Test cases of 04.lstmStep: PyTorch-initialised LSTMs, one with a forget bias, one with large weights. */
function lstmCases(): { args: unknown[]; expected: { h: Float64Array; c: Float64Array }; label: string }[] {
  return [
    { D: 1, H: 2, seed: 41, scale: 1, forgetBias: 0 },
    { D: 3, H: 4, seed: 42, scale: 1, forgetBias: 2 },
    { D: 2, H: 3, seed: 43, scale: 4, forgetBias: 0 },
  ].map(({ D, H, seed, scale, forgetBias }) => {
    const w = new LSTM({ inputSize: D, hiddenSize: H, forgetBias, rng: new Rng(seed) }).cellWeights();
    for (const a of [w.weightIh, w.weightHh]) for (let i = 0; i < a.length; i++) a[i] *= scale;
    const rng = new Rng(seed + 100);
    const x = rng.normalArray(D);
    const hPrev = rng.uniformArray(H, -0.9, 0.9);
    const cPrev = rng.normalArray(H);
    const what = forgetBias ? `, forget bias ${forgetBias}` : scale > 1 ? ", large weights" : "";
    return { args: [w, x, hPrev, cPrev], expected: lstmStepByHandReference(w, x, hPrev, cPrev), label: `lstmStepByHand (D = ${D}, H = ${H}${what})` };
  });
}

defineFunctionQuestion({
  id: "04.lstmStep",
  title: "One LSTM step from scratch (PyTorch's gates i, f, g, o)",
  name: "lstmStepByHand",
  points: 3,
  depth: "step",
  cases: () => lstmCases(),
  rtol: 1e-9,
  atol: 1e-12,
  pure: true,
  hint:
    "Row r of W_ih is w.weightIh[r*D … r*D + D − 1]; the rows are stacked [i | f | g | o], H each, so gate k of unit j is row k·H + j, in W_ih, W_hh and both biases. " +
    "a = W_ih x + b_ih + W_hh h_prev + b_hh; i, f, o = σ(a), g = tanh(a) of its block; c = f·c_prev + i·g; h = o·tanh(c).",
});

/**
 * The GRU step of one sequence written out, in PyTorch's convention or with one of two classic
 * slips: z and 1 − z swapped, or the reset gate applied to h before the product with W_hn
 * (the variant of Cho et al., 2014). Used to name those slips in 04.gruStep's feedback.
 */
function gruStepVariant(w: CellWeights, x: Float64Array, hPrev: Float64Array, variant: "pytorch" | "swapZ" | "resetFirst"): Float64Array {
  const D = w.inputSize;
  const H = w.hiddenSize;
  const bIh = w.biasIh ?? new Float64Array(3 * H);
  const bHh = w.biasHh ?? new Float64Array(3 * H);
  const row = (m: Float64Array, r: number, v: ArrayLike<number>, n: number): number => {
    let s = 0;
    for (let k = 0; k < n; k++) s += m[r * n + k] * v[k];
    return s;
  };
  const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
  const r = Float64Array.from({ length: H }, (_, j) => sigmoid(row(w.weightIh, j, x, D) + bIh[j] + row(w.weightHh, j, hPrev, H) + bHh[j]));
  const rh = hPrev.map((v, k) => r[k] * v);
  return Float64Array.from({ length: H }, (_, j) => {
    const z = sigmoid(row(w.weightIh, H + j, x, D) + bIh[H + j] + row(w.weightHh, H + j, hPrev, H) + bHh[H + j]);
    const hn = variant === "resetFirst" ? row(w.weightHh, 2 * H + j, rh, H) + bHh[2 * H + j] : r[j] * (row(w.weightHh, 2 * H + j, hPrev, H) + bHh[2 * H + j]);
    const n = Math.tanh(row(w.weightIh, 2 * H + j, x, D) + bIh[2 * H + j] + hn);
    return variant === "swapZ" ? z * n + (1 - z) * hPrev[j] : (1 - z) * n + z * hPrev[j];
  });
}

/** Reference for 04.gruStep: h_t of one GRU step of one sequence, from the library's `gruStep`. */
export function gruStepByHandReference(w: CellWeights, x: Float64Array, hPrev: Float64Array): Float64Array {
  return gruStep(w, x, hPrev).h;
}

defineFunctionQuestion({
  id: "04.gruStep",
  title: "One GRU step from scratch (PyTorch's gates r, z, n)",
  name: "gruStepByHand",
  points: 3,
  depth: "step",
  cases: () => [
    { D: 1, H: 2, seed: 44, scale: 1 },
    { D: 3, H: 4, seed: 45, scale: 2 },
    { D: 2, H: 5, seed: 46, scale: 4 },
  ].map(({ D, H, seed, scale }) => {
    const w = new GRU({ inputSize: D, hiddenSize: H, rng: new Rng(seed) }).cellWeights();
    for (const a of [w.weightIh, w.weightHh, w.biasHh!]) for (let i = 0; i < a.length; i++) a[i] *= scale;
    const rng = new Rng(seed + 100);
    const x = rng.normalArray(D);
    const hPrev = rng.uniformArray(H, -0.9, 0.9);
    return {
      args: [w, x, hPrev],
      expected: gruStepByHandReference(w, x, hPrev),
      label: `gruStepByHand (D = ${D}, H = ${H}${scale > 1 ? `, weights ×${scale}` : ""})`,
      mistakes: [
        { value: Array.from(gruStepVariant(w, x, hPrev, "swapZ")), message: "z and 1 − z are swapped: in PyTorch's GRU z weighs the OLD state, h = (1 − z)·n + z·h_prev." },
        { value: Array.from(gruStepVariant(w, x, hPrev, "resetFirst")), message: "the reset gate multiplies h_prev before the product with W_hn; in PyTorch it multiplies the product plus its bias, r·(W_hn h_prev + b_hn)." },
      ],
    };
  }),
  rtol: 1e-9,
  atol: 1e-12,
  pure: true,
  hint:
    "The rows are stacked [r | z | n], H each (gate k of unit j is row k·H + j of W_ih, W_hh and the biases). r, z = σ(W_ih x + b_ih + W_hh h + b_hh) of their blocks; " +
    "n = tanh(W_in x + b_in + r·(W_hn h + b_hn)); h_new = (1 − z)·n + z·h.",
});

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

defineFunctionQuestion({
  id: "04.forgetPathProduct",
  title: "The gradient along the cell path: a product of forget gates",
  name: "forgetPathProduct",
  points: 2,
  depth: "loop",
  cases: () => forgetCases(),
  rtol: 1e-10,
  atol: 1e-14,
  hint: "f[t][j] is the forget gate of unit j at step t. Start from 1 for every unit and multiply in f[t][j] for every step t; return one number per unit.",
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

defineFunctionQuestion({
  id: "04.gruToRnn",
  title: "A GRU with pinned gates is a vanilla RNN: move the weights over",
  name: "gruToRnnStateDict",
  points: 3,
  depth: "step",
  cases: () => GRU_CASES.map(([D, H, s]) => {
    const sd = new GRU({ inputSize: D, hiddenSize: H, rng: new Rng(s) }).stateDict();
    return {
      args: [JSON.parse(JSON.stringify(sd)) as StateDict],
      expected: gruToRnnStateDictReference(sd) as Record<string, number[] | number[][]>,
      label: `gruToRnnStateDict (GRU with D = ${D}, H = ${H})`,
    };
  }),
  rtol: 0,
  atol: 0,
  hint: "The GRU's rows are stacked [r | z | n], H rows each; with r ≡ 1 and z ≡ 0 only the n rows act. Keep those rows of weight_ih_l0, weight_hh_l0, bias_ih_l0 and bias_hh_l0, under the same names.",
});
