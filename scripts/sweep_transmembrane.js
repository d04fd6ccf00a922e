#!/usr/bin/env node
/**
 * Seed sweep of notebook 19's transmembrane taggers: the GRU and the BiGRU trained with
 * `trainTransmembraneTagger` (the notebook's settings) for seeds 1…5 on the notebook's family
 * split, scored on the held-out proteins (per-residue accuracy and ROC AUC, segment recall,
 * precision and F1 with an overlap of 5 residues). Reads the installed emboss-test file.
 *
 * Usage: npm run build && node scripts/sweep_transmembrane.js [OUT.csv]
 *        (default datasets/results/transmembrane_seeds.csv; about 1 min of CPU)
 */
const fs = require("fs");
const path = require("path");
const r = require(path.join(__dirname, "..", "dist"));

const out = process.argv[2] || path.join(__dirname, "..", "datasets", "results", "transmembrane_seeds.csv");
const proteins = r.loadSwissProt();
const split = r.familySplit(proteins, { holdOut: "OPSD_HUMAN", kind: "TRANSMEM", minTest: 20, threshold: 0.1, rng: new r.Rng(19) });
const examples = proteins.map((e, i) => ({ sequence: e.sequence, labels: r.residueLabels(e, ["TRANSMEM"]), test: split.test[i] }));
const train = examples.filter((e) => !e.test);
const test = examples.filter((e) => e.test);
const records = [];
for (const seed of [1, 2, 3, 4, 5]) {
  for (const bidirectional of [false, true]) {
    const { tagger, history } = r.trainTransmembraneTagger(train, { bidirectional, seed });
    const probs = test.map((e) => tagger.probabilities(e.sequence));
    const s = r.taggingScores(test.map((e) => e.labels), probs.map((p) => Uint8Array.from(p, (v) => (v > 0.5 ? 1 : 0))), { minOverlap: 5 });
    const auc = r.rocAuc(probs.flatMap((p) => Array.from(p)), test.flatMap((e) => Array.from(e.labels)));
    const rec = { model: bidirectional ? "bigru" : "gru", seed, accuracy: s.accuracy, auc, segmentRecall: s.segmentRecall, segmentPrecision: s.segmentPrecision, segmentF1: s.segmentF1, predictedSegments: s.predictedSegments, trueSegments: s.trueSegments };
    records.push(rec);
    console.log(`seed ${seed} ${rec.model.padEnd(5)} accuracy ${s.accuracy.toFixed(3)} AUC ${auc.toFixed(3)} F1 ${s.segmentF1.toFixed(3)} (${history.seconds.toFixed(1)} s)`);
  }
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, r.taggerSeedRecordsToCsv(records));
console.log("wrote", out);
