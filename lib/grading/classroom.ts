/**
 * What an instructor hands back: the roster (file name or notebook metadata → student id and
 * name), the grading config (deadline, late penalty, extensions), manually graded points, and
 * the CSV files (gradebook, Canvas and Moodle imports), every cell safe to open in a
 * spreadsheet.
 */
import { createHash } from "crypto";
import { MAX_NOTEBOOK_BYTES, readRegularFile } from "./submission";
import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../core/csv";

// ---------------------------------------------------------------- CSV

/**
 * One CSV cell, safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@` (or a
 * tab or carriage return) gets a leading `'` so that it is never run as a formula; quotes,
 * commas and line breaks are quoted (RFC 4180). Numbers are written as they are.
 */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}

/** Rows of a CSV file with a header, as objects keyed by the lower-cased header names. */
function readCsvObjects(file: string, required: string[]): Record<string, string>[] {
  const rows = parseCsv(fs.readFileSync(file, "utf8"));
  if (rows.length === 0) throw new Error(`${file} is empty`);
  const header = rows[0].map((h) => h.trim().toLowerCase());
  for (const r of required) if (!header.includes(r)) throw new Error(`${file}: the header must have a "${r}" column (it has ${header.join(", ")})`);
  return rows.slice(1).map((r, k) => {
    const o: Record<string, string> = {};
    header.forEach((h, i) => (o[h] = (r[i] ?? "").trim()));
    if (r.length > header.length) throw new Error(`${file}: row ${k + 2} has ${r.length} cells, the header ${header.length}`);
    return o;
  });
}

// ---------------------------------------------------------------- roster

export interface RosterEntry {
  id: string;
  name: string;
  /** Submission file names (with or without .ipynb) that belong to this student. */
  files: string[];
  email?: string;
  section?: string;
}

export interface Roster {
  entries: RosterEntry[];
}

/**
 * Reads a roster CSV: columns `id`, `name`, and optionally `file` (the submission's file name;
 * several separated by `;`), `email`, `section`. Ids must be unique and non-empty.
 */
export function readRoster(file: string): Roster {
  const rows = readCsvObjects(file, ["id", "name"]);
  const seen = new Set<string>();
  const entries = rows.map((r, k) => {
    if (!r.id) throw new Error(`${file}: row ${k + 2} has no id`);
    if (seen.has(r.id)) throw new Error(`${file}: the id ${JSON.stringify(r.id)} appears twice`);
    seen.add(r.id);
    const e: RosterEntry = { id: r.id, name: r.name, files: (r.file ?? "").split(";").map((f) => f.trim()).filter(Boolean) };
    if (r.email) e.email = r.email;
    if (r.section) e.section = r.section;
    return e;
  });
  return { entries };
}

const stem = (f: string): string => path.basename(f).replace(/\.ipynb$/i, "");

/**
 * The student a submission belongs to: the notebook's metadata `rnnlab.student_id` when it is
 * on the roster, else the roster row naming the file, else the row whose id is the file's
 * name. Null when none matches.
 */
export function matchRoster(roster: Roster, file: string, metadataId?: string): RosterEntry | null {
  if (metadataId) {
    const byMeta = roster.entries.find((e) => e.id === metadataId);
    if (byMeta) return byMeta;
  }
  const s = stem(file);
  return roster.entries.find((e) => e.files.some((f) => stem(f) === s)) ?? roster.entries.find((e) => e.id === s) ?? null;
}

/** A file name made from an id: letters, digits, `-`, `_`, `.` kept, the rest `_`, plus a short hash when anything changed. */
export function safeFileStem(id: string): string {
  const clean = id.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_").slice(0, 80) || "unnamed";
  return clean === id ? clean : `${clean}-${createHash("sha256").update(id).digest("hex").slice(0, 8)}`;
}

// ---------------------------------------------------------------- config: deadline, late penalty

export interface LatePolicy {
  /** Fraction of the score taken per started day late (e.g. 0.1). */
  perDay?: number;
  /** Largest fraction taken (default 1: a very late submission can go to 0). */
  max?: number;
  /** Hours after the deadline that still count as on time (default 0). */
  graceHours?: number;
}

export interface GradingConfig {
  /** ISO date and time, with its time zone (e.g. "2026-12-01T23:59:00+01:00"). */
  deadline?: string;
  late?: LatePolicy;
  /** Per-student deadlines (id → ISO date), e.g. agreed extensions. */
  extensions?: Record<string, string>;
  /** Roster CSV (relative to the config file). */
  roster?: string;
  /** CSV `file,submitted_at` giving submission times (else each file's modification time). */
  timestamps?: string;
  /** Manually graded points CSV (default <out>/manual/points.csv). */
  manualPoints?: string;
  /** Feedback pages without expected values. */
  hideExpected?: boolean;
  /** The assignment's name in the LMS exports (default: the notebook name). */
  lmsAssignment?: string;
}

const CONFIG_KEYS = ["deadline", "late", "extensions", "roster", "timestamps", "manualPoints", "hideExpected", "lmsAssignment"];
const LATE_KEYS = ["perDay", "max", "graceHours"];

function isoDate(v: unknown, what: string): number {
  if (typeof v !== "string" || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(v)) {
    throw new Error(`${what} must be an ISO date with a time zone like "2026-12-01T23:59:00+01:00", got ${JSON.stringify(v)}`);
  }
  return Date.parse(v);
}

