// Paths and names shared by the project's scripts.
"use strict";
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const JUPYTER_PREFIX = path.join(ROOT, ".jupyter-prefix");
const JUPYTER_PATH = path.join(JUPYTER_PREFIX, "share", "jupyter");

module.exports = {
  ROOT,
  JUPYTER_PREFIX,
  JUPYTER_PATH,
  KERNEL_NAME: "rnnlab",
  KERNEL_DISPLAY_NAME: "TypeScript (rnnlab)",
  NOTEBOOKS: path.join(ROOT, "notebooks"),
  BUILD: path.join(ROOT, "build"),
  /** Environment for any Jupyter process started by the project's scripts. */
  jupyterEnv(extra = {}) {
    const prev = process.env.JUPYTER_PATH;
    return { ...process.env, JUPYTER_PATH: prev ? `${JUPYTER_PATH}${path.delimiter}${prev}` : JUPYTER_PATH, ...extra };
  },
};
