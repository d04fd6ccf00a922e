#!/usr/bin/env node
// Measures how far results of the kernel sets apart: an LSTM SequenceModel trained 20 Adam
// steps from the same seed with each set; prints the largest relative parameter difference
// against the default (typed-array) set, and whether a repeat run of each set is bit-identical.
//   node scripts/determinism.js        (uses dist/: run `npm run build` first)
"use strict";
const path = require("path");
// kernel sets are internals (not in the public API): from the kernels module
const lib = { ...require(path.join(__dirname, "..", "dist", "index.js")), ...require(path.join(__dirname, "..", "dist", "kernels", "index.js")) };

function run(kernels) {
  const previous = lib.setKernels(kernels);
  try {
    const rng = new lib.Rng(7);
    const T = 12, B = 8, D = 6, H = 48, O = 3;
    const model = new lib.SequenceModel({ cell: "lstm", inputSize: D, hiddenSize: H, outputSize: O, rng });
    const x = Float64Array.from({ length: T * B * D }, () => rng.normal());
    const target = Float64Array.from({ length: B * O }, () => rng.normal());
    const batch = { x, T, B, D };
    const opt = new lib.Adam(model.parameters(), { lr: 1e-2 });
    for (let s = 0; s < 20; s++) {
      lib.zeroGrad(model.parameters());
      model.lossAndGrad(batch, target);
      opt.step();
    }
    return model.parameters().flatMap((p) => Array.from(p.data));
  } finally {
    lib.setKernels(previous);
  }
}

function maxRel(a, b) {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-300));
  return m;
}

const sets = [["default (typed arrays)", lib.typedArrayKernels]];
const wasm = lib.createWasmKernels();
if (wasm) sets.push(["wasm float64", wasm]);
const ref = run(lib.typedArrayKernels);
for (const [name, k] of sets) {
  const a = run(k);
  const b = run(k);
  const identical = a.every((v, i) => Object.is(v, b[i]));
  console.log(`${name}: repeat run bit-identical: ${identical}; max relative difference to default: ${maxRel(a, ref).toExponential(2)}`);
}
process.exit(0);