/** Reads and checks a grading config (JSON); paths in it become absolute (relative to the file). */
export function readGradingConfig(file: string): GradingConfig {
  let c: GradingConfig;
  try {
    c = JSON.parse(fs.readFileSync(file, "utf8")) as GradingConfig;
  } catch (err) {
    throw new Error(`cannot read the grading config ${file}: ${(err as Error).message}`);
  }
  if (!c || typeof c !== "object" || Array.isArray(c)) throw new Error(`${file} must hold a JSON object`);
  for (const k of Object.keys(c)) if (!CONFIG_KEYS.includes(k)) throw new Error(`${file}: unknown key "${k}" (known: ${CONFIG_KEYS.join(", ")})`);
  if (c.deadline !== undefined) isoDate(c.deadline, `${file}: deadline`);
  for (const [id, d] of Object.entries(c.extensions ?? {})) isoDate(d, `${file}: extensions.${id}`);
  if (c.late !== undefined) {
    for (const k of Object.keys(c.late)) if (!LATE_KEYS.includes(k)) throw new Error(`${file}: unknown key "late.${k}" (known: ${LATE_KEYS.join(", ")})`);
    for (const k of LATE_KEYS) {
      const v = (c.late as Record<string, unknown>)[k];
      if (v !== undefined && (typeof v !== "number" || !(v >= 0) || (k !== "graceHours" && v > 1))) {
        throw new Error(`${file}: late.${k} must be a number ${k === "graceHours" ? ">= 0" : "from 0 to 1"}, got ${JSON.stringify(v)}`);
      }
    }
  }
  const dir = path.dirname(path.resolve(file));
  for (const k of ["roster", "timestamps", "manualPoints"] as const) if (typeof c[k] === "string") c[k] = path.resolve(dir, c[k] as string);
  return c;
}

export interface LateVerdict {
  late: boolean;
  /** Hours after the (student's) deadline, 0 when on time. */
  hoursLate: number;
  /** Fraction of the score taken (0 … 1). */
  penalty: number;
}

/** Whether a submission made at `submittedAt` is late for `id`, and its penalty. */
export function lateVerdict(config: GradingConfig, id: string, submittedAt: Date): LateVerdict {
  const deadlineText = config.extensions?.[id] ?? config.deadline;
  if (!deadlineText) return { late: false, hoursLate: 0, penalty: 0 };
  const due = Date.parse(deadlineText) + (config.late?.graceHours ?? 0) * 3600_000;
  const hours = (submittedAt.getTime() - due) / 3600_000;
  if (!(hours > 0)) return { late: false, hoursLate: 0, penalty: 0 };
  const days = Math.ceil(hours / 24);
  const penalty = Math.min(config.late?.max ?? 1, (config.late?.perDay ?? 0) * days);
  return { late: true, hoursLate: Math.round(hours * 100) / 100, penalty: Math.round(penalty * 1e6) / 1e6 };
}

/** Submission times from a `file,submitted_at` CSV (file names compared without .ipynb). */
export function readTimestamps(file: string): Map<string, Date> {
  const out = new Map<string, Date>();
  for (const [k, r] of readCsvObjects(file, ["file", "submitted_at"]).entries()) {
    out.set(stem(r.file), new Date(isoDate(r.submitted_at, `${file}: row ${k + 2} submitted_at`)));
  }
  return out;
}

export function submissionTime(file: string, timestamps: Map<string, Date> | null): Date {
  return timestamps?.get(stem(file)) ?? fs.statSync(file).mtime;
}

// ---------------------------------------------------------------- manual points

export interface ManualPoint {
  points: number;
  comment: string;
}

/**
 * Manually graded points: a CSV `id,question,points,comment` (an empty points cell is "not
 * graded yet"). Returns id → question → points; throws naming the row for points that are
 * not a number from 0 to the question's maximum, or an unknown question.
 */
export function readManualPoints(file: string, maxByQuestion: Map<string, number>): Map<string, Map<string, ManualPoint>> {
  const out = new Map<string, Map<string, ManualPoint>>();
  if (!fs.existsSync(file)) return out;
  for (const [k, r] of readCsvObjects(file, ["id", "question", "points"]).entries()) {
    if (r.points === "") continue;
    const max = maxByQuestion.get(r.question);
    if (max === undefined) throw new Error(`${file}: row ${k + 2}: ${JSON.stringify(r.question)} is not a manually graded question of this assignment`);
    const p = Number(r.points);
    if (!Number.isFinite(p) || p < 0 || p > max) throw new Error(`${file}: row ${k + 2}: points must be a number from 0 to ${max}, got ${JSON.stringify(r.points)}`);
    if (!out.has(r.id)) out.set(r.id, new Map());
    out.get(r.id)!.set(r.question, { points: p, comment: r.comment ?? "" });
  }
  return out;
}

/** The content hash of a submission (what decides whether it must be graded again). */
export function contentHash(file: string): string {
  // The same safe read as the submission itself: never blocks on a pipe nor follows a link.
  const read = readRegularFile(file, MAX_NOTEBOOK_BYTES);
  return createHash("sha256").update("problem" in read ? `unreadable: ${read.problem}` : read.text).digest("hex");
}
