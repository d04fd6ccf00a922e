#!/usr/bin/env node
// `npm start`: Jupyter on notebooks/ with the rnnlab TypeScript kernel.
//
//   npm start [-- --port 8899] [--ip 0.0.0.0] [--lab | --classic] [--browser | --no-browser]
//             [--notebook-dir DIR] [--token TOKEN] [-- <more Jupyter options>]
//
// Environment: RNNLAB_PORT, RNNLAB_IP, RNNLAB_UI (lab | notebook), RNNLAB_TOKEN.
// Opens the project's JupyterLab (jupyterlab/, built by `npm install` from npm,
// served by Debian's jupyter_server and jupyterlab_server; rebuilt here when
// jupyterlab/ changed); `--classic` opens the classic Notebook (Debian's
// jupyter-notebook), which is also the fallback, with one warning line saying
// why, when JupyterLab cannot run. No browser is opened when there is no display or
// in CI. Prints the URL with its token; Ctrl-C (SIGINT) or SIGTERM shuts Jupyter
// and its kernels down.
"use strict";
const fs = require("fs");
const path = require("path");
const { NOTEBOOKS, JUPYTER_PATH, KERNEL_NAME, KERNEL_DISPLAY_NAME } = require("./paths");
const { staleReason, buildLib } = require("./build-lib");
const { startJupyter, notebookUrl } = require("./jupyter-server");

const USAGE = `usage: npm start [-- --port N] [--ip ADDR] [--lab|--classic] [--browser|--no-browser] [--notebook-dir DIR] [--token T] [-- JUPYTER_ARGS]`;

function parseArgs(argv, env = process.env) {
  const o = {
    port: env.RNNLAB_PORT || undefined,
    ip: env.RNNLAB_IP || "127.0.0.1",
    ui: env.RNNLAB_UI || undefined,
    token: env.RNNLAB_TOKEN || undefined,
    browser: undefined,
    notebookDir: NOTEBOOKS,
    extraArgs: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === "--port" || flag === "-p") o.port = value();
    else if (flag === "--ip") o.ip = value();
    else if (flag === "--token") o.token = value();
    else if (flag === "--notebook-dir") o.notebookDir = path.resolve(value());
    else if (flag === "--lab") o.ui = "lab";
    else if (flag === "--classic" || flag === "--notebook") o.ui = "notebook";
    else if (flag === "--browser") o.browser = true;
    else if (flag === "--no-browser") o.browser = false;
    else if (flag === "-h" || flag === "--help") o.help = true;
    else if (flag === "--") {
      o.extraArgs.push(...argv.slice(i + 1));
      i = argv.length;
    } else o.extraArgs.push(a);
  }
  if (o.port !== undefined) {
    const raw = o.port;
    o.port = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(o.port) || o.port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got ${JSON.stringify(raw)}`);
  }
  if (o.ui !== undefined && o.ui !== "lab" && o.ui !== "notebook") throw new Error(`RNNLAB_UI must be "lab" or "notebook", got ${JSON.stringify(o.ui)}`);
  if (o.browser === undefined) {
    const headless = process.platform === "linux" && !env.DISPLAY && !env.WAYLAND_DISPLAY;
    o.browser = !(headless || env.CI);
  }
  return o;
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`rnnlab start: ${err.message}\n${USAGE}`);
    return 2;
  }
  if (o.help) {
    console.log(USAGE);
    return 0;
  }
  const kernelJson = path.join(JUPYTER_PATH, "kernels", KERNEL_NAME, "kernel.json");
  const stale = staleReason();
  if (stale) {
    console.log(`rnnlab start: building the library (${stale}) ...`);
    const b = buildLib();
    if (!b.emitted) return 1;
    if (!b.ok) console.warn("rnnlab start: WARNING: lib/ has TypeScript errors (above); starting anyway.");
  }
  if (!fs.existsSync(kernelJson)) {
    console.log("rnnlab start: registering the kernel ...");
    const r = require("child_process").spawnSync(process.execPath, [path.join(__dirname, "setup-kernel.js")], { stdio: "inherit" });
    if (r.status !== 0) return r.status || 1;
  }

  if (o.ui !== "notebook") {
    const { labBuildStale, buildJupyterLab } = require("./build-jupyterlab");
    const stale = labBuildStale();
    // A missing node_modules with a recorded failure is not retried at every start (postinstall reported it).
    if (stale && !require("./build-jupyterlab").labBuildFailure()) {
      const r = buildJupyterLab();
      if (r.built) console.log(`rnnlab start: JupyterLab built (${r.seconds.toFixed(0)} s).`);
    }
  }

  let server;
  try {
    server = await startJupyter({ ...o, portExact: o.port !== undefined, port: o.port ?? 8888 });
  } catch (err) {
    console.error(`rnnlab start: ${err.message}`);
    return 1;
  }
  const first = fs.existsSync(path.join(o.notebookDir, "00_getting_started.ipynb")) ? notebookUrl(server, "00_getting_started.ipynb") : null;
  const name = server.ui === "lab" ? "JupyterLab" : "Jupyter Notebook (classic)";
  console.log(
    [
      "",
      `rnnlab: ${name} is running on ${o.notebookDir} with the "${KERNEL_DISPLAY_NAME}" kernel.`,
      `  Open:        ${server.url}`,
      first ? `  Start here:  ${first}` : null,
      o.ip === "127.0.0.1" ? null : `  (listening on ${o.ip}:${server.port}; replace 127.0.0.1 with this machine's address)`,
      "  Stop:        Ctrl-C",
      "",
    ]
      .filter((l) => l !== null)
      .join("\n"),
  );

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nrnnlab: ${signal} received, shutting Jupyter down ...`);
    const r = await server.stop(15000);
    console.log(`rnnlab: Jupyter stopped${r.signal ? ` (${r.signal})` : ""}.`);
    process.exit(0);
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  const r = await server.exited;
  if (!stopping) {
    console.error(`rnnlab: Jupyter exited (code ${r.code}${r.signal ? `, signal ${r.signal}` : ""}).`);
    return r.code || 1;
  }
  return new Promise(() => {}); // shutdown() exits
}

if (require.main === module) main().then((code) => process.exit(code));

module.exports = { parseArgs };
