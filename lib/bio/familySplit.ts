/**
 * A train/test split of Swiss-Prot entries by family, for per-residue taggers.
 *
 * Entries are grouped by single linkage (`similarityGroups`): linked when they share at least
 * `threshold` of their distinct 4-mers or when UniProt puts them in the same family and
 * subfamily (`familyKey`: the first sentence of the `-!- SIMILARITY` comment, with the next one
 * when it names a subfamily, e.g. "Belongs to the G-protein coupled receptor 1 family. Opsin
 * subfamily"). Whole groups go to one side. The test side takes the group of `holdOut` (an entry
 * name) and then, in a seeded random order, groups without any feature of kind `kind` until it
 * holds at least `minTest` entries — so the test side's positives all come from one family the
 * training side has never seen.
 */
import { RnnlabError, badArgument, requireFinite, requireInt } from "../core/errors";
import { requireOptions } from "../core/options";
import { Rng, rngOrDefault } from "../core/random";
import { featuresOfKind, SwissProtEntry } from "../realdata/swissprot";
import { similarityGroups } from "./similarity";

/** Options of `familySplit`. */
export interface FamilySplitOptions {
  /** The entry whose group is held out (e.g. "OPSD_HUMAN"). */
  holdOut: string;
  /** Feature kind of the positives (default "TRANSMEM"). */
  kind?: string;
  /** Fill the test side with groups free of `kind` until it has this many entries (default 20). */
  minTest?: number;
  /** 4-mer similarity that links two entries (default 0.1). */
  threshold?: number;
  rng?: Rng;
}

/** What `familySplit` returns. */
export interface FamilySplit {
  /** Group index of every entry (0, 1, … by first appearance). */
  group: number[];
  /** True for the entries on the test side. */
  test: boolean[];
  /** The UniProt family key used for linking, per entry ("" when there is none). */
  familyKey: string[];
}

/**
 * The family key of an entry: the first sentence of its SIMILARITY comment, followed by the
 * second when that one names a subfamily; periods dropped ("" when there is no comment).
 */
export function familyKey(entry: SwissProtEntry): string {
  if (!entry || typeof entry.similarity !== "string") badArgument("familyKey", "entry", "a SwissProtEntry", entry);
  const sentences = entry.similarity.split(/\.(?:\s+|$)/).filter((x) => x !== "");
  if (sentences.length === 0) return "";
  return sentences.length > 1 && /subfamily$/.test(sentences[1]) ? `${sentences[0]}. ${sentences[1]}` : sentences[0];
}

/** Splits entries by family (see the module comment). */
export function familySplit(entries: readonly SwissProtEntry[], options: FamilySplitOptions): FamilySplit {
  const where = "familySplit";
  requireOptions(where, options, ["holdOut", "kind", "minTest", "threshold", "rng"], { expected: "an object { holdOut, kind?, minTest?, threshold?, rng? }" });
  if (!Array.isArray(entries) || entries.length < 2) badArgument(where, "entries", "at least 2 SwissProtEntry objects", entries);
  const kind = options.kind ?? "TRANSMEM";
  const minTest = requireInt(where, "minTest", options.minTest ?? 20, 1);
  const threshold = requireFinite(where, "threshold", options.threshold ?? 0.1, 0, 1);
  const hold = entries.findIndex((e) => e.id === options.holdOut);
  if (hold < 0) badArgument(where, "holdOut", "the name of one of the entries (e.g. OPSD_HUMAN)", options.holdOut);
  const keys = entries.map(familyKey);
  const group = similarityGroups(entries.map((e) => e.sequence), { k: 4, threshold, keys });
  const positive = new Set(entries.map((e, i) => (featuresOfKind(e, kind).length > 0 ? group[i] : -1)));
  const candidates = rngOrDefault(options.rng).shuffle([...new Set(group)].filter((g) => g !== group[hold] && !positive.has(g)));
  const testGroups = new Set([group[hold]]);
  const size = () => group.filter((g) => testGroups.has(g)).length;
  for (const g of candidates) {
    if (size() >= minTest) break;
    testGroups.add(g);
  }
  if (size() < minTest) {
    throw new RnnlabError(`${where}: only ${size()} entries can be held out (the group of ${options.holdOut} and the groups without ${kind}), minTest is ${minTest}`);
  }
  return { group, test: group.map((g) => testGroups.has(g)), familyKey: keys };
}
