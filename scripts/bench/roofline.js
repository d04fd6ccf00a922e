#!/usr/bin/env node
// Roofline of this machine for WebAssembly SIMD (issue 8): measured peaks, not estimates.
//
//   node scripts/bench/roofline.js [--quick] [--no-threads]
//
// 1. Arithmetic peak of one core: register-resident chains acc ← acc·m + a (one mul and one add
//    per v128; WebAssembly SIMD has no fused multiply–add), f64x2 and f32x4, 8 and 12
//    independent chains (microkernels in scripts/bench/roofline.as.ts, compiled here with the
//    flags of scripts/build-wasm.js into build/bench/roofline.wasm).
// 2. Streaming read bandwidth: a buffer read over and over (as y = J x reads J every Euler
//    step): 8 MB (J at N = 1000 in float64) and 4 MB (float32), plus 512 KB (fits L2) and
//    64 MB (beyond L3) and 16 KB (L1) for context; 1 thread, and 2 threads (each reads its own
//    half, started together; aggregate bandwidth = bytes of both / the slower thread's time);
//    readOr, the same read with 1-cycle integer ors, shows where the add-read is core-bound.
// 3. The library's resident y += J x at N = 1000 (float64 and float32) against 1. and 2.; the
//    lower bound of 10⁴ such products on one core (max of the memory and arithmetic bounds); the
//    whole simulation (10⁴ Euler steps) by simulateRandomNetwork and with every step in
//    WebAssembly (ResidentMatVec.eulerTanhSteps), float64, 1 thread.
// 4. The library's SIMD products at the shapes of the four BPTT benchmark sizes (float64 and
//    float32 sets): GFLOP/s against the measured peak.
// Medians over repeats of CPU time (wall time for the 2-thread reads); load average printed at
// start and end. Writes build/bench/roofline.json.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { Worker } = require("worker_threads");
const { ROOT, OUT_DIR, benchOptions, median, printTable, writeBenchJson, loadRnnlab } = require("./_common");

const SRC = path.join(__dirname, "roofline.as.ts");
const OUT = path.join(OUT_DIR, "roofline.wasm");

/** Compiles roofline.as.ts (same flags as the library's kernels) unless the .wasm is newer. */
function buildModule() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  if (fs.existsSync(OUT) && fs.statSync(OUT).mtimeMs > fs.statSync(SRC).mtimeMs) return fs.readFileSync(OUT);
  const asc = require.resolve("assemblyscript/bin/asc.js", { paths: [ROOT] });
  const r = spawnSync(process.execPath, [asc, SRC, "-O3", "--noAssert", "--runtime", "stub", "--enable", "simd", "-o", OUT], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`asc failed on roofline.as.ts\n${r.stdout}\n${r.stderr}`);
  return fs.readFileSync(OUT);
}

function instantiate(bytes) {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
}

/** A byte region of `bytes` (128-aligned) in the instance's memory, filled with small numbers. */
function region(ex, bytes, f32) {
  const base = (ex.heapBase() + 127) & ~127;
  const need = base + bytes;
  const have = ex.memory.buffer.byteLength;
  if (need > have) ex.memory.grow(Math.ceil((need - have) / 65536));
  const view = f32 ? new Float32Array(ex.memory.buffer, base, bytes / 4) : new Float64Array(ex.memory.buffer, base, bytes / 8);
  for (let i = 0; i < view.length; i++) view[i] = ((i % 1000) - 500) * 1e-3;
  return base;
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
/** CPU time of this thread's process (user + system), ms: unlike wall time it does not count the
 * time the machine's other jobs hold the core (the single-thread measurements use it). */
const cpuNowMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Median of `reps` CPU timings (ms) of fn(), after three warm-up calls (V8 compiles WebAssembly
 * with its baseline compiler first and tiers up to the optimizing one in the background). */
function timeMs(fn, reps) {
  for (let i = 0; i < 3; i++) fn();
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const t0 = cpuNowMs();
    fn();
    ts.push(cpuNowMs() - t0);
  }
  return { median: median(ts), min: Math.min(...ts), all: ts };
}

