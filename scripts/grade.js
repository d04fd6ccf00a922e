#!/usr/bin/env node
// `npm run grade -- <submissions> --assignment <notebook>`: see `npm run grade -- --help`.
"use strict";
const path = require("path");
const root = path.resolve(__dirname, "..");
const { gradeMain } = require(path.join(root, "dist", "grading", "cli.js"));
gradeMain(process.argv.slice(2), root).then(
  (code) => process.exit(code),
  (err) => {
    console.error("grade: " + (err && err.stack ? err.stack : err));
    process.exit(1);
  },
);
