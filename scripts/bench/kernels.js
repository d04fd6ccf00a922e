#!/usr/bin/env node
// Benchmark: the kernel sets side by side in one run (issue 8; threads and the float32 set were
// removed in session 5, issue 17: no notebook gained from them, see README's performance section).
//
// 1. The LSTM BPTT training step of the engine benchmark (lib/nn/benchmarkStep.ts: LSTM →
//    linear head on the last state → MSE → SGD) at the four sizes, with the WebAssembly SIMD
//    kernels (float64), repetitions interleaved with the typed-array reference (full mode,
//    H ≤ 128). Peers in the same run unless --no-peers: PyTorch (torch.set_num_threads(1),
//    float64 and float32, scripts/bench/torch_lstm_step.py), TensorFlow.js CPU backend and
//    WebAssembly backend (scripts/bench/_tfjs_lstm_step.js).
// 2. A random rate network of N = 1000 units, 10⁴ forward-Euler steps of
//    h ← h + Δt(−h + J tanh(h)), J ~ N(0, g²/N), g = 1.5, Δt = 0.1: the library's
//    simulateRandomNetwork (float64, resident J), ResidentMatVec.eulerTanhSteps (every step in
//    WebAssembly) and the plain loops. Target: < 2 s.
// Reports medians of wall time and CPU time. Ratios use CPU time (less affected by the shared
// machine), except against PyTorch: its process CPU time is about twice its wall time even with
// set_num_threads(1) (a second thread of its own is busy), so that ratio uses wall time.
//
//   node scripts/bench/kernels.js [--quick] [--no-peers | --no-tfjs] [--only=bptt,rate] [--sizes=32,64]
//
// --only runs some parts (default both); --sizes the BPTT sizes with these H (default all
// four); --no-tfjs keeps PyTorch but skips TF.js (whose CPU backend takes ~30 s per step at
// H = 256). RNNLAB_BENCH_DIST=<dir> benchmarks another build of the library (see _common.js).
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ROOT, benchOptions, median, cpuMsNow, machineInfo, printTable, writeBenchJson, loadRnnlab } = require("./_common");

const CONFIGS = [
  // [H, B, T, D]; the issue's targets for float32 vs PyTorch float32 at equal threads: ≤ 1, 2, 3, 5 ×
  { H: 32, B: 16, T: 50, D: 4, torchRatioTarget: 1 },
  { H: 64, B: 32, T: 50, D: 8, torchRatioTarget: 2 },
  { H: 128, B: 32, T: 100, D: 8, torchRatioTarget: 3 },
  { H: 256, B: 64, T: 100, D: 16, torchRatioTarget: 5 },
];
const TFJS_CPU_TARGET = 10; // at least 10× faster than TF.js's CPU backend
const TFJS_WASM_TARGET = 3; // at least 3× faster than TF.js's WebAssembly backend
const RATE_TARGET_S = 2;
const key = (c) => `${c.H},${c.B},${c.T},${c.D}`;

function plan(quick) {
  return quick
    ? { reps: [3, 2, 1, 1], warm: [1, 1, 1, 0], torch: [3, 2, 1, 1], tfjsCpu: [1, 1, 0, 0], tfjsCpuWarm: [1, 0, 0, 0], tfjsWasm: [1, 1, 1, 0], tfjsWasmWarm: [1, 1, 0, 0], reference: false, rateSteps: 1000, rateReps: 1, refSteps: 200 }
    : { reps: [15, 9, 5, 3], warm: [3, 1, 1, 1], torch: [10, 7, 5, 3], tfjsCpu: [3, 2, 1, 1], tfjsCpuWarm: [1, 1, 1, 0], tfjsWasm: [5, 3, 3, 2], tfjsWasmWarm: [1, 1, 1, 1], reference: true, rateSteps: 10000, rateReps: 3, refSteps: 1000 };
}

