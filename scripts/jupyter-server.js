// Finding and starting a Jupyter server for the workbook (used by `npm start`
// and the browser test).
"use strict";
const { spawn, spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const http = require("http");
const net = require("net");
const path = require("path");
const { KERNEL_NAME, JUPYTER_PREFIX, jupyterEnv } = require("./paths");
const { PYTHON, isRoot } = require("./system-deps");
const { staticServerArgs } = require("./jupyter-static");

/** The project's JupyterLab (jupyterlab/: npm packages built by postinstall, served by server.py). */
const LAB_SERVER = path.join(__dirname, "..", "jupyterlab", "server.py");
const LAB_BUNDLE = path.join(__dirname, "..", "jupyterlab", "build", "bundle.js");

/**
 * Why the project's JupyterLab cannot run here, or null when it can: its build
 * (jupyterlab/build/, made by `npm install`) and Debian's jupyter_server and
 * jupyterlab_server must be there.
 */
function labUnavailable() {
  const { labBuildFailure } = require("./build-jupyterlab");
  if (!fs.existsSync(LAB_BUNDLE)) {
    const failed = labBuildFailure();
    return failed ? `its build failed: ${failed}` : "it is not built (run `node scripts/build-jupyterlab.js`)";
  }
  const r = spawnSync(PYTHON, ["-c", "import jupyter_server, jupyterlab_server"], { stdio: "ignore", env: jupyterEnv(), timeout: 30000 });
  if (r.status !== 0) return "Debian's python3-jupyter-server and python3-jupyterlab-server are not installed (as root: apt-get install -y python3-jupyter-server python3-jupyterlab-server)";
  return null;
}

/**
 * Which Jupyter front end to run: `prefer` "lab" (the default) is the project's
 * own JupyterLab build; "notebook" the classic Notebook (Debian's
 * jupyter-notebook). When JupyterLab cannot run, the classic Notebook is used
 * and `fallbackReason` says why. Returns { ui, command, args, fallbackReason? }
 * or null when neither is installed.
 */
function findJupyter(prefer = "lab") {
  const works = (cmd, args) => {
    const r = spawnSync(cmd, args, { stdio: "ignore", env: jupyterEnv(), timeout: 30000 });
    return r.status === 0;
  };
  const notebook = () => {
    if (works(PYTHON, ["-c", "import notebook"])) return { ui: "notebook", command: PYTHON, args: ["-m", "notebook"] };
    if (fs.existsSync("/usr/bin/jupyter-notebook")) return { ui: "notebook", command: "/usr/bin/jupyter-notebook", args: [] };
    if (works("jupyter", ["notebook", "--version"])) return { ui: "notebook", command: "jupyter", args: ["notebook"] };
    return null;
  };
  if (prefer === "notebook") return notebook();
  const why = labUnavailable();
  if (!why) {
    // Settings and workspaces: RNNLAB_LAB_STATE when set (tests), else .jupyter-prefix/lab.
    return { ui: "lab", command: PYTHON, args: [LAB_SERVER], env: { RNNLAB_LAB_STATE: process.env.RNNLAB_LAB_STATE || path.join(JUPYTER_PREFIX, "lab") } };
  }
  const nb = notebook();
  return nb && { ...nb, fallbackReason: `JupyterLab cannot start: ${why}` };
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
  if (!found) throw new Error("Jupyter is not installed (Debian's jupyter-notebook is missing); run `node scripts/setup-kernel.js`.");
  if (found.fallbackReason) (opts.warn ?? console.warn)(`rnnlab: WARNING: ${found.fallbackReason}; opening the classic Notebook instead.`);
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
    env: jupyterEnv({ JUPYTER_TOKEN: token, ...(found.env ?? {}) }),
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

module.exports = { labUnavailable, findJupyter, choosePort, startJupyter, notebookUrl };
