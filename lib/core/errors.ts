/**
 * Errors that say what went wrong: which argument, what was expected, what came.
 *
 * Every check in the library goes through these helpers so that messages have
 * one shape: `<where>: <argument> must be <expected>, got <actual>`.
 */

/** The error type thrown by rnnlab for bad input or a failed computation. */
export class RnnlabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RnnlabError";
  }
}

/** Renders a value for an error message, short and unambiguous. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 37) + "..." : value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  if (typeof value === "function") return "a function";
  return typeof value === "object" ? "an object" : String(value);
}

/** Throws `<where>: <name> must be <expected>, got <actual>`. */
export function badArgument(where: string, name: string, expected: string, actual: unknown): never {
  throw new RnnlabError(`${where}: ${name} must be ${expected}, got ${describeValue(actual)}`);
}

/** Checks that `value` is an integer >= `min` (default 1). */
export function requireInt(where: string, name: string, value: unknown, min = 1): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    badArgument(where, name, `an integer >= ${min}`, value);
  }
  return value;
}

/** Checks that `value` is a finite number, optionally within [min, max]. */
export function requireFinite(where: string, name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== "number" || !Number.isFinite(value)) badArgument(where, name, "a finite number", value);
  if (value < min || value > max) {
    const range = min === -Infinity ? `<= ${max}` : max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    badArgument(where, name, `a number ${range}`, value);
  }
  return value;
}

/** Checks that `value` is a finite number > 0. */
export function requirePositive(where: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    badArgument(where, name, "a finite number > 0", value);
  }
  return value;
}

/** Checks that every entry of `values` is finite; names the first bad index. */
export function requireAllFinite(where: string, name: string, values: ArrayLike<number>): void {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    badArgument(where, name, "an array of finite numbers", values);
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RnnlabError(`${where}: ${name} must be finite everywhere, got ${describeValue(values[i])} at index ${i}`);
    }
  }
}

/** Checks that `value` is one of `options`. */
export function requireOneOf<T extends string>(where: string, name: string, value: unknown, options: readonly T[]): T {
  if (typeof value !== "string" || !(options as readonly string[]).includes(value)) {
    badArgument(where, name, `one of ${options.map((o) => JSON.stringify(o)).join(", ")}`, value);
  }
  return value as T;
}

/** Whether `value` is a plain array or a numeric typed array (not a DataView). */
export function isNumericArray(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * Checks that `value` is a non-empty array (or typed array) of finite numbers, of exactly `length`
 * entries when given (`lengthNote` says where the length comes from, e.g. "B·inputSize"). Names the
 * first bad entry.
 */
export function requireFiniteArray(where: string, name: string, value: unknown, length?: number, lengthNote = ""): ArrayLike<number> {
  const note = lengthNote ? ` (${lengthNote})` : "";
  if (!isNumericArray(value)) {
    badArgument(where, name, length !== undefined ? `an array of ${length} finite numbers${note}` : "an array of finite numbers", value);
  }
  if (length !== undefined && value.length !== length) badArgument(where, name, `an array of ${length} finite numbers${note}`, value);
  if (value.length === 0) badArgument(where, name, "a non-empty array of finite numbers", value);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RnnlabError(`${where}: ${name} must be an array of finite numbers, got ${describeValue(v)} at index ${i}`);
    }
  }
  return value;
}

/** Checks that `value` is a non-null object (not an array); `expected` describes it, e.g. "a CellWeights {inputSize, ...}". */
export function requireObject<T extends object>(where: string, name: string, value: unknown, expected: string): T {
  if (value === null || typeof value !== "object" || Array.isArray(value) || ArrayBuffer.isView(value)) badArgument(where, name, expected, value);
  return value as T;
}

/** Checks that `value` is a string (non-empty unless `allowEmpty`). */
export function requireString(where: string, name: string, value: unknown, allowEmpty = false): string {
  if (typeof value !== "string" || (!allowEmpty && value.length === 0)) badArgument(where, name, allowEmpty ? "a string" : "a non-empty string", value);
  return value;
}

/** Checks that `value` is a boolean (or undefined when `optional`). */
export function requireBoolean(where: string, name: string, value: unknown, optional = false): boolean | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== "boolean") badArgument(where, name, optional ? "true, false or undefined" : "true or false", value);
  return value;
}

/** Checks that `value` is a function. */
export function requireFunction(where: string, name: string, value: unknown, expected = "a function"): (...args: never[]) => unknown {
  if (typeof value !== "function") badArgument(where, name, expected, value);
  return value as (...args: never[]) => unknown;
}
