/**
 * The hidden-test cell sent to the kernel after the submission has run.
 *
 * One block per question, so a missing or broken definition only costs that
 * question (the worker runs a failed combination again block by block). The cell calls the student's symbol on each case's arguments and
 * hands the raw results back as a display with a private MIME type and the
 * run's nonce; the grading process compares them with the expected values,
 * which never enter the kernel. Whatever the submission patched can only spoil
 * its own results, never supply the expected ones.
 */
import type { KernelAdapter } from "../notebookKernel/kernelAdapter";
import type { ResolvedQuestion } from "./hiddenTests";

export const GRADE_MIME = "application/vnd.rnnlab.grade+json";

/**
 * The library names a question's argument expressions use, bound inside its block: typed
 * like notebook code (`typeof import("rnnlab")`), and block-scoped, so that the block can
 * follow the notebook's own cells in one compilation without clashing with their imports.
 */
function libraryBindings(q: ResolvedQuestion, libNames: string[]): string {
  const used = libNames.filter((n) => q.cases.some((c) => (c.args ?? "").match(new RegExp(`\\b${n}\\b`))));
  return used.length ? `const { ${used.join(", ")} } = require("rnnlab") as typeof import("rnnlab");\n` : "";
}

/**
 * The TypeScript source of the hidden-test cell for one question: one block that runs its
 * cases and displays `{nonce, question, results}`. Blocks are self-contained, so the grading
 * worker can send several questions' blocks (or the notebook followed by them) as one cell.
 * The adapter of the kernel that runs it writes the line that displays the results.
 */
export function harnessCell(q: ResolvedQuestion, nonce: string, libNames: string[], kernel: Pick<KernelAdapter, "rawDisplayCode">): string {
  const calls = q.cases
    .map((c) =>
      q.kind === "function"
        ? `  __run(() => (__f as (...a: unknown[]) => unknown)(...(${c.args ?? "[]"}) as unknown[]));`
        : `  __run(() => __f);`,
    )
    .join("\n");
  return `{
${libraryBindings(q, libNames)}const __f: unknown = ${q.symbol};
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
${kernel.rawDisplayCode(GRADE_MIME, `JSON.stringify({ nonce: ${JSON.stringify(nonce)}, question: ${JSON.stringify(q.id)}, results: __results })`)}
}
`;
}
