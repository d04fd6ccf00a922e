// plotly.js served same-origin by the Jupyter server, so that figures need not carry it.
//
// URL convention (lib/plot/plotlyLoader.ts relies on it): a figure's HTML loads
//
//     <baseUrl>static/rnnlab/plotly.min.js
//
// where <baseUrl> is the server's base URL as the page states it (classic
// Notebook: `document.body.dataset.baseUrl`; JupyterLab and JupyterHub's
// single-user server: `baseUrl` in the `jupyter-config-data` JSON), e.g.
// `/static/rnnlab/plotly.min.js` or `/user/ada/static/rnnlab/plotly.min.js`.
// `<baseUrl>static/` is the server's own static handler (no token needed), which
// searches `extra_static_paths` before its built-in files; we add one folder,
// `.jupyter-prefix/static/`, holding `rnnlab/plotly.min.js` (the minified copy
// postinstall makes, else plotly.js-dist's full file) and `rnnlab/VERSION`.
//
//     const { staticServerArgs } = require("./jupyter-static");
//     spawn(python, ["-m", "notebook", ...staticServerArgs("classic"), ...]);
//
// staticServerArgs(app) prepares that folder (idempotent: copies only when the
// source changed) and returns the command-line arguments for
//   "lab"     jupyter_server 1.23 (ServerApp, e.g. with jupyterlab_server's LabServerApp),
//   "classic" the classic Notebook 6.4 (NotebookApp),
//   "hub"     jupyterhub-singleuser (JupyterHub 3.0 wraps ServerApp, or NotebookApp
//             when JUPYTERHUB_SINGLEUSER_APP says so: both are configured; the
//             other class's setting is ignored by traitlets).
"use strict";
const fs = require("fs");
const path = require("path");
const { ROOT, JUPYTER_PREFIX } = require("./paths");

/** The folder given to the server as an extra static path. */
const STATIC_ROOT = path.join(JUPYTER_PREFIX, "static");
/** Path of plotly.js below `<baseUrl>static/` (and below STATIC_ROOT). */
const PLOTLY_STATIC_PATH = "rnnlab/plotly.min.js";

/** The plotly.js file to serve: the minified cache made by postinstall when present, else the package's own file. */
function plotlySourceFile() {
  const dir = path.dirname(require.resolve("plotly.js-dist/package.json", { paths: [ROOT] }));
  const version = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
  const candidates = [path.join(dir, "plotly.min.js"), path.join(ROOT, "node_modules", ".cache", "rnnlab", `plotly-${version}.min.js`), path.join(dir, "plotly.js")];
  return { file: candidates.find((p) => fs.existsSync(p)), version };
}

/**
 * Puts plotly.js into STATIC_ROOT (a copy, written atomically; nothing happens
 * when the copy is already current). Returns the served file's path.
 */
function preparePlotlyStatic() {
  const { file, version } = plotlySourceFile();
  if (!file) throw new Error("plotly.js-dist is not installed: run `npm install`");
  const target = path.join(STATIC_ROOT, PLOTLY_STATIC_PATH);
  const src = fs.statSync(file);
  const current = fs.existsSync(target) && fs.statSync(target).size === src.size && fs.statSync(target).mtimeMs >= src.mtimeMs;
  if (!current) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    fs.copyFileSync(file, tmp);
    fs.renameSync(tmp, target);
  }
  const versionFile = path.join(path.dirname(target), "VERSION");
  if (!fs.existsSync(versionFile) || fs.readFileSync(versionFile, "utf8").trim() !== version) fs.writeFileSync(versionFile, `${version}\n`);
  return target;
}

/**
 * Command-line arguments that make a Jupyter server serve plotly.js at
 * `<baseUrl>static/rnnlab/plotly.min.js` (after preparing the file).
 * @param {"lab" | "classic" | "hub"} app
 * @returns {string[]}
 */
function staticServerArgs(app) {
  const classes = { lab: ["ServerApp"], classic: ["NotebookApp"], hub: ["ServerApp", "NotebookApp"] }[app];
  if (!classes) throw new Error(`staticServerArgs: app must be "lab", "classic" or "hub", got ${JSON.stringify(app)}`);
  preparePlotlyStatic();
  return classes.map((c) => `--${c}.extra_static_paths=${STATIC_ROOT}`);
}

module.exports = { staticServerArgs, preparePlotlyStatic, STATIC_ROOT, PLOTLY_STATIC_PATH };
