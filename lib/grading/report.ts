/**
 * Grading results on disk: one JSON per submission, a gradebook CSV and a
 * feedback page per student. Every file is written atomically (temporary file
 * in the same folder, then rename), so an interrupted run leaves no half file.
 */
import * as fs from "fs";
import * as path from "path";
import { csvCell } from "./classroom";

export interface CaseResult {
  label: string;
  points: number;
  earned: number;
  message: string;
}

export interface QuestionResult {
  id: string;
  symbol: string;
  points: number;
  earned: number;
  /** Why points were lost, in one sentence, when they were. */
  reason?: string;
  cases: CaseResult[];
}

export interface SubmissionResult {
  /** The student id (from the roster, else the file name). */
  student: string;
  /** The student's name (from the roster; "" without one). */
  name?: string;
  email?: string;
  section?: string;
  /** sha256 of the submitted file: a changed file is graded again. */
  contentHash?: string;
  /** sha256 of the hidden tests it was graded with: changed tests grade again. */
  testsHash?: string;
  /** When it was handed in (ISO), and whether that was late. */
  submittedAt?: string;
  late?: { late: boolean; hoursLate: number; penalty: number };
  /** Free-text answers of manually graded questions (id → Markdown). */
  answers?: Record<string, string>;
  /** The student's code cell of each checked question (id → code). */
  code?: Record<string, string>;
  file: string;
  assignment: string;
  /** Autograded points earned and possible (manual questions are added by the gradebook). */
  total: number;
  maxTotal: number;
  questions: QuestionResult[];
  /** Problems with the submission as a whole (invalid JSON, wrong assignment, ...). */
  problems: string[];
  /** Cells that failed while running the notebook: index, status, first line of the error. */
  cellFailures: { index: number; status: string; error: string }[];
  seconds: number;
  /** Where the seconds went: starting kernels (restarts included), running the notebook, the hidden tests. */
  timing?: { kernelStart: number; notebook: number; tests: number };
  gradedAt: string;
  sandbox: "isolated" | "limits-only";
}

/** Writes a file atomically: temp file in the same folder, fsync, rename. */
export function writeFileAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, "w", 0o644);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

function csvField(v: string | number): string {
  return csvCell(v);
}

/** The gradebook: one row per student, one column per question, then total. */
export function gradebookCsv(results: SubmissionResult[], questionIds: string[]): string {
  const rows = [["student", ...questionIds, "total", "max", "problems"].map(csvField).join(",")];
  for (const r of [...results].sort((a, b) => a.student.localeCompare(b.student))) {
    const byId = new Map(r.questions.map((q) => [q.id, q.earned]));
    rows.push(
      [r.student, ...questionIds.map((id) => byId.get(id) ?? 0), r.total, r.maxTotal, r.problems.join("; ")].map(csvField).join(","),
    );
  }
  return rows.join("\n") + "\n";
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A self-contained feedback page for one student. */
export function feedbackHtml(r: SubmissionResult): string {
  const rows = r.questions
    .map((q) => {
      const failed = q.cases.filter((c) => c.earned < c.points);
      const detail = failed.length
        ? `<ul>${failed.map((c) => `<li><b>${esc(c.label)}</b>: ${esc(c.message)}</li>`).join("")}</ul>`
        : "all tests passed";
      const color = q.earned === q.points ? "#1b5e20" : q.earned > 0 ? "#e65100" : "#b71c1c";
      return `<tr><td>${esc(q.id)}</td><td style="color:${color};font-weight:bold">${q.earned} / ${q.points}</td><td>${q.reason ? esc(q.reason) + "<br>" : ""}${detail}</td></tr>`;
    })
    .join("\n");
  const problems = r.problems.length ? `<p style="color:#b71c1c">${r.problems.map(esc).join("<br>")}</p>` : "";
  const cells = r.cellFailures.length
    ? `<h2>Cells that failed</h2><ul>${r.cellFailures.map((c) => `<li>cell ${c.index + 1} (${esc(c.status)}): ${esc(c.error)}</li>`).join("")}</ul>`
    : "";
  return `<!doctype html><html><head><meta charset="utf-8"><title>Feedback: ${esc(r.student)} — ${esc(r.assignment)}</title>
<style>body{font-family:sans-serif;max-width:900px;margin:2em auto;color:#222}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:6px;vertical-align:top;text-align:left}</style></head>
<body><h1>${esc(r.assignment)}: ${esc(r.student)}</h1><p><b>Score: ${r.total} / ${r.maxTotal}</b> (graded ${esc(r.gradedAt)})</p>${problems}
<table><tr><th>Question</th><th>Points</th><th>Feedback</th></tr>
${rows}
</table>${cells}</body></html>
`;
}
