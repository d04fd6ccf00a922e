#!/usr/bin/env node
/**
 * Full sweep of notebook 05: palindrome-recognition accuracy against length for a
 * unidirectional LSTM, a bidirectional LSTM comparing the halves at the middle, and a
 * standard bidirectional LSTM read at the ends, all at (nearly) equal parameter count.
 *
 * Usage: npm run build && node scripts/sweep_palindromes.js [OUT.csv]
 *        (default datasets/results/palindromes_length_sweep.csv; ~10 min on 2 loaded cores)
 */
const fs = require("fs");
const path = require("path");
const r = require(path.join(__dirname, "..", "dist", "experiments"));

const out = process.argv[2] || path.join(__dirname, "..", "datasets", "results", "palindromes_length_sweep.csv");
const lengths = [5, 7, 9, 11, 13, 15, 17, 21, 25];
const models = ["lstm", "bilstm", "bilstm-middle"];
const budget = { trainSize: 1000, testSize: 500, epochs: 20, stopAtAccuracy: 0.99, seeds: [0, 1] };
console.log(`palindromes: lengths ${lengths}, models ${models}, budget ${JSON.stringify(budget)}`);
const records = r.palindromeLengthSweep(lengths, models, {
  ...budget,
  onRecord: (x) => console.log(`L ${x.dial} seed ${x.seed} ${x.model.padEnd(13)} test ${x.testAccuracy.toFixed(3)} train ${x.trainAccuracy.toFixed(3)} params ${x.parameters} (${x.seconds.toFixed(1)} s)`),
});
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, r.sweepRecordsToCsv(records));
console.log("wrote", out);
