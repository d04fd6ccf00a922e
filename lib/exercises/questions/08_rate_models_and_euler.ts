/** Questions of notebook 08_rate_models_and_euler. */
import { defineQuestion } from "../registry";
import { expectFunction, expectNumber } from "../expect";

defineQuestion({
  id: "08.leakyStep",
  title: "One forward-Euler step of a rate network (the leaky average)",
  symbols: ["leakyStep"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[0.5, -0.2], [1, 0], 1], expected: [Math.tanh(1), 0], label: "leakyStep([0.5, -0.2], [1, 0], 1)" },
        { args: [[0.5, -0.2], [1, 0], 0.1], expected: [0.9 * 0.5 + 0.1 * Math.tanh(1), 0.9 * -0.2], label: "leakyStep([0.5, -0.2], [1, 0], 0.1)" },
        { args: [[2], [-3], 0.5], expected: [1 + 0.5 * Math.tanh(-3)], label: "leakyStep([2], [-3], 0.5)" },
      ],
      { name: "leakyStep", hint: "h_new[i] = (1 − α)·h[i] + α·tanh(drive[i]); return a new array of the same length." },
    ),
});

defineQuestion({
  id: "08.criticalStep",
  title: "The step size where forward Euler starts to explode",
  symbols: ["dtCritical"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectNumber(answer, 2 / 3.2, {
      name: "dtCritical",
      hint: "Euler multiplies y by (1 − kΔt) each step; find the Δt where |1 − kΔt| crosses 1 (k = 3.2 per second here).",
      mistakes: [{ value: 1 / 3.2, message: "at that step 1 − kΔt = 0: the solution jumps to 0 in one step, but it does not explode yet; it explodes when 1 − kΔt < −1." }],
    }),
});

defineQuestion({
  id: "08.gradientAfter",
  title: "The gradient of a linear RNN after 30 backward steps",
  symbols: ["gradientAfter30"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectNumber(answer, 0.9 ** 30, {
      rtol: 1e-9,
      name: "gradientAfter30",
      hint: "With a = 1 − kΔt the gradient is multiplied by a at each backward step; its norm is the absolute value of the product of 30 such factors.",
    }),
});
