/**
 * Tables: records, columns or danfojs DataFrames shown as an HTML table in a
 * notebook and as aligned plain text in a terminal.
 *
 * danfojs-node loads TensorFlow.js and takes seconds to import, so it is loaded
 * only when a DataFrame is actually made (`toDataFrame`, `readCsvTable`);
 * `import ... from "rnnlab"` stays fast, and `showTable(records)` never loads it.
 */
import type { DataFrame } from "danfojs-node";
import * as fs from "fs";
import * as path from "path";
import { inspect } from "util";
import { RnnlabError, describeValue } from "../core/errors";
import { JUPYTER_DISPLAY, Displayable, MimeBundle, escapeHtml, show } from "../display/bundle";
import { XLSX_BLOCKED, deferDanfoModules } from "./deferredModules";
import { installLeanMathjsForDanfo } from "./leanMathjs";
import { checkOptions } from "../core/options";

export type { DataFrame } from "danfojs-node";

/** A cell value of a table. */
export type TableCell = number | string | boolean | null | undefined;

/** Rows as objects: `[{ model: "LSTM", accuracy: 0.93 }, ...]`. */
export type TableRecords = Record<string, TableCell>[];

/** Columns as arrays of equal length: `{ model: ["RNN", "LSTM"], accuracy: [0.61, 0.93] }`. */
export type TableColumns = Record<string, readonly TableCell[] | ArrayLike<number>>;

/** Options of `showTable` and `Table`. */
export interface TableOptions {
  /** Caption above the table. */
  title?: string;
  /** Significant digits of non-integer numbers (default 4). */
  digits?: number;
  /** At most this many rows are shown: the first and last halves, with "…" between (default 40). */
  maxRows?: number;
  /** Show the row index (default: true for DataFrames, false for records). */
  showIndex?: boolean;
  /** Longer text cells are cut to this many characters, ending in "…" (default 40). */
  maxCellChars?: number;
}

type DanfoModule = typeof import("danfojs-node");
let danfo: DanfoModule | null = null;

/** danfojs-node, loaded on first use (it takes seconds: it loads TensorFlow.js). */
function loadDanfo(): DanfoModule {
  if (danfo === null) {
    installLeanMathjsForDanfo(); // about 1.4 s less (see leanMathjs.ts)
    deferDanfoModules(); // request and xlsx load when a reader needs them (deferredModules.ts)
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- danfo.js is heavy: loaded on the first DataFrame only
    danfo = require("danfojs-node") as DanfoModule;
  }
  return danfo;
}

/** True once danfojs-node has been loaded in this process. */
export function danfoLoaded(): boolean {
  return danfo !== null;
}

/**
 * Reads a DataFrame member through its class getter. danfojs also defines one
 * property per column on the instance, so a column called "values", "index" or
 * "columns" hides the getter of that name; the prototype's getter still works.
 */
function frameMember(frame: object, name: "values" | "index" | "columns" | "shape"): unknown {
  for (let proto = Object.getPrototypeOf(frame) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (d?.get) return d.get.call(frame);
  }
  return (frame as Record<string, unknown>)[name];
}

/** True for a danfojs DataFrame (duck-typed, so danfojs need not be loaded to ask). */
export function isDataFrame(value: unknown): value is DataFrame {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return (["columns", "values", "index", "shape"] as const).every((m) => Array.isArray(frameMember(value, m)));
}

/** The rows of a DataFrame as arrays, robust to columns named like DataFrame members. */
function dataFrameRows(frame: DataFrame): unknown[][] {
  return frameMember(frame, "values") as unknown[][];
}

function isRecords(value: unknown): value is TableRecords {
  return Array.isArray(value) && value.every((r) => typeof r === "object" && r !== null && !Array.isArray(r) && !ArrayBuffer.isView(r));
}

