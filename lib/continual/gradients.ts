/**
 * Task gradients and their overlap.
 *
 * A `TaskGradient` is ∇L_task(θ) at one parameter point, flattened in the
 * model's parameter order, with the layout needed to split it back into tensors.
 * Whether a model's `grad` buffers were ever filled is *tracked*, not guessed:
 * an all-zero gradient is a legitimate value (a task at its minimum), so a
 * buffer counts as computed only once a loss-and-gradient pass run through this
 * module (or `markGradientsComputed`) has filled it.
 */
import { HasParameters, Parameter, countParameters, flattenGrads, zeroGrad } from "../core/parameter";
import { RnnlabError, badArgument, requireAllFinite } from "../core/errors";
import { ContinualTask, requireModel, validateContinualTask } from "./task";

/** Where one parameter tensor sits in a flat vector. */
export interface TensorSlot {
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly size: number;
}

/** ∇L of one task at one parameter point. */
export interface TaskGradient {
  /** The task's name. */
  readonly task: string;
  /** L(θ) at that point; null when read from a model's grad buffers (loss unknown). */
  readonly loss: number | null;
  /** ∇L(θ), all tensors concatenated in parameter order; length = number of parameters. */
  readonly flat: Float64Array;
  /** The tensors' slots in `flat`. */
  readonly layout: readonly TensorSlot[];
}

const computed = new WeakSet<Float64Array>();
const issued = new WeakSet<object>();

/** The layout of a parameter list in a flat vector. */
export function parameterLayout(params: readonly Parameter[]): TensorSlot[] {
  requireParameterList("parameterLayout", "params", params);
  let offset = 0;
  return params.map((p) => {
    const slot = { name: p.name, shape: [...p.shape], offset, size: p.data.length };
    offset += p.data.length;
    return slot;
  });
}

/** Checks a list of Parameters {name, shape, data, grad}. */
function requireParameterList(where: string, name: string, params: unknown): void {
  if (!Array.isArray(params)) badArgument(where, name, "an array of Parameter (e.g. model.parameters())", params);
  params.forEach((p, i) => {
    const q = p as Partial<Parameter> | null;
    if (q === null || typeof q !== "object" || typeof q.name !== "string" || !Array.isArray(q.shape) || !(q.data instanceof Float64Array)) {
      badArgument(where, `${name}[${i}]`, "a Parameter {name, shape, data, grad}", p);
    }
  });
}

/** Records that these parameters' grad buffers now hold a computed gradient (use after your own backward pass). */
export function markGradientsComputed(model: HasParameters): void {
  requireModel("markGradientsComputed", "model", model);
  for (const p of model.parameters()) computed.add(p.grad);
}

/**
 * Runs the task's loss and gradient at the model's current parameters (grads
 * zeroed first) and returns a copy of ∇L. The model's grad buffers keep ∇L.
 *
 * @throws when the task is malformed, or the loss or a gradient entry is not finite.
 */
export function taskGradient<M extends HasParameters>(model: M, task: ContinualTask<M>): TaskGradient {
  const where = "taskGradient";
  requireModel(where, "model", model);
  validateContinualTask(where, "task", task);
  const params = model.parameters();
  zeroGrad(params);
  const loss = task.lossAndGrad(model);
  if (typeof loss !== "number" || !Number.isFinite(loss)) {
    throw new RnnlabError(`${where}: task "${task.name}".lossAndGrad(model) must return a finite loss, got ${loss}`);
  }
  markGradientsComputed(model);
  const flat = flattenGrads(params);
  requireAllFinite(where, `the gradient of task "${task.name}"`, flat);
  const g: TaskGradient = { task: task.name, loss, flat, layout: parameterLayout(params) };
  issued.add(g);
  return g;
}

/**
 * The gradient currently held in the model's grad buffers, as a TaskGradient
 * (its `loss` is null: the buffers do not say which loss they came from).
 *
 * @throws when the buffers were never filled by a tracked pass (see `markGradientsComputed`).
 */
export function currentGradient(model: HasParameters, where = "currentGradient", name = "model"): TaskGradient {
  if (typeof where !== "string" || where.length === 0) badArgument("currentGradient", "where", "a non-empty string (the caller's name in messages)", where);
  if (typeof name !== "string" || name.length === 0) badArgument("currentGradient", "name", "a non-empty string (the argument's name in messages)", name);
  requireModel(where, name, model);
  const params = model.parameters();
  const missing = params.filter((p) => !computed.has(p.grad)).map((p) => p.name);
  if (missing.length) {
    throw new RnnlabError(
      `${where}: ${name} has no gradients yet: the grad buffers of ${missing.join(", ")} were never filled by a ` +
        `loss-and-gradient pass (all zeros is not taken to mean "computed"). Call taskGradient(model, task) first, ` +
        `or markGradientsComputed(model) after your own backward pass.`,
    );
  }
  const flat = flattenGrads(params);
  requireAllFinite(where, `${name}'s gradient`, flat);
  const g: TaskGradient = { task: "(current gradient)", loss: null, flat, layout: parameterLayout(params) };
  issued.add(g);
  return g;
}

