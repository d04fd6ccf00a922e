/** Questions of notebook 00_getting_started. */
import { defineQuestion } from "../registry";
import { expectFunction } from "../expect";

defineQuestion({
  id: "00.sigmoid",
  title: "The logistic sigmoid",
  symbols: ["sigmoid"],
  points: 2,
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [0], expected: 0.5 },
        { args: [2], expected: 1 / (1 + Math.exp(-2)) },
        { args: [-3], expected: 1 / (1 + Math.exp(3)) },
      ],
      { name: "sigmoid", hint: "σ(x) = 1 / (1 + e^(−x)); use Math.exp." },
    ),
});
