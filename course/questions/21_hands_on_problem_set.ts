/**
 * Questions of notebook 21_hands_on_problem_set: fifteen graded problems that go beyond
 * one-liners (an LSTM backward step, a GRU backward step, BPTT, the echo-state counterexample,
 * Lyapunov spectra and the Kaplan–Yorke dimension, Dale-constrained chaos, a Newton step,
 * teacher forcing, an ESN readout, Adam, softmax cross-entropy, a Hopfield network).
 *
 * The references live in references21/ beside this file (left out of the release with it) and are re-exported here (`…Reference`), so
 * that the hidden tests in notebooks/hidden/21_hands_on_problem_set.js use them rather than a
 * second copy; where the library computes the thing, the reference calls the library.
 */
import { Rng, singularValues, spectralRadius } from "rnnlab";
import { defineFunctionQuestion, FunctionCase } from "rnnlab/exercises";
import {
  adamNoBiasCorrection,
  adamRunReference,
  bpttCase,
  bpttTanhReference,
  crossEntropyGradReference,
  gruBackwardCase,
  gruBackwardStepReference,
  lstmBackwardCase,
  lstmBackwardStepReference,
  rolloutCase,
  rolloutReference,
} from "./references21/learning";
import {
  daleSpectrumReference,
  echoStateVerdictReference,
  esnCase,
  esnReadoutReference,
  hopfieldCase,
  hopfieldRecallReference,
  hopfieldVariant,
  kaplanYorkeReference,
  lyapunovCase,
  lyapunovQRReference,
  newtonStepReference,
  newtonVariant,
  powerNormsReference,
  shearMatrix,
  strictDaleMatrixReference,
} from "./references21/dynamics";

export * from "./references21/learning";
export * from "./references21/dynamics";

/** Cases whose expected value is the reference called on the case's arguments (built by the …Case functions). */
function casesOf(reference: (...args: never[]) => unknown, calls: [args: unknown[], label: string][]): FunctionCase[] {
  return calls.map(([args, label]) => ({ args, expected: (reference as (...a: unknown[]) => unknown)(...args) as FunctionCase["expected"], label }));
}

// ------------------------------------------------------------------ 1. LSTM backward step
defineFunctionQuestion({
  id: "21.lstmBackward",
  title: "Derive and implement one LSTM backward step",
  name: "lstmBackwardStep",
  points: 3,
  depth: "step",
  cases: () =>
    casesOf(lstmBackwardStepReference, [
      [lstmBackwardCase(1, 1, 2101, "dh"), "lstmBackwardStep (D = 1, H = 1, only dL/dh_t (dL/dc_t = 0))"],
      [lstmBackwardCase(2, 3, 2102, "dc"), "lstmBackwardStep (D = 2, H = 3, only dL/dc_t (dL/dh_t = 0: the o block of dPre must be 0))"],
      [lstmBackwardCase(3, 2, 2103, "both"), "lstmBackwardStep (D = 3, H = 2, both upstream gradients)"],
    ]),
  rtol: 1e-8,
  atol: 1e-12,
  hint:
    "First the total cell gradient dcT = dc + dh·o·(1 − tanh²c_t) (a forgotten dh path makes every block but o wrong). " +
    "Then δo = dh·tanh(c_t)·o(1−o), δi = dcT·g·i(1−i), δf = dcT·c_{t−1}·f(1−f), δg = dcT·i·(1−g²); dPre = [δi|δf|δg|δo] (entries 0..H−1 are i, H..2H−1 f, …). " +
    "dcPrev = dcT·f; dhPrev = W_hhᵀ dPre; dx = W_ihᵀ dPre; dWih[r*D + d] = dPre[r]·x[d]; dWhh[r*H + k] = dPre[r]·hPrev[k].",
});

