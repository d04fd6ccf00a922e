// Runs notebooks headless, a few at a time, each in a fresh rnnlab kernel.
//
// Each notebook is executed by scripts/run_notebook.py (nbclient) in its own
// Python process; this module keeps `jobs` of them running at once, reports
// progress, and records the results in <outDir>/results.json together with a
// fingerprint of the notebook source and of the compiled library, so that a
// later step (the book) can reuse an execution that is still up to date.
"use strict";
const { spawn } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ROOT, jupyterEnv } = require("./paths");
const { PYTHON } = require("./system-deps");

const RUNNER = path.join(__dirname, "run_notebook.py");
const DIST = path.join(ROOT, "dist");
/** Notebooks over this many seconds get a warning (the workbook's budget). */
const BUDGET_SECONDS = 60;

// Types for the TypeScript tests that import this file (tsconfig.json: allowJs, no hand-written .d.ts).
/**
 * @typedef {{ cell: number, kind: "error" | "aborted" | "stderr" | "error-output", source: string, text: string }} Failure
 * @typedef {{ cell: number, result: "pass" | "fail", text: string }} CheckBlock
 * @typedef {{
 *   notebook: string, name: string, status: "ok" | "error" | "timeout" | "dead-kernel" | "crash",
 *   seconds: number, message: string, failures: Failure[],
 *   checks: { pass: number, fail: number, blocks: CheckBlock[] },
 *   cells?: number, output: string | null, cached?: boolean, runId?: string
 * }} NotebookResult
 * @typedef {{
 *   outDir: string, jobs?: number, timeout?: number, allowErrors?: boolean,
 *   env?: NodeJS.ProcessEnv, reuse?: boolean | "run",
 *   onResult?: (r: NotebookResult, done: number, total: number) => void
 * }} RunOptions
 */

/** Default parallelism: RNNLAB_JOBS, else 2 (or 1 on a single core). */
function defaultJobs() {
  const env = Number(process.env.RNNLAB_JOBS);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(1, Math.min(2, os.cpus().length));
}

/** The notebooks of a folder (sorted *.ipynb, no checkpoints). */
function listNotebooks(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort()
    .map((f) => path.join(dir, f));
}

function sha1(data) {
  return crypto.createHash("sha1").update(data).digest("hex");
}

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Fingerprint of the compiled library (content of dist/**\/*.js). */
function distFingerprint() {
  const h = crypto.createHash("sha1");
  for (const f of walk(DIST).filter((p) => p.endsWith(".js")).sort()) {
    h.update(path.relative(DIST, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest("hex");
}

function readManifest(outDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(outDir, "results.json"), "utf8"));
  } catch {
    return {};
  }
}

function writeManifest(outDir, manifest) {
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = path.join(outDir, `.results.${process.pid}.json`);
  fs.writeFileSync(tmp, JSON.stringify(manifest, null, 1) + "\n");
  fs.renameSync(tmp, path.join(outDir, "results.json"));
}

/**
 * A previous result for `notebook` in `outDir` that is still valid: same
 * notebook source, same compiled library, executed copy present (and, when
 * `runId` is given, made during that run). Else null.
 */
function cachedResult(notebook, outDir, dist = distFingerprint(), runId = undefined) {
  const r = readManifest(outDir)[path.basename(notebook)];
  if (!r || !r.output || !fs.existsSync(r.output)) return null;
  if (runId !== undefined && r.runId !== runId) return null;
  if (r.sourceHash !== sha1(fs.readFileSync(notebook)) || r.distHash !== dist) return null;
  return { ...r, cached: true };
}

/** Process ids of all descendants of `pid` (Linux /proc), deepest first. */
function descendants(pid) {
  const children = new Map();
  try {
    for (const d of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (!children.has(ppid)) children.set(ppid, []);
        children.get(ppid).push(Number(d));
      } catch {
        /* process ended meanwhile */
      }
    }
  } catch {
    return [];
  }
  const out = [];
  const visit = (p) => {
    for (const c of children.get(p) ?? []) {
      visit(c);
      out.push(c);
    }
  };
  visit(pid);
  return out;
}

