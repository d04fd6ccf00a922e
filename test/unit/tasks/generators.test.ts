import { Rng } from "../../../lib/core/random";
import { RnnlabError } from "../../../lib/core/errors";
import {
  AMINO_ACIDS, SWISSPROT_COMPOSITION, backgroundProbabilities, brokenMirrorPairs, compositionOf, generatePalindromes,
  generateProteins, isPalindrome, oneHotBatch, palindromeBatch, palindromeLengths, selectBatchRows,
} from "../../../lib/tasks";
import { addingProblem, copyTask, copyTaskBaselineLoss } from "../../../lib/tasks/memory";

describe("palindromes", () => {
  const ex = generatePalindromes(400, { minLength: 4, maxLength: 11, hardNegativeFraction: 0.5 }, new Rng(1));
  test("labels are correct by construction", () => {
    for (const e of ex) expect(isPalindrome(e.tokens)).toBe(e.label === 1);
  });
  test("balanced classes and the requested share of hard negatives", () => {
    expect(ex.filter((e) => e.label === 1).length).toBe(200);
    const hard = ex.filter((e) => e.kind === "near-palindrome");
    expect(hard.length).toBe(100);
    for (const e of hard) expect(brokenMirrorPairs(e.tokens)).toBe(1); // differs in exactly one pair
  });
  test("lengths stay in range, parity honoured", () => {
    for (const e of ex) expect(e.tokens.length >= 4 && e.tokens.length <= 11).toBe(true);
    const odd = generatePalindromes(50, { minLength: 4, maxLength: 11, parity: "odd" }, new Rng(2));
    for (const e of odd) expect(e.tokens.length % 2).toBe(1);
    expect(palindromeLengths({ minLength: 4, maxLength: 9, parity: "even" })).toEqual([4, 6, 8]);
  });
  test("reproducible from a seed, different for another seed", () => {
    const a = generatePalindromes(30, { minLength: 6 }, new Rng(5));
    const b = generatePalindromes(30, { minLength: 6 }, new Rng(5));
    const c = generatePalindromes(30, { minLength: 6 }, new Rng(6));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  test("one-hot batch is time-major with lengths", () => {
    const { batch, labels, examples } = palindromeBatch(5, { minLength: 4, maxLength: 8 }, new Rng(3));
    expect(batch.D).toBe(4);
    expect(labels.length).toBe(5);
    for (let b = 0; b < 5; b++) {
      expect(batch.lengths![b]).toBe(examples[b].tokens.length);
      for (let t = 0; t < batch.T; t++) {
        for (let d = 0; d < 4; d++) {
          const want = t < examples[b].tokens.length && examples[b].tokens[t] === d ? 1 : 0;
          expect(batch.x[(t * batch.B + b) * batch.D + d]).toBe(want);
        }
      }
    }
    const sub = selectBatchRows(batch, [3, 1]);
    expect(sub.lengths).toEqual([batch.lengths![3], batch.lengths![1]]);
    expect(Array.from(sub.x.subarray(0, 4))).toEqual(Array.from(batch.x.subarray(12, 16)));
  });
  test("impossible configurations name the argument", () => {
    expect(() => generatePalindromes(10, { alphabet: "" })).toThrow(/alphabet must be at least 2 distinct symbols/);
    expect(() => generatePalindromes(10, { alphabet: "a" })).toThrow(/alphabet/);
    expect(() => generatePalindromes(10, { minLength: -3 })).toThrow(/minLength must be a non-negative length, got -3/);
    expect(() => generatePalindromes(10, { minLength: 1 })).toThrow(/minLength must be an integer >= 2/);
    expect(() => generatePalindromes(10, { minLength: 5, maxLength: 5, parity: "even" })).toThrow(/parity "even" cannot be met/);
    expect(() => generatePalindromes(10, { minLength: 8, maxLength: 6 })).toThrow(/maxLength/);
    expect(() => generatePalindromes(10, { alphabet: "aab" })).toThrow(/distinct/);
    expect(() => oneHotBatch([[0, 5]], 4)).toThrow(/sequences\[0\]\[1\]/);
  });
});

describe("synthetic proteins", () => {
  /** The label, recomputed: a disulfide bridge is C–C, a salt bridge one of K/R with one of D/E. */
  const sitesInteract = (tokens: readonly number[], [i, j]: readonly number[], interaction: "salt-bridge" | "disulfide") => {
    const [a, b] = [AMINO_ACIDS[tokens[i]], AMINO_ACIDS[tokens[j]]];
    if (interaction === "disulfide") return a === "C" && b === "C";
    const charge = (x: string) => ("KR".includes(x) ? 1 : "DE".includes(x) ? -1 : 0);
    return charge(a) * charge(b) === -1;
  };
  test("labels are correct by construction, per sequence and per residue", () => {
    for (const interaction of ["salt-bridge", "disulfide"] as const) {
      const ex = generateProteins(300, { separation: 15, interaction }, new Rng(7));
      for (const e of ex) {
        expect(e.tokens.length).toBe(15 + 1 + 4);
        expect(e.sites).toEqual([2, 17]);
        expect(sitesInteract(e.tokens, e.sites, interaction)).toBe(e.label === 1);
        expect(e.residueLabels.reduce((a, b) => a + b, 0)).toBe(e.label === 1 ? 2 : 0);
        if (e.label === 1) expect(e.residueLabels[2] + e.residueLabels[17]).toBe(2);
      }
      expect(ex.filter((e) => e.label === 1).length).toBe(150);
    }
  });
  test("each site alone is independent of the label in the salt-bridge task", () => {
    const ex = generateProteins(8000, { separation: 10 }, new Rng(8));
    for (const site of [0, 1]) {
      for (const y of [0, 1]) {
        const sub = ex.filter((e) => e.label === y);
        for (const a of "KRDE") {
          const f = sub.filter((e) => AMINO_ACIDS[e.tokens[e.sites[site]]] === a).length / sub.length;
          expect(Math.abs(f - 0.25)).toBeLessThan(0.03); // 4000 draws: sd 0.007
        }
      }
    }
  });
  test("background follows the Swiss-Prot composition", () => {
    const ex = generateProteins(1000, { separation: 30 }, new Rng(9));
    const comp = compositionOf(ex, [2, 32]);
    const p = backgroundProbabilities();
    for (let i = 0; i < 20; i++) expect(Math.abs(comp[i] - p[i])).toBeLessThan(0.006);
    expect(Math.abs(p[AMINO_ACIDS.indexOf("L")] - SWISSPROT_COMPOSITION.L / 99.93)).toBeLessThan(1e-12);
    const noC = compositionOf(generateProteins(200, { separation: 30, interaction: "disulfide" }, new Rng(9)), [2, 32]);
    expect(noC[AMINO_ACIDS.indexOf("C")]).toBe(0);
  });
  test("reproducible from a seed", () => {
    expect(generateProteins(20, { separation: 5 }, new Rng(4))).toEqual(generateProteins(20, { separation: 5 }, new Rng(4)));
  });
  test("impossible configurations name the argument", () => {
    expect(() => generateProteins(10, { separation: 30, length: 20 })).toThrow(/separation 30 does not fit in a sequence of length 20/);
    expect(() => generateProteins(10, { separation: -1 })).toThrow(/separation must be a positive distance/);
    expect(() => generateProteins(10, { separation: 5, length: -2 })).toThrow(/length must be a non-negative length/);
    expect(() => generateProteins(0, { separation: 5 })).toThrow(/n must be an integer >= 1/);
    expect(() => generateProteins(4, { separation: 5, interaction: "hydrogen" as never })).toThrow(/interaction must be one of/);
    expect(() => generateProteins(4, { separation: 5 }, new Rng(1))).not.toThrow();
    expect(() => generateProteins(4, { separation: 5, flank: 0, length: 5 })).toThrow(RnnlabError);
  });
});

describe("copy task and adding problem", () => {
  test("copy task: target is the data after the delimiter", () => {
    const d = copyTask(20, { delay: 7, alphabetSize: 6, copyLength: 3 }, new Rng(1));
    const T = 7 + 6;
    expect(d.batch.T).toBe(T);
    expect(d.batch.D).toBe(8);
    for (let b = 0; b < 20; b++) {
      const inp = d.inputs[b];
      expect(inp.indexOf(7)).toBe(3 + 7 - 1); // delimiter
      expect(d.targetSequences[b].slice(T - 3)).toEqual(inp.slice(0, 3));
      for (let t = 0; t < T; t++) {
        expect(d.targets[t * 20 + b]).toBe(d.targetSequences[b][t]);
        expect(d.outputMask[t * 20 + b]).toBe(t >= T - 3 ? 1 : 0);
      }
    }
    expect(copyTaskBaselineLoss({ delay: 7, alphabetSize: 6, copyLength: 3 })).toBeCloseTo((3 * Math.log(6)) / 13, 12);
    expect(() => copyTask(5, { delay: -4 })).toThrow(/delay must be a positive number/);
    expect(() => copyTask(5, { delay: 3, alphabetSize: 0 })).toThrow(/alphabetSize/);
  });
  test("adding problem: one marker per half, target is their sum", () => {
    const d = addingProblem(50, { length: 21 }, new Rng(2));
    for (let b = 0; b < 50; b++) {
      const [m1, m2] = d.markers[b];
      expect(m1).toBeLessThan(10);
      expect(m2).toBeGreaterThanOrEqual(10);
      let nMarks = 0;
      for (let t = 0; t < 21; t++) nMarks += d.batch.x[(t * 50 + b) * 2 + 1];
      expect(nMarks).toBe(2);
      expect(d.targets[b]).toBeCloseTo(d.batch.x[(m1 * 50 + b) * 2] + d.batch.x[(m2 * 50 + b) * 2], 12);
    }
    expect(() => addingProblem(5, { length: 1 })).toThrow(/length must be >= 2/);
    expect(() => addingProblem(5, { length: -3 })).toThrow(/length must be a positive number/);
  });
});
