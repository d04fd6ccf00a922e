/**
 * Comparisons that explain themselves: each returns a CheckResult whose message
 * says what is wrong (type, shape, sign, value off by how much), never a stack trace.
 */
import { RnnlabError, describeValue } from "../core/errors";
import { checkOptions } from "../core/options";

/**
 * Checks the exercise author's side of a comparison (the reference value and the tolerance):
 * a NaN reference or a misspelt tolerance key is a bug in the question, reported loudly
 * rather than turned into feedback such as "off by NaN".
 */
function checkReference(where: string, expected: unknown, tol: unknown): void {
  checkOptions(where, tol as object | undefined, ["rtol", "atol", "name", "hint"], { name: "tol" });
  const t = (tol ?? {}) as Tolerance;
  for (const key of ["rtol", "atol"] as const) {
    const v = t[key];
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < 0)) {
      throw new RnnlabError(`${where}: tol.${key} must be a finite number >= 0, got ${describeValue(v)}`);
    }
  }
  if (typeof expected === "number" && !Number.isFinite(expected)) {
    throw new RnnlabError(`${where}: the reference value expected is ${describeValue(expected)}; the question's reference solution produced a non-finite number, so the answer cannot be checked (fix the reference)`);
  }
}

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

/** A passing result (for question tests that compare by hand). */
export function pass(message = "Correct!"): CheckResult {
  return { pass: true, message };
}

/** A failing result with a specific message and an optional hint. */
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

/**
 * Compares a number with the expected value: |answer − expected| ≤ atol + rtol·|expected|.
 * Messages: wrong type, NaN (placeholder), infinite, wrong sign, off by how much (absolute and %).
 */
export function expectNumber(answer: unknown, expected: number, tol: Tolerance = {}): CheckResult {
  checkReference("expectNumber", expected, tol);
  if (typeof expected !== "number") throw new RnnlabError(`expectNumber: expected must be a number, got ${describeValue(expected)}`);
  const { rtol = 1e-6, atol = 1e-9, name = "your answer", hint } = tol;
  if (typeof answer !== "number") return fail(`${name} should be a number, but it is ${describeValue(answer)}.`, hint);
  if (Number.isNaN(answer)) {
    return fail(`${name} is NaN (not a number): either the NaN placeholder is still there, or some step divides 0 by 0 or uses an unset value.`, hint);
  }
  if (!Number.isFinite(answer)) return fail(`${name} is ${answer}; expected a finite number.`, hint);
  if (close(answer, expected, rtol, atol)) return pass(`Correct: ${name} = ${fmt(answer)}.`);
  if (expected !== 0 && close(-answer, expected, rtol, atol)) {
    return fail(`${name} has the wrong sign: got ${fmt(answer)}, expected ${fmt(expected)}.`, hint);
  }
  const diff = answer - expected;
  const rel = expected !== 0 ? ` (${fmt(Math.abs(diff / expected) * 100)}% ${diff > 0 ? "too large" : "too small"})` : "";
  return fail(`${name} is off by ${fmt(diff)}${rel}: got ${fmt(answer)}.`, hint);
}

/** A number, an array (nested or typed) of numbers, or a `{shape, data}` tensor. */
type Numeric = number | ArrayLike<number> | Numeric[] | { shape: number[]; data: Float64Array | Float32Array };

/** A `{shape, data}` tensor (e.g. rnnlab's `Tensor`). */
function isTensorLike(x: unknown): x is { shape: number[]; data: ArrayLike<number> } {
  if (typeof x !== "object" || x === null) return false;
  const t = x as { shape?: unknown; data?: unknown };
  return Array.isArray(t.shape) && t.shape.every((d) => Number.isInteger(d) && d >= 0) && ArrayBuffer.isView(t.data);
}

function shapeAndValues(x: unknown, at = ""): { shape: number[]; values: unknown[] } | string {
  if (typeof x === "number") return { shape: [], values: [x] };
  if (isTensorLike(x)) {
    const values = Array.from(x.data);
    const n = x.shape.reduce((a, b) => a * b, 1);
    if (n !== values.length) return `it is a tensor whose shape [${x.shape.join(", ")}] does not match its ${values.length} values`;
    return { shape: [...x.shape], values };
  }
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    const arr = Array.from(x as unknown as ArrayLike<number>);
    return { shape: [arr.length], values: arr };
  }
  if (!Array.isArray(x)) return at === "" ? `it is ${describeValue(x)}` : `the entry at ${at} is ${describeValue(x)}`;
  if (x.length === 0) return { shape: [0], values: [] };
  const parts = x.map((el, i) => shapeAndValues(el, `${at}[${i}]`));
  const bad = parts.find((p) => typeof p === "string");
  if (bad !== undefined) return bad as string;
  const ok = parts as { shape: number[]; values: unknown[] }[];
  const first = JSON.stringify(ok[0].shape);
  const ragged = ok.findIndex((p) => JSON.stringify(p.shape) !== first);
  if (ragged >= 0) {
    return `its rows have different lengths (it is ragged): ${at}[0] has shape [${ok[0].shape.join(", ")}] but ${at}[${ragged}] has shape [${ok[ragged].shape.join(", ")}]`;
  }
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

