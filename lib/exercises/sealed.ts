/**
 * Sealed checks: the released course's `check()` without any expected value in clear.
 *
 * `npm run release` records what every question's public test compares (`recordChecks`:
 * the expected numbers, arrays, function cases and their tolerances) and writes them
 * sealed: each expected number becomes a salted hash of its position on a tolerance grid.
 * A student's answer is put on the same grid and hashed; it matches when it lands on the
 * expected cell or a neighbour, that is when it is within the tolerance (up to twice it).
 *
 *   relative tolerance r > 0:  cell = round(ln|x| / ln(1 + r)), with the sign; |x| ≤ 2·atol is one cell "0"
 *   absolute only (r = 0, a > 0):  cell = round(x / a)
 *   exact (r = a = 0):  the number itself
 *
 * The feedback stays specific without the value: wrong type, NaN, wrong shape (the expected
 * shape is not secret), which entries are wrong, wrong sign, shifted by one, a named
 * typical mistake (sealed the same way), and whether the answer is within a factor of about
 * two of the expected one (a coarse grid, also sealed). What it never says is the expected
 * value or on which side of it the answer lies. The hidden tests of the grader keep every
 * value (they are not part of the release).
 */
import { createHash, randomBytes } from "crypto";
import { describeValue } from "../core/errors";
import {
  CheckResult,
  Expected,
  FunctionTolerance,
  RecordedCheck,
  Tolerance,
  fail,
  flatIndexName,
  formatNumber,
  isExpectedList,
  isExpectedRecord,
  pass,
  recordChecks,
  runFunctionCases,
  shapeAndValuesOf,
} from "./expect";
import { Question, QuestionDepth, defineQuestion } from "./registry";

/** A sealed expected value (JSON). */
export type SealedValue =
  | { t: "n"; h: string; mag: string }
  | { t: "b"; h: string }
  | { t: "a"; shape: number[]; h: string[]; mag: string[] }
  | { t: "o"; keys: string[]; v: SealedValue[] }
  | { t: "l"; v: SealedValue[] };

/** The tolerance fields that survive sealing (no mistake values: those are sealed too). */
export interface SealedTolerance {
  name?: string;
  hint?: string;
  rtol: number;
  atol: number;
  pure?: boolean;
}

export interface SealedMistake {
  v: SealedValue;
  message: string;
}

export type SealedCheck =
  | { kind: "number" | "integer" | "boolean" | "array"; v: SealedValue; mistakes: SealedMistake[]; tol: SealedTolerance }
  | { kind: "function"; cases: { args: unknown; label?: string; v: SealedValue; mistakes: SealedMistake[] }[]; tol: SealedTolerance };

/** One sealed question, as written into the release. */
export interface SealedQuestion {
  id: string;
  title: string;
  symbols: string[];
  points: number;
  depth: QuestionDepth;
  salt: string;
  check: SealedCheck;
}

const DEFAULT_RTOL = 1e-6;
const DEFAULT_ATOL = 1e-9;

function digest(salt: string, where: string, token: string): string {
  return createHash("sha256").update(`${salt}\u0000${where}\u0000${token}`).digest("hex").slice(0, 20);
}

/** The grid cell of an expected number. */
function cellOf(x: number, rtol: number, atol: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (rtol > 0) {
    if (Math.abs(x) <= 2 * atol) return "0";
    return `${x < 0 ? "-" : "+"}${Math.round(Math.log(Math.abs(x)) / Math.log1p(rtol))}`;
  }
  if (atol > 0) return `a${Math.round(x / atol)}`;
  return `x${x === 0 ? 0 : x}`;
}

