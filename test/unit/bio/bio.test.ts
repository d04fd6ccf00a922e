/**
 * Notebook 19's sequence tools: hydropathy window, segment scores, DNA Markov chains,
 * period-3 power, k-mer groups, the GRU tagger; and the exercise references agree with them.
 */
import { Rng } from "../../../lib/core/random";
import {
  KYTE_DOOLITTLE, hydropathyProfile, kyteDoolittleTags, taggingScores, contextCodes, fitDnaMarkovChain, markovLogLikelihoodRatio,
  windowSum, labelledStretches, baseSpectrum, period3Power, signalPeriodPower, kmerSimilarity, similarityGroups, SequenceTagger, trainSequenceTagger,
} from "../../../lib/bio";
import {
  hydropathyAtReference, segmentF1Reference, markovScoreReference, period3Reference, bestThresholdReference,
} from "../../../course/questions/19_proteins_and_genes";
import { getQuestion } from "../../../lib/exercises/registry";

const randomString = (rng: Rng, n: number, alphabet: string) => Array.from({ length: n }, () => alphabet[rng.int(0, alphabet.length)]).join("");

describe("Kyte–Doolittle", () => {
  test("the window mean equals the exercise reference at every residue; tags use the threshold", () => {
    const s = "MNGTEGPNFYVPFSNATGVVRSPFEYPQYYLAEPWQFSMLAAYMFLLIVLGFPINFLTLYVTVQHKKLRTPLNYILLNLAVADLFMVLGGFTSTLYTSLHGYFVFGPTGCNLEGFFATLGGEIALWSLVVLAIERYVVVCKPMSNFRFGENHAIMGVAFTWVMALACAAPPLAGWSRYIPEGLQCSCGIDYYTLKPEVNNESFVIYMFVVHFTIPMIIIFFCYGQLVFTVKEAAAQQQESATTQKAEKEVTRMVIIMVIAFLICWVPYASVAFYIFTHQGSNFGPIFMTIPAFFAKSAAIYNPVIYIMMNKQFRNCMLTTICCGKNPLGDDEASATVSKTETSQVAPA";
    const H = hydropathyProfile(s, { window: 19 });
    for (let i = 0; i < s.length; i++) expect(H[i]).toBeCloseTo(hydropathyAtReference(s, i, 19), 12);
    expect(hydropathyProfile("IIIII", { window: 3 })[2]).toBeCloseTo(KYTE_DOOLITTLE.I, 12);
    const tags = kyteDoolittleTags(s, { threshold: 1.2 });
    for (let i = 0; i < s.length; i++) expect(tags[i]).toBe(H[i] > 1.2 ? 1 : 0);
    expect(() => hydropathyProfile(s, { window: 18 })).toThrow(/hydropathyProfile.*window.*odd/);
    expect(() => hydropathyProfile(s, { windows: 19 } as never)).toThrow(/hydropathyProfile.*windows/);
    expect(() => hydropathyProfile("")).toThrow(/sequence/);
  });
});

describe("taggingScores", () => {
  test("segment recall, precision and F1 follow the overlap rule; per sequence they equal the exercise reference", () => {
    const t = [0, 1, 1, 1, 0, 0, 1, 1, 1, 0];
    const p = [0, 0, 1, 1, 1, 1, 1, 0, 0, 0];
    const s = taggingScores([t], [p], { minOverlap: 2 });
    expect(s).toMatchObject({ trueSegments: 2, predictedSegments: 1, found: 1, correct: 1, segmentRecall: 0.5, segmentPrecision: 1, accuracy: 0.5 }); // overlaps 2 and 1
    expect(taggingScores([t], [p], { minOverlap: 3 })).toMatchObject({ found: 0, correct: 0, segmentF1: 0 });
    const rng = new Rng(4);
    for (let r = 0; r < 20; r++) {
      const a = Array.from({ length: 40 }, () => (rng.uniform() < 0.4 ? 1 : 0));
      const b = Array.from({ length: 40 }, () => (rng.uniform() < 0.4 ? 1 : 0));
      expect(taggingScores([a], [b], { minOverlap: 2 }).segmentF1).toBeCloseTo(segmentF1Reference(a, b, 2), 12);
    }
    expect(() => taggingScores([t], [p.slice(1)])).toThrow(/predicted\[0\]/);
    expect(() => taggingScores([t], [p], { overlap: 2 } as never)).toThrow(/taggingScores.*overlap/);
  });
});

