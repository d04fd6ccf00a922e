#!/usr/bin/env node
// Micro-benchmark of the pointwise kernels (issue 8): typed-array reference vs WebAssembly SIMD
// (wasm/gates/gates.as.ts; the SIMD times include copying the operands in and out), and the
// BPTT training step (forward + backward + SGD) of an LSTM, GRU and tanh RNN before/after:
//   before = SIMD products + SIMD LSTM forward gates, every other pointwise kernel typed-array
//            (what was committed before the SIMD gate kernels: f2348cc)
//   after  = SIMD products + all pointwise kernels in SIMD
// each with float64 products and with float32 products ("f32"). Every timing interleaves the
// variants (ref, simd, ref, simd, ...) so they see the same load; CPU time (process.cpuUsage),
// medians. Uses dist/ (build first: npx tsc -p tsconfig.build.json && node scripts/link-package.js).
//
// --small times the pointwise kernels at tiny shapes (B·H = 4 … 256) with every call forced into
// WebAssembly (minPointwiseElements: 0): the crossovers behind WASM_MIN_POINTWISE_ELEMENTS.
//
// --f32 compares the float32 kernel set with the float64 one: each pointwise kernel (f64 SIMD vs
// f32x4 SIMD, copies included) and the BPTT steps (LSTM, GRU, tanh RNN) of the float64 set, the
// float32 set and — with --before DIR, a build of the library from before the float32 gate
// kernels (e.g. a copy of dist/) — that build's float32 set (float32 products, float64 gates),
// all interleaved in one process.
//
//   node scripts/bench/gates_micro.js [--kernels-only | --steps-only | --small | --f32 [--before DIR]] [--reps N] [--sizes 32,64]
"use strict";
const os = require("os");
const path = require("path");
const { median, cpuMsNow, loadRnnlab } = require("./_common");

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const REPS = Number(arg("--reps", 9));
const SIZES = arg("--sizes", "32,64,128").split(",").map(Number);
const STEP_CONFIGS = {
  32: { H: 32, B: 16, T: 50, D: 4 },
  64: { H: 64, B: 32, T: 50, D: 8 },
  128: { H: 128, B: 32, T: 100, D: 8 },
  256: { H: 256, B: 64, T: 100, D: 16 },
};

/** Interleaved timing: each sample runs fn `inner` times; returns CPU ms per call (median). */
function interleave(fns, inner, reps) {
  const names = Object.keys(fns);
  for (const n of names) for (let i = 0; i < inner; i++) fns[n](); // warm-up
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < reps; r++) {
    for (const n of names) {
      const c0 = cpuMsNow();
      for (let i = 0; i < inner; i++) fns[n]();
      cpu[n].push((cpuMsNow() - c0) / inner);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(cpu[n])]));
}

/** Calls per sample so that one sample takes ~`ms` ms with the reference kernel. */
function calibrate(fn, ms) {
  let inner = 1;
  for (;;) {
    const c0 = cpuMsNow();
    for (let i = 0; i < inner; i++) fn();
    const dt = cpuMsNow() - c0;
    if (dt > ms / 4 || inner > 1e6) return Math.max(1, Math.round((inner * ms) / Math.max(dt, 1e-3)));
    inner *= 4;
  }
}

