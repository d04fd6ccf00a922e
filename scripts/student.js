// The student version of a notebook (the convention of notebooks/README.md).
//
// In code cells, the lines from `// BEGIN SOLUTION` to `// END SOLUTION` are
// dropped. `// PLACEHOLDER: <code>` lines directly after the END marker become
// the student's code (prefix removed, indentation kept); without them a line
// `throw new Error("TODO: write your solution here");` is put in, indented like
// the solution. In Markdown cells, `<!-- BEGIN SOLUTION -->` ... `<!-- END
// SOLUTION -->` is replaced by `*Write your answer here.*`.
//
// Cell tags: a cell tagged `remove-student` is left out; a cell tagged
// `solution` keeps its place but is emptied (code: `// Write your solution here`,
// Markdown: `*Write your answer here.*`).
//
// Every output and execution count is cleared; notebook and cell metadata are
// kept (nbclient's `execution` timing is dropped), and the notebook metadata
// gains `rnnlab.version = "student"`.
"use strict";

const TODO_LINE = 'throw new Error("TODO: write your solution here");';
const MARKDOWN_ANSWER = "*Write your answer here.*";

const CODE = {
  begin: /^(\s*)\/\/\s*BEGIN SOLUTION\s*$/,
  end: /^(\s*)\/\/\s*END SOLUTION\s*$/,
  placeholder: /^(\s*)\/\/ ?PLACEHOLDER:(?: (.*)|)$/,
  // A comment line that looks like a marker but is not exactly one.
  mention: /^\s*\/\/\s*((BEGIN|END)[ _-]*SOLUTION|PLACEHOLDER)\b/i,
};
const MARKDOWN = {
  begin: /^\s*<!--\s*BEGIN SOLUTION\s*-->\s*$/,
  end: /^\s*<!--\s*END SOLUTION\s*-->\s*$/,
  mention: /\b(BEGIN|END) SOLUTION\b/,
};

/** A malformed solution block: names the notebook, cell index and line. */
class SolutionMarkerError extends Error {
  constructor(message, where) {
    const at = [where.notebook, `cell ${where.cell}`, `line ${where.line}`].filter(Boolean).join(", ");
    super(`${at}: ${message}`);
    this.name = "SolutionMarkerError";
    Object.assign(this, where);
  }
}

/** Cell source (string or list of lines) as one string. */
function sourceText(source) {
  return Array.isArray(source) ? source.join("") : String(source ?? "");
}

/** A string as nbformat's list of lines (each but the last ending in "\n"). */
function toLines(text) {
  if (text === "") return [];
  const parts = text.split("\n");
  const lines = parts.map((p, i) => (i < parts.length - 1 ? p + "\n" : p));
  return lines[lines.length - 1] === "" ? lines.slice(0, -1) : lines;
}

function indentOf(line) {
  return /^\s*/.exec(line)[0];
}

/**
 * Student version of one code cell's source. `where` ({notebook, cell}) is used
 * in error messages. Returns { source, changed, warnings }.
 */
function studentCode(text, where = {}) {
  const lines = text.split("\n");
  const out = [];
  const warnings = [];
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const at = { ...where, line: i + 1 };
    if (CODE.end.test(line)) throw new SolutionMarkerError("`// END SOLUTION` without a `// BEGIN SOLUTION` before it", at);
    if (CODE.placeholder.test(line)) {
      throw new SolutionMarkerError("`// PLACEHOLDER:` line that does not directly follow a `// END SOLUTION` marker (or another placeholder)", at);
    }
    const begin = CODE.begin.exec(line);
    if (!begin) {
      if (CODE.mention.test(line)) {
        throw new SolutionMarkerError(`malformed marker ${JSON.stringify(line.trim())}: write \`// BEGIN SOLUTION\`, \`// END SOLUTION\` or \`// PLACEHOLDER: <code>\` alone on its line`, at);
      }
      out.push(line);
      continue;
    }
    // Find the END marker, rejecting a nested BEGIN.
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (CODE.begin.test(lines[j])) {
        throw new SolutionMarkerError(`\`// BEGIN SOLUTION\` inside the solution block opened at line ${i + 1} (blocks cannot nest)`, { ...where, line: j + 1 });
      }
      if (CODE.end.test(lines[j])) break;
    }
    if (j === lines.length) throw new SolutionMarkerError("`// BEGIN SOLUTION` without a matching `// END SOLUTION`", at);
    const body = lines.slice(i + 1, j);
    const firstCode = body.find((l) => l.trim() !== "");
    const indent = firstCode !== undefined ? indentOf(firstCode) : begin[1];
    // Placeholder lines directly after END.
    let k = j + 1;
    const placeholders = [];
    for (; k < lines.length; k++) {
      const m = CODE.placeholder.exec(lines[k]);
      if (!m) break;
      placeholders.push(m[1] + (m[2] ?? ""));
    }
    if (placeholders.length) out.push(...placeholders);
    else {
      out.push(indent + TODO_LINE);
      if (indent === "") {
        warnings.push(
          `${[where.notebook, `cell ${where.cell}`, `line ${i + 1}`].filter(Boolean).join(", ")}: ` +
            "top-level solution without a `// PLACEHOLDER:` line; the student version will throw here (give a placeholder value)",
        );
      }
    }
    changed = true;
    i = k - 1;
  }
  return { source: out.join("\n"), changed, warnings };
}

