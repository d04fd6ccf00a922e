/**
 * Reading a submitted notebook: valid JSON, the right assignment, its code cells.
 */
import * as fs from "fs";
import * as path from "path";

export interface ParsedSubmission {
  student: string;
  file: string;
  /** Code cell sources in notebook order. */
  cells: string[];
  /** The student id in the notebook's metadata (`rnnlab.student_id`), if any. */
  metadataId?: string;
  /** Free-text answers: Markdown cells with metadata `rnnlab.answer = "<question id>"`. */
  answers: Record<string, string>;
  /** The student's code of each checked question: the code cell holding `check("<id>", ...)`. */
  code: Record<string, string>;
}

export type SubmissionProblem = { student: string; file: string; problem: string };

/** The student's id: the file name without extension (letters, digits, - _ . kept). */
export function studentIdOf(file: string): string {
  return path.basename(file).replace(/\.ipynb$/i, "").replace(/[^A-Za-z0-9._-]/g, "_") || "unnamed";
}

function sourceText(src: unknown): string {
  if (typeof src === "string") return src;
  if (Array.isArray(src) && src.every((s) => typeof s === "string")) return src.join("");
  return "";
}

/** The notebook numbers ("03") of every check("03.x", ...) call in the code. */
export function checkedNotebooks(cells: string[]): Set<string> {
  const found = new Set<string>();
  for (const c of cells) for (const m of c.matchAll(/\bcheck\(\s*["'](\d\d)\./g)) found.add(m[1]);
  return found;
}

/** A submission larger than this is not parsed (notebooks of this workbook are ~50 KB without outputs). */
export const MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024;
/** A submission with more cells than this is not graded. */
export const MAX_CELLS = 2000;

/**
 * Reads a submission only if it is a regular file of bounded size: a symbolic link (to
 * another student's file or a secret), a named pipe (which would block the grader) or a
 * device (/dev/zero, endless) is refused before a byte is read.
 */
export function readRegularFile(file: string, maxBytes: number): { text: string } | { problem: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { problem: "the submission is a symbolic link, not a notebook file: not graded" };
    return { problem: `cannot read the file: ${(err as Error).message}` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { problem: "the submission is not a regular file (a pipe, device or folder): not graded" };
    if (st.size > maxBytes) return { problem: `the file is ${st.size} bytes, more than the ${maxBytes} a submission may have: not graded` };
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = fs.readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { text: buf.subarray(0, off).toString("utf8") };
  } catch (err) {
    return { problem: `cannot read the file: ${(err as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}

/** Parses and validates a submission for `assignment` ("00_getting_started"). */
export function readSubmission(file: string, assignment: string): ParsedSubmission | SubmissionProblem {
  const student = studentIdOf(file);
  const read = readRegularFile(file, MAX_NOTEBOOK_BYTES);
  if ("problem" in read) return { student, file, problem: read.problem };
  const text = read.text;
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (err) {
    return { student, file, problem: `the file is not valid notebook JSON (${(err as Error).message})` };
  }
  const cellsRaw = (nb as { cells?: unknown }).cells;
  if (!nb || typeof nb !== "object" || !Array.isArray(cellsRaw)) {
    return { student, file, problem: "the file is JSON but not a Jupyter notebook (no cells list)" };
  }
  if (cellsRaw.length > MAX_CELLS) {
    return { student, file, problem: `the notebook has ${cellsRaw.length} cells, more than the ${MAX_CELLS} a submission may have` };
  }
  const cells = cellsRaw
    .filter((c): c is { cell_type: string; source: unknown } => !!c && typeof c === "object" && (c as { cell_type?: unknown }).cell_type === "code")
    .map((c) => sourceText(c.source));
  const answers: Record<string, string> = {};
  for (const c of cellsRaw as { cell_type?: unknown; source?: unknown; metadata?: { rnnlab?: { answer?: unknown } } }[]) {
    const id = c && typeof c === "object" ? c.metadata?.rnnlab?.answer : undefined;
    if (typeof id === "string" && c.cell_type === "markdown") answers[id] = (answers[id] ? answers[id] + "\n\n" : "") + sourceText(c.source).slice(0, 20000);
  }
  const code: Record<string, string> = {};
  for (const c of cells) for (const m of c.matchAll(/\bcheck\(\s*["'](\d\d\.[A-Za-z0-9_]+)["']/g)) if (!(m[1] in code)) code[m[1]] = c.slice(0, 20000);
  const meta = (nb as { metadata?: { rnnlab?: { student_id?: unknown } } }).metadata?.rnnlab?.student_id;
  const number = assignment.slice(0, 2);
  const seen = checkedNotebooks(cells);
  if (seen.size > 0 && !seen.has(number)) {
    return { student, file, problem: `this notebook belongs to another assignment (its checks are for notebook ${[...seen].join(", ")}, not ${assignment})` };
  }
  return { student, file, cells, answers, code, ...(typeof meta === "string" && meta ? { metadataId: meta } : {}) };
}