/** The cells an answer may match: its own and the neighbours (so a difference up to the tolerance passes). */
function candidateCells(x: number, rtol: number, atol: number): string[] {
  if (!Number.isFinite(x)) return [cellOf(x, rtol, atol)];
  if (rtol > 0) {
    const out: string[] = [];
    if (Math.abs(x) <= 3 * atol) out.push("0");
    if (x !== 0) {
      const k = Math.round(Math.log(Math.abs(x)) / Math.log1p(rtol));
      const s = x < 0 ? "-" : "+";
      out.push(`${s}${k - 1}`, `${s}${k}`, `${s}${k + 1}`);
    }
    return out;
  }
  if (atol > 0) {
    const k = Math.round(x / atol);
    return [`a${k - 1}`, `a${k}`, `a${k + 1}`];
  }
  return [`x${x === 0 ? 0 : x}`];
}

/** The coarse cell (sign and power of two) for "within a factor of about two". */
function magnitudeOf(x: number, atol: number): string {
  if (!Number.isFinite(x)) return "?";
  if (Math.abs(x) <= Math.max(2 * atol, 1e-300)) return "0";
  return `${x < 0 ? "-" : "+"}${Math.round(Math.log2(Math.abs(x)))}`;
}

function magnitudeCandidates(x: number, atol: number): string[] {
  const m = magnitudeOf(x, atol);
  if (m === "0" || m === "?") return [m];
  const k = Number(m.slice(1));
  return [k - 1, k, k + 1].map((j) => `${m[0]}${j}`);
}

// ---------------------------------------------------------------- sealing (release time)

/** Seals one expected value; `where` names its place (question, case, path) in the hash. */
function sealValue(expected: Expected, salt: string, where: string, rtol: number, atol: number): SealedValue {
  if (typeof expected === "boolean") return { t: "b", h: digest(salt, where, `b${expected}`) };
  if (typeof expected === "number") {
    return { t: "n", h: digest(salt, where, cellOf(expected, rtol, atol)), mag: digest(salt, where + "#mag", magnitudeOf(expected, atol)) };
  }
  if (isExpectedRecord(expected)) {
    const keys = Object.keys(expected);
    return { t: "o", keys, v: keys.map((k) => sealValue((expected as Record<string, Expected>)[k], salt, `${where}.${k}`, rtol, atol)) };
  }
  if (isExpectedList(expected)) return { t: "l", v: expected.map((e, k) => sealValue(e, salt, `${where}[${k}]`, rtol, atol)) };
  const sv = shapeAndValuesOf(expected);
  if (typeof sv === "string" || sv.values.some((v) => typeof v !== "number")) throw new Error(`sealValue: ${where}: the expected value is malformed`);
  const values = sv.values as number[];
  return {
    t: "a",
    shape: sv.shape,
    h: values.map((x, i) => digest(salt, `${where}@${i}`, cellOf(x, rtol, atol))),
    mag: values.map((x, i) => digest(salt, `${where}@${i}#mag`, magnitudeOf(x, atol))),
  };
}

/** JSON form of function arguments: typed arrays, non-finite numbers and plain objects survive. */
export function encodeArgument(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : { $num: String(v) };
  if (v instanceof Float64Array) return { $f64: Array.from(v, encodeArgument) };
  if (v instanceof Float32Array) return { $f32: Array.from(v, encodeArgument) };
  if (ArrayBuffer.isView(v)) throw new Error(`encodeArgument: unsupported typed array ${v.constructor.name}`);
  if (Array.isArray(v)) return v.map(encodeArgument);
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object)) {
      if (k.startsWith("$")) throw new Error(`encodeArgument: key ${k} starts with $`);
      out[k] = encodeArgument((v as Record<string, unknown>)[k]);
    }
    return out;
  }
  throw new Error(`encodeArgument: cannot store ${describeValue(v)} in a sealed check`);
}

/** The inverse of `encodeArgument`. */
export function decodeArgument(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeArgument);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.$num === "string") return Number(o.$num);
    if (Array.isArray(o.$f64)) return Float64Array.from(o.$f64.map(decodeArgument) as number[]);
    if (Array.isArray(o.$f32)) return Float32Array.from(o.$f32.map(decodeArgument) as number[]);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = decodeArgument(o[k]);
    return out;
  }
  return v;
}

