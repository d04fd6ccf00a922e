// Debian packages the workbook needs, and how to get them.
//
// Jupyter's client tools come from Debian here (the Python package index is not
// reachable). Debian's interpreter is /usr/bin/python3; the `python3` first on
// PATH may be another interpreter without Jupyter.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");

const PYTHON = process.env.RNNLAB_PYTHON || "/usr/bin/python3";

/** Python modules checked, and the Debian package that provides each. */
const JUPYTER = [
  { module: "jupyter_client", deb: "jupyter-client", pip: "jupyter_client" },
  { module: "nbclient", deb: "python3-nbclient", pip: "nbclient" },
  { module: "nbformat", deb: "python3-nbformat", pip: "nbformat" },
  { module: "nbconvert", deb: "python3-nbconvert", pip: "nbconvert" },
  { module: "IPython", deb: "python3-ipython", pip: "ipython" },
  { module: "notebook", deb: "jupyter-notebook", pip: "notebook" },
  // The server side of the project's JupyterLab (jupyterlab/server.py; its front end is built from npm).
  { module: "jupyter_server", deb: "python3-jupyter-server", pip: "jupyter_server" },
  { module: "jupyterlab_server", deb: "python3-jupyterlab-server", pip: "jupyterlab_server" },
];

function pythonHas(mod) {
  if (!fs.existsSync(PYTHON)) return false;
  const r = spawnSync(PYTHON, ["-c", `import ${mod}`], { stdio: "ignore" });
  return r.status === 0;
}

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

let aptUpdated = false;
function aptInstall(debs) {
  if (!aptUpdated) {
    console.log("rnnlab setup: apt-get update");
    const u = spawnSync("apt-get", ["update", "-q"], { stdio: "inherit" });
    if (u.status !== 0) throw new Error("apt-get update failed (exit " + u.status + ")");
    aptUpdated = true;
  }
  console.log("rnnlab setup: apt-get install -y " + debs.join(" "));
  const r = spawnSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...debs], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (r.status !== 0) throw new Error("apt-get install failed (exit " + r.status + ")");
}

/**
 * Makes sure Debian packages are present. `missing` is a list of
 * { deb, pip? } entries already known to be missing. As root: installs them
 * with apt. Otherwise: prints the exact command and exits non-zero.
 */
function ensure(missing, purpose) {
  if (missing.length === 0) return;
  const debs = [...new Set(missing.map((m) => m.deb))];
  if (isRoot() && process.env.RNNLAB_NO_APT !== "1") {
    aptInstall(debs);
    return;
  }
  console.error(`rnnlab setup: ${purpose} needs Debian packages that are missing: ${debs.join(", ")}.`);
  console.error(`Install them as root with:\n\n  sudo apt-get update && sudo apt-get install -y ${debs.join(" ")}\n`);
  const pips = missing.filter((m) => m.pip).map((m) => m.pip);
  if (pips.length) console.error(`(or, on a machine with the Python package index: ${PYTHON} -m pip install ${pips.join(" ")})`);
  process.exit(1);
}

/** The entries of `mods` whose module Debian's Python cannot import (one interpreter start for all). */
function missingModules(mods) {
  if (!fs.existsSync(PYTHON)) return mods;
  const code = "import importlib.util as u, sys\nprint(' '.join(m for m in sys.argv[1:] if u.find_spec(m) is None))";
  const r = spawnSync(PYTHON, ["-c", code, ...mods.map((m) => m.module)], { encoding: "utf8" });
  if (r.status !== 0) return mods.filter((m) => !pythonHas(m.module));
  const missing = new Set(r.stdout.trim().split(/\s+/).filter(Boolean));
  return mods.filter((m) => missing.has(m.module));
}

function ensureJupyter() {
  ensure(missingModules(JUPYTER), "Jupyter");
  const still = missingModules(JUPYTER);
  if (still.length) {
    console.error("rnnlab setup: still missing after install: " + still.map((m) => m.module).join(", "));
    process.exit(1);
  }
}

const CHROMIUM = "/usr/bin/chromium";
function ensureChromium() {
  if (!fs.existsSync(CHROMIUM)) ensure([{ deb: "chromium" }], "The browser tests");
}

