#!/usr/bin/env node
// `npm run bench [-- <name> ...] [-- --quick] [-- --no-peers] [-- --no-build]`
//
// Runs every benchmark in scripts/bench/ (each `<name>.js` there is one benchmark;
// files starting with "_" and non-.js files are helpers), one node process each, in
// alphabetical order, or only the ones named on the command line (`npm run bench -- bptt`).
// Each benchmark prints its own table and writes build/bench/<name>.json. The library
// is compiled first (tsc -p tsconfig.build.json → dist/) unless --no-build is given.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const BENCH_DIR = path.join(__dirname, "bench");

function listBenchmarks() {
  return fs
    .readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(".js") && !f.startsWith("_"))
    .map((f) => f.slice(0, -3))
    .sort();
}

function build() {
  console.log("bench: compiling lib/ into dist/ ...");
  const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8" });
  // tsc emits even when some folder has type errors; only a missing dist is fatal.
  if (tsc.status !== 0) console.log(`bench: tsc reported type errors (${(tsc.stdout.match(/error TS/g) ?? []).length}); continuing with what was emitted`);
  const link = spawnSync(process.execPath, [path.join(__dirname, "link-package.js")], { cwd: ROOT, encoding: "utf8" });
  if (!fs.existsSync(path.join(ROOT, "dist", "index.js"))) {
    console.error("bench: dist/index.js was not produced; cannot benchmark");
    console.error(tsc.stdout, link.stderr);
    process.exit(1);
  }
}

function main() {
  const args = process.argv.slice(2);
  const flags = args.filter((a) => a.startsWith("--"));
  const names = args.filter((a) => !a.startsWith("--"));
  const all = listBenchmarks();
  const unknown = names.filter((n) => !all.includes(n.replace(/\.js$/, "")));
  if (unknown.length) {
    console.error(`bench: unknown benchmark(s) ${unknown.join(", ")}; available: ${all.join(", ")}`);
    process.exit(2);
  }
  const chosen = names.length ? names.map((n) => n.replace(/\.js$/, "")) : all;
  if (!flags.includes("--no-build")) build();
  const summary = [];
  for (const name of chosen) {
    console.log(`\n=== benchmark: ${name} ===`);
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [path.join(BENCH_DIR, `${name}.js`), ...flags.filter((f) => f !== "--no-build")], { cwd: ROOT, stdio: "inherit" });
    summary.push({ name, ok: r.status === 0, seconds: (Date.now() - t0) / 1000 });
  }
  console.log("\n=== summary ===");
  for (const s of summary) console.log(`${s.ok ? "ok    " : "FAILED"}  ${s.name}  (${s.seconds.toFixed(1)} s)  build/bench/${s.name}.json`);
  process.exit(summary.every((s) => s.ok) ? 0 : 1);
}

main();
