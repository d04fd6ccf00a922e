/**
 * The line reader of the EMBL and Swiss-Prot parsers: an entry runs from an `ID` line to a `//`
 * line, each line starts with a two-letter code. The reader checks that block structure (naming
 * the line of a fault); each format reads its own lines (`begin` at ID, `line`, `end` at //).
 */
import { RnnlabError, badArgument } from "../core/errors";
import { checkOptions } from "../core/options";
import { readSystemDataFile } from "./systemFiles";

/** What a format does with its lines (`at` names the line in messages: "parseEmbl(x) line 3"). */
export interface FlatFileReader<E extends { id: string }, R> {
  begin(line: string, at: string, lineNumber: number): E;
  line(entry: E, code: string, line: string, at: string, lineNumber: number): void;
  end(entry: E, at: string): R;
}

/**
 * Parses the text of a flat file (`what` it is, for messages: "an EMBL flat file") into entries.
 * `where` and `source` (e.g. the path) say where a fault is.
 */
export function readFlatFile<E extends { id: string }, R>(where: string, what: string, text: string, source: string, reader: FlatFileReader<E, R>): R[] {
  if (typeof text !== "string") badArgument(where, "text", `the contents of ${what} (a string)`, text);
  if (typeof source !== "string") badArgument(where, "source", "a name for error messages (a string, e.g. the path)", source);
  const entries: R[] = [];
  let e: E | null = null;
  text.split(/\r?\n/).forEach((line, i) => {
    const at = `${where}(${source}) line ${i + 1}`;
    const code = line.slice(0, 2);
    if (code === "ID") {
      if (e) throw new RnnlabError(`${at}: ID line inside entry ${e.id} (its // is missing)`);
      e = reader.begin(line, at, i + 1);
      return;
    }
    if (line.trim() === "") return;
    if (!e) throw new RnnlabError(`${at}: text outside an entry (expected an ID line), got ${JSON.stringify(line.slice(0, 60))}`);
    if (code === "//") {
      entries.push(reader.end(e, at));
      e = null;
    } else reader.line(e, code, line, at, i + 1);
  });
  if (e) throw new RnnlabError(`${where}(${source}): the text ends inside entry ${(e as E).id} (no // line)`);
  return entries;
}

/** Reads `options.file` (default `defaultFile`, a file of Debian's `emboss-test`) and parses it. */
export function loadFlatFile<R>(where: string, options: { file?: string }, defaultFile: string, parse: (text: string, source: string) => R[]): R[] {
  checkOptions(where, options, ["file"]);
  const file = options.file ?? defaultFile;
  if (typeof file !== "string") badArgument(where, "options.file", "a path", file);
  return parse(readSystemDataFile(where, { path: file, debianPackage: "emboss-test" }), file);
}
