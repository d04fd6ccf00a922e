#!/usr/bin/env node
// Prototype (not run by npm install): a second notebook kernel, Deno's `deno jupyter`, for
// the workbook — see lib/notebookKernel/kernelAdapter.ts.
//
//   node scripts/setup-deno-kernel.js      # installs deno 2.9.6 from the npm registry into .deno/
//                                          # and registers the "rnnlab-deno" kernel spec
//
// The `deno` npm package ships the binary in its platform package (@deno/linux-x64-glibc…);
// nothing is downloaded from elsewhere. Deno is never a dependency of `npm install`.
// Deno's kernel runs nothing of ours before the first cell, so this also writes deno.json
// (ignored by git) mapping `rnnlab` to dist/notebookKernel/deno/rnnlab.js: the Deno adapter
// (lib/notebookKernel/deno/) registers Deno.jupyter.broadcast as lib/display's sink, then
// re-exports the library. What works and what does not: docs/tooling.md, "A second kernel".
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT, JUPYTER_PREFIX } = require("./paths");

const DENO_VERSION = "2.9.6";
const PLATFORM_PACKAGES = { "linux-x64": "linux-x64-glibc", "linux-arm64": "linux-arm64-glibc", "darwin-x64": "darwin-x64", "darwin-arm64": "darwin-arm64" };

function main() {
  const platform = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!platform) {
    console.error(`setup-deno-kernel: no deno npm package for ${process.platform}-${process.arch}`);
    process.exit(1);
  }
  const dir = path.join(ROOT, ".deno");
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(path.join(dir, "package.json"))) fs.writeFileSync(path.join(dir, "package.json"), '{ "private": true }\n');
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  // --ignore-scripts: the binary is in the platform package; deno's postinstall only links it.
  const r = spawnSync(npm, ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--save-exact", `deno@${DENO_VERSION}`], { cwd: dir, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`setup-deno-kernel: npm install deno@${DENO_VERSION} failed (exit ${r.status})`);
    process.exit(1);
  }
  const binary = path.join(dir, "node_modules", "@deno", platform, "deno");
  const version = spawnSync(binary, ["--version"], { encoding: "utf8" });
  if (version.status !== 0) {
    console.error(`setup-deno-kernel: ${binary} does not run: ${version.stderr || version.error}`);
    process.exit(1);
  }
  const spec = {
    argv: [binary, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "TypeScript (rnnlab, Deno prototype)",
    language: "typescript",
    env: { DENO_NO_UPDATE_CHECK: "1", DENO_DIR: path.join(dir, "cache") },
    metadata: { rnnlab: ROOT },
  };
  // Found by Deno from the kernel's working folder (notebooks/, build/student/) upwards.
  const denoConfig = { imports: { rnnlab: "./dist/notebookKernel/deno/rnnlab.js" } };
  fs.writeFileSync(path.join(ROOT, "deno.json"), JSON.stringify(denoConfig, null, 1) + "\n");
  const specDir = path.join(JUPYTER_PREFIX, "share", "jupyter", "kernels", "rnnlab-deno");
  fs.mkdirSync(specDir, { recursive: true });
  fs.writeFileSync(path.join(specDir, "kernel.json"), JSON.stringify(spec, null, 1) + "\n");
  console.log(`rnnlab: ${version.stdout.split("\n")[0]}; kernel "rnnlab-deno" registered in ${specDir}`);
}

main();
