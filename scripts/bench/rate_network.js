#!/usr/bin/env node
// Benchmark: neural-dynamics workloads (issue 5, parts 1 and 3).
//
// 1. Echo state network state updates: 2000 steps of a reservoir of N = 200, 500, 1000 units
//    with sparse W (CSR) at density 0.02 and 0.1, beside the same update with a dense
//    row-major matrix–vector product (what CSR saves at low density).
// 2. Building a reservoir (random sparse W + exact spectral radius by the linalg eigenvalue
//    solver + rescaling) and fitting a ridge readout on 2000 states (closed form, ml-matrix solve).
// 3. One BPTT step of a leaky RateNetwork (forward Euler, α = 0.2) with a readout, as used in training.
// Median wall time (and CPU time) over repetitions after warm-up.
//
//   node scripts/bench/rate_network.js [--quick]
"use strict";
const { benchOptions, timeRepeated, printTable, writeBenchJson, loadRnnlab } = require("./_common");

function denseRun(W, Win, bias, N, u, leak) {
  // the dense reference of EchoStateNetwork.run: h ← (1 − a) h + a tanh(W h + W_in u + b)
  let h = new Float64Array(N);
  const next = new Float64Array(N);
  for (let t = 0; t < u.length; t++) {
    for (let i = 0; i < N; i++) {
      let s = bias[i] + Win[i] * u[t];
      const row = i * N;
      for (let j = 0; j < N; j++) s += W[row + j] * h[j];
      next[i] = (1 - leak) * h[i] + leak * Math.tanh(s);
    }
    h.set(next);
  }
  return h;
}

function main() {
  const { quick } = benchOptions();
  const lib = loadRnnlab();
  const reps = quick ? 3 : 7;
  const sizes = quick ? [200, 500] : [200, 500, 1000];
  const steps = 2000;
  const u = new lib.Rng(1).uniformArray(steps, -0.5, 0.5);

  const runRows = [];
  const buildRows = [];
  for (const N of sizes) {
    for (const density of [0.02, 0.1]) {
      const t0 = process.hrtime.bigint();
      const esn = new lib.EchoStateNetwork({ reservoirSize: N, spectralRadius: 0.9, density, leakRate: 0.5, rng: new lib.Rng(2) });
      const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const sparse = timeRepeated(() => esn.run(u), reps, 1);
      const Wd = lib.csrToDense(esn.W);
      const dense = timeRepeated(() => denseRun(Wd, esn.Win, esn.bias, N, u, 0.5), quick ? 2 : 3, 1);
      runRows.push({
        N,
        density,
        nonzeros: esn.W.values.length,
        "CSR run ms": sparse.medianMs,
        "CSR cpu ms": sparse.cpuMedianMs,
        "dense run ms": dense.medianMs,
        "dense / CSR": dense.medianMs / sparse.medianMs,
      });
      if (density === 0.1) {
        const states = esn.run(u);
        const fit = timeRepeated(() => esn.fit(states, u, { ridge: 1e-6, washout: 100 }), quick ? 1 : 3, 0);
        buildRows.push({ N, "build ms (incl. eigenvalues)": buildMs, "ridge fit ms (T = 2000)": fit.medianMs });
      }
    }
  }
  console.log(`ESN state updates, ${steps} steps`);
  printTable(runRows);
  console.log("\nESN construction and readout fit");
  printTable(buildRows);

  const bpttRows = [];
  for (const [N, B, T] of [[32, 16, 50], [64, 16, 50], [128, 16, 50]]) {
    const rng = new lib.Rng(3);
    const net = new lib.RateNetwork({ inputSize: 2, hiddenSize: N, dt: 0.2, rng });
    const batch = { x: rng.normalArray(T * B * 2), T, B, D: 2 };
    const target = rng.normalArray(T * B);
    const params = net.parameters();
    const step = timeRepeated(() => {
      lib.zeroGrad(params);
      net.lossAndGrad(batch, target);
    }, reps, 1);
    bpttRows.push({ N, B, T, "loss+grad ms": step.medianMs, "cpu ms": step.cpuMedianMs });
  }
  console.log("\nRateNetwork BPTT step (forward Euler, alpha = 0.2)");
  printTable(bpttRows);
  const file = writeBenchJson("rate_network", { quick, esnRun: runRows, esnBuild: buildRows, rateNetworkBptt: bpttRows });
  console.log(`\nwrote ${file}`);
}

main();
