#!/usr/bin/env node
// Runs after `npm install` in a released course: link the compiled library as `rnnlab`,
// prepare the minified plotly.js, register the TypeScript (rnnlab) kernel (installing
// Jupyter from Debian when missing and run as root; otherwise the apt command is printed),
// and build the JupyterLab front end in jupyterlab/ from its lock file (a failed build is
// reported and leaves the classic Notebook as `npm start`'s fallback).
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");
const ROOT = path.resolve(__dirname, "..");

const link = spawnSync(process.execPath, [path.join(__dirname, "link-package.js")], { stdio: "inherit", cwd: ROOT });
if (link.status !== 0) process.exit(link.status || 1);
try {
  const { buildPlotlyMinCache } = require(path.join(ROOT, "dist", "plot", "plotlyLibrary.js"));
  if (typeof buildPlotlyMinCache === "function") buildPlotlyMinCache();
} catch (err) {
  console.warn(`course postinstall: no minified plotly.js (${err.message}); figures embed the full file.`);
}
const r = spawnSync(process.execPath, [path.join(__dirname, "setup-kernel.js")], { stdio: "inherit", cwd: ROOT });
if (r.status !== 0) process.exit(r.status || 1);
if (process.env.RNNLAB_SKIP_LAB_BUILD === "1") {
  console.log("rnnlab course: RNNLAB_SKIP_LAB_BUILD=1: JupyterLab not built (`npm start` builds it, or `npm start -- --classic`).");
} else {
  const { buildJupyterLab } = require("./build-jupyterlab");
  const lab = buildJupyterLab();
  if (lab.ok) console.log(lab.built ? `rnnlab course: JupyterLab built (jupyterlab/build/, ${lab.seconds.toFixed(1)} s)` : "rnnlab course: JupyterLab is up to date");
  else console.warn(`rnnlab course: WARNING: JupyterLab could not be built (${lab.reason}); \`npm start\` will open the classic Notebook. Details: jupyterlab/build/BUILD-FAILED.txt`);
}
console.log("rnnlab course: installed. Start Jupyter with `npm start`.");
