/**
 * The Swiss-Prot parser against the real file of Debian's emboss-test. A machine without
 * the package fails here (the set-up installs it); nothing is skipped.
 */
import * as fs from "fs";
import { SWISSPROT_TEST_FILE, featuresOfKind, loadSwissProt, parseSwissProt, residueLabels, labelSegments } from "../../../lib/realdata";

/** Counts lines matching a pattern, as `grep -c` would (an independent count of the raw file). */
function grepCount(file: string, re: RegExp): number {
  return fs.readFileSync(file, "utf8").split("\n").filter((l) => re.test(l)).length;
}

describe("loadSwissProt (emboss-test swiss/seq.dat)", () => {
  const entries = loadSwissProt();

  test("entry and feature counts match grep of the file", () => {
    expect(entries).toHaveLength(grepCount(SWISSPROT_TEST_FILE, /^ID /)); // 100
    expect(entries).toHaveLength(100);
    const all = entries.flatMap((e) => e.features);
    expect(all).toHaveLength(grepCount(SWISSPROT_TEST_FILE, /^FT {3}[A-Z]/)); // 2070
    for (const kind of ["TRANSMEM", "HELIX", "STRAND", "DISULFID", "VARIANT"]) {
      expect(all.filter((f) => f.kind === kind)).toHaveLength(grepCount(SWISSPROT_TEST_FILE, new RegExp(`^FT {3}${kind} `)));
    }
    expect(all.filter((f) => f.kind === "TRANSMEM")).toHaveLength(125);
    expect(entries.filter((e) => e.keywords.includes("Transmembrane"))).toHaveLength(19);
    expect(entries.reduce((s, e) => s + e.sequence.length, 0)).toBe(37225);
  });

  test("human rhodopsin: header fields, seven helices, labels", () => {
    const rho = entries.find((e) => e.id === "OPSD_HUMAN")!;
    expect(rho.accessions[0]).toBe("P08100");
    expect(rho.description).toBe("Rhodopsin");
    expect(rho.organism).toBe("Homo sapiens (Human)");
    expect(rho.similarity).toBe("Belongs to the G-protein coupled receptor 1 family. Opsin subfamily.");
    expect(rho.sequence).toHaveLength(348);
    expect(rho.sequence.startsWith("MNGTEGPNFYVPFSNATGVV")).toBe(true);
    const tm = featuresOfKind(rho, "TRANSMEM");
    expect(tm.map((f) => [f.start, f.end])).toEqual([[37, 61], [74, 98], [114, 133], [153, 176], [203, 230], [253, 276], [285, 309]]);
    expect(tm[0].description).toMatch(/^Helical; Name=1/);
    const labels = residueLabels(rho, ["TRANSMEM"]);
    expect(labels.reduce((a, b) => a + b, 0)).toBe(tm.reduce((s, f) => s + f.end! - f.start! + 1, 0));
    expect(labelSegments(labels)).toEqual(tm.map((f) => ({ start: f.start! - 1, end: f.end! })));
    expect(rho.keywords).toContain("Transmembrane");
  });

  test("partial positions < and > are flags; continuation lines join the description", () => {
    const partial = entries.flatMap((e) => e.features).filter((f) => f.startBeyond || f.endBeyond);
    expect(partial).toHaveLength(3); // "<1 291", "1 >35", "4 >35"
    expect(partial.filter((f) => f.endBeyond).map((f) => f.end)).toEqual([35, 35]);
    const fls = entries.flatMap((e) => e.features).find((f) => f.startBeyond)!;
    expect([fls.start, fls.end, fls.description]).toEqual([1, 291, expect.stringMatching(/^Flavonol synthase\/flavanone 3- hydroxylase/)]);
  });

  const one = (body: string) => `ID   TEST_HUMAN   Reviewed;   5 AA.\nAC   P1;\n${body}//\n`;
  test("malformed records fail, naming the line", () => {
    expect(parseSwissProt(one("SQ   SEQUENCE   5 AA;\n     MKLVA\n"))[0].sequence).toBe("MKLVA");
    expect(() => parseSwissProt(one("SQ   SEQUENCE   5 AA;\n     MKLV\n"))).toThrow(/line 5: entry TEST_HUMAN has 4 residues; its ID line says 5, its SQ line 5/);
    expect(() => parseSwissProt(one("FT   TRANSMEM      2      9       x.\nSQ   SEQUENCE   5 AA;\n     MKLVA\n"))).toThrow(/lies outside its 5 residues/);
    expect(() => parseSwissProt(one("FT   TRANSMEM      4      2       x.\nSQ   SEQUENCE   5 AA;\n     MKLVA\n"))).toThrow(/line 3: feature TRANSMEM ends \(2\) before it starts \(4\)/);
    expect(() => parseSwissProt("ID   X   Reviewed;   5 AA.\nSQ   SEQUENCE   5 AA;\n     MKLVA\n")).toThrow(/ends inside entry X/);
    expect(() => parseSwissProt("AC   P1;\n")).toThrow(/line 1: text outside an entry/);
    expect(() => parseSwissProt(42 as unknown as string)).toThrow(/parseSwissProt: text/);
  });

  test("options are checked and a missing file names the Debian package", () => {
    expect(() => loadSwissProt({ fil: "x" } as never)).toThrow(/loadSwissProt.*fil/);
    expect(() => loadSwissProt({ file: "/nonexistent/seq.dat" })).toThrow(/\/nonexistent\/seq.dat not found.*emboss-test.*apt-get install -y emboss-test/);
    expect(() => residueLabels(entries[0], [])).toThrow(/residueLabels: kinds/);
  });
});