function kernelCases(lib, rng) {
  const cases = [];
  for (const [B, H, T] of [[16, 32, 50], [32, 64, 50], [32, 128, 100]]) {
    const n = B * H;
    const arr = (len, sd = 1) => rng.normalArray(len, 0, sd);
    // LSTM backward from valid activations
    const lg = arr(4 * n, 2);
    lib.typedArrayKernels.lstmPointwise(lg, 0, arr(n), 0, new Float64Array(n), 0, new Float64Array(n), 0, B, H);
    const lc = arr(n), lcp = arr(n), ldh = arr(n), ldc = arr(n), ldg = new Float64Array(4 * n), ldcp = new Float64Array(n);
    cases.push([`lstmPointwiseBackward B=${B} H=${H}`, (k) => k.lstmPointwiseBackward(lg, 0, lcp, 0, lc, 0, ldh, 0, ldc, 0, ldg, 0, ldcp, 0, B, H)]);
    const lfg = arr(4 * n, 2), lfg0 = Float64Array.from(lfg), lfc = new Float64Array(n), lfh = new Float64Array(n);
    cases.push([`lstmPointwise B=${B} H=${H}`, (k) => { lfg.set(lfg0); k.lstmPointwise(lfg, 0, lcp, 0, lfc, 0, lfh, 0, B, H); }]);
    // GRU forward (gi restored each call: it is overwritten with the activations)
    const gi0 = arr(3 * n, 2), gi = Float64Array.from(gi0), gh = arr(3 * n, 2), hn = new Float64Array(n), hp = arr(n), h = new Float64Array(n);
    cases.push([`gruPointwise B=${B} H=${H}`, (k) => { gi.set(gi0); k.gruPointwise(gi, 0, gh, 0, hn, 0, hp, 0, h, 0, B, H); }]);
    const gg = Float64Array.from(gi0);
    lib.typedArrayKernels.gruPointwise(gg, 0, gh, 0, hn, 0, hp, 0, h, 0, B, H);
    const gdh = arr(n), dgi = new Float64Array(3 * n), dgh = new Float64Array(3 * n), dhp = new Float64Array(n);
    cases.push([`gruPointwiseBackward B=${B} H=${H}`, (k) => k.gruPointwiseBackward(gg, 0, hn, 0, hp, 0, gdh, 0, dgi, 0, dgh, 0, dhp, 0, B, H)]);
    // RNN (tanh): activation in place (restored), backward
    const pre0 = arr(n, 2), pre = Float64Array.from(pre0), rh = arr(n, 0.5), rdh = arr(n), rdp = new Float64Array(n);
    cases.push([`rnnActivate tanh n=${n}`, (k) => { pre.set(pre0); k.rnnActivate(pre, 0, n, false); }]);
    cases.push([`rnnActivate relu n=${n}`, (k) => { pre.set(pre0); k.rnnActivate(pre, 0, n, true); }]);
    cases.push([`rnnActivateBackward tanh n=${n}`, (k) => k.rnnActivateBackward(rh, 0, rdh, 0, rdp, 0, n, false)]);
    // bias add on the input projection [T·B, 4H] and bias-gradient sums of δ [T·B, 4H]
    const G = 4 * H;
    const M = arr(T * B * G), v = arr(G), out = new Float64Array(G);
    cases.push([`addRowVector ${T * B}×${G}`, (k) => k.addRowVector(M, 0, T * B, G, v, 0)]);
    cases.push([`sumRowsAccumulate ${T * B}×${G}`, (k) => k.sumRowsAccumulate(out, 0, M, 0, T * B, G)]);
    const Mg = arr(B * 3 * H);
    cases.push([`addRowVector ${B}×${3 * H} (GRU per step)`, (k) => k.addRowVector(Mg, 0, B, 3 * H, v, 0)]);
  }
  return cases;
}

function benchKernels(lib) {
  const simd = lib.createWasmKernels();
  const ref = lib.typedArrayKernels;
  const rng = new lib.Rng(1);
  console.log("\nPointwise kernels: CPU µs per call (median of %d interleaved samples, SIMD includes the copies)", REPS);
  console.log("%s  %s  %s  %s", "kernel".padEnd(44), "ref µs".padStart(9), "SIMD µs".padStart(9), "ref/SIMD".padStart(8));
  const rows = [];
  for (const [name, f] of kernelCases(lib, rng)) {
    const inner = calibrate(() => f(ref), 20);
    const t = interleave({ ref: () => f(ref), simd: () => f(simd) }, inner, REPS);
    rows.push({ name, refUs: t.ref * 1000, simdUs: t.simd * 1000 });
    console.log("%s  %s  %s  %s", name.padEnd(44), (t.ref * 1000).toFixed(2).padStart(9), (t.simd * 1000).toFixed(2).padStart(9), (t.ref / t.simd).toFixed(2).padStart(8));
  }
  return rows;
}