/** A TaskGradient from either a TaskGradient or a model whose gradients were computed. */
function asTaskGradient(where: string, name: string, x: unknown): TaskGradient {
  if (typeof x === "object" && x !== null && issued.has(x)) return x as TaskGradient;
  if (typeof x === "object" && x !== null && typeof (x as HasParameters).parameters === "function") {
    return currentGradient(x as HasParameters, where, name);
  }
  return badArgument(where, name, "a TaskGradient from taskGradient(model, task), or a model whose gradients were computed", x);
}

/** Σ a_i b_i over [from, from + n). */
export function dotRange(a: ArrayLike<number>, b: ArrayLike<number>, from = 0, n = a.length): number {
  let s = 0;
  for (let i = from; i < from + n; i++) s += a[i] * b[i];
  return s;
}

/** cos = a·b / (|a||b|), defined as 0 when either vector is zero (no direction to compare). */
function cosineOf(dot: number, na: number, nb: number): number {
  return na > 0 && nb > 0 ? dot / (na * nb) : 0;
}

/** Overlap of two gradients on one parameter tensor. */
export interface TensorOverlap {
  readonly name: string;
  /** ∇L_A·∇L_B restricted to this tensor. */
  readonly dot: number;
  /** dot / (|∇L_A| |∇L_B|) on this tensor; 0 when either part is zero. */
  readonly cosine: number;
  readonly normA: number;
  readonly normB: number;
}

/** Overlap of two task gradients, overall and per parameter tensor. */
export interface GradientOverlap extends TensorOverlap {
  readonly perTensor: readonly TensorOverlap[];
}

/**
 * The overlap between two tasks' gradients: the dot product ∇L_A·∇L_B and the
 * cosine ∇L_A·∇L_B / (|∇L_A| |∇L_B|), overall and per parameter tensor.
 *
 * A first-order step θ ← θ − η∇L_B changes L_A by −η ∇L_A·∇L_B: a positive overlap
 * means training B also helps A, a negative one means B undoes A, zero means the
 * step is invisible to A at first order. The cosine of a tensor is 0 when either
 * gradient vanishes on it.
 *
 * @param a ∇L_A: a TaskGradient, or a model whose grads were computed.
 * @param b ∇L_B, same parameter layout.
 */
export function gradientOverlap(a: TaskGradient | HasParameters, b: TaskGradient | HasParameters): GradientOverlap {
  const where = "gradientOverlap";
  const ga = asTaskGradient(where, "a", a);
  const gb = asTaskGradient(where, "b", b);
  requireSameLayout(where, ga, gb);
  const perTensor = ga.layout.map((s) => {
    const dot = dotRange(ga.flat, gb.flat, s.offset, s.size);
    const normA = Math.sqrt(dotRange(ga.flat, ga.flat, s.offset, s.size));
    const normB = Math.sqrt(dotRange(gb.flat, gb.flat, s.offset, s.size));
    return { name: s.name, dot, cosine: cosineOf(dot, normA, normB), normA, normB };
  });
  const dot = dotRange(ga.flat, gb.flat);
  const normA = Math.sqrt(dotRange(ga.flat, ga.flat));
  const normB = Math.sqrt(dotRange(gb.flat, gb.flat));
  return { name: "all parameters", dot, cosine: cosineOf(dot, normA, normB), normA, normB, perTensor };
}

/** Throws unless two gradients have the same tensors in the same order. */
function requireSameLayout(where: string, a: TaskGradient, b: TaskGradient): void {
  const la = a.layout.map((s) => `${s.name}[${s.shape.join("x")}]`).join(", ");
  const lb = b.layout.map((s) => `${s.name}[${s.shape.join("x")}]`).join(", ");
  if (la !== lb) throw new RnnlabError(`${where}: b must have the parameter layout of a (${la}), got (${lb}): were they taken on the same model?`);
}

/** Copies of the current parameter values (to restore after a trial step). */
export function saveValues(params: readonly Parameter[]): Float64Array[] {
  return params.map((p) => Float64Array.from(p.data));
}

/** Writes saved values back. */
export function restoreValues(params: readonly Parameter[], saved: readonly Float64Array[]): void {
  params.forEach((p, i) => p.data.set(saved[i]));
}

/** θ ← θ + alpha·v for a flat v in parameter order. */
export function addToValues(params: readonly Parameter[], v: ArrayLike<number>, alpha: number): void {
  if (v.length !== countParameters(params)) {
    throw new RnnlabError(`addToValues: v must have length ${countParameters(params)} (number of parameters), got ${v.length}`);
  }
  let k = 0;
  for (const p of params) for (let i = 0; i < p.data.length; i++) p.data[i] += alpha * v[k++];
}