/**
 * Compares an array (nested, typed, or a `{shape, data}` tensor) with the expected one:
 * first the shape (off by one? transposed?), then every entry (NaN, worst entry, all
 * negated, shifted by one position).
 */
export function expectArray(answer: unknown, expected: Numeric, tol: Tolerance = {}): CheckResult {
  checkReference("expectArray", undefined, tol);
  const { rtol = 1e-6, atol = 1e-9, name = "your answer", hint } = tol;
  const a = shapeAndValues(answer);
  if (typeof a === "string") return fail(`${name} should be an array of numbers, but ${a}.`, hint);
  const e = shapeAndValues(expected);
  if (typeof e === "string" || e.values.some((v) => typeof v !== "number")) {
    throw new RnnlabError(`expectArray: the expected value is malformed: ${typeof e === "string" ? e : "it contains non-numbers"}`);
  }
  const bad = e.values.findIndex((v) => !Number.isFinite(v as number));
  if (bad >= 0) {
    throw new RnnlabError(`expectArray: the reference value expected has ${describeValue(e.values[bad])} at flat index ${bad}; the question's reference solution produced a non-finite number, so the answer cannot be checked (fix the reference)`);
  }
  if (JSON.stringify(a.shape) !== JSON.stringify(e.shape)) {
    const offByOne =
      a.shape.length === e.shape.length && a.shape.filter((d, i) => d !== e.shape[i]).length === 1 && a.shape.some((d, i) => Math.abs(d - e.shape[i]) === 1);
    const transposed = a.shape.length === 2 && e.shape.length === 2 && a.shape[0] === e.shape[1] && a.shape[1] === e.shape[0];
    const why = transposed ? " (transposed?)" : offByOne ? " (off by one?)" : "";
    return fail(`${name} has shape [${a.shape.join(", ")}], expected [${e.shape.join(", ")}]${why}.`, hint);
  }
  let worst = -1;
  let worstErr = 0;
  let nBad = 0;
  for (let i = 0; i < e.values.length; i++) {
    const v = a.values[i];
    const want = e.values[i] as number;
    if (typeof v !== "number") return fail(`${name}${indexOf(i, a.shape)} should be a number, but it is ${describeValue(v)}.`, hint);
    if (!Number.isFinite(v)) return fail(`${name}${indexOf(i, a.shape)} is ${describeValue(v)}; expected a finite number near ${fmt(want)}.`, hint);
    if (!close(v, want, rtol, atol)) {
      nBad++;
      const err = Math.abs(v - want);
      if (err > worstErr) {
        worstErr = err;
        worst = i;
      }
    }
  }
  if (nBad === 0) return pass(`Correct: all ${e.values.length} entries of ${name} match.`);
  const av = a.values as number[];
  const ev = e.values as number[];
  const allNeg = ev.every((x, i) => close(-av[i], x, rtol, atol));
  if (allNeg) return fail(`${name} has the wrong sign everywhere (it is the negative of the expected array).`, hint);
  if (ev.length > 1 && a.shape.length === 1) {
    // shifted by one step (a classic off-by-one in a time loop)?
    const n = ev.length;
    const shiftedLeft = ev.slice(1).every((x, i) => close(av[i], x, rtol, atol));
    const shiftedRight = ev.slice(0, n - 1).every((x, i) => close(av[i + 1], x, rtol, atol));
    if (shiftedLeft || shiftedRight) {
      return fail(`${name} looks shifted by one position ${shiftedLeft ? "to the left" : "to the right"} (an off-by-one in an index?).`, hint);
    }
  }
  return fail(
    `${nBad} of ${ev.length} entries of ${name} are wrong; the worst, ${name}${indexOf(worst, a.shape)}, ` +
      `is ${fmt(av[worst])} where ${fmt(ev[worst])} was expected.`,
    hint,
  );
}

/** One test case for a function answer: arguments and the expected result. */
export interface FunctionCase {
  /** Arguments of the call (arrays are copied for each call, so the function may modify them). */
  args: unknown[];
  /** The expected result: a number, an array (nested or typed), a tensor `{shape, data}`, or a boolean. */
  expected: Numeric | boolean;
  /** How to describe the call in messages, e.g. "sigmoid(0)". */
  label?: string;
}