describe("DNA Markov chains", () => {
  test("context codes skip non-acgt letters; probabilities are normalised", () => {
    expect(Array.from(contextCodes("acgnta", 1))).toEqual([-1, 0 * 4 + 1, 1 * 4 + 2, -1, -1, 3 * 4 + 0]);
    const chain = fitDnaMarkovChain(["acgtacgtaaacccgggttt", "gattaca"], { order: 2 });
    for (let c = 0; c < 64; c += 4) expect([0, 1, 2, 3].reduce((s, b) => s + Math.exp(chain.logProb[c + b]), 0)).toBeCloseTo(1, 12);
    expect(chain.transitions).toBe(18 + 5);
    expect(() => fitDnaMarkovChain(["nnnn"], { order: 2 })).toThrow(/fitDnaMarkovChain: sequences/);
    expect(() => fitDnaMarkovChain(["acgt"], { k: 2 } as never)).toThrow(/fitDnaMarkovChain.*k/);
  });

  test("the log-likelihood ratio summed over a sequence equals the exercise loop", () => {
    const rng = new Rng(9);
    const c = fitDnaMarkovChain([randomString(rng, 500, "aacgt")], { order: 2 });
    const n = fitDnaMarkovChain([randomString(rng, 500, "acgtt")], { order: 2 });
    const table = (chain: typeof c) => {
      const out: Record<string, number> = {};
      for (let code = 0; code < 64; code++) out["acgt"[Math.floor(code / 16)] + "acgt"[Math.floor(code / 4) % 4] + "acgt"[code % 4]] = chain.logProb[code];
      return out;
    };
    const s = randomString(rng, 80, "acgt");
    const r = markovLogLikelihoodRatio(s, c, n);
    expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(markovScoreReference(s, table(c), table(n), 2), 10);
    expect(() => markovLogLikelihoodRatio(s, c, fitDnaMarkovChain(["acgtacgt"], { order: 1 }))).toThrow(/noncoding.order/);
  });

  test("window sums and labelled stretches", () => {
    expect(Array.from(windowSum([1, 2, 3, 4], 3))).toEqual([3, 6, 9, 7]);
    expect(() => windowSum([1, 2], 2)).toThrow(/odd/);
    expect(labelledStretches("acgtac", [0, 1, 1, 0, 1, 0], 1)).toEqual(["cg", "a"]);
    expect(labelledStretches("acgtac", [0, 1, 1, 0, 1, 0], 0)).toEqual(["a", "t", "c"]);
  });
});

describe("period 3", () => {
  test("P3 equals the exercise reference; periodic DNA is high, random DNA ≈ 1 − Σp² on average", () => {
    const rng = new Rng(3);
    for (const s of ["atgatgatgatg", "acgttgcaggtcaatg", randomString(rng, 100, "acgt")]) expect(period3Power(s)).toBeCloseTo(period3Reference(s), 10);
    expect(period3Power("atg".repeat(40))).toBeCloseTo(40, 6); // three bases, each at one phase: 3 · 40² / 120
    let m = 0;
    for (let r = 0; r < 400; r++) m += period3Power(randomString(rng, 240, "acgt")) / 400;
    expect(m).toBeGreaterThan(0.65);
    expect(m).toBeLessThan(0.85);
    expect(baseSpectrum("acgt", 0)).toBe(4); // f = 0: Σ_b (count_b)²
    expect(() => baseSpectrum("acgt", 0.7)).toThrow(/frequency/);
  });

  test("signalPeriodPower: a period-3 signal, noise, a constant", () => {
    const wave = Array.from({ length: 300 }, (_, t) => Math.cos((2 * Math.PI * t) / 3));
    expect(signalPeriodPower(wave, 3)).toBeCloseTo(150, 6); // |Σ cos(ωt) e^{−iωt}|² = (N/2)², energy Σ cos² = N/2: ratio N/2
    const rng = new Rng(8);
    let m = 0;
    for (let r = 0; r < 200; r++) m += signalPeriodPower(Array.from({ length: 240 }, () => rng.normal()), 3) / 200;
    expect(m).toBeGreaterThan(0.8);
    expect(m).toBeLessThan(1.2);
    expect(signalPeriodPower([2, 2, 2], 3)).toBe(0);
    expect(() => signalPeriodPower([1], 3)).toThrow(/values/);
  });
});

