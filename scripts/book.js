#!/usr/bin/env node
// `npm run book`: execute every notebook headless and write a static HTML book.
//
//   node scripts/book.js [--reuse] [--jobs N] [--out DIR] [NOTEBOOK.ipynb ...]
//
// 1. Builds the library if lib/ changed.
// 2. Executes each notebook (solution version) in a fresh rnnlab kernel, two at a
//    time, into build/executed/ (--reuse: keep an earlier execution whose notebook
//    source and compiled library are unchanged, e.g. from the e2e test).
// 3. Converts each to HTML with nbconvert (template scripts/nbconvert/rnnlab_book)
//    into build/book/, with build/book/index.html linking the pages (title from
//    the first heading, status and run time).
// The book works offline: plotly.js is one shared file in the book (figures'
// embedded copies are removed), MathJax is a local copy of the parts it needs,
// and nothing is loaded from a CDN. Exit code 1 when a notebook failed (its page
// is still written, marked as failed).
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT, NOTEBOOKS, BUILD } = require("./paths");
const { PYTHON, ensureJupyter, ensureMathJax } = require("./system-deps");
const { staleReason, buildLib } = require("./build-lib");
const { runNotebooks, listNotebooks, progressLine, defaultJobs } = require("./notebook-runner");

/** The parts of MathJax 2 that `TeX-AMS_CHTML-full,Safe` loads (about 1.5 MB instead of 54 MB). */
const MATHJAX_PARTS = [
  "MathJax.js",
  "config/TeX-AMS_CHTML-full.js",
  "config/Safe.js",
  "config/local",
  "extensions",
  "jax/input/TeX",
  "jax/element",
  "jax/output/CommonHTML",
  "fonts/HTML-CSS/TeX/woff",
];
const MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe";

/** The shared plotly.js for the book: a minified copy when one exists. Returns { src, name }. */
function plotlySource() {
  const dir = path.dirname(require.resolve("plotly.js-dist/package.json", { paths: [ROOT] }));
  const version = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
  const candidates = [path.join(dir, "plotly.min.js"), path.join(ROOT, "node_modules", ".cache", "rnnlab", `plotly-${version}.min.js`)];
  const min = candidates.find((p) => fs.existsSync(p));
  return min ? { src: min, name: "plotly.min.js" } : { src: path.join(dir, "plotly.js"), name: "plotly.js" };
}

function copyIfChanged(src, dst) {
  if (fs.existsSync(dst)) {
    const a = fs.statSync(src);
    const b = fs.statSync(dst);
    if (a.size === b.size && a.mtimeMs <= b.mtimeMs) return;
  }
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  fs.copyFileSync(src, dst);
}

/** Copies the offline assets into the book folder; returns the plotly file name. */
function copyAssets(bookDir) {
  const mathjax = ensureMathJax();
  for (const part of MATHJAX_PARTS) {
    const src = path.join(mathjax, part);
    if (!fs.existsSync(src)) throw new Error(`MathJax part missing: ${src}`);
    fs.cpSync(src, path.join(bookDir, "mathjax", part), { recursive: true, dereference: true });
  }
  const plotly = plotlySource();
  copyIfChanged(plotly.src, path.join(bookDir, plotly.name));
  return plotly.name;
}

/** Title of a notebook: its first Markdown heading (formatting removed), else the file name. */
function notebookTitle(nb, fallback) {
  for (const cell of nb.cells || []) {
    if (cell.cell_type !== "markdown") continue;
    const text = Array.isArray(cell.source) ? cell.source.join("") : String(cell.source || "");
    const m = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(text);
    if (m) return m[1].replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\$([^$]*)\$/g, "$1").replace(/[`*]/g, "").trim();
  }
  return fallback;
}

function escapeHtml(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function indexHtml(entries, generated) {
  const rows = entries
    .map(
      (e) =>
        `<tr class="rnnlab-book-${e.status === "ok" ? "ok" : "failed"}"><td>${escapeHtml(e.number)}</td>` +
        `<td><a href="${escapeHtml(e.href)}">${escapeHtml(e.title)}</a></td>` +
        `<td class="status">${e.status === "ok" ? "&#10004; ok" : `&#10008; ${escapeHtml(e.status)}`}</td>` +
        `<td class="num">${e.seconds.toFixed(1)} s</td><td class="num">${e.checks}</td></tr>`,
    )
    .join("\n");
  const total = entries.reduce((s, e) => s + e.seconds, 0);
  const failed = entries.filter((e) => e.status !== "ok").length;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>rnnlab: the workbook</title>
<style>
  body { font-family: -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 900px; margin: 2em auto; padding: 0 1em; color: #222; }
  h1 { margin-bottom: 0.2em; } p.sub { color: #555; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #e0e0e0; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  tr.rnnlab-book-ok td.status { color: #1b5e20; } tr.rnnlab-book-failed td.status { color: #b71c1c; font-weight: bold; }
  a { color: #1565c0; text-decoration: none; } a:hover { text-decoration: underline; }
  footer { margin-top: 2em; color: #777; font-size: 0.9em; }
</style>
</head>
<body>
<h1>rnnlab</h1>
<p class="sub">Recurrent neural networks in machine learning and neuroscience: a TypeScript workbook, executed on the rnnlab (tslab) kernel.</p>
<table>
<thead><tr><th>#</th><th>Notebook</th><th>Status</th><th class="num">Run time</th><th class="num">Checks passed</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<footer>${entries.length} notebooks, ${failed === 0 ? "all executed without error" : `${failed} failed`}; total run time ${total.toFixed(1)} s.
Generated ${escapeHtml(generated)} by <code>npm run book</code>. Works offline: plotly.js and MathJax are local copies.</footer>
</body>
</html>
`;
}

function convert(specPath, onLine) {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [path.join(__dirname, "book_html.py"), specPath], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let buf = "";
    let err = "";
    child.stdout.on("data", (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        try {
          onLine(JSON.parse(line));
        } catch {
          err += line + "\n";
        }
      }
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code, stderr: err }));
  });
}