function sealedTolerance(tol: Tolerance & { pure?: boolean }): SealedTolerance {
  const out: SealedTolerance = { rtol: tol.rtol ?? DEFAULT_RTOL, atol: tol.atol ?? DEFAULT_ATOL };
  if (tol.name !== undefined) out.name = tol.name;
  if (tol.hint !== undefined) out.hint = tol.hint;
  if (tol.pure) out.pure = true;
  return out;
}

function sealRecorded(r: RecordedCheck, salt: string): SealedCheck {
  const t = sealedTolerance(r.tol);
  if (r.kind === "integer" || r.kind === "boolean") {
    t.rtol = 0;
    t.atol = 0;
  }
  const mistakes = (ms: { value: number | number[]; message: string }[] | undefined, where: string): SealedMistake[] =>
    (ms ?? []).map((m, k) => ({ v: sealValue(m.value, salt, `${where}!${k}`, t.rtol, t.atol), message: m.message }));
  if (r.kind === "function") {
    return {
      kind: "function",
      tol: t,
      cases: r.cases.map((c, k) => {
        const out: { args: unknown; label?: string; v: SealedValue; mistakes: SealedMistake[] } = {
          args: encodeArgument(c.args),
          v: sealValue(c.expected, salt, `case${k}`, t.rtol, t.atol),
          mistakes: mistakes([...(c.mistakes ?? []), ...(r.tol.mistakes ?? [])], `case${k}`),
        };
        if (c.label !== undefined) out.label = c.label;
        return out;
      }),
    };
  }
  return { kind: r.kind, tol: t, v: sealValue(r.expected as Expected, salt, "value", t.rtol, t.atol), mistakes: mistakes(r.tol.mistakes, "value") };
}

/**
 * Seals a question: runs its public test once in recording mode and turns what it compares
 * into hashes. Throws when the test does not make exactly one comparison through the
 * expect functions (such a test cannot be sealed: rewrite it with `expectFunction`).
 */
export function sealQuestion(q: Question, salt = randomBytes(12).toString("hex")): SealedQuestion {
  const probe = function probe(): undefined {
    return undefined;
  };
  const rec = recordChecks(() => q.test(probe));
  if (rec.length !== 1) throw new Error(`sealQuestion: the test of ${q.id} made ${rec.length} comparisons; a sealed question needs exactly one (use expectFunction)`);
  return { id: q.id, title: q.title, symbols: [...q.symbols], points: q.points, depth: q.depth, salt, check: sealRecorded(rec[0], salt) };
}

// ---------------------------------------------------------------- checking (in the released course)

function matches(x: number, h: string, salt: string, where: string, tol: SealedTolerance): boolean {
  return candidateCells(x, tol.rtol, tol.atol).some((c) => digest(salt, where, c) === h);
}

function roughlyRight(x: number, mag: string, salt: string, where: string, tol: SealedTolerance): boolean {
  return magnitudeCandidates(x, tol.atol).some((c) => digest(salt, where + "#mag", c) === mag);
}

const NOT_SHOWN = "(The checks of the released course do not show expected values.)";

function sealedNumber(x: unknown, v: SealedValue & { t: "n" }, salt: string, where: string, tol: SealedTolerance, name: string, mistakes: SealedMistake[], integer: boolean): CheckResult {
  const { hint } = tol;
  if (typeof x !== "number") return fail(`${name} should be a number, but it is ${describeValue(x)}.`, hint);
  if (Number.isNaN(x)) return fail(`${name} is NaN (not a number): either the NaN placeholder is still there, or some step divides 0 by 0 or uses an unset value.`, hint);
  if (!Number.isFinite(x)) return fail(`${name} is ${x}; expected a finite number.`, hint);
  if (integer && !Number.isInteger(x)) return fail(`${name} should be a whole number, but it is ${formatNumber(x)} (round, or count instead of averaging?).`, hint);
  if (matches(x, v.h, salt, where, tol)) return pass(`Correct: ${name} = ${formatNumber(x)}.`);
  for (const [k, m] of mistakes.entries()) {
    if (m.v.t === "n" && matches(x, m.v.h, salt, `${where}!${k}`, tol)) return fail(`${name} = ${formatNumber(x)}: ${m.message}`, hint);
  }
  if (x !== 0 && matches(-x, v.h, salt, where, tol)) return fail(`${name} has the wrong sign: got ${formatNumber(x)}.`, hint);
  if (integer) {
    if (matches(x - 1, v.h, salt, where, tol) || matches(x + 1, v.h, salt, where, tol)) return fail(`${name} = ${x} is off by one.`, hint);
    return fail(`${name} = ${x} is not the expected count. ${NOT_SHOWN}`, hint);
  }
  const rough = roughlyRight(x, v.mag, salt, where, tol)
    ? "it has the right sign and size (within a factor of about two) but is not within the tolerance"
    : "it is far from the expected value (more than a factor of about two off, or the wrong sign)";
  return fail(`${name} = ${formatNumber(x)} is not correct yet: ${rough}. ${NOT_SHOWN}`, hint);
}

