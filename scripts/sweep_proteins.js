#!/usr/bin/env node
/**
 * Full sweep of notebook 06: held-out accuracy against the separation of the two interacting
 * residues, for vanilla RNN, LSTM, GRU, bidirectional LSTM and self-attention.
 *
 * Usage: npm run build && node scripts/sweep_proteins.js [OUT.csv]
 *        (default datasets/results/proteins_separation_sweep.csv; ~20-30 min on 2 loaded cores)
 */
const fs = require("fs");
const path = require("path");
const r = require(path.join(__dirname, "..", "dist"));

const out = process.argv[2] || path.join(__dirname, "..", "datasets", "results", "proteins_separation_sweep.csv");
const separations = [4, 8, 12, 16, 24, 32];
const models = ["rnn", "lstm", "gru", "bilstm", "attention"];
const budget = { trainSize: 1000, testSize: 500, epochs: 20, stopAtAccuracy: 0.99, seeds: [0, 1] };
console.log(`proteins: separations ${separations}, models ${models}, budget ${JSON.stringify(budget)}`);
const records = r.proteinSeparationSweep(separations, models, {
  ...budget,
  onRecord: (x) => console.log(`sep ${x.dial} seed ${x.seed} ${x.model.padEnd(9)} test ${x.testAccuracy.toFixed(3)} train ${x.trainAccuracy.toFixed(3)} (${x.seconds.toFixed(1)} s)`),
});
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, r.sweepRecordsToCsv(records));
console.log("wrote", out);
