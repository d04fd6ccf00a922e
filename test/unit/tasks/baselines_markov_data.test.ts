import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Rng } from "../../../lib/core/random";
import {
  contactMap, contactList, fitNGram, fitWindowClassifier, generateProteins, loadTaskCsv, longRangeContactFractions,
  makeTaskDatasets, markovChainModel, nGramTableSize, parsePdbCalpha, parseTaskCsv, randomMarkovChain, readPdbCalpha,
  sampleMarkovSequences, taskDatasetFiles,
} from "../../../lib/tasks";

const ROOT = path.join(__dirname, "..", "..", "..");

describe("local-window baseline on the protein task", () => {
  const train = generateProteins(2000, { separation: 12 }, new Rng(11));
  const heldOut = generateProteins(2000, { separation: 12 }, new Rng(12));
  test("stays at chance when the window cannot hold both sites (w <= separation)", () => {
    for (const w of [1, 6, 12]) {
      const clf = fitWindowClassifier(train, w);
      const acc = clf.accuracy(heldOut);
      expect(Math.abs(acc - 0.5)).toBeLessThan(0.045); // sd of chance accuracy on 2000 = 0.011
    }
  });
  test("solves the task once the window spans both sites (so the baseline can fail the test above)", () => {
    const clf = fitWindowClassifier(train, 13);
    expect(clf.positions).toEqual([2, 14]);
    expect(clf.accuracy(heldOut)).toBeGreaterThan(0.9);
  });
  test("beats chance on the leaky disulfide variant with a window of 1 (one site leaks the label)", () => {
    const tr = generateProteins(2000, { separation: 12, interaction: "disulfide" }, new Rng(13));
    const te = generateProteins(2000, { separation: 12, interaction: "disulfide" }, new Rng(14));
    const acc = fitWindowClassifier(tr, 1).accuracy(te);
    expect(acc).toBeGreaterThan(0.7);
    expect(acc).toBeLessThan(0.8); // the best single-site rule gets 75%
  });
  test("bad input", () => {
    expect(() => fitWindowClassifier(train, 100)).toThrow(/width must be at most the sequence length 17/);
    expect(() => fitWindowClassifier([], 3)).toThrow(/examples/);
  });
});

describe("Markov chains and n-grams", () => {
  const chain = randomMarkovChain({ alphabet: "abc", order: 2, concentration: 0.5 }, new Rng(21));
  test("rows are distributions; table size is |A|^k·|A|", () => {
    expect(chain.table.length).toBe(27);
    for (let c = 0; c < 9; c++) {
      let s = 0;
      for (let a = 0; a < 3; a++) s += chain.table[c * 3 + a];
      expect(s).toBeCloseTo(1, 12);
    }
    expect(nGramTableSize(4, 3)).toBe(256);
  });
  test("counting recovers the chain; the right order beats a too-short order", () => {
    const train = sampleMarkovSequences(chain, 200, 200, new Rng(22));
    const testSeqs = sampleMarkovSequences(chain, 50, 200, new Rng(23));
    const fit2 = fitNGram(train, { order: 2, alphabetSize: 3 });
    for (let i = 0; i < 27; i++) expect(Math.abs(fit2.table[i] - chain.table[i])).toBeLessThan(0.05);
    const fit1 = fitNGram(train, { order: 1, alphabetSize: 3 });
    const truth = markovChainModel(chain).score(testSeqs, 2);
    const s2 = fit2.score(testSeqs, 2);
    const s1 = fit1.score(testSeqs, 2);
    expect(s2.logLikelihood).toBeGreaterThan(s1.logLikelihood);
    expect(Math.abs(s2.logLikelihood - truth.logLikelihood)).toBeLessThan(0.01);
    expect(s2.count).toBe(50 * 198);
  });
  test("sampling is reproducible and bad input is named", () => {
    expect(sampleMarkovSequences(chain, 3, 10, new Rng(1))).toEqual(sampleMarkovSequences(chain, 3, 10, new Rng(1)));
    expect(() => randomMarkovChain({ alphabet: "" })).toThrow(/alphabet must be at least 1 distinct symbol/);
    expect(() => randomMarkovChain({ order: -1 })).toThrow(/order must be a memory length >= 0, got -1/);
    expect(() => sampleMarkovSequences(chain, 2, -5)).toThrow(/length must be a non-negative length/);
    expect(() => sampleMarkovSequences(chain, 2, 2)).toThrow(/length must be an integer >= 3/);
  });
});

