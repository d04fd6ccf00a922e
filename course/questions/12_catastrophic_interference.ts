/** Questions of notebook 12_catastrophic_interference. */
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Reference for 12.firstOrderForgetting: −η ∇L_A·∇L_B. */
export function firstOrderForgettingReference(gradA: ArrayLike<number>, gradB: ArrayLike<number>, eta: number): number {
  let dot = 0;
  for (let i = 0; i < gradA.length; i++) dot += gradA[i] * gradB[i];
  return -eta * dot;
}

/** Reference for 12.secondOrderForgetting: ½η² ∇L_B·(H_A ∇L_B). */
export function secondOrderForgettingReference(gradB: ArrayLike<number>, hessianAGradB: ArrayLike<number>, eta: number): number {
  let q = 0;
  for (let i = 0; i < gradB.length; i++) q += gradB[i] * hessianAGradB[i];
  return 0.5 * eta * eta * q;
}

defineFunctionQuestion({
  id: "12.firstOrderForgetting",
  title: "First-order forgetting −η ∇L_A·∇L_B",
  name: "firstOrderForgetting",
  points: 2,
  depth: "formula",
  cases: () => [
    { args: [[1, 2], [3, -1], 0.1], expected: -0.1 * (3 - 2) },
    { args: [[1, 0, 0], [0, 5, 1], 0.5], expected: 0, label: "orthogonal gradients" },
    { args: [[2, -1], [-2, 1], 0.01], expected: 0.05, label: "opposite gradients" },
  ],
  rtol: 1e-9,
  atol: 1e-12,
  hint: "A step θ ← θ − η∇L_B changes L_A by ∇L_A·Δθ = −η Σ_i gradA[i]·gradB[i].",
});

defineFunctionQuestion({
  id: "12.secondOrderForgetting",
  title: "Second-order forgetting ½η² ∇L_Bᵀ H_A ∇L_B",
  name: "secondOrderForgetting",
  points: 2,
  depth: "formula",
  cases: () => [
    { args: [[0, 2], [0, 2], 0.1], expected: 0.5 * 0.01 * 4 },
    { args: [[1, -1, 3], [0.5, 2, 1], 0.2], expected: 0.5 * 0.04 * (0.5 - 2 + 3) },
    { args: [[1, 1], [0, 0], 3], expected: 0, label: "B's step along a flat direction of A" },
  ],
  rtol: 1e-9,
  atol: 1e-12,
  hint: "Δθ = −η∇L_B, so ½ Δθᵀ H_A Δθ = ½ η² ∇L_B·(H_A ∇L_B): a dot product of gradB with hessianAGradB.",
});

/**
 * Reference for 12.ewcPenalty: `steps` proximal EWC steps on L_B(θ) = ½ Σ_i (θ_i − b_i)², from θ0:
 * θ_i ← (θ_i − η g_i + η λ F_i θ*_i) / (1 + η λ F_i) with g_i = θ_i − b_i (the notebook's update).
 */
export function ewcDescentReference(theta0: number[], target: number[], anchor: number[], fisher: number[], lambda: number, eta: number, steps: number): number[] {
  const theta = theta0.slice();
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < theta.length; i++) {
      const g = theta[i] - target[i];
      const k = eta * lambda * fisher[i];
      theta[i] = (theta[i] - eta * g + k * anchor[i]) / (1 + k);
    }
  }
  return theta;
}

/** The same loop with the penalty's gradient taken explicitly, θ ← θ − η(g + λF(θ − θ*)): the slip 12.ewcPenalty names. */
function ewcExplicitDescent(theta0: number[], target: number[], anchor: number[], fisher: number[], lambda: number, eta: number, steps: number): number[] {
  const theta = theta0.slice();
  for (let s = 0; s < steps; s++) for (let i = 0; i < theta.length; i++) theta[i] -= eta * (theta[i] - target[i] + lambda * fisher[i] * (theta[i] - anchor[i]));
  return theta;
}

defineFunctionQuestion({
  id: "12.ewcPenalty",
  title: "Training with the EWC springs: a loop of proximal steps",
  name: "ewcDescent",
  points: 2,
  depth: "loop",
  cases: () => {
    const cases: [number[], number[], number[], number[], number, number, number][] = [
      [[0, 0], [1, 1], [0, 0], [10, 0], 1, 0.5, 1],
      [[0.5, -1, 2], [2, 0, -1], [0.5, -1, 2], [0.1, 5, 50], 2, 0.3, 20],
      [[1, 1, 1, 1], [-1, 0, 1, 2], [1, 1, 1, 1], [0, 1, 100, 1e4], 1, 1, 7],
    ];
    return cases.map((args, k) => {
      const explicit = ewcExplicitDescent(...args);
      return {
        args,
        expected: ewcDescentReference(...args),
        label: `ewcDescent(${args[0].length} parameters, λ = ${args[4]}, η = ${args[5]}, ${args[6]} step${args[6] > 1 ? "s" : ""})${k === 2 ? " (a stiff spring: ηλF up to 10⁴)" : ""}`,
        mistakes: explicit.every(Number.isFinite) ? [{ value: explicit, message: "that is explicit gradient descent on L_B + penalty; apply the penalty with the proximal step θ_i ← (θ_i − η g_i + ηλF_i θ*_i)/(1 + ηλF_i)." }] : [],
      };
    });
  },
  rtol: 1e-9,
  atol: 1e-12,
  pure: true,
  hint: "Copy theta0. Each step, for every i: g_i = θ_i − target_i (the gradient of L_B), then θ_i ← (θ_i − η g_i + ηλF_i θ*_i)/(1 + ηλF_i). Return θ after `steps` steps.",
});
