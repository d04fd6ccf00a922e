#!/usr/bin/env node
// Registers the tslab TypeScript kernel for this checkout.
//
// The kernelspec goes under <repo>/.jupyter-prefix/share/jupyter/kernels/ (no
// change to the user's own Jupyter); scripts that start Jupyter set JUPYTER_PATH
// to it. `--user` also registers it for the current user, so a JupyterLab that
// the user starts by hand finds it.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { PYTHON, ensureJupyter, ensureRealData } = require("./system-deps");
const { ROOT, JUPYTER_PREFIX, KERNEL_NAME, KERNEL_DISPLAY_NAME } = require("./paths");

function main() {
  ensureJupyter();
  ensureRealData();
  const tslab = path.join(ROOT, "node_modules", ".bin", "tslab");
  if (!fs.existsSync(tslab)) {
    console.error("setup-kernel: " + tslab + " is missing; run `npm install` first.");
    process.exit(1);
  }
  const user = process.argv.includes("--user");
  const where = user ? ["--user"] : ["--prefix", JUPYTER_PREFIX];
  const r = spawnSync(tslab, ["install", "--python", PYTHON, "--binary", tslab, ...where], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (r.status !== 0) {
    console.error("setup-kernel: `tslab install` failed (exit " + r.status + ")");
    process.exit(1);
  }
  // tslab installs kernels named "tslab" (TypeScript) and "jslab" (JavaScript).
  // The workbook's notebooks name their own spec, a copy with a clear display name.
  const find = spawnSync(
    PYTHON,
    ["-c", "import sys,json; from jupyter_client.kernelspec import KernelSpecManager as K; print(K().find_kernel_specs()['tslab'])"],
    { encoding: "utf8", env: user ? process.env : { ...process.env, JUPYTER_PATH: path.join(JUPYTER_PREFIX, "share", "jupyter") } },
  );
  const tslabDir = find.stdout.trim();
  const spec = JSON.parse(fs.readFileSync(path.join(tslabDir, "kernel.json"), "utf8"));
  // Our entry point: tslab without the development tools' type packages (faster start;
  // see lib/notebookKernel/tslab/tslabKernel.ts), started from the start-up snapshot when one was
  // built by this Node.js (lib/notebookKernel/tslab/kernelSnapshot.ts; 2 s faster).
  spawnSync(process.execPath, [path.join(__dirname, "build-kernel-snapshot.js")], { stdio: "inherit", cwd: ROOT });
  const { kernelSnapshotNodeArgs } = require(path.join(ROOT, "dist", "notebookKernel", "tslab", "kernelSnapshotBlobs.js"));
  const entry = path.join(ROOT, "dist", "notebookKernel", "tslab", "tslabKernel.js");
  const blob = kernelSnapshotNodeArgs([], ROOT)[1] ?? "";
  // Through a small launcher that leaves the snapshot out if Node.js is upgraded later.
  const launcher = path.join(ROOT, "scripts", "notebook-kernel.sh");
  const tslabArgs = ["kernel", "--config-path", "{connection_file}"];
  spec.argv =
    process.platform === "win32"
      ? [process.execPath, entry, ...tslabArgs] // no /bin/sh: the usual start
      : ["/bin/sh", launcher, process.execPath, process.version, blob, entry, ...tslabArgs];
  spec.display_name = KERNEL_DISPLAY_NAME;
  spec.metadata = { rnnlab: ROOT };
  const dir = path.join(path.dirname(tslabDir), KERNEL_NAME);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(spec, null, 1) + "\n");
  console.log(`rnnlab: kernel "${KERNEL_NAME}" ("${KERNEL_DISPLAY_NAME}") registered in ${dir}`);
}

main();