// ------------------------------------------------------------------ 2. GRU backward step
defineFunctionQuestion({
  id: "21.gruBackward",
  title: "Derive and implement one GRU backward step (PyTorch's gate order r, z, n)",
  name: "gruBackwardStep",
  points: 2,
  depth: "step",
  cases: () =>
    casesOf(gruBackwardStepReference, [
      [gruBackwardCase(1, 1, 2111, 1), "gruBackwardStep (D = 1, H = 1)"],
      [gruBackwardCase(2, 3, 2112, 3), "gruBackwardStep (D = 2, H = 3, large b_hn)"],
      [gruBackwardCase(4, 5, 2113, 1), "gruBackwardStep (D = 4, H = 5)"],
    ]),
  // The entries are compared in the order dGi, dGh, dhPrev, dx, dWih, dWhh: the first wrong one names the mistake.
  rtol: 1e-8,
  atol: 1e-12,
  hint:
    "If dGi is wrong, z and 1 − z may be swapped: in PyTorch h_t = (1 − z)⊙n + z⊙h_{t−1}, so δn = dh⊙(1 − z)⊙(1 − n²) and δz = dh⊙(h_{t−1} − n)⊙z(1 − z); δr = δn⊙hn⊙r(1 − r). " +
    "If dGi is right but dGh is wrong: the n block of dGh is r⊙δn, not δn (hn = W_hn h_{t−1} + b_hn enters n multiplied by r, so W_hn and b_hn get r⊙δn). " +
    "If only dhPrev is wrong: the direct term z⊙dh is missing (h_t = … + z⊙h_{t−1}); dhPrev = z⊙dh + W_hhᵀ dGh. " +
    "Then dx = W_ihᵀ dGi, dWih[q*D + d] = dGi[q]·x[d], dWhh[q*H + k] = dGh[q]·hPrev[k].",
});

// ------------------------------------------------------------------ 3. BPTT for a tanh RNN
defineFunctionQuestion({
  id: "21.bpttTanh",
  title: "Backpropagation through time for a tanh RNN",
  name: "bpttTanh",
  points: 3,
  depth: "loop",
  cases: () =>
    casesOf(bpttTanhReference, [
      [bpttCase(1, 1, 1, 2121), "bpttTanh(D = 1, H = 1, one step)"],
      [bpttCase(2, 3, 4, 2122), "bpttTanh(D = 2, H = 3, T = 4)"],
      [bpttCase(3, 4, 12, 2123), "bpttTanh(D = 3, H = 4, T = 12: the gradient must be carried back through W_hh)"],
    ]),
  rtol: 1e-8,
  atol: 1e-12,
  hint:
    "Forward: keep every h_t. Backward from t = T−1 down to 0: dh = (h_t − y_t) + dNext (dNext = the gradient from step t+1 — forgetting it gives only the local gradients); " +
    "δ = dh⊙(1 − h_t²); dWih += δ x_tᵀ, dWhh += δ h_{t−1}ᵀ (the previous state, not h_t), db += δ; dNext = W_hhᵀ δ. dh0 is the last dNext.",
});

// ------------------------------------------------------------------ 4. transient growth ‖W^k‖
defineFunctionQuestion({
  id: "21.powerNorms",
  title: "Transient growth: the norms ‖W^k‖ of a non-normal matrix",
  name: "powerNorms",
  points: 2,
  depth: "loop",
  cases: () => {
    const rng = new Rng(2131);
    const w3 = Float64Array.from({ length: 9 }, () => rng.normal(0, 0.5));
    return [
      { w: shearMatrix(0.9, 2), n: 2, K: 6, label: "the shear [[0.9, 2], [0, 0.9]], K = 6" },
      { w: new Float64Array([0.5, 0, 0, -0.8]), n: 2, K: 3, label: "a diagonal (normal) matrix, K = 3" },
      { w: w3, n: 3, K: 5, label: "a random 3×3 matrix, K = 5" },
    ].map(({ w, n, K, label }) => {
      const sig = singularValues(w, n, n)[0];
      const rho = spectralRadius(w, n);
      return {
        args: [w, n, K],
        expected: powerNormsReference(w, n, K),
        label: `powerNorms(${label})`,
        mistakes: [
          { value: Array.from({ length: K + 1 }, (_, k) => sig ** k), message: "these are σ_max(W)^k, the upper bound; take the norm of the matrix power W^k itself." },
          { value: Array.from({ length: K + 1 }, (_, k) => rho ** k), message: "these are ρ(W)^k, the asymptotic rate; a non-normal W can be much larger at small k — take σ_max(W^k)." },
          { value: Array.from(powerNormsReference(w, n, K + 1).slice(1)), message: "the list starts at W¹; it must start at W⁰ = I (norm 1) and have K + 1 entries." },
        ],
      };
    });
  },
  rtol: 1e-8,
  atol: 1e-12,
  hint: "Start from P = I; for k = 0..K push singularValues(P, n, n)[0], then P ← P·W. Return K + 1 numbers.",
});

