/**
 * The one CSV reader of the library (RFC 4180): quoted cells may hold commas, quotes ("") and
 * line breaks; CRLF or LF; a leading byte-order mark is dropped; rows whose cells are all blank
 * are skipped. Each record keeps the line number it starts on, so that callers can name it in
 * their messages. Used by the task, sweep and composition CSV formats and the grader's roster
 * and manual-points files.
 */
import { RnnlabError, badArgument } from "./errors";

/** One CSV record: its cells and the (1-based) line it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** Parses CSV text into records with their line numbers (see the module comment); `where` names the caller in errors. */
export function parseCsvRecords(text: string, where = "parseCsvRecords"): CsvRecord[] {
  if (typeof text !== "string") badArgument(where, "text", "CSV text (a string)", text);
  const records: CsvRecord[] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const t = text.replace(/^\uFEFF/, "");
  const push = (): void => {
    row.push(cell);
    if (row.some((c) => c.trim() !== "")) records.push({ line: start, cells: row });
    row = [];
    cell = "";
  };
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (quoted) {
      if (c === '"' && t[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && t[i + 1] === "\n") i++;
      push();
      line++;
      start = line;
    } else cell += c;
  }
  if (quoted) throw new RnnlabError(`CSV: a quoted cell is not closed (it opens on line ${start}; read by ${where})`);
  if (cell !== "" || row.length) push();
  return records;
}

/** Parses CSV text into rows of cells (see `parseCsvRecords`). */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text, "parseCsv").map((r) => r.cells);
}