describe("k-mer similarity and groups", () => {
  test("identical and unrelated proteins; single linkage with keys", () => {
    const rng = new Rng(5);
    const a = randomString(rng, 300, "ACDEFGHIKLMNPQRSTVWY");
    const b = randomString(rng, 300, "ACDEFGHIKLMNPQRSTVWY");
    expect(kmerSimilarity(a, a)).toBe(1);
    expect(kmerSimilarity(a, b)).toBeLessThan(0.02);
    const mutant = a.slice(0, 150) + "W" + a.slice(151);
    expect(kmerSimilarity(a, mutant)).toBeGreaterThan(0.9);
    expect(similarityGroups([a, b, mutant])).toEqual([0, 1, 0]);
    expect(similarityGroups([a, b, mutant], { keys: ["", "x", "x"] })).toEqual([0, 0, 0]);
    expect(() => similarityGroups([a, b], { keys: ["x"] })).toThrow(/keys/);
    expect(() => similarityGroups([a], { kmer: 3 } as never)).toThrow(/similarityGroups.*kmer/);
  });
});

describe("SequenceTagger", () => {
  test("shapes, options, and training learns a local rule (label 1 at and after each 'w')", () => {
    const rng = new Rng(2);
    const tagger = new SequenceTagger({ alphabet: "acgtw", hiddenSize: 6, rng });
    expect(tagger.probabilities("acgtw")).toHaveLength(5);
    expect(tagger.hiddenStates("acg")).toHaveLength(3 * 6);
    const bi = new SequenceTagger({ alphabet: "acgtw", hiddenSize: 6, bidirectional: true, rng });
    expect(bi.hiddenStates("acg")).toHaveLength(3 * 12);
    const examples = Array.from({ length: 30 }, () => {
      const s = randomString(rng, 40, "acgtw");
      return { sequence: s, labels: Array.from(s, (ch, i) => (ch === "w" || (i > 0 && s[i - 1] === "w") ? 1 : 0)) };
    });
    const h = trainSequenceTagger(tagger, examples, { steps: 120, batchSize: 8, windowLength: 20, learningRate: 0.03, rng: new Rng(3) });
    expect(Math.min(...h.loss.slice(-10))).toBeLessThan(0.5 * h.loss[0]);
    const test = "acgwtacgwwga";
    const truth = Array.from(test, (ch, i) => (ch === "w" || (i > 0 && test[i - 1] === "w") ? 1 : 0));
    expect(taggingScores([truth], [tagger.tags(test)]).accuracy).toBeGreaterThan(0.8);
    expect(() => new SequenceTagger({ alphabet: "aa" })).toThrow(/alphabet/);
    expect(() => new SequenceTagger({ alphabet: "ac", hidden: 3 } as never)).toThrow(/SequenceTagger.*hidden/);
    expect(() => trainSequenceTagger(tagger, [{ sequence: "ac", labels: [1] }])).toThrow(/examples\[0\].labels/);
  });
});