/** Times `fns` (name → fn) interleaved: reps rounds of one call each, after `warmup` rounds. */
function timeInterleaved(fns, reps, warmup) {
  const names = Object.keys(fns);
  for (let w = 0; w < warmup; w++) for (const n of names) fns[n]();
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < reps; r++) {
    for (const n of names) {
      const c0 = cpuMsNow();
      const t0 = process.hrtime.bigint();
      fns[n]();
      wall[n].push(Number(process.hrtime.bigint() - t0) / 1e6);
      cpu[n].push(cpuMsNow() - c0);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { medianMs: median(wall[n]), cpuMedianMs: median(cpu[n]), reps }]));
}

/** The kernel sets compared: name → Kernels (null = not available here). */
function kernelSets(lib) {
  return { "f64 1t": lib.createWasmKernels() };
}

function benchBptt(lib, cfg, reps, warmup, withReference) {
  const { H, B, T, D } = cfg;
  const make = () => lib.lstmBenchmarkStep({ hiddenSize: H, batchSize: B, seqLength: T, inputSize: D, rng: new lib.Rng(0) });
  const sets = kernelSets(lib);
  const fns = {};
  const steps = {};
  if (withReference) sets.reference = lib.typedArrayKernels;
  for (const [name, kernels] of Object.entries(sets)) {
    if (!kernels) continue;
    steps[name] = make();
    fns[name] = () => {
      lib.setKernels(kernels);
      steps[name].step();
    };
  }
  // the same seeded model and data: the SIMD and reference losses agree to rounding
  const first = {};
  for (const name of Object.keys(fns)) {
    lib.setKernels(sets[name]);
    first[name] = steps[name].step();
  }
  if (first.reference !== undefined && Math.abs(first.reference - first["f64 1t"]) > 1e-10 * (1 + Math.abs(first.reference))) throw new Error("kernels bench: SIMD and reference losses differ");
  const t = timeInterleaved(fns, reps, warmup);
  lib.setKernels(lib.typedArrayKernels);
  return { times: t, flops: steps["f64 1t"].flopsPerStep, firstLosses: first };
}

function runJson(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) return { skipped: `failed: ${(r.stderr || "").trim().split("\n").slice(-1)[0]}` };
  try {
    return JSON.parse(r.stdout.trim().split("\n").pop());
  } catch (e) {
    return { skipped: `unreadable output: ${e.message}` };
  }
}

function benchTorch(reps) {
  const py = "/usr/bin/python3";
  if (!fs.existsSync(py)) return { skipped: "no /usr/bin/python3" };
  const spec = JSON.stringify({ configs: CONFIGS.map((c) => [c.H, c.B, c.T, c.D]), reps, warmup: 1, dtypes: ["float64", "float32"], threads: [1] });
  return runJson(py, [path.join(__dirname, "torch_lstm_step.py"), spec]);
}

function benchTfjs(backend, reps, warmup) {
  const spec = JSON.stringify({ backend, threads: 2, configs: CONFIGS.map((c) => [c.H, c.B, c.T, c.D]), reps, warmup });
  return runJson(process.execPath, [path.join(__dirname, "_tfjs_lstm_step.js"), spec]);
}

function timeOnce(fn) {
  const c0 = cpuMsNow();
  const t0 = process.hrtime.bigint();
  const out = fn();
  return { out, wallS: Number(process.hrtime.bigint() - t0) / 1e9, cpuS: (cpuMsNow() - c0) / 1000 };
}

