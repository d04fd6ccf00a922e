/**
 * Hessian-vector products H v without forming H.
 *
 * For any model, by central differences of gradients along v:
 *
 *   H v ≈ [∇L(θ + h v̂) − ∇L(θ − h v̂)] / (2h) · |v|,   v̂ = v / |v|,
 *
 * whose error is O(h²) (third derivatives) plus round-off O(ε_mach |∇L| / h);
 * the default h = 1e-4 (a step of length 1e-4 in parameter space) balances the two
 * for losses of order one. Exact when the loss is quadratic in θ. When the task
 * supplies `hessianVectorProduct` (analytic, for small models) it can be used instead.
 */
import { HasParameters, countParameters, flattenGrads, zeroGrad } from "../core/parameter";
import { RnnlabError, badArgument, requireAllFinite, requireOneOf, requirePositive } from "../core/errors";
import { ContinualTask, requireModel, validateContinualTask } from "./task";
import { addToValues, markGradientsComputed, restoreValues, saveValues } from "./gradients";
import { checkOptions } from "../core/options";

/** How to compute H v. */
export type HvpMethod = "auto" | "exact" | "finite-difference";

/** Options of `hessianVectorProduct`. */
export interface HvpOptions {
  /** "exact" needs task.hessianVectorProduct; "auto" (default) uses it when present, else finite differences. */
  method?: HvpMethod;
  /** Length h of the parameter-space step for finite differences (default 1e-4). */
  step?: number;
}

/**
 * Checks the options of an H v computation for a task, before any work: the keys, the method
 * (resolved for the task) and the finite-difference step h.
 */
export function hvpSettings(where: string, task: ContinualTask, options: HvpOptions): { method: "exact" | "finite-difference"; step: number } {
  checkOptions(where, options, ["method", "step"]);
  return { method: resolveHvpMethod(where, task, options.method), step: requirePositive(where, "options.step", options.step ?? 1e-4) };
}

/** The method actually used for a task under an option. */
function resolveHvpMethod(where: string, task: ContinualTask, method: HvpMethod = "auto"): "exact" | "finite-difference" {
  requireOneOf(where, "options.method", method, ["auto", "exact", "finite-difference"] as const);
  if (method === "exact" && typeof task.hessianVectorProduct !== "function") {
    throw new RnnlabError(`${where}: options.method "exact" needs task "${task.name}" to provide hessianVectorProduct(model, v); use "finite-difference"`);
  }
  if (method === "auto") return typeof task.hessianVectorProduct === "function" ? "exact" : "finite-difference";
  return method;
}

/**
 * H_L(θ) v for the task's loss L at the model's current parameters.
 *
 * @param v flat direction in parameter order, length = number of parameters.
 * @returns H v, flat, same length. Parameters are restored exactly; grads are left holding ∇L(θ − h v̂)
 *   for finite differences (callers re-run taskGradient when they need ∇L(θ)).
 */
export function hessianVectorProduct<M extends HasParameters>(
  model: M,
  task: ContinualTask<M>,
  v: ArrayLike<number>,
  options: HvpOptions = {},
): Float64Array {
  const where = "hessianVectorProduct";
  requireModel(where, "model", model);
  const { method, step: h } = hvpSettings(where, validateContinualTask(where, "task", task), options);
  const params = model.parameters();
  const n = countParameters(params);
  if (typeof v !== "object" || v === null || typeof v.length !== "number") badArgument(where, "v", `a flat array of length ${n}`, v);
  if (v.length !== n) badArgument(where, "v", `a flat array of length ${n} (the number of parameters)`, v);
  requireAllFinite(where, "v", v);
  if (method === "exact") {
    const hv = task.hessianVectorProduct!(model, Float64Array.from(v));
    if (hv.length !== n) throw new RnnlabError(`${where}: task "${task.name}".hessianVectorProduct returned length ${hv.length}, expected ${n}`);
    return hv;
  }
  let norm = 0;
  for (let i = 0; i < n; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm);
  if (norm === 0) return new Float64Array(n);
  const saved = saveValues(params);
  const gradAt = (alpha: number): Float64Array => {
    restoreValues(params, saved);
    addToValues(params, v, alpha / norm);
    zeroGrad(params);
    const loss = task.lossAndGrad(model);
    if (!Number.isFinite(loss)) throw new RnnlabError(`${where}: the loss of task "${task.name}" is not finite (${loss}) at θ ± h v̂; try a smaller options.step`);
    return flattenGrads(params);
  };
  try {
    const plus = gradAt(h);
    const minus = gradAt(-h);
    markGradientsComputed(model);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = ((plus[i] - minus[i]) / (2 * h)) * norm;
    return out;
  } finally {
    restoreValues(params, saved);
  }
}
