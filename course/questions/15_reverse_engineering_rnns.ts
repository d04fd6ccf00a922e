/** Questions of notebook 15_reverse_engineering_rnns. */
import { Rng, speedGradient, tanhRnnMap } from "rnnlab";
import { defineFunctionQuestion } from "rnnlab/exercises";

/** A random leaky tanh network (W, b) of size n and a state h, for test cases. */
function randomCase(seed: number, n: number, gain: number): { w: Float64Array; b: Float64Array; h: Float64Array } {
  const rng = new Rng(seed);
  const w = Float64Array.from({ length: n * n }, () => rng.normal(0, gain / Math.sqrt(n)));
  return { w, b: Float64Array.from(rng.normalArray(n, 0, 0.3)), h: Float64Array.from(rng.normalArray(n, 0, 0.5)) };
}

/** Reference: ∇q of F(h) = (1 − α)h + α tanh(W h + b). */
export function qGradientReference(w: Float64Array, b: Float64Array, h: Float64Array, leak: number): Float64Array {
  return speedGradient(tanhRnnMap({ weight: w, bias: b, leak }), h).grad;
}

/** Reference: `steps` plain gradient-descent steps h ← h − lr ∇q(h). */
export function descendSpeedReference(w: Float64Array, b: Float64Array, h0: Float64Array, leak: number, lr: number, steps: number): Float64Array {
  const map = tanhRnnMap({ weight: w, bias: b, leak });
  let h = Float64Array.from(h0);
  for (let s = 0; s < steps; s++) {
    const g = speedGradient(map, h).grad;
    h = h.map((v, i) => v - lr * g[i]);
  }
  return h;
}

/** Reference: the Jacobian (1 − α)I + α diag(1 − tanh²(W h + b)) W, row-major. */
export function jacobianReference(w: Float64Array, b: Float64Array, h: Float64Array, leak: number): Float64Array {
  return tanhRnnMap({ weight: w, bias: b, leak }).jacobian(h);
}

/** Reference for 15.unstableDirections: how many moduli are strictly greater than 1. */
export function unstableDirectionsReference(moduli: ArrayLike<number>): number {
  return Array.from(moduli).filter((m) => m > 1).length;
}

/** Reference: the smallest k with Σ_{j<k} σ_j² ≥ fraction · Σ σ_j². */
export function energyRankReference(s: ArrayLike<number>, fraction: number): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) total += s[i] * s[i];
  let acc = 0;
  for (let k = 0; k < s.length; k++) {
    acc += s[k] * s[k];
    if (acc >= fraction * total) return k + 1;
  }
  return s.length;
}

defineFunctionQuestion({
  id: "15.qGradient",
  title: "The gradient of the speed q(h) = ½‖F(h) − h‖²",
  name: "qGradient",
  points: 2,
  depth: "step",
  cases: () => [
    { seed: 1, n: 3, gain: 1, leak: 1 },
    { seed: 2, n: 6, gain: 1.5, leak: 0.5 },
    { seed: 3, n: 10, gain: 2, leak: 0.2 },
  ].map(({ seed, n, gain, leak }) => {
    const { w, b, h } = randomCase(seed, n, gain);
    return { args: [w, b, h, leak], expected: qGradientReference(w, b, h, leak), label: `qGradient(N = ${n}, leak ${leak})` };
  }),
  rtol: 1e-8,
  atol: 1e-12,
  hint: "With t = tanh(W h + b), r = F(h) − h and d_i = α(1 − t_i²): grad_k = Σ_i ((1 − α)δ_ik + d_i W_ik) r_i − r_k.",
});

defineFunctionQuestion({
  id: "15.descendSpeed",
  title: "Gradient descent on q: a loop of steps h ← h − η ∇q(h)",
  name: "descendSpeed",
  points: 2,
  depth: "loop",
  cases: () => [
    { seed: 4, n: 4, leak: 1, lr: 0.1, steps: 1 },
    { seed: 5, n: 8, leak: 0.5, lr: 0.5, steps: 25 },
    { seed: 6, n: 5, leak: 0.2, lr: 1, steps: 0 },
  ].map(({ seed, n, leak, lr, steps }) => {
    const { w, b, h } = randomCase(seed, n, 1.2);
    return { args: [w, b, h, leak, lr, steps], expected: descendSpeedReference(w, b, h, leak, lr, steps), label: `descendSpeed(N = ${n}, leak ${leak}, lr ${lr}, ${steps} steps)` };
  }),
  rtol: 1e-8,
  atol: 1e-12,
  hint: "Start from a copy of h0 (do not modify it); repeat `steps` times: g = speedGradient(map, h).grad; h[i] -= lr·g[i]. With 0 steps return the start.",
});

defineFunctionQuestion({
  id: "15.jacobianAt",
  title: "The Jacobian of the leaky network's step at a point",
  name: "jacobianAt",
  points: 2,
  depth: "step",
  cases: () => [
    { seed: 7, n: 2, leak: 1 },
    { seed: 8, n: 5, leak: 0.5 },
    { seed: 9, n: 7, leak: 0.1 },
  ].map(({ seed, n, leak }) => {
    const { w, b, h } = randomCase(seed, n, 1.5);
    return { args: [w, b, h, leak], expected: jacobianReference(w, b, h, leak), label: `jacobianAt(N = ${n}, leak ${leak})` };
  }),
  rtol: 1e-9,
  atol: 1e-12,
  hint: "J[i*N + k] = (1 − α)·[i = k] + α·(1 − t_i²)·W[i*N + k] with t = tanh(W h + b): row i is scaled by the slope of unit i.",
});

defineFunctionQuestion({
  id: "15.unstableDirections",
  title: "Count the unstable directions of a fixed point",
  name: "unstableDirections",
  points: 1,
  depth: "formula",
  cases: () => [
    { args: [[0.5, 0.9, 0.99]], expected: 0 },
    { args: [[1.2, 0.9, 0.3]], expected: 1 },
    { args: [[1.5, 1.5, 1.01, 1, 0.2]], expected: 3, label: "unstableDirections([1.5, 1.5, 1.01, 1, 0.2]) (|λ| = 1 exactly is not unstable)" },
  ],
  hint: "Count the moduli strictly greater than 1.",
});

defineFunctionQuestion({
  id: "15.energyRank",
  title: "How many directions carry a fraction of ‖ΔW‖²?",
  name: "energyRank",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[3, 0, 0], 0.9], expected: 1 },
    { args: [[2, 2, 1], 0.5], expected: 2, label: "energyRank([2, 2, 1], 0.5) (energies 4, 4, 1: the first holds 4/9 < 0.5)" },
    { args: [[2, 2, 1], 0.9], expected: 3 },
    { args: [[1, 1, 1, 1], 1], expected: 4 },
    { args: [[4, 3, 2, 1, 0.5], 0.95], expected: energyRankReference([4, 3, 2, 1, 0.5], 0.95) },
  ],
  hint: "Energies are σ_j² (squared!). Accumulate them in order and return the first k (counting from 1) with cumulative ≥ fraction·total.",
});
