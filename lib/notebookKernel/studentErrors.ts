/**
 * Errors a student can read: what a notebook kernel reports when a cell fails.
 *
 * A kernel compiles each cell (TypeScript → JavaScript) and runs the compiled code, so a raw
 * error names compiled lines (`exports.tsLastExpr = …`), their line numbers, and the kernel's
 * own frames. This module turns a failure into a Jupyter error output
 * (`ename`, `evalue`, `traceback`) that names the student's own cell line:
 *
 * - a runtime error: the error's name and message, then at most `MAX_FRAMES` frames, each
 *   either a cell line (`line 3 of this cell: <the source line>`) or a library frame
 *   (`rnnlab lib/core/tensor.ts:120`, through the library's source maps); no frames of the
 *   kernel, of Node.js or of other packages;
 * - a compile error: one line per TypeScript diagnostic (`3:7 - message`, the kernel's
 *   usual format) with the source line, and names that are not defined yet (a cell run
 *   before the cells above it) gathered into one line: "run the cells above first: …";
 * - a library name that a cell redefined (`const check = 5`) and a later cell uses as the
 *   library's: the line that explains it, where it breaks.
 *
 * Nothing here depends on a particular kernel: the tslab adapter (tslab/errorReporting.ts)
 * feeds it cells, their compiled code and the errors.
 */
import * as fs from "fs";
import * as path from "path";

/** Frames of a runtime error shown at most. */
const MAX_FRAMES = 6;

/** One executed (or attempted) cell, as the kernel saw it. */
export interface CellRecord {
  /** The file name its compiled code ran under (what stack frames name). */
  file: string;
  /** 1-based run number (Jupyter's execution count as far as the kernel knows). */
  run: number;
  /** The student's source. */
  source: string;
  /** The compiled JavaScript that ran (line numbers of frames refer to it). */
  compiled: string;
}

/** A Jupyter error output. */
export interface StudentError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** A TypeScript diagnostic in a cell (0-based line and character, as tslab gives them). */
export interface CellDiagnostic {
  start: { line: number; character: number };
  end?: { line: number; character: number };
  messageText: string;
  code?: number;
  /** Set when the diagnostic is in another file than the cell. */
  fileName?: string;
}

/** Where a library name was redefined by a cell. */
interface Shadowing {
  run: number;
  line: number;
  text: string;
}

/** Tokens of a line that survive compilation: identifiers, strings, numbers (compiler-made names left out). */
function tokens(line: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|[A-Za-z_$][\w$]*|\d+(?:\.\d+)?/g;
  for (const m of line.matchAll(re)) {
    const t = m[0];
    if (t === "exports" || /^tsLastExpr\d*$/.test(t) || /_\d+$/.test(t) || t === "0" || t === "default") continue;
    out.push(t);
  }
  return out;
}

/** How many of `compiled`'s tokens the source line has (each source token counted once). */
function overlap(compiled: string[], source: string[]): number {
  const left = new Map<string, number>();
  for (const t of source) left.set(t, (left.get(t) ?? 0) + 1);
  let n = 0;
  for (const t of compiled) {
    const k = left.get(t) ?? 0;
    if (k > 0) {
      n++;
      left.set(t, k - 1);
    }
  }
  return n;
}

/**
 * The 1-based source line of a 1-based line of the compiled code. Compilers keep the order of
 * statements and their names, strings and numbers, so each compiled line is matched to the
 * source line sharing most of its tokens; among equals, the first at or after the line matched
 * for the compiled line before it. A line with nothing in common (compiler boilerplate) takes
 * the line matched before it.
 */