// ------------------------------------------------------------------ 5. echo-state verdict
defineFunctionQuestion({
  id: "21.echoStateVerdict",
  title: "The echo-state counterexample: ρ(W) < 1 < σ_max(W)",
  name: "echoStateVerdict",
  points: 2,
  depth: "analysis",
  cases: () => {
    const rng = new Rng(2141);
    const small = Float64Array.from({ length: 16 }, () => rng.normal(0, 0.15));
    return [
      { w: shearMatrix(0.8, 3), n: 2, K: 10, label: "the shear [[0.8, 3], [0, 0.8]]" },
      { w: small, n: 4, K: 8, label: "a small random 4×4 matrix (a contraction)" },
      { w: new Float64Array([1.1, 0, 0, 0.2]), n: 2, K: 5, label: "diag(1.1, 0.2): ρ > 1" },
    ].map(({ w, n, K, label }) => ({ args: [w, n, K], expected: echoStateVerdictReference(w, n, K) as unknown as FunctionCase["expected"], label: `echoStateVerdict(${label})` }));
  },
  rtol: 1e-8,
  atol: 1e-12,
  hint:
    "ρ(W) is the library's spectralRadius, σ_max(W) the first (largest) of its singularValues; peakGain / peakStep = the largest ‖W^k‖ for k = 0..K and the first k where it occurs (powerNorms); " +
    "contraction = sigmaMax < 1; transientGrowth = rho < 1 and peakGain > 1.",
});

// ------------------------------------------------------------------ 6. Kaplan–Yorke dimension
defineFunctionQuestion({
  id: "21.kaplanYorke",
  title: "The Kaplan–Yorke (Lyapunov) dimension of an attractor",
  name: "kaplanYorke",
  points: 2,
  depth: "step",
  cases: () => {
    const lorenz = [0.906, 0, -14.572];
    const unsorted = [-1.2, 0.3, -0.05, 0.1, -0.4];
    const sorted = [...unsorted].sort((a, b) => b - a);
    return [
      { args: [lorenz], expected: kaplanYorkeReference(lorenz), label: "kaplanYorke(the Lorenz attractor's [0.906, 0, −14.572])" },
      {
        args: [unsorted],
        expected: kaplanYorkeReference(unsorted),
        label: "kaplanYorke([−1.2, 0.3, −0.05, 0.1, −0.4]) (not sorted)",
        mistakes: [{ value: 0, message: "the exponents were not sorted in descending order first (here the first one is negative)." }],
      },
      { args: [[-0.1, -0.5]], expected: 0, label: "kaplanYorke([−0.1, −0.5]) (a stable fixed point)" },
      { args: [[0.2, 0.1, -0.1]], expected: 3, label: "kaplanYorke([0.2, 0.1, −0.1]) (the sum never becomes negative)" },
      {
        args: [[0.5, -0.2, -1]],
        expected: kaplanYorkeReference([0.5, -0.2, -1]),
        label: "kaplanYorke([0.5, −0.2, −1])",
        mistakes: [
          { value: 2 + 0.3 / 0.2, message: "the denominator is |λ_{k+1}|, the first exponent that makes the sum negative, not λ_k." },
          { value: 1 + 0.5 / 0.2, message: "k is the largest index with λ_1 + … + λ_k ≥ 0 (here k = 2, since 0.5 − 0.2 ≥ 0)." },
        ],
      },
      { args: [sorted.map((x) => x * 3)], expected: kaplanYorkeReference(sorted.map((x) => x * 3)), label: "kaplanYorke(a scaled spectrum)" },
    ];
  },
  rtol: 1e-10,
  atol: 1e-12,
  pure: true,
  hint: "Sort a copy in descending order (do not sort the argument in place); add exponents while the running sum stays ≥ 0; k is how many you added; return k + sum/|λ_{k+1}| (0-based: l[k]), or n if you added them all.",
});

