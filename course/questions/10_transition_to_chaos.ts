/** Questions of notebook 10_transition_to_chaos. */
import { activityAutocorrelation, correlationTime, Rng } from "rnnlab";
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Reference for 10.growthRate: the largest Re(λ) minus 1 (the leak). */
export function quiescentGrowthRateReference(re: ArrayLike<number>): number {
  return Math.max(...Array.from(re)) - 1;
}

defineFunctionQuestion({
  id: "10.growthRate",
  title: "Growth rate of the quiescent state h = 0",
  name: "quiescentGrowthRate",
  points: 1,
  depth: "formula",
  // Each case also names the two classic slips: the forgotten "−1" (the leak) and the
  // smallest eigenvalue instead of the largest; none of the cases has max − 1 = −(max) or
  // any other coincidence that would make one slip look like another.
  cases: () => [
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
  hint: "Near h = 0, dh/dt ≈ (−I + J) h: each eigen-direction grows at rate Re(λ_k) − 1; the state h = 0 is unstable as soon as one of them is positive.",
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

defineFunctionQuestion({
  id: "10.tangentStep",
  title: "One step of a perturbation in tangent space",
  name: "tangentStep",
  points: 2,
  depth: "step",
  cases: () => {
    const rng = new Rng(1010);
    return [3, 6].map((n) => {
      const j = rng.normalArray(n * n, 0, 1.5 / Math.sqrt(n));
      const h = rng.normalArray(n);
      const delta = rng.normalArray(n);
      const dt = n === 3 ? 0.1 : 0.05;
      return { args: [j, n, h, delta, dt], expected: tangentStepReference(j, n, h, delta, dt), label: `tangentStep(J, ${n}, h, δ, ${dt})` };
    });
  },
  rtol: 1e-9,
  atol: 1e-12,
  hint: "δ_new[i] = (1 − dt)·δ[i] + dt·Σ_c J[i*n + c]·(1 − tanh(h[c])²)·δ[c]. The slope φ' is taken at the current state h.",
});

/**
 * Reference for 10.decorrelationLag: the normalised autocorrelation of recorded activity
 * (traces [T, k], row t = the k neurons at time t), C(τ) = Σ_t Σ_i h_i(t) h_i(t+τ) / ((T − τ) k),
 * divided by C(0), for τ = 0 … maxLag (the library's `activityAutocorrelation`), and the first
 * lag where it falls below 1/e (maxLag if it never does; the library's `correlationTime`).
 */
export function correlationLagReference(traces: Float64Array, k: number, maxLag: number): number {
  return correlationTime(activityAutocorrelation(traces, k, maxLag));
}

/** k independent AR(1) traces h(t+1) = a·h(t) + noise, T samples (a Float64Array [T, k]). */
function ar1Traces(seed: number, T: number, k: number, a: number): Float64Array {
  const rng = new Rng(seed);
  const out = new Float64Array(T * k);
  for (let i = 0; i < k; i++) out[i] = rng.normal();
  for (let t = 1; t < T; t++) for (let i = 0; i < k; i++) out[t * k + i] = a * out[(t - 1) * k + i] + rng.normal(0, Math.sqrt(1 - a * a));
  return out;
}

/** The lag index of 10.decorrelationLag with the normalisation by C(0) forgotten, or with the mean over t not divided by T − τ. */
function correlationLagSlip(traces: Float64Array, k: number, maxLag: number, slip: "unnormalised" | "sum"): number {
  const T = traces.length / k;
  const c = activityAutocorrelation(traces, k, maxLag, false);
  if (slip === "sum") for (let lag = 0; lag <= maxLag; lag++) c[lag] *= (T - lag) / T;
  const scale = slip === "unnormalised" ? 1 : c[0];
  for (let lag = 0; lag <= maxLag; lag++) if (c[lag] / scale < 1 / Math.E) return lag;
  return maxLag;
}

defineFunctionQuestion({
  id: "10.decorrelationLag",
  title: "Correlation time: the autocorrelation of recorded activity, and where it drops below 1/e",
  name: "correlationLagOf",
  points: 2,
  depth: "analysis",
  cases: () => [
    { seed: 101, T: 400, k: 3, a: 0.9, maxLag: 40, scale: 1 },
    { seed: 102, T: 300, k: 5, a: 0.5, maxLag: 20, scale: 3 },
    { seed: 103, T: 60, k: 2, a: 0.97, maxLag: 50, scale: 0.5 },
  ].map(({ seed, T, k, a, maxLag, scale }) => {
    const traces = ar1Traces(seed, T, k, a).map((v) => scale * v);
    const expected = correlationLagReference(traces, k, maxLag);
    const mistakes = [
      { value: correlationLagSlip(traces, k, maxLag, "unnormalised"), message: "that is where C(τ) itself drops below 1/e; normalise first: C(τ)/C(0)." },
      { value: correlationLagSlip(traces, k, maxLag, "sum"), message: "average each lag over its own number of products, (T − τ)·k, not over T·k." },
    ].filter((m) => m.value !== expected);
    return {
      args: [traces, k, maxLag],
      expected,
      label: `correlationLagOf(${k} AR(1) traces of ${T} samples with a = ${a}${scale !== 1 ? `, scaled by ${scale}` : ""}, maxLag = ${maxLag})${T < 2 * maxLag ? " (the lags are long for so short a recording)" : ""}`,
      mistakes,
    };
  }),
  hint:
    "T = traces.length / k. For each lag τ = 0 … maxLag: C(τ) = Σ over t < T − τ and neurons i of traces[t*k + i]·traces[(t+τ)*k + i], divided by (T − τ)·k. " +
    "Then return the first τ with C(τ)/C(0) < 1/e (maxLag if there is none).",
});
