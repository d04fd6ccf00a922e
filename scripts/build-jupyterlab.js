#!/usr/bin/env node
// Builds the JupyterLab front end in jupyterlab/ (run by postinstall and by
// `npm start` when the build is missing or stale):
//
//   node scripts/build-jupyterlab.js [--production] [--force]
//
// 1. jupyterlab/node_modules from jupyterlab/package-lock.json (`npm ci`; pinned
//    versions), skipped when the lock file has not changed since the last install;
// 2. webpack into jupyterlab/build/ (development mode by default: measured
//    faster and about as large as production, see docs/tooling.md), skipped when
//    the inputs have not changed (a stamp with their hash).
// On failure the reason goes to jupyterlab/build/BUILD-FAILED.txt, which `npm
// start` shows in its one warning line before falling back to the classic Notebook.
"use strict";
const { spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const LAB = path.resolve(__dirname, "..", "jupyterlab");
const OUT = path.join(LAB, "build");
const STAMP = path.join(OUT, "BUILD-STAMP");
const FAILED = path.join(OUT, "BUILD-FAILED.txt");
const INSTALL_STAMP = path.join(LAB, "node_modules", ".rnnlab-lock-hash");
/** Files whose content decides the bundle. */
const INPUTS = ["package.json", "package-lock.json", "index.js", "webpack.config.js"];

function hashOf(files) {
  const h = crypto.createHash("sha256");
  for (const f of files) h.update(f).update("\0").update(fs.readFileSync(path.join(LAB, f))).update("\0");
  return h.digest("hex").slice(0, 16);
}

/** Why the build must be (re)made, or null when jupyterlab/build/ is current. */
function labBuildStale(mode = "development") {
  if (!fs.existsSync(path.join(OUT, "bundle.js"))) return "jupyterlab/build/bundle.js is missing";
  const want = `${mode} ${hashOf(INPUTS)}`;
  const have = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, "utf8").trim() : "";
  return have === want ? null : "jupyterlab/ changed since the last build";
}

/** The reason the last build failed (one line), or null. */
function labBuildFailure() {
  if (!fs.existsSync(FAILED)) return null;
  return fs.readFileSync(FAILED, "utf8").split("\n")[0].trim() || "unknown reason";
}

function run(cmd, args, what) {
  const t0 = Date.now();
  // Without the npm_* variables of an enclosing `npm install` (its prefix and
  // lifecycle settings would make the inner npm act on the project's root).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const r = spawnSync(cmd, args, { cwd: LAB, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 1 << 28 });
  const out = `${r.stdout || ""}${r.stderr || ""}`;
  if (r.status !== 0) {
    const tail = out.trim().split("\n").slice(-25).join("\n");
    const first = out.split("\n").find((l) => /error/i.test(l)) || tail.split("\n").pop() || `exit ${r.status}`;
    throw Object.assign(new Error(`${what} failed (exit ${r.status ?? r.signal}): ${first.trim()}`), { detail: tail });
  }
  return (Date.now() - t0) / 1000;
}

/**
 * Installs and builds when needed. Returns { ok, built, seconds, reason? }; never
 * throws (a failed build leaves the classic Notebook usable).
 */
function buildJupyterLab({ mode = "development", force = false, log = console.log } = {}) {
  const t0 = Date.now();
  try {
    const stale = force ? "--force" : labBuildStale(mode);
    if (!stale) return { ok: true, built: false, seconds: 0 };
    fs.mkdirSync(OUT, { recursive: true });
    if (fs.existsSync(FAILED)) fs.rmSync(FAILED);
    const lockHash = hashOf(["package-lock.json"]);
    const installed = fs.existsSync(INSTALL_STAMP) && fs.readFileSync(INSTALL_STAMP, "utf8").trim() === lockHash;
    if (!installed) {
      log("rnnlab: installing the JupyterLab front end's packages (jupyterlab/package-lock.json) ...");
      const s = run(process.platform === "win32" ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], "npm ci in jupyterlab/");
      fs.writeFileSync(INSTALL_STAMP, `${lockHash}\n`);
      log(`rnnlab: JupyterLab packages installed (${s.toFixed(1)} s)`);
    }
    log(`rnnlab: building JupyterLab (${mode}; ${stale}) ...`);
    const webpackCli = path.join(LAB, "node_modules", "webpack-cli", "bin", "cli.js");
    const s = run(process.execPath, [webpackCli, `--mode=${mode}`], "webpack build of jupyterlab/");
    fs.writeFileSync(STAMP, `${mode} ${hashOf(INPUTS)}\n`);
    return { ok: true, built: true, seconds: (Date.now() - t0) / 1000, buildSeconds: s };
  } catch (err) {
    try {
      fs.mkdirSync(OUT, { recursive: true });
      fs.writeFileSync(FAILED, `${err.message}\n\n${err.detail || ""}\n`);
    } catch {
      /* the message below still says it */
    }
    return { ok: false, built: false, seconds: (Date.now() - t0) / 1000, reason: err.message };
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const bad = argv.filter((a) => a !== "--production" && a !== "--force");
  if (bad.length) {
    console.error(`build-jupyterlab: unknown option ${bad.join(" ")} (known: --production, --force)`);
    process.exit(2);
  }
  const r = buildJupyterLab({ mode: argv.includes("--production") ? "production" : "development", force: argv.includes("--force") });
  if (!r.ok) {
    console.error(`rnnlab: JupyterLab build failed: ${r.reason} (details: ${path.relative(process.cwd(), FAILED)})`);
    process.exit(1);
  }
  console.log(r.built ? `rnnlab: JupyterLab built in ${r.seconds.toFixed(1)} s (jupyterlab/build/)` : "rnnlab: JupyterLab build is up to date");
}

module.exports = { buildJupyterLab, labBuildStale, labBuildFailure, LAB, OUT };