describe("datasets folder", () => {
  test("regenerating reproduces the committed CSVs byte for byte", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-datasets-"));
    const written = makeTaskDatasets(dir);
    expect(written.length).toBe(taskDatasetFiles().length);
    for (const p of written) {
      const committed = path.join(ROOT, "datasets", path.basename(p));
      expect(fs.existsSync(committed)).toBe(true);
      expect(fs.readFileSync(p).equals(fs.readFileSync(committed))).toBe(true);
    }
    fs.rmSync(dir, { recursive: true });
  });
  test("every CSV loads as a model-ready batch with correct labels", () => {
    const pal = loadTaskCsv(path.join(ROOT, "datasets", "palindromes.csv"));
    if (pal.task !== "palindromes") throw new Error("wrong task");
    expect(pal.batch.B).toBe(200);
    expect(pal.labels.reduce((a, b) => a + b, 0)).toBe(100);
    const prot = loadTaskCsv(path.join(ROOT, "datasets", "proteins_salt_bridge_sep20.csv"));
    if (prot.task !== "proteins") throw new Error("wrong task");
    expect(prot.batch.D).toBe(20);
    expect(prot.batch.T).toBe(25);
    const copy = loadTaskCsv(path.join(ROOT, "datasets", "copy_delay10.csv"));
    if (copy.task !== "copy") throw new Error("wrong task");
    expect(copy.batch.D).toBe(10);
    expect(copy.outputMask.reduce((a, b) => a + b, 0)).toBe(5 * 100);
    const add = loadTaskCsv(path.join(ROOT, "datasets", "adding_T30.csv"));
    if (add.task !== "adding") throw new Error("wrong task");
    expect(add.batch.T).toBe(30);
    const mk = loadTaskCsv(path.join(ROOT, "datasets", "markov_order2.csv"));
    if (mk.task !== "markov") throw new Error("wrong task");
    expect(mk.order).toBe(2);
  });
  test("a malformed CSV is reported with its line number", () => {
    const good = fs.readFileSync(path.join(ROOT, "datasets", "palindromes.csv"), "utf8").split("\n");
    const bad1 = [...good];
    bad1[4] = bad1[4].replace(/,[01],/, ",7,");
    expect(() => parseTaskCsv(bad1.join("\n"), "x.csv")).toThrow(/x\.csv\): line 5: label must be in \[0, 1\], got 7/);
    const bad2 = [...good];
    bad2[9] = "9,5,abzba,1,palindrome";
    expect(() => parseTaskCsv(bad2.join("\n"), "x.csv")).toThrow(/line 10: sequence has "z" at position 2/);
    const bad3 = [...good];
    bad3[2] = "1,5,abcba";
    expect(() => parseTaskCsv(bad3.join("\n"), "x.csv")).toThrow(/line 3: expected 5 comma-separated fields/);
    expect(() => parseTaskCsv("foo,bar\n1,2\n", "y.csv")).toThrow(/line 1: unknown header/);
    const add = fs.readFileSync(path.join(ROOT, "datasets", "adding_T30.csv"), "utf8").split("\n");
    add[3] = add[3].replace(/,[0-9.]+$/, ",5.0");
    expect(() => parseTaskCsv(add.join("\n"), "a.csv")).toThrow(/line 4: target 5 is not the sum/);
    expect(() => loadTaskCsv("/nonexistent.csv")).toThrow(/path must name an existing file/);
  });
});

describe("PDB contact maps", () => {
  test("the committed structures parse to Cα chains with plausible geometry", () => {
    const dir = path.join(ROOT, "datasets", "pdb");
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".pdb"));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const s = readPdbCalpha(path.join(dir, f));
      expect(s.residues.length).toBeGreaterThan(20);
      const map = contactMap(s, 8);
      // consecutive Cα atoms are 3.8 Å apart: always in contact
      for (let i = 0; i + 1 < map.length; i++) expect(map[i][i + 1]).toBe(1);
      const fr = longRangeContactFractions(map);
      expect(fr[0].fraction).toBeGreaterThanOrEqual(fr[1].fraction);
      expect(fr[1].fraction).toBeGreaterThanOrEqual(fr[2].fraction);
    }
  });
  test("a hand-made structure gives the expected contacts; bad coordinates are reported by line", () => {
    const line = (i: number, x: number) =>
      `ATOM  ${String(i).padStart(5)}  CA  GLY A${String(i).padStart(4)}    ${x.toFixed(3).padStart(8)}${(0).toFixed(3).padStart(8)}${(0).toFixed(3).padStart(8)}  1.00  0.00`;
    const text = [line(1, 0), line(2, 5), line(3, 10), line(4, 20)].join("\n");
    const s = parsePdbCalpha(text);
    expect(s.sequence).toBe("GGGG");
    expect(contactList(contactMap(s, 8)).map((c) => [c.i, c.j])).toEqual([[0, 1], [1, 2]]);
    const broken = text.replace("  10.000", "  1O.000");
    expect(() => parsePdbCalpha(broken, "t")).toThrow(/line 3 has no valid x\/y\/z/);
  });
});