function benchRateNetwork(lib, p) {
  const N = 1000;
  const steps = p.rateSteps;
  const scale = 10000 / steps;
  const dt = 0.1;
  const g = 1.5;
  const rng = new lib.Rng(5);
  const J = rng.normalArray(N * N, 0, g / Math.sqrt(N));
  const h0 = rng.normalArray(N);
  const simulate = (n) => lib.simulateRandomNetwork({ j: J, n: N, steps: n, dt, h0, recordEvery: 100, rng: new lib.Rng(1) }).finalState;
  // the plain loops of simulateRandomNetwork (the resident products switched off), a short run scaled
  lib.setDynamicsResidentProducts(false);
  const ref = timeOnce(() => simulate(p.refSteps));
  lib.setDynamicsResidentProducts(true);
  const agree1 = simulate(p.refSteps);
  let maxDiff = 0;
  for (let i = 0; i < N; i++) maxDiff = Math.max(maxDiff, Math.abs(agree1[i] - ref.out[i]));
  const mvFused = lib.createResidentMatVec(J, N, N);
  const fused = (n) => {
    const h = Float64Array.from(h0);
    for (let s = 0; s < n; s += 100) mvFused.eulerTanhSteps(h, dt, Math.min(100, n - s)); // as a loop recording every 100 steps
    return h;
  };
  const variants = {
    "simulateRandomNetwork (resident J)": () => simulate(steps),
    "eulerTanhSteps (all in WebAssembly)": () => fused(steps),
  };
  const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, { wall: [], cpu: [] }]));
  for (let r = 0; r < p.rateReps; r++) {
    for (const [name, fn] of Object.entries(variants)) {
      const t = timeOnce(fn);
      runs[name].wall.push(t.wallS * scale);
      runs[name].cpu.push(t.cpuS * scale);
    }
  }
  mvFused.dispose();
  const out = {};
  for (const name of Object.keys(variants)) {
    out[name] = { wallS: median(runs[name].wall), cpuS: median(runs[name].cpu), wallRunsS: runs[name].wall, cpuRunsS: runs[name].cpu };
  }
  return {
    N,
    steps: 10000,
    measuredSteps: steps,
    dt,
    g,
    reference: { measuredSteps: p.refSteps, wallS: ref.wallS * (10000 / p.refSteps), cpuS: ref.cpuS * (10000 / p.refSteps) },
    variants: out,
    maxAbsDifferenceVsPlainLoops: maxDiff,
    targetS: RATE_TARGET_S,
  };
}

/** --only=… and --sizes=… (see the header). */
function partsAndSizes() {
  const arg = (name) => {
    const a = process.argv.slice(2).find((x) => x.startsWith(`--${name}=`));
    return a ? a.slice(name.length + 3).split(",").filter((x) => x !== "") : null;
  };
  const only = arg("only") ?? ["bptt", "rate"];
  for (const o of only) if (!["bptt", "rate"].includes(o)) throw new Error(`kernels bench: --only takes bptt, rate; got ${o}`);
  const sizes = arg("sizes");
  return { only: new Set(only), sizes: sizes ? new Set(sizes.map(Number)) : null };
}

