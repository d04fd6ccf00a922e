/**
 * EMBL nucleotide flat files and their feature locations.
 *
 * An entry is a block of two-letter line codes ended by `//`:
 *
 *     ID   K00650; SV 1; linear; genomic DNA; STD; HUM; 6210 BP.
 *     DE   Human fos proto-oncogene (c-fos), complete cds.
 *     FT   CDS             join(889..1029,1783..2034,2466..2573,2688..3329)
 *     FT                   /gene="FOS"
 *     FT   intron          1030..1782
 *     SQ   Sequence 6210 BP; 1497 A; 1571 C; 1619 G; 1523 T; 0 other;
 *          gaattccgca cttcccccac ...                                         60
 *     //
 *
 * Locations (INSDC feature table definition, section 3.4) are parsed into segments:
 * `a..b` (1-based, inclusive), `a` (one base), `a^b` (a site between two bases, kept
 * as the base a), `<a..>b` (partial: the feature extends beyond), `join(l1,l2,...)` and
 * `order(...)` (segments in the order given), `complement(l)` (the reverse strand:
 * segments reversed, strand −1), and remote segments `ACC.V:a..b` that lie on another
 * entry (kept with `remote` set; callers usually skip them).
 *
 * Data on this machine: 21 human entries of EMBOSS's EMBL test database
 * (`EMBL_HUMAN_TEST_FILE`, Debian package `emboss-test`); licence in datasets/README.md.
 */
import { RnnlabError, badArgument } from "../core/errors";
import { loadFlatFile, readFlatFile } from "./flatFile";

/** EMBOSS's EMBL test file of human entries (Debian `emboss-test`). */
export const EMBL_HUMAN_TEST_FILE = "/usr/share/EMBOSS/test/embl/hum1.dat";

/** One contiguous stretch of a location. */
export interface LocationSegment {
  /** First base, 1-based (on the forward strand, start <= end). */
  start: number;
  /** Last base, 1-based inclusive. */
  end: number;
  /** +1 forward, −1 reverse (inside `complement`). */
  strand: 1 | -1;
  /** `<`: the feature starts before `start` (partial). */
  partialStart: boolean;
  /** `>`: the feature ends after `end` (partial). */
  partialEnd: boolean;
  /** Accession of another entry the segment lies on (e.g. "Z84723.1"), or null for this entry. */
  remote: string | null;
}

/** A parsed feature location. */
export interface FeatureLocation {
  /** Segments in biological order (for `complement(join(...))`: last segment of the join first). */
  segments: LocationSegment[];
  /** The location as written in the file (continuation lines joined, spaces removed). */
  text: string;
}

/** One FT feature of an EMBL entry. */
export interface EmblFeature {
  /** Feature key, e.g. "CDS", "exon", "intron", "mRNA". */
  key: string;
  location: FeatureLocation;
  /** Qualifiers as [name, value] pairs (value "" for flags such as /pseudo), quotes removed. */
  qualifiers: [string, string][];
}

/** One EMBL entry. */
export interface EmblEntry {
  /** Primary accession from the ID line, e.g. "K00650". */
  id: string;
  /** Molecule type from the ID line, e.g. "genomic DNA", "mRNA". */
  moleculeType: string;
  /** DE text. */
  description: string;
  /** Lower-case nucleotide sequence (a, c, g, t and IUPAC ambiguity letters such as n). */
  sequence: string;
  features: EmblFeature[];
  /** 1-based line number of the ID line in the source text. */
  line: number;
}

/** Options of `loadEmbl`. */
export interface EmblOptions {
  /** Path of the flat file (default `EMBL_HUMAN_TEST_FILE`). */
  file?: string;
}

