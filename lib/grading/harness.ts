/**
 * The hidden-test cell sent to the kernel after the submission has run.
 *
 * One cell per question, so a missing or broken definition only costs that
 * question. The cell calls the student's symbol on each case's arguments and
 * hands the raw results back as a display with a private MIME type and the
 * run's nonce; the grading process compares them with the expected values,
 * which never enter the kernel. Whatever the submission patched can only spoil
 * its own results, never supply the expected ones.
 */
import type { ResolvedQuestion } from "./hiddenTests";

export const GRADE_MIME = "application/vnd.rnnlab.grade+json";

/** The serialisation of one case's outcome inside the kernel. */
export type CaseOutcome = { ok: true; value: unknown } | { ok: false; error: string };

/** The library names the questions' argument expressions use, imported under their own names. */
function harnessImports(questions: ResolvedQuestion[], libNames: string[]): string {
  const used = libNames.filter((n) =>
    questions.some((q) => q.cases.some((c) => (c.args ?? "").match(new RegExp(`\\b${n}\\b`)))),
  );
  // A typed import (not require) so that argument expressions type-check like notebook code.
  return used.length ? `import { ${used.join(", ")} } from "rnnlab";\n` : "";
}

/** One question's test block: runs its cases, then displays `{nonce, question, results}`. */
function harnessBlock(q: ResolvedQuestion, nonce: string): string {
  const calls = q.cases
    .map((c) =>
      q.kind === "function"
        ? `  __run(() => (__f as (...a: unknown[]) => unknown)(...(${c.args ?? "[]"}) as unknown[]));`
        : `  __run(() => __f);`,
    )
    .join("\n");
  return `{
const __f: unknown = ${q.symbol};
const __results: unknown[] = [];
const __enc = (v: unknown, depth: number): unknown => {
  if (depth > 6) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : { $num: String(v) };
  if (typeof v === "boolean" || typeof v === "string" || v === null || v === undefined) return v === undefined ? { $undefined: true } : v;
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>).map((x) => __enc(x, depth + 1));
  if (Array.isArray(v)) return v.slice(0, 100000).map((x) => __enc(x, depth + 1));
  if (typeof v === "object") { const o: Record<string, unknown> = {}; for (const k of Object.keys(v as object).slice(0, 1000)) o[k] = __enc((v as Record<string, unknown>)[k], depth + 1); return o; }
  return { $type: typeof v };
};
const __run = (thunk: () => unknown) => {
  try { __results.push({ ok: true, value: __enc(thunk(), 0) }); }
  catch (e) { __results.push({ ok: false, error: String(e instanceof Error ? e.message : e).slice(0, 500) }); }
};
${calls}
require("tslab").display.raw(${JSON.stringify(GRADE_MIME)}, JSON.stringify({ nonce: ${JSON.stringify(nonce)}, question: ${JSON.stringify(q.id)}, results: __results }));
}
`;
}

/** The TypeScript source of the hidden-test cell for one question. */
export function harnessCell(q: ResolvedQuestion, nonce: string, libNames: string[]): string {
  return harnessImports([q], libNames) + harnessBlock(q, nonce);
}

/**
 * All questions' tests in one cell: one compilation instead of one per question (the
 * grading worker tries it first). Each block displays its own result as soon as it has
 * run; if the cell fails (a missing definition is a compile error for the whole cell),
 * the questions without a result are run again one cell each, so one broken definition
 * still costs only its own question.
 */
export function combinedHarnessCell(questions: ResolvedQuestion[], nonce: string, libNames: string[]): string {
  return harnessImports(questions, libNames) + questions.map((q) => harnessBlock(q, nonce)).join("");
}
