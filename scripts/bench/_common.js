// Helpers shared by the benchmarks in scripts/bench/ (files starting with "_" are not benchmarks).
//
// A benchmark is one file scripts/bench/<name>.js, run as its own node process by
// scripts/bench.js (or directly: `node scripts/bench/<name>.js`). It prints a table and
// writes build/bench/<name>.json with `writeBenchJson`. Options reach it via
// `benchOptions()`: `--quick` (fewer repetitions), `--no-peers` (skip PyTorch/TF.js).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const OUT_DIR = path.join(ROOT, "build", "bench");

/** Options from the command line / environment (set by scripts/bench.js). */
function benchOptions() {
  const argv = process.argv.slice(2);
  return {
    quick: argv.includes("--quick") || process.env.RNNLAB_BENCH_QUICK === "1",
    peers: !(argv.includes("--no-peers") || process.env.RNNLAB_BENCH_NO_PEERS === "1"),
  };
}

/** The median of an array of numbers. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** CPU milliseconds (user + system) this process has used so far. */
function cpuMsNow() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Wall-clock and CPU milliseconds of `fn()` (sync or async) for `reps` repetitions after
 * `warmup` untimed ones. On a machine shared with other work the wall time is inflated by
 * waiting for a core; the CPU time of a single-threaded step is much less affected.
 */
async function timeRepeatedAsync(fn, reps, warmup) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  const cpu = [];
  for (let i = 0; i < reps; i++) {
    const c0 = cpuMsNow();
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    cpu.push(cpuMsNow() - c0);
  }
  return { medianMs: median(times), minMs: Math.min(...times), cpuMedianMs: median(cpu), reps, warmup, timesMs: times, cpuMs: cpu };
}

/** As `timeRepeatedAsync`, for a synchronous `fn`. */
function timeRepeated(fn, reps, warmup) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  const cpu = [];
  for (let i = 0; i < reps; i++) {
    const c0 = cpuMsNow();
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    cpu.push(cpuMsNow() - c0);
  }
  return { medianMs: median(times), minMs: Math.min(...times), cpuMedianMs: median(cpu), reps, warmup, timesMs: times, cpuMs: cpu };
}

/** The machine the numbers were measured on, and how busy it was. */
function machineInfo() {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus.length ? cpus[0].model : "unknown",
    cores: cpus.length,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    date: new Date().toISOString(),
  };
}

/** Prints rows (objects with the same keys) as an aligned plain-text table. */
function printTable(rows, columns) {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  const cell = (v) => (v === undefined || v === null ? "–" : typeof v === "number" ? formatNumber(v) : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals) => vals.map((v, i) => v.padStart(widths[i])).join("  ");
  console.log(line(cols));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
}

function formatNumber(v) {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(2);
}

/** Writes build/bench/<name>.json and returns its path. */
function writeBenchJson(name, data) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ benchmark: name, machine: machineInfo(), ...data }, null, 2) + "\n");
  return file;
}

/**
 * The compiled library (dist/), built by scripts/bench.js before any benchmark runs.
 * RNNLAB_BENCH_DIST=<dir> loads another build instead (e.g. a copy of dist/ from before a
 * change, for before/after runs of the same benchmark script).
 */
function loadRnnlab() {
  const dist = process.env.RNNLAB_BENCH_DIST ? path.resolve(process.env.RNNLAB_BENCH_DIST, "index.js") : path.join(ROOT, "dist", "index.js");
  if (!fs.existsSync(dist)) {
    throw new Error("dist/index.js is missing: run `npm run build` (or `npm run bench`, which builds first)");
  }
  // The benchmarks also time internals that are not in the public API (kernel sets, threads,
  // benchmark steps): merged in from their modules.
  const dir = path.dirname(dist);
  const internals = ["kernels/index.js", "nn/benchmarkStep.js"].map((f) => path.join(dir, f)).filter((f) => fs.existsSync(f));
  return Object.assign({}, ...internals.map((f) => require(f)), require(dist));
}

module.exports = { ROOT, OUT_DIR, benchOptions, median, timeRepeated, timeRepeatedAsync, cpuMsNow, machineInfo, printTable, formatNumber, writeBenchJson, loadRnnlab };
