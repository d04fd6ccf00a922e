/** Questions of notebook 09_echo_state_networks. */
import { nrmse, ridgeRegression } from "rnnlab";
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Reference for 09.nrmse: √(Σ(p − d)² / Σ(d − mean d)²), the library's `nrmse(prediction, target)`. */
export function nrmseOfReference(p: number[], d: number[]): number {
  return nrmse(p, d);
}

defineFunctionQuestion({
  id: "09.nrmse",
  title: "Normalised root-mean-square error",
  name: "nrmseOf",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[1, 2, 3], [1, 2, 3]], expected: 0, label: "nrmseOf([1, 2, 3], [1, 2, 3])" },
    { args: [[2, 2, 2], [1, 2, 3]], expected: 1, label: "nrmseOf([2, 2, 2], [1, 2, 3]) (predicting the mean)" },
    { args: [[0.5, 1.5, 3.5, 3], [1, 2, 3, 4]], expected: nrmseOfReference([0.5, 1.5, 3.5, 3], [1, 2, 3, 4]), label: "nrmseOf([0.5, 1.5, 3.5, 3], [1, 2, 3, 4])" },
  ],
  hint: "sqrt( Σ (p − d)² / Σ (d − mean(d))² ); predicting the mean of the target gives exactly 1.",
});

/**
 * The closed form of a one-feature ridge fit with an intercept: [w, b] minimising
 * Σ_t (y_t − w x_t − b)² + λ w² (+ λ b² with `penalizeIntercept`, a slip named in the feedback),
 * the 2×2 system [Σx² + λ, Σx; Σx, T (+ λ)] [w; b] = [Σxy; Σy].
 */
function ridgeClosedForm(x: number[], y: number[], lambda: number, penalizeIntercept: boolean): number[] {
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < x.length; t++) {
    sx += x[t];
    sy += y[t];
    sxx += x[t] * x[t];
    sxy += x[t] * y[t];
  }
  const a = sxx + lambda;
  const d = x.length + (penalizeIntercept ? lambda : 0);
  const det = a * d - sx * sx;
  return [(sxy * d - sx * sy) / det, (a * sy - sx * sxy) / det];
}

/**
 * Reference for 09.ridge1d: the library's readout (`ridgeRegression`, the intercept not penalised)
 * with one feature: [w, b] minimising Σ_t (y_t − w x_t − b)² + λ w².
 */
export function ridgeWithInterceptReference(x: number[], y: number[], lambda: number): number[] {
  return Array.from(ridgeRegression(Float64Array.from(x), 1, y, 1, lambda));
}

defineFunctionQuestion({
  id: "09.ridge1d",
  title: "A ridge readout with one feature and an intercept",
  name: "ridgeWithIntercept",
  points: 2,
  depth: "step",
  cases: () => {
    const cases: [number[], number[], number][] = [
      [[1, 2, 3], [3, 5, 7], 0],
      [[1, 2, 3, 4], [1, 3, 2, 5], 2],
      [[-2, 0.5, 1, 3, 4], [4, -1, 0, 2, 7], 0.5],
    ];
    return cases.map(([x, y, lambda], k) => {
      const expected = ridgeWithInterceptReference(x, y, lambda);
      let xy = 0;
      let xx = 0;
      for (let t = 0; t < x.length; t++) {
        xy += x[t] * y[t];
        xx += x[t] * x[t];
      }
      return {
        args: [x, y, lambda],
        expected,
        label: k === 0 ? "ridgeWithIntercept([1, 2, 3], [3, 5, 7], 0) (y = 2x + 1 exactly, no ridge)" : `ridgeWithIntercept(${x.length} points, λ = ${lambda})`,
        mistakes: [
          ...(lambda > 0 ? [{ value: ridgeClosedForm(x, y, lambda, true), message: "the ridge penalises w only, not the intercept b (λ on the first diagonal entry only), as the library's ridgeRegression does." }] : []),
          { value: [xy / (xx + lambda), 0], message: "that is the fit without an intercept; solve for w and b together (a 2×2 system)." },
        ],
      };
    });
  },
  rtol: 1e-9,
  atol: 1e-12,
  hint: "Set both derivatives to zero: (Σx² + λ)·w + Σx·b = Σxy and Σx·w + T·b = Σy (b is not penalised); solve the 2×2 system (e.g. Cramer's rule) and return [w, b].",
});
