/**
 * Amino-acid composition of real proteins, to check the background of the synthetic task.
 *
 * A counts table has one row per protein: its name and the number of times each of the 20
 * amino acids occurs in it (`datasets/composition/emboss_swissprot_counts.csv`: 100
 * UniProtKB/Swiss-Prot entries from Debian's emboss-test; provenance in the folder's
 * PROVENANCE.md). The pooled composition is
 *
 *     p̂_a = Σ_proteins n_a / Σ_proteins Σ_b n_b          (fractions, Σ_a p̂_a = 1)
 *
 * and `compareComposition` reports, per amino acid, d_a = p̂_a − p_a against a reference p
 * (default: `backgroundProbabilities()`, the renormalised `SWISSPROT_COMPOSITION`), sorted by
 * |d_a|, with max_a |d_a|. Because residues of one protein are not independent, the spread
 * of p̂ is estimated by a bootstrap over proteins (`bootstrapCompositionSE`).
 */
import * as fs from "fs";
import { RnnlabError, badArgument, requireInt, requireString } from "../core/errors";
import { parseCsvRecords } from "../core/csv";
import { Rng, rngOrDefault } from "../core/random";
import { AMINO_ACIDS, backgroundProbabilities } from "./proteins";
import { requireListArg, requireNumberArray, requireReadableFile } from "../core/argChecks";

/** Amino-acid counts of one protein. */
export interface ResidueCountsRow {
  /** Entry name, e.g. "HBB_HUMAN". */
  name: string;
  /** Counts of the 20 amino acids in the order of AMINO_ACIDS. */
  counts: number[];
}

/** Counts of the 20 amino acids in a one-letter sequence (other letters are ignored). */
export function residueCountsOfSequence(sequence: string): number[] {
  if (typeof sequence !== "string") badArgument("residueCountsOfSequence", "sequence", "a one-letter amino-acid string", sequence);
  const counts = new Array<number>(20).fill(0);
  for (const ch of sequence.toUpperCase()) {
    const k = AMINO_ACIDS.indexOf(ch);
    if (k >= 0) counts[k]++;
  }
  return counts;
}

/**
 * Parses a counts CSV: header `entry,accession,length,A,C,…,Y,other`; each line an entry name,
 * an accession, the length, 20 counts and the count of other letters, adding up to the length.
 * A malformed line is reported with its number.
 */
export function parseResidueCountsCsv(text: string, source = "csv"): ResidueCountsRow[] {
  requireString("parseResidueCountsCsv", "text", text, true);
  requireString("parseResidueCountsCsv", "source", source);
  const where = `parseResidueCountsCsv(${source})`;
  const header = `entry,accession,length,${[...AMINO_ACIDS].join(",")},other`;
  const [first, ...rows] = parseCsvRecords(text, where);
  const got = first?.cells.join(",") ?? "";
  if (first?.line !== 1 || got !== header) throw new RnnlabError(`${where}: line 1 must be the header ${header}, got ${JSON.stringify(first?.line === 1 ? got : "")}`);
  return rows.map(({ line: n, cells: f }) => {
    const line = f.join(",");
    const nums = f.slice(2).map(Number);
    if (f.length !== 24 || f[0] === "" || nums.some((v) => !Number.isInteger(v) || v < 0)) {
      throw new RnnlabError(`${where}: line ${n} must have an entry name, an accession and 22 non-negative integers (length, 20 counts, other), got ${JSON.stringify(line)}`);
    }
    const [length, ...rest] = nums;
    const counts = rest.slice(0, 20);
    const total = rest.reduce((a, b) => a + b, 0);
    if (total !== length) throw new RnnlabError(`${where}: line ${n}: the counts add up to ${total}, the length column says ${length}`);
    return { name: f[0], counts };
  });
}

/** Reads a counts CSV file (see `parseResidueCountsCsv`). */
export function readResidueCountsCsv(path: string): ResidueCountsRow[] {
  requireReadableFile("readResidueCountsCsv", "path", path);
  return parseResidueCountsCsv(fs.readFileSync(path, "utf8"), path);
}