// ------------------------------------------------------------------ 7. Lyapunov spectrum by QR
defineFunctionQuestion({
  id: "21.lyapunovQR",
  title: "A Lyapunov spectrum with QR re-orthonormalisation",
  name: "lyapunovQR",
  points: 3,
  depth: "loop",
  cases: (): FunctionCase[] => [
    [3, 2, 0.5, 2151, 40, 0.1, 4],
    [5, 3, 2, 2152, 120, 0.1, 10],
    [8, 4, 3, 2153, 150, 0.05, 5],
  ].map(([n, k, g, seed, steps, dt, every]) => {
    const c = lyapunovCase(n, k, g, seed);
    const expected = lyapunovQRReference(c.j, n, c.h0, c.d0, k, steps, dt, every);
    return {
      args: [c.j, n, c.h0, c.d0, k, steps, dt, every],
      expected,
      label: `lyapunovQR(N = ${n}, k = ${k}, g = ${g}, ${steps} steps of Δt = ${dt}, QR every ${every})`,
      mistakes: [
        { value: Array.from(expected, (x) => x * every * dt), message: "you divided the sums of log R_qq by the number of QR steps; divide by the elapsed time (steps · Δt) to get exponents per unit time." },
        { value: Array.from(expected, (x) => x * dt), message: "you divided the sums of log R_qq by the number of Euler steps; divide by the elapsed time (steps · Δt)." },
      ],
    };
  }),
  rtol: 1e-6,
  atol: 1e-9,
  hint:
    "Orthonormalise d0 first (Gram–Schmidt, no log counted). Each step, with the state h before the update: δ_q ← (1 − Δt)δ_q + Δt J(φ'(h)⊙δ_q), φ' = 1 − tanh², and h ← h + Δt(−h + J tanh h). " +
    "Every renormEvery steps: modified Gram–Schmidt on δ_1..δ_k, adding log of each norm R_qq to sum_q. Return sum_q / (steps·Δt).",
});

// ------------------------------------------------------------------ 8–9. Dale-constrained chaos
defineFunctionQuestion({
  id: "21.strictDale",
  title: "A matrix that obeys Dale's law strictly",
  name: "strictDaleMatrix",
  points: 2,
  depth: "step",
  cases: (): FunctionCase[] => [
    [2, 1, 1, 1, 2161],
    [5, 4, 0.5, 2, 2162],
    [6, 3, 1.5, 0.7, 2163],
  ].map(([n, nE, aE, aI, seed]) => {
    const z = new Rng(seed).normalArray(n * n);
    const expected = strictDaleMatrixReference(z, n, nE, aE, aI);
    const noAbs = Array.from(z, (v, idx) => ((idx % n < nE ? aE : -aI) * v) / Math.sqrt(n));
    const byN = Array.from(expected, (v) => v / Math.sqrt(n));
    const rowsAsNeurons = Array.from(z, (v, idx) => ((Math.floor(idx / n) < nE ? aE : -aI) * Math.abs(v)) / Math.sqrt(n));
    return {
      args: [z, n, nE, aE, aI],
      expected,
      label: `strictDaleMatrix(N = ${n}, nE = ${nE}, aE = ${aE}, aI = ${aI})`,
      mistakes: [
        { value: noAbs, message: "without |z| an excitatory column has negative entries: that breaks Dale's law. Use the magnitude |z_ij| and give each column one sign." },
        { value: byN, message: "the scale is 1/√N (so the bulk radius stays finite as N grows), not 1/N." },
        { value: rowsAsNeurons, message: "the sign belongs to the presynaptic neuron j, i.e. to the column (J_ij is the weight from j to i), not to the row." },
      ],
    };
  }),
  rtol: 1e-10,
  atol: 1e-12,
  hint: "Entry (i, c) is z[i*n + c]. Columns c < nE are excitatory: +aE·|z|/√N; the others inhibitory: −aI·|z|/√N.",
});

