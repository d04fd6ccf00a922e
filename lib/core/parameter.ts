/**
 * The contract between models and everything that trains or inspects them.
 *
 * A model exposes its trainable tensors as `Parameter`s: a name (PyTorch's, e.g.
 * `weight_hh_l0`), a shape, the values and a gradient buffer of the same size.
 * Backward passes *accumulate* into `grad`; optimizers, gradient checks,
 * clipping and the catastrophic-interference metrics all work on a list of
 * Parameters and a function that computes the loss and fills the gradients.
 */
import { RnnlabError, badArgument, requireFiniteArray, requireString } from "./errors";
import { NestedArray, fromNested, requireShape, toNested } from "./tensor";

/** A trainable tensor with its gradient. */
export interface Parameter {
  /** PyTorch-style name, e.g. "weight_ih_l0", "bias_hh_l1_reverse", "head.weight". */
  readonly name: string;
  /** Shape, e.g. [4*H, D] for an LSTM's weight_ih_l0. */
  readonly shape: readonly number[];
  /** Values, row-major. */
  readonly data: Float64Array;
  /** dLoss/dvalue, same layout as `data`; backward passes add into it. */
  readonly grad: Float64Array;
}

/** A state dict: parameter name -> plain nested array (JSON-ready, as torch's `tolist()`). */
export type StateDict = Record<string, NestedArray>;

/** Anything with named trainable parameters. */
export interface HasParameters {
  parameters(): Parameter[];
}

/**
 * Computes the loss for the current parameter values and *adds* dLoss/dθ into
 * every parameter's `grad`. Callers zero the gradients first (`zeroGrad`).
 */
export type LossAndGrad = () => number;

/** A new parameter of the given shape, filled with zeros. */
export function createParameter(name: string, shape: readonly number[]): Parameter {
  requireString("createParameter", "name", name);
  const n = requireShape("createParameter", "shape", shape);
  return { name, shape: [...shape], data: new Float64Array(n), grad: new Float64Array(n) };
}

/** Sets every gradient to zero. */
/**
 * Checks that `params` is a non-empty array of Parameters ({name, shape, data, grad} with data and
 * grad Float64Arrays of one length), e.g. `model.parameters()`.
 */
export function requireParameters(where: string, name: string, params: unknown): readonly Parameter[] {
  if (!Array.isArray(params) || params.length === 0) badArgument(where, name, "a non-empty array of Parameters (e.g. model.parameters())", params);
  params.forEach((p, i) => {
    const q = p as Partial<Parameter> | null;
    if (q === null || typeof q !== "object" || !(q.data instanceof Float64Array) || !(q.grad instanceof Float64Array) || q.data.length !== q.grad.length) {
      badArgument(where, `${name}[${i}]`, "a Parameter {name, shape, data, grad} (e.g. from model.parameters())", p);
    }
  });
  return params as readonly Parameter[];
}

export function zeroGrad(params: readonly Parameter[]): void {
  requireParameters("zeroGrad", "params", params);
  for (const p of params) p.grad.fill(0);
}

/** The total number of scalar parameters. */
export function countParameters(params: readonly Parameter[]): number {
  requireParameters("countParameters", "params", params);
  let n = 0;
  for (const p of params) n += p.data.length;
  return n;
}

/** A JSON-ready copy of the parameter values, keyed by name. */
export function stateDictOf(params: readonly Parameter[]): StateDict {
  requireParameters("stateDictOf", "params", params);
  const out: StateDict = {};
  for (const p of params) out[p.name] = toNested(p.data, p.shape);
  return out;
}

/**
 * Loads values into parameters by name. Every key must name a parameter and
 * have its exact shape; with `strict` (default) every parameter must be given.
 */
export function loadStateDictInto(where: string, params: readonly Parameter[], state: StateDict, strict = true): void {
  requireParameters(`${where}.loadStateDict`, "params", params);
  if (state === null || typeof state !== "object" || Array.isArray(state)) badArgument(`${where}.loadStateDict`, "state", "a state dict {name: nested array} (from stateDict())", state);
  if (typeof strict !== "boolean") badArgument(`${where}.loadStateDict`, "strict", "true or false", strict);
  const byName = new Map(params.map((p) => [p.name, p]));
  for (const key of Object.keys(state)) {
    if (!byName.has(key)) {
      throw new RnnlabError(
        `${where}.loadStateDict: unknown parameter name "${key}"; expected one of ${[...byName.keys()].join(", ")}`,
      );
    }
  }
  if (strict) {
    const missing = params.filter((p) => !(p.name in state)).map((p) => p.name);
    if (missing.length) throw new RnnlabError(`${where}.loadStateDict: missing parameters ${missing.join(", ")}`);
  }
  for (const [key, value] of Object.entries(state)) {
    const p = byName.get(key)!;
    const t = fromNested(value, `${where}.loadStateDict`, key);
    if (t.shape.length !== p.shape.length || t.shape.some((d, i) => d !== p.shape[i])) {
      throw new RnnlabError(
        `${where}.loadStateDict: "${key}" must have shape [${p.shape.join(", ")}], got [${t.shape.join(", ")}]`,
      );
    }
    for (let i = 0; i < t.data.length; i++) {
      if (!Number.isFinite(t.data[i])) {
        throw new RnnlabError(`${where}.loadStateDict: "${key}" has a non-finite value ${t.data[i]} at flat index ${i}`);
      }
    }
    p.data.set(t.data);
  }
}

/** One field (values or gradients) of every parameter, concatenated in parameter order. */
function concatenate(where: string, params: readonly Parameter[], field: "data" | "grad"): Float64Array {
  requireParameters(where, "params", params);
  const out = new Float64Array(countParameters(params));
  let k = 0;
  for (const p of params) {
    out.set(p[field], k);
    k += p[field].length;
  }
  return out;
}

/** All parameter values concatenated into one flat vector (in parameter order). */
export function flattenValues(params: readonly Parameter[]): Float64Array {
  return concatenate("flattenValues", params, "data");
}

/** All gradients concatenated into one flat vector (in parameter order). */
export function flattenGrads(params: readonly Parameter[]): Float64Array {
  return concatenate("flattenGrads", params, "grad");
}

/** Writes a flat vector back into the parameter values (inverse of flattenValues). */
export function assignValues(params: readonly Parameter[], flat: ArrayLike<number>): void {
  requireParameters("assignValues", "params", params);
  requireFiniteArray("assignValues", "flat", flat, countParameters(params), "the number of parameters");
  let k = 0;
  for (const p of params) {
    for (let i = 0; i < p.data.length; i++) p.data[i] = flat[k++];
  }
}
