/** Questions of notebook 03_vanishing_and_exploding_gradients. */
import { clipGradNorm, createParameter, Rng } from "rnnlab";
import { defineFunctionQuestion, defineQuestion, expectNumber } from "rnnlab/exercises";

/** Reference for 03.decay50: 0.9 per transition over the 49 transitions of a 50-step sequence. */
export const decay50Reference = 0.9 ** 49;

defineQuestion({
  id: "03.decay50",
  title: "The arithmetic of decay: a factor 0.9 per step over a 50-step sequence",
  symbols: ["decay50"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectNumber(answer, decay50Reference, {
      name: "decay50",
      rtol: 1e-12,
      atol: 0,
      hint: "Count the transitions between step 50 and step 1 (not the steps): each one multiplies the gradient by 0.9.",
      mistakes: [{ value: 0.9 ** 50, message: "that is 50 factors of 0.9; between the last of 50 steps and the first there are only 49 transitions." }],
    }),
});

/**
 * Reference for 03.clipByGlobalNorm: the gradients after `torch.nn.utils.clip_grad_norm_`
 * (computed with the library's `clipGradNorm` on parameters holding `grads`).
 */
export function clipByGlobalNormReference(grads: readonly (readonly number[])[], maxNorm: number): number[][] {
  const params = grads.map((g, k) => {
    const p = createParameter(`g${k}`, [g.length]);
    p.grad.set(g);
    return p;
  });
  clipGradNorm(params, maxNorm);
  return params.map((p) => Array.from(p.grad));
}

/** Test cases of 03.clipByGlobalNorm (shared with the hidden tests' idea: big, small, many tensors). */
function clipCases(): { args: unknown[]; expected: number[][] }[] {
  const rng = new Rng(303);
  const raw: [number[][], number][] = [
    [[[3, 4]], 1],
    [[[0.3, -0.4], [0.1]], 1],
    [[Array.from(rng.normalArray(5)), Array.from(rng.normalArray(3)).map((v) => 100 * v)], 5],
    [[[1e6, -2e6], [0, 3e6, 0]], 0.5],
  ];
  return raw.map(([g, m]) => ({ args: [g, m], expected: clipByGlobalNormReference(g, m) }));
}

defineFunctionQuestion({
  id: "03.clipByGlobalNorm",
  title: "Gradient clipping by global norm",
  name: "clipByGlobalNorm",
  points: 2,
  depth: "step",
  cases: () => clipCases().map((c) => {
    const [grads, maxNorm] = c.args as [number[][], number];
    return { ...c, label: `clipByGlobalNorm(${grads.length} tensors of sizes ${grads.map((g) => g.length).join(", ")}, maxNorm = ${maxNorm})` };
  }),
  rtol: 1e-6,
  atol: 1e-12,
  pure: true,
  hint:
    "Total norm N = sqrt(sum over all tensors and entries of g²); scale = maxNorm / (N + 1e-6); " +
    "if scale < 1 multiply every entry of every tensor by scale, otherwise return them unchanged. Return new arrays.",
});

/**
 * Reference for 03.linearGradNorms: ‖(Wᵀ)^s g‖ for s = 0 … steps — the norm of the gradient
 * s steps before the loss in a linear RNN h_t = W h_{t−1} + U x_t.
 */
export function linearGradNormsReference(W: readonly (readonly number[])[], g: readonly number[], steps: number): number[] {
  const n = g.length;
  let v = Array.from(g);
  const out = [Math.hypot(...v)];
  for (let s = 1; s <= steps; s++) {
    const next = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) next[j] += W[i][j] * v[i]; // (Wᵀ v)_j = Σ_i W_ij v_i
    v = next;
    out.push(Math.hypot(...v));
  }
  return out;
}

function linearCases(): { args: unknown[]; expected: number[] }[] {
  const rng = new Rng(304);
  const mat = (n: number, scale: number): number[][] => Array.from({ length: n }, () => Array.from(rng.normalArray(n)).map((v) => (scale * v) / Math.sqrt(n)));
  const raw: [number[][], number[], number][] = [
    [[[0.9]], [1], 5],
    [[[0.5, 2], [0, 0.5]], [1, 0], 4], // non-symmetric: Wᵀ, not W
    [mat(4, 1.3), Array.from(rng.normalArray(4)), 10],
  ];
  return raw.map(([W, g, s]) => ({ args: [W, g, s], expected: linearGradNormsReference(W, g, s) }));
}

defineFunctionQuestion({
  id: "03.linearGradNorms",
  title: "Backpropagation through a linear RNN",
  name: "linearGradNorms",
  points: 2,
  depth: "loop",
  cases: () => linearCases(),
  rtol: 1e-9,
  atol: 1e-12,
  hint: "Start with v = g and record ‖v‖; then, steps times, replace v by Wᵀ v ((Wᵀv)_j = Σ_i W[i][j] v[i]) and record ‖v‖. The result has steps + 1 entries.",
});
