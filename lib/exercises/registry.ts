/**
 * Exercise questions and the student's `check(id, answer)`.
 *
 * Each notebook's questions live in `course/questions/NN_*.ts` (compiled to `dist/questions/`) and
 * call `defineQuestion` when loaded; `check` loads them all on first use. A question
 * names the symbols the student defines (so the grader can find them) and its
 * public test; hidden tests for grading live beside the notebook sources.
 */
import * as fs from "fs";
import * as path from "path";
import { inspect } from "util";
import { RnnlabError, badArgument } from "../core/errors";
import { JUPYTER_DISPLAY, MimeBundle, escapeHtml, show } from "../display/bundle";
import { CheckResult, isPlaceholderError } from "./expect";

/** What a question asks the student to write (see `Question.depth`). */
export type QuestionDepth = "formula" | "step" | "loop" | "analysis";

/** Every depth, from the shallowest. */
export const QUESTION_DEPTHS: readonly QuestionDepth[] = ["formula", "step", "loop", "analysis"];

/** One exercise of a notebook. */
export interface Question {
  /** "<notebook number>.<name>", e.g. "00.sigmoid". */
  id: string;
  /** Short title shown with the result. */
  title: string;
  /** Names the student's answer cell defines (functions or constants). */
  symbols: string[];
  /** Points for this question when graded. */
  points: number;
  /**
   * What the student writes: "formula" (a one-line expression), "step" (a function of
   * several lines, e.g. one update of a cell), "loop" (a loop over time or training
   * steps), "analysis" (computes a result from data or a simulation and interprets it).
   * At most a third of the workbook's questions may be formulas
   * (test/unit/exercises/depth.test.ts counts them).
   */
  depth: QuestionDepth;
  /** The public test: what `check(id, answer)` runs. */
  test(answer: unknown): CheckResult;
}

const questions = new Map<string, Question>();
let loaded = false;

/**
 * Registers a question (called by the files in questions/). Checks its fields;
 * defining an id twice with a different title is an error (two files claiming one id).
 */
export function defineQuestion(q: Question): Question {
  const where = "defineQuestion";
  if (typeof q !== "object" || q === null) badArgument(where, "question", "an object {id, title, symbols, points, depth, test}", q);
  if (typeof q.id !== "string" || !/^\d\d\.[A-Za-z0-9_]+$/.test(q.id)) badArgument(where, "id", 'a string like "03.name" (notebook number, dot, name)', q.id);
  if (typeof q.title !== "string" || q.title.trim() === "") badArgument(where, `title of ${q.id}`, "a non-empty string", q.title);
  if (!Array.isArray(q.symbols) || !q.symbols.every((s) => typeof s === "string" && /^[A-Za-z_$][\w$]*$/.test(s))) {
    badArgument(where, `symbols of ${q.id}`, "an array of identifiers the student defines", q.symbols);
  }
  if (typeof q.points !== "number" || !Number.isFinite(q.points) || q.points <= 0) badArgument(where, `points of ${q.id}`, "a number > 0", q.points);
  if (!QUESTION_DEPTHS.includes(q.depth)) {
    badArgument(where, `depth of ${q.id}`, '"formula", "step", "loop" or "analysis"', q.depth);
  }
  if (typeof q.test !== "function") badArgument(where, `test of ${q.id}`, "a function (answer) => CheckResult", q.test);
  const old = questions.get(q.id);
  if (old !== undefined && old !== q && old.title !== q.title) {
    throw new RnnlabError(`${where}: id ${q.id} is already defined (as ${JSON.stringify(old.title)}); question ids must be unique`);
  }
  questions.set(q.id, q);
  return q;
}

/** Question files that failed to load, with their error (reported by `getQuestion`). */
const loadErrors: string[] = [];

