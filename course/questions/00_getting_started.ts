/** Questions of notebook 00_getting_started. */
import { Rng } from "rnnlab";
import { defineFunctionQuestion, defineQuestion, expectNumber } from "rnnlab/exercises";

/** Reference for 00.sigmoid: σ(x) = 1 / (1 + e^(−x)). */
export function sigmoidReference(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

defineFunctionQuestion({
  id: "00.sigmoid",
  title: "The logistic sigmoid",
  name: "sigmoid",
  points: 2,
  depth: "formula",
  cases: () => [
    { args: [0], expected: sigmoidReference(0) },
    { args: [2], expected: sigmoidReference(2) },
    { args: [-3], expected: sigmoidReference(-3) },
  ],
  hint: "σ(x) = 1 / (1 + e^(−x)); use Math.exp.",
});

/** The fraction of `n` standard normal samples from `new Rng(seedValue)` with |z| > 2. */
export function tailFractionReference(seedValue: number, n: number): number {
  const z = new Rng(seedValue).normalArray(n);
  let count = 0;
  for (let i = 0; i < n; i++) if (Math.abs(z[i]) > 2) count++;
  return count / n;
}

defineQuestion({
  id: "00.tailFraction",
  title: "Reproducible sampling: how often is |z| > 2?",
  symbols: ["tailFraction"],
  points: 1,
  depth: "analysis",
  test: (answer) =>
    expectNumber(answer, tailFractionReference(2024, 10000), {
      name: "tailFraction",
      rtol: 0,
      atol: 1e-12,
      hint: "Draw z = new Rng(2024).normalArray(10000) (or seed(2024) then defaultRng.normalArray(10000)), count the samples with Math.abs(z[i]) > 2 and divide by 10000.",
    }),
});
