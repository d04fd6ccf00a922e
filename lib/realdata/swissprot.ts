/**
 * UniProtKB/Swiss-Prot flat files (the `.dat` format of UniProt releases up to 2019).
 *
 * An entry is a block of two-letter line codes ended by `//`:
 *
 *     ID   OPSD_HUMAN              Reviewed;         348 AA.
 *     AC   P08100; Q16414; Q2M249;
 *     DE   RecName: Full=Rhodopsin;
 *     OS   Homo sapiens (Human).
 *     CC   -!- SIMILARITY: Belongs to the G-protein coupled receptor 1 family.
 *     KW   Transmembrane; ...
 *     FT   TRANSMEM     37     61       Helical; Name=1;
 *     SQ   SEQUENCE   348 AA;  38893 MW;  6F4F41D3D1B4C1D0 CRC64;
 *          MNGTEGPNFY VPFSNATGVV RSPFEYPQYY LAEPWQFSML AAYMFLLIVL GFPINFLTLY
 *     //
 *
 * Feature positions are 1-based and inclusive, as in the file; `<` and `>` (the
 * feature extends beyond the sequence shown) are kept as flags, `?` (unknown) as null.
 * The parser checks every sequence against the length on its ID and SQ lines and
 * names the line of any malformed record.
 *
 * Data on this machine: the 100-entry test database of EMBOSS
 * (`SWISSPROT_TEST_FILE`, Debian package `emboss-test`); see datasets/README.md for
 * its licence (UniProt entries, CC BY-ND at the time; we commit no sequence).
 */
import { RnnlabError, badArgument } from "../core/errors";
import { loadFlatFile, readFlatFile } from "./flatFile";

/** EMBOSS's Swiss-Prot test database (Debian `emboss-test`). */
export const SWISSPROT_TEST_FILE = "/usr/share/EMBOSS/test/swiss/seq.dat";

/** One FT feature of a Swiss-Prot entry. */
export interface SwissProtFeature {
  /** Feature key, e.g. "TRANSMEM", "HELIX", "STRAND", "DISULFID". */
  kind: string;
  /** First residue, 1-based (null when the file says `?`). */
  start: number | null;
  /** Last residue, 1-based inclusive (null when the file says `?`). */
  end: number | null;
  /** `<` before the start: the feature begins before the shown sequence. */
  startBeyond: boolean;
  /** `>` before the end: the feature ends after the shown sequence. */
  endBeyond: boolean;
  /** The free-text description (continuation lines joined), e.g. "Helical; Name=1;". */
  description: string;
}

/** One Swiss-Prot entry. */
export interface SwissProtEntry {
  /** Entry name from the ID line, e.g. "OPSD_HUMAN". */
  id: string;
  /** Accession numbers (AC lines), primary first. */
  accessions: string[];
  /** The recommended full name (`RecName: Full=`), else the whole DE text. */
  description: string;
  /** Species line (OS), without the final period. */
  organism: string;
  /** Keywords (KW lines), without the final period. */
  keywords: string[];
  /**
   * The `-!- SIMILARITY` comment, e.g. "Belongs to the G-protein coupled receptor 1
   * family. Opsin subfamily." ("" when the entry has none): UniProt's family assignment.
   */
  similarity: string;
  /** One-letter amino-acid sequence (upper case). */
  sequence: string;
  /** FT features, in file order. */
  features: SwissProtFeature[];
  /** 1-based line number of the ID line in the source text. */
  line: number;
}

/** Options of `loadSwissProt`. */
export interface SwissProtOptions {
  /** Path of the flat file (default `SWISSPROT_TEST_FILE`). */
  file?: string;
}

function parsePosition(where: string, token: string): { pos: number | null; beyond: boolean } {
  if (token === "?" || token === "") return { pos: null, beyond: false };
  const m = /^([<>?]?)(\d+)$/.exec(token);
  if (!m) throw new RnnlabError(`${where}: expected a residue position like 12, <1 or >35, got ${JSON.stringify(token)}`);
  return { pos: m[1] === "?" ? null : Number(m[2]), beyond: m[1] === "<" || m[1] === ">" };
}

/**
 * Parses the text of a Swiss-Prot flat file into entries.
 * @param text the file's contents
 * @param source a name for error messages (e.g. the path)
 */
export function parseSwissProt(text: string, source = "text"): SwissProtEntry[] {
  return readFlatFile<SwissProtReading, SwissProtEntry>("parseSwissProt", "a Swiss-Prot flat file", text, source, {
    begin(line, at, lineNumber) {
      const m = /^ID\s+(\S+)\s+.*?(\d+) AA\.\s*$/.exec(line);
      if (!m) throw new RnnlabError(`${at}: expected "ID   NAME  Reviewed;  <n> AA.", got ${JSON.stringify(line)}`);
      return { id: m[1], accessions: [], description: "", organism: "", keywords: [], similarity: "", sequence: "", features: [], line: lineNumber, idLength: Number(m[2]), sqLength: null, de: [], kw: "", cc: [], lastFeature: null };
    },
    line: readSwissProtLine,
    end: finishSwissProtEntry,
  });
}

