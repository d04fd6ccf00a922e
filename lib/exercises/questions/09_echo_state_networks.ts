/** Questions of notebook 09_echo_state_networks. */
import { defineQuestion } from "../registry";
import { expectFunction } from "../expect";

function refNrmse(p: number[], d: number[]): number {
  const m = d.reduce((a, b) => a + b, 0) / d.length;
  let e = 0;
  let v = 0;
  for (let i = 0; i < d.length; i++) {
    e += (p[i] - d[i]) ** 2;
    v += (d[i] - m) ** 2;
  }
  return Math.sqrt(e / v);
}

defineQuestion({
  id: "09.nrmse",
  title: "Normalised root-mean-square error",
  symbols: ["nrmseOf"],
  points: 2,
  depth: "step",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[1, 2, 3], [1, 2, 3]], expected: 0, label: "nrmseOf([1, 2, 3], [1, 2, 3])" },
        { args: [[2, 2, 2], [1, 2, 3]], expected: 1, label: "nrmseOf([2, 2, 2], [1, 2, 3]) (predicting the mean)" },
        { args: [[0.5, 1.5, 3.5, 3], [1, 2, 3, 4]], expected: refNrmse([0.5, 1.5, 3.5, 3], [1, 2, 3, 4]), label: "nrmseOf([0.5, 1.5, 3.5, 3], [1, 2, 3, 4])" },
      ],
      { name: "nrmseOf", hint: "sqrt( Σ (p − d)² / Σ (d − mean(d))² ); predicting the mean of the target gives exactly 1." },
    ),
});

defineQuestion({
  id: "09.ridge1d",
  title: "Ridge regression with one feature",
  symbols: ["ridge1d"],
  points: 2,
  depth: "formula",
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[1, 2, 3], [2, 4, 6], 0], expected: 2, label: "ridge1d([1, 2, 3], [2, 4, 6], 0)" },
        { args: [[1, 2, 3], [2, 4, 6], 14], expected: 1, label: "ridge1d([1, 2, 3], [2, 4, 6], 14)" },
        { args: [[1, -1], [3, 1], 0.5], expected: 2 / 2.5, label: "ridge1d([1, -1], [3, 1], 0.5)" },
      ],
      { name: "ridge1d", hint: "Minimise Σ (y − w x)² + λ w²: set the derivative to zero, w = Σ x y / (Σ x² + λ)." },
    ),
});
