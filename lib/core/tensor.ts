/**
 * A tensor here is a flat Float64Array with a shape, row-major, nothing more.
 *
 * Parameters and state dicts travel as plain nested JSON arrays (as PyTorch's
 * `tensor.tolist()` gives them), so weights move between rnnlab and PyTorch.
 */
import { RnnlabError, badArgument, describeValue } from "./errors";
import { MAX_DIMENSION, requireAllocation } from "./options";

/** A nested array of numbers, e.g. number[][] for a matrix. */
export type NestedArray = number | NestedArray[];

/** A row-major tensor: `data[i*shape[1] + j]` is element (i, j) of a matrix. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/**
 * Checks a shape: an array of integer sizes in [0, MAX_DIMENSION] (empty for a scalar) whose
 * element count fits the allocation limit; returns the element count.
 */
export function requireShape(where: string, name: string, shape: unknown): number {
  if (!Array.isArray(shape)) badArgument(where, name, "an array of sizes, e.g. [3, 4]", shape);
  let n = 1;
  shape.forEach((d, i) => {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0 || d > MAX_DIMENSION) badArgument(where, `${name}[${i}]`, `an integer size in [0, ${MAX_DIMENSION}]`, d);
    n *= d;
  });
  return requireAllocation(where, name, n);
}

/** The number of elements of a shape (checked: integer sizes). */
export function numel(shape: readonly number[]): number {
  return requireShape("numel", "shape", shape);
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[]): Tensor {
  const n = requireShape("zeros", "shape", shape);
  return { shape: [...shape], data: new Float64Array(n) };
}

/** The shape of a nested array (checked to be rectangular). */
function shapeOf(value: NestedArray, where = "shapeOf", name = "value"): number[] {
  const shape: number[] = [];
  let v: NestedArray = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  // Walk everything to check it is rectangular and numeric.
  const check = (x: NestedArray, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof x !== "number" || !Number.isFinite(x)) badArgument(where, `${name}${path}`, "a finite number", x);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) {
      throw new RnnlabError(
        `${where}: ${name} must be a rectangular array of shape [${shape.join(", ")}], but ${name}${path} is ${describeValue(x)}`,
      );
    }
    for (let i = 0; i < x.length; i++) check(x[i], depth + 1, `${path}[${i}]`);
  };
  check(value, 0, "");
  return shape;
}

/** A tensor from a nested array (copied). */
export function fromNested(value: NestedArray, where = "fromNested", name = "value"): Tensor {
  const shape = shapeOf(value, where, name);
  const data = new Float64Array(numel(shape));
  let k = 0;
  const fill = (x: NestedArray): void => {
    if (Array.isArray(x)) for (const y of x) fill(y);
    else data[k++] = x;
  };
  fill(value);
  return { shape, data };
}

/** A nested plain array from flat data and a shape (as PyTorch's `tolist()`). */
export function toNested(data: ArrayLike<number>, shape: readonly number[]): NestedArray {
  if (shape.length === 0) return data[0];
  let offset = 0;
  const build = (depth: number): NestedArray => {
    const out: NestedArray[] = [];
    for (let i = 0; i < shape[depth]; i++) {
      if (depth === shape.length - 1) out.push(data[offset++]);
      else out.push(build(depth + 1));
    }
    return out;
  };
  return build(0);
}

