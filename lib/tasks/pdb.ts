/**
 * Real protein structures: PDB files -> Cα coordinates -> contact maps.
 *
 * A PDB `ATOM` record is a fixed-column line (PDB format v3.3):
 *   cols 13–16 atom name, 17 altLoc, 18–20 residue name, 22 chain, 23–26 residue number,
 *   27 insertion code, 31–38 / 39–46 / 47–54 x / y / z in ångström.
 * We keep the Cα atom (" CA ") of each residue of the first model (first altLoc).
 *
 * Two residues are in *contact* when their Cα atoms are closer than a threshold
 * (8 Å, the CASP convention). The *sequence separation* of a contact (i, j) is |i − j|;
 * contacts with large separation are exactly the long-range interactions a sequence
 * model must carry across many steps.
 */
import * as fs from "fs";
import { RnnlabError, requireFinite, requireObject, requirePositive, requireString } from "../core/errors";
import { requireAllocation } from "../core/options";
import { requireListArg, requireNumberArray, requireReadableFile } from "../core/argChecks";

/** Three-letter to one-letter residue codes (20 standard amino acids; X otherwise). */
const THREE_TO_ONE: Readonly<Record<string, string>> = {
  ALA: "A", ARG: "R", ASN: "N", ASP: "D", CYS: "C", GLN: "Q", GLU: "E", GLY: "G", HIS: "H", ILE: "I",
  LEU: "L", LYS: "K", MET: "M", PHE: "F", PRO: "P", SER: "S", THR: "T", TRP: "W", TYR: "Y", VAL: "V",
};

/** One residue with its Cα position (Å). */
export interface CalphaResidue {
  chain: string;
  /** Residue number in the file (with insertion code appended when present). */
  resSeq: string;
  /** Three-letter name, e.g. "CYS". */
  name: string;
  /** One-letter code, "X" for non-standard residues. */
  code: string;
  x: number;
  y: number;
  z: number;
}

/** A parsed structure: its residues in file order and the one-letter sequence. */
export interface CalphaStructure {
  id: string;
  residues: CalphaResidue[];
  sequence: string;
}

/**
 * Parses the Cα atoms of the first model of a PDB text. Malformed coordinates are
 * reported with their line number.
 */
export function parsePdbCalpha(text: string, id = "structure"): CalphaStructure {
  requireString("parsePdbCalpha", "text", text, true);
  requireString("parsePdbCalpha", "id", id);
  const residues: CalphaResidue[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("ENDMDL")) break;
    if (!line.startsWith("ATOM") && !line.startsWith("HETATM")) continue;
    if (line.substring(12, 16) !== " CA ") continue;
    const name = line.substring(17, 20).trim();
    if (line.startsWith("HETATM") && !(name in THREE_TO_ONE)) continue; // ions, water, ligands
    const chain = line.substring(21, 22);
    const resSeq = line.substring(22, 27).trim();
    const key = chain + ":" + resSeq;
    if (seen.has(key)) continue; // alternate location: keep the first
    const [x, y, z] = [line.substring(30, 38), line.substring(38, 46), line.substring(46, 54)].map(Number);
    if (line.length < 54 || ![x, y, z].every(Number.isFinite)) {
      throw new RnnlabError(`parsePdbCalpha(${id}): line ${i + 1} has no valid x/y/z in columns 31–54: ${JSON.stringify(line.slice(0, 60))}`);
    }
    seen.add(key);
    residues.push({ chain, resSeq, name, code: THREE_TO_ONE[name] ?? "X", x, y, z });
  }
  if (residues.length === 0) throw new RnnlabError(`parsePdbCalpha(${id}): no Cα atoms (ATOM records with atom name " CA ") found: the text must hold PDB ATOM records`);
  return { id, residues, sequence: residues.map((r) => r.code).join("") };
}

/** Checks a CalphaStructure {id, residues, sequence}: residues with finite x, y, z. */
function requireStructure(where: string, structure: unknown): CalphaStructure {
  const s = requireObject<CalphaStructure>(where, "structure", structure, "a CalphaStructure (from parsePdbCalpha or readPdbCalpha)");
  const residues = requireListArg<CalphaResidue>(where, "structure.residues", s.residues, "an array of residues {x, y, z, ...}", 1);
  requireAllocation(where, "structure.residues", residues.length * residues.length);
  residues.forEach((r, i) => {
    requireObject(where, `structure.residues[${i}]`, r, "a residue {x, y, z, ...}");
    for (const k of ["x", "y", "z"] as const) requireFinite(where, `structure.residues[${i}].${k}`, r[k]);
  });
  return s;
}

/** Checks a square 0/1 contact map (an array of rows). */
function requireContactMap(where: string, map: unknown): void {
  const rows = requireListArg<unknown>(where, "map", map, "a square contact map (an array of rows of 0/1)", 1);
  rows.forEach((row, i) => requireNumberArray(where, `map[${i}]`, row, { length: rows.length }));
}

/** Reads and parses a PDB file (id = file name without extension). */
export function readPdbCalpha(path: string): CalphaStructure {
  requireReadableFile("readPdbCalpha", "path", path);
  const id = path.replace(/^.*[\\/]/, "").replace(/\.pdb$/i, "");
  return parsePdbCalpha(fs.readFileSync(path, "utf8"), id);
}

/** Distance matrix between Cα atoms, in Å: `d[i][j]`. */
export function calphaDistances(structure: CalphaStructure): number[][] {
  const r = requireStructure("calphaDistances", structure).residues;
  return r.map((a) => r.map((b) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z)));
}

/** Contact map: 1 where the Cα–Cα distance is below `threshold` Å (default 8), 0 elsewhere. */
export function contactMap(structure: CalphaStructure, threshold = 8): number[][] {
  requireStructure("contactMap", structure);
  requirePositive("contactMap", "threshold", threshold);
  return calphaDistances(structure).map((row) => row.map((d) => (d < threshold ? 1 : 0)));
}

/** Contacts (i < j) with their sequence separation j − i. */
export function contactList(map: readonly (readonly number[])[]): { i: number; j: number; separation: number }[] {
  requireContactMap("contactList", map);
  const out: { i: number; j: number; separation: number }[] = [];
  for (let i = 0; i < map.length; i++) for (let j = i + 1; j < map.length; j++) if (map[i][j]) out.push({ i, j, separation: j - i });
  return out;
}

/**
 * Fraction of contacts (pairs i < j in contact) whose sequence separation exceeds each
 * of `separations` (default 6, 12, 24).
 */
export function longRangeContactFractions(
  map: readonly (readonly number[])[],
  separations: readonly number[] = [6, 12, 24],
): { separation: number; fraction: number; count: number; total: number }[] {
  requireContactMap("longRangeContactFractions", map);
  requireNumberArray("longRangeContactFractions", "separations", separations, { minLength: 1 });
  const contacts = contactList(map);
  if (contacts.length === 0) throw new RnnlabError("longRangeContactFractions: map has no contacts (it must have at least one 1 off the diagonal)");
  return Array.from(separations, (s) => {
    const count = contacts.filter((c) => c.separation > s).length;
    return { separation: s, fraction: count / contacts.length, count, total: contacts.length };
  });
}
