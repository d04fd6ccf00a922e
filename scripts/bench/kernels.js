#!/usr/bin/env node
// Benchmark: the kernel sets side by side in one run (issue 8).
//
// 1. The LSTM BPTT training step of the engine benchmark (lib/nn/benchmarkStep.ts: LSTM →
//    linear head on the last state → MSE → SGD) at the four sizes, with the typed-array
//    reference kernels and with the WebAssembly SIMD kernels, repetitions interleaved
//    (ref, fast, ref, fast, ...) so both see the same machine load. PyTorch (1 thread,
//    float64 and float32) is timed in the same run through scripts/bench/torch_lstm_step.py
//    unless --no-peers.
// 2. A random rate network of N = 1000 units, 10⁴ forward-Euler steps of
//    h ← h + Δt(−h + J tanh(h)), J ~ N(0, g²/N), g = 1.5, Δt = 0.1: plain loops vs the SIMD
//    matrix–vector product on a resident J (createResidentMatVec). Target: < 2 s.
// Reports medians of wall time and CPU time (process.cpuUsage; the machine is shared).
//
//   node scripts/bench/kernels.js [--quick] [--no-peers]
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT, benchOptions, median, cpuMsNow, machineInfo, printTable, writeBenchJson, loadRnnlab } = require("./_common");

const CONFIGS = [
  // [H, B, T, D]; the targets for float32 vs PyTorch float32, 1 thread: ≤ 1, 2, 3, 5 ×
  { H: 32, B: 16, T: 50, D: 4, torchRatioTarget: 1 },
  { H: 64, B: 32, T: 50, D: 8, torchRatioTarget: 2 },
  { H: 128, B: 32, T: 100, D: 8, torchRatioTarget: 3 },
  { H: 256, B: 64, T: 100, D: 16, torchRatioTarget: 5 },
];
const key = (c) => `${c.H},${c.B},${c.T},${c.D}`;

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

function benchBptt(lib, cfg, reps, warmup) {
  const { H, B, T, D } = cfg;
  const make = () => lib.lstmBenchmarkStep({ hiddenSize: H, batchSize: B, seqLength: T, inputSize: D, rng: new lib.Rng(0) });
  const refStep = make();
  const fastStep = make();
  const f32Step = make();
  const fast = lib.wasmKernels();
  const fast32 = lib.wasmKernels("float32");
  const ref = lib.typedArrayKernels;
  // the same seeded model and data: the first losses must agree to rounding
  lib.setKernels(ref);
  const l0 = refStep.step();
  lib.setKernels(fast ?? ref);
  const l1 = fastStep.step();
  if (Math.abs(l0 - l1) > 1e-10 * (1 + Math.abs(l0))) throw new Error(`kernels bench: losses differ (${l0} vs ${l1})`);
  const t = timeInterleaved(
    {
      reference: () => {
        lib.setKernels(ref);
        refStep.step();
      },
      fast: () => {
        lib.setKernels(fast ?? ref);
        fastStep.step();
      },
      fast32: () => {
        lib.setKernels(fast32 ?? ref);
        f32Step.step();
      },
    },
    reps,
    warmup,
  );
  lib.setKernels(ref);
  return { ...t, flops: refStep.flopsPerStep, lossDifference: Math.abs(l0 - l1) };
}

function benchTorch(reps) {
  const py = "/usr/bin/python3";
  if (!fs.existsSync(py)) return { skipped: "no /usr/bin/python3" };
  const spec = JSON.stringify({ configs: CONFIGS.map((c) => [c.H, c.B, c.T, c.D]), reps, warmup: 1, dtypes: ["float64", "float32"] });
  const r = spawnSync(py, [path.join(__dirname, "torch_lstm_step.py"), spec], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) return { skipped: `PyTorch run failed: ${(r.stderr || "").trim().split("\n").slice(-1)[0]}` };
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

/** N-unit rate network, `steps` Euler steps; `matvec(y, x)` adds J·x into y. Returns final h. */
function simulate(N, steps, dt, h0, matvec) {
  const h = Float64Array.from(h0);
  const r = new Float64Array(N);
  const Jr = new Float64Array(N);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < N; i++) r[i] = Math.tanh(h[i]);
    Jr.fill(0);
    matvec(Jr, r);
    for (let i = 0; i < N; i++) h[i] += dt * (Jr[i] - h[i]);
  }
  return h;
}

