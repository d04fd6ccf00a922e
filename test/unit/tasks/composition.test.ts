import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Rng } from "../../../lib/core/random";
import {
  AMINO_ACIDS, backgroundProbabilities, bootstrapCompositionSE, compareComposition, compositionFromCounts, parseResidueCountsCsv,
  readPdbCalpha, readResidueCountsCsv, residueCountsOfSequence,
} from "../../../lib/tasks";
import { testWith } from "../../systemDependency";

const ROOT = path.join(__dirname, "..", "..", "..");
const COUNTS = path.join(ROOT, "datasets", "composition", "emboss_swissprot_counts.csv");
const SEQ_DAT = "/usr/share/EMBOSS/test/swiss/seq.dat";

describe("Swiss-Prot background composition against real proteins", () => {
  const rows = readResidueCountsCsv(COUNTS);
  const observed = compositionFromCounts(rows);
  const cmp = compareComposition(observed);

  test("the committed counts: 100 Swiss-Prot entries, 37,224 standard residues", () => {
    expect(rows.length).toBe(100);
    expect(rows.reduce((s, r) => s + r.counts.reduce((a, b) => a + b, 0), 0)).toBe(37224); // + one ambiguous Z
    expect(rows.find((r) => r.name === "HBB_HUMAN")?.counts.reduce((a, b) => a + b, 0)).toBe(147);
  });

  test("the composition table agrees with the real counts within 1.1 percentage points", () => {
    // measured: max |difference| 1.07 points (S: 7.72% observed, 6.65% in the table), then K, R, P, C
    expect(cmp.maxAbsDifference).toBeLessThan(0.011);
    expect(cmp.residues[0].residue).toBe("S");
    const meanAbs = cmp.residues.reduce((s, r) => s + Math.abs(r.difference), 0) / 20;
    expect(meanAbs).toBeLessThan(0.005);
    // every residue's frequency is within 45% of the table's (C and W, rare and enriched in the
    // sample's membrane receptors, differ most in relative terms)
    for (const r of cmp.residues) expect(Math.abs(r.difference) / r.reference).toBeLessThan(0.45);
  });

  test("a permuted table would be caught: the check can fail", () => {
    const p = backgroundProbabilities();
    const swapped = Float64Array.from(p);
    [swapped[AMINO_ACIDS.indexOf("S")], swapped[AMINO_ACIDS.indexOf("W")]] = [p[AMINO_ACIDS.indexOf("W")], p[AMINO_ACIDS.indexOf("S")]];
    expect(compareComposition(observed, swapped).maxAbsDifference).toBeGreaterThan(0.05);
    const uniform = new Float64Array(20).fill(0.05);
    expect(compareComposition(observed, uniform).maxAbsDifference).toBeGreaterThan(0.03);
  });

  test("bootstrap over proteins: standard errors of a few tenths of a point", () => {
    const se = bootstrapCompositionSE(rows, 300, new Rng(1));
    for (let a = 0; a < 20; a++) {
      expect(se[a]).toBeGreaterThan(0.0003);
      expect(se[a]).toBeLessThan(0.006);
    }
    expect(Array.from(bootstrapCompositionSE(rows, 50, new Rng(2)))).toEqual(Array.from(bootstrapCompositionSE(rows, 50, new Rng(2))));
  });

  test("the five zinc fingers of datasets/pdb are no background sample: C and H are enriched several-fold", () => {
    const dir = path.join(ROOT, "datasets", "pdb");
    const pdbRows = fs.readdirSync(dir).filter((f) => f.endsWith(".pdb")).map((f) => {
      const s = readPdbCalpha(path.join(dir, f));
      return { name: s.id, counts: residueCountsOfSequence(s.sequence) };
    });
    const pdb = compareComposition(compositionFromCounts(pdbRows));
    const ratio = (a: string) => pdb.residues.find((r) => r.residue === a)!;
    expect(ratio("C").observed / ratio("C").reference).toBeGreaterThan(3);
    expect(ratio("H").observed / ratio("H").reference).toBeGreaterThan(3);
  });

  test("counts of a sequence; malformed CSV lines are reported by number", () => {
    expect(residueCountsOfSequence("ACCa-X")).toEqual([2, 2, ...new Array(18).fill(0)]);
    const text = fs.readFileSync(COUNTS, "utf8").split("\n");
    const bad = [...text];
    bad[3] = bad[3].replace(/,(\d+),/, ",x,");
    expect(() => parseResidueCountsCsv(bad.join("\n"), "bad.csv")).toThrow(/line 4/);
    const wrongSum = [...text];
    wrongSum[5] = wrongSum[5].replace(/^([^,]+,[^,]+,)(\d+)/, (_, p, n) => `${p}${Number(n) + 1}`);
    expect(() => parseResidueCountsCsv(wrongSum.join("\n"))).toThrow(/line 6: the counts add up to/);
    expect(() => parseResidueCountsCsv("entry,length\n")).toThrow(/line 1 must be the header/);
    expect(() => compositionFromCounts([])).toThrow(/rows/);
    expect(() => compareComposition([1, 2, 3])).toThrow(/observed/);
    expect(() => readResidueCountsCsv("/nonexistent.csv")).toThrow(/no file/);
  });

  testWith(fs.existsSync(SEQ_DAT), `Debian's emboss-test (${SEQ_DAT})`, "the extraction script (the library's Swiss-Prot parser) reproduces the committed CSV byte for byte (needs emboss-test; the set-up installs it)", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-composition-")), "counts.csv");
    execFileSync("node", [path.join(ROOT, "datasets", "composition", "extract_swissprot_counts.js"), SEQ_DAT, out]);
    expect(fs.readFileSync(out, "utf8")).toBe(fs.readFileSync(COUNTS, "utf8"));
  });
});
