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
  checkOptions(where, tol as object | undefined, ["rtol", "atol", "name", "hint", "mistakes", "pure"], { name: "tol" });
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
  /**
   * Typical wrong answers and what to say about them: when the answer is within tolerance of
   * `value` (a wrong result, e.g. the expected value plus one for a forgotten "−1"), the
   * check says `message` instead of a generic "off by". Checked before the sign.
   */
  mistakes?: Mistake[];
}

/** A typical wrong answer (a number, or an array of the expected shape) and its diagnosis. */
export interface Mistake {
  value: number | number[];
  message: string;
}

/**
 * One comparison that a question's test made, as data (see `recordChecks`): what kind of
 * comparison, the expected value (or function cases) and the tolerances. The release seals
 * these (lib/exercises/sealed.ts) so that the released checks carry no expected value in clear.
 */
export type RecordedCheck =
  | { kind: "number"; expected: number; tol: Tolerance }
  | { kind: "integer"; expected: number; tol: Tolerance }
  | { kind: "boolean"; expected: boolean; tol: Tolerance }
  | { kind: "array"; expected: unknown; tol: Tolerance }
  | { kind: "function"; cases: FunctionCase[]; tol: Tolerance };

let recording: RecordedCheck[] | null = null;

/**
 * Runs `fn` with the expect functions in recording mode: each call records its expected
 * value and tolerances instead of comparing, and passes. Returns what was recorded.
 */
export function recordChecks(fn: () => unknown): RecordedCheck[] {
  const prev = recording;
  const out: RecordedCheck[] = [];
  recording = out;
  try {
    fn();
  } finally {
    recording = prev;
  }
  return out;
}

function recorded(r: RecordedCheck): CheckResult | null {
  if (recording === null) return null;
  recording.push(r);
  return pass("recorded");
}

/** A passing result (for question tests that compare by hand). */
export function pass(message = "Correct!"): CheckResult {
  return { pass: true, message };
}

/** A failing result with a specific message and an optional hint. */
export function fail(message: string, hint?: string): CheckResult {
  return hint === undefined ? { pass: false, message } : { pass: false, message, hint };
}