function plainMatvec(J, N) {
  return (y, x) => {
    for (let i = 0; i < N; i++) {
      const row = i * N;
      let s = 0;
      for (let j = 0; j < N; j++) s += J[row + j] * x[j];
      y[i] += s;
    }
  };
}

function timeOnce(fn) {
  const c0 = cpuMsNow();
  const t0 = process.hrtime.bigint();
  const out = fn();
  return { out, wallS: Number(process.hrtime.bigint() - t0) / 1e9, cpuS: (cpuMsNow() - c0) / 1000 };
}

function benchRateNetwork(lib, quick) {
  const N = 1000;
  const steps = 10000;
  const dt = 0.1;
  const g = 1.5;
  const rng = new lib.Rng(5);
  const J = rng.normalArray(N * N, 0, g / Math.sqrt(N));
  const h0 = rng.normalArray(N);
  // reference loops: a shorter run, scaled to 10⁴ steps (time is linear in the step count)
  const refSteps = quick ? 500 : 2000;
  const ref = timeOnce(() => simulate(N, refSteps, dt, h0, plainMatvec(J, N)));
  const mv = lib.createResidentMatVec(J, N, N);
  const check = simulate(N, refSteps, dt, h0, (y, x) => mv.multiplyAccumulate(y, x));
  let maxDiff = 0;
  for (let i = 0; i < N; i++) maxDiff = Math.max(maxDiff, Math.abs(check[i] - ref.out[i]));
  const fast = timeOnce(() => simulate(N, steps, dt, h0, (y, x) => mv.multiplyAccumulate(y, x)));
  // float32 J, state and sums (four lanes): half the memory traffic, twice the lanes; not exact
  const mv32 = lib.createResidentMatVec(J, N, N, { precision: "float32" });
  const fast32 = timeOnce(() => simulate(N, steps, dt, h0, (y, x) => mv32.multiplyAccumulate(y, x)));
  const scale = steps / refSteps;
  return {
    N,
    steps,
    dt,
    g,
    reference: { measuredSteps: refSteps, wallS: ref.wallS * scale, cpuS: ref.cpuS * scale },
    fast: { wallS: fast.wallS, cpuS: fast.cpuS },
    fast32: { wallS: fast32.wallS, cpuS: fast32.cpuS },
    maxAbsDifferenceAfterRefSteps: maxDiff,
    targetS: 2,
  };
}