defineFunctionQuestion({
  id: "21.daleSpectrum",
  title: "Dale-constrained chaos: predict and measure the bulk and the outlier",
  name: "daleSpectrum",
  points: 3,
  depth: "analysis",
  cases: (): FunctionCase[] => [
    [20, 16, 1, 2, 2171],
    [40, 20, 2, 1.5, 2172],
    [30, 24, 1.2, 3, 2173],
  ].map(([n, nE, aE, aI, seed]) => {
    const j = strictDaleMatrixReference(new Rng(seed).normalArray(n * n), n, nE, aE, aI);
    return { args: [j, n, nE, aE, aI], expected: daleSpectrumReference(j, n, nE, aE, aI) as unknown as FunctionCase["expected"], label: `daleSpectrum(N = ${n}, nE = ${nE}, aE = ${aE}, aI = ${aI})` };
  }),
  rtol: 1e-7,
  atol: 1e-10,
  hint:
    "With m = √(2/π) and f = nE/N: predictedRadius = √((1 − m²)(f·aE² + (1 − f)·aI²)) (the square root of N times the mean entry variance); predictedOutlier = m·(nE·aE − (N − nE)·aI)/√N. " +
    "From eigenvalues(J, n): rightmost = the largest real part; bulkRadius = the largest |λ| over all the other eigenvalues (leave out that one index).",
});

// ------------------------------------------------------------------ 10. Newton step to a fixed point
defineFunctionQuestion({
  id: "21.newtonStep",
  title: "One Newton step toward a fixed point of a rate network",
  name: "newtonStep",
  points: 2,
  depth: "step",
  cases: (): FunctionCase[] => [
    [1, 0.5, 2181],
    [3, 1.5, 2182],
    [6, 2, 2183],
  ].map(([n, g, seed]) => {
    const rng = new Rng(seed);
    const j = rng.normalArray(n * n, 0, g / Math.sqrt(n));
    const input = rng.normalArray(n, 0, 0.5);
    const h = rng.normalArray(n);
    return {
      args: [j, n, input, h],
      expected: newtonStepReference(j, n, input, h),
      label: `newtonStep(N = ${n}, g = ${g})`,
      mistakes: [
        { value: Array.from(newtonVariant(j, n, input, h, false, -1)), message: "you stepped along +DF⁻¹F; Newton's step is h − DF(h)⁻¹F(h)." },
        { value: Array.from(newtonVariant(j, n, input, h, true, 1)), message: "the Jacobian misses the slope: DF = −I + J·diag(1 − tanh²h), not −I + J." },
      ],
    };
  }),
  rtol: 1e-8,
  atol: 1e-12,
  pure: true,
  hint: "F_i = −h_i + Σ_c J_ic tanh(h_c) + I_i; DF_ic = J_ic (1 − tanh²h_c) − [i = c]; Δ = solveLinear(DF, F, n); return h − Δ (a new array).",
});

