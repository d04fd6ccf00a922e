/**
 * Per-residue and per-nucleotide labels built from annotated entries.
 *
 * A label array has one entry per sequence position (0-based index i = 1-based position − 1):
 *
 *     residueLabels(entry, ["TRANSMEM"])[i] = 1  ⇔  residue i+1 lies in a TRANSMEM feature
 *     codingLabels(entry)[i] = 1               ⇔  base i+1 lies in a segment of a CDS of this entry
 *
 * `codingLabels` uses CDS segments on either strand (a coding base is coding whichever
 * strand is read) and skips remote segments (they lie on another entry) and, by default,
 * entries' CDS marked /pseudo.
 */
import { badArgument } from "../core/errors";
import { checkOptions } from "../core/options";
import { requireNumberArray } from "../core/argChecks";
import type { SwissProtEntry } from "./swissprot";
import type { EmblEntry, LocationSegment } from "./embl";

/** 0/1 per residue: 1 inside a feature of one of `kinds` (features with unknown ends are skipped). */
export function residueLabels(entry: SwissProtEntry, kinds: readonly string[]): Uint8Array {
  const where = "residueLabels";
  if (!entry || typeof entry.sequence !== "string" || !Array.isArray(entry.features)) badArgument(where, "entry", "a SwissProtEntry", entry);
  if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((k) => typeof k === "string" && k !== "")) {
    badArgument(where, "kinds", 'a non-empty array of feature keys such as ["TRANSMEM"]', kinds);
  }
  const out = new Uint8Array(entry.sequence.length);
  for (const f of entry.features) {
    if (!kinds.includes(f.kind) || f.start === null || f.end === null) continue;
    for (let p = f.start; p <= f.end; p++) out[p - 1] = 1;
  }
  return out;
}

/** Options of `codingSegments` and `codingLabels`. */
export interface CodingOptions {
  /** Include CDS features marked /pseudo (default false). */
  includePseudo?: boolean;
}

/** The local (non-remote) segments of the entry's CDS features. */
export function codingSegments(entry: EmblEntry, options: CodingOptions = {}): LocationSegment[] {
  checkOptions("codingSegments", options, ["includePseudo"]);
  if (!entry || typeof entry.sequence !== "string" || !Array.isArray(entry.features)) badArgument("codingSegments", "entry", "an EmblEntry", entry);
  const out: LocationSegment[] = [];
  for (const f of entry.features) {
    if (f.key !== "CDS") continue;
    if (!options.includePseudo && f.qualifiers.some(([k]) => k === "pseudo" || k === "pseudogene")) continue;
    for (const g of f.location.segments) if (g.remote === null) out.push(g);
  }
  return out;
}

/** 0/1 per base: 1 inside a local CDS segment of the entry (either strand). */
export function codingLabels(entry: EmblEntry, options: CodingOptions = {}): Uint8Array {
  checkOptions("codingLabels", options, ["includePseudo"]);
  const out = new Uint8Array(entry?.sequence?.length ?? 0);
  for (const g of codingSegments(entry, options)) for (let p = g.start; p <= g.end; p++) out[p - 1] = 1;
  return out;
}

/** A run of 1s in a label array: positions [start, end) (0-based, end exclusive). */
export interface LabelSegment {
  start: number;
  end: number;
}

/** The maximal runs of 1s (any non-zero value) in `labels`, in order. */
export function labelSegments(labels: ArrayLike<number>): LabelSegment[] {
  requireNumberArray("labelSegments", "labels", labels);
  const out: LabelSegment[] = [];
  let start = -1;
  for (let i = 0; i <= labels.length; i++) {
    const on = i < labels.length && labels[i] !== 0;
    if (on && start < 0) start = i;
    else if (!on && start >= 0) {
      out.push({ start, end: i });
      start = -1;
    }
  }
  return out;
}