/** ref/SIMD at tiny shapes, every call forced into WebAssembly: where the fixed call cost wins. */
function benchSmall(lib) {
  const simd = lib.createWasmKernels({ minPointwiseElements: 0 });
  const ref = lib.typedArrayKernels;
  const rng = new lib.Rng(3);
  console.log("\nSmall shapes, every call in WebAssembly: ref/SIMD CPU time (> 1: SIMD faster); n = B·H (bias kernels: B × 4H)");
  for (const [B, H] of [[1, 4], [2, 8], [4, 16], [8, 16], [8, 32]]) {
    const n = B * H;
    const a = (len, sd = 1) => rng.normalArray(len, 0, sd);
    const g0 = a(4 * n, 2), g = Float64Array.from(g0), cp = a(n), c = new Float64Array(n), h = new Float64Array(n);
    const dh = a(n), dc = a(n), dg = new Float64Array(4 * n), dcp = new Float64Array(n);
    const gi0 = a(3 * n, 2), gi = Float64Array.from(gi0), gh = a(3 * n), hn = new Float64Array(n);
    const acts = Float64Array.from(g0);
    ref.lstmPointwise(acts, 0, cp, 0, c, 0, h, 0, B, H);
    const cases = {
      lstmF: (k) => { g.set(g0); k.lstmPointwise(g, 0, cp, 0, c, 0, h, 0, B, H); },
      lstmB: (k) => k.lstmPointwiseBackward(acts, 0, cp, 0, c, 0, dh, 0, dc, 0, dg, 0, dcp, 0, B, H),
      gruF: (k) => { gi.set(gi0); k.gruPointwise(gi, 0, gh, 0, hn, 0, cp, 0, h, 0, B, H); },
      gruB: (k) => k.gruPointwiseBackward(acts, 0, hn, 0, cp, 0, dh, 0, dg, 0, g, 0, dcp, 0, B, H),
      tanh: (k) => { h.set(cp); k.rnnActivate(h, 0, n, false); },
      relu: (k) => { h.set(cp); k.rnnActivate(h, 0, n, true); },
      rnnB: (k) => k.rnnActivateBackward(cp, 0, dh, 0, dcp, 0, n, false),
      addRow: (k) => k.addRowVector(g, 0, B, 4 * H, dh, 0),
      sumRows: (k) => k.sumRowsAccumulate(dg, 0, g, 0, B, 4 * H),
    };
    const out = [];
    for (const [name, f] of Object.entries(cases)) {
      const t = interleave({ ref: () => f(ref), simd: () => f(simd) }, 2000, REPS);
      out.push(`${name} ${(t.ref / t.simd).toFixed(2)}`);
    }
    console.log(`  B=${B} H=${H} (n=${n}): ${out.join("  ")}`);
  }
}

function benchSteps(lib) {
  const ref = lib.typedArrayKernels;
  const before = (k) => ({
    ...k,
    name: k.name + "-before",
    // the state before the SIMD gate kernels: only lstmPointwise (and the products) in WebAssembly
    lstmPointwiseBackward: ref.lstmPointwiseBackward,
    gruPointwise: ref.gruPointwise,
    gruPointwiseBackward: ref.gruPointwiseBackward,
    rnnActivate: ref.rnnActivate,
    rnnActivateBackward: ref.rnnActivateBackward,
    addRowVector: ref.addRowVector,
    sumRowsAccumulate: ref.sumRowsAccumulate,
  });
  const after64 = lib.createWasmKernels();
  const after32 = lib.createWasmKernels({ precision: "float32" });
  const sets = { "before f64": before(after64), "after f64": after64, "before f32": before(after32), "after f32": after32 };
  console.log("\nBPTT step (forward + backward + SGD, readout last, MSE): CPU ms per step (median of %d interleaved)", REPS);
  console.log("%s  %s  %s  %s  %s  %s  %s", "cell H,B,T,D".padEnd(20), "bef f64".padStart(8), "aft f64".padStart(8), "gain".padStart(5), "bef f32".padStart(8), "aft f32".padStart(8), "gain".padStart(5));
  const rows = [];
  for (const cell of ["lstm", "gru", "rnn"]) {
    for (const size of SIZES) {
      const { H, B, T, D } = STEP_CONFIGS[size];
      const fns = {};
      const losses = {};
      for (const [name, k] of Object.entries(sets)) {
        const rng = new lib.Rng(0);
        const model = new lib.SequenceModel({ cell, inputSize: D, hiddenSize: H, outputSize: 1, readout: "last", loss: "mse", rng });
        const batch = { x: rng.normalArray(T * B * D), T, B, D };
        const target = rng.normalArray(B);
        const params = model.parameters();
        fns[name] = () => {
          lib.setKernels(k);
          lib.zeroGrad(params);
          const loss = model.lossAndGrad(batch, target);
          for (const p of params) for (let i = 0; i < p.data.length; i++) p.data[i] -= 0.01 * p.grad[i];
          return loss;
        };
        losses[name] = fns[name]();
      }
      if (Math.abs(losses["before f64"] - losses["after f64"]) > 1e-10 * (1 + Math.abs(losses["before f64"]))) throw new Error(`${cell} ${size}: first losses differ`);
      const reps = size >= 128 ? Math.max(3, Math.round(REPS / 2)) : REPS;
      const t = interleave(fns, 1, reps);
      lib.setKernels(ref);
      rows.push({ cell, H, B, T, D, ...t });
      console.log(
        "%s  %s  %s  %s  %s  %s  %s",
        `${cell} ${H},${B},${T},${D}`.padEnd(20),
        t["before f64"].toFixed(2).padStart(8),
        t["after f64"].toFixed(2).padStart(8),
        (t["before f64"] / t["after f64"]).toFixed(2).padStart(5),
        t["before f32"].toFixed(2).padStart(8),
        t["after f32"].toFixed(2).padStart(8),
        (t["before f32"] / t["after f32"]).toFixed(2).padStart(5),
      );
    }
  }
  return rows;
}