function loadAll(): void {
  if (loaded) return;
  loaded = true;
  const ext = path.extname(__filename); // .js when compiled, .ts under ts-jest
  // course/questions, compiled to dist/questions (this file: lib/exercises, compiled to dist/exercises)
  const dir = ext === ".ts" ? path.join(__dirname, "..", "..", "course", "questions") : path.join(__dirname, "..", "questions");
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith(ext) || f.endsWith(".d.ts") || f.endsWith(".test" + ext)) continue;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads every question file of the folder (computed paths)
      require(path.join(dir, f));
    } catch (err) {
      // one broken question file must not break the checks of every other notebook
      loadErrors.push(`${f}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** The question with this id (throws with the list of known ids when unknown). */
export function getQuestion(id: string): Question {
  if (typeof id !== "string") badArgument("check", "id", 'a question id string such as "08.leakyStep"', id);
  loadAll();
  const q = questions.get(id);
  if (!q) {
    const prefix = id.split(".")[0];
    const near = [...questions.keys()].filter((k) => k.startsWith(prefix + "."));
    const broken = loadErrors.length ? `; question files that failed to load: ${loadErrors.join("; ")}` : "";
    throw new RnnlabError(`check: unknown question id ${JSON.stringify(id)}${near.length ? `; this notebook's questions are ${near.join(", ")}` : ""}${broken}`);
  }
  return q;
}

/** All questions, optionally those of one notebook ("03"). */
export function listQuestions(notebook?: string): Question[] {
  loadAll();
  return [...questions.values()].filter((q) => notebook === undefined || q.id.startsWith(notebook + "."));
}

/** Runs a question's public test; never throws for a bad answer. */
export function runCheck(id: string, answer: unknown): CheckResult {
  const q = getQuestion(id);
  try {
    const result = q.test(answer);
    if (typeof result !== "object" || result === null || typeof result.pass !== "boolean" || typeof result.message !== "string") {
      return { pass: false, message: `The test of ${id} returned ${JSON.stringify(result) ?? String(result)} instead of {pass, message}; please report this.` };
    }
    return result;
  } catch (err) {
    if (isPlaceholderError(err)) return { pass: false, message: `Not written yet: ${(err as Error).message}` };
    return { pass: false, message: `Checking your answer raised an error: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The result of a check as a displayable block (HTML in notebooks, text in terminals). */
export class CheckReport {
  constructor(readonly question: Question, readonly result: CheckResult) {}

  /** `✔ PASS [id] title: message` or `✘ FAIL [id] title: message` plus a hint line. */
  toString(): string {
    const { pass: ok, message, hint } = this.result;
    return `${ok ? "✔ PASS" : "✘ FAIL"} [${this.question.id}] ${this.question.title}: ${message}${!ok && hint ? `\n  Hint: ${hint}` : ""}`;
  }

  /** A green (`rnnlab-check-pass`) or red (`rnnlab-check-fail`) HTML block, and the text line. */
  [JUPYTER_DISPLAY](): MimeBundle {
    const { pass: ok, message, hint } = this.result;
    const color = ok ? "#1b5e20" : "#b71c1c";
    const bg = ok ? "#e8f5e9" : "#ffebee";
    const html =
      `<div class="rnnlab-check rnnlab-check-${ok ? "pass" : "fail"}" style="border-left:6px solid ${color};background:${bg};` +
      `padding:8px 12px;margin:6px 0;font-family:sans-serif;color:#222">` +
      `<b style="color:${color}">${ok ? "✔ Correct" : "✘ Not yet"}</b> — <b>${escapeHtml(this.question.title)}</b> ` +
      `<span style="color:#666">(${escapeHtml(this.question.id)})</span><br>${escapeHtml(message)}` +
      (!ok && hint ? `<br><i>Hint: ${escapeHtml(hint)}</i>` : "") +
      `</div>`;
    return { "text/html": html, "text/plain": this.toString() };
  }

  /** How Node prints a report: its text form. */
  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Checks an exercise answer and shows the verdict right below the cell.
 * Returns true when it passes. Never throws for a wrong or unfinished answer.
 *
 * @example check("00.sigmoid", sigmoid)
 */
export function check(id: string, answer: unknown): boolean {
  const q = getQuestion(id);
  const report = new CheckReport(q, runCheck(id, answer));
  show(report);
  return report.result.pass;
}
