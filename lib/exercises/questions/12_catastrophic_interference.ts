/** Questions of notebook 12_catastrophic_interference. */
import { defineQuestion } from "../registry";
import { expectFunction } from "../expect";

defineQuestion({
  id: "12.firstOrderForgetting",
  title: "First-order forgetting −η ∇L_A·∇L_B",
  symbols: ["firstOrderForgetting"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[1, 2], [3, -1], 0.1], expected: -0.1 * (3 - 2) },
        { args: [[1, 0, 0], [0, 5, 1], 0.5], expected: 0, label: "orthogonal gradients" },
        { args: [[2, -1], [-2, 1], 0.01], expected: 0.05, label: "opposite gradients" },
      ],
      { name: "firstOrderForgetting", rtol: 1e-9, atol: 1e-12, hint: "A step θ ← θ − η∇L_B changes L_A by ∇L_A·Δθ = −η Σ_i gradA[i]·gradB[i]." },
    ),
});

defineQuestion({
  id: "12.secondOrderForgetting",
  title: "Second-order forgetting ½η² ∇L_Bᵀ H_A ∇L_B",
  symbols: ["secondOrderForgetting"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[0, 2], [0, 2], 0.1], expected: 0.5 * 0.01 * 4 },
        { args: [[1, -1, 3], [0.5, 2, 1], 0.2], expected: 0.5 * 0.04 * (0.5 - 2 + 3) },
        { args: [[1, 1], [0, 0], 3], expected: 0, label: "B's step along a flat direction of A" },
      ],
      { name: "secondOrderForgetting", rtol: 1e-9, atol: 1e-12, hint: "Δθ = −η∇L_B, so ½ Δθᵀ H_A Δθ = ½ η² ∇L_B·(H_A ∇L_B): a dot product of gradB with hessianAGradB." },
    ),
});

defineQuestion({
  id: "12.ewcPenalty",
  title: "The EWC penalty (λ/2) Σ F_i (θ_i − θ*_i)²",
  symbols: ["ewcPenaltyValue"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[1, 2], [1, 2], [5, 5], 10], expected: 0, label: "at the anchor" },
        { args: [[1.5, 2], [1, 0], [2, 0], 4], expected: 0.5 * 4 * 2 * 0.25, label: "a zero-Fisher parameter moves freely" },
        { args: [[0, 1, 2], [1, 1, 1], [1, 2, 3], 0.5], expected: 0.25 * (1 + 0 + 3) },
      ],
      { name: "ewcPenaltyValue", rtol: 1e-9, atol: 1e-12, hint: "Sum F_i·(θ_i − θ*_i)² over i, then multiply by λ/2." },
    ),
});
