/**
 * Grading results on disk: one JSON per submission (gradebooks and feedback pages are
 * handback.ts's). Every file is written atomically (temporary file in the same folder,
 * then rename), so an interrupted run leaves no half file.
 */
import * as fs from "fs";
import * as path from "path";

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