/**
 * @typedef {{ input: string | null, number: string, title: string, href: string, status: string, seconds: number, checks: string }} BookEntry
 */

/**
 * Builds the book. Options: notebooks (paths), outDir, executedDir, reuse,
 * jobs, log (a line printer). Resolves to { ok, entries, bookDir, seconds }.
 * @param {{ notebooks?: string[], outDir?: string, executedDir?: string, reuse?: boolean | "run", jobs?: number, log?: (line: string) => void }} [opts]
 * @returns {Promise<{ ok: boolean, entries: BookEntry[], bookDir: string, seconds: number }>}
 */
async function buildBook(opts = {}) {
  const t0 = Date.now();
  const log = opts.log ?? ((line) => console.log(line));
  const bookDir = opts.outDir ?? path.join(BUILD, "book");
  const executedDir = opts.executedDir ?? path.join(BUILD, "executed");
  const notebooks = opts.notebooks ?? listNotebooks(NOTEBOOKS);
  if (notebooks.length === 0) throw new Error(`no notebooks found in ${NOTEBOOKS}`);
  ensureJupyter();
  const stale = staleReason();
  if (stale) {
    log(`book: building the library (${stale}) ...`);
    const b = buildLib();
    if (!b.emitted) throw new Error("the library build failed");
  }
  fs.mkdirSync(bookDir, { recursive: true });
  const plotlyName = copyAssets(bookDir);

  log(`book: executing ${notebooks.length} notebook(s), ${opts.jobs ?? defaultJobs()} at a time${opts.reuse === true || (opts.reuse === "run" && process.env.RNNLAB_RUN_ID) ? " (reusing up-to-date executions)" : ""} ...`);
  const results = await runNotebooks(notebooks, {
    outDir: executedDir,
    jobs: opts.jobs,
    reuse: opts.reuse ?? false,
    onResult: (r, done, total) => {
      log(progressLine(r, done, total));
      if (r.status !== "ok" && r.message) log("    " + r.message.slice(0, 2000).replace(/\n/g, "\n    "));
    },
  });

  const entries = results.map((r, i) => {
    const nb = r.output && fs.existsSync(r.output) ? JSON.parse(fs.readFileSync(r.output, "utf8")) : { cells: [] };
    const base = path.basename(notebooks[i], ".ipynb");
    return {
      input: r.output,
      number: (/^(\d+)/.exec(base) || ["", ""])[1],
      title: notebookTitle(nb, base),
      href: `${base}.html`,
      status: r.status,
      seconds: r.seconds,
      checks: r.checks ? `${r.checks.pass}/${r.checks.pass + r.checks.fail}` : "",
      executed: r.cached ? "earlier (cached)" : new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
    };
  });
  const pages = entries
    .filter((e) => e.input)
    .map((e, i, all) => ({
      input: e.input,
      output: path.join(bookDir, e.href),
      plotly_src: plotlyName,
      mathjax_url: MATHJAX_URL,
      rnnlab: {
        title: e.title,
        status: e.status,
        seconds: e.seconds.toFixed(1),
        executed: e.executed,
        prev: i > 0 ? { href: all[i - 1].href, title: all[i - 1].title } : null,
        next: i < all.length - 1 ? { href: all[i + 1].href, title: all[i + 1].title } : null,
      },
    }));
  const specPath = path.join(executedDir, ".book-spec.json");
  fs.writeFileSync(specPath, JSON.stringify(pages, null, 1));
  log(`book: converting ${pages.length} page(s) to HTML ...`);
  let converted = 0;
  const conv = await convert(specPath, (r) => {
    converted += 1;
    const name = path.relative(ROOT, r.output);
    log(r.ok ? `[${converted}/${pages.length}] ${name}  ${(r.bytes / 1024).toFixed(0)} KiB  ${r.seconds.toFixed(1)} s` : `[${converted}/${pages.length}] ${name}  FAILED: ${r.error}`);
  });
  if (conv.code !== 0 && conv.stderr) log(conv.stderr.trim());
  fs.writeFileSync(path.join(bookDir, "index.html"), indexHtml(entries, new Date().toISOString().replace("T", " ").slice(0, 19) + " UTC"));
  const ok = conv.code === 0 && entries.every((e) => e.status === "ok");
  const seconds = (Date.now() - t0) / 1000;
  log(`book: ${path.relative(process.cwd(), path.join(bookDir, "index.html"))} (${entries.length} pages, ${entries.filter((e) => e.status !== "ok").length} failed) in ${seconds.toFixed(1)} s`);
  return { ok, entries, bookDir, seconds };
}

function parseArgs(argv) {
  const o = { reuse: false };
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--reuse") o.reuse = true;
    else if (a === "--jobs") o.jobs = Number(argv[++i]);
    else if (a === "--out") o.outDir = path.resolve(argv[++i]);
    else if (a === "-h" || a === "--help") o.help = true;
    else files.push(path.resolve(a));
  }
  if (files.length) o.notebooks = files;
  return o;
}

if (require.main === module) {
  const o = parseArgs(process.argv.slice(2));
  if (o.help) {
    console.log("usage: npm run book [-- --reuse] [--jobs N] [--out DIR] [NOTEBOOK.ipynb ...]");
    process.exit(0);
  }
  buildBook(o).then(
    (r) => process.exit(r.ok ? 0 : 1),
    (err) => {
      console.error(`book: ${err.message}`);
      process.exit(1);
    },
  );
}

module.exports = { buildBook, notebookTitle, MATHJAX_PARTS };
