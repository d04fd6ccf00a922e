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
