// Hidden tests for notebook 21_hands_on_problem_set (loaded by the grader only).
// Ids, symbols and points match course/questions/21_hands_on_problem_set.ts; every
// reference is the one exported there (one source per exercise). The inputs differ from the
// public checks; each `args` is evaluated both in the kernel and here, with rnnlab's names.
const q = require("../../dist/questions/21_hands_on_problem_set.js");

/** A seeded cell (gates G, input D, hidden H) with x, h, c in scope, then `body`. */
const cell = (G, D, H, seed, body) =>
  `(() => { const g = new Rng(${seed}); const w = initCellWeights(${G}, ${D}, ${H}, () => g.random()); const x = g.normalArray(${D}); const h = g.normalArray(${H}, 0, 0.5); const c = g.normalArray(${H}, 0, 0.5); ${body} })()`;
const lstmArgs = (D, H, seed, scaleDh = 1, scaleDc = 1) =>
  cell(4, D, H, seed, `const cache = lstmStep(w, x, h, c); return [w, x, h, c, cache, g.normalArray(${H}, 0, ${scaleDh}), g.normalArray(${H}, 0, ${scaleDc})];`);
const gruArgs = (D, H, seed, biasScale = 1, hPrev = "h") =>
  cell(3, D, H, seed, `const wb = { ...w, biasHh: Float64Array.from(w.biasHh || [], (b) => ${biasScale} * b) }; const hp = ${hPrev}; return [wb, x, hp, gruStep(wb, x, hp), g.normalArray(${H})];`);
const bpttArgs = (D, H, T, seed) =>
  `(() => { const g = new Rng(${seed}); const w0 = initCellWeights(1, ${D}, ${H}, () => g.random()); const w = { ...w0, biasHh: null }; return [w, g.normalArray(${T * D}), g.normalArray(${H}, 0, 0.5), g.uniformArray(${T * H}, -0.9, 0.9)]; })()`;
const lyapArgs = (n, k, gain, seed, steps, dt, every) =>
  `(() => { const g = new Rng(${seed}); return [g.normalArray(${n * n}, 0, ${gain} / Math.sqrt(${n})), ${n}, g.normalArray(${n}), g.normalArray(${k * n}), ${k}, ${steps}, ${dt}, ${every}]; })()`;
const zArgs = (n, nE, aE, aI, seed) => `[new Rng(${seed}).normalArray(${n * n}), ${n}, ${nE}, ${aE}, ${aI}]`;
const daleArgs = (n, nE, aE, aI, seed) =>
  `(() => { const z = new Rng(${seed}).normalArray(${n * n}); const j = new Float64Array(${n * n}); for (let i = 0; i < ${n}; i++) for (let c = 0; c < ${n}; c++) j[i * ${n} + c] = (c < ${nE} ? ${aE} : -${aI}) * Math.abs(z[i * ${n} + c]) / Math.sqrt(${n}); return [j, ${n}, ${nE}, ${aE}, ${aI}]; })()`;
const newtonArgs = (n, gain, seed) =>
  `(() => { const g = new Rng(${seed}); return [g.normalArray(${n * n}, 0, ${gain} / Math.sqrt(${n})), ${n}, g.normalArray(${n}, 0, 0.5), g.normalArray(${n})]; })()`;
const rolloutArgs = (H, T, seed, tf) =>
  `(() => { const g = new Rng(${seed}); const w = initCellWeights(1, 1, ${H}, () => g.random()); return [w, g.normalArray(${H}), 0.2, Float64Array.from({ length: ${T} }, (_, t) => Math.cos(0.3 * t)), new Float64Array(${H}), ${tf}]; })()`;
const esnArgs = (T, delay, seed, n, rho, washout, train, ridge) =>
  `(() => { const g = new Rng(${seed}); const u = g.uniformArray(${T}, -0.5, 0.5); const y = Float64Array.from(u, (_, t) => (t >= ${delay} ? u[t - ${delay}] : 0)); return [u, y, ${n}, ${rho}, ${seed}, ${washout}, ${train}, ${ridge}]; })()`;
const hopfieldArgs = (n, p, flips, seed, sweeps) =>
  `(() => { const g = new Rng(${seed}); const patterns = Array.from({ length: ${p} }, () => Array.from({ length: ${n} }, () => Math.sign(g.random() - 0.5) || 1)); const probe = [...patterns[${p - 1}]]; for (let i = 0; i < ${flips}; i++) probe[(i * 7) % ${n}] *= -1; return [patterns, probe, ${sweeps}]; })()`;

const tight = { rtol: 1e-8, atol: 1e-11 };

