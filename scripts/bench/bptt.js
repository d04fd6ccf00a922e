#!/usr/bin/env node
// Benchmark: one BPTT training step of an LSTM (issue 3, part 8).
//
// Step = LSTM over the whole sequence (time-major [T, B, D]) → linear head on the
// last hidden state → MSE against a random [B, 1] target → backward → SGD update.
// Timed for rnnlab (float64), PyTorch 1.13 (one thread, float64 and float32, via
// /usr/bin/python3 scripts/bench/torch_lstm_step.py) and TensorFlow.js 4.22 (CPU
// backend, layers API, float32). Median over repetitions after warm-up.
//
// FLOPs per step (the issue's count): 3 · 2 · 4·H·(H+D) · B · T — forward plus a
// backward twice as expensive, 4 gates, one multiply-add = 2 flops.
//
//   node scripts/bench/bptt.js [--quick] [--no-peers]
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT, benchOptions, timeRepeated, timeRepeatedAsync, machineInfo, printTable, writeBenchJson, loadRnnlab } = require("./_common");

const CONFIGS = [
  // [H, B, T, D], targets from the issue (plain float64 typed-array loops), PyTorch and TF.js reference times (ms)
  { H: 32, B: 16, T: 50, D: 4, targetMs: 17, issueTorchMs: 4.4, issueTfjsMs: 133 },
  { H: 64, B: 32, T: 50, D: 8, targetMs: 125, issueTorchMs: 7.3, issueTfjsMs: 484 },
  { H: 128, B: 32, T: 100, D: 8, targetMs: 942, issueTorchMs: 31, issueTfjsMs: 2659 },
  { H: 256, B: 64, T: 100, D: 16, targetMs: 7397, issueTorchMs: 115, issueTfjsMs: null },
];
const BAR = 1.1; // this issue's bar: at most 1.1 × the plain-loop time

const flops = ({ H, B, T, D }) => 3 * 2 * 4 * H * (H + D) * B * T;
const key = ({ H, B, T, D }) => `H=${H} B=${B} T=${T} D=${D}`;

function plan(quick) {
  // repetitions (after warm-up) per config; the largest gets fewer to keep the bench under ~5 min
  return quick
    ? { rnnlab: [5, 3, 3, 2], warm: [1, 1, 1, 1], torch: [5, 5, 3, 3], tfjs: [3, 2, 2, 0] }
    : { rnnlab: [20, 15, 10, 5], warm: [3, 2, 1, 1], torch: [20, 15, 10, 10], tfjs: [5, 5, 3, 0] };
}

function benchRnnlab(lib, cfg, reps, warmup) {
  const { H, B, T, D } = cfg;
  // The engine's benchmark step (lib/nn/benchmarkStep.ts): SequenceModel(lstm, readout "last", mse)
  // on seeded random data; the update is rnnlab's SGD optimizer.
  let opt = null;
  const s = lib.lstmBenchmarkStep({ hiddenSize: H, batchSize: B, seqLength: T, inputSize: D, rng: new lib.Rng(0), update: () => opt.step() });
  opt = new lib.SGD(s.model.parameters(), { lr: 0.01 });
  let loss = NaN;
  const t = timeRepeated(() => (loss = s.step()), reps, warmup);
  if (s.flopsPerStep !== flops(cfg)) throw new Error(`bptt: flop counts disagree (${s.flopsPerStep} vs ${flops(cfg)})`);
  return { ...t, loss, bytesPerTimeStep: s.activationBytesPerStep, bytesPerSequence: s.activationBytesPerStep * T, kernels: lib.getKernels().name };
}

function benchTorch(configs, reps) {
  const py = "/usr/bin/python3";
  if (!fs.existsSync(py)) return { skipped: "no /usr/bin/python3" };
  const spec = JSON.stringify({ configs: configs.map((c) => [c.H, c.B, c.T, c.D]), reps, warmup: 2, dtypes: ["float64", "float32"] });
  const r = spawnSync(py, [path.join(__dirname, "torch_lstm_step.py"), spec], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) return { skipped: `PyTorch run failed: ${(r.stderr || "").trim().split("\n").slice(-1)[0]}` };
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

async function benchTfjs(cfg, reps, warmup) {
  let tf;
  try {
    // @tensorflow/tfjs 4.22 (installed under the alias @tensorflow/tfjs-node by an npm override)
    tf = require("@tensorflow/tfjs");
  } catch {
    try {
      tf = require("@tensorflow/tfjs-node");
    } catch {
      return { skipped: "TensorFlow.js not installed" };
    }
  }
  await tf.setBackend("cpu");
  await tf.ready();
  const { H, B, T, D } = cfg;
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: H, inputShape: [T, D], kernelInitializer: "glorotUniform", recurrentInitializer: "glorotUniform" }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: "meanSquaredError" });
  const x = tf.randomNormal([B, T, D]); // TF.js layers are batch-major
  const y = tf.randomNormal([B, 1]);
  const t = await timeRepeatedAsync(() => model.trainOnBatch(x, y), reps, warmup);
  x.dispose();
  y.dispose();
  model.dispose();
  return { ...t, version: tf.version.tfjs, backend: tf.getBackend() };
}