function peaks(ex, reps, quick) {
  const iters = quick ? 2e6 : 5e6;
  const out = [];
  for (const [fn, flopsPerIter, lanes] of [["peakF64x2_12", 48, "f64x2"], ["peakF64x2_8", 32, "f64x2"], ["peakF32x4_12", 96, "f32x4"], ["peakF32x4_8", 64, "f32x4"]]) {
    let sink = 0;
    const t = timeMs(() => (sink += ex[fn](iters, 1.5)), reps);
    if (!Number.isFinite(sink)) throw new Error(`${fn}: non-finite result`);
    const gflops = (flopsPerIter * iters) / (t.median * 1e6);
    out.push({ kernel: fn, lanes, chains: fn.endsWith("12") ? 12 : 8, "ms (median)": t.median, "GFLOP/s (median)": gflops, "GFLOP/s (best)": (flopsPerIter * iters) / (t.min * 1e6), "mul+add per ns": gflops / 2 });
  }
  return out;
}

/** 1-thread streaming read: GB/s (median) of `bytes` read `passes` times per call. */
function readBandwidth(ex, fn, bytes, reps, quick) {
  const p = region(ex, bytes, fn === "readF32x4");
  const passes = Math.max(1, Math.round((quick ? 2e8 : 6e8) / bytes));
  for (let i = 0; i < 20; i++) ex[fn](p, bytes, Math.max(1, passes >> 4)); // let V8 tier up first
  const t = timeMs(() => ex[fn](p, bytes, passes), reps);
  return { gbs: (bytes * passes) / (t.median * 1e6), best: (bytes * passes) / (t.min * 1e6), nsPerPass: (t.median * 1e6) / passes };
}

const WORKER_CODE = `
const { parentPort, workerData } = require("worker_threads");
const { bytes, fn, size, passes, reps, flag } = workerData;
const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
const base = (ex.heapBase() + 127) & ~127;
const need = base + size;
if (need > ex.memory.buffer.byteLength) ex.memory.grow(Math.ceil((need - ex.memory.buffer.byteLength) / 65536));
const view = fn === "readF32x4" ? new Float32Array(ex.memory.buffer, base, size / 4) : new Float64Array(ex.memory.buffer, base, size / 8);
for (let i = 0; i < view.length; i++) view[i] = ((i % 1000) - 500) * 1e-3;
ex[fn](base, size, 1);
const f = new Int32Array(flag);
const times = [];
for (let r = 0; r < reps; r++) {
  Atomics.add(f, 1, 1); Atomics.notify(f, 1);
  while (Atomics.load(f, 0) !== r + 1) Atomics.wait(f, 0, r);
  const t0 = process.hrtime.bigint();
  ex[fn](base, size, passes);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
parentPort.postMessage(times);
`;

/**
 * 2-thread streaming read: the main thread and one worker each read their own `bytes / 2`
 * (own instance and memory) `passes` times, starting together each repetition.
 */
async function readBandwidth2(bytesWasm, ex, fn, bytes, reps, quick) {
  const half = bytes / 2;
  const p = region(ex, half, fn === "readF32x4");
  const passes = Math.max(1, Math.round((quick ? 2e8 : 6e8) / bytes));
  ex[fn](p, half, 1);
  const flag = new SharedArrayBuffer(8);
  const f = new Int32Array(flag);
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: { bytes: bytesWasm, fn, size: half, passes, reps, flag } });
  const done = new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const mine = [];
  for (let r = 0; r < reps; r++) {
    // wait until the worker is ready for round r, then start both
    while (Atomics.load(f, 1) < r + 1) Atomics.wait(f, 1, Atomics.load(f, 1), 1000);
    Atomics.store(f, 0, r + 1);
    Atomics.notify(f, 0);
    const t0 = nowMs();
    ex[fn](p, half, passes);
    mine.push(nowMs() - t0);
  }
  const theirs = await done;
  await worker.terminate();
  const slower = mine.map((t, i) => Math.max(t, theirs[i]));
  const m = median(slower);
  return { gbs: (bytes * passes) / (m * 1e6), mainMs: median(mine), workerMs: median(theirs) };
}

