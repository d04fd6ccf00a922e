/** Questions of notebook 11_exposure_bias_and_scheduled_sampling. */
import { defineQuestion } from "../registry";
import { expectFunction } from "../expect";

defineQuestion({
  id: "11.inverseSigmoidEpsilon",
  title: "Inverse-sigmoid decay ε_i = k / (k + exp(i/k))",
  symbols: ["inverseSigmoidEpsilon"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [0, 10], expected: 10 / 11 },
        { args: [100, 50], expected: 50 / (50 + Math.exp(2)) },
        { args: [1000, 20], expected: 20 / (20 + Math.exp(50)) },
      ],
      { name: "inverseSigmoidEpsilon", rtol: 1e-9, atol: 1e-15, hint: "Use Math.exp(i / k); at i = 0 the value is k/(k+1), close to 1 for large k." },
    ),
});

defineQuestion({
  id: "11.chooseInput",
  title: "One scheduled-sampling coin flip",
  symbols: ["chooseInput"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [7, 3, 0.8, 0.5], expected: 7, label: "chooseInput(truth=7, own=3, ε=0.8, u=0.5)" },
        { args: [7, 3, 0.8, 0.9], expected: 3, label: "chooseInput(truth=7, own=3, ε=0.8, u=0.9)" },
        { args: [7, 3, 1, 0.999], expected: 7, label: "teacher forcing (ε=1)" },
        { args: [7, 3, 0, 0], expected: 3, label: "free running (ε=0, u=0)" },
      ],
      { name: "chooseInput", hint: "With u uniform in [0, 1), feed the truth when u < ε (probability ε), the model's own token otherwise." },
    ),
});

defineQuestion({
  id: "11.compounding",
  title: "Error growth over the generation horizon",
  symbols: ["errorGrowth"],
  points: 1,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], 2], expected: 0.55 / 0.15 },
        { args: [[1, 1, 1, 1], 1], expected: 1 },
        { args: [[0.5, 0.1, 0.2, 2], 2], expected: 1.1 / 0.3 },
      ],
      { name: "errorGrowth", rtol: 1e-9, hint: "Mean of the last n errors divided by the mean of the first n." },
    ),
});
