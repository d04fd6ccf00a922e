/**
 * Handing back: from the graded results, the roster, the config and the manual points,
 * writes the gradebook, the LMS imports (Canvas, Moodle), one feedback page per student and
 * one review page per manually graded question (with a points file to fill in).
 *
 *   gradebook.csv   id, name, file, one column per question, raw_total, late, hours_late,
 *                   penalty_percent, total, max, percentage, problems
 *   canvas.csv      Student, ID, SIS User ID, SIS Login ID, Section, "<assignment>"
 *                   (Canvas's gradebook import: a points column named after the assignment)
 *   moodle.csv      ID number, Email address, Full name, "<assignment>", Feedback
 *                   (Moodle's "Import grades from CSV": map users by ID number or email)
 *   feedback/<id>.html, manual/<question>.html, manual/points.csv
 */
import * as fs from "fs";
import * as path from "path";
import { GradingConfig, LateVerdict, csvRow, readManualPoints, safeFileStem } from "./classroom";
import type { ResolvedQuestion } from "./hiddenTests";
import { SubmissionResult, writeFileAtomic } from "./report";

/** Title, hint and notebook position of each question of an assignment. */
export interface QuestionInfo {
  id: string;
  title: string;
  hint?: string;
  points: number;
  manual: boolean;
}

/**
 * The questions in notebook order (the order of `check("<id>"` calls and answer cells in the
 * solution notebook), with the registry's titles and the public checks' hints.
 */