async function main() {
  const opts = benchOptions();
  const p = plan(opts.quick);
  const lib = loadRnnlab();
  const info = machineInfo();
  console.log(`BPTT benchmark: LSTM + linear head on the last state + MSE + SGD, one training step`);
  console.log(`machine: ${info.cpu}, ${info.cores} cores, node ${info.node}, load average ${info.loadAverage.join(" ")}${opts.quick ? "  (--quick)" : ""}\n`);

  const rows = [];
  const results = [];
  for (let i = 0; i < CONFIGS.length; i++) {
    const cfg = CONFIGS[i];
    process.stdout.write(`rnnlab ${key(cfg)} ...`);
    const r = benchRnnlab(lib, cfg, p.rnnlab[i], p.warm[i]);
    console.log(` ${r.medianMs.toFixed(1)} ms wall, ${r.cpuMedianMs.toFixed(1)} ms CPU (median of ${r.reps})`);
    results.push({ config: cfg, flops: flops(cfg), rnnlab: r });
  }

  let torch = { skipped: "--no-peers" };
  if (opts.peers) {
    process.stdout.write(`PyTorch (1 thread, float64 + float32) ...`);
    torch = benchTorch(CONFIGS, p.torch);
    console.log(torch.skipped ? ` skipped: ${torch.skipped}` : ` done (torch ${torch.torch})`);
  }
  for (const res of results) {
    const find = (dtype) => (torch.results ?? []).find((t) => t.H === res.config.H && t.B === res.config.B && t.T === res.config.T && t.D === res.config.D && t.dtype === dtype);
    res.torch64 = find("float64") ?? null;
    res.torch32 = find("float32") ?? null;
  }

  for (let i = 0; i < CONFIGS.length; i++) {
    const res = results[i];
    if (!opts.peers || p.tfjs[i] === 0) {
      res.tfjs = { skipped: opts.peers ? "not run for the largest size (tens of seconds per step)" : "--no-peers" };
      continue;
    }
    process.stdout.write(`TF.js CPU ${key(res.config)} ...`);
    res.tfjs = await benchTfjs(res.config, p.tfjs[i], 1);
    console.log(res.tfjs.skipped ? ` skipped: ${res.tfjs.skipped}` : ` ${res.tfjs.medianMs.toFixed(0)} ms`);
  }

  // Ratios use CPU time per step: on a shared machine the wall time includes waiting for a
  // core, the CPU time of these single-threaded steps much less so. Wall times are shown too.
  const cpuOf = (r) => (r && !r.skipped ? r.cpuMedianMs : null);
  const ratio = (a, b) => (a !== null && b !== null ? a / b : null);
  const rows2 = [];
  for (const res of results) {
    const cpu = res.rnnlab.cpuMedianMs;
    rows.push({
      "H,B,T,D": `${res.config.H},${res.config.B},${res.config.T},${res.config.D}`,
      "wall ms": res.rnnlab.medianMs,
      "cpu ms": cpu,
      "GFLOP/s": res.flops / (cpu * 1e6),
      "target ms": res.config.targetMs,
      "cpu/target": cpu / res.config.targetMs,
      [`bar ≤${BAR}×`]: cpu <= BAR * res.config.targetMs ? "met" : "NOT met",
      "KB/time step": res.rnnlab.bytesPerTimeStep / 1024,
      "MB/sequence": res.rnnlab.bytesPerSequence / 2 ** 20,
    });
    rows2.push({
      "H,B,T,D": `${res.config.H},${res.config.B},${res.config.T},${res.config.D}`,
      "rnnlab cpu ms": cpu,
      "torch f64": cpuOf(res.torch64),
      "torch f32": cpuOf(res.torch32),
      "tfjs f32": cpuOf(res.tfjs),
      "rnnlab/torch64": ratio(cpu, cpuOf(res.torch64)),
      "rnnlab/torch32": ratio(cpu, cpuOf(res.torch32)),
      "tfjs/rnnlab": ratio(cpuOf(res.tfjs), cpu),
      "torch64 wall": res.torch64 ? res.torch64.medianMs : null,
      "tfjs wall": res.tfjs && !res.tfjs.skipped ? res.tfjs.medianMs : null,
    });
  }
  console.log("\nrnnlab (float64, kernels: " + results[0].rnnlab.kernels + ")");
  printTable(rows);
  console.log("\npeers (CPU ms per step; – = not run)");
  printTable(rows2);
  console.log(
    `\nOne step = forward + backward + SGD update; median over repetitions after warm-up; GFLOP/s counts 3·2·4·H·(H+D)·B·T per step.` +
      `\ncpu ms = CPU time (user+system) of the step, used for all ratios; wall ms = elapsed time (inflated when other work shares the cores).` +
      `\ncpu/target = rnnlab / plain float64 typed-array loops (issue 3: 17, 125, 942, 7397 ms); the bar is ≤ ${BAR}×.` +
      `\nrnnlab/torch > 1: PyTorch (1 thread) is faster; tfjs/rnnlab > 1: rnnlab is faster than TF.js's CPU backend (layers API, float32).` +
      `\nKB/time step = activations BPTT keeps per time step for the backward pass (gates, h, c, layer output; float64); MB/sequence = × T.` +
      `\nrepetitions: rnnlab ${p.rnnlab.join("/")}, PyTorch ${p.torch.join("/")}, TF.js ${p.tfjs.join("/")} (0 = not run). Load average at the end: ${machineInfo().loadAverage.join(" ")}.`,
  );
  const file = writeBenchJson("bptt", { step: "LSTM + linear head (last state) + MSE + SGD", bar: BAR, plan: p, torch: torch.skipped ? torch : { version: torch.torch, threads: torch.threads }, results, table: rows, peersTable: rows2 });
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