function sealedArray(x: unknown, v: SealedValue & { t: "a" }, salt: string, where: string, tol: SealedTolerance, name: string, mistakes: SealedMistake[]): CheckResult {
  const { hint } = tol;
  const a = shapeAndValuesOf(x);
  if (typeof a === "string") return fail(`${name} should be an array of numbers, but ${a}.`, hint);
  if (JSON.stringify(a.shape) !== JSON.stringify(v.shape)) {
    const e = v.shape;
    const offByOne = a.shape.length === e.length && a.shape.filter((d, i) => d !== e[i]).length === 1 && a.shape.some((d, i) => Math.abs(d - e[i]) === 1);
    const transposed = a.shape.length === 2 && e.length === 2 && a.shape[0] === e[1] && a.shape[1] === e[0];
    return fail(`${name} has shape [${a.shape.join(", ")}], expected [${e.join(", ")}]${transposed ? " (transposed?)" : offByOne ? " (off by one?)" : ""}.`, hint);
  }
  const av = a.values;
  for (let i = 0; i < av.length; i++) {
    const y = av[i];
    if (typeof y !== "number") return fail(`${name}${flatIndexName(i, a.shape)} should be a number, but it is ${describeValue(y)}.`, hint);
    if (!Number.isFinite(y)) return fail(`${name}${flatIndexName(i, a.shape)} is ${describeValue(y)}; expected a finite number.`, hint);
  }
  const nums = av as number[];
  const at = (i: number): string => `${where}@${i}`;
  const bad = nums.map((y, i) => !matches(y, v.h[i], salt, at(i), tol));
  const nBad = bad.filter(Boolean).length;
  if (nBad === 0) return pass(`Correct: all ${nums.length} entries of ${name} match.`);
  for (const [k, m] of mistakes.entries()) {
    if (m.v.t === "a" && m.v.h.length === nums.length && nums.every((y, i) => matches(y, (m.v as { h: string[] }).h[i], salt, `${where}!${k}@${i}`, tol))) {
      return fail(`${name}: ${m.message}`, hint);
    }
  }
  if (nums.every((y, i) => matches(-y, v.h[i], salt, at(i), tol)) && nums.some((y) => y !== 0)) {
    return fail(`${name} has the wrong sign everywhere (it is the negative of the expected array).`, hint);
  }
  const n = nums.length;
  if (n > 1 && a.shape.length === 1) {
    const left = nums.slice(0, n - 1).every((y, i) => matches(y, v.h[i + 1], salt, at(i + 1), tol));
    const right = nums.slice(1).every((y, i) => matches(y, v.h[i], salt, at(i), tol));
    if (left || right) return fail(`${name} looks shifted by one position ${left ? "to the left" : "to the right"} (an off-by-one in an index?).`, hint);
  }
  const first = bad.indexOf(true);
  const rough = roughlyRight(nums[first], v.mag[first], salt, at(first), tol) ? "right size, not within the tolerance" : "far from the expected value";
  return fail(`${nBad} of ${n} entries of ${name} are wrong; the first, ${name}${flatIndexName(first, a.shape)} = ${formatNumber(nums[first])}, is ${rough}. ${NOT_SHOWN}`, hint);
}