/** Student version of one Markdown cell's source. */
function studentMarkdown(text, where = {}) {
  const lines = text.split("\n");
  const out = [];
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const at = { ...where, line: i + 1 };
    if (MARKDOWN.end.test(lines[i])) throw new SolutionMarkerError("`<!-- END SOLUTION -->` without a `<!-- BEGIN SOLUTION -->` before it", at);
    if (!MARKDOWN.begin.test(lines[i])) {
      if (MARKDOWN.mention.test(lines[i]) && /<!--/.test(lines[i])) {
        throw new SolutionMarkerError(`malformed marker ${JSON.stringify(lines[i].trim())}: write \`<!-- BEGIN SOLUTION -->\` alone on its line`, at);
      }
      out.push(lines[i]);
      continue;
    }
    let j = i + 1;
    while (j < lines.length && !MARKDOWN.end.test(lines[j])) {
      if (MARKDOWN.begin.test(lines[j])) throw new SolutionMarkerError("nested `<!-- BEGIN SOLUTION -->`", { ...where, line: j + 1 });
      j++;
    }
    if (j === lines.length) throw new SolutionMarkerError("`<!-- BEGIN SOLUTION -->` without a matching `<!-- END SOLUTION -->`", at);
    out.push(MARKDOWN_ANSWER);
    changed = true;
    i = j;
  }
  return { source: out.join("\n"), changed };
}

function tagsOf(cell) {
  const tags = cell.metadata && cell.metadata.tags;
  return Array.isArray(tags) ? tags : [];
}

/**
 * The student version of a notebook (parsed nbformat-4 JSON). `name` is used
 * in error messages. Returns { notebook, exercises, warnings } where
 * `exercises` counts the solution blocks and cells replaced.
 */
function studentNotebook(nb, { name = "notebook" } = {}) {
  if (!nb || !Array.isArray(nb.cells)) throw new Error(`${name}: not a notebook (no "cells" list)`);
  const cells = [];
  const warnings = [];
  let exercises = 0;
  nb.cells.forEach((cell, index) => {
    const tags = tagsOf(cell);
    if (tags.includes("remove-student")) return;
    const copy = JSON.parse(JSON.stringify(cell));
    const where = { notebook: name, cell: index };
    const text = sourceText(cell.source);
    let source = text;
    if (tags.includes("solution")) {
      source = cell.cell_type === "code" ? "// Write your solution here" : MARKDOWN_ANSWER;
      exercises += 1;
    } else if (cell.cell_type === "code") {
      const r = studentCode(text, where);
      source = r.source;
      warnings.push(...r.warnings);
      if (r.changed) exercises += 1;
    } else if (cell.cell_type === "markdown") {
      const r = studentMarkdown(text, where);
      source = r.source;
      if (r.changed) exercises += 1;
    }
    copy.source = toLines(source);
    if (copy.cell_type === "code") {
      copy.outputs = [];
      copy.execution_count = null;
    }
    if (copy.metadata) delete copy.metadata.execution;
    cells.push(copy);
  });
  const metadata = JSON.parse(JSON.stringify(nb.metadata ?? {}));
  metadata.rnnlab = { ...(metadata.rnnlab ?? {}), version: "student" };
  return { notebook: { ...nb, metadata, cells }, exercises, warnings };
}

module.exports = { TODO_LINE, MARKDOWN_ANSWER, SolutionMarkerError, studentCode, studentMarkdown, studentNotebook, sourceText, toLines };