module.exports = () => ({
  "21.lstmBackward": {
    symbol: "lstmBackwardStep",
    kind: "function",
    reference: q.lstmBackwardStepReference,
    cases: [
      { args: lstmArgs(2, 2, 31), points: 1, label: "D = 2, H = 2", ...tight },
      { args: lstmArgs(5, 4, 32, 1, 0), points: 0.5, label: "D = 5, H = 4, only dL/dh_t", ...tight },
      { args: lstmArgs(1, 6, 33, 0, 2), points: 0.5, label: "D = 1, H = 6, only dL/dc_t", ...tight },
      { args: lstmArgs(3, 8, 34, 3, 3), points: 1, label: "D = 3, H = 8, large upstream gradients", ...tight },
    ],
  },
  "21.gruBackward": {
    symbol: "gruBackwardStep",
    kind: "function",
    reference: q.gruBackwardStepReference,
    cases: [
      { args: gruArgs(3, 2, 41), points: 0.5, label: "D = 3, H = 2", ...tight },
      { args: gruArgs(1, 7, 42), points: 0.5, label: "D = 1, H = 7", ...tight },
      { args: gruArgs(6, 3, 43, 1, "new Float64Array(3)"), points: 0.5, label: "h_{t−1} = 0", ...tight },
      { args: gruArgs(2, 5, 44, 4), points: 0.5, label: "large b_hn (the r⊙ path into W_hn, b_hn matters)", ...tight },
    ],
  },
  "21.bpttTanh": {
    symbol: "bpttTanh",
    kind: "function",
    reference: q.bpttTanhReference,
    cases: [
      { args: bpttArgs(1, 2, 3, 51), points: 1, ...tight },
      { args: bpttArgs(2, 5, 20, 52), points: 1, label: "T = 20", ...tight },
      { args: bpttArgs(4, 3, 2, 53), points: 1, label: "T = 2", ...tight },
    ],
  },
  "21.powerNorms": {
    symbol: "powerNorms",
    kind: "function",
    reference: q.powerNormsReference,
    cases: [
      { args: "[new Float64Array([0.95, 5, 0, 0.95]), 2, 12]", points: 0.5, label: "a strong shear", ...tight },
      { args: "[new Float64Array([0.5, 1, 0, 0, 0.5, 1, 0, 0, 0.5]), 3, 8]", points: 0.5, label: "a 3×3 Jordan-like chain", ...tight },
      { args: "[new Rng(61).normalArray(16, 0, 0.4), 4, 6]", points: 0.5, label: "random 4×4", ...tight },
      { args: "[new Float64Array([2]), 1, 3]", points: 0.5, label: "1×1", ...tight },
    ],
  },
  "21.echoStateVerdict": {
    symbol: "echoStateVerdict",
    kind: "function",
    reference: q.echoStateVerdictReference,
    cases: [
      { args: "[new Float64Array([0.5, 4, 0, 0.6]), 2, 15]", points: 0.5, label: "ρ < 1 < σ_max", ...tight },
      { args: "[new Float64Array([0.9, 0, 0, -0.9]), 2, 4]", points: 0.5, label: "a normal contraction", ...tight },
      { args: "[new Rng(71).normalArray(25, 0, 0.5), 5, 10]", points: 0.5, label: "random 5×5", ...tight },
      { args: "[new Float64Array([0, 1.5, -0.5, 0]), 2, 6]", points: 0.5, label: "a rotation-like matrix", ...tight },
    ],
  },
  "21.kaplanYorke": {
    symbol: "kaplanYorke",
    kind: "function",
    reference: q.kaplanYorkeReference,
    cases: [
      { args: "[[0.4, 0.1, 0, -0.3, -0.9]]", points: 0.5, ...tight },
      { args: "[[-2, 0.01, -0.5]]", points: 0.5, label: "not sorted", ...tight },
      { args: "[[-0.3]]", points: 0.5, label: "one negative exponent", ...tight },
      { args: "[[0.05, 0.05, 0.05]]", points: 0.5, label: "all positive", ...tight },
    ],
  },
  "21.lyapunovQR": {
    symbol: "lyapunovQR",
    kind: "function",
    reference: q.lyapunovQRReference,
    cases: [
      { args: lyapArgs(4, 4, 2.5, 81, 100, 0.1, 5), points: 1, label: "N = k = 4 (the full spectrum)", rtol: 1e-6, atol: 1e-9 },
      { args: lyapArgs(6, 2, 0.8, 82, 60, 0.2, 3), points: 1, label: "a stable network", rtol: 1e-6, atol: 1e-9 },
      { args: lyapArgs(10, 3, 2, 83, 200, 0.05, 20), points: 1, label: "N = 10, QR every 20 steps", rtol: 1e-6, atol: 1e-9 },
    ],
  },
  "21.strictDale": {
    symbol: "strictDaleMatrix",
    kind: "function",
    reference: q.strictDaleMatrixReference,
    cases: [
      { args: zArgs(4, 3, 1, 3, 91), points: 0.5, ...tight },
      { args: zArgs(7, 7, 0.5, 1, 92), points: 0.5, label: "all excitatory", ...tight },
      { args: zArgs(5, 0, 1, 0.4, 93), points: 0.5, label: "all inhibitory", ...tight },
      { args: zArgs(10, 8, 2, 8, 94), points: 0.5, label: "balanced means", ...tight },
    ],
  },
  "21.daleSpectrum": {
    symbol: "daleSpectrum",
    kind: "function",
    reference: q.daleSpectrumReference,
    cases: [
      { args: daleArgs(24, 12, 2, 1, 101), points: 1, label: "excitation dominates", rtol: 1e-7, atol: 1e-10 },
      { args: daleArgs(30, 15, 1, 2, 102), points: 1, label: "inhibition dominates", rtol: 1e-7, atol: 1e-10 },
      { args: daleArgs(16, 12, 3, 1, 103), points: 1, label: "N = 16", rtol: 1e-7, atol: 1e-10 },
    ],
  },
  "21.newtonStep": {
    symbol: "newtonStep",
    kind: "function",
    reference: q.newtonStepReference,
    cases: [
      { args: newtonArgs(2, 1, 111), points: 0.5, ...tight },
      { args: newtonArgs(5, 2.5, 112), points: 0.5, ...tight },
      { args: newtonArgs(8, 0.3, 113), points: 0.5, ...tight },
      { args: newtonArgs(4, 1.2, 114), points: 0.5, ...tight },
    ],
  },
  "21.rollout": {
    symbol: "rollout",
    kind: "function",
    reference: q.rolloutReference,
    cases: [
      { args: rolloutArgs(3, 8, 121, true), points: 0.5, label: "teacher forcing", ...tight },
      { args: rolloutArgs(3, 8, 121, false), points: 0.5, label: "free running", ...tight },
      { args: rolloutArgs(6, 30, 122, false), points: 0.5, label: "free running, T = 30", ...tight },
      { args: rolloutArgs(1, 1, 123, false), points: 0.5, label: "T = 1", ...tight },
    ],
  },
  "21.esnReadout": {
    symbol: "esnReadout",
    kind: "function",
    reference: q.esnReadoutReference,
    cases: [
      { args: esnArgs(250, 3, 131, 40, 0.9, 30, 150, 1e-6), points: 1.5, rtol: 1e-6, atol: 1e-9 },
      { args: esnArgs(180, 1, 132, 20, 0.5, 10, 100, 1e-3), points: 1.5, label: "short memory, strong ridge", rtol: 1e-6, atol: 1e-9 },
    ],
  },
  "21.adamRun": {
    symbol: "adamRun",
    kind: "function",
    reference: q.adamRunReference,
    cases: [
      { args: "[new Float64Array([1, -2]), [[0.1, 0.2], [0.3, -0.1], [-0.5, 0.5]], 0.001, 0.9, 0.999, 1e-8]", points: 1, ...tight },
      { args: "[new Float64Array([3]), Array.from({ length: 50 }, (_, t) => [2 * (3 - 0.01 * t)]), 0.1, 0.5, 0.9, 1e-8]", points: 1, label: "50 steps, β = (0.5, 0.9)", ...tight },
    ],
  },
  "21.crossEntropyGrad": {
    symbol: "crossEntropyGrad",
    kind: "function",
    reference: q.crossEntropyGradReference,
    cases: [
      { args: "[new Rng(141).normalArray(15, 0, 3), [4, 0, 2], 5]", points: 1, ...tight },
      { args: "[new Float64Array([-800, -801, 500, 0, 0, 0]), [1, 2], 3]", points: 1, label: "very negative and very large logits", ...tight },
    ],
  },
  "21.hopfieldRecall": {
    symbol: "hopfieldRecall",
    kind: "function",
    reference: q.hopfieldRecallReference,
    cases: [
      { args: hopfieldArgs(20, 2, 4, 151, 2), points: 0.5, rtol: 0, atol: 0 },
      { args: hopfieldArgs(50, 5, 12, 152, 3), points: 0.5, rtol: 0, atol: 0 },
      { args: hopfieldArgs(16, 6, 6, 153, 1), points: 0.5, label: "overloaded memory", rtol: 0, atol: 0 },
      { args: hopfieldArgs(9, 1, 0, 154, 1), points: 0.5, label: "the stored pattern itself", rtol: 0, atol: 0 },
    ],
  },
});
