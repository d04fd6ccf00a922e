// Finding and starting a Jupyter server for the workbook (used by `npm start`
// and the browser test).
"use strict";
const { spawn, spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const http = require("http");
const net = require("net");
const path = require("path");
const { KERNEL_NAME, jupyterEnv } = require("./paths");
const { PYTHON, isRoot } = require("./system-deps");
const { staticServerArgs } = require("./jupyter-static");

/**
 * Which Jupyter front end to run: JupyterLab when `jupyter lab` works (pip or
 * conda installs), else the classic Notebook through Debian's Python.
 * `prefer` ("lab" | "notebook") forces one. Returns { ui, command, args } or
 * null when neither is installed.
 */
function findJupyter(prefer) {
  const works = (cmd, args) => {
    const r = spawnSync(cmd, args, { stdio: "ignore", env: jupyterEnv(), timeout: 30000 });
    return r.status === 0;
  };
  const lab = () => {
    if (works("jupyter", ["lab", "--version"])) return { ui: "lab", command: "jupyter", args: ["lab"] };
    if (works(PYTHON, ["-m", "jupyterlab", "--version"])) return { ui: "lab", command: PYTHON, args: ["-m", "jupyterlab"] };
    return null;
  };
  const notebook = () => {
    if (works(PYTHON, ["-c", "import notebook"])) return { ui: "notebook", command: PYTHON, args: ["-m", "notebook"] };
    if (fs.existsSync("/usr/bin/jupyter-notebook")) return { ui: "notebook", command: "/usr/bin/jupyter-notebook", args: [] };
    if (works("jupyter", ["notebook", "--version"])) return { ui: "notebook", command: "jupyter", args: ["notebook"] };
    return null;
  };
  if (prefer === "notebook") return notebook() ?? lab();
  return lab() ?? notebook();
}

/** True when nothing listens on host:port. */
function portFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.once("listening", () => srv.close(() => resolve(true)));
    srv.listen(port, host);
  });
}

/** `preferred` when free, else the next free port among the following 50; 0 means any free port. */
async function choosePort(preferred) {
  if (preferred === 0) {
    return new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(0, "127.0.0.1", () => {
        const { port } = srv.address();
        srv.close(() => resolve(port));
      });
    });
  }
  for (let p = preferred; p < preferred + 50; p++) if (await portFree(p)) return p;
  throw new Error(`no free port in ${preferred}-${preferred + 49}`);
}

function getStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on("error", () => resolve(0));
    req.on("timeout", () => {
      req.destroy();
      resolve(0);
    });
  });
}

/**
 * Starts Jupyter on `notebookDir` with the rnnlab kernelspec on JUPYTER_PATH.
 * Options: port (0 = any free), ip, token, ui ("lab" | "notebook"), browser
 * (open one), stdio ("inherit" or "pipe"), extraArgs, startupTimeout (ms).
 * Resolves once the server answers, to { url, baseUrl, token, ui, port, child, stop() }.
 */
async function startJupyter(opts) {
  const { notebookDir, ip = "127.0.0.1", browser = false, stdio = "inherit", extraArgs = [], startupTimeout = 60000 } = opts;
  const found = findJupyter(opts.ui);
  if (!found) throw new Error("Jupyter is not installed (neither `jupyter lab` nor Debian's jupyter-notebook); run `node scripts/setup-kernel.js`.");
  const port = opts.portExact && opts.port !== 0 ? opts.port : await choosePort(opts.port ?? 8888);
  const token = opts.token || crypto.randomBytes(24).toString("hex");
  const args = [
    ...found.args,
    `--notebook-dir=${notebookDir}`,
    `--ip=${ip}`,
    `--port=${port}`,
    "--port-retries=0",
    `--MultiKernelManager.default_kernel_name=${KERNEL_NAME}`,
    ...staticServerArgs(found.ui === "lab" ? "lab" : "classic"), // plotly.js at <baseUrl>static/rnnlab/plotly.min.js
  ];
  if (!browser) args.push("--no-browser");
  if (isRoot()) args.push("--allow-root");
  args.push(...extraArgs);
  // JUPYTER_TOKEN is read by both the classic Notebook and jupyter_server.
  const child = spawn(found.command, args, {
    cwd: notebookDir,
    env: jupyterEnv({ JUPYTER_TOKEN: token }),
    stdio: ["ignore", stdio, stdio],
  });
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on("exit", (code, signal) => resolve((exited = { code, signal }))));
  const host = ip === "0.0.0.0" || ip === "" || ip === "*" ? "127.0.0.1" : ip.includes(":") ? `[${ip}]` : ip;
  const baseUrl = `http://${host}:${port}`;
  const deadline = Date.now() + startupTimeout;
  for (;;) {
    if (exited) throw new Error(`Jupyter exited during start-up (code ${exited.code}, signal ${exited.signal})`);
    if ((await getStatus(`${baseUrl}/api/status?token=${token}`)) === 200) break;
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`Jupyter did not answer on ${baseUrl} within ${startupTimeout / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const page = found.ui === "lab" ? "lab" : "tree";
  /** Stops the server (SIGTERM, then SIGKILL after `graceMs`); resolves when it exited. */
  const stop = async (graceMs = 10000) => {
    if (exited) return exited;
    child.kill("SIGTERM");
    const timer = setTimeout(() => !exited && child.kill("SIGKILL"), graceMs);
    const r = await exitPromise;
    clearTimeout(timer);
    return r;
  };
  return { url: `${baseUrl}/${page}?token=${token}`, baseUrl, token, ui: found.ui, port, child, exited: exitPromise, stop };
}

/** URL that opens one notebook (path relative to the notebook dir). */
function notebookUrl(server, relPath) {
  const p = relPath.split(path.sep).map(encodeURIComponent).join("/");
  return server.ui === "lab" ? `${server.baseUrl}/lab/tree/${p}?token=${server.token}` : `${server.baseUrl}/notebooks/${p}?token=${server.token}`;
}

module.exports = { findJupyter, choosePort, startJupyter, notebookUrl };
