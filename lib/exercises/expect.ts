/**
 * Comparisons that explain themselves: each returns a CheckResult whose message
 * says what is wrong (type, shape, sign, value off by how much), never a stack trace.
 */
import { describeValue } from "../core/errors";

/** The outcome of checking one answer. */
export interface CheckResult {
  pass: boolean;
  /** What is right or wrong, in one or two sentences. */
  message: string;
  /** A nudge toward the fix, shown under a failing message. */
  hint?: string;
}

/** Tolerances and wording for numeric comparisons. */
export interface Tolerance {
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance (default 1e-9). */
  atol?: number;
  /** How the answer is called in messages (default "your answer"). */
  name?: string;
  /** Shown when the check fails. */
  hint?: string;
}

export function pass(message = "Correct!"): CheckResult {
  return { pass: true, message };
}

export function fail(message: string, hint?: string): CheckResult {
  return hint === undefined ? { pass: false, message } : { pass: false, message, hint };
}

function close(a: number, b: number, rtol: number, atol: number): boolean {
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

function fmt(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const ax = Math.abs(x);
  return ax >= 1e-3 && ax < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(4);
}

/** Compares a number with the expected value. */
export function expectNumber(answer: unknown, expected: number, tol: Tolerance = {}): CheckResult {
  const { rtol = 1e-6, atol = 1e-9, name = "your answer", hint } = tol;
  if (typeof answer !== "number") return fail(`${name} should be a number, but it is ${describeValue(answer)}.`, hint);
  if (Number.isNaN(answer)) return fail(`${name} is NaN (not a number): some step divides 0 by 0 or uses an unset value.`, hint);
  if (!Number.isFinite(answer)) return fail(`${name} is ${answer}; expected a finite number.`, hint);
  if (close(answer, expected, rtol, atol)) return pass(`Correct: ${name} = ${fmt(answer)}.`);
  if (expected !== 0 && close(-answer, expected, rtol, atol)) {
    return fail(`${name} has the wrong sign: got ${fmt(answer)}, expected ${fmt(expected)}.`, hint);
  }
  const diff = answer - expected;
  const rel = expected !== 0 ? ` (${fmt(Math.abs(diff / expected) * 100)}% ${diff > 0 ? "too large" : "too small"})` : "";
  return fail(`${name} is off by ${fmt(diff)}${rel}: got ${fmt(answer)}.`, hint);
}

type Numeric = number | ArrayLike<number> | Numeric[];

function shapeAndValues(x: unknown): { shape: number[]; values: number[] } | string {
  if (typeof x === "number") return { shape: [], values: [x] };
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    const arr = Array.from(x as unknown as ArrayLike<number>);
    return { shape: [arr.length], values: arr };
  }
  if (!Array.isArray(x)) return `it is ${describeValue(x)}`;
  if (x.length === 0) return { shape: [0], values: [] };
  const parts = x.map(shapeAndValues);
  const bad = parts.find((p) => typeof p === "string");
  if (bad !== undefined) return bad as string;
  const ok = parts as { shape: number[]; values: number[] }[];
  const first = JSON.stringify(ok[0].shape);
  if (ok.some((p) => JSON.stringify(p.shape) !== first)) return "its rows have different lengths (it is ragged)";
  return { shape: [x.length, ...ok[0].shape], values: ok.flatMap((p) => p.values) };
}

function indexOf(flat: number, shape: number[]): string {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(flat % shape[d]);
    flat = Math.floor(flat / shape[d]);
  }
  return idx.map((i) => `[${i}]`).join("");
}

/** Compares an array (nested, or a typed array) with the expected one: shape, then values. */
export function expectArray(answer: unknown, expected: Numeric, tol: Tolerance = {}): CheckResult {
  const { rtol = 1e-6, atol = 1e-9, name = "your answer", hint } = tol;
  const a = shapeAndValues(answer);
  if (typeof a === "string") return fail(`${name} should be an array of numbers, but ${a}.`, hint);
  const e = shapeAndValues(expected);
  if (typeof e === "string") throw new Error(`expectArray: the expected value is malformed: ${e}`);
  if (JSON.stringify(a.shape) !== JSON.stringify(e.shape)) {
    return fail(`${name} has shape [${a.shape.join(", ")}], expected [${e.shape.join(", ")}].`, hint);
  }
  let worst = -1;
  let worstErr = 0;
  let nBad = 0;
  for (let i = 0; i < e.values.length; i++) {
    const v = a.values[i];
    if (typeof v !== "number" || Number.isNaN(v)) {
      return fail(`${name}${indexOf(i, a.shape)} is ${describeValue(v)}; expected ${fmt(e.values[i])}.`, hint);
    }
    if (!close(v, e.values[i], rtol, atol)) {
      nBad++;
      const err = Math.abs(v - e.values[i]);
      if (err > worstErr) {
        worstErr = err;
        worst = i;
      }
    }
  }
  if (nBad === 0) return pass(`Correct: all ${e.values.length} entries of ${name} match.`);
  const allNeg = e.values.every((x, i) => close(-a.values[i], x, rtol, atol));
  if (allNeg) return fail(`${name} has the wrong sign everywhere (it is the negative of the expected array).`, hint);
  return fail(
    `${nBad} of ${e.values.length} entries of ${name} are wrong; the worst, ${name}${indexOf(worst, a.shape)}, ` +
      `is ${fmt(a.values[worst])} where ${fmt(e.values[worst])} was expected.`,
    hint,
  );
}

/** One test case for a function answer: arguments and the expected result. */
export interface FunctionCase {
  args: unknown[];
  expected: Numeric;
  /** How to describe the call in messages, e.g. "sigmoid(0)". */
  label?: string;
}

/** True when an error was thrown by an unfinished exercise placeholder. */
export function isPlaceholderError(err: unknown): boolean {
  return err instanceof Error && /^TODO\b|not implemented/i.test(err.message);
}

/** Calls a student's function on each case and compares the results. */
export function expectFunction(answer: unknown, cases: FunctionCase[], tol: Tolerance = {}): CheckResult {
  const name = tol.name ?? "your function";
  if (typeof answer !== "function") return fail(`${name} should be a function, but it is ${describeValue(answer)}.`, tol.hint);
  const fn = answer as (...args: unknown[]) => unknown;
  for (const c of cases) {
    const label = c.label ?? `${name}(${c.args.map((a) => (typeof a === "number" ? fmt(a) : describeValue(a))).join(", ")})`;
    let got: unknown;
    try {
      got = fn(...c.args);
    } catch (err) {
      if (isPlaceholderError(err)) return fail(`${name} is not written yet (it still throws "${(err as Error).message}").`, tol.hint);
      return fail(`${label} threw an error: ${err instanceof Error ? err.message : String(err)}`, tol.hint);
    }
    const r =
      typeof c.expected === "number"
        ? expectNumber(got, c.expected, { ...tol, name: label })
        : expectArray(got, c.expected, { ...tol, name: label });
    if (!r.pass) return r;
  }
  return pass(`Correct: ${name} passes all ${cases.length} test case${cases.length === 1 ? "" : "s"}.`);
}
