/**
 * Orthogonal gradient descent (Farajtabar et al. 2019, OGD).
 *
 * Store directions u_1..u_k from the old task A (here: per-example loss gradients
 * ∇ℓ_n of A at the end of its training, or any vectors you choose), orthonormalised
 * by Gram–Schmidt. While training B, project each update off their span:
 *
 *   g̃ = g − Σ_k (g·u_k) u_k,
 *
 * so that, to first order, the step changes none of the stored A-gradients' losses.
 * (The paper stores gradients of the model's outputs; storing loss gradients is the
 * "OGD-loss" variant; both are plain vectors to this class.)
 */
import { HasParameters, countParameters, flattenGrads, zeroGrad } from "../core/parameter";
import { RnnlabError, badArgument, requireAllFinite, requireInt, requirePositive } from "../core/errors";
import { ContinualTask, requireModel, validateContinualTask } from "./task";
import { dotRange, markGradientsComputed } from "./gradients";
import { checkOptions, requireSize } from "../core/options";

/**
 * An orthonormal basis of stored gradient directions, and the projection off its span.
 *
 * @example
 * ```ts
 * import { OrthogonalGradientMemory } from "rnnlab";
 * const memory = new OrthogonalGradientMemory(3);
 * memory.addDirection([1, 0, 0]);           // a gradient of an old task
 * const g = memory.project([1, 1, 0]);      // [0, 1, 0]: the part orthogonal to what is stored
 * ```
 */
export class OrthogonalGradientMemory {
  /** Orthonormal directions u_k (each of length `size`). */
  readonly basis: Float64Array[] = [];
  readonly size: number;
  /** A new direction is kept only if its residual norm exceeds tolerance × its norm. */
  readonly tolerance: number;

  constructor(size: number, options: { tolerance?: number } = {}) {
    checkOptions("OrthogonalGradientMemory", options, ["tolerance"]);
    this.size = requireSize("OrthogonalGradientMemory", "size", size);
    this.tolerance = requirePositive("OrthogonalGradientMemory", "options.tolerance", options.tolerance ?? 1e-8);
  }

  /** Number of stored directions. */
  get rank(): number {
    return this.basis.length;
  }

  /** Removes the components along the stored basis from v (modified Gram–Schmidt, twice for stability). */
  private residual(v: Float64Array): Float64Array {
    const r = Float64Array.from(v);
    for (let pass = 0; pass < 2; pass++) {
      for (const u of this.basis) {
        const c = dotRange(r, u);
        for (let i = 0; i < r.length; i++) r[i] -= c * u[i];
      }
    }
    return r;
  }

  /** Adds a direction (orthonormalised against the basis). Returns false if it was (nearly) in the span already. */
  addDirection(v: ArrayLike<number>): boolean {
    const where = "OrthogonalGradientMemory.addDirection";
    if (typeof v !== "object" || v === null || v.length !== this.size) badArgument(where, "v", `a vector of length ${this.size}`, v);
    requireAllFinite(where, "v", v);
    const vv = Float64Array.from(v);
    const norm0 = Math.sqrt(dotRange(vv, vv));
    if (norm0 === 0) return false;
    const r = this.residual(vv);
    const norm = Math.sqrt(dotRange(r, r));
    if (norm <= this.tolerance * norm0) return false;
    for (let i = 0; i < r.length; i++) r[i] /= norm;
    this.basis.push(r);
    return true;
  }

  /** g − Σ_k (g·u_k) u_k: the part of g orthogonal to every stored direction (a new array). */
  project(g: ArrayLike<number>): Float64Array {
    const where = "OrthogonalGradientMemory.project";
    if (typeof g !== "object" || g === null || g.length !== this.size) badArgument(where, "g", `a vector of length ${this.size}`, g);
    requireAllFinite(where, "g", g);
    return this.residual(Float64Array.from(g));
  }
}

/** Options of `storeTaskGradients`. */
export interface StoreGradientsOptions {
  /** How many per-example gradients of the task to store (default: all examples, at most 200). */
  maxExamples?: number;
}

/**
 * Stores the task's per-example loss gradients at the model's current parameters in
 * the memory (needs exampleCount/exampleLossAndGrad). Returns the number of directions added.
 */
export function storeTaskGradients<M extends HasParameters>(
  memory: OrthogonalGradientMemory,
  model: M,
  task: ContinualTask<M>,
  options: StoreGradientsOptions = {},
): number {
  checkOptions("storeTaskGradients", options, ["maxExamples"]);
  const where = "storeTaskGradients";
  if (!(memory instanceof OrthogonalGradientMemory)) badArgument(where, "memory", "an OrthogonalGradientMemory", memory);
  requireModel(where, "model", model);
  validateContinualTask(where, "task", task);
  const params = model.parameters();
  if (countParameters(params) !== memory.size) {
    throw new RnnlabError(`${where}: memory.size must equal the model's number of parameters ${countParameters(params)}, got ${memory.size}`);
  }
  if (typeof task.exampleLossAndGrad !== "function" || task.exampleCount === undefined) {
    throw new RnnlabError(`${where}: task "${task.name}" must provide exampleCount and exampleLossAndGrad(model, n)`);
  }
  const N = requireInt(where, `task "${task.name}".exampleCount`, task.exampleCount, 1);
  const count = Math.min(N, requireInt(where, "options.maxExamples", options.maxExamples ?? 200, 1));
  let added = 0;
  for (let n = 0; n < count; n++) {
    zeroGrad(params);
    task.exampleLossAndGrad(model, n);
    if (memory.addDirection(flattenGrads(params))) added++;
  }
  markGradientsComputed(model);
  return added;
}
