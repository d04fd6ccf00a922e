/** Questions of notebook 11_exposure_bias_and_scheduled_sampling. */
import { Rng } from "rnnlab";
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Reference for 11.inverseSigmoidEpsilon: ε_i = k / (k + exp(i/k)). */
export function inverseSigmoidEpsilonReference(i: number, k: number): number {
  return k / (k + Math.exp(i / k));
}

/** Reference for 11.compounding: the mean of the last n errors over the mean of the first n. */
export function errorGrowthReference(errors: number[], n: number): number {
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return mean(errors.slice(errors.length - n)) / mean(errors.slice(0, n));
}

defineFunctionQuestion({
  id: "11.inverseSigmoidEpsilon",
  title: "Inverse-sigmoid decay ε_i = k / (k + exp(i/k))",
  name: "inverseSigmoidEpsilon",
  points: 2,
  depth: "formula",
  cases: () => [
    { args: [0, 10], expected: 10 / 11 },
    { args: [100, 50], expected: 50 / (50 + Math.exp(2)) },
    { args: [1000, 20], expected: 20 / (20 + Math.exp(50)) },
  ],
  rtol: 1e-9,
  atol: 1e-15,
  hint: "Use Math.exp(i / k); at i = 0 the value is k/(k+1), close to 1 for large k.",
});

/**
 * Reference for 11.chooseInput: the inputs of one scheduled-sampling pass with a first-order toy
 * model whose prediction after token a is nextOf[a]: input_0 = truth_0, and for t ≥ 1
 * input_t = truth_t if u_t < ε, else the model's own prediction nextOf[input_{t−1}].
 */
export function scheduledInputsReference(truth: number[], nextOf: number[], epsilon: number, uniforms: number[]): number[] {
  const inputs = [truth[0]];
  for (let t = 1; t < truth.length; t++) inputs.push(uniforms[t] < epsilon ? truth[t] : nextOf[inputs[t - 1]]);
  return inputs;
}

/** The slip 11.chooseInput names: the model's prediction made from the TRUE previous token, not from what was fed. */
function scheduledInputsFromTruth(truth: number[], nextOf: number[], epsilon: number, uniforms: number[]): number[] {
  return truth.map((v, t) => (t === 0 || uniforms[t] < epsilon ? v : nextOf[truth[t - 1]]));
}

defineFunctionQuestion({
  id: "11.chooseInput",
  title: "The inputs of one scheduled-sampling pass: a coin flip per step",
  name: "scheduledInputs",
  points: 2,
  depth: "loop",
  cases: () => {
    const rng = new Rng(1111);
    const nextOf = [1, 2, 3, 0];
    const cases: [number[], number[], number, number[]][] = [
      [[0, 1, 2, 3, 0], nextOf, 1, [0.5, 0.5, 0.5, 0.5, 0.5]],
      [[2, 2, 2, 2, 2, 2], nextOf, 0, [0, 0, 0, 0, 0, 0]],
      [[0, 3, 1, 1, 2, 0, 3, 3], nextOf, 0.5, [0.9, 0.1, 0.7, 0.6, 0.2, 0.8, 0.95, 0.3]],
      [Array.from({ length: 30 }, () => rng.int(0, 4)), [2, 0, 3, 1], 0.3, Array.from(rng.uniformArray(30))],
    ];
    const names = ["teacher forcing (ε = 1)", "free running (ε = 0): the model feeds itself", "ε = 0.5", "30 steps, ε = 0.3"];
    return cases.map((args, k) => ({
      args,
      expected: scheduledInputsReference(...args),
      label: `scheduledInputs: ${names[k]}`,
      mistakes: [{ value: scheduledInputsFromTruth(...args), message: "the model's own token comes from what it was FED at the previous step (its own previous input), not from the true previous token: that is how errors compound." }].filter(
        (m) => JSON.stringify(m.value) !== JSON.stringify(scheduledInputsReference(...args)),
      ),
    }));
  },
  pure: true,
  hint: "inputs[0] = truth[0]; for t = 1 … T−1: own = nextOf[inputs[t−1]] (the model's prediction from what it was fed), inputs[t] = uniforms[t] < ε ? truth[t] : own.",
});

defineFunctionQuestion({
  id: "11.compounding",
  title: "Error growth over the generation horizon",
  name: "errorGrowth",
  points: 1,
  depth: "formula",
  cases: () => [
    { args: [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], 2], expected: 0.55 / 0.15 },
    { args: [[1, 1, 1, 1], 1], expected: 1 },
    { args: [[0.5, 0.1, 0.2, 2], 2], expected: 1.1 / 0.3 },
  ],
  rtol: 1e-9,
  hint: "Mean of the last n errors divided by the mean of the first n.",
});
