#!/usr/bin/env node
// TensorFlow.js peer of the kernel benchmark (scripts/bench/kernels.js runs this in its own
// process, one backend per process; not a benchmark by itself).
//
// One training step = the step of scripts/bench/bptt.js: tf.layers.lstm over [B, T, D] → dense(1)
// on the last state → MSE → SGD(0.01), `model.trainOnBatch` (float32, TF.js's only CPU dtype).
//
//   node scripts/bench/_tfjs_lstm_step.js '{"backend": "cpu" | "wasm", "threads": 1, "configs": [[H,B,T,D], ...], "reps": [...], "warmup": 1 | [...]}'
//
// Prints one JSON line: {version, backend, threads, threadsNote, results: [{H,B,T,D, medianMs, cpuMedianMs, reps} | {skipped}]}.
// The WebAssembly backend (@tensorflow/tfjs-backend-wasm) runs its SIMD build; its threaded build
// needs Web Workers made from blob: URLs, which Node's worker_threads refuse (ERR_WORKER_PATH), so
// in Node it runs on one thread whatever `threads` asks (reported in threadsNote).
"use strict";
const path = require("path");
const { timeRepeatedAsync } = require("./_common");

async function main() {
  const spec = JSON.parse(process.argv[2] || "{}");
  const backend = spec.backend || "cpu";
  let tf;
  try {
    tf = require("@tensorflow/tfjs"); // (installed as @tensorflow/tfjs-node by an npm alias)
  } catch {
    tf = require("@tensorflow/tfjs-node");
  }
  let threadsNote = backend === "cpu" ? "the CPU backend is single-threaded JavaScript" : "";
  if (backend === "wasm") {
    const wasm = require("@tensorflow/tfjs-backend-wasm");
    wasm.setWasmPaths(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm")) + "/");
    if ((spec.threads || 1) > 1) {
      try {
        wasm.setThreadsCount(spec.threads);
      } catch (e) {
        threadsNote = `setThreadsCount failed: ${e.message}`;
      }
    }
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to initialise`);
  await tf.ready();
  let threads = 1;
  if (backend === "wasm") {
    const wasm = require("@tensorflow/tfjs-backend-wasm");
    threads = wasm.getThreadsCount();
    const mt = tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT");
    if (!threadsNote) threadsNote = mt ? "" : "no multithread support in Node (the threaded build needs blob: Web Workers): SIMD, 1 thread";
  }
  const results = [];
  const configs = spec.configs || [];
  for (let i = 0; i < configs.length; i++) {
    const [H, B, T, D] = configs[i];
    const reps = (spec.reps || [])[i] ?? 3;
    if (reps === 0) {
      results.push({ H, B, T, D, skipped: "not run at this size (too slow for the run's time budget)" });
      continue;
    }
    const model = tf.sequential();
    model.add(tf.layers.lstm({ units: H, inputShape: [T, D], kernelInitializer: "glorotUniform", recurrentInitializer: "glorotUniform" }));
    model.add(tf.layers.dense({ units: 1 }));
    model.compile({ optimizer: tf.train.sgd(0.01), loss: "meanSquaredError" });
    const x = tf.randomNormal([B, T, D]);
    const y = tf.randomNormal([B, 1]);
    const warmup = Array.isArray(spec.warmup) ? spec.warmup[i] : (spec.warmup ?? 1);
    const t = await timeRepeatedAsync(() => model.trainOnBatch(x, y), reps, warmup);
    x.dispose();
    y.dispose();
    model.dispose();
    results.push({ H, B, T, D, medianMs: t.medianMs, cpuMedianMs: t.cpuMedianMs, reps });
  }
  console.log(JSON.stringify({ version: tf.version.tfjs, backend: tf.getBackend(), threads, threadsNote, results }));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