export function questionInfo(repoRoot: string, assignment: string, questions: ResolvedQuestion[]): QuestionInfo[] {
  const order: string[] = [];
  const nbFile = path.join(repoRoot, "notebooks", `${assignment}.ipynb`);
  if (fs.existsSync(nbFile)) {
    const nb = JSON.parse(fs.readFileSync(nbFile, "utf8")) as { cells: { cell_type: string; source: string | string[]; metadata?: { rnnlab?: { answer?: string } } }[] };
    for (const c of nb.cells) {
      const text = Array.isArray(c.source) ? c.source.join("") : c.source;
      if (c.cell_type === "markdown" && typeof c.metadata?.rnnlab?.answer === "string") order.push(c.metadata.rnnlab.answer);
      if (c.cell_type === "code") for (const m of text.matchAll(/\bcheck\(\s*["'](\d\d\.[A-Za-z0-9_]+)["']/g)) order.push(m[1]);
    }
  }
  let registry: { listQuestions(nb?: string): { id: string; title: string; test(a: unknown): unknown }[]; recordChecks(f: () => unknown): { tol: { hint?: string } }[] } | null = null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built library in dist/ (computed path)
    registry = require(path.join(repoRoot, "dist", "exercises", "index.js"));
  } catch {
    registry = null;
  }
  const known = new Map((registry?.listQuestions(assignment.slice(0, 2)) ?? []).map((q) => [q.id, q]));
  const pos = (id: string): number => {
    const k = order.indexOf(id);
    return k < 0 ? order.length + questions.findIndex((q) => q.id === id) : k;
  };
  return [...questions]
    .sort((a, b) => pos(a.id) - pos(b.id))
    .map((q) => {
      const r = known.get(q.id);
      let hint: string | undefined;
      if (r && registry) {
        try {
          hint = registry.recordChecks(() => r.test(() => undefined))[0]?.tol.hint;
        } catch {
          hint = undefined;
        }
      }
      const info: QuestionInfo = { id: q.id, title: q.title ?? r?.title ?? q.id, points: q.points, manual: q.kind === "manual" };
      if (hint) info.hint = hint;
      return info;
    });
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A grading message without its expected value ("x is 3, expected 4" → "x is 3, not the expected value"). */
export function hideExpectedValue(message: string): string {
  return message
    .replace(/^(.* is NaN), expected .*$/s, "$1")
    .replace(/^(.* is .+?), expected .*$/s, "$1, not the expected value")
    .replace(/^(.* should be NaN)$/s, "$1");
}

/** One student's row: autograded and manual points, late penalty, final total. */
export interface StudentGrade {
  result: SubmissionResult;
  points: Map<string, number | null>;
  comments: Map<string, string>;
  rawTotal: number;
  late: LateVerdict;
  total: number;
  max: number;
  percentage: number;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function studentGrades(results: SubmissionResult[], info: QuestionInfo[], manual: Map<string, Map<string, { points: number; comment: string }>>): StudentGrade[] {
  const max = info.reduce((s, q) => s + q.points, 0);
  return [...results]
    .sort((a, b) => a.student.localeCompare(b.student))
    .map((r) => {
      const points = new Map<string, number | null>();
      const comments = new Map<string, string>();
      for (const q of info) {
        if (q.manual) {
          const m = manual.get(r.student)?.get(q.id);
          points.set(q.id, m ? m.points : null);
          if (m?.comment) comments.set(q.id, m.comment);
        } else points.set(q.id, r.questions.find((x) => x.id === q.id)?.earned ?? 0);
      }
      const rawTotal = round([...points.values()].reduce<number>((s, p) => s + (p ?? 0), 0));
      const late = r.late ?? { late: false, hoursLate: 0, penalty: 0 };
      const total = round(rawTotal * (1 - late.penalty));
      return { result: r, points, comments, rawTotal, late, total, max, percentage: max > 0 ? round((100 * total) / max) : 0 };
    });
}

export function gradebookCsvRows(grades: StudentGrade[], info: QuestionInfo[]): string {
  const head = ["id", "name", "file", ...info.map((q) => q.id), "raw_total", "late", "hours_late", "penalty_percent", "total", "max", "percentage", "problems"];
  const rows = grades.map((g) =>
    csvRow([
      g.result.student,
      g.result.name ?? "",
      path.basename(g.result.file),
      ...info.map((q) => g.points.get(q.id) ?? ""),
      g.rawTotal,
      g.late.late ? "yes" : "no",
      g.late.hoursLate,
      round(100 * g.late.penalty),
      g.total,
      g.max,
      g.percentage,
      g.result.problems.join("; "),
    ]),
  );
  return [csvRow(head), ...rows].join("\n") + "\n";
}

/** Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then the assignment's points. */
export function canvasCsv(grades: StudentGrade[], assignment: string): string {
  const rows = [csvRow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment])];
  rows.push(csvRow(["Points Possible", "", "", "", "", grades[0]?.max ?? 0]));
  for (const g of grades) {
    rows.push(csvRow([g.result.name || g.result.student, "", g.result.student, g.result.email ?? "", g.result.section ?? "", g.total]));
  }
  return rows.join("\n") + "\n";
}

/** Moodle's grade import: a user column (ID number, or email), the grade item, its feedback. */
export function moodleCsv(grades: StudentGrade[], assignment: string): string {
  const rows = [csvRow(["ID number", "Email address", "Full name", assignment, "Feedback"])];
  for (const g of grades) {
    const fb = `${g.total} / ${g.max} (${g.percentage}%)${g.late.late ? `, late by ${g.late.hoursLate} h: −${round(100 * g.late.penalty)}%` : ""}`;
    rows.push(csvRow([g.result.student, g.result.email ?? "", g.result.name ?? "", g.total, fb]));
  }
  return rows.join("\n") + "\n";
}

const STYLE =
  "body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse;width:100%}" +
  "td,th{border:1px solid #ccc;padding:6px;vertical-align:top;text-align:left}pre{background:#f6f8fa;padding:8px;overflow:auto;white-space:pre-wrap}" +
  ".ok{color:#1b5e20}.part{color:#e65100}.no{color:#b71c1c}";

/** One student's feedback page: exercises in notebook order with titles, points, messages, hints and their own code. */
export function feedbackPage(g: StudentGrade, info: QuestionInfo[], assignment: string, hideExpected: boolean): string {
  const r = g.result;
  const sections = info.map((q) => {
    const p = g.points.get(q.id);
    const cls = p === null || p === undefined ? "part" : p >= q.points ? "ok" : p > 0 ? "part" : "no";
    const score = p === null || p === undefined ? "not graded yet" : `${p} / ${q.points}`;
    let body = "";
    if (q.manual) {
      const answer = r.answers?.[q.id];
      body += answer ? `<p>Your answer:</p><pre>${esc(answer)}</pre>` : "<p>No answer was found (a Markdown cell marked as this question's answer).</p>";
      const c = g.comments.get(q.id);
      if (c) body += `<p><b>Comment:</b> ${esc(c)}</p>`;
    } else {
      const qr = r.questions.find((x) => x.id === q.id);
      const failed = (qr?.cases ?? []).filter((c) => c.earned < c.points);
      if (qr?.reason) body += `<p>${esc(hideExpected ? hideExpectedValue(qr.reason) : qr.reason)}</p>`;
      if (failed.length) {
        body += `<ul>${failed.map((c) => `<li><b>${esc(c.label)}</b>: ${esc(hideExpected ? hideExpectedValue(c.message) : c.message)}</li>`).join("")}</ul>`;
        if (q.hint) body += `<p><i>Hint: ${esc(q.hint)}</i></p>`;
      } else if (qr) body += "<p>All tests passed.</p>";
      const code = r.code?.[q.id];
      if (code) body += `<details${failed.length ? " open" : ""}><summary>Your code</summary><pre>${esc(code)}</pre></details>`;
    }
    return `<h2>${esc(q.title)} <small style="color:#666">(${esc(q.id)})</small> <span class="${cls}">${esc(score)}</span></h2>\n${body}`;
  });
  const late = g.late.late
    ? `<p class="no">Submitted ${esc(r.submittedAt ?? "")}, ${g.late.hoursLate} hours after the deadline: ${round(100 * g.late.penalty)}% taken off (${g.rawTotal} → ${g.total}).</p>`
    : "";
  const problems = r.problems.length ? `<p class="no">${r.problems.map(esc).join("<br>")}</p>` : "";
  const cells = r.cellFailures.length
    ? `<h2>Cells that failed</h2><ul>${r.cellFailures.map((c) => `<li>code cell ${c.index + 1} (${esc(c.status)}): ${esc(c.error)}</li>`).join("")}</ul>`
    : "";
  return `<!doctype html><html><head><meta charset="utf-8"><title>Feedback: ${esc(r.name || r.student)} — ${esc(assignment)}</title><style>${STYLE}</style></head>
<body><h1>${esc(assignment)}: ${esc(r.name || r.student)}</h1>
<p><b>Score: ${g.total} / ${g.max} (${g.percentage}%)</b> — graded ${esc(r.gradedAt)}</p>${late}${problems}
${sections.join("\n")}
${cells}</body></html>
`;
}

/** The review page of one manual question: every student's answer, and how to enter points. */
function manualReviewPage(q: QuestionInfo, grades: StudentGrade[], pointsFile: string): string {
  const rows = grades.map((g) => {
    const a = g.result.answers?.[q.id];
    const p = g.points.get(q.id);
    return `<tr><td>${esc(g.result.student)}</td><td>${esc(g.result.name ?? "")}</td><td>${a ? `<pre>${esc(a)}</pre>` : "<i>no answer</i>"}</td><td>${p === null || p === undefined ? "" : p}</td></tr>`;
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>Review: ${esc(q.title)}</title><style>${STYLE}</style></head>
<body><h1>${esc(q.title)} <small>(${esc(q.id)}, ${q.points} points)</small></h1>
<p>Enter the points in <code>${esc(pointsFile)}</code> (columns id, question, points, comment) and run the grader again: it merges them into the gradebook and the feedback pages.</p>
<table><tr><th>id</th><th>name</th><th>answer</th><th>points</th></tr>
${rows.join("\n")}
</table></body></html>
`;
}

export interface HandbackOptions {
  outDir: string;
  assignment: string;
  results: SubmissionResult[];
  info: QuestionInfo[];
  config: GradingConfig;
  log?: (line: string) => void;
}

/** Writes the gradebook, the LMS files, the feedback pages and the manual review pages. */
export function writeHandback(o: HandbackOptions): StudentGrade[] {
  const manualQs = o.info.filter((q) => q.manual);
  const pointsFile = o.config.manualPoints ?? path.join(o.outDir, "manual", "points.csv");
  if (manualQs.length && !fs.existsSync(pointsFile)) {
    // A template to fill in: one row per student and manual question.
    const rows = [csvRow(["id", "question", "points", "comment"])];
    for (const r of o.results) for (const q of manualQs) rows.push(csvRow([r.student, q.id, "", ""]));
    writeFileAtomic(pointsFile, rows.join("\n") + "\n");
  }
  const manual = manualQs.length ? readManualPoints(pointsFile, new Map(manualQs.map((q) => [q.id, q.points]))) : new Map();
  const grades = studentGrades(o.results, o.info, manual);
  const lms = o.config.lmsAssignment ?? o.assignment;
  writeFileAtomic(path.join(o.outDir, "gradebook.csv"), gradebookCsvRows(grades, o.info));
  writeFileAtomic(path.join(o.outDir, "canvas.csv"), canvasCsv(grades, lms));
  writeFileAtomic(path.join(o.outDir, "moodle.csv"), moodleCsv(grades, lms));
  for (const g of grades) {
    writeFileAtomic(path.join(o.outDir, "feedback", `${safeFileStem(g.result.student)}.html`), feedbackPage(g, o.info, o.assignment, o.config.hideExpected === true));
  }
  for (const q of manualQs) writeFileAtomic(path.join(o.outDir, "manual", `${safeFileStem(q.id)}.html`), manualReviewPage(q, grades, pointsFile));
  const pending = manualQs.length ? grades.filter((g) => manualQs.some((q) => g.points.get(q.id) === null)).length : 0;
  if (pending) o.log?.(`grade: ${pending} student(s) still need points for the manually graded question(s): fill in ${pointsFile} and run again`);
  return grades;
}