describe("notebook 19's questions", () => {
  test("each reference passes its public check; a wrong answer fails", () => {
    const refs: Record<string, unknown> = {
      "19.hydropathy": hydropathyAtReference,
      "19.segmentF1": segmentF1Reference,
      "19.markovScore": markovScoreReference,
      "19.period3": period3Reference,
      "19.bestThreshold": bestThresholdReference,
    };
    for (const [id, ref] of Object.entries(refs)) {
      const q = getQuestion(id);
      expect(q.depth).not.toBe("formula");
      expect({ id, pass: q.test(ref).pass }).toEqual({ id, pass: true });
      expect({ id, pass: q.test(() => 0.5).pass }).toEqual({ id, pass: false });
    }
  });
});

describe("familySplit and the transmembrane seed sweep", () => {
   
  const { loadSwissProt } = require("../../../lib/realdata");
   
  const { familySplit, familyKey, parseTaggerSeedCsv, taggerSeedRecordsToCsv } = require("../../../lib/bio");
  const proteins = loadSwissProt();

  test("family keys keep the subfamily; the split holds out the opsins and no near-identical pair crosses it", () => {
    const byId = (id: string) => proteins.find((e: { id: string }) => e.id === id);
    expect(familyKey(byId("OPSD_HUMAN"))).toBe("Belongs to the G-protein coupled receptor 1 family. Opsin subfamily");
    expect(familyKey(byId("DRD1L_TAKRU"))).toBe("Belongs to the G-protein coupled receptor 1 family");
    expect(familyKey(byId("ARF3_HUMAN"))).toBe("Belongs to the small GTPase superfamily");
    const split = familySplit(proteins, { holdOut: "OPSD_HUMAN", minTest: 20, rng: new Rng(19) });
    const test = proteins.filter((_: unknown, i: number) => split.test[i]);
    const train = proteins.filter((_: unknown, i: number) => !split.test[i]);
    expect(test.length).toBeGreaterThanOrEqual(20);
    expect(test.filter((e: { id: string }) => /^OPS/.test(e.id))).toHaveLength(8);
    expect(train.some((e: { id: string }) => /^OPS/.test(e.id))).toBe(false);
    let cross = 0;
    for (const a of train) for (const b of test) cross = Math.max(cross, kmerSimilarity(a.sequence, b.sequence, 4));
    expect(cross).toBeLessThan(0.1);
    expect(() => familySplit(proteins, { holdOut: "NOPE" })).toThrow(/familySplit: holdOut/);
    expect(() => familySplit(proteins, { holdOut: "OPSD_HUMAN", minTest: 100 })).toThrow(/familySplit: only \d+ entries can be held out .*minTest is 100/);
  });

  test("the committed seed sweep parses; its CSV round-trips; malformed lines are named", () => {
     
    const fs = require("fs");
     
    const path = require("path");
    const file = path.join(__dirname, "..", "..", "..", "datasets", "results", "transmembrane_seeds.csv");
    const text = fs.readFileSync(file, "utf8");
    const records = parseTaggerSeedCsv(text, file);
    expect(records).toHaveLength(10);
    expect(taggerSeedRecordsToCsv(records)).toBe(text);
    expect(() => parseTaggerSeedCsv(text.replace("gru,1,", "lstm,1,"))).toThrow(/line 2 must be gru\|bigru/);
    expect(() => parseTaggerSeedCsv("model,seed\n")).toThrow(/line 1 must be the header/);
  });
});

describe("SequenceTagger gradients", () => {
  test("the per-position BCE loss of a BiGRU tagger passes a finite-difference gradient check", () => {
     
    const { gradCheck, assertGradCheck } = require("../../../lib/nn/gradCheck");
    const tagger = new SequenceTagger({ alphabet: "acgt", hiddenSize: 3, bidirectional: true, rng: new Rng(11) });
    const batch = tagger.batchOf(["acgtta", "gca"]); // ragged: lengths [6, 3]
    const y = Float64Array.from({ length: batch.T * batch.B }, (_, i) => i % 3 === 0 ? 1 : 0);
    const res = gradCheck(tagger.model.parameters(), tagger.model.lossAndGradFn(batch, y), { order: 4, maxPerTensor: 8 });
    assertGradCheck(res, 1e-6);
  });
});
