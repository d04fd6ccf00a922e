/** Questions of notebook 13_plasticity_dale_and_balance. */
import { defineFunctionQuestion } from "rnnlab/exercises";

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

defineFunctionQuestion({
  id: "13.spikeUpdate",
  title: "The Tsodyks–Markram jump at a presynaptic spike",
  name: "spikeUpdate",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [0.2, 1, 0.2], expected: [0.36, 0.36, 0.64], label: "spikeUpdate(u = 0.2, x = 1, U = 0.2)" },
    { args: [0.5, 0.4, 0.2], expected: [0.6, 0.24, 0.16], label: "spikeUpdate(u = 0.5, x = 0.4, U = 0.2)" },
  ],
  hint: "First u⁺ = u + U(1 − u); the released fraction is u⁺·x; then x⁺ = x − u⁺·x. Return [u⁺, u⁺·x, x⁺].",
});

defineFunctionQuestion({
  id: "13.daleGradient",
  title: "The gradient through W = |W̃| D",
  name: "daleGradient",
  points: 2,
  depth: "formula",
  cases: () => [
    { args: [0.3, 0.5, 1], expected: 0.3, label: "daleGradient(gW = 0.3, wTilde = 0.5, sign = +1)" },
    { args: [0.3, -0.5, 1], expected: -0.3, label: "daleGradient(gW = 0.3, wTilde = −0.5, sign = +1)" },
    { args: [0.3, 0.5, -1], expected: -0.3, label: "daleGradient(gW = 0.3, wTilde = 0.5, sign = −1)" },
    { args: [-2, -0.1, -1], expected: -2, label: "daleGradient(gW = −2, wTilde = −0.1, sign = −1)" },
  ],
  hint: "W_ij = |W̃_ij| s_j, so ∂W_ij/∂W̃_ij = s_j · sign(W̃_ij).",
});

/**
 * Reference for 13.balancedRates: forward Euler (step dt, `steps` steps, from m = [0, 0]) on the
 * mean-field equations of the balanced network with threshold-linear units,
 * dm_E/dt = −m_E + [√K (J_E0 m0 + J_EE m_E + J_EI m_I)]₊, dm_I/dt = −m_I + [√K (J_I0 m0 + J_IE m_E + J_II m_I)]₊,
 * with the notebook's couplings (τ_E = τ_I = 1); returns the final [m_E, m_I].
 */
export function meanFieldRatesReference(K: number, dt: number, steps: number): number[] {
  const [JEE, JEI, JIE, JII, JE0, JI0, m0] = [1, -2, 1, -1.8, 1, 0.5, 0.1];
  let mE = 0;
  let mI = 0;
  const sk = Math.sqrt(K);
  for (let s = 0; s < steps; s++) {
    const inE = Math.max(0, sk * (JE0 * m0 + JEE * mE + JEI * mI));
    const inI = Math.max(0, sk * (JI0 * m0 + JIE * mE + JII * mI));
    mE += dt * (-mE + inE);
    mI += dt * (-mI + inI);
  }
  return [mE, mI];
}

defineFunctionQuestion({
  id: "13.balancedRates",
  title: "The mean-field rates of the balanced network, simulated: they approach the balance solution as K grows",
  name: "meanFieldRates",
  points: 2,
  depth: "analysis",
  cases: () => [
    [1, 0.1, 1],
    [100, 0.02, 500],
    [10000, 0.002, 4000],
  ].map(([K, dt, steps]) => ({
    args: [K, dt, steps],
    expected: meanFieldRatesReference(K, dt, steps),
    label: `meanFieldRates(K = ${K}, dt = ${dt}, ${steps} step${steps > 1 ? "s" : ""})`,
    mistakes: [{ value: balancedRatesReference(), message: "those are the K → ∞ balance rates solved directly; simulate the mean-field equations at this K (the check compares the end of your simulation)." }],
  })),
  rtol: 1e-9,
  atol: 1e-12,
  hint: "Start from m_E = m_I = 0. Each step: both inputs from the OLD rates, in_E = max(0, √K·(J_E0·m0 + J_EE·m_E + J_EI·m_I)), in_I likewise; then m_E += dt·(−m_E + in_E), m_I += dt·(−m_I + in_I). Return [m_E, m_I].",
});