function residentMatVec(lib, reps) {
  const N = 1000;
  const rng = new lib.Rng(3);
  const J = rng.normalArray(N * N, 0, 1 / Math.sqrt(N));
  const x = rng.normalArray(N);
  const y = new Float64Array(N);
  const out = {};
  for (const precision of ["float64", "float32"]) {
    const mv = lib.createResidentMatVec(J, N, N, { precision, threads: 1 });
    const calls = 200;
    const t = timeMs(() => {
      for (let i = 0; i < calls; i++) mv.multiplyAccumulate(y, x);
    }, reps);
    mv.dispose();
    const us = (t.median * 1e3) / calls;
    out[precision] = { us, gbs: ((precision === "float64" ? 8 : 4) * N * N) / (us * 1e3), gflops: (2 * N * N) / (us * 1e3) };
  }
  return out;
}

/**
 * The N = 1000 simulation (10⁴ Euler steps of h ← h + Δt(−h + J tanh h), J ~ N(0, 1.5²/N),
 * Δt = 0.1) two ways, interleaved, CPU s (median of `reps`): the library's simulateRandomNetwork
 * (float64, 1 thread: tanh and the Euler update in JavaScript, J·tanh(h) by the resident SIMD
 * product) and ResidentMatVec.eulerTanhSteps (the whole loop in WebAssembly: SIMD tanh,
 * matvecRows, Euler update), in chunks of 100 steps as a simulation that records every 100 steps
 * would call it. Also their agreement after 100 steps.
 */
