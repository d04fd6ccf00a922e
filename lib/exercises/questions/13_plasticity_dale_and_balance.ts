/** Questions of notebook 13_plasticity_dale_and_balance. */
import { defineQuestion } from "../registry";
import { expectArray, expectFunction } from "../expect";

/** Reference for 13.spikeUpdate: [u⁺, u⁺·x, x − u⁺·x] at a presynaptic spike (Tsodyks–Markram). */
export function spikeUpdateReference(u: number, x: number, U: number): number[] {
  const uPlus = u + U * (1 - u);
  const released = uPlus * x;
  return [uPlus, released, x - released];
}

/** Reference for 13.daleGradient: ∂L/∂W̃ = ∂L/∂W · s_j · sign(W̃) for W = |W̃| D. */
export function daleGradientReference(gW: number, wTilde: number, sign: number): number {
  return gW * sign * Math.sign(wTilde);
}

/**
 * Reference for 13.balancedRates: the rates [m_E, m_I] at which the mean inputs vanish,
 * J_E0 m0 + J_EE m_E + J_EI m_I = 0 and J_I0 m0 + J_IE m_E + J_II m_I = 0 (the notebook's couplings).
 */
export function balancedRatesReference(): number[] {
  const [JEE, JEI, JIE, JII, JE0, JI0, m0] = [1, -2, 1, -1.8, 1, 0.5, 0.1];
  const det = JEE * JII - JEI * JIE;
  return [(-JE0 * m0 * JII + JEI * JI0 * m0) / det, (-JEE * JI0 * m0 + JIE * JE0 * m0) / det];
}

defineQuestion({
  id: "13.spikeUpdate",
  title: "The Tsodyks–Markram jump at a presynaptic spike",
  symbols: ["spikeUpdate"],
  points: 2,
  depth: "step",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [0.2, 1, 0.2], expected: [0.36, 0.36, 0.64], label: "spikeUpdate(u = 0.2, x = 1, U = 0.2)" },
        { args: [0.5, 0.4, 0.2], expected: [0.6, 0.24, 0.16], label: "spikeUpdate(u = 0.5, x = 0.4, U = 0.2)" },
      ],
      {
        name: "spikeUpdate",
        hint: "First u⁺ = u + U(1 − u); the released fraction is u⁺·x; then x⁺ = x − u⁺·x. Return [u⁺, u⁺·x, x⁺].",
      },
    ),
});

defineQuestion({
  id: "13.daleGradient",
  title: "The gradient through W = |W̃| D",
  symbols: ["daleGradient"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [0.3, 0.5, 1], expected: 0.3, label: "daleGradient(gW = 0.3, wTilde = 0.5, sign = +1)" },
        { args: [0.3, -0.5, 1], expected: -0.3, label: "daleGradient(gW = 0.3, wTilde = −0.5, sign = +1)" },
        { args: [0.3, 0.5, -1], expected: -0.3, label: "daleGradient(gW = 0.3, wTilde = 0.5, sign = −1)" },
        { args: [-2, -0.1, -1], expected: -2, label: "daleGradient(gW = −2, wTilde = −0.1, sign = −1)" },
      ],
      { name: "daleGradient", hint: "W_ij = |W̃_ij| s_j, so ∂W_ij/∂W̃_ij = s_j · sign(W̃_ij)." },
    ),
});

defineQuestion({
  id: "13.balancedRates",
  title: "Mean rates of the balanced state",
  symbols: ["balancedRates"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectArray(answer, balancedRatesReference(), {
      rtol: 1e-6,
      name: "balancedRates",
      hint: "Solve J_E0 m0 + J_EE m_E + J_EI m_I = 0 and J_I0 m0 + J_IE m_E + J_II m_I = 0 for [m_E, m_I] (a 2×2 linear system).",
    }),
});