/** Splits `s` at top-level commas (not inside parentheses). */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")") depth--;
    else if (s[i] === "," && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function parseLocationInner(where: string, s: string): LocationSegment[] {
  const call = /^(complement|join|order)\((.*)\)$/.exec(s);
  if (call) {
    const inner = call[1] === "complement" ? [call[2]] : splitTopLevel(call[2]);
    if (inner.some((p) => p === "")) throw new RnnlabError(`${where}: empty part in ${JSON.stringify(s)}`);
    const segs = inner.flatMap((p) => parseLocationInner(where, p));
    if (call[1] !== "complement") return segs;
    return segs.reverse().map((g) => ({ ...g, strand: (g.strand === 1 ? -1 : 1) as 1 | -1, partialStart: g.partialStart, partialEnd: g.partialEnd }));
  }
  const m = /^(?:([A-Za-z][A-Za-z0-9_]*(?:\.\d+)?):)?(<?)(\d+)(?:(\.\.|\^)(>?)(\d+))?(>?)$/.exec(s);
  if (!m) throw new RnnlabError(`${where}: cannot read the location ${JSON.stringify(s)} (expected a..b, <a..>b, a, a^b, join(...), order(...) or complement(...))`);
  const start = Number(m[3]);
  const end = m[4] === ".." ? Number(m[6]) : start;
  if (end < start) throw new RnnlabError(`${where}: location ${JSON.stringify(s)} ends before it starts`);
  if (start < 1) throw new RnnlabError(`${where}: location ${JSON.stringify(s)} starts before base 1`);
  return [{ start, end, strand: 1, partialStart: m[2] === "<", partialEnd: m[5] === ">" || m[7] === ">", remote: m[1] ?? null }];
}

/**
 * Parses an INSDC location string such as `complement(join(10124..10251,14252..14339))`.
 * @param text the location (whitespace is ignored)
 */
export function parseEmblLocation(text: string): FeatureLocation {
  if (typeof text !== "string" || text.trim() === "") badArgument("parseEmblLocation", "text", 'a location such as "join(1..10,20..30)"', text);
  const s = text.replace(/\s+/g, "");
  return { segments: parseLocationInner("parseEmblLocation", s), text: s };
}

/**
 * Parses the text of an EMBL flat file into entries.
 * @param text the file's contents
 * @param source a name for error messages (e.g. the path)
 */
export function parseEmbl(text: string, source = "text"): EmblEntry[] {
  const where = "parseEmbl";
  type Pending = { key: string; loc: string; quals: string[]; line: number };
  type Reading = EmblEntry & { idLength: number; inSequence: boolean; de: string[]; pending: Pending | null };
  const finishFeature = (cur: Reading) => {
    const p = cur.pending;
    if (!p) return;
    cur.pending = null;
    let location: FeatureLocation;
    try {
      location = parseEmblLocation(p.loc);
    } catch (err) {
      throw new RnnlabError(`${where}(${source}) line ${p.line}: feature ${p.key} of ${cur.id}: ${(err as Error).message}`);
    }
    const qualifiers = p.quals.map((q): [string, string] => {
      const m = /^\/([A-Za-z_0-9]+)(?:=([\s\S]*))?$/.exec(q);
      if (!m) throw new RnnlabError(`${where}(${source}) line ${p.line}: feature ${p.key} of ${cur.id}: malformed qualifier ${JSON.stringify(q.slice(0, 60))}`);
      return [m[1], (m[2] ?? "").replace(/^"|"$/g, "")];
    });
    cur.features.push({ key: p.key, location, qualifiers });
  };
  return readFlatFile<Reading, EmblEntry>(where, "an EMBL flat file", text, source, {
    begin(line, at, lineNumber) {
      const m = /^ID\s+([^;\s]+);\s*SV\s*\d+;\s*\w+;\s*([^;]+);.*?(\d+) BP\.\s*$/.exec(line);
      if (!m) throw new RnnlabError(`${at}: expected "ID   ACC; SV n; linear; <molecule>; ...; <n> BP.", got ${JSON.stringify(line)}`);
      return { id: m[1], moleculeType: m[2].trim(), description: "", sequence: "", features: [], line: lineNumber, idLength: Number(m[3]), inSequence: false, de: [], pending: null };
    },
    line(cur, code, line, at, lineNumber) {
      if (cur.inSequence && code === "  ") {
        const chunk = line.replace(/[\s\d]+/g, "").toLowerCase();
        if (!/^[a-z]*$/.test(chunk)) throw new RnnlabError(`${at}: sequence line of ${cur.id} holds characters other than bases and counts: ${JSON.stringify(line.trim())}`);
        cur.sequence += chunk;
      } else if (code === "DE") cur.de.push(line.slice(5).trim());
      else if (code === "FT") {
        const key = line.slice(5, 21).trim();
        const rest = line.slice(21).trim();
        if (key !== "") {
          finishFeature(cur);
          cur.pending = { key, loc: rest, quals: [], line: lineNumber };
        } else if (!cur.pending) throw new RnnlabError(`${at}: FT continuation line without a feature`);
        else if (rest.startsWith("/")) cur.pending.quals.push(rest);
        else if (cur.pending.quals.length) {
          const q = cur.pending.quals;
          q[q.length - 1] += (q[q.length - 1].startsWith("/translation=") ? "" : " ") + rest; // protein text runs on without spaces
        }
        else cur.pending.loc += rest;
      } else if (code === "SQ") {
        finishFeature(cur);
        cur.inSequence = true;
      } else if (code !== "XX") finishFeature(cur);
    },
    end(cur, at) {
      finishFeature(cur);
      if (cur.sequence.length !== cur.idLength) throw new RnnlabError(`${at}: entry ${cur.id} has ${cur.sequence.length} bases, its ID line says ${cur.idLength}`);
      for (const f of cur.features) {
        for (const g of f.location.segments) {
          if (g.remote === null && g.end > cur.idLength) throw new RnnlabError(`${at}: feature ${f.key} ${f.location.text} of ${cur.id} lies outside its ${cur.idLength} bases`);
        }
      }
      return { id: cur.id, moleculeType: cur.moleculeType, description: cur.de.join(" "), sequence: cur.sequence, features: cur.features, line: cur.line };
    },
  });
}

/**
 * Loads an EMBL flat file, by default EMBOSS's 21 human test entries from the installed
 * `emboss-test` package; throws, naming the package and the install command, when missing.
 */
export function loadEmbl(options: EmblOptions = {}): EmblEntry[] {
  return loadFlatFile("loadEmbl", options, EMBL_HUMAN_TEST_FILE, parseEmbl);
}

/** The value of a feature's first qualifier `name` (e.g. "gene"), or undefined. */
export function qualifier(feature: EmblFeature, name: string): string | undefined {
  if (!feature || !Array.isArray(feature.qualifiers)) badArgument("qualifier", "feature", "an EmblFeature", feature);
  if (typeof name !== "string" || name === "") badArgument("qualifier", "name", 'a qualifier name such as "gene"', name);
  return feature.qualifiers.find(([k]) => k === name)?.[1];
}