function checkCell(where: string, label: string, value: unknown): TableCell {
  if (value === null || value === undefined || typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  throw new RnnlabError(`${where}: ${label} must be a number, string, boolean or null, got ${describeValue(value)}`);
}

/** Column names and rows of records (columns in order of first appearance; missing cells are null). */
function recordsToGrid(where: string, records: TableRecords): { columns: string[]; rows: TableCell[][] } {
  const columns: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  const rows = records.map((r, i) => columns.map((c) => (c in r ? checkCell(where, `row ${i} column ${JSON.stringify(c)}`, r[c]) : null)));
  return { columns, rows };
}

/** Column names and rows of a column object, checking equal lengths. */
function columnsToGrid(where: string, cols: TableColumns): { columns: string[]; rows: TableCell[][] } {
  const columns = Object.keys(cols);
  if (columns.length === 0) throw new RnnlabError(`${where}: the column object has no columns`);
  const arrays = columns.map((c) => {
    const v = cols[c];
    if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) {
      throw new RnnlabError(`${where}: column ${JSON.stringify(c)} must be an array, got ${describeValue(v)}`);
    }
    return Array.from(v as ArrayLike<TableCell>);
  });
  const n = arrays[0].length;
  arrays.forEach((a, j) => {
    if (a.length !== n) throw new RnnlabError(`${where}: column ${JSON.stringify(columns[j])} has ${a.length} entries but column ${JSON.stringify(columns[0])} has ${n}; all columns must have the same length`);
  });
  const rows = Array.from({ length: n }, (_, i) => arrays.map((a, j) => checkCell(where, `column ${JSON.stringify(columns[j])} entry ${i}`, a[i])));
  return { columns, rows };
}

/**
 * Makes a danfojs DataFrame from records (`[{a: 1, b: "x"}, ...]`), columns
 * (`{a: [1, 2], b: Float64Array}`) or a Table. Loads danfojs-node on first use (seconds).
 */
export function toDataFrame(data: TableRecords | TableColumns | Table): DataFrame {
  const where = "toDataFrame";
  const grid = gridOf(where, data);
  const { DataFrame: DataFrameClass } = loadDanfo();
  return new DataFrameClass(grid.rows, { columns: grid.columns });
}

function gridOf(where: string, data: unknown): { columns: string[]; rows: TableCell[][]; index?: TableCell[] } {
  if (data instanceof Table) return { columns: [...data.columns], rows: data.rows.map((r) => [...r]), ...(data.index ? { index: [...data.index] } : {}) };
  if (isDataFrame(data)) {
    const columns = (frameMember(data, "columns") as unknown[]).map(String);
    const rows = dataFrameRows(data).map((r, i) => r.map((v, j) => checkCell(where, `row ${i} column ${JSON.stringify(columns[j])}`, v)));
    const index = (frameMember(data, "index") as unknown[]).map((v, i) => checkCell(where, `index entry ${i}`, v));
    return { columns, rows, index };
  }
  if (Array.isArray(data)) {
    if (data.length === 0) throw new RnnlabError(`${where}: records must contain at least one row, got an empty array`);
    if (!isRecords(data)) throw new RnnlabError(`${where}: records must be objects like {name: value}, got an array containing ${describeValue(data.find((r) => typeof r !== "object" || r === null || Array.isArray(r)))}`);
    return recordsToGrid(where, data);
  }
  if (typeof data === "object" && data !== null && !ArrayBuffer.isView(data)) return columnsToGrid(where, data as TableColumns);
  throw new RnnlabError(`${where}: data must be records ([{...}]), columns ({name: [...]}) or a DataFrame, got ${describeValue(data)}`);
}

/** Formats one cell: integers as they are, other numbers to `digits` significant digits. */
export function formatCell(value: TableCell, digits = 4): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    if (!Number.isFinite(value)) return String(value);
    const a = Math.abs(value);
    if (a !== 0 && (a < 1e-4 || a >= 1e9)) return value.toExponential(Math.max(0, digits - 1));
    return String(Number(value.toPrecision(digits)));
  }
  return String(value);
}

/** A displayable table (HTML in notebooks, aligned text in terminals). */
export class Table implements Displayable {
  /** Column names. */
  readonly columns: string[];
  /** Rows of cells, shape [rows, columns]. */
  readonly rows: TableCell[][];
  /** Row labels (DataFrame index), if shown. */
  readonly index?: TableCell[];
  readonly options: TableOptions;

