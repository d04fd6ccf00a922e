#!/usr/bin/env node
// `npm run student`: writes the student version of every notebook to build/student/.
//
//   node scripts/make-student.js [--out DIR] [NOTEBOOK.ipynb ...]
//
// Solutions are replaced by placeholders and outputs cleared (see scripts/student.js
// and notebooks/README.md). Other files under notebooks/ (images, data a notebook
// reads by a relative path) are copied alongside, except README.md and hidden/
// (the grader's hidden tests), and build/datasets links to datasets/ so that
// `../datasets/...` paths still work from build/student/. Exits non-zero, naming notebook, cell and line,
// when a solution block is malformed.
"use strict";
const fs = require("fs");
const path = require("path");
const { ROOT, NOTEBOOKS, BUILD } = require("./paths");
const { studentNotebook } = require("./student");

const SKIP = new Set(["README.md", "hidden", ".ipynb_checkpoints"]);

function copyAssets(src, dst) {
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    if (SKIP.has(e.name) || e.name.endsWith(".ipynb")) continue;
    const from = path.join(src, e.name);
    const to = path.join(dst, e.name);
    if (e.isDirectory()) {
      fs.mkdirSync(to, { recursive: true });
      copyAssets(from, to);
    } else fs.copyFileSync(from, to);
  }
}

/**
 * Notebooks read data as `../datasets/...` (relative to notebooks/). From
 * build/student/ that is build/datasets/, so link it to the real folder.
 */
function linkDatasets(outDir) {
  const src = path.join(ROOT, "datasets");
  const link = path.join(path.dirname(outDir), "datasets");
  if (!fs.existsSync(src) || path.resolve(link) === src) return;
  try {
    const st = fs.lstatSync(link);
    if (!st.isSymbolicLink()) return; // a real folder: leave it alone
    fs.unlinkSync(link);
  } catch {
    /* not there yet */
  }
  fs.symlinkSync(path.relative(path.dirname(link), src), link, "dir");
}

/**
 * Writes student versions of `notebooks` into `outDir` (and links
 * <outDir>/../datasets to the repository's datasets/). Returns
 * [{ source, output, exercises, warnings }]. Throws SolutionMarkerError.
 */
function makeStudent(notebooks, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  linkDatasets(outDir);
  const results = [];
  for (const nbPath of notebooks) {
    const name = path.basename(nbPath);
    const nb = JSON.parse(fs.readFileSync(nbPath, "utf8"));
    const { notebook, exercises, warnings } = studentNotebook(nb, { name });
    const output = path.join(outDir, name);
    fs.writeFileSync(output, JSON.stringify(notebook, null, 1) + "\n");
    results.push({ source: nbPath, output, exercises, warnings });
  }
  return results;
}

function main(argv) {
  let outDir = path.join(BUILD, "student");
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") outDir = path.resolve(argv[++i]);
    else if (argv[i] === "-h" || argv[i] === "--help") {
      console.log("usage: node scripts/make-student.js [--out DIR] [NOTEBOOK.ipynb ...]");
      return 0;
    } else files.push(path.resolve(argv[i]));
  }
  const all = files.length === 0;
  const notebooks = all
    ? fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(NOTEBOOKS, f))
    : files;
  if (notebooks.length === 0) {
    console.error(`make-student: no notebooks found in ${NOTEBOOKS}`);
    return 1;
  }
  let results;
  try {
    results = makeStudent(notebooks, outDir);
  } catch (err) {
    console.error(`make-student: ${err.message}`);
    return 1;
  }
  if (all) {
    // Drop student notebooks whose source is gone, then copy the other files.
    const keep = new Set(results.map((r) => path.basename(r.output)));
    for (const f of fs.readdirSync(outDir)) if (f.endsWith(".ipynb") && !keep.has(f)) fs.unlinkSync(path.join(outDir, f));
    copyAssets(NOTEBOOKS, outDir);
  }
  for (const r of results) {
    console.log(`student: ${path.relative(process.cwd(), r.output)}  (${r.exercises} exercise block${r.exercises === 1 ? "" : "s"} replaced)`);
    for (const w of r.warnings) console.warn(`  warning: ${w}`);
  }
  console.log(`make-student: ${results.length} notebook${results.length === 1 ? "" : "s"} written to ${path.relative(process.cwd(), outDir) || "."}/`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));

module.exports = { makeStudent, main };
