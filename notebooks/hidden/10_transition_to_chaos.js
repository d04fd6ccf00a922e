// Hidden tests for notebook 10_transition_to_chaos (loaded by the grader only).
module.exports = () => {
  const tangentStep = (j, n, h, delta, dt) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < n; c++) s += j[i * n + c] * (1 - Math.tanh(h[c]) ** 2) * delta[c];
      out[i] = (1 - dt) * delta[i] + dt * s;
    }
    return out;
  };
  const lag = (c) => {
    for (let k = 0; k < c.length; k++) if (c[k] < 1 / Math.E) return k;
    return c.length - 1;
  };
  const tangentArgs = (seed, n, g, dt) =>
    `(() => { const r = new Rng(${seed}); return [r.normalArray(${n * n}, 0, ${g} / Math.sqrt(${n})), ${n}, r.normalArray(${n}, 0, 2), r.normalArray(${n}), ${dt}]; })()`;
  return {
    "10.growthRate": {
      symbol: "quiescentGrowthRate",
      kind: "function",
      reference: (re) => Math.max(...Array.from(re)) - 1,
      cases: [
        { args: "[[0.2, 0.9, -1.5]]", points: 0.25 },
        { args: "[[2.5]]", points: 0.25, label: "one unstable direction" },
        { args: "[Float64Array.from([-0.1, -0.2, -0.05])]", points: 0.25, label: "a Float64Array" },
        { args: "[Array.from({ length: 40 }, (_, k) => 1.3 * Math.cos(k))]", points: 0.25, label: "40 eigenvalues" },
      ],
    },
    "10.tangentStep": {
      symbol: "tangentStep",
      kind: "function",
      reference: tangentStep,
      cases: [
        { args: tangentArgs(7, 4, 1.2, 0.1), points: 0.5, rtol: 1e-9, atol: 1e-12 },
        { args: tangentArgs(8, 10, 2.0, 0.02), points: 0.5, rtol: 1e-9, atol: 1e-12, label: "N = 10, g = 2" },
        { args: tangentArgs(9, 1, 0.5, 1), points: 0.5, rtol: 1e-9, atol: 1e-12, label: "N = 1, Δt = 1" },
        { args: tangentArgs(10, 5, 1.0, 0.5), points: 0.5, rtol: 1e-9, atol: 1e-12 },
      ],
    },
    "10.decorrelationLag": {
      symbol: "decorrelationLag",
      kind: "function",
      reference: lag,
      cases: [
        { args: "[Array.from({ length: 40 }, (_, k) => Math.exp(-k / 7.2))]", points: 0.25 },
        { args: "[[1, 0.2, 0.9]]", points: 0.25, label: "drops below 1/e at once" },
        { args: "[[1, 0.99, 0.98, 0.97, 0.96]]", points: 0.25, label: "never drops below 1/e" },
        { args: "[Array.from({ length: 60 }, (_, k) => Math.cos(k / 5) * Math.exp(-k / 20))]", points: 0.25, label: "an oscillating decay" },
      ],
    },
  };
};
