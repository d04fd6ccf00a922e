#!/usr/bin/env node
// Class-scale grading benchmark: generates a class of submissions of one
// assignment (correct, partly correct, unfinished, broken and adversarial, mixed),
// grades them with the real grader (fresh sandboxed kernel each, parallel
// workers) and reports submissions per minute against the target
// (200 submissions in under 10 minutes on this 2-core machine).
//
//   npm run bench:grade -- [--n 200] [--assignment 00_getting_started] [--workers cores+1] [--cell-timeout 10] [--no-snapshot]
//
// --no-snapshot starts every kernel without the start-up snapshot (for comparison).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const { gradeAll } = require(path.join(ROOT, "dist", "grading", "runner.js"));
const { studentNotebook, studentCode, sourceText } = require(path.join(ROOT, "scripts", "student.js"));

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const N = Number(arg("--n", "200"));
const ASSIGNMENT = arg("--assignment", "00_getting_started");
const WORKERS = Number(arg("--workers", String(os.cpus().length + 1))); // the grader's default
const CELL_TIMEOUT = Number(arg("--cell-timeout", "10"));
const SNAPSHOT = !process.argv.includes("--no-snapshot");
const { kernelSnapshotNodeArgs } = require(path.join(ROOT, "dist", "notebookKernel", "tslab", "kernelSnapshotBlobs.js"));
const { gradingKernelNodeFlags } = require(path.join(ROOT, "dist", "grading", "runner.js"));
const snapshotNote = !SNAPSHOT
  ? "kernels without the start-up snapshot (--no-snapshot)"
  : kernelSnapshotNodeArgs(gradingKernelNodeFlags(), ROOT).length
    ? "kernels from the start-up snapshot"
    : "no start-up snapshot built (node scripts/build-kernel-snapshot.js): kernels start without it";
const TARGET_SECONDS = 600 * (N / 200);

const solution = JSON.parse(fs.readFileSync(path.join(ROOT, "notebooks", `${ASSIGNMENT}.ipynb`), "utf8"));
const student = studentNotebook(JSON.parse(JSON.stringify(solution)), { name: ASSIGNMENT }).notebook;
const exerciseCells = solution.cells
  .map((c, i) => [c, i])
  .filter(([c]) => c.cell_type === "code" && /BEGIN SOLUTION/.test(sourceText(c.source)))
  .map(([, i]) => i);

/** The solution with exercise `k` left unfinished: partial credit. */
function partly(k) {
  const nb = JSON.parse(JSON.stringify(solution));
  const i = exerciseCells[k % exerciseCells.length];
  nb.cells[i].source = studentCode(sourceText(nb.cells[i].source)).source;
  return nb;
}
/** The solution with a syntax error in one non-exercise cell. */
function broken(k) {
  const nb = JSON.parse(JSON.stringify(solution));
  const code = nb.cells.map((c, i) => [c, i]).filter(([c]) => c.cell_type === "code").map(([, i]) => i);
  const i = code[1 + (k % Math.max(1, code.length - 1))] ?? code[0];
  nb.cells[i].source = "const = ;\n" + sourceText(nb.cells[i].source);
  return nb;
}
const adversarialDir = path.join(ROOT, "grading", "adversarial");
const adversarial = ASSIGNMENT === "00_getting_started" ? fs.readdirSync(adversarialDir).filter((f) => f.endsWith(".ipynb")).sort() : [];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-class-"));
const subs = path.join(dir, "submissions");
fs.mkdirSync(subs);
const mix = { correct: 0, partial: 0, unfinished: 0, broken: 0, "invalid-json": 0, adversarial: 0 };
for (let k = 0; k < N; k++) {
  const r = k % 20; // per 20: 9 correct, 4 partial, 2 unfinished, 2 broken, 1 invalid JSON, 2 adversarial
  const name = `student-${String(k).padStart(3, "0")}`;
  let kind;
  let text;
  if (r < 9) { kind = "correct"; text = JSON.stringify(solution); }
  else if (r < 13) { kind = "partial"; text = JSON.stringify(partly(k)); }
  else if (r < 15) { kind = "unfinished"; text = JSON.stringify(student); }
  else if (r < 17) { kind = "broken"; text = JSON.stringify(broken(k)); }
  else if (r < 18) { kind = "invalid-json"; text = JSON.stringify(solution).slice(0, 200); }
  else if (adversarial.length) { kind = "adversarial"; text = fs.readFileSync(path.join(adversarialDir, adversarial[k % adversarial.length]), "utf8"); }
  else { kind = "correct"; text = JSON.stringify(solution); }
  mix[kind]++;
  fs.writeFileSync(path.join(subs, `${name}.ipynb`), text);
}
const files = fs.readdirSync(subs).sort().map((f) => path.join(subs, f));
console.log(`bench:grade: ${N} submissions of ${ASSIGNMENT} (${Object.entries(mix).map(([k, v]) => `${v} ${k}`).join(", ")}), ${WORKERS} workers, cell timeout ${CELL_TIMEOUT} s, ${snapshotNote}`);

