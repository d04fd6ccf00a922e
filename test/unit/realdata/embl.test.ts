/**
 * The EMBL parser against the real file of Debian's emboss-test (fails, does not skip,
 * when the package is missing), and the location grammar.
 */
import * as fs from "fs";
import { EMBL_HUMAN_TEST_FILE, codingLabels, codingSegments, loadEmbl, parseEmbl, parseEmblLocation, qualifier } from "../../../lib/realdata";

function grepCount(file: string, re: RegExp): number {
  return fs.readFileSync(file, "utf8").split("\n").filter((l) => re.test(l)).length;
}

describe("loadEmbl (emboss-test embl/hum1.dat)", () => {
  const entries = loadEmbl();

  test("entry and feature counts match grep of the file", () => {
    expect(entries).toHaveLength(grepCount(EMBL_HUMAN_TEST_FILE, /^ID /));
    expect(entries).toHaveLength(21);
    const all = entries.flatMap((e) => e.features);
    expect(all).toHaveLength(grepCount(EMBL_HUMAN_TEST_FILE, /^FT {3}[A-Za-z0-9_'-]/)); // 1828
    for (const key of ["CDS", "exon", "intron", "mRNA"]) expect(all.filter((f) => f.key === key)).toHaveLength(grepCount(EMBL_HUMAN_TEST_FILE, new RegExp(`^FT {3}${key} `)));
    expect(all.filter((f) => f.key === "CDS")).toHaveLength(187);
  });

  test("sequences match the base counts on their SQ lines", () => {
    const text = fs.readFileSync(EMBL_HUMAN_TEST_FILE, "utf8");
    const sq = [...text.matchAll(/^SQ {3}Sequence (\d+) BP; (\d+) A; (\d+) C; (\d+) G; (\d+) T; (\d+) other;/gm)];
    expect(sq).toHaveLength(21);
    sq.forEach((m, i) => {
      const s = entries[i].sequence;
      const count = (b: string) => s.split(b).length - 1;
      expect([s.length, count("a"), count("c"), count("g"), count("t")]).toEqual([1, 2, 3, 4, 5].map((k) => Number(m[k])));
    });
  });

  test("c-fos: a four-exon join; its coding bases and its introns", () => {
    const fos = entries.find((e) => e.id === "K00650")!;
    expect(fos.moleculeType).toBe("genomic DNA");
    const cds = fos.features.filter((f) => f.key === "CDS");
    expect(cds).toHaveLength(1);
    expect(cds[0].location.segments.map((g) => [g.start, g.end, g.strand])).toEqual([[889, 1029, 1], [1783, 2034, 1], [2466, 2573, 1], [2688, 3329, 1]]);
    expect(qualifier(cds[0], "codon_start")).toBe("1");
    expect(codingLabels(fos).reduce((a, b) => a + b, 0)).toBe(141 + 252 + 108 + 642);
    expect(fos.features.filter((f) => f.key === "intron").map((f) => f.location.text)).toEqual(["1030..1782", "2035..2465", "2574..2687"]);
    // the coding sequence starts with ATG and ends with a stop codon
    const coding = cds[0].location.segments.map((g) => fos.sequence.slice(g.start - 1, g.end)).join("");
    expect(coding.slice(0, 3)).toBe("atg");
    expect(["taa", "tag", "tga"]).toContain(coding.slice(-3));
  });

  test("complement(join(...)) and remote segments", () => {
    const z = entries.find((e) => e.id === "Z69719")!;
    const polr = z.features.find((f) => f.key === "CDS" && qualifier(f, "gene") === "POLR3K")!;
    expect(polr.location.segments.map((g) => [g.start, g.end, g.strand])).toEqual([[16170, 16280, -1], [14252, 14339, -1], [10124, 10251, -1]]);
    const remote = z.features.find((f) => f.location.text.startsWith("complement(join(Z84723.1:8698..9294"))!;
    expect(remote.location.segments.filter((g) => g.remote === "Z84723.1")).toHaveLength(8);
    expect(remote.location.segments[0]).toMatchObject({ start: 904, end: 1015, remote: null, strand: -1 });
    expect(codingSegments(z).some((g) => g.remote !== null)).toBe(false);
  });

  test("the location grammar", () => {
    expect(parseEmblLocation("<1..>35").segments[0]).toMatchObject({ start: 1, end: 35, partialStart: true, partialEnd: true });
    expect(parseEmblLocation("123^124").segments[0]).toMatchObject({ start: 123, end: 123 });
    expect(parseEmblLocation("42").segments[0]).toMatchObject({ start: 42, end: 42 });
    expect(parseEmblLocation("order(1..2, 5..6)").segments.map((g) => g.start)).toEqual([1, 5]);
    expect(parseEmblLocation("join(complement(5..6),10..12)").segments.map((g) => g.strand)).toEqual([-1, 1]);
    expect(() => parseEmblLocation("join(1..2")).toThrow(/cannot read the location/);
    expect(() => parseEmblLocation("5..3")).toThrow(/ends before it starts/);
    expect(() => parseEmblLocation("")).toThrow(/parseEmblLocation: text/);
  });

  test("malformed entries fail, naming the line; options checked; missing file names the package", () => {
    const entry = (ft: string, seq: string) => `ID   X1; SV 1; linear; mRNA; STD; HUM; 6 BP.\nXX\n${ft}SQ   Sequence 6 BP;\n     ${seq}        6\n//\n`;
    expect(parseEmbl(entry("FT   CDS             2..4\n", "acgtac"))[0].features[0].location.segments[0]).toMatchObject({ start: 2, end: 4 });
    expect(() => parseEmbl(entry("", "acgta"))).toThrow(/line 5: entry X1 has 5 bases, its ID line says 6/);
    expect(() => parseEmbl(entry("FT   CDS             2..9\n", "acgtac"))).toThrow(/feature CDS 2..9 of X1 lies outside its 6 bases/);
    expect(() => parseEmbl(entry("FT   CDS             join(2..4\n", "acgtac"))).toThrow(/line 3: feature CDS of X1: parseEmblLocation: cannot read/);
    expect(() => loadEmbl({ files: "x" } as never)).toThrow(/loadEmbl.*files/);
    expect(() => loadEmbl({ file: "/nonexistent/hum1.dat" })).toThrow(/not found.*emboss-test/);
    expect(() => codingLabels(entries[0], { pseudo: true } as never)).toThrow(/codingLabels.*pseudo/);
  });
});