// ------------------------------------------------------------------ 11. teacher forcing vs free running
defineFunctionQuestion({
  id: "21.rollout",
  title: "Teacher forcing against a free-running rollout",
  name: "rollout",
  points: 2,
  depth: "loop",
  cases: (): FunctionCase[] => [
    [2, 5, 2191, true],
    [2, 5, 2191, false],
    [4, 12, 2192, false],
    [4, 12, 2192, true],
  ].map(([H, T, seed, tf]) => {
    const k = rolloutCase(H as number, T as number, seed as number);
    const other = rolloutReference(k.w, k.v, k.c, k.xs, k.h0, !tf);
    return {
      args: [k.w, k.v, k.c, k.xs, k.h0, tf],
      expected: rolloutReference(k.w, k.v, k.c, k.xs, k.h0, tf as boolean),
      label: `rollout(H = ${H}, T = ${T}, teacherForcing = ${tf})`,
      mistakes: [
        {
          value: Array.from(other),
          message: tf
            ? "with teacher forcing the input at step t is the true value xs[t], not the model's own previous prediction."
            : "free running feeds the model its own previous prediction y_{t−1} (after xs[0]); you fed the true values (that is teacher forcing).",
        },
      ],
    };
  }),
  rtol: 1e-9,
  atol: 1e-12,
  hint: "Loop t = 0..T−1: input = xs[t] if teacherForcing or t = 0, else y[t−1]; h = rnnStep(w, new Float64Array([input]), h); y[t] = c + Σ_k v[k]·h[k].",
});

// ------------------------------------------------------------------ 12. ESN ridge readout
defineFunctionQuestion({
  id: "21.esnReadout",
  title: "A ridge-regression readout for an echo state network",
  name: "esnReadout",
  points: 3,
  depth: "analysis",
  cases: (): FunctionCase[] => [
    [200, 2, 2201, 30, 0.9, 20, 120, 1e-6],
    [300, 5, 2202, 50, 0.95, 50, 150, 1e-4],
  ].map(([T, delay, seed, n, rho, washout, train, ridge]) => {
    const { u, y } = esnCase(T, delay, seed);
    const expected = esnReadoutReference(u, y, n, rho, seed, washout, train, ridge);
    return {
      args: [u, y, n, rho, seed, washout, train, ridge],
      expected,
      label: `esnReadout(N = ${n}, ρ = ${rho}, delay ${delay}, washout ${washout}, train ${train})`,
      mistakes: [{ value: Array.from(esnReadoutReference(u, y, n, rho, seed, 0, washout + train, ridge)), message: "the washout states were kept in the training set; drop the first `washout` states (the reservoir still remembers its initial state there)." }],
    };
  }),
  rtol: 1e-6,
  atol: 1e-9,
  hint:
    "esn = new EchoStateNetwork({ reservoirSize: n, spectralRadius: rho, density: 0.2, rng: new Rng(seed) }); X = esn.run(u) is [T, n]. Train rows washout .. washout+trainLength−1, test rows after that. " +
    "W = ridgeRegression(Xtrain, n, ytrain, 1, ridge); predictions applyRidgeReadout(W, X…, n, 1); return [nrmse(train), nrmse(test)].",
});

// ------------------------------------------------------------------ 13. Adam
defineFunctionQuestion({
  id: "21.adamRun",
  title: "Adam, step by step",
  name: "adamRun",
  points: 2,
  depth: "loop",
  cases: () => {
    const rng = new Rng(2211);
    const grads3 = Array.from({ length: 6 }, () => Array.from(rng.normalArray(3)));
    const grads2 = Array.from({ length: 20 }, (_, t) => [Math.cos(t), 0.01 * (t - 10)]);
    return [
      { args: [new Float64Array([1]), [[2]], 0.1, 0.9, 0.999, 1e-8], label: "adamRun(one step: θ moves by about lr)" },
      { args: [new Float64Array([0.5, -1, 2]), grads3, 0.01, 0.9, 0.999, 1e-8], label: "adamRun(6 random gradients)" },
      { args: [new Float64Array([0, 0]), grads2, 0.05, 0.8, 0.99, 1e-6], label: "adamRun(20 steps, β = (0.8, 0.99))" },
    ].map((c) => {
      const [t0, g, lr, b1, b2, eps] = c.args as [Float64Array, number[][], number, number, number, number];
      return {
        ...c,
        expected: adamRunReference(t0, g, lr, b1, b2, eps),
        mistakes: [{ value: adamNoBiasCorrection(t0, g, lr, b1, b2, eps), message: "the bias correction is missing: divide m by 1 − β1^t and v by 1 − β2^t (t = 1, 2, …), or the first steps are far too small." }],
      };
    });
  },
  rtol: 1e-9,
  atol: 1e-12,
  pure: true,
  hint: "t counts from 1. m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²; θ ← θ − lr·(m/(1 − β1^t)) / (√(v/(1 − β2^t)) + ε). Work on a copy of theta0.",
});