/** Pooled composition p̂ (fractions over AMINO_ACIDS) of some proteins' counts. */
export function compositionFromCounts(rows: readonly { counts: readonly number[] }[]): Float64Array {
  requireListArg("compositionFromCounts", "rows", rows, "an array of rows {counts}");
  const p = new Float64Array(20);
  let total = 0;
  for (const [i, r] of rows.entries()) {
    if (!r || !Array.isArray(r.counts) || r.counts.length !== 20) badArgument("compositionFromCounts", `rows[${i}].counts`, "20 counts in the order of AMINO_ACIDS", r?.counts);
    requireNumberArray("compositionFromCounts", `rows[${i}].counts`, r.counts);
    for (let a = 0; a < 20; a++) if (r.counts[a] < 0) badArgument("compositionFromCounts", `rows[${i}].counts[${a}]`, "a count >= 0", r.counts[a]);
    for (let a = 0; a < 20; a++) {
      p[a] += r.counts[a];
      total += r.counts[a];
    }
  }
  if (!(total > 0)) badArgument("compositionFromCounts", "rows", "at least one residue", rows.length);
  for (let a = 0; a < 20; a++) p[a] /= total;
  return p;
}

/** One amino acid in a comparison: observed and reference fractions and their difference. */
export interface CompositionDifference {
  residue: string;
  observed: number;
  reference: number;
  /** observed − reference (fractions; ×100 for percentage points). */
  difference: number;
}

/** What `compareComposition` returns. */
export interface CompositionComparison {
  /** max_a |observed_a − reference_a| (a fraction). */
  maxAbsDifference: number;
  /** The 20 amino acids sorted by |difference|, largest first. */
  residues: CompositionDifference[];
}

/** Compares an observed composition with a reference (default: the Swiss-Prot table). */
export function compareComposition(observed: ArrayLike<number>, reference: ArrayLike<number> = backgroundProbabilities()): CompositionComparison {
  if (observed?.length !== 20) badArgument("compareComposition", "observed", "20 fractions in the order of AMINO_ACIDS", observed);
  if (reference?.length !== 20) badArgument("compareComposition", "reference", "20 fractions in the order of AMINO_ACIDS", reference);
  requireNumberArray("compareComposition", "observed", observed);
  requireNumberArray("compareComposition", "reference", reference);
  const residues = Array.from({ length: 20 }, (_, a) => ({
    residue: AMINO_ACIDS[a],
    observed: observed[a],
    reference: reference[a],
    difference: observed[a] - reference[a],
  })).sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference));
  return { maxAbsDifference: Math.abs(residues[0].difference), residues };
}

/**
 * Standard error of each pooled fraction p̂_a by a bootstrap over proteins: resample the rows
 * with replacement `resamples` times (default 1000) and take the standard deviation of p̂_a.
 */
export function bootstrapCompositionSE(rows: readonly { counts: readonly number[] }[], resamples = 1000, rng?: Rng): Float64Array {
  requireInt("bootstrapCompositionSE", "resamples", resamples, 2);
  if (!Array.isArray(rows) || rows.length === 0) badArgument("bootstrapCompositionSE", "rows", "a non-empty array of { counts }", rows);
  const n = rows.length;
  if (resamples * n > 1e8) badArgument("bootstrapCompositionSE", "resamples", `at most 1e8 / rows.length = ${Math.floor(1e8 / n)} (bounded work)`, resamples);
  const r = rngOrDefault(rng, "bootstrapCompositionSE");
  const sum = new Float64Array(20);
  const sumSq = new Float64Array(20);
  for (let s = 0; s < resamples; s++) {
    const sample = Array.from({ length: n }, () => rows[r.int(0, n)]);
    const p = compositionFromCounts(sample);
    for (let a = 0; a < 20; a++) {
      sum[a] += p[a];
      sumSq[a] += p[a] * p[a];
    }
  }
  const se = new Float64Array(20);
  for (let a = 0; a < 20; a++) {
    const mean = sum[a] / resamples;
    se[a] = Math.sqrt(Math.max(0, (sumSq[a] / resamples - mean * mean) * (resamples / (resamples - 1))));
  }
  return se;
}