  /**
   * @param data - records, columns, a danfojs DataFrame, or another Table (to show it with other options)
   * @param options - title, digits, maxRows, showIndex, maxCellChars
   */
  constructor(data: DataFrame | TableRecords | TableColumns | Table, options: TableOptions = {}) {
    checkOptions("Table", options, ["title", "digits", "maxRows", "showIndex", "maxCellChars"]);
    const where = "Table";
    const digits = options.digits ?? 4;
    if (!Number.isInteger(digits) || digits < 1 || digits > 17) throw new RnnlabError(`${where}: digits must be an integer in [1, 17], got ${describeValue(options.digits)}`);
    const maxRows = options.maxRows ?? 40;
    if (!Number.isInteger(maxRows) || maxRows < 2) throw new RnnlabError(`${where}: maxRows must be an integer >= 2, got ${describeValue(options.maxRows)}`);
    const maxCellChars = options.maxCellChars ?? 40;
    if (!Number.isInteger(maxCellChars) || maxCellChars < 2) throw new RnnlabError(`${where}: maxCellChars must be an integer >= 2, got ${describeValue(options.maxCellChars)}`);
    const grid = gridOf(where, data);
    this.columns = grid.columns;
    this.rows = grid.rows;
    if ((options.showIndex ?? grid.index !== undefined) === true) this.index = grid.index ?? grid.rows.map((_, i) => i);
    this.options = { ...options, digits, maxRows, maxCellChars };
  }

  /** Number of rows and columns. */
  get shape(): [number, number] {
    return [this.rows.length, this.columns.length];
  }

  /** The rows shown: all, or head and tail with a gap marker (null) between. */
  private visibleRows(): (number | null)[] {
    const n = this.rows.length;
    const max = this.options.maxRows ?? 40;
    if (n <= max) return this.rows.map((_, i) => i);
    const head = Math.ceil(max / 2);
    const tail = max - head;
    return [...Array.from({ length: head }, (_, i) => i), null, ...Array.from({ length: tail }, (_, i) => n - tail + i)];
  }

  /** A cell as shown: formatted numbers, long text cut with "…". */
  private cellText(value: TableCell): string {
    const text = formatCell(value, this.options.digits);
    const max = this.options.maxCellChars ?? 40;
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  }

  private isNumericColumn(j: number): boolean {
    return this.rows.some((r) => typeof r[j] === "number") && this.rows.every((r) => r[j] === null || r[j] === undefined || typeof r[j] === "number");
  }

  /** The table as aligned plain text (title, header, rule, rows, size). */
  toString(): string {
    const head = [...(this.index ? [""] : []), ...this.columns];
    const numeric = [...(this.index ? [false] : []), ...this.columns.map((_, j) => this.isNumericColumn(j))];
    const lines: string[][] = [];
    for (const i of this.visibleRows()) {
      if (i === null) {
        lines.push(head.map(() => "…"));
        continue;
      }
      lines.push([...(this.index ? [this.cellText(this.index[i])] : []), ...this.rows[i].map((v) => this.cellText(v))]);
    }
    const widths = head.map((h, j) => Math.max(h.length, ...lines.map((l) => l[j].length)));
    const pad = (s: string, j: number): string => (numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]));
    const out: string[] = [];
    if (this.options.title) out.push(this.options.title);
    out.push(head.map(pad).join("  ").trimEnd());
    out.push(widths.map((w) => "-".repeat(w)).join("  "));
    for (const l of lines) out.push(l.map(pad).join("  ").trimEnd());
    out.push(`(${this.rows.length} row${this.rows.length === 1 ? "" : "s"} × ${this.columns.length} column${this.columns.length === 1 ? "" : "s"})`);
    return out.join("\n");
  }

  /** The table as HTML (`<table class="rnnlab-table">`, numbers right-aligned). */
  toHtml(): string {
    const numeric = this.columns.map((_, j) => this.isNumericColumn(j));
    const th = (s: string, right = false): string => `<th style="text-align:${right ? "right" : "left"};padding:2px 10px;border-bottom:1px solid #999">${escapeHtml(s)}</th>`;
    const td = (s: string, right: boolean): string => `<td style="text-align:${right ? "right" : "left"};padding:2px 10px;${right ? "font-variant-numeric:tabular-nums;" : ""}">${escapeHtml(s)}</td>`;
    const header = `<tr>${this.index ? th("") : ""}${this.columns.map((c, j) => th(c, numeric[j])).join("")}</tr>`;
    const body = this.visibleRows()
      .map((i) => {
        if (i === null) return `<tr>${this.index ? td("…", false) : ""}${this.columns.map((_, j) => td("…", numeric[j])).join("")}</tr>`;
        const idx = this.index ? `<th style="text-align:left;padding:2px 10px;color:#555">${escapeHtml(this.cellText(this.index[i]))}</th>` : "";
        return `<tr>${idx}${this.rows[i].map((v, j) => td(this.cellText(v), numeric[j])).join("")}</tr>`;
      })
      .join("\n");
    const caption = this.options.title ? `<caption style="caption-side:top;text-align:left;font-weight:bold;padding:4px 0">${escapeHtml(this.options.title)}</caption>` : "";
    const size = `${this.rows.length} row${this.rows.length === 1 ? "" : "s"} × ${this.columns.length} column${this.columns.length === 1 ? "" : "s"}`;
    return (
      `<div class="rnnlab-table-wrap" style="overflow-x:auto;margin:4px 0">` +
      `<table class="rnnlab-table" style="border-collapse:collapse;font-family:sans-serif;font-size:13px">${caption}\n<thead>${header}</thead>\n<tbody>\n${body}\n</tbody></table>` +
      `<div style="color:#666;font-size:12px;font-family:sans-serif">${size}</div></div>`
    );
  }

  /** The MIME bundle: HTML table and plain text. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return { "text/html": this.toHtml(), "text/plain": this.toString() };
  }

  /** Shows the table below the cell (prints the text outside a notebook). */
  show(): void {
    show(this);
  }

  /** How Node prints a Table (e.g. as a cell's last value): the text form. */
  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Shows records, columns or a DataFrame as a table below the cell. Returns nothing,
 * so that a cell ending in `showTable(...)` does not also print the table as text
 * (use `new Table(data, options)` to keep the table object).
 *
 * @example showTable([{ model: "RNN", accuracy: 0.61 }, { model: "LSTM", accuracy: 0.93 }], { title: "Test accuracy" })
 */
