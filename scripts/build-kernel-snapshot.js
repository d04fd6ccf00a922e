#!/usr/bin/env node
// Builds the notebook kernel's start-up snapshots (lib/notebookKernel/tslab/kernelSnapshot.ts):
// TypeScript and the declaration files every kernel reads, parsed once and saved by V8, so
// that a kernel answers about 2 s of CPU sooner. Run by setup-kernel.js (npm install).
//
//   node scripts/build-kernel-snapshot.js
//
// Two blobs: one for the "rnnlab" kernel spec (no V8 flags) and one for the grader's kernels
// (its default heap limit; see lib/grading/runner.ts). Each is checked before it is put in
// place; if building or checking fails, kernels start the usual way (one warning line).
"use strict";
const path = require("path");
const { ROOT } = require("./paths");

function main() {
  const { buildKernelSnapshot } = require(path.join(ROOT, "dist", "notebookKernel", "tslab", "kernelSnapshotBlobs.js"));
  const { gradingKernelNodeFlags } = require(path.join(ROOT, "dist", "grading", "runner.js"));
  for (const [what, nodeFlags] of [["notebook kernel", []], ["grading kernel", gradingKernelNodeFlags()]]) {
    const r = buildKernelSnapshot({ nodeFlags });
    if (r.ok) console.log(`rnnlab: ${what} start-up snapshot ready (${path.relative(ROOT, r.blob)}, ${r.cachedFiles} declaration files, ${r.seconds.toFixed(1)} s)`);
    else console.warn(`rnnlab: WARNING: no ${what} start-up snapshot (${r.reason}); its kernels start without it (about 2 s slower).`);
  }
}

main();
