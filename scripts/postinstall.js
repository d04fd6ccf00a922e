#!/usr/bin/env node
// Runs after `npm install`: compile the library, link it as `rnnlab`, register
// the Jupyter kernel (installing Jupyter from Debian if missing), and build the
// JupyterLab front end in jupyterlab/ (its own pinned packages; a failed build
// is reported and leaves the classic Notebook as `npm start`'s fallback).
//
// A type error in lib/ does not stop the install when tsc still wrote dist/
// (the notebooks can run; `npm test` reports the error and fails).
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");
const { buildLib } = require("./build-lib");
const ROOT = path.resolve(__dirname, "..");

const build = buildLib();
if (!build.emitted) {
  console.error("rnnlab postinstall: the TypeScript build did not produce dist/index.js (see the errors above).");
  process.exit(1);
}
if (!build.ok) {
  console.warn("rnnlab postinstall: WARNING: lib/ has TypeScript errors (above); dist/ was written anyway. `npm test` will fail until they are fixed.");
}
// A minified plotly.js (about 5 MB instead of 11) for the first figure of each
// kernel session and for the book; lib/plot falls back to the full file without it.
try {
  const t0 = Date.now();
  const { buildPlotlyMinCache } = require(path.join(ROOT, "dist", "plot", "plotlyLibrary.js"));
  const file = typeof buildPlotlyMinCache === "function" ? buildPlotlyMinCache() : null;
  if (file) console.log(`rnnlab: minified plotly.js ready (${path.relative(ROOT, file)}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
} catch (err) {
  console.warn(`rnnlab postinstall: could not prepare a minified plotly.js (${err.message}); figures embed the full file.`);
}
const r = spawnSync(process.execPath, [path.join(__dirname, "setup-kernel.js")], { stdio: "inherit", cwd: ROOT });
if (r.status !== 0) process.exit(r.status || 1);
if (process.env.RNNLAB_SKIP_LAB_BUILD === "1") {
  console.log("rnnlab: RNNLAB_SKIP_LAB_BUILD=1: JupyterLab not built (`npm start -- --classic`, or `node scripts/build-jupyterlab.js` later).");
} else {
  const { buildJupyterLab } = require("./build-jupyterlab");
  const lab = buildJupyterLab();
  if (lab.ok) console.log(lab.built ? `rnnlab: JupyterLab front end built (jupyterlab/build/, ${lab.seconds.toFixed(1)} s)` : "rnnlab: JupyterLab front end up to date");
  else console.warn(`rnnlab postinstall: WARNING: JupyterLab could not be built (${lab.reason}); \`npm start\` will open the classic Notebook. Details: jupyterlab/build/BUILD-FAILED.txt`);
}
console.log("rnnlab: installed. Start Jupyter with `npm start`; run the tests with `npm test`.");
