/**
 * How alike two sequences are, by shared k-mers (words of k letters).
 *
 *     sim_k(a, b) = |K(a) ∩ K(b)| / min(|K(a)|, |K(b)|),     K(s) = the distinct k-mers of s
 *
 * 1 when one sequence's words all occur in the other (identical or contained), near 0 for
 * unrelated ones (two random proteins of 400 residues share ~0.05% of their 4-mers).
 * Used to check that a train/test split by family has no near-identical pair across it.
 */
import { badArgument, requireFinite, requireInt } from "../core/errors";
import { checkOptions } from "../core/options";

/** The distinct k-mers of a sequence. */
export function kmerSet(sequence: string, k: number): Set<string> {
  if (typeof sequence !== "string") badArgument("kmerSet", "sequence", "a string", sequence);
  requireInt("kmerSet", "k", k, 1);
  const out = new Set<string>();
  for (let i = 0; i + k <= sequence.length; i++) out.add(sequence.slice(i, i + k));
  return out;
}

/** sim_k(a, b), see the module comment (0 when either sequence is shorter than k). */
export function kmerSimilarity(a: string, b: string, k = 4): number {
  if (typeof a !== "string") badArgument("kmerSimilarity", "a", "a string", a);
  if (typeof b !== "string") badArgument("kmerSimilarity", "b", "a string", b);
  requireInt("kmerSimilarity", "k", k, 1);
  const ka = kmerSet(a, k);
  const kb = kmerSet(b, k);
  if (ka.size === 0 || kb.size === 0) return 0;
  const [small, large] = ka.size <= kb.size ? [ka, kb] : [kb, ka];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.size;
}

/** Options of `similarityGroups`. */
export interface SimilarityGroupOptions {
  /** Word length k (default 4). */
  k?: number;
  /** Link two sequences when sim_k ≥ threshold (default 0.1). */
  threshold?: number;
  /** Optional labels (e.g. UniProt family): sequences with equal non-empty keys are linked too. */
  keys?: readonly string[];
}

/**
 * Groups sequences by single linkage: i and j are in one group when a chain of links joins
 * them, a link being sim_k ≥ threshold or an equal non-empty key. Returns a group index per
 * sequence, numbered 0, 1, … in order of first appearance.
 */
export function similarityGroups(sequences: readonly string[], options: SimilarityGroupOptions = {}): number[] {
  const where = "similarityGroups";
  checkOptions(where, options, ["k", "threshold", "keys"]);
  if (!Array.isArray(sequences) || sequences.length === 0) badArgument(where, "sequences", "a non-empty array of strings", sequences);
  const k = requireInt(where, "k", options.k ?? 4, 1);
  const threshold = requireFinite(where, "threshold", options.threshold ?? 0.1, 0, 1);
  const keys = options.keys;
  if (keys !== undefined && (!Array.isArray(keys) || keys.length !== sequences.length)) badArgument(where, "keys", `${sequences.length} strings (one per sequence)`, keys);
  const parent = sequences.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const sets = sequences.map((s, i) => {
    if (typeof s !== "string") badArgument(where, `sequences[${i}]`, "a string", s);
    return kmerSet(s, k);
  });
  for (let i = 0; i < sequences.length; i++) {
    for (let j = i + 1; j < sequences.length; j++) {
      let linked = keys !== undefined && keys[i] !== "" && keys[i] === keys[j];
      if (!linked && sets[i].size && sets[j].size) {
        const [small, large] = sets[i].size <= sets[j].size ? [sets[i], sets[j]] : [sets[j], sets[i]];
        let shared = 0;
        for (const w of small) if (large.has(w)) shared++;
        linked = shared / small.size >= threshold;
      }
      if (linked) parent[find(i)] = find(j);
    }
  }
  const ids = new Map<number, number>();
  return sequences.map((_, i) => {
    const root = find(i);
    if (!ids.has(root)) ids.set(root, ids.size);
    return ids.get(root)!;
  });
}
