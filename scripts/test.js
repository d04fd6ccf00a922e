#!/usr/bin/env node
// `npm test`: the one test command (README, CI).
//
//   npm test [-- --unit | --e2e] [-- <jest options / test path patterns>]
//
// 1. System packages: Jupyter (nbclient, nbconvert, the classic Notebook),
//    Chromium and MathJax from Debian; installed with apt as root, else the exact
//    command is printed and the run stops (exit 1).
// 2. Kernel registered and library built (rebuilt when lib/ changed; TypeScript
//    errors fail the run at the end but do not stop the tests).
// 3. Layering check of lib/ (dependency-cruiser, rules from the graph in lib/README.md), then
//    ESLint over lib/, scripts/ and test/ (eslint.config.mjs).
// 4. jest --selectProjects unit, then jest --selectProjects e2e --runInBand
//    (the e2e tests run notebooks two at a time themselves), output streamed.
// Prints each step's time; exit code non-zero when anything failed.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT, JUPYTER_PATH, KERNEL_NAME } = require("./paths");
const { ensureJupyter, ensureChromium, ensureMathJax, ensureEmbossTestData, ensureClassroomDebs, ensureRealData } = require("./system-deps");
const { staleReason, buildLib } = require("./build-lib");

const JEST = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");

function fmt(s) {
  return s < 120 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function main(argv) {
  const t0 = Date.now();
  const only = argv.includes("--unit") ? "unit" : argv.includes("--e2e") ? "e2e" : null;
  const extra = argv.filter((a) => a !== "--unit" && a !== "--e2e");
  const steps = [];
  const step = (name, fn) => {
    const s0 = Date.now();
    console.log(`\n=== rnnlab test: ${name}`);
    const ok = fn();
    const seconds = (Date.now() - s0) / 1000;
    steps.push({ name, ok, seconds });
    console.log(`=== ${name}: ${ok ? "ok" : "FAILED"} (${fmt(seconds)})`);
    return ok;
  };

  step("system packages", () => {
    ensureJupyter();
    ensureEmbossTestData();
    ensureRealData({ required: true });
    if (only !== "unit") {
      ensureChromium();
      ensureMathJax();
      // JupyterHub and Slurm: their tests need root anyway (accounts, slurmd), and skip without it.
      if (process.getuid && process.getuid() === 0) ensureClassroomDebs();
    }
    return true;
  });
  step("kernel and library build", () => {
    let ok = true;
    // registered, and for the current kernel entry (it moved to dist/notebookKernel/tslab/ in
    // session 5: a spec naming the old file would start a stale copy of the kernel)
    const spec = path.join(JUPYTER_PATH, "kernels", KERNEL_NAME, "kernel.json");
    const entry = path.join(ROOT, "dist", "notebookKernel", "tslab", "tslabKernel.js");
    if (!fs.existsSync(spec) || !fs.readFileSync(spec, "utf8").includes(JSON.stringify(entry))) {
      const r = spawnSync(process.execPath, [path.join(__dirname, "setup-kernel.js")], { stdio: "inherit", cwd: ROOT });
      if (r.status !== 0) {
        console.error("rnnlab test: could not register the kernel");
        process.exit(1);
      }
    }
    const stale = staleReason();
    if (!stale) {
      console.log("dist/ is up to date");
      return true;
    }
    console.log(`building the library (${stale}) ...`);
    const b = buildLib();
    if (!b.emitted) {
      console.error("rnnlab test: the library build produced no dist/; stopping.");
      process.exit(1);
    }
    if (!b.ok) {
      console.error("rnnlab test: lib/ has TypeScript errors (above): the run will fail; the tests run anyway.");
      ok = false;
    }
    return ok;
  });

  // Layering of lib/ (the graph in lib/README.md, rules in .dependency-cruiser.cjs): an upward or
  // sideways import fails the run.
  if (only !== "e2e") {
    step("layering (dependency-cruiser, graph in lib/README.md)", () =>
      spawnSync(process.execPath, [path.join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs"), "lib", "course", "--config", ".dependency-cruiser.cjs"], { stdio: "inherit", cwd: ROOT }).status === 0);
  }

  // ESLint (eslint.config.mjs: the recommended rules of ESLint and typescript-eslint) over lib/,
  // scripts/ and test/.
  if (only !== "e2e") {
    step("lint (eslint lib scripts test)", () =>
      spawnSync(process.execPath, [path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js"), "--cache", "--cache-location", path.join(ROOT, "node_modules", ".cache", "eslint") + path.sep, "lib", "course", "scripts", "test", "eslint.config.mjs", ".dependency-cruiser.cjs"], { stdio: "inherit", cwd: ROOT }).status === 0);
  }

    // Executions made in this run can be shared between e2e tests (see notebook-runner.js).
  const env = { ...process.env, RNNLAB_RUN_ID: process.env.RNNLAB_RUN_ID || `${Date.now()}-${process.pid}` };
  const ci = process.env.CI ? ["--ci"] : [];
  const passNone = extra.length ? ["--passWithNoTests"] : [];
  const jest = (args) => spawnSync(process.execPath, [JEST, ...args, ...ci, ...passNone, ...extra], { stdio: "inherit", cwd: ROOT, env }).status === 0;
  if (only !== "e2e") step("unit tests (jest --selectProjects unit)", () => jest(["--selectProjects", "unit"]));
  if (only !== "unit") step("end-to-end tests (jest --selectProjects e2e --runInBand)", () => jest(["--selectProjects", "e2e", "--runInBand"]));

  const ok = steps.every((s) => s.ok);
  console.log("\n=== rnnlab test summary");
  for (const s of steps) console.log(`  ${s.ok ? "ok    " : "FAILED"}  ${s.name.padEnd(58)} ${fmt(s.seconds)}`);
  console.log(`  ${ok ? "all passed" : "FAILED"} in ${fmt((Date.now() - t0) / 1000)}`);
  return ok ? 0 : 1;
}

process.exit(main(process.argv.slice(2)));
