/**
 * Fuzz specs (see coverage.ts for the format) of the application exports added by notebooks 19–21:
 * lib/realdata's Swiss-Prot, EMBL and Moby-Dick loaders, lib/language, lib/bio, and
 * lstmStepBackward, gruStepBackward, applyRidgeReadout, lyapunovSpectrum and solveLinear (liveLossCurve's spec is in coverage.ts).
 * Spread into FUZZ_SPECS by coverage.ts (kept in their own file to limit merge conflicts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as Lib from "../../../lib";
import type { FuzzSpec } from "./coverage";
import { F, cell, nextStep } from "./coverage";

type L = typeof Lib;

/** A 6-residue Swiss-Prot entry with one TRANSMEM feature (residues 2..5). */
const SWISSPROT_TEXT = [
  "ID   TEST_HUMAN              Reviewed;           6 AA.",
  "AC   P00000;",
  "FT   TRANSMEM     2      5       Helical.",
  "SQ   SEQUENCE   6 AA;  700 MW;  0000000000000000 CRC64;",
  "     MLLLLK",
  "//",
  "",
].join("\n");
/** A 6-base EMBL entry with one CDS (bases 1..6). */
const EMBL_TEXT = [
  "ID   X00001; SV 1; linear; mRNA; STD; HUM; 6 BP.",
  "DE   test entry",
  "FT   CDS             1..6",
  'FT                   /product="test"',
  "SQ   Sequence 6 BP; 2 A; 1 C; 1 G; 2 T; 0 other;",
  "     atgtaa                                                                   6",
  "//",
  "",
].join("\n");
const swissEntry = (L: L): Lib.SwissProtEntry => L.parseSwissProt(SWISSPROT_TEXT)[0];
const emblEntry = (L: L): Lib.EmblEntry => L.parseEmbl(EMBL_TEXT)[0];
/** Two tagged amino-acid sequences (1 = transmembrane). */
const tagged = (): Lib.TaggedSequence[] => [
  { sequence: "KKLLLLLLKK", labels: [0, 0, 1, 1, 1, 1, 1, 1, 0, 0] },
  { sequence: "DDDDIIIIVV", labels: [0, 0, 0, 0, 1, 1, 1, 1, 1, 1] },
];
const tagger = (L: L): Lib.SequenceTagger => new L.SequenceTagger({ alphabet: "DIKLV", hiddenSize: 2, rng: new L.Rng(1) });
const chain = (L: L, s: string): Lib.DnaMarkovChain => L.fitDnaMarkovChain([s], { order: 1 });
/** An LSTM step of cell(L, 4) (2 inputs, 3 hidden units, B = 1) and its inputs. */
const lstmArgs = (L: L): unknown[] => {
  const w = cell(L, 4);
  const x = F(0.1, -0.2);
  const h = F(0.1, 0.2, -0.1);
  const c = F(0.3, -0.2, 0.1);
  return [w, x, h, c, L.lstmStep(w, x, h, c), F(0.1, 0.2, 0.3), F(0, 0.1, 0)];
};
/** A GRU step of cell(L, 3) (2 inputs, 3 hidden units, B = 1) and its inputs. */
const gruArgs = (L: L): unknown[] => {
  const w = cell(L, 3);
  const x = F(0.1, -0.2);
  const h = F(0.1, 0.2, -0.1);
  return [w, x, h, L.gruStep(w, x, h), F(0.1, 0.2, 0.3)];
};
/** A run file of loadMobyDickRun for a 3-letter vocabulary (the committed runs are made by `npm run train:moby`). */
const mobyRunFile = (L: L): string => {
  const file = path.join(os.tmpdir(), "rnnlab-fuzz-moby-run.json");
  if (!fs.existsSync(file)) {
    const m = new L.NextStepModel({ kind: "categorical", size: 3, hiddenSize: 4, cell: "gru", rng: new L.Rng(1) });
    const run = { regime: "teacher-forcing", config: { hiddenSize: 4, cell: "gru" }, vocabulary: "abc", stepsDone: 1, complete: true, wallSeconds: 1, cpuSeconds: 1, curve: [], state: m.stateDict() };
    // written under a private name, then renamed: two cases at once never read half a file
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(run));
    fs.renameSync(tmp, file);
  }
  return file;
};
const seedRecord = (): Lib.TaggerSeedRecord => ({ model: "gru", seed: 1, accuracy: 0.9, auc: 0.8, segmentRecall: 0.7, segmentPrecision: 0.6, segmentF1: 0.65, predictedSegments: 3, trueSegments: 4 });