// ------------------------------------------------------------------ 14. softmax cross-entropy gradient
defineFunctionQuestion({
  id: "21.crossEntropyGrad",
  title: "The gradient of softmax cross-entropy, numerically stable",
  name: "crossEntropyGrad",
  points: 2,
  depth: "step",
  cases: () => {
    const rng = new Rng(2221);
    return [
      { logits: new Float64Array([1, 2, 3]), targets: [2], K: 3, label: "one row" },
      { logits: rng.normalArray(12, 0, 2), targets: [0, 3, 1], K: 4, label: "N = 3 rows of K = 4" },
      { logits: new Float64Array([1000, 0, -1000, 999]), targets: [1, 0], K: 2, label: "huge logits (exp overflows unless you subtract the row maximum)" },
    ].map(({ logits, targets, K, label }) => {
      const N = targets.length;
      const expected = crossEntropyGradReference(logits, targets, K);
      const softmaxOnly = Array.from(expected, (g, i) => g + (targets[Math.floor(i / K)] === i % K ? 1 / N : 0));
      return {
        args: [logits, targets, K],
        expected,
        label: `crossEntropyGrad(${label})`,
        mistakes: [
          { value: Array.from(expected, (g) => g * N), message: "this is the gradient of the summed loss; the loss is the mean over the N rows (divide by N)." },
          { value: softmaxOnly, message: "the one-hot target is not subtracted: ∂L/∂z = (softmax(z) − onehot(y))/N." },
        ],
      };
    });
  },
  rtol: 1e-9,
  atol: 1e-12,
  hint: "Per row r: p = softmax(z_r) computed as exp(z − max z_r)/Σ exp(z − max z_r); grad = (p − onehot(targets[r]))/N.",
});

// ------------------------------------------------------------------ 15. Hopfield recall
defineFunctionQuestion({
  id: "21.hopfieldRecall",
  title: "Memory recall in a Hopfield network",
  name: "hopfieldRecall",
  points: 2,
  depth: "loop",
  cases: (): FunctionCase[] => [
    [8, 1, 2, 2231, 1],
    [30, 3, 6, 2232, 3],
    [40, 8, 10, 2233, 2],
    [12, 4, 5, 2234, 1],
  ].map(([n, p, flips, seed, sweeps]) => {
    const { patterns, probe } = hopfieldCase(n, p, flips, seed);
    const expected = hopfieldRecallReference(patterns, probe, sweeps);
    const mistakes = [
      { value: hopfieldVariant(patterns, probe, sweeps, true, false), message: "this is a synchronous update (all units from the old state); update asynchronously, unit by unit, each using the states already updated in this sweep." },
      { value: hopfieldVariant(patterns, probe, sweeps, false, true), message: "the self-couplings W_ii were kept; set the diagonal of the Hebbian matrix to zero." },
    ].filter((m) => m.value.some((x, i) => x !== expected[i]));
    return { args: [patterns, probe, sweeps], expected, label: `hopfieldRecall(N = ${n}, ${p} pattern(s), ${flips} flipped, ${sweeps} sweep(s))`, mistakes };
  }),
  rtol: 0,
  atol: 0,
  pure: true,
  hint: "W_ij = (1/N) Σ_μ ξ_i ξ_j for i ≠ j, W_ii = 0. For each sweep, for i = 0..N−1 in order: f = Σ_j W_ij s_j with the current s; s_i = +1 if f > 0, −1 if f < 0, unchanged if f = 0. Return a new array.",
});