/** Kills a process and everything it started (the kernel). */
function killTree(pid) {
  for (const p of [...descendants(pid), pid]) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

/** Seconds a whole notebook may take before run_notebook.py's watchdog ends it. */
const NOTEBOOK_LIMIT = Number(process.env.RNNLAB_NOTEBOOK_LIMIT) || 1200;
/** How often a notebook whose kernel failed to start is tried again. */
const STARTUP_RETRIES = 2;

/**
 * Runs one notebook; resolves to run_notebook.py's result object (never rejects).
 * A kernel that fails to start (`startup-failed`, e.g. a port taken by another
 * process at the wrong moment) is retried up to twice.
 */
async function runOne(notebook, opts) {
  let r;
  for (let attempt = 0; attempt <= STARTUP_RETRIES; attempt++) {
    r = await runOnce(notebook, opts);
    if (r.status !== "startup-failed") break;
    if (attempt < STARTUP_RETRIES) process.stderr.write(`rnnlab: ${r.name}: the kernel did not start (${r.message.split("\n")[0]}); retrying\n`);
  }
  return r;
}

function runOnce(notebook, { outDir, timeout = 120, allowErrors = false, dist, env }) {
  return new Promise((resolve) => {
    const json = path.join(os.tmpdir(), `rnnlab-run-${process.pid}-${sha1(notebook + Math.random()).slice(0, 8)}.json`);
    const args = [RUNNER, notebook, "--out", outDir, "--timeout", String(timeout), "--notebook-limit", String(NOTEBOOK_LIMIT), "--json", json];
    if (allowErrors) args.push("--allow-errors");
    const started = Date.now();
    const child = spawn(PYTHON, args, { cwd: ROOT, env: env ?? jupyterEnv(), stdio: ["ignore", "pipe", "pipe"] });
    // Last resort if even the Python watchdog is stuck.
    const hardLimit = setTimeout(() => killTree(child.pid), (NOTEBOOK_LIMIT + 120) * 1000);
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    child.on("error", (err) => (log += String(err)));
    child.on("close", (code) => {
      clearTimeout(hardLimit);
      let result;
      try {
        result = JSON.parse(fs.readFileSync(json, "utf8"))[0];
        fs.unlinkSync(json);
      } catch {
        result = {
          notebook,
          name: path.basename(notebook),
          status: "crash",
          seconds: (Date.now() - started) / 1000,
          message: `run_notebook.py exited with code ${code} without results:\n${log.slice(-3000)}`,
          failures: [],
          checks: { pass: 0, fail: 0, blocks: [] },
          output: null,
        };
      }
      result.sourceHash = sha1(fs.readFileSync(notebook));
      result.distHash = dist;
      if (process.env.RNNLAB_RUN_ID) result.runId = process.env.RNNLAB_RUN_ID;
      resolve(result);
    });
  });
}

/**
 * One progress line: "[ 3/15] 03_x.ipynb  ok  12.3 s  checks 2 pass / 0 fail".
 * @param {NotebookResult} r
 * @param {number} done
 * @param {number} total
 * @returns {string}
 */
function progressLine(r, done, total) {
  const n = String(total).length;
  const checks = r.checks ? `checks ${r.checks.pass} pass / ${r.checks.fail} fail` : "";
  const warn = r.seconds > BUDGET_SECONDS ? `   WARNING: over the ${BUDGET_SECONDS} s budget` : "";
  const cached = r.cached ? " (cached)" : "";
  return `[${String(done).padStart(n)}/${total}] ${r.name.padEnd(44)} ${r.status.padEnd(8)} ${r.seconds.toFixed(1).padStart(6)} s  ${checks}${cached}${warn}`;
}

/**
 * Executes notebooks, `jobs` at a time. Options: outDir (required), jobs,
 * timeout (per cell, s), allowErrors, reuse (true: take any valid cached
 * result; "run": only one made during this `npm test` run, RNNLAB_RUN_ID),
 * onResult(result, done, total) for progress. Resolves to the results in the
 * order of `notebooks`, and updates <outDir>/results.json.
 * @param {string[]} notebooks
 * @param {RunOptions} opts
 * @returns {Promise<NotebookResult[]>}
 */
async function runNotebooks(notebooks, opts) {
  const { outDir, jobs = defaultJobs(), reuse = false, onResult } = opts;
  if (!outDir) throw new Error("runNotebooks: outDir is required");
  fs.mkdirSync(outDir, { recursive: true });
  const dist = distFingerprint();
  const results = new Array(notebooks.length);
  let next = 0;
  let done = 0;
  const record = (i, r) => {
    results[i] = r;
    done += 1;
    if (!r.cached) {
      const manifest = readManifest(outDir);
      manifest[r.name] = r;
      writeManifest(outDir, manifest);
    }
    if (onResult) onResult(r, done, notebooks.length);
  };
  async function worker() {
    while (next < notebooks.length) {
      const i = next++;
      const nb = notebooks[i];
      const runId = reuse === "run" ? process.env.RNNLAB_RUN_ID : undefined;
      const cached = reuse === true || (reuse === "run" && runId) ? cachedResult(nb, outDir, dist, runId) : null;
      record(i, cached ?? (await runOne(nb, { ...opts, dist })));
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, notebooks.length)) }, worker));
  return results;
}

module.exports = {
  BUDGET_SECONDS,
  defaultJobs,
  listNotebooks,
  distFingerprint,
  cachedResult,
  runOne,
  runNotebooks,
  progressLine,
  sha1,
};