/** True when an error was thrown by an unfinished exercise placeholder. */
export function isPlaceholderError(err: unknown): boolean {
  return err instanceof Error && /^TODO\b|not implemented/i.test(err.message);
}

/** A copy of array arguments (plain, nested, typed), so a case cannot be changed by the function under test. */
function copyArgument(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyArgument);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return (value as unknown as { slice(): unknown }).slice();
  return value;
}

function describeArgument(a: unknown): string {
  if (typeof a === "number") return fmt(a);
  if (typeof a === "boolean") return String(a);
  if (Array.isArray(a) && a.length <= 4 && a.every((v) => typeof v === "number")) return `[${a.map(fmt).join(", ")}]`;
  return describeValue(a);
}

/**
 * Calls a student's function on each case and compares the results (numbers, arrays or
 * booleans). Messages: not a function, unfinished placeholder (`TODO`), a thrown error,
 * a missing `return`, an async function, then the first wrong case like `expectNumber`.
 */
export function expectFunction(answer: unknown, cases: FunctionCase[], tol: Tolerance = {}): CheckResult {
  checkReference("expectFunction", undefined, tol);
  const name = tol.name ?? "your function";
  if (typeof answer !== "function") return fail(`${name} should be a function, but it is ${describeValue(answer)}.`, tol.hint);
  const fn = answer as (...args: unknown[]) => unknown;
  for (const c of cases) {
    const label = c.label ?? `${name}(${c.args.map(describeArgument).join(", ")})`;
    let got: unknown;
    try {
      got = fn(...c.args.map(copyArgument));
    } catch (err) {
      if (isPlaceholderError(err)) return fail(`${name} is not written yet (it still throws "${(err as Error).message}").`, tol.hint);
      return fail(`${label} threw an error: ${err instanceof Error ? err.message : String(err)}`, tol.hint);
    }
    if (got === undefined) {
      return fail(`${label} returned undefined: is a \`return\` statement missing?`, tol.hint);
    }
    if (got instanceof Promise) {
      return fail(`${label} returned a Promise; the function should return its result directly (not async).`, tol.hint);
    }
    const r =
      typeof c.expected === "boolean"
        ? expectBoolean(got, c.expected, { ...tol, name: label })
        : typeof c.expected === "number"
          ? expectNumber(got, c.expected, { ...tol, name: label })
          : expectArray(got, c.expected, { ...tol, name: label });
    if (!r.pass) return r;
  }
  return pass(`Correct: ${name} passes all ${cases.length} test case${cases.length === 1 ? "" : "s"}.`);
}

/** Compares a boolean answer (true/false) with the expected one. */
export function expectBoolean(answer: unknown, expected: boolean, tol: Pick<Tolerance, "name" | "hint"> = {}): CheckResult {
  checkOptions("expectBoolean", tol, ["name", "hint"], { name: "tol" });
  if (typeof expected !== "boolean") throw new RnnlabError(`expectBoolean: expected must be true or false, got ${describeValue(expected)}`);
  const { name = "your answer", hint } = tol;
  if (typeof answer !== "boolean") return fail(`${name} should be true or false, but it is ${describeValue(answer)}.`, hint);
  if (answer === expected) return pass(`Correct: ${name} is ${answer}.`);
  return fail(`${name} is ${answer}, but it should be ${expected}.`, hint);
}

/** Compares an integer answer (a count, an index, a number of steps) with the expected one, exactly. */
export function expectInteger(answer: unknown, expected: number, tol: Pick<Tolerance, "name" | "hint"> = {}): CheckResult {
  checkOptions("expectInteger", tol, ["name", "hint"], { name: "tol" });
  const { name = "your answer", hint } = tol;
  if (!Number.isInteger(expected)) throw new RnnlabError(`expectInteger: the expected value must be an integer, got ${describeValue(expected)}`);
  if (typeof answer !== "number") return fail(`${name} should be a whole number, but it is ${describeValue(answer)}.`, hint);
  if (Number.isNaN(answer)) return fail(`${name} is NaN: the NaN placeholder is still there, or a step produced NaN.`, hint);
  if (!Number.isInteger(answer)) return fail(`${name} should be a whole number, but it is ${fmt(answer)} (round, or count instead of averaging?).`, hint);
  if (answer === expected) return pass(`Correct: ${name} = ${answer}.`);
  if (answer === -expected) return fail(`${name} has the wrong sign: got ${answer}.`, hint);
  const diff = answer - expected;
  const offByOne = Math.abs(diff) === 1 ? " — off by one?" : "";
  return fail(`${name} is ${Math.abs(diff)} too ${diff > 0 ? "large" : "small"}: got ${answer}${offByOne}.`, hint);
}