export function sourceLineOf(compiled: string, source: string, compiledLine: number): number {
  const src = source.split("\n").map(tokens);
  const out = compiled.split("\n");
  let last = 1;
  for (let i = 0; i < Math.min(compiledLine, out.length); i++) {
    // the compiler's own lines (exports of the cell's names) say nothing about the position
    if (i + 1 < compiledLine && /^(exports\.[\w$]+ = [\w$]+;|exports\.[\w$]+ = (exports\.[\w$]+ = )*void 0;|Object\.defineProperty\(exports, .*)$/.test(out[i].trim())) continue;
    const t = tokens(out[i]);
    if (t.length === 0) continue;
    let best = 0;
    let bestLine = last;
    for (let j = 0; j < src.length; j++) {
      // prefer keeping the order: a line before the last match costs more than the same line
      const score = overlap(t, src[j]) - (j + 1 < last ? 0.5 : j + 1 === last ? 0.25 : 0);
      if (score > best) {
        best = score;
        bestLine = j + 1;
      }
    }
    if (best > 0) last = bestLine;
  }
  return last;
}

/** Compiler-made names in a message (`exports.check`, `(0 , rnnlab_1.check)`) written as the student wrote them. */
export function cleanMessage(message: string): string {
  return message
    .replace(/\(0\s*,\s*[A-Za-z_$][\w$]*_\d+\.([A-Za-z_$][\w$]*)\)/g, "$1")
    .replace(/\b[A-Za-z_$][\w$]*_\d+\.(default\.)?([A-Za-z_$][\w$]*)/g, "$2")
    .replace(/\bexports\.(tsLastExpr\d*\b)?/g, (_m, last?: string) => (last ? "the cell's last expression" : ""));
}

/** A parsed V8 stack frame. */
interface Frame {
  fn: string;
  file: string;
  line: number;
  column: number;
}

function parseFrame(line: string): Frame | null {
  const m = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/.exec(line);
  if (!m) return null;
  return { fn: (m[1] ?? "").replace(/^(async |new )/, ""), file: m[2], line: Number(m[3]), column: Number(m[4]) };
}

/**
 * Of each run of consecutive library frames, the innermost (where the error was raised) and
 * the outermost (the function the student called); the frames between become one `…` line.
 */
export function collapseLibraryRuns(frames: readonly string[], libraryPrefix: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < frames.length; ) {
    let j = i;
    while (j < frames.length && frames[j].startsWith(libraryPrefix)) j++;
    if (j - i > 2) out.push(frames[i], `  … ${j - i - 2} more in the library`, frames[j - 1]);
    else out.push(...frames.slice(i, j));
    if (j === i) out.push(frames[j++]);
    i = j;
  }
  return out;
}

interface SourceMapLike {
  findEntry(line: number, column: number): { originalSource?: string; originalLine?: number; originalColumn?: number };
}

/** Keeps track of the cells a kernel ran, and explains their errors. */
export class StudentErrorReporter {
  private readonly cells = new Map<string, CellRecord>();
  private readonly order: string[] = [];
  private readonly libraryNames = new Set<string>();
  private readonly shadowed = new Map<string, Shadowing>();
  private readonly sourceMaps = new Map<string, SourceMapLike | null>();
  /** The run of the last cell that declared each top-level name. */
  private readonly declaredIn = new Map<string, number>();
  /** Runs whose cell threw (their declarations did not become the notebook's). */
  private readonly failedRuns = new Set<number>();

  /**
   * @param libraryRoot the library's package folder: frames in its `dist/` are shown (mapped
   *   to `lib/…ts` when the source map is there); frames elsewhere are not.
   * @param libraryName the package name students import (for the messages).
   */
  constructor(
    private readonly libraryRoot: string,
    private readonly libraryName = "rnnlab",
  ) {}

  /** Records a cell that compiled and is about to run; `file` is what its frames will name. */
  addCell(cell: CellRecord): void {
    this.cells.set(cell.file, cell);
    this.order.push(cell.file);
    if (this.order.length > 500) this.cells.delete(this.order.shift() as string);
    this.noteDeclarations(cell.source, cell.run);
  }

