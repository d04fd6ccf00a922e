#!/usr/bin/env node
/**
 * Writes the fixed-seed sample of every task generator as CSV.
 *
 * Usage: npm run build && node scripts/make_datasets.js [OUT_DIR]   (default: datasets/)
 * Regenerating reproduces the files byte for byte (test/unit/tasks/datasets.test.ts checks it).
 */
const path = require("path");
const { makeTaskDatasets } = require(path.join(__dirname, "..", "dist", "tasks", "datasets.js"));

const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(__dirname, "..", "datasets");
for (const p of makeTaskDatasets(out)) console.log("wrote", path.relative(process.cwd(), p));