function withinTolerance(a: number, b: number, rtol: number, atol: number): boolean {
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

export function formatNumber(x: number): string {
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
  const rec = recorded({ kind: "number", expected, tol });
  if (rec) return rec;
  const { rtol = 1e-6, atol = 1e-9, name = "your answer", hint } = tol;
  if (typeof answer !== "number") return fail(`${name} should be a number, but it is ${describeValue(answer)}.`, hint);
  if (Number.isNaN(answer)) {
    return fail(`${name} is NaN (not a number): either the NaN placeholder is still there, or some step divides 0 by 0 or uses an unset value.`, hint);
  }
  if (!Number.isFinite(answer)) return fail(`${name} is ${answer}; expected a finite number.`, hint);
  if (withinTolerance(answer, expected, rtol, atol)) return pass(`Correct: ${name} = ${formatNumber(answer)}.`);
  for (const m of tol.mistakes ?? []) {
    if (typeof m.value === "number" && withinTolerance(answer, m.value, rtol, atol)) return fail(`${name} = ${formatNumber(answer)}: ${m.message}`, hint);
  }
  if (expected !== 0 && withinTolerance(-answer, expected, rtol, atol)) {
    return fail(`${name} has the wrong sign: got ${formatNumber(answer)}, expected ${formatNumber(expected)}.`, hint);
  }
  const diff = answer - expected;
  const rel = expected !== 0 ? ` (${formatNumber(Math.abs(diff / expected) * 100)}% ${diff > 0 ? "too large" : "too small"})` : "";
  return fail(`${name} is off by ${formatNumber(diff)}${rel}: got ${formatNumber(answer)}.`, hint);
}

/** A number, an array (nested or typed) of numbers, or a `{shape, data}` tensor. */
export type Numeric = number | ArrayLike<number> | Numeric[] | { shape: number[]; data: Float64Array | Float32Array };

/** A `{shape, data}` tensor (e.g. rnnlab's `Tensor`). */
function isTensorLike(x: unknown): x is { shape: number[]; data: ArrayLike<number> } {
  if (typeof x !== "object" || x === null) return false;
  const t = x as { shape?: unknown; data?: unknown };
  return Array.isArray(t.shape) && t.shape.every((d) => Number.isInteger(d) && d >= 0) && ArrayBuffer.isView(t.data);
}

export function shapeAndValuesOf(x: unknown, at = ""): { shape: number[]; values: unknown[] } | string {
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
  const parts = x.map((el, i) => shapeAndValuesOf(el, `${at}[${i}]`));
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

export function flatIndexName(flat: number, shape: number[]): string {
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
  const rec = recorded({ kind: "array", expected, tol });
  if (rec) return rec;
  const { rtol = 1e-6, atol = 1e-9, name = "your answer", hint } = tol;
  const a = shapeAndValuesOf(answer);
  if (typeof a === "string") return fail(`${name} should be an array of numbers, but ${a}.`, hint);
  const e = shapeAndValuesOf(expected);
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
    if (typeof v !== "number") return fail(`${name}${flatIndexName(i, a.shape)} should be a number, but it is ${describeValue(v)}.`, hint);
    if (!Number.isFinite(v)) return fail(`${name}${flatIndexName(i, a.shape)} is ${describeValue(v)}; expected a finite number near ${formatNumber(want)}.`, hint);
    if (!withinTolerance(v, want, rtol, atol)) {
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
  for (const m of tol.mistakes ?? []) {
    const mv = Array.isArray(m.value) ? m.value.flat(Infinity as 1) as number[] : null;
    if (mv && mv.length === av.length && mv.every((x, i) => withinTolerance(av[i], x, rtol, atol))) return fail(`${name}: ${m.message}`, hint);
  }
  const allNeg = ev.every((x, i) => withinTolerance(-av[i], x, rtol, atol));
  if (allNeg) return fail(`${name} has the wrong sign everywhere (it is the negative of the expected array).`, hint);
  if (ev.length > 1 && a.shape.length === 1) {
    // shifted by one step (a classic off-by-one in a time loop)?
    const n = ev.length;
    const shiftedLeft = ev.slice(1).every((x, i) => withinTolerance(av[i], x, rtol, atol));
    const shiftedRight = ev.slice(0, n - 1).every((x, i) => withinTolerance(av[i + 1], x, rtol, atol));
    if (shiftedLeft || shiftedRight) {
      return fail(`${name} looks shifted by one position ${shiftedLeft ? "to the left" : "to the right"} (an off-by-one in an index?).`, hint);
    }
  }
  return fail(
    `${nBad} of ${ev.length} entries of ${name} are wrong; the worst, ${name}${flatIndexName(worst, a.shape)}, ` +
      `is ${formatNumber(av[worst])} where ${formatNumber(ev[worst])} was expected.`,
    hint,
  );
}

/**
 * What a function case may expect: a number, a boolean, an array (nested, typed, or a tensor),
 * a list of arrays of different lengths, or an object of such values (compared key by key).
 */
export type Expected = Numeric | boolean | Expected[] | { [key: string]: Expected };

/** One test case for a function answer: arguments and the expected result. */
export interface FunctionCase {
  /** Arguments of the call (arrays are copied for each call, so the function may modify them). */
  args: unknown[];
  /** The expected result (see `Expected`). */
  expected: Expected;
  /** How to describe the call in messages, e.g. "sigmoid(0)". */
  label?: string;
  /** Typical wrong results of this call and their diagnosis (see `Tolerance.mistakes`). */
  mistakes?: Mistake[];
}

/** Options of `expectFunction`: tolerances, and whether the function must leave its arguments unchanged. */
export interface FunctionTolerance extends Tolerance {
  /** Fail when the call changes an array argument (default false). */
  pure?: boolean;
}

/** True when an error was thrown by an unfinished exercise placeholder. */
export function isPlaceholderError(err: unknown): boolean {
  return err instanceof Error && /^TODO\b|not implemented/i.test(err.message);
}

/** A copy of array arguments (plain, nested, typed) and plain objects, so a case cannot be changed by the function under test. */
function copyArgument(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyArgument);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return (value as unknown as { slice(): unknown }).slice();
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = copyArgument((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Same numbers in the same places (arguments before and after a call). */
function sameArgument(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) || a === b;
  if ((Array.isArray(a) || ArrayBuffer.isView(a)) && (Array.isArray(b) || ArrayBuffer.isView(b))) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameArgument(x[i], y[i])) return false;
    return true;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => sameArgument((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

function describeArgument(a: unknown): string {
  if (typeof a === "number") return formatNumber(a);
  if (typeof a === "boolean") return String(a);
  if (Array.isArray(a) && a.length <= 4 && a.every((v) => typeof v === "number")) return `[${a.map(formatNumber).join(", ")}]`;
  return describeValue(a);
}

/** A plain object of expected values (not an array, not a tensor). */
export function isExpectedRecord(x: unknown): x is Record<string, Expected> {
  return !!x && typeof x === "object" && !Array.isArray(x) && !ArrayBuffer.isView(x) && !isTensorLike(x);
}

/** An array whose entries are arrays of different shapes (compared entry by entry). */
export function isExpectedList(x: unknown): x is Expected[] {
  return Array.isArray(x) && x.length > 0 && typeof shapeAndValuesOf(x) === "string";
}

/** Compares a result with an expected value of any `Expected` form. */
function expectValue(got: unknown, expected: Expected, tol: Tolerance): CheckResult {
  const name = tol.name ?? "your answer";
  if (typeof expected === "boolean") return expectBoolean(got, expected, tol);
  if (typeof expected === "number") return expectNumber(got, expected, tol);
  if (isExpectedRecord(expected)) {
    if (!got || typeof got !== "object") return fail(`${name} should be an object with ${Object.keys(expected).join(", ")}, but it is ${describeValue(got)}.`, tol.hint);
    for (const key of Object.keys(expected)) {
      const v = (got as Record<string, unknown>)[key];
      if (v === undefined) return fail(`${name} has no entry "${key}".`, tol.hint);
      const r = expectValue(v, (expected as Record<string, Expected>)[key], { ...tol, name: `${key} of ${name}`, mistakes: undefined });
      if (!r.pass) return r;
    }
    return pass(`Correct: every entry of ${name} matches.`);
  }
  if (isExpectedList(expected)) {
    if (!Array.isArray(got) || got.length !== expected.length) {
      return fail(`${name} should be an array of ${expected.length} arrays, but it is ${describeValue(got)}.`, tol.hint);
    }
    for (let k = 0; k < expected.length; k++) {
      const r = expectValue(got[k], expected[k], { ...tol, name: `entry ${k} of ${name}`, mistakes: undefined });
      if (!r.pass) return r;
    }
    return pass(`Correct: all ${expected.length} arrays of ${name} match.`);
  }
  return expectArray(got, expected as Numeric, tol);
}

/**
 * Calls a student's function on each case and compares the results (numbers, arrays,
 * booleans, lists of arrays, objects). Messages: not a function, unfinished placeholder
 * (`TODO`), a thrown error, a missing `return`, an async function, a changed argument
 * (with `pure`), then the first wrong case like `expectNumber`.
 */
export function expectFunction(answer: unknown, cases: FunctionCase[], tol: FunctionTolerance = {}): CheckResult {
  checkReference("expectFunction", undefined, tol);
  const rec = recorded({ kind: "function", cases, tol });
  if (rec) return rec;
  const name = tol.name ?? "your function";
  if (typeof answer !== "function") return fail(`${name} should be a function, but it is ${describeValue(answer)}.`, tol.hint);
  const fn = answer as (...args: unknown[]) => unknown;
  return runFunctionCases(fn, cases.length, (k) => cases[k], tol, (got, c, label) =>
    expectValue(got, c.expected, { ...tol, name: label, mistakes: [...(c.mistakes ?? []), ...(tol.mistakes ?? [])] }),
  );
}

/**
 * The loop shared by the clear and the sealed checks: calls `fn` on each case, reports the
 * errors every check reports the same way, and compares each result with `compare`.
 */
export function runFunctionCases<C extends { args: unknown[]; label?: string }>(
  fn: (...args: unknown[]) => unknown,
  n: number,
  caseAt: (k: number) => C,
  tol: FunctionTolerance,
  compare: (got: unknown, c: C, label: string) => CheckResult,
): CheckResult {
  const name = tol.name ?? "your function";
  for (let k = 0; k < n; k++) {
    const c = caseAt(k);
    const label = c.label ?? `${name}(${c.args.map(describeArgument).join(", ")})`;
    const args = c.args.map(copyArgument);
    let got: unknown;
    try {
      got = fn(...args);
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
    const r = compare(got, c, label);
    if (!r.pass) return r;
    if (tol.pure && !sameArgument(args, c.args)) return fail(`${label} changed its input arrays; return new arrays instead.`, tol.hint);
  }
  return pass(`Correct: ${name} passes all ${n} test case${n === 1 ? "" : "s"}.`);
}

/** Compares a boolean answer (true/false) with the expected one. */
export function expectBoolean(answer: unknown, expected: boolean, tol: Pick<Tolerance, "name" | "hint"> = {}): CheckResult {
  checkOptions("expectBoolean", tol, ["name", "hint", "mistakes", "rtol", "atol", "pure"], { name: "tol" });
  if (typeof expected !== "boolean") throw new RnnlabError(`expectBoolean: expected must be true or false, got ${describeValue(expected)}`);
  const rec = recorded({ kind: "boolean", expected, tol });
  if (rec) return rec;
  const { name = "your answer", hint } = tol;
  if (typeof answer !== "boolean") return fail(`${name} should be true or false, but it is ${describeValue(answer)}.`, hint);
  if (answer === expected) return pass(`Correct: ${name} is ${answer}.`);
  return fail(`${name} is ${answer}, but it should be ${expected}.`, hint);
}

/** Compares an integer answer (a count, an index, a number of steps) with the expected one, exactly. */
export function expectInteger(answer: unknown, expected: number, tol: Pick<Tolerance, "name" | "hint"> = {}): CheckResult {
  checkOptions("expectInteger", tol, ["name", "hint", "mistakes", "rtol", "atol", "pure"], { name: "tol" });
  const rec = recorded({ kind: "integer", expected, tol });
  if (rec) return rec;
  const { name = "your answer", hint } = tol;
  if (!Number.isInteger(expected)) throw new RnnlabError(`expectInteger: the expected value must be an integer, got ${describeValue(expected)}`);
  if (typeof answer !== "number") return fail(`${name} should be a whole number, but it is ${describeValue(answer)}.`, hint);
  if (Number.isNaN(answer)) return fail(`${name} is NaN: the NaN placeholder is still there, or a step produced NaN.`, hint);
  if (!Number.isInteger(answer)) return fail(`${name} should be a whole number, but it is ${formatNumber(answer)} (round, or count instead of averaging?).`, hint);
  if (answer === expected) return pass(`Correct: ${name} = ${answer}.`);
  if (answer === -expected) return fail(`${name} has the wrong sign: got ${answer}.`, hint);
  const diff = answer - expected;
  const offByOne = Math.abs(diff) === 1 ? " — off by one?" : "";
  return fail(`${name} is ${Math.abs(diff)} too ${diff > 0 ? "large" : "small"}: got ${answer}${offByOne}.`, hint);
}
