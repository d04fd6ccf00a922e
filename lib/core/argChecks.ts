/**
 * Argument checks for arrays, token sequences, records, models, config objects and files (issue #14),
 * next to the shared validators of ./errors (requireString, requireObject, requireFunction, ...):
 * each throws through `badArgument`, so messages read `<where>: <name> must be <expected>, got <actual>`.
 *
 * Internal to rnnlab (not exported from the package): library folders import them from
 * "../core/argChecks".
 */
import { RnnlabError, badArgument, describeValue, isNumericArray, requireObject } from "./errors";
import { requireOptions } from "./options";
import * as fs from "fs";

/** An array or a typed array (not a DataView). */
function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return isNumericArray(value);
}

/** Checks that `value` is an array (or typed array); returns it. */
export function requireArrayArg<T = unknown>(where: string, name: string, value: unknown, what = "an array"): ArrayLike<T> {
  if (!isArrayLike(value)) badArgument(where, name, what, value);
  return value as ArrayLike<T>;
}

/** Checks that `value` is a plain JavaScript array (not typed) with length >= minLength. */
export function requireListArg<T = unknown>(where: string, name: string, value: unknown, what = "an array", minLength = 0): T[] {
  if (!Array.isArray(value)) badArgument(where, name, what, value);
  if ((value as unknown[]).length < minLength) badArgument(where, name, `${what} with at least ${minLength} entr${minLength === 1 ? "y" : "ies"}`, value);
  return value as T[];
}

/**
 * Checks that `value` is an array of finite numbers (a number[] or typed array); `length`
 * (exact) or `minLength` constrain its length. Names the first non-finite index.
 */
export function requireNumberArray(
  where: string,
  name: string,
  value: unknown,
  opts: { length?: number; minLength?: number; finite?: boolean } = {},
): ArrayLike<number> {
  const { length, minLength = 0, finite = true } = opts;
  const expected = length !== undefined ? `an array of ${length} numbers` : `an array of numbers${minLength > 0 ? ` with at least ${minLength} entries` : ""}`;
  if (!isArrayLike(value)) badArgument(where, name, expected, value);
  const arr = value as ArrayLike<unknown>;
  if (length !== undefined && arr.length !== length) badArgument(where, name, expected, value);
  if (arr.length < minLength) badArgument(where, name, expected, value);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== "number" || (finite && !Number.isFinite(v))) {
      throw new RnnlabError(`${where}: ${name} must be ${finite ? "finite numbers" : "numbers"} everywhere, got ${describeValue(v)} at index ${i}`);
    }
  }
  return arr as ArrayLike<number>;
}

/** Checks that `value` is an array of integers in [min, max]. */
export function requireIntArray(where: string, name: string, value: unknown, min: number, max: number, minLength = 0): ArrayLike<number> {
  const expected = `an array of integers in [${min}, ${max}]${minLength > 0 ? ` with at least ${minLength} entries` : ""}`;
  if (!isArrayLike(value) || (value as ArrayLike<unknown>).length < minLength) badArgument(where, name, expected, value);
  const arr = value as ArrayLike<unknown>;
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      throw new RnnlabError(`${where}: ${name} must be integers in [${min}, ${max}], got ${describeValue(v)} at index ${i}`);
    }
  }
  return arr as ArrayLike<number>;
}

/** Checks that `value` is a model with `parameters()` (HasParameters). */
export function requireModelArg<T extends { parameters(): unknown }>(where: string, name: string, value: unknown): T {
  if (value === null || typeof value !== "object" || typeof (value as { parameters?: unknown }).parameters !== "function") {
    badArgument(where, name, "a model with parameters() (e.g. an RNN, LSTM or SequenceModel)", value);
  }
  return value as T;
}

/** Checks a file path argument: a non-empty string without NUL bytes. */
export function requirePathArg(where: string, name: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.includes("\0")) badArgument(where, name, "a file path (a non-empty string)", value);
  return value as string;
}

/**
 * A required config object (`requireOptions` with the argument called "config" and the expected
 * shape spelt out, e.g. "an object {n, g}"): undefined or null is an error naming "config".
 */
export function requireConfig<T extends object>(where: string, value: T | undefined, allowed: readonly string[], what: string): T {
  return requireOptions(where, value, allowed, { name: "config", expected: what });
}

/**
 * Checks a list of token sequences: an array whose entries are arrays of integers in
 * [0, maxToken] (each of length >= minLength). Names the first bad entry.
 */
export function requireTokenSequences(where: string, name: string, value: unknown, maxToken: number, minLength = 0): ArrayLike<number>[] {
  const list = requireListArg<unknown>(where, name, value, `an array of token sequences (arrays of integers in [0, ${maxToken}])`);
  list.forEach((s, i) => requireIntArray(where, `${name}[${i}]`, s, 0, maxToken, minLength));
  return list as ArrayLike<number>[];
}

/** Checks that `value` is an array of records (plain objects), at least `minLength` of them. */
export function requireRecords<T extends object>(where: string, name: string, value: unknown, what: string, minLength = 0): T[] {
  const list = requireListArg<unknown>(where, name, value, `an array of ${what}`, minLength);
  list.forEach((r, i) => requireObject(where, `${name}[${i}]`, r, what));
  return list as T[];
}

/** Checks that `value` is the path of an existing regular file (not a folder); returns it. */
export function requireReadableFile(where: string, name: string, value: unknown): string {
  const path = requirePathArg(where, name, value);
  let isFile = false;
  try {
    isFile = fs.statSync(path).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) badArgument(where, name, "the path of an existing file (there is no file there)", value);
  return path;
}