/** Pointwise kernels: float64 SIMD vs float32 SIMD (f32x4), CPU µs per call. */
function benchKernelsF32(lib) {
  const k64 = lib.createWasmKernels();
  const k32 = lib.createWasmKernels({ precision: "float32" });
  const rng = new lib.Rng(1);
  console.log("\nPointwise kernels: CPU µs per call (median of %d interleaved samples, copies included)", REPS);
  console.log("%s  %s  %s  %s", "kernel".padEnd(44), "f64 µs".padStart(9), "f32 µs".padStart(9), "f64/f32".padStart(8));
  const rows = [];
  for (const [name, f] of kernelCases(lib, rng)) {
    const inner = calibrate(() => f(k64), 20);
    const t = interleave({ f64: () => f(k64), f32: () => f(k32) }, inner, REPS);
    rows.push({ name, f64Us: t.f64 * 1000, f32Us: t.f32 * 1000 });
    console.log("%s  %s  %s  %s", name.padEnd(44), (t.f64 * 1000).toFixed(2).padStart(9), (t.f32 * 1000).toFixed(2).padStart(9), (t.f64 / t.f32).toFixed(2).padStart(8));
  }
  return rows;
}

/** BPTT steps: float64 set, float32 set, and (--before) the float32 set of an older build. */
function benchStepsF32(lib, before) {
  const variants = { "f64": [lib, lib.createWasmKernels()], "f32": [lib, lib.createWasmKernels({ precision: "float32" })] };
  if (before) variants["f32 before"] = [before, before.createWasmKernels({ precision: "float32" })];
  const names = Object.keys(variants);
  console.log("\nBPTT step (forward + backward + SGD, readout last, MSE): CPU ms per step (median of %d interleaved)", REPS);
  console.log([("cell H,B,T,D").padEnd(20), ...names.map((n) => n.padStart(11)), before ? "before/f32".padStart(10) : "", "f64/f32".padStart(8)].join("  "));
  const rows = [];
  for (const cell of ["lstm", "gru", "rnn"]) {
    for (const size of SIZES) {
      const { H, B, T, D } = STEP_CONFIGS[size];
      const fns = {};
      for (const [name, [L, k]] of Object.entries(variants)) {
        const rng = new L.Rng(0);
        const model = new L.SequenceModel({ cell, inputSize: D, hiddenSize: H, outputSize: 1, readout: "last", loss: "mse", rng });
        const batch = { x: rng.normalArray(T * B * D), T, B, D };
        const target = rng.normalArray(B);
        const params = model.parameters();
        fns[name] = () => {
          L.setKernels(k);
          L.zeroGrad(params);
          const loss = model.lossAndGrad(batch, target);
          for (const p of params) for (let i = 0; i < p.data.length; i++) p.data[i] -= 0.01 * p.grad[i];
          return loss;
        };
      }
      const reps = size >= 128 ? Math.max(3, Math.round(REPS / 2)) : REPS;
      const t = interleave(fns, 1, reps);
      for (const [L] of Object.values(variants)) L.setKernels(L.typedArrayKernels);
      rows.push({ cell, H, B, T, D, ...t });
      console.log(
        [`${cell} ${H},${B},${T},${D}`.padEnd(20), ...names.map((n) => t[n].toFixed(2).padStart(11)), before ? (t["f32 before"] / t.f32).toFixed(2).padStart(10) : "", (t.f64 / t.f32).toFixed(2).padStart(8)].join("  "),
      );
    }
  }
  return rows;
}

function main() {
  const lib = loadRnnlab();
  console.log(`gates micro-benchmark: node ${process.version}, ${os.cpus()[0].model}, ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} (start)`);
  if (args.includes("--f32")) {
    const dir = arg("--before", null);
    const before = dir ? require(path.resolve(dir, "index.js")) : null;
    if (!args.includes("--steps-only")) benchKernelsF32(lib);
    if (!args.includes("--kernels-only")) benchStepsF32(lib, before);
  } else if (args.includes("--small")) benchSmall(lib);
  else {
    if (!args.includes("--steps-only")) benchKernels(lib);
    if (!args.includes("--kernels-only")) benchSteps(lib);
  }
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} (end)`);
}

main();
