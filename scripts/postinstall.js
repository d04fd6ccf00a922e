#!/usr/bin/env node
// Runs after `npm install`: compile the library, link it as `rnnlab`, and
// register the Jupyter kernel (installing Jupyter from Debian if missing).
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");
const ROOT = path.resolve(__dirname, "..");

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT });
  if (r.status !== 0) process.exit(r.status || 1);
}
run(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"]);
run(process.execPath, [path.join(__dirname, "link-package.js")]);
run(process.execPath, [path.join(__dirname, "setup-kernel.js")]);
