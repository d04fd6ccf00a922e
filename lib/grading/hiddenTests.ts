/**
 * Hidden tests: what the grader checks, kept out of the student's reach.
 *
 * Each assignment with exercises has `notebooks/hidden/<assignment>.js`, a
 * CommonJS module that the *grading process* loads (never the kernel: the
 * kernel's view of that folder is an empty tmpfs). It exports a function of the
 * rnnlab library returning one spec per question:
 *
 * ```js
 * module.exports = (rnnlab) => ({
 *   "00.sigmoid": {
 *     symbol: "sigmoid", kind: "function",
 *     reference: (x) => 1 / (1 + Math.exp(-x)),
 *     cases: [ { args: "[0]", points: 1 }, { args: "[-30]", points: 1, label: "large negative input" } ],
 *   },
 *   "03.decay50": { symbol: "decay50", kind: "value", reference: 0.9 ** 49, cases: [{ points: 1 }] },
 * });
 * ```
 * `args` is a JavaScript expression (an array of arguments) evaluated both in the
 * kernel (to call the student's function) and here, with the same rnnlab names
 * in scope (to call the reference), so inputs may be built by seeded library
 * calls; expected values never enter the kernel.
 */
import * as fs from "fs";
import * as path from "path";

/** One test case of a question. */
export interface HiddenCase {
  /** JS expression giving the argument list, e.g. "[0.5]" (function questions). */
  args?: string;
  /** Points for passing this case (partial credit per case). */
  points: number;
  /** Shown in feedback, e.g. "large negative input". */
  label?: string;
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
}

/**
 * A manually graded question: a free-text answer in a Markdown cell whose metadata is
 * `{"rnnlab": {"answer": "<question id>"}}`. The grader collects the answers into one review
 * page per question; the points come from the manual points file.
 */
export interface ManualQuestion {
  kind: "manual";
  title: string;
  points: number;
}

/** A question's hidden tests. */
export interface HiddenQuestion {
  /** The name the student's notebook defines. */
  symbol: string;
  /** "function": call it on each case's args; "value": read the value. */
  kind: "function" | "value";
  /** The reference solution (function) or expected value. */
  reference: unknown;
  cases: HiddenCase[];
}

export type HiddenSpec = Record<string, HiddenQuestion | ManualQuestion>;

/** A case with its arguments and expected value computed in the grading process. */
export interface ResolvedCase extends HiddenCase {
  label: string;
  expected: unknown;
  /** Set when the reference itself failed on this case (a bug in the hidden tests). */
  referenceError?: string;
}

export interface ResolvedQuestion {
  id: string;
  symbol: string;
  kind: "function" | "value" | "manual";
  cases: ResolvedCase[];
  points: number;
  /** Manual questions: the title shown on the review page and the feedback. */
  title?: string;
}

/** Where hidden tests live for an assignment ("00_getting_started"). */
export function hiddenTestPath(repoRoot: string, assignment: string): string {
  return path.join(repoRoot, "notebooks", "hidden", `${assignment}.js`);
}

/** Evaluates an argument expression with the library's names in scope. */
export function evaluateArgs(expr: string, lib: Record<string, unknown>): unknown[] {
  const names = Object.keys(lib).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
  const fn = new Function(...names, `"use strict"; return (${expr});`) as (...a: unknown[]) => unknown;
  const value = fn(...names.map((n) => lib[n]));
  if (!Array.isArray(value)) throw new Error(`args expression ${expr} must give an array, got ${typeof value}`);
  return value;
}

/** Loads an assignment's hidden tests and computes every expected value. */
export function loadHiddenTests(file: string, lib: Record<string, unknown>): ResolvedQuestion[] {
  if (!fs.existsSync(file)) throw new Error(`no hidden tests for this assignment: ${file} does not exist`);
  // Fresh load each time (the file is the instructor's).
  delete require.cache[require.resolve(file)];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an instructor's hidden-test file (computed path)
  const factory = require(file) as (lib: Record<string, unknown>) => HiddenSpec;
  if (typeof factory !== "function") throw new Error(`${file} must export a function (rnnlab) => spec`);
  const spec = factory(lib);
  const out: ResolvedQuestion[] = [];
  for (const [id, q0] of Object.entries(spec)) {
    if (q0 && q0.kind === "manual") {
      const m = q0 as ManualQuestion;
      if (typeof m.title !== "string" || !m.title.trim()) throw new Error(`${file}: manual question ${id} needs a title`);
      if (!(typeof m.points === "number" && m.points > 0)) throw new Error(`${file}: manual question ${id} needs points > 0`);
      out.push({ id, symbol: "", kind: "manual", cases: [], points: m.points, title: m.title });
      continue;
    }
    const q = q0 as HiddenQuestion;
    if (!q || typeof q.symbol !== "string" || !/^[A-Za-z_$][\w$]*$/.test(q.symbol)) {
      throw new Error(`${file}: question ${id} needs a symbol that is a valid identifier`);
    }
    if (q.kind !== "function" && q.kind !== "value") throw new Error(`${file}: question ${id} kind must be "function" or "value"`);
    if (!Array.isArray(q.cases) || q.cases.length === 0) throw new Error(`${file}: question ${id} needs at least one case`);
    const cases: ResolvedCase[] = q.cases.map((c, k) => {
      const label = c.label ?? (q.kind === "function" ? `${q.symbol}(${(c.args ?? "[]").replace(/^\[|\]$/g, "")})` : q.symbol);
      if (!(c.points > 0)) throw new Error(`${file}: ${id} case ${k} needs points > 0`);
      try {
        if (q.kind === "value") return { ...c, label, expected: q.reference };
        if (typeof q.reference !== "function") throw new Error("reference must be a function");
        const args = evaluateArgs(c.args ?? "[]", lib);
        return { ...c, label, expected: (q.reference as (...a: unknown[]) => unknown)(...args) };
      } catch (err) {
        return { ...c, label, expected: undefined, referenceError: err instanceof Error ? err.message : String(err) };
      }
    });
    out.push({ id, symbol: q.symbol, kind: q.kind, cases, points: cases.reduce((s, c) => s + c.points, 0) });
  }
  return out;
}