  /** Library imports and redefinitions of library names in a cell (top-level declarations). */
  private noteDeclarations(source: string, run: number): void {
    const lib = this.libraryName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const imports = new Set<string>();
    for (const m of source.matchAll(new RegExp(`import\\s*(?:type\\s+)?\\{([^}]*)\\}\\s*from\\s*["']${lib}["']`, "g"))) {
      for (const part of m[1].split(",")) {
        const name = part.trim().split(/\s+as\s+/).pop()?.trim();
        if (name && /^[A-Za-z_$][\w$]*$/.test(name)) imports.add(name);
      }
    }
    for (const name of imports) {
      this.libraryNames.add(name);
      this.shadowed.delete(name); // imported again: the library's name once more
    }
    const lines = source.split("\n");
    lines.forEach((text, i) => {
      const decl = /^(?:export\s+)?(?:const|let|var|function\*?|class|async\s+function)\s+([A-Za-z_$][\w$]*)/.exec(text.trim());
      const assign = /^([A-Za-z_$][\w$]*)\s*=[^=>]/.exec(text.trim());
      const name = decl?.[1] ?? assign?.[1];
      if (decl?.[1] && !/^\s/.test(text)) this.declaredIn.set(decl[1], run);
      if (name && this.libraryNames.has(name) && !imports.has(name)) this.shadowed.set(name, { run, line: i + 1, text: text.trim() });
    });
  }