export const APPLICATION_SPECS: Record<string, FuzzSpec> = {
  // ------------------------------------------------------------ the five functions of notebooks 19–21
  lstmStepBackward: { kind: "function", example: (L) => lstmArgs(L), params: { w: "object", x: "array=", hPrev: "array=", cPrev: "array=", step: "object", dh: "array=", dc: "array=", "gradsIn|grads": "object?" } },
  gruStepBackward: { kind: "function", example: (L) => gruArgs(L), params: { w: "object", x: "array=", hPrev: "array=", step: "object", dh: "array=", "gradsIn|grads": "object?" } },
  applyRidgeReadout: { kind: "function", example: () => [F(0.5, -0.5, 0.1), F(0.1, 0.2, 0.3, 0.4), 2, 1], params: { readout: "array=", X: "array=", N: "size", O: "size" } },
  lyapunovSpectrum: { kind: "function", example: (L) => [{ j: F(0.5, -1.2, 1.1, 0.3), n: 2, steps: 40, count: 2, rng: new L.Rng(1) }], params: { config: "options{j,n,steps,dt,transientSteps,renormEvery,h0,rng,perturbations0,count}" } },
  solveLinear: { kind: "function", example: () => [F(2, 1, 1, 3), F(1, 2), 2], params: { a: "array=", b: "array=", n: "size" } },
  // ------------------------------------------------------------ lib/realdata: Swiss-Prot, EMBL, Moby-Dick
  codingLabels: { kind: "function", example: (L) => [emblEntry(L)], params: { entry: "object", options: "options{includePseudo}?" } },
  codingSegments: { kind: "function", example: (L) => [emblEntry(L)], params: { entry: "object", options: "options{includePseudo}?" } },
  EMBL_HUMAN_TEST_FILE: { kind: "value" },
  featuresOfKind: { kind: "function", example: (L) => [swissEntry(L), "TRANSMEM"], params: { entry: "object", kind: "string" } },
  labelSegments: { kind: "function", example: () => [[0, 1, 1, 0]], params: { labels: "array*" } },
  loadEmbl: { kind: "function", example: () => [], params: { options: "options{file}?" } },
  loadSwissProt: { kind: "function", example: () => [], params: { options: "options{file}?" } },
  parseEmbl: { kind: "function", example: () => [EMBL_TEXT, "test.dat"], params: { text: "string", source: "string?" } },
  parseEmblLocation: { kind: "function", example: () => ["complement(join(1..10,20..30))"], params: { "text|location": "string" } },
  parseSwissProt: { kind: "function", example: () => [SWISSPROT_TEXT, "test.dat"], params: { text: "string", source: "string?" } },
  qualifier: { kind: "function", example: (L) => [emblEntry(L).features[0], "product"], params: { feature: "object", name: "string" } },
  residueLabels: { kind: "function", example: (L) => [swissEntry(L), ["TRANSMEM"]], params: { entry: "object", kinds: "list" } },
  SWISSPROT_TEST_FILE: { kind: "value" },
  loadMobyDick: { kind: "function", example: () => [{ chapters: [1], lowercase: true }], params: { options: "options{chapters,lowercase,ascii,dir}?" } },
  MOBY_DICK_CHAPTERS: { kind: "value" },
  MOBY_DICK_PACKAGE: { kind: "value" },
  // ------------------------------------------------------------ lib/language
  fitCharNGram: { kind: "function", example: () => [[0, 1, 1, 0, 1, 0], { order: 1, vocabularySize: 2 }], params: { tokens: "array", config: "options{order,vocabularySize,smoothing,alpha}" } },
  loadMobyDickRun: { kind: "function", example: (L) => ["teacher-forcing", { file: mobyRunFile(L) }], params: { regime: "enum{teacher-forcing,scheduled-sampling}", options: "options{file}?" } },
  MOBY_DICK_TEST_CHAPTERS: { kind: "value" },
  mobyDickSplit: { kind: "function", example: () => [{ trainChapters: 1, testChapters: 1 }], params: { options: "options{trainChapters,testChapters}?" } },
  mobyDickVocabulary: { kind: "function", example: () => [], params: {} },
  nextStepBitsPerChar: { kind: "function", example: (L) => [nextStep(L), [0, 1, 2, 0, 1, 2, 0], { window: 3 }], params: { model: "object", tokens: "array", options: "options{window,temperature,batchSize}?" } },
  overlappingWindows: { kind: "function", example: () => [[0, 1, 2, 3], 2], params: { tokens: "array", length: "int>=2" } },
  // ------------------------------------------------------------ lib/bio
  baseSpectrum: { kind: "function", example: () => ["acgtacgta", 1 / 3], params: { sequence: "string", frequency: "real[0,0.5]" } },
  contextCodes: { kind: "function", example: () => ["acgtac", 2], params: { sequence: "string", order: "int>=0" } },
  fitDnaMarkovChain: { kind: "function", example: () => [["acgtacgtaacc"], { order: 1 }], params: { sequences: "list", options: "options{order,pseudocount}?" } },
  hydropathyProfile: { kind: "function", example: () => ["MLLLLKA", { window: 3 }], params: { sequence: "string", options: "options{window,threshold}?" } },
  KYTE_DOOLITTLE: { kind: "value" },
  kmerSet: { kind: "function", example: () => ["acgtac", 2], params: { sequence: "string", k: "int>=1" } },
  kmerSimilarity: { kind: "function", example: () => ["acgtac", "cgtacg", 2], params: { a: "string", b: "string", k: "int>=1?" } },
  kyteDoolittleTags: { kind: "function", example: () => ["MLLLLKA", { window: 3 }], params: { sequence: "string", options: "options{window,threshold}?" } },
  labelledStretches: { kind: "function", example: () => ["acgt", [0, 1, 1, 0], 1], params: { sequence: "string", labels: "array=", value: "int>=0<=1" } },
  markovLogLikelihoodRatio: { kind: "function", example: (L) => ["acgtac", chain(L, "acgtacgtaacc"), chain(L, "ttttaaaaccgg")], params: { sequence: "string", coding: "object", noncoding: "object" } },
  period3Power: { kind: "function", example: () => ["atgaaagcttaa"], params: { sequence: "string" } },
  SequenceTagger: { kind: "class", example: (L) => [{ alphabet: "DIKLV", hiddenSize: 2, rng: new L.Rng(1) }], params: { options: "options{alphabet,hiddenSize,bidirectional,rng}" } },
  signalPeriodPower: { kind: "function", example: () => [[0.1, -0.2, 0.3, 0.5, -0.1, 0.2], 3], params: { values: "array", period: "real>=2" } },
  similarityGroups: { kind: "function", example: () => [["acgtac", "cgtacg", "tttttt"], { k: 2 }], params: { sequences: "list", options: "options{k,threshold,keys}?" } },
  taggingScores: { kind: "function", example: () => [[[0, 1, 1, 0, 0, 0]], [[0, 1, 1, 1, 0, 0]], { minOverlap: 1 }], params: { truth: "list", predicted: "list", options: "options{minOverlap}?" } },
  trainSequenceTagger: { kind: "function", example: (L) => [tagger(L), tagged(), { steps: 2, batchSize: 2, windowLength: 4, rng: new L.Rng(1) }], params: { tagger: "object", examples: "list", options: "options{steps,batchSize,windowLength,learningRate,onProgress,rng}?" } },
  windowSum: { kind: "function", example: () => [[0.1, 0.2, 0.3], 3], params: { values: "array", window: "size" } },
  familySplit: { kind: "function", example: (L) => [L.loadSwissProt().slice(0, 8), { holdOut: L.loadSwissProt()[1].id, minTest: 1 }], params: { entries: "list", options: "options{holdOut,kind,minTest,threshold,rng}" } },
  trainTransmembraneTagger: { kind: "function", example: () => [tagged(), { bidirectional: false }], params: { train: "list", options: "options{bidirectional,seed,onProgress}" } },
  TRANSMEMBRANE_TRAINING: { kind: "value" },
  parseTaggerSeedCsv: { kind: "function", example: (L) => [L.taggerSeedRecordsToCsv([seedRecord()]), "seeds.csv"], params: { text: "string", source: "string?" } },
  taggerSeedRecordsToCsv: { kind: "function", example: () => [[seedRecord()]], params: { records: "list*" } },
};