/** An entry while it is read: the raw DE, KW and CC text, the SQ length, the feature FT lines continue. */
type SwissProtReading = SwissProtEntry & { idLength: number; sqLength: number | null; de: string[]; kw: string; cc: string[]; lastFeature: SwissProtFeature | null };

/** One line of an entry: AC, DE, OS, KW, CC, FT, SQ or sequence data (other codes are skipped). */
function readSwissProtLine(cur: SwissProtReading, code: string, line: string, at: string): void {
  const body = line.slice(5);
  if (code === "AC") cur.accessions.push(...body.split(";").map((s) => s.trim()).filter((s) => s !== ""));
  else if (code === "DE") cur.de.push(body.trim());
  else if (code === "OS") cur.organism += (cur.organism ? " " : "") + body.trim();
  else if (code === "KW") cur.kw += (cur.kw ? " " : "") + body.trim();
  else if (code === "CC") cur.cc.push(body);
  else if (code === "FT") {
    const last = cur.lastFeature;
    if (line[5] !== " ") {
      const key = line.slice(5, 13).trim();
      const from = line.slice(13, 20).trim();
      const to = line.slice(20, 27).trim();
      const s = parsePosition(`${at} (${key} start)`, from);
      const t = parsePosition(`${at} (${key} end)`, to);
      const f: SwissProtFeature = { kind: key, start: s.pos, end: t.pos, startBeyond: s.beyond, endBeyond: t.beyond, description: line.slice(34).trim() };
      if (f.start !== null && f.end !== null && f.end < f.start) throw new RnnlabError(`${at}: feature ${key} ends (${f.end}) before it starts (${f.start})`);
      cur.features.push(f);
      cur.lastFeature = f;
    } else if (last) {
      const more = line.slice(34).trim();
      last.description += (last.description && more ? " " : "") + more;
    } else throw new RnnlabError(`${at}: FT continuation line without a feature`);
  } else if (code === "SQ") {
    const m = /SEQUENCE\s+(\d+) AA/.exec(line);
    if (!m) throw new RnnlabError(`${at}: expected "SQ   SEQUENCE <n> AA; ...", got ${JSON.stringify(line)}`);
    cur.sqLength = Number(m[1]);
  } else if (code === "  ") {
    if (cur.sqLength === null) throw new RnnlabError(`${at}: sequence data before the SQ line of ${cur.id}`);
    const chunk = line.replace(/\s+/g, "").toUpperCase();
    if (!/^[A-Z]*$/.test(chunk)) throw new RnnlabError(`${at}: sequence line of ${cur.id} holds characters other than letters: ${JSON.stringify(line.trim())}`);
    cur.sequence += chunk;
  }
}

/** The `//` line: checks the lengths and feature positions, then reads the description, keywords and family. */
function finishSwissProtEntry(cur: SwissProtReading, at: string): SwissProtEntry {
  if (cur.sqLength === null) throw new RnnlabError(`${at}: entry ${cur.id} ends without a sequence (no SQ line)`);
  if (cur.sequence.length !== cur.sqLength || cur.sequence.length !== cur.idLength) {
    throw new RnnlabError(`${at}: entry ${cur.id} has ${cur.sequence.length} residues; its ID line says ${cur.idLength}, its SQ line ${cur.sqLength}`);
  }
  for (const f of cur.features) {
    if ((f.start !== null && f.start < 1) || (f.end !== null && f.end > cur.sequence.length)) {
      throw new RnnlabError(`${at}: feature ${f.kind} ${f.start}..${f.end} of ${cur.id} lies outside its ${cur.sequence.length} residues`);
    }
  }
  const de = cur.de.join(" ");
  const full = /RecName:\s*Full=([^;]+);/.exec(de);
  const cc = cur.cc.join("\n");
  const sim = /-!- SIMILARITY:\s*([\s\S]*?)(?=\n\s*-!-|\n-----|$)/.exec(cc);
  return {
    id: cur.id,
    accessions: cur.accessions,
    description: full ? full[1].trim() : de,
    organism: cur.organism.replace(/\.$/, ""),
    keywords: cur.kw.replace(/\.$/, "").split(";").map((s) => s.trim()).filter((s) => s !== ""),
    similarity: sim ? sim[1].replace(/\s+/g, " ").trim() : "",
    sequence: cur.sequence,
    features: cur.features,
    line: cur.line,
  };
}

/**
 * Loads a Swiss-Prot flat file, by default EMBOSS's 100 test entries from the installed
 * `emboss-test` package; throws, naming the package and the install command, when missing.
 */
export function loadSwissProt(options: SwissProtOptions = {}): SwissProtEntry[] {
  return loadFlatFile("loadSwissProt", options, SWISSPROT_TEST_FILE, parseSwissProt);
}

/** The entry's features of one kind (e.g. "TRANSMEM"), with known start and end. */
export function featuresOfKind(entry: SwissProtEntry, kind: string): SwissProtFeature[] {
  if (!entry || !Array.isArray(entry.features)) badArgument("featuresOfKind", "entry", "a SwissProtEntry", entry);
  if (typeof kind !== "string" || kind === "") badArgument("featuresOfKind", "kind", 'a feature key such as "TRANSMEM"', kind);
  return entry.features.filter((f) => f.kind === kind && f.start !== null && f.end !== null);
}
