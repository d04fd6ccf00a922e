// In a released course the library comes compiled (dist/); there is nothing to build.
// `staleReason()` only checks that it is there and linked as node_modules/rnnlab.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT } = require("./paths");

function staleReason() {
  if (!fs.existsSync(path.join(ROOT, "dist", "index.js"))) return "dist/ is missing (unpack the course again)";
  if (!fs.existsSync(path.join(ROOT, "node_modules", "rnnlab", "index.js"))) return "node_modules/rnnlab is not linked";
  return "";
}

function buildLib({ stdio = "inherit" } = {}) {
  const t0 = Date.now();
  const emitted = fs.existsSync(path.join(ROOT, "dist", "index.js"));
  const link = emitted ? spawnSync(process.execPath, [path.join(__dirname, "link-package.js")], { cwd: ROOT, stdio }) : { status: 1 };
  return { ok: link.status === 0, emitted: emitted && link.status === 0, seconds: (Date.now() - t0) / 1000 };
}

module.exports = { staleReason, buildLib };
