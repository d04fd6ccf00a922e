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

/** Parses and validates a submission for `assignment` ("00_getting_started"). */
export function readSubmission(file: string, assignment: string): ParsedSubmission | SubmissionProblem {
  const student = studentIdOf(file);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    return { student, file, problem: `cannot read the file: ${(err as Error).message}` };
  }
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
  const cells = cellsRaw
    .filter((c): c is { cell_type: string; source: unknown } => !!c && typeof c === "object" && (c as { cell_type?: unknown }).cell_type === "code")
    .map((c) => sourceText(c.source));
  const number = assignment.slice(0, 2);
  const seen = checkedNotebooks(cells);
  if (seen.size > 0 && !seen.has(number)) {
    return { student, file, problem: `this notebook belongs to another assignment (its checks are for notebook ${[...seen].join(", ")}, not ${assignment})` };
  }
  return { student, file, cells };
}
