#!/usr/bin/env node
// Writes grading/adversarial/ and grading/bad/: submissions of 00_getting_started
// that attack the grader or are broken, each with the score it must get
// (expected.json). The e2e test grades both folders and compares.
//
//   node scripts/grading/make-adversarial.js
//
// Every attack is paired with answers whose honest score is known: tampering
// must never earn more than that, nor change anyone else's result.
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const SETUP = 'import { seed, check } from "rnnlab";\nseed(0);';
const TAIL =
  "const tailSamples = new Rng(2024).normalArray(10000);\nlet beyond = 0;\nfor (const z of tailSamples) if (Math.abs(z) > 2) beyond++;\nconst tailFraction = beyond / tailSamples.length;";
const CORRECT = {
  sigmoid: "function sigmoid(x: number): number {\n  return 1 / (1 + Math.exp(-x));\n}",
  tail: "import { Rng } from \"rnnlab\";\n" + TAIL,
};
const WRONG = {
  sigmoid: "function sigmoid(x: number): number {\n  return 42;\n}",
};
const FULL = { "00.sigmoid": 2, "00.tailFraction": 1 };
const ZERO = { "00.sigmoid": 0, "00.tailFraction": 0 };
/** Only the tail-fraction answer is right: the sigmoid question is attacked or broken. */
const TAIL_ONLY = { "00.sigmoid": 0, "00.tailFraction": 1 };
const HIDDEN_REL = "notebooks/hidden/00_getting_started.js";