export function showTable(data: DataFrame | TableRecords | TableColumns | Table, options: TableOptions = {}): void {
  checkOptions("showTable", options, ["title", "digits", "maxRows", "showIndex", "maxCellChars"]);
  show(new Table(data, options));
}

/**
 * The absolute path of a file in the course's `datasets/` folder, e.g.
 * `datasetPath("adding_T30.csv")`. Works from any notebook folder (solution,
 * student or grading copy), unlike a relative path such as `../datasets/...`.
 */
export function datasetPath(name: string): string {
  if (typeof name !== "string" || name === "" || path.isAbsolute(name) || name.split(/[\\/]/).includes("..")) {
    throw new RnnlabError(`datasetPath: name must be a file name inside datasets/ (like "adding_T30.csv"), got ${describeValue(name)}`);
  }
  // dist/table/table.js (or lib/table/table.ts under ts-jest) -> <project>/datasets
  const file = path.join(__dirname, "..", "..", "datasets", name);
  if (!fs.existsSync(file)) {
    const dir = path.dirname(file);
    const known = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith(".")).join(", ") : "(no datasets folder)";
    throw new RnnlabError(`datasetPath: no file ${JSON.stringify(name)} in ${dir}; available: ${known} (name must be one of these)`);
  }
  return file;
}

/**
 * Reads a local CSV file into a DataFrame (danfojs-node `readCSV`). Asynchronous:
 * `const df = await readCsvTable("../datasets/adding_T30.csv")`.
 *
 * Note: danfojs defines a property per column, so a column named like a DataFrame
 * member ("values", "index", "columns", ...) hides that member and some danfojs
 * methods (e.g. `head`) then fail; `showTable`/`Table` and `df.column(name)` still work.
 *
 * @param file - a file path (relative to the working directory, the notebook's folder), or `datasetPath(name)`
 */
export async function readCsvTable(file: string): Promise<DataFrame> {
  if (typeof file !== "string" || file === "") throw new RnnlabError(`readCsvTable: path must be a file path, got ${describeValue(file)}`);
  if (/\.(xlsx|xlsm|xlsb|xls|ods)$/i.test(file)) throw new RnnlabError(`readCsvTable: ${JSON.stringify(file)}: ${XLSX_BLOCKED}`);
  if (!fs.existsSync(file)) {
    throw new RnnlabError(`readCsvTable: no file at ${JSON.stringify(file)} (working directory ${process.cwd()}); for course data use datasetPath("name.csv")`);
  }
  const { readCSV } = loadDanfo();
  return (await readCSV(file)) as DataFrame;
}
