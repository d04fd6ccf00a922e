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
// The library's Swiss-Prot parser (lib/realdata/swissprot.ts, built into dist/ by `npm install`):
// one parser for the flat file, shared with notebook 19. It checks each sequence against its ID/SQ lengths.
const { parseSwissProt } = require("../../dist/realdata/swissprot.js");

const AMINO_ACIDS = "ACDEFGHIKLMNPQRSTVWY";
const input = process.argv[2] || "/usr/share/EMBOSS/test/swiss/seq.dat";
const out = process.argv[3] || path.join(__dirname, "emboss_swissprot_counts.csv");

const rows = [`entry,accession,length,${[...AMINO_ACIDS].join(",")},other`];
for (const entry of parseSwissProt(fs.readFileSync(input, "utf8"), input)) {
  const counts = new Array(AMINO_ACIDS.length).fill(0);
  let other = 0;
  for (const ch of entry.sequence) {
    const k = AMINO_ACIDS.indexOf(ch);
    if (k >= 0) counts[k]++;
    else other++;
  }
  rows.push([entry.id, entry.accessions[0], entry.sequence.length, ...counts, other].join(","));
}
fs.writeFileSync(out, rows.join("\n") + "\n");
console.log(`wrote ${out}: ${rows.length - 1} entries from ${input}`);
