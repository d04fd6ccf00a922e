#!/usr/bin/env node
/**
 * Extracts per-entry amino-acid counts from a UniProtKB/Swiss-Prot flat file
 * (default: the 100-entry test database of Debian's `emboss-test` package,
 * /usr/share/EMBOSS/test/swiss/seq.dat; `apt-get install emboss-test`).
 *
 * Usage: node datasets/composition/extract_swissprot_counts.js [seq.dat] [out.csv]
 *        (default out: datasets/composition/emboss_swissprot_counts.csv)
 *
 * Output: one line per entry: entry name (ID line), first accession (AC line), length (SQ
 * line), then the count of each of the 20 amino acids ACDEFGHIKLMNPQRSTVWY, then the count
 * of other letters (ambiguity codes B, Z, X, U, O). Only counts are written, not sequences.
 * The script checks that each entry's counts add up to the length on its SQ line.
 * Rerunning it on the same input reproduces the CSV byte for byte.
 */
const fs = require("fs");
const path = require("path");

const AMINO_ACIDS = "ACDEFGHIKLMNPQRSTVWY";
const input = process.argv[2] || "/usr/share/EMBOSS/test/swiss/seq.dat";
const out = process.argv[3] || path.join(__dirname, "emboss_swissprot_counts.csv");

const lines = fs.readFileSync(input, "utf8").split(/\r?\n/);
const rows = [`entry,accession,length,${[...AMINO_ACIDS].join(",")},other`];
let entry = null;
lines.forEach((line, i) => {
  const where = `${input}:${i + 1}`;
  if (line.startsWith("ID   ")) entry = { id: line.slice(5).trim().split(/\s+/)[0], ac: null, length: null, seq: null };
  else if (!entry) return;
  else if (line.startsWith("AC   ") && entry.ac === null) entry.ac = line.slice(5).split(";")[0].trim();
  else if (line.startsWith("SQ   ")) {
    const m = /SEQUENCE\s+(\d+) AA/.exec(line);
    if (!m) throw new Error(`${where}: SQ line without "SEQUENCE <n> AA": ${line}`);
    entry.length = Number(m[1]);
    entry.seq = "";
  } else if (line.startsWith("//")) {
    if (entry.seq === null) throw new Error(`${where}: entry ${entry.id} ends without a sequence`);
    const counts = new Array(AMINO_ACIDS.length).fill(0);
    let other = 0;
    for (const ch of entry.seq) {
      const k = AMINO_ACIDS.indexOf(ch);
      if (k >= 0) counts[k]++;
      else other++;
    }
    const total = counts.reduce((a, b) => a + b, 0) + other;
    if (total !== entry.length) throw new Error(`${where}: entry ${entry.id} has ${total} residues, its SQ line says ${entry.length}`);
    rows.push([entry.id, entry.ac, entry.length, ...counts, other].join(","));
    entry = null;
  } else if (entry.seq !== null && line.startsWith("     ")) entry.seq += line.replace(/\s+/g, "");
});
fs.writeFileSync(out, rows.join("\n") + "\n");
console.log(`wrote ${out}: ${rows.length - 1} entries from ${input}`);