/** Compares an answer with a sealed value (any form). */
function sealedCompare(x: unknown, v: SealedValue, salt: string, where: string, tol: SealedTolerance, name: string, mistakes: SealedMistake[] = [], integer = false): CheckResult {
  const { hint } = tol;
  switch (v.t) {
    case "n":
      return sealedNumber(x, v, salt, where, tol, name, mistakes, integer);
    case "b":
      if (typeof x !== "boolean") return fail(`${name} should be true or false, but it is ${describeValue(x)}.`, hint);
      return digest(salt, where, `b${x}`) === v.h ? pass(`Correct: ${name} is ${x}.`) : fail(`${name} is ${x}, but it should be ${!x}.`, hint);
    case "a":
      return sealedArray(x, v, salt, where, tol, name, mistakes);
    case "o": {
      if (!x || typeof x !== "object") return fail(`${name} should be an object with ${v.keys.join(", ")}, but it is ${describeValue(x)}.`, hint);
      for (const [k, key] of v.keys.entries()) {
        const y = (x as Record<string, unknown>)[key];
        if (y === undefined) return fail(`${name} has no entry "${key}".`, hint);
        const r = sealedCompare(y, v.v[k], salt, `${where}.${key}`, tol, `${key} of ${name}`);
        if (!r.pass) return r;
      }
      return pass(`Correct: every entry of ${name} matches.`);
    }
    case "l": {
      if (!Array.isArray(x) || x.length !== v.v.length) return fail(`${name} should be an array of ${v.v.length} arrays, but it is ${describeValue(x)}.`, hint);
      for (let k = 0; k < v.v.length; k++) {
        const r = sealedCompare(x[k], v.v[k], salt, `${where}[${k}]`, tol, `entry ${k} of ${name}`);
        if (!r.pass) return r;
      }
      return pass(`Correct: all ${v.v.length} arrays of ${name} match.`);
    }
  }
}

/** Runs a sealed question's check on an answer (what `check()` does in the released course). */
export function runSealedCheck(q: SealedQuestion, answer: unknown): CheckResult {
  const c = q.check;
  const tol = c.tol;
  if (c.kind === "function") {
    const name = tol.name ?? "your function";
    if (typeof answer !== "function") return fail(`${name} should be a function, but it is ${describeValue(answer)}.`, tol.hint);
    const cases = c.cases.map((k) => ({ ...k, args: decodeArgument(k.args) as unknown[] }));
    const ftol: FunctionTolerance = { name, ...(tol.hint !== undefined ? { hint: tol.hint } : {}), ...(tol.pure ? { pure: true } : {}) };
    return runFunctionCases(answer as (...a: unknown[]) => unknown, cases.length, (k) => cases[k], ftol, (got, cs, label) =>
      sealedCompare(got, cs.v, q.salt, `case${cases.indexOf(cs)}`, tol, label, cs.mistakes),
    );
  }
  return sealedCompare(answer, c.v, q.salt, "value", tol, tol.name ?? "your answer", c.mistakes, c.kind === "integer");
}

/** Registers sealed questions in place of the clear ones (the release's questions/sealed.js calls it). */
export function defineSealedQuestions(list: SealedQuestion[]): void {
  for (const q of list) {
    defineQuestion({ id: q.id, title: q.title, symbols: q.symbols, points: q.points, depth: q.depth, test: (answer) => runSealedCheck(q, answer) });
  }
}

/**
 * The source of a sealed question folder's `sealed.js` (the release's and the grading kernels'
 * `dist/questions/sealed.js`): it registers every question sealed, with no reference code.
 */
export function sealedQuestionsModule(list: SealedQuestion[], origin = "`npm run release`"): string {
  return (
    `"use strict";\n// The workbook's questions, sealed by ${origin}: expected values only as salted hashes (lib/exercises/sealed.ts).\n` +
    `require("../exercises/sealed").defineSealedQuestions(${JSON.stringify(list)});\n`
  );
}