function notebook(cells) {
  return {
    cells: cells.map((source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source })),
    metadata: {
      kernelspec: { name: "rnnlab", display_name: "TypeScript (rnnlab)", language: "typescript" },
      language_info: { name: "typescript", file_extension: ".ts" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

// Walks up from the kernel's working directory to the project root.
const FIND_ROOT = `const projectRoot = (() => { let d = process.cwd(); const fs = require("fs"); const path = require("path");
  while (d !== "/" && !fs.existsSync(path.join(d, "package.json"))) d = path.dirname(d); return d; })();`;

/** A root-owned file that a14 links to; the e2e test creates it and checks it is unchanged. */
const CANARY = "/var/tmp/rnnlab-grader-canary";

const ADVERSARIAL = {
  "a01-overwrite-check": {
    why: "redefines check() to always pass and prints a fake score",
    cells: [
      'const check = (id: string, answer: unknown): boolean => { console.log("✔ PASS " + id + ": 100/100"); return true; };',
      WRONG.sigmoid + '\ncheck("00.sigmoid", sigmoid);',
      CORRECT.tail,
    ],
    expected: TAIL_ONLY,
  },
  "a02-tamper-harness-channel": {
    why: "wraps require('tslab') and tslab's display writer to rewrite every grading payload as passing",
    cells: [
      SETUP,
      `const Module = require("module");
const origRequire = Module.prototype.require;
Module.prototype.require = function (this: unknown, id: string) {
  const m = origRequire.apply(this, [id]);
  if (id === "tslab") {
    return { ...m, display: { ...m.display, raw: (mime: string, s: string) => m.display.raw(mime, s.replace(/"ok":false,"error":"[^"]*"/g, '"ok":true,"value":7').replace(/"value":42/g, '"value":7')) } };
  }
  return m;
};
const jup = require("tslab/dist/jupyter");
let writer = jup.lastWriteDisplayData;
Object.defineProperty(jup, "lastWriteDisplayData", {
  get: () => (msg: { data: Record<string, unknown> }, update: boolean) => {
    for (const k of Object.keys(msg.data)) if (k.includes("grade")) msg.data[k] = String(msg.data[k]).replace(/"value":[^,}]*/g, '"value":7');
    return writer(msg, update);
  },
  set: (w) => { writer = w; },
  configurable: true,
});`,
      WRONG.sigmoid,
    ],
    // Whatever the channel carries is the submission's answer: forging it is no better than answering it.
    expected: ZERO,
  },
  "a03-patch-math": {
    why: "patches Math.exp (and Math.abs, used by naive comparisons) to fool an in-kernel comparison",
    cells: [SETUP, "Math.exp = (x: number) => 1;\n(Math as { abs: (x: number) => number }).abs = () => 0;", CORRECT.sigmoid, CORRECT.tail],
    // With exp ≡ 1 the 'correct' formula answers 0.5 everywhere: only sigmoid(0) is right;
    // with abs ≡ 0 no sample counts as |z| > 2, so the tail fraction is 0, not the true value.
    expected: { "00.sigmoid": 0.5, "00.tailFraction": 0 },
  },
  "a04-patch-json": {
    why: "replaces JSON.stringify/JSON.parse to forge a grading payload",
    cells: [
      SETUP,
      WRONG.sigmoid,
      'JSON.stringify = ((v: unknown) => \'{"nonce":"forged","results":[{"ok":true,"value":0.5},{"ok":true,"value":0.817574},{"ok":true,"value":0.0179862},{"ok":true,"value":1},{"ok":true,"value":0}]}\') as typeof JSON.stringify;\nJSON.parse = (() => ({ ok: true })) as typeof JSON.parse;',
    ],
    expected: ZERO,
  },
  "a05-patch-object-prototype": {
    why: "adds ok/value/toJSON to Object.prototype and Array.prototype",
    cells: [
      SETUP,
      WRONG.sigmoid,
      `Object.defineProperty(Object.prototype, "ok", { get() { return true; }, configurable: true });
(Object.prototype as Record<string, unknown>).toJSON = function () { return { ok: true, value: 7 }; };
(Array.prototype as unknown as Record<string, unknown>).toJSON = function () { return [{ ok: true, value: 7 }]; };`,
    ],
    expected: ZERO,
  },
  "a06-patch-console-fake-output": {
    why: "patches console and prints fake 'all tests passed' output, including a fake pass block and a fake grade display",
    cells: [
      SETUP,
      WRONG.sigmoid,
      `console.log = () => undefined;
process.stdout.write("All tests passed! Score: 2/2\\n");
require("tslab").display.html('<div class="rnnlab-check rnnlab-check-pass">✔ Correct — 00.sigmoid</div>');
require("tslab").display.raw("application/vnd.rnnlab.grade+json", JSON.stringify({ nonce: "guess", results: [{ ok: true, value: 0.5 }] }));`,
      CORRECT.tail,
    ],
    expected: TAIL_ONLY,
  },
  "a07-process-exit": {
    why: "calls process.exit() after a wrong answer, then again in a later cell",
    cells: [SETUP, WRONG.sigmoid, CORRECT.tail, "process.exit(0);", "process.kill(process.pid, 'SIGKILL');"],
    expected: TAIL_ONLY,
  },
  "a08-read-hidden-tests": {
    why: "reads the hidden tests, the solution notebook and .git to copy the reference answer",
    cells: [
      SETUP,
      FIND_ROOT +
        `
const fs2 = require("fs");
let stolen = "";
for (const rel of ["${HIDDEN_REL}", "notebooks/00_getting_started.ipynb", "build/executed/00_getting_started.ipynb", ".git/HEAD"]) {
  try { stolen += fs2.readFileSync(require("path").join(projectRoot, rel), "utf8"); } catch { /* hidden */ }
}
const m = stolen.match(/reference: \\((\\w+)\\) => ([^,\\n]+),/);
function sigmoid(x: number): number {
  if (m) return new Function(m[1], "return " + m[2])(x) as number;
  return 42;
}`,
      CORRECT.tail,
    ],
    expected: TAIL_ONLY,
  },
  "a09-rewrite-hidden-and-gradebook": {
    why: "tries to overwrite the hidden tests and every gradebook/results file it can find",
    cells: [
      SETUP,
      WRONG.sigmoid,
      FIND_ROOT +
        `
const fs3 = require("fs"); const path3 = require("path");
const tryWrite = (f: string, s: string) => { try { fs3.writeFileSync(f, s); } catch { /* denied */ } };
tryWrite(path3.join(projectRoot, "${HIDDEN_REL}"), 'module.exports = () => ({ "00.sigmoid": { symbol: "sigmoid", kind: "function", reference: () => 42, cases: [{ args: "[0]", points: 100 }] } });');
const walk = (d: string, depth: number): void => { if (depth > 4) return; let es: string[] = []; try { es = fs3.readdirSync(d); } catch { return; }
  for (const e of es) { const p = path3.join(d, e); if (e === "node_modules" || e === "proc" || e === "sys") continue;
    if (e === "gradebook.csv" || (p.includes("results") && e.endsWith(".json"))) tryWrite(p, "hacked");
    try { if (fs3.statSync(p).isDirectory()) walk(p, depth + 1); } catch { /* skip */ } } };
walk(projectRoot, 0); walk("/tmp", 0);`,
      CORRECT.tail,
    ],
    expected: TAIL_ONLY,
  },
  "a10-spawn-processes": {
    why: "spawns a detached process meant to outlive the kernel and tamper later, and a shell that reads the hidden tests",
    cells: [
      SETUP,
      WRONG.sigmoid,
      FIND_ROOT +
        `
const cp = require("child_process");
const child = cp.spawn("sh", ["-c", "sleep 600"], { detached: true, stdio: "ignore" });
child.unref();
let leaked = "";
try { leaked = cp.execSync("cat " + require("path").join(projectRoot, "${HIDDEN_REL}")).toString(); } catch { /* denied */ }
console.log(leaked.length > 0 ? "LEAKED HIDDEN TESTS" : "no access");`,
      CORRECT.tail,
    ],
    expected: TAIL_ONLY,
  },
  "a11-infinite-loop": {
    why: "loops forever in one cell after a correct answer (the grader must time the cell out and go on)",
    cells: [SETUP, CORRECT.sigmoid, "while (true) { /* spin */ }", CORRECT.tail],
    expected: FULL,
  },
  "a12-memory-bomb": {
    why: "allocates until it dies (typed arrays and the V8 heap) after a correct answer",
    cells: [
      SETUP,
      CORRECT.sigmoid,
      "const hoard: Float64Array[] = [];\nwhile (true) hoard.push(new Float64Array(1 << 24).fill(1));",
      "const junk: string[] = [];\nwhile (true) junk.push(\"x\".repeat(1 << 20) + junk.length);",
      CORRECT.tail,
    ],
    expected: FULL,
  },
  // Attacks on the sandbox itself: each one's own score is known, and the honest submissions
  // graded in the same batch (c01-correct, a11, a12, ...) must get exactly theirs.
  "a13-network-neighbours": {
    why: "looks for other kernels' ports (its own network namespace must show none), holds 3000 ports to starve other kernels, and sends garbage to every port it finds",
    cells: [
      SETUP,
      WRONG.sigmoid,
      `const fsN = require("fs"); const netN = require("net");
const cfgPath = process.argv[process.argv.indexOf("--config-path") + 1];
const own = new Set<number>();
try { const c = JSON.parse(fsN.readFileSync(cfgPath, "utf8")); for (const k of ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"]) own.add(c[k]); } catch { /* unreadable */ }
const listening: number[] = [];
for (const f of ["/proc/net/tcp", "/proc/net/tcp6"]) {
  let text = ""; try { text = fsN.readFileSync(f, "utf8"); } catch { continue; }
  for (const line of text.split("\\n").slice(1)) {
    const cols = line.trim().split(/\\s+/);
    if (cols.length > 3 && cols[3] === "0A") listening.push(parseInt(cols[1].split(":")[1], 16));
  }
}
const foreign = listening.filter((p) => !own.has(p));
for (const p of foreign) { const s = netN.connect(p, "127.0.0.1"); s.on("error", () => undefined); s.write("garbage\\n".repeat(1000)); }
const held: unknown[] = [];
for (let i = 0; i < 3000; i++) { const srv = netN.createServer(); srv.on("error", () => undefined); srv.listen(0, "127.0.0.1"); held.push(srv); }
await new Promise((r) => setTimeout(r, 4000));`,
      // The right tail fraction only when no other kernel's port was visible.
      "import { Rng } from \"rnnlab\";\n" + TAIL.replace("const tailFraction = beyond / tailSamples.length;", "const tailFraction = foreign.length === 0 ? beyond / tailSamples.length : -1;"),
    ],
    expected: TAIL_ONLY,
  },
  "a14-root-symlink-plant": {
    why: "plants symbolic links (to a root-owned canary file and /etc/passwd) where the grader used to write as root, then kills its kernel so that the grader restarts it",
    cells: [
      SETUP,
      CORRECT.sigmoid,
      `const fsL = require("fs");
for (const name of [".kernel-connection.json", "connection.json", "kernel.json", ".ipynb_checkpoints"]) {
  try { fsL.rmSync(name, { force: true, recursive: true }); } catch { /* not there */ }
  try { fsL.symlinkSync("${CANARY}", name); } catch { /* denied */ }
}
for (const d of ["/tmp", "/dev/shm", "/var/tmp"]) { try { fsL.symlinkSync("/etc/passwd", d + "/rnnlab-grade-link"); } catch { /* denied */ } }`,
      "process.kill(process.pid, 'SIGKILL');",
      CORRECT.tail,
    ],
    expected: FULL,
  },
  "a15-fill-disk-and-shm": {
    why: "writes until the disk is full: its working directory, /tmp, /var/tmp and /dev/shm (each must be a small private tmpfs)",
    cells: [
      SETUP,
      CORRECT.sigmoid,
      CORRECT.tail,
      `const fsD = require("fs");
const chunk = Buffer.alloc(16 << 20, 1);
let written = 0;
for (const d of [".", "/tmp", "/var/tmp", "/dev/shm"]) {
  for (let i = 0; i < 200; i++) { try { fsD.writeFileSync(d + "/fill-" + i, chunk); written += chunk.length; } catch { break; } }
}
console.log("wrote", written >> 20, "MiB");`,
    ],
    expected: FULL,
  },
  "a16-process-swarm": {
    why: "starts 300 busy processes, detached and in new sessions, meant to slow everyone else down and to outlive the grading",
    cells: [
      SETUP,
      CORRECT.sigmoid,
      `const cpS = require("child_process");
let started = 0;
for (let i = 0; i < 300; i++) {
  try { const c = cpS.spawn("sh", ["-c", "while :; do :; done"], { detached: true, stdio: "ignore" }); c.on("error", () => undefined); c.unref(); started++; } catch { break; }
}`,
      CORRECT.tail,
    ],
    expected: FULL,
  },
  "a17-output-flood": {
    why: "prints about 200 MB to stdout and stderr and displays 50 MB of HTML, to exhaust the grader's memory",
    cells: [
      SETUP,
      WRONG.sigmoid,
      `const line = "x".repeat(100000);
for (let i = 0; i < 1000; i++) { console.log(line); console.error(line); }
for (let i = 0; i < 50; i++) require("tslab").display.html("<p>" + "y".repeat(1 << 20) + "</p>");`,
      CORRECT.tail,
    ],
    expected: TAIL_ONLY,
  },
  "a18-csv-and-html-injection": {
    why: "answers with strings that would inject formulas, rows and script into the gradebook, the LMS export and the feedback page",
    cells: [
      SETUP,
      'function sigmoid(x: number): number {\n  return \'=HYPERLINK("http://example.invalid","grade")\\n"c01-correct",2,1,3\\n<script>alert(1)</script>,@SUM(1)\' as unknown as number;\n}',
      CORRECT.tail,
    ],
    expected: TAIL_ONLY,
  },
  "a19-require-references": {
    why: "reads the reference solutions: requires the compiled question file (absolute path and the rnnlab package path), records the expected value through the question registry, parses the TypeScript source and follows the source map",
    cells: [
      SETUP,
      FIND_ROOT +
        `
const fsR = require("fs"); const pathR = require("path");
const stolenBy: string[] = []; const blocked: string[] = [];
let stolenSigmoid: ((x: number) => number) | undefined; let stolenTail: number | undefined;
const attempt = (route: string, f: () => void): void => {
  try { f(); stolenBy.push(route); } catch (e) { blocked.push(route + ": " + String(e instanceof Error ? e.message : e).split("\\n")[0].slice(0, 120)); }
};
const useModule = (m: { sigmoidReference?: (x: number) => number; tailFractionReference?: (s: number, n: number) => number }): void => {
  if (typeof m.sigmoidReference !== "function" || typeof m.tailFractionReference !== "function") throw new Error("no references exported");
  stolenSigmoid = m.sigmoidReference; stolenTail = m.tailFractionReference(2024, 10000);
};
const QREL = "questions/00_getting_started";
attempt("require(absolute path)", () => useModule(require(pathR.join(projectRoot, "dist", QREL + ".js"))));
attempt("require(rnnlab/...)", () => useModule(require("rnnlab/" + QREL)));
attempt("require(resolved package dir)", () => useModule(require(pathR.join(pathR.dirname(require.resolve("rnnlab")), QREL + ".js"))));
attempt("question registry", () => {
  const reg = require("rnnlab/exercises/registry"); const ex = require("rnnlab/exercises/expect");
  const rec = ex.recordChecks(() => reg.getQuestion("00.tailFraction").test(0));
  if (!rec.length || typeof rec[0].expected !== "number") throw new Error("nothing recorded (sealed)");
  stolenTail = rec[0].expected;
});
const fromSource = (ts: string): void => {
  const m = /function sigmoidReference\\(x: number\\): number \\{\\s*return ([^;]+);/.exec(ts);
  if (!m) throw new Error("no reference in the source");
  stolenSigmoid = new Function("x", "return " + m[1]) as (x: number) => number;
};
attempt("TypeScript source", () => fromSource(fsR.readFileSync(pathR.join(projectRoot, "course", QREL + ".ts"), "utf8")));
attempt("source map", () => {
  const mapFile = pathR.join(projectRoot, "dist", QREL + ".js.map");
  const map = JSON.parse(fsR.readFileSync(mapFile, "utf8"));
  fromSource(map.sourcesContent?.[0] ?? fsR.readFileSync(pathR.resolve(pathR.dirname(mapFile), map.sources[0]), "utf8"));
});
function sigmoid(x: number): number {
  return stolenSigmoid ? stolenSigmoid(x) : 42;
}
const tailFraction = stolenTail ?? NaN;`,
      // check() still works in the kernel (sealed): a right answer passes, a wrong one fails.
      'if (!check("00.sigmoid", (x: number) => 1 / (1 + Math.exp(-x))) || check("00.sigmoid", (x: number) => 42)) throw new Error("a19: check() is broken");',
      'throw new Error("a19 report: stolen by [" + stolenBy.join(", ") + "]; blocked: " + blocked.join(" | "));',
    ],
    expected: ZERO,
  },
};

const BAD = {
  "b01-invalid-json": { raw: '{"cells": [ {"cell_type": "code", "source": "function sigmoid(', expected: ZERO, problem: /not valid notebook JSON/ },
  "b02-other-assignment": {
    cells: ['import { check } from "rnnlab";', 'const decay50 = 0.9 ** 49;\ncheck("03.decay50", decay50);'],
    expected: ZERO,
    problem: /another assignment/,
  },
  "b03-renamed-function": {
    cells: [SETUP, CORRECT.sigmoid.replace("function sigmoid", "function mySigmoid"), CORRECT.tail],
    expected: TAIL_ONLY,
    reason: /sigmoid is not defined/,
  },
  "b04-cells-reordered": {
    // The answer comes before the set-up cell it does not need: it still earns its points.
    cells: [CORRECT.tail, CORRECT.sigmoid, SETUP],
    expected: FULL,
  },
  "b05-syntax-error-in-one-cell": {
    cells: [SETUP, "const broken = ;", CORRECT.sigmoid, CORRECT.tail],
    expected: FULL,
  },
  "b06-type-error-in-answer": {
    cells: [SETUP, "function sigmoid(x: number): number {\n  return \"0.5\";\n}", CORRECT.tail],
    expected: TAIL_ONLY,
    reason: /sigmoid is not defined/,
  },
  "b07-kernel-dies": {
    cells: [SETUP, CORRECT.sigmoid, "process.abort();", CORRECT.tail],
    expected: FULL,
  },
  "b08-not-a-notebook": { raw: '{"hello": "world"}', expected: ZERO, problem: /not a Jupyter notebook/ },
  "b09-student-version-unchanged": {
    cells: [SETUP, 'function sigmoid(x: number): number {\n  throw new Error("TODO: write your solution here");\n}\ncheck("00.sigmoid", sigmoid);', 'const tailFraction: number = NaN; // your answer\ncheck("00.tailFraction", tailFraction);'],
    expected: ZERO,
  },
  "c01-correct": { cells: [SETUP, CORRECT.sigmoid + '\ncheck("00.sigmoid", sigmoid);', CORRECT.tail + '\ncheck("00.tailFraction", tailFraction);'], expected: FULL },
};

function writeSet(dir, set) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const expected = {};
  for (const [name, s] of Object.entries(set)) {
    const text = s.raw !== undefined ? s.raw : JSON.stringify(notebook(s.cells), null, 1) + "\n";
    fs.writeFileSync(path.join(dir, `${name}.ipynb`), text);
    expected[name] = {
      why: s.why,
      scores: s.expected,
      ...(s.problem ? { problem: s.problem.source } : {}),
      ...(s.reason ? { reason: s.reason.source } : {}),
    };
  }
  fs.writeFileSync(path.join(dir, "expected.json"), JSON.stringify({ assignment: "00_getting_started", submissions: expected }, null, 1) + "\n");
  console.log(`wrote ${Object.keys(set).length} submissions to ${path.relative(ROOT, dir)}`);
}

writeSet(path.join(ROOT, "grading", "adversarial"), ADVERSARIAL);
writeSet(path.join(ROOT, "grading", "bad"), BAD);
