// Compiles lib/ into dist/, links it as node_modules/rnnlab, then compiles course/ (questions and
// experiments, which import the library as "rnnlab") into dist/questions and dist/experiments.
//
// `isStale()` compares the newest lib/**/*.ts, course/**/*.ts (and tsconfig files) with
// dist/index.js (tsc rewrites every output on each run). `buildLib()` runs
// tsc; tsc still writes dist/ when there are type errors, so the result says
// both whether dist/ exists and whether the compile was clean.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT } = require("./paths");

const LIB = path.join(ROOT, "lib");
const COURSE = path.join(ROOT, "course");
const DIST_INDEX = path.join(ROOT, "dist", "index.js");
const LINK = path.join(ROOT, "node_modules", "rnnlab");

function newestMtime(dir, filter) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p, filter));
    else if (filter(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Why dist/ needs a rebuild ("" when it is up to date). */
function staleReason() {
  if (!fs.existsSync(DIST_INDEX)) return "dist/ is missing";
  if (!fs.existsSync(path.join(LINK, "index.js"))) return "node_modules/rnnlab is not linked";
  const built = fs.statSync(DIST_INDEX).mtimeMs;
  const sources = Math.max(
    newestMtime(LIB, (p) => p.endsWith(".ts")),
    newestMtime(COURSE, (p) => p.endsWith(".ts")),
    ...["tsconfig.json", "tsconfig.build.json", "tsconfig.course.json", "package.json"].map((f) => {
      const p = path.join(ROOT, f);
      return fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0;
    }),
  );
  return sources > built ? "lib/ or course/ changed since the last build" : "";
}

/**
 * Runs tsc -p tsconfig.build.json, links the package, then tsc -p tsconfig.course.json.
 * Returns { ok: clean compile, emitted: dist/index.js exists, seconds }.
 */
function buildLib({ stdio = "inherit" } = {}) {
  const t0 = Date.now();
  const tsc = (config) => spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", config], { cwd: ROOT, stdio });
  const lib = tsc("tsconfig.build.json");
  const emitted = fs.existsSync(DIST_INDEX);
  if (!emitted) return { ok: false, emitted, seconds: (Date.now() - t0) / 1000 };
  const link = spawnSync(process.execPath, [path.join(__dirname, "link-package.js")], { cwd: ROOT, stdio });
  if (link.status !== 0) return { ok: false, emitted: false, seconds: (Date.now() - t0) / 1000 };
  // Before course/ existed the questions were compiled to dist/exercises/questions: no stale clear copy stays.
  fs.rmSync(path.join(ROOT, "dist", "exercises", "questions"), { recursive: true, force: true });
  const course = tsc("tsconfig.course.json");
  return { ok: lib.status === 0 && course.status === 0, emitted, seconds: (Date.now() - t0) / 1000 };
}

module.exports = { staleReason, buildLib };

// `npm run build`: always compiles; exit code 1 unless both compiles were clean.
if (require.main === module) process.exit(buildLib().ok ? 0 : 1);
