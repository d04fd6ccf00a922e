/** Questions of notebook 10_transition_to_chaos. */
import { Rng } from "../../core/random";
import { defineQuestion } from "../registry";
import { expectFunction } from "../expect";

defineQuestion({
  id: "10.growthRate",
  title: "Growth rate of the quiescent state h = 0",
  symbols: ["quiescentGrowthRate"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      // Each case also names the two classic slips: the forgotten "−1" (the leak) and the
      // smallest eigenvalue instead of the largest; none of the cases has max − 1 = −(max) or
      // any other coincidence that would make one slip look like another.
      [
        [0.5, -0.2, 0.1],
        [1.7, 0.3],
        Float64Array.from([-2, -3]),
        [1.25, 2.5, -0.75],
      ].map((re) => {
        const v = Array.from(re);
        const max = Math.max(...v);
        return {
          args: [re],
          expected: max - 1,
          mistakes: [
            { value: max, message: "that is the largest eigenvalue itself: the leak term −h adds −1 to every growth rate (did you forget the −1?)." },
            { value: Math.min(...v) - 1, message: "that is the smallest Re(λ) − 1; the growth rate of h = 0 is set by the fastest-growing direction, the largest." },
          ],
        };
      }),
      {
        name: "quiescentGrowthRate",
        hint: "Near h = 0, dh/dt ≈ (−I + J) h: each eigen-direction grows at rate Re(λ_k) − 1; the state h = 0 is unstable as soon as one of them is positive.",
      },
    ),
});

/** The reference tangent step: (1 − Δt) δ + Δt J (φ'(h) ⊙ δ), φ = tanh. */
export function tangentStepReference(j: Float64Array, n: number, h: Float64Array, delta: Float64Array, dt: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < n; c++) s += j[i * n + c] * (1 - Math.tanh(h[c]) ** 2) * delta[c];
    out[i] = (1 - dt) * delta[i] + dt * s;
  }
  return out;
}

defineQuestion({
  id: "10.tangentStep",
  title: "One step of a perturbation in tangent space",
  symbols: ["tangentStep"],
  points: 2,
  depth: "step",
  test: (answer) => {
    const rng = new Rng(1010);
    const cases = [3, 6].map((n) => {
      const j = rng.normalArray(n * n, 0, 1.5 / Math.sqrt(n));
      const h = rng.normalArray(n);
      const delta = rng.normalArray(n);
      const dt = n === 3 ? 0.1 : 0.05;
      return { args: [j, n, h, delta, dt], expected: tangentStepReference(j, n, h, delta, dt), label: `tangentStep(J, ${n}, h, δ, ${dt})` };
    });
    return expectFunction(answer, cases, {
      name: "tangentStep",
      rtol: 1e-9,
      atol: 1e-12,
      hint: "δ_new[i] = (1 − dt)·δ[i] + dt·Σ_c J[i*n + c]·(1 − tanh(h[c])²)·δ[c]. The slope φ' is taken at the current state h.",
    });
  },
});

defineQuestion({
  id: "10.decorrelationLag",
  title: "Correlation time: where C(τ)/C(0) drops below 1/e",
  symbols: ["decorrelationLag"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [Array.from({ length: 30 }, (_, k) => Math.exp(-k / 4.5))], expected: 5 },
        { args: [Array.from({ length: 30 }, (_, k) => Math.exp(-k / 10.5))], expected: 11 },
        { args: [[1, 0.9, 0.2, 0.5]], expected: 2 },
        { args: [[1, 0.9, 0.8]], expected: 2 },
      ],
      {
        name: "decorrelationLag",
        hint: "Return the first index k with c[k] < 1/Math.E; if there is none, return the last index c.length − 1.",
      },
    ),
});