function main() {
  const opts = benchOptions();
  const lib = loadRnnlab();
  const info = machineInfo();
  const fast = lib.wasmKernels();
  console.log(`Kernel benchmark: typed-array reference vs ${fast ? fast.name : "(WebAssembly SIMD unavailable: fallback)"}, float64, 1 thread`);
  console.log(`machine: ${info.cpu}, ${info.cores} cores, node ${info.node}, load average ${info.loadAverage.join(" ")}${opts.quick ? "  (--quick)" : ""}\n`);
  const reps = opts.quick ? [5, 3, 3, 2] : [15, 9, 5, 3];
  const warm = opts.quick ? [1, 1, 1, 0] : [3, 1, 1, 1];
  const results = [];
  for (let i = 0; i < CONFIGS.length; i++) {
    process.stdout.write(`LSTM BPTT step ${key(CONFIGS[i])} ...`);
    const r = benchBptt(lib, CONFIGS[i], reps[i], warm[i]);
    console.log(` reference ${r.reference.cpuMedianMs.toFixed(1)} ms CPU, fast ${r.fast.cpuMedianMs.toFixed(1)} ms CPU, fast float32 products ${r.fast32.cpuMedianMs.toFixed(1)} ms CPU`);
    results.push({ config: CONFIGS[i], ...r });
  }
  let torch = { skipped: "--no-peers" };
  if (opts.peers) {
    process.stdout.write("PyTorch (1 thread, float64 + float32) ...");
    torch = benchTorch(opts.quick ? [5, 3, 3, 2] : [10, 7, 5, 3]);
    console.log(torch.skipped ? ` skipped: ${torch.skipped}` : ` done (torch ${torch.torch})`);
  }
  const torchOf = (c, dtype) => (torch.results ?? []).find((t) => t.H === c.H && t.B === c.B && t.T === c.T && t.D === c.D && t.dtype === dtype) ?? null;
  const rows = results.map((r) => {
    const t64 = torchOf(r.config, "float64");
    const t32 = torchOf(r.config, "float32");
    const f = r.fast.cpuMedianMs;
    r.torch64 = t64;
    r.torch32 = t32;
    return {
      "H,B,T,D": key(r.config),
      "ref wall": r.reference.medianMs,
      "ref cpu": r.reference.cpuMedianMs,
      "fast wall": r.fast.medianMs,
      "fast cpu": f,
      "ref/fast": r.reference.cpuMedianMs / f,
      "fast GFLOP/s": r.flops / (f * 1e6),
      "torch64 cpu": t64 ? t64.cpuMedianMs : null,
      "torch32 cpu": t32 ? t32.cpuMedianMs : null,
      "fast/torch64": t64 ? f / t64.cpuMedianMs : null,
      "fast/torch32": t32 ? f / t32.cpuMedianMs : null,
      "f32 cpu": r.fast32.cpuMedianMs,
      "f32/torch32": t32 ? r.fast32.cpuMedianMs / t32.cpuMedianMs : null,
      "f64/f32": f / r.fast32.cpuMedianMs,
      "target vs t32": `≤${r.config.torchRatioTarget}×`,
    };
  });
  console.log("\nLSTM BPTT step (forward + backward + SGD), ms per step (median); fast = SIMD float64, f32 = SIMD products in float32 (states and gates float64)");
  printTable(rows);

  process.stdout.write("\nrate network N = 1000, 10⁴ Euler steps ...");
  const rate = benchRateNetwork(lib, opts.quick);
  console.log(" done");
  const rateRows = [
    { kernels: "typed-array loops", "wall s": rate.reference.wallS, "cpu s": rate.reference.cpuS, "steps/s (cpu)": rate.steps / rate.reference.cpuS, "target < 2 s": rate.reference.cpuS < 2 ? "met" : "NOT met", note: `scaled from ${rate.reference.measuredSteps} steps` },
    { kernels: "wasm-simd resident J", "wall s": rate.fast.wallS, "cpu s": rate.fast.cpuS, "steps/s (cpu)": rate.steps / rate.fast.cpuS, "target < 2 s": rate.fast.cpuS < 2 ? "met" : "NOT met", note: "full 10⁴ steps, float64" },
    { kernels: "wasm-simd resident J float32", "wall s": rate.fast32.wallS, "cpu s": rate.fast32.cpuS, "steps/s (cpu)": rate.steps / rate.fast32.cpuS, "target < 2 s": rate.fast32.cpuS < 2 ? "met" : "NOT met", note: "float32 J, x and sums" },
  ];
  printTable(rateRows);
  console.log(`max |h_fast − h_ref| after ${rate.reference.measuredSteps} steps: ${rate.maxAbsDifferenceAfterRefSteps.toExponential(2)}`);
  console.log(
    `\ncpu = CPU time (user+system, process.cpuUsage) — used for every ratio; wall = elapsed time (inflated by the shared machine).` +
      `\nref/fast > 1: the SIMD kernels are faster. f32 = the same step with wasm-simd-f32 (matrix products rounded to float32; pointwise, states and parameters float64): the closest this library has to the issue's float32 step.` +
      `\nReference and fast repetitions are interleaved. Load average at the end: ${machineInfo().loadAverage.join(" ")}.`,
  );
  const file = writeBenchJson("kernels", { quick: opts.quick, kernels: fast ? fast.name : "unavailable", torch: torch.skipped ? torch : { version: torch.torch, threads: torch.threads }, bptt: results, bpttTable: rows, rateNetwork: rate, rateTable: rateRows });
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

main();
