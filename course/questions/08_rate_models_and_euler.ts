/** Questions of notebook 08_rate_models_and_euler. */
import { Rng } from "rnnlab";
import { defineFunctionQuestion, defineQuestion, expectNumber } from "rnnlab/exercises";

/**
 * Reference for 08.leakyStep: one forward-Euler step of a rate network,
 * h_new[i] = (1 − α)·h[i] + α·tanh(Σ_j W[i][j]·h[j] + input[i]) (input = U x + b).
 */
export function leakyStepReference(w: number[][], h: number[], input: number[], alpha: number): number[] {
  return h.map((hi, i) => {
    let drive = input[i];
    for (let j = 0; j < h.length; j++) drive += w[i][j] * h[j];
    return (1 - alpha) * hi + alpha * Math.tanh(drive);
  });
}

defineFunctionQuestion({
  id: "08.leakyStep",
  title: "One forward-Euler step of a rate network (the leaky average)",
  name: "leakyStep",
  points: 2,
  depth: "step",
  cases: () => {
    const rng = new Rng(808);
    const randomCase = (n: number, alpha: number) => {
      const w = Array.from({ length: n }, () => Array.from(rng.normalArray(n, 0, 1.5 / Math.sqrt(n))));
      const h = Array.from(rng.uniformArray(n, -1, 1));
      const input = Array.from(rng.normalArray(n, 0, 0.5));
      return { args: [w, h, input, alpha], expected: leakyStepReference(w, h, input, alpha), label: `leakyStep(W ${n}×${n}, h, input, α = ${alpha})` };
    };
    const wSmall = [[0, 1], [-1, 0]];
    return [
      { args: [wSmall, [0.5, -0.2], [0, 0], 1], expected: leakyStepReference(wSmall, [0.5, -0.2], [0, 0], 1), label: "leakyStep([[0, 1], [−1, 0]], [0.5, −0.2], [0, 0], 1) (α = 1: the vanilla RNN step)" },
      randomCase(3, 0.1),
      randomCase(6, 0.5),
    ];
  },
  rtol: 1e-9,
  atol: 1e-12,
  pure: true,
  hint: "First the drive of neuron i: Σ_j W[i][j]·h[j] + input[i] (row i of W, the OLD state h); then h_new[i] = (1 − α)·h[i] + α·tanh(drive). Return a new array.",
});

/**
 * Reference for 08.criticalStep: the first step in `dts` for which forward Euler on dy/dt = −k y,
 * from y_0 = 1, ends with |y_n| > 1 after n steps (−1 if none does).
 */
export function firstExplodingStepReference(k: number, dts: number[], n: number): number {
  for (const dt of dts) {
    let y = 1;
    for (let s = 0; s < n; s++) y += dt * -k * y;
    if (Math.abs(y) > 1) return dt;
  }
  return -1;
}

defineFunctionQuestion({
  id: "08.criticalStep",
  title: "Find the step size where forward Euler starts to explode, by experiment",
  name: "firstExplodingStep",
  points: 2,
  depth: "analysis",
  cases: () => {
    const grid = (from: number, to: number, step: number): number[] => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1e6) / 1e6);
    return [
      { k: 3.2, dts: grid(0.05, 1, 0.05), n: 100 },
      { k: 1, dts: grid(0.1, 3, 0.3), n: 50 },
      { k: 10, dts: grid(0.001, 0.1, 0.003), n: 400 },
      { k: 2, dts: [0.1, 0.5, 0.9], n: 30 },
    ].map(({ k, dts, n }) => ({
      args: [k, dts, n],
      expected: firstExplodingStepReference(k, dts, n),
      label: `firstExplodingStep(k = ${k}, ${dts.length} steps from ${dts[0]} to ${dts[dts.length - 1]}, n = ${n})${firstExplodingStepReference(k, dts, n) < 0 ? " (none explodes)" : ""}`,
    }));
  },
  rtol: 1e-12,
  atol: 0,
  pure: true,
  hint: "For each Δt in order: y = 1, then n times y ← y + Δt·(−k·y); return the first Δt with |y| > 1 at the end, or −1 if none.",
});

/** Reference for 08.gradientAfter: |1 − kΔt|^30 with kΔt = 1.9. */
export const gradientAfter30Reference = Math.abs(1 - 1.9) ** 30;

defineQuestion({
  id: "08.gradientAfter",
  title: "The gradient of a linear RNN after 30 backward steps",
  symbols: ["gradientAfter30"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectNumber(answer, gradientAfter30Reference, {
      rtol: 1e-9,
      name: "gradientAfter30",
      hint: "With a = 1 − kΔt the gradient is multiplied by a at each backward step; its norm is the absolute value of the product of 30 such factors.",
    }),
});
