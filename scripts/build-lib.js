// Compiles lib/ into dist/ and links it as node_modules/rnnlab, when needed.
//
// `isStale()` compares the newest lib/**/*.ts (and tsconfig files) with
// dist/index.js (tsc rewrites every output on each run). `buildLib()` runs
// tsc; tsc still writes dist/ when there are type errors, so the result says
// both whether dist/ exists and whether the compile was clean.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT } = require("./paths");

const LIB = path.join(ROOT, "lib");
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
    ...["tsconfig.json", "tsconfig.build.json", "package.json"].map((f) => {
      const p = path.join(ROOT, f);
      return fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0;
    }),
  );
  return sources > built ? "lib/ changed since the last build" : "";
}

/**
 * Runs tsc -p tsconfig.build.json and links the package.
 * Returns { ok: clean compile, emitted: dist/index.js exists, seconds }.
 */
function buildLib({ stdio = "inherit" } = {}) {
  const t0 = Date.now();
  const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
    cwd: ROOT,
    stdio,
  });
  const emitted = fs.existsSync(DIST_INDEX);
  if (emitted) {
    const link = spawnSync(process.execPath, [path.join(__dirname, "link-package.js")], { cwd: ROOT, stdio });
    if (link.status !== 0) return { ok: false, emitted: false, seconds: (Date.now() - t0) / 1000 };
  }
  return { ok: tsc.status === 0, emitted, seconds: (Date.now() - t0) / 1000 };
}

module.exports = { staleReason, buildLib };