function simulation(lib, quick) {
  const N = 1000;
  const steps = quick ? 2000 : 10000;
  const reps = quick ? 1 : 3;
  const rng = new lib.Rng(5);
  const J = rng.normalArray(N * N, 0, 1.5 / Math.sqrt(N));
  const h0 = rng.normalArray(N);
  lib.setKernelThreads(1);
  const mv = lib.createResidentMatVec(J, N, N, { threads: 1 });
  const fusedRun = (n) => {
    const h = Float64Array.from(h0);
    for (let s = 0; s < n; s += 100) mv.eulerTanhSteps(h, 0.1, Math.min(100, n - s));
    return h;
  };
  const libRun = (n) => lib.simulateRandomNetwork({ j: J, n: N, steps: n, dt: 0.1, h0, recordEvery: 100, rng: new lib.Rng(1) }).finalState;
  const a = fusedRun(100);
  const b = libRun(100);
  let diff = 0;
  for (let i = 0; i < N; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
  const times = { library: [], fused: [] };
  for (let r = 0; r < reps; r++) {
    for (const [name, fn] of [["library", libRun], ["fused", fusedRun]]) {
      const c0 = process.cpuUsage();
      fn(steps);
      const c = process.cpuUsage(c0);
      times[name].push(((c.user + c.system) / 1e6) * (10000 / steps));
    }
  }
  mv.dispose();
  return { steps, reps, libraryS: median(times.library), fusedS: median(times.fused), maxAbsDiffAfter100: diff };
}

/** The SIMD products at the shapes of one BPTT benchmark size. */
function productShapes(c) {
  const { H, B, T, D } = c;
  const G = 4 * H;
  return [
    { what: "input projection X·W_ihᵀ", m: T * B, k: D, n: G, tA: false, tB: true },
    { what: "forward step h·W_hhᵀ", m: B, k: H, n: G, tA: false, tB: true },
    { what: "backward step δ·W_hh", m: B, k: G, n: H, tA: false, tB: false },
    { what: "weight gradient δᵀ·H", m: G, k: T * B, n: H, tA: true, tB: false },
  ];
}

function products(lib, quick) {
  const configs = [
    { H: 32, B: 16, T: 50, D: 4 },
    { H: 64, B: 32, T: 50, D: 8 },
    { H: 128, B: 32, T: 100, D: 8 },
    { H: 256, B: 64, T: 100, D: 16 },
  ];
  const rng = new lib.Rng(4);
  const sets = { f64: lib.wasmKernels("float64"), f32: lib.wasmKernels("float32") };
  const rows = [];
  for (const c of configs) {
    for (const s of productShapes(c)) {
      const A = rng.normalArray(s.m * s.k);
      const Bm = rng.normalArray(s.k * s.n);
      const C = new Float64Array(s.m * s.n);
      const flops = 2 * s.m * s.k * s.n;
      const calls = Math.max(1, Math.round((quick ? 2e7 : 6e7) / flops));
      const row = { "H,B,T,D": `${c.H},${c.B},${c.T},${c.D}`, product: s.what, "m×k×n": `${s.m}×${s.k}×${s.n}` };
      for (const [name, k] of Object.entries(sets)) {
        const t = timeMs(() => {
          for (let i = 0; i < calls; i++) k.matmulAccumulate(C, 0, A, 0, Bm, 0, s.m, s.k, s.n, s.tA, s.tB);
        }, quick ? 3 : 5);
        row[`${name} GFLOP/s`] = (flops * calls) / (t.median * 1e6);
      }
      rows.push(row);
    }
  }
  return rows;
}

async function main() {
  const opts = benchOptions();
  const quick = opts.quick;
  const threads = !process.argv.includes("--no-threads");
  const reps = quick ? 5 : 9;
  const loadStart = os.loadavg();
  const cpuMHz = (() => {
    try {
      const m = /cpu MHz\s*:\s*([\d.]+)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
      return m ? Number(m[1]) : null;
    } catch {
      return null;
    }
  })();
  console.log(`Roofline (issue 8): WebAssembly SIMD on ${os.cpus()[0].model}, ${os.cpus().length} cores, node ${process.version}, nominal ${cpuMHz ?? "?"} MHz`);
  console.log(`load average at start: ${loadStart.map((x) => x.toFixed(2)).join(" ")}${quick ? "  (--quick)" : ""}\n`);
  const bytesWasm = buildModule();
  const ex = instantiate(bytesWasm);

  for (const fn of ["peakF64x2_12", "peakF64x2_8", "peakF32x4_12", "peakF32x4_8"]) for (let i = 0; i < 20; i++) ex[fn](1e5, 1.5); // tier up
  const peak = peaks(ex, reps, quick);
  console.log("1. arithmetic peak, one core (register resident; mul + add, no FMA in WebAssembly SIMD)");
  printTable(peak);

  const bw = [];
  for (const [label, fn, bytes] of [["16 KB (L1)", "readF64x2", 16 << 10], ["512 KB (L2)", "readF64x2", 512 << 10], ["4 MB f32 (J float32, N=1000)", "readF32x4", 4e6], ["8 MB f64 (J float64, N=1000)", "readF64x2", 8e6], ["64 MB (beyond L3)", "readF64x2", 64 << 20]]) {
    const one = readBandwidth(ex, fn, bytes, reps, quick);
    const or = readBandwidth(ex, "readOr", bytes, reps, quick);
    const row = { buffer: label, kernel: fn, "1 thread GB/s": one.gbs, "1 thread best": one.best, "µs per pass": one.nsPerPass / 1e3, "readOr GB/s": or.gbs };
    if (threads) {
      const two = await readBandwidth2(bytesWasm, ex, fn, bytes, reps, quick);
      row["2 threads GB/s"] = two.gbs;
      row["2t/1t"] = two.gbs / one.gbs;
    }
    bw.push(row);
  }
  console.log("\n2. streaming read bandwidth (buffer read repeatedly; 2 threads: each its own half)");
  printTable(bw);

  const lib = loadRnnlab();
  const mv = residentMatVec(lib, reps);
  const peak64 = Math.max(...peak.filter((r) => r.lanes === "f64x2").map((r) => r["GFLOP/s (median)"]));
  const peak32 = Math.max(...peak.filter((r) => r.lanes === "f32x4").map((r) => r["GFLOP/s (median)"]));
  const bw8 = bw.find((r) => r.buffer.startsWith("8 MB"));
  const bw4 = bw.find((r) => r.buffer.startsWith("4 MB"));
  const steps = 1e4;
  const bound = (bytes, gbs, gflops) => {
    const mem = (steps * bytes) / (gbs * 1e9);
    const arith = (steps * 2e6) / (gflops * 1e9);
    return { memoryS: mem, arithmeticS: arith, boundS: Math.max(mem, arith) };
  };
  // the memory side: the faster of the two reads (the add-read is core-bound where readOr beats it)
  const rd = (row, key) => Math.max(row[key], row["readOr GB/s"] ?? 0);
  const b64 = bound(8e6, rd(bw8, "1 thread GB/s"), peak64);
  const b32 = bound(4e6, rd(bw4, "1 thread GB/s"), peak32);
  const b64x2 = threads ? bound(8e6, bw8["2 threads GB/s"], 2 * peak64) : null;
  const mvRows = [
    { precision: "float64", "µs per y += J x": mv.float64.us, "GB/s of J": mv.float64.gbs, "GFLOP/s": mv.float64.gflops, "% of read BW": (100 * mv.float64.gbs) / rd(bw8, "1 thread GB/s"), "% of peak": (100 * mv.float64.gflops) / peak64, "10⁴ products s": (mv.float64.us * steps) / 1e6, "bound s (memory, arith)": `${b64.boundS.toFixed(2)} (${b64.memoryS.toFixed(2)}, ${b64.arithmeticS.toFixed(2)})` },
    { precision: "float32", "µs per y += J x": mv.float32.us, "GB/s of J": mv.float32.gbs, "GFLOP/s": mv.float32.gflops, "% of read BW": (100 * mv.float32.gbs) / rd(bw4, "1 thread GB/s"), "% of peak": (100 * mv.float32.gflops) / peak32, "10⁴ products s": (mv.float32.us * steps) / 1e6, "bound s (memory, arith)": `${b32.boundS.toFixed(2)} (${b32.memoryS.toFixed(2)}, ${b32.arithmeticS.toFixed(2)})` },
  ];
  console.log("\n3. the library's resident y += J x, N = 1000, 1 thread; lower bound of 10⁴ products on one core = max(memory, arithmetic)");
  printTable(mvRows);
  if (b64x2) console.log(`   float64 on 2 cores (measured 2-thread read bandwidth, 2× peak): bound ${b64x2.boundS.toFixed(2)} s`);
  const sim = simulation(lib, quick);
  console.log(
    `   the whole simulation, 10⁴ steps, float64, 1 thread, CPU s (median of ${sim.reps}${sim.steps < 10000 ? `, ${sim.steps} steps scaled` : ""}): ` +
      `simulateRandomNetwork ${sim.libraryS.toFixed(2)} s; ResidentMatVec.eulerTanhSteps (every step in WebAssembly) ${sim.fusedS.toFixed(2)} s ` +
      `(max |Δh| after 100 steps ${sim.maxAbsDiffAfter100.toExponential(1)})`,
  );

  const prod = products(lib, quick);
  for (const r of prod) {
    r["f64 % of peak"] = (100 * r["f64 GFLOP/s"]) / peak64;
    r["f32 % of peak"] = (100 * r["f32 GFLOP/s"]) / peak32;
  }
  console.log(`\n4. the library's SIMD products at the BPTT sizes (copies in/out included), 1 thread; peak f64x2 ${peak64.toFixed(1)}, f32x4 ${peak32.toFixed(1)} GFLOP/s`);
  printTable(prod);

  const loadEnd = os.loadavg();
  console.log(`\nload average (1, 5, 15 min): start ${loadStart.map((x) => x.toFixed(2)).join(" ")}, end ${loadEnd.map((x) => x.toFixed(2)).join(" ")}`);
  const file = writeBenchJson("roofline", { quick, reps, loadAverageStart: loadStart, loadAverageEnd: loadEnd, cpuMHz, peak, bandwidth: bw, residentMatVec: mvRows, bounds: { float64: b64, float32: b32, float64TwoCores: b64x2 }, simulation: sim, products: prod });
  console.log(`wrote ${path.relative(ROOT, file)}`);
  lib.disposeKernelThreads();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
