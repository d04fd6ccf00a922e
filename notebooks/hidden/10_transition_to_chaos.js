// Hidden tests for notebook 10_transition_to_chaos (loaded by the grader only).
// See lib/grading/hiddenTests.ts for the format. The references are the question file's
// (one source per exercise); only the cases (inputs) are written here.
const q = require("../../dist/questions/10_transition_to_chaos.js");

module.exports = () => {
  // k AR(1) traces h(t+1) = a h(t) + noise (rows of k neurons), for correlationLagOf
  const ar1 = (seed, T, k, a, maxLag) =>
    `(() => { const r = new Rng(${seed}); const x = new Float64Array(${T * k}); for (let i = 0; i < ${k}; i++) x[i] = r.normal(); ` +
    `for (let t = 1; t < ${T}; t++) for (let i = 0; i < ${k}; i++) x[t * ${k} + i] = ${a} * x[(t - 1) * ${k} + i] + r.normal(0, ${Math.sqrt(1 - a * a)}); return [x, ${k}, ${maxLag}]; })()`;
  const tangentArgs = (seed, n, g, dt) =>
    `(() => { const r = new Rng(${seed}); return [r.normalArray(${n * n}, 0, ${g} / Math.sqrt(${n})), ${n}, r.normalArray(${n}, 0, 2), r.normalArray(${n}), ${dt}]; })()`;
  return {
    "10.growthRate": {
      symbol: "quiescentGrowthRate",
      kind: "function",
      reference: q.quiescentGrowthRateReference,
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
      reference: q.tangentStepReference,
      cases: [
        { args: tangentArgs(7, 4, 1.2, 0.1), points: 0.5, rtol: 1e-9, atol: 1e-12 },
        { args: tangentArgs(8, 10, 2.0, 0.02), points: 0.5, rtol: 1e-9, atol: 1e-12, label: "N = 10, g = 2" },
        { args: tangentArgs(9, 1, 0.5, 1), points: 0.5, rtol: 1e-9, atol: 1e-12, label: "N = 1, Δt = 1" },
        { args: tangentArgs(10, 5, 1.0, 0.5), points: 0.5, rtol: 1e-9, atol: 1e-12 },
      ],
    },
    "10.decorrelationLag": {
      symbol: "correlationLagOf",
      kind: "function",
      reference: q.correlationLagReference,
      cases: [
        { args: ar1(111, 500, 4, 0.8, 30), points: 0.5, label: "4 traces, a = 0.8" },
        { args: ar1(112, 200, 1, 0.95, 60), points: 0.5, label: "one trace, slow decay" },
        { args: ar1(113, 300, 6, 0.1, 10), points: 0.5, label: "almost white noise (lag 1)" },
        { args: ar1(114, 120, 2, 0.995, 40), points: 0.5, label: "never drops below 1/e within maxLag" },
      ],
    },
  };
};