function main() {
  const opts = benchOptions();
  const parts = partsAndSizes();
  const p = plan(opts.quick);
  const lib = loadRnnlab();
  const info = machineInfo();
  const loadStart = os.loadavg();
  console.log(`Kernel benchmark (issue 8): WebAssembly SIMD kernels (float64, 1 thread) beside the reference loops, PyTorch and TF.js`);
  console.log(`machine: ${info.cpu}, ${info.cores} cores, node ${info.node}, load average ${info.loadAverage.join(" ")}${opts.quick ? "  (--quick)" : ""}`);
  console.log("");

  const results = [];
  for (let i = 0; i < CONFIGS.length && parts.only.has("bptt"); i++) {
    const cfg = CONFIGS[i];
    if (parts.sizes && !parts.sizes.has(cfg.H)) continue;
    process.stdout.write(`LSTM BPTT step ${key(cfg)} ...`);
    const r = benchBptt(lib, cfg, p.reps[i], p.warm[i], p.reference && cfg.H <= 128);
    const s = (n) => (r.times[n] ? `${n} ${r.times[n].cpuMedianMs.toFixed(1)} cpu / ${r.times[n].medianMs.toFixed(1)} wall` : `${n} –`);
    console.log(` ms: ${["f64 1t", "reference"].filter((n) => r.times[n]).map(s).join(", ")}`);
    results.push({ config: cfg, ...r });
  }

  let torch = { skipped: "--no-peers" };
  let tfjsCpu = { skipped: "--no-peers" };
  let tfjsWasm = { skipped: "--no-peers" };
  if (opts.peers && results.length) {
    process.stdout.write("PyTorch (1 thread, float64 + float32) ...");
    torch = benchTorch(p.torch);
    console.log(torch.skipped ? ` skipped: ${torch.skipped}` : ` done (torch ${torch.torch})`);
    if (process.argv.includes("--no-tfjs")) {
      tfjsCpu = tfjsWasm = { skipped: "--no-tfjs" };
    } else {
      process.stdout.write("TF.js CPU backend ...");
      tfjsCpu = benchTfjs("cpu", p.tfjsCpu, p.tfjsCpuWarm);
      console.log(tfjsCpu.skipped ? ` skipped: ${tfjsCpu.skipped}` : ` done (tfjs ${tfjsCpu.version}; ${tfjsCpu.threadsNote})`);
      process.stdout.write("TF.js WebAssembly backend ...");
      tfjsWasm = benchTfjs("wasm", p.tfjsWasm, p.tfjsWasmWarm);
      console.log(tfjsWasm.skipped ? ` skipped: ${tfjsWasm.skipped}` : ` done (${tfjsWasm.threadsNote || `${tfjsWasm.threads} threads`})`);
    }
  }
  const same = (c, t) => t.H === c.H && t.B === c.B && t.T === c.T && t.D === c.D;
  const torchOf = (c, dtype, threads) => (torch.results ?? []).find((t) => same(c, t) && t.dtype === dtype && t.threads === threads) ?? null;
  const tfjsOf = (res, c) => {
    const t = (res.results ?? []).find((x) => same(c, x));
    return t && !t.skipped ? t : null;
  };
  const ratio = (a, b) => (a != null && b != null ? a / b : null);
  const verdict = (x, ok) => (x == null ? "–" : ok(x) ? "met" : "NOT met");

  const rows1 = [];
  const rowsTf = [];
  for (const r of results) {
    const c = r.config;
    const t = r.times;
    const cpu = (n) => (t[n] ? t[n].cpuMedianMs : null);
    const wall = (n) => (t[n] ? t[n].medianMs : null);
    const t64x1 = torchOf(c, "float64", 1);
    const t32x1 = torchOf(c, "float32", 1);
    r.peers = { torch32x1: t32x1, torch64x1: t64x1, tfjsCpu: tfjsOf(tfjsCpu, c), tfjsWasm: tfjsOf(tfjsWasm, c) };
    rows1.push({
      "H,B,T,D": key(c),
      "ref cpu": cpu("reference"),
      "f64 cpu": cpu("f64 1t"),
      "ref/f64": ratio(cpu("reference"), cpu("f64 1t")),
      "f64 wall": wall("f64 1t"),
      "torch64 wall": t64x1 && t64x1.medianMs,
      "torch32 wall": t32x1 && t32x1.medianMs,
      "f64/torch64 wall": ratio(wall("f64 1t"), t64x1 && t64x1.medianMs),
      "f64/torch32 wall": ratio(wall("f64 1t"), t32x1 && t32x1.medianMs),
      "f64 GFLOP/s": r.flops / (cpu("f64 1t") * 1e6),
    });
    const tc = r.peers.tfjsCpu;
    const tw = r.peers.tfjsWasm;
    rowsTf.push({
      "H,B,T,D": key(c),
      "tfjs cpu ms": tc && tc.cpuMedianMs,
      "tfjs wasm ms": tw && tw.cpuMedianMs,
      "tfjs-cpu/f64": ratio(tc && tc.cpuMedianMs, cpu("f64 1t")),
      [`≥${TFJS_CPU_TARGET}×`]: verdict(ratio(tc && tc.cpuMedianMs, cpu("f64 1t")), (x) => x >= TFJS_CPU_TARGET),
      "tfjs-wasm/f64": ratio(tw && tw.cpuMedianMs, cpu("f64 1t")),
      [`≥${TFJS_WASM_TARGET}×`]: verdict(ratio(tw && tw.cpuMedianMs, cpu("f64 1t")), (x) => x >= TFJS_WASM_TARGET),
    });
  }
  if (results.length) {
    console.log("\nLSTM BPTT step (forward + backward + SGD), 1 thread, ms per step (median): ref = typed-array loops (the default), f64 = WebAssembly SIMD (useFastKernels()); ours as CPU time, against PyTorch by wall time");
    printTable(rows1);
    console.log(`\nTensorFlow.js (float32, layers API: ${tfjsWasm.threadsNote || tfjsCpu.threadsNote || "–"}), CPU ms per step; ratio > 1: this library is faster`);
    printTable(rowsTf);
  }

  let rate = null;
  let rateRows = null;
  if (parts.only.has("rate")) {
    process.stdout.write(`\nrate network N = 1000, 10⁴ Euler steps (${p.rateReps} run(s) each${p.rateSteps < 10000 ? `, ${p.rateSteps} steps scaled ×${10000 / p.rateSteps}` : ""}) ...`);
    rate = benchRateNetwork(lib, p);
    console.log(" done");
    rateRows = [{ variant: "plain loops (simulateRandomNetwork, resident off)", "wall s": rate.reference.wallS, "cpu s": rate.reference.cpuS, "steps/s (wall)": 10000 / rate.reference.wallS, "< 2 s": verdict(rate.reference.cpuS, (x) => x < RATE_TARGET_S), note: `scaled from ${rate.reference.measuredSteps} steps; cpu judged` }];
    for (const [name, v] of Object.entries(rate.variants)) {
      rateRows.push({ variant: name, "wall s": v.wallS, "cpu s": v.cpuS, "steps/s (wall)": 10000 / v.wallS, "< 2 s": verdict(v.cpuS, (x) => x < RATE_TARGET_S), note: "cpu judged" });
    }
    printTable(rateRows);
    console.log(`max |h_SIMD − h_plain| after ${rate.reference.measuredSteps} steps: ${rate.maxAbsDifferenceVsPlainLoops.toExponential(2)}`);
  }
  const loadEnd = os.loadavg();
  console.log(
    `\ncpu = CPU time (user+system of the process); wall = elapsed time (inflated when other work shares the cores).` +
      `\nOur times and TF.js as CPU time, against PyTorch by wall time. All variants of a size are interleaved, so they see the same load.` +
      `\nLoad average (1, 5, 15 min): start ${loadStart.map((x) => x.toFixed(2)).join(" ")}, end ${loadEnd.map((x) => x.toFixed(2)).join(" ")} (${info.cores} cores).`,
  );
  const partial = parts.only.size < 2 || parts.sizes;
  const file = writeBenchJson(partial ? "kernels-partial" : "kernels", {
    parts: [...parts.only],
    sizes: parts.sizes ? [...parts.sizes] : "all",
    quick: opts.quick,
    plan: p,
    loadAverageStart: loadStart,
    loadAverageEnd: loadEnd,
    torch: torch.skipped ? torch : { version: torch.torch, threads: torch.threads },
    tfjs: { cpu: tfjsCpu.skipped ? tfjsCpu : { version: tfjsCpu.version, threadsNote: tfjsCpu.threadsNote }, wasm: tfjsWasm.skipped ? tfjsWasm : { version: tfjsWasm.version, threads: tfjsWasm.threads, threadsNote: tfjsWasm.threadsNote } },
    bptt: results,
    table1Thread: rows1,
    tableTfjs: rowsTf,
    rateNetwork: rate,
    rateTable: rateRows,
  });
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

main();