  /** The line explaining a redefined library name that `text` mentions, if any. */
  private shadowingNote(text: string): string | null {
    for (const [name, s] of this.shadowed) {
      if (new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, "\\$")}($|[^\\w$])`).test(text)) {
        return (
          `note: \`${name}\` is no longer ${this.libraryName}'s \`${name}\`: cell [${s.run}] line ${s.line} redefined it (\`${s.text}\`). ` +
          `Give your variable another name, then run the import cell again.`
        );
      }
    }
    return null;
  }

  private sourceMap(jsFile: string): SourceMapLike | null {
    if (this.sourceMaps.has(jsFile)) return this.sourceMaps.get(jsFile) ?? null;
    let map: SourceMapLike | null = null;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: only when an error's position is mapped
      const { SourceMap } = require("module") as { SourceMap: new (payload: object) => SourceMapLike };
      map = new SourceMap(JSON.parse(fs.readFileSync(jsFile + ".map", "utf8")));
    } catch {
      map = null;
    }
    this.sourceMaps.set(jsFile, map);
    return map;
  }

  /** A frame as the student should see it, or null for frames that are not theirs or the library's. */
  private describeFrame(frame: Frame, current: CellRecord | undefined): string | null {
    const cell = this.cells.get(frame.file);
    if (cell) {
      if (frame.line > cell.compiled.split("\n").length) return null; // the kernel's wrapper around the cell
      const line = sourceLineOf(cell.compiled, cell.source, frame.line);
      const text = (cell.source.split("\n")[line - 1] ?? "").trim();
      const where = cell === current ? `line ${line} of this cell` : `line ${line} of cell [${cell.run}]`;
      const name = frame.fn.replace(/^(Object|Proxy|exports)\./, "");
      const fn = name && name !== "<anonymous>" && !/^tsLastExpr/.test(name) ? ` (in ${name})` : "";
      return `  at ${where}${fn}: ${text}`;
    }
    const dist = path.join(this.libraryRoot, "dist") + path.sep;
    const kernel = path.join(dist, "notebookKernel") + path.sep; // the kernel's own code, not the library's
    if (frame.file.startsWith(dist) && !frame.file.startsWith(kernel)) {
      let where = `${path.relative(this.libraryRoot, frame.file)}:${frame.line}`;
      const entry = this.sourceMap(frame.file)?.findEntry(frame.line - 1, frame.column - 1);
      if (entry && entry.originalSource && entry.originalLine !== undefined) {
        const original = entry.originalSource.replace(/^file:\/\//, "");
        const abs = path.resolve(path.dirname(frame.file), original);
        where = `${path.relative(this.libraryRoot, abs)}:${entry.originalLine + 1}`;
      }
      const fn = frame.fn ? `${frame.fn.replace(/^(Object|Proxy)\./, "")} ` : "";
      return `  at ${this.libraryName} ${fn}(${where})`;
    }
    return null;
  }

  /** A runtime error thrown by the cell that ran as `file` (or by code it called). */
  runtimeError(error: unknown, file?: string): StudentError {
    const current = file ? this.cells.get(file) : undefined;
    if (current) this.failedRuns.add(current.run);
    const isError = error instanceof Error || (typeof error === "object" && error !== null && "stack" in error && "message" in error);
    const e = error as Error;
    const ename = isError ? String(e.name || e.constructor?.name || "Error") : "Thrown value";
    let evalue: string;
    try {
      evalue = isError ? cleanMessage(String(e.message)) : typeof error === "string" ? error : JSON.stringify(error) ?? String(error);
    } catch {
      evalue = String(error);
    }
    const traceback = [`${ename}: ${evalue}`];
    const shownFrames: string[] = [];
    const stack = isError && typeof e.stack === "string" ? e.stack.split("\n") : [];
    for (const line of stack) {
      const frame = parseFrame(line);
      if (!frame) continue;
      const shown = this.describeFrame(frame, current);
      if (shown && shownFrames[shownFrames.length - 1] !== shown) shownFrames.push(shown);
    }
    const frames = collapseLibraryRuns(shownFrames, `  at ${this.libraryName} `);
    traceback.push(...frames.slice(0, MAX_FRAMES));
    if (frames.length > MAX_FRAMES) traceback.push(`  … ${frames.length - MAX_FRAMES} more`);
    const lineTexts = frames.join("\n");
    const note = this.shadowingNote(`${evalue}\n${lineTexts.replace(/^.*?: /gm, "")}`);
    if (note) traceback.push(note);
    return { ename, evalue, traceback };
  }

  /**
   * A cell that did not compile. Diagnostics keep the kernel's usual `line:col - message`
   * form (what the grader parses); names not defined yet are gathered into one line.
   */
  compileError(source: string, diagnostics: readonly CellDiagnostic[]): StudentError & { diagnostics: string[] } {
    const lines = source.split("\n");
    const raw = diagnostics.map((d) => `${d.fileName ? d.fileName + " " : ""}${d.start.line + 1}:${d.start.character + 1} - ${d.messageText}`);
    const missing: string[] = [];
    const shown: string[] = [];
    const notes = new Set<string>();
    diagnostics.forEach((d, i) => {
      const m = /^Cannot find name '([^']+)'\.$/.exec(d.messageText);
      if (m && !d.fileName && (d.code === undefined || d.code === 2304)) {
        if (!missing.includes(m[1])) missing.push(m[1]);
        return;
      }
      const text = d.fileName ? "" : (lines[d.start.line] ?? "").trim();
      shown.push(text ? `${raw[i]}\n    ${d.start.line + 1} | ${text}` : raw[i]);
      const span =
        !d.fileName && d.end && d.end.line === d.start.line ? (lines[d.start.line] ?? "").slice(d.start.character, d.end.character) : "";
      const note = this.shadowingNote(`${span} ${d.messageText}`);
      if (note) notes.add(note);
    });
    const traceback: string[] = [];
    let evalue: string;
    // names whose cell ran but failed: that cell needs fixing, not running
    const fromFailed = missing.filter((n) => this.failedRuns.has(this.declaredIn.get(n) ?? -1));
    const notRun = missing.filter((n) => !fromFailed.includes(n));
    const list = (names: string[]) => names.map((n) => `\`${n}\``).join(", ");
    const failedLines = fromFailed.map((n) => `\`${n}\` is not defined: cell [${this.declaredIn.get(n)}], which defines it, failed; fix it and run it again`);
    if (notRun.length > 0) {
      evalue = `run the cells above first: ${list(notRun)} ${notRun.length === 1 ? "is" : "are"} not defined yet (or check the spelling)`;
      traceback.push(evalue, ...failedLines);
    } else if (fromFailed.length > 0) {
      evalue = failedLines[0];
      traceback.push(...failedLines);
    } else {
      evalue = diagnostics.length > 0 ? raw[0].replace(/^\d+:\d+ - /, "") : "the cell does not compile";
    }
    traceback.push(...shown, ...notes);
    return { ename: "CompileError", evalue, traceback, diagnostics: raw };
  }
}