/** Where Debian's libjs-mathjax (MathJax 2) may live; the offline book copies what it needs from it. */
const MATHJAX_DIRS = ["/usr/share/javascript/mathjax", "/usr/share/nodejs/mathjax"];
function findMathJax() {
  return MATHJAX_DIRS.find((d) => fs.existsSync(`${d}/MathJax.js`)) ?? null;
}
/** Makes sure a local MathJax 2 exists (for LaTeX in the offline book); returns its folder. */
function ensureMathJax() {
  if (!findMathJax()) ensure([{ deb: "libjs-mathjax" }], "The offline HTML book");
  const dir = findMathJax();
  if (!dir) {
    console.error("rnnlab setup: libjs-mathjax is installed but MathJax.js was not found in " + MATHJAX_DIRS.join(" or "));
    process.exit(1);
  }
  return dir;
}

/**
 * Swiss-Prot and EMBL test entries of Debian's emboss-test: the source of datasets/composition
 * and of notebook 19 (lib/realdata reads them at run time). Required: see REAL_DATA.
 */
const EMBOSS_SWISSPROT = "/usr/share/EMBOSS/test/swiss/seq.dat";
const EMBOSS_EMBL_HUMAN = "/usr/share/EMBOSS/test/embl/hum1.dat";
function ensureEmbossTestData() {
  if (fs.existsSync(EMBOSS_SWISSPROT) && fs.existsSync(EMBOSS_EMBL_HUMAN)) return;
  if (isRoot() && process.env.RNNLAB_NO_APT !== "1") return aptInstall(["emboss-test"]);
  console.error(
    "rnnlab setup: WARNING: emboss-test is not installed; notebook 19, the Swiss-Prot/EMBL tests and the composition " +
      "re-extraction test will fail. As root: apt-get update && apt-get install -y emboss-test",
  );
}

/**
 * The teaching lab's and the Slurm grading test's Debian packages (JupyterHub with PAM; slurmctld,
 * slurmd, munge): their tests start the daemons themselves, as root.
 */
const CLASSROOM_DEBS = ["jupyterhub", "python3-pamela", "slurm-wlm", "munge"];
function ensureClassroomDebs() {
  const missing = CLASSROOM_DEBS.filter((d) => spawnSync("dpkg", ["-s", d], { stdio: "ignore" }).status !== 0);
  if (missing.length) ensure(missing.map((deb) => ({ deb })), "The teaching-lab and Slurm grading tests");
}

/**
 * Real data sets read by lib/realdata from Debian packages (not redistributed in the
 * repository; sources and licences in datasets/README.md): one file checked per package.
 */
const REAL_DATA = [
  { file: "/usr/lib/python3/dist-packages/nitime/data/grasshopper_stimulus1.txt", deb: "python3-nitime" },
  { file: "/usr/lib/python3/dist-packages/scipy/misc/ecg.dat", deb: "python3-scipy" },
  { file: EMBOSS_SWISSPROT, deb: "emboss-test" },
  { file: EMBOSS_EMBL_HUMAN, deb: "emboss-test" },
];
/**
 * Installs the packages of the real data sets when missing (as root). Otherwise prints the
 * exact apt-get command; with `required` (the tests) it then exits non-zero, since the
 * real-data notebooks and tests cannot run without them.
 */
function ensureRealData({ required = false } = {}) {
  const missing = REAL_DATA.filter((d) => !fs.existsSync(d.file));
  if (missing.length === 0) return;
  const debs = [...new Set(missing.map((d) => d.deb))];
  if (required || (isRoot() && process.env.RNNLAB_NO_APT !== "1")) return ensure(missing.map((d) => ({ deb: d.deb })), "The real-data notebooks and their tests");
  console.log(`rnnlab setup: the real-data notebooks need Debian packages that are missing: ${debs.join(", ")}. As root: apt-get update && apt-get install -y ${debs.join(" ")}`);
}


module.exports = { CLASSROOM_DEBS, ensureClassroomDebs, PYTHON, CHROMIUM, EMBOSS_SWISSPROT, EMBOSS_EMBL_HUMAN, REAL_DATA, ensureJupyter, ensureChromium, ensureMathJax, ensureEmbossTestData, ensureRealData, findMathJax, pythonHas, isRoot };