const t0 = Date.now();
let n = 0;
gradeAll({
  repoRoot: ROOT,
  assignment: ASSIGNMENT,
  submissions: files,
  outDir: path.join(dir, "out"),
  workers: WORKERS,
  force: true,
  cellTimeout: CELL_TIMEOUT,
  kernelSnapshot: SNAPSHOT,
  log: (l) => {
    n++;
    if (n % 10 === 0 || /WARNING/.test(l)) {
      const s = (Date.now() - t0) / 1000;
      console.log(`  ${l}   [${s.toFixed(0)} s, ${((n / s) * 60).toFixed(1)}/min]`);
    }
  },
}).then((results) => {
  const seconds = (Date.now() - t0) / 1000;
  const perMinute = (results.length / seconds) * 60;
  const full = results.filter((r) => r.total === r.maxTotal).length;
  // Where a graded submission's time goes (medians over the submissions that ran a kernel).
  const timed = results.filter((r) => r.timing);
  const median = (xs) => (xs.length ? xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] : 0);
  const phases = {
    kernelStart: median(timed.map((r) => r.timing.kernelStart)),
    notebook: median(timed.map((r) => r.timing.notebook)),
    tests: median(timed.map((r) => r.timing.tests)),
    total: median(timed.map((r) => r.seconds)),
  };
  const summary = {
    assignment: ASSIGNMENT,
    submissions: results.length,
    workers: WORKERS,
    cellTimeout: CELL_TIMEOUT,
    kernelSnapshot: SNAPSHOT,
    mix,
    seconds: Math.round(seconds * 10) / 10,
    submissionsPerMinute: Math.round(perMinute * 10) / 10,
    projectedSecondsFor200: Math.round((200 / perMinute) * 60),
    targetSecondsFor200: 600,
    met: seconds <= TARGET_SECONDS,
    fullMarks: full,
    medianSecondsPerSubmission: phases,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    cpus: os.cpus().length,
    date: new Date().toISOString(),
  };
  fs.mkdirSync(path.join(ROOT, "build", "bench"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "build", "bench", "grading.json"), JSON.stringify(summary, null, 1) + "\n");
  console.log(`\n| submissions | workers | wall time | submissions/min | projected for 200 | target | met |`);
  console.log(`|---|---|---|---|---|---|---|`);
  console.log(`| ${results.length} | ${WORKERS} | ${seconds.toFixed(1)} s | ${perMinute.toFixed(1)} | ${summary.projectedSecondsFor200} s | 600 s | ${summary.met ? "yes" : "NO"} |`);
  console.log(`(${full} with full marks; results in ${dir}/out)`);
  console.log(
    `median seconds per graded submission: ${phases.total.toFixed(1)} (kernel start ${phases.kernelStart.toFixed(1)}, ` +
      `notebook ${phases.notebook.toFixed(1)}, hidden tests ${phases.tests.toFixed(1)}); load average ${summary.loadAverage.join(" ")}`,
  );
  fs.rmSync(subs, { recursive: true, force: true });
});
