// Hidden tests for notebook 19_proteins_and_genes (loaded by the grader only).
// The references are the question file's (one source per exercise).
const q = require("../../dist/questions/19_proteins_and_genes.js");

module.exports = () => ({
  "19.hydropathy": {
    symbol: "hydropathyAt",
    kind: "function",
    reference: q.hydropathyAtReference,
    cases: [
      { args: '["MNGTEGPNFYVPFSNATGVVRSPFEYPQYYLAEPWQFSMLAAYMFLLIVLGFPINFLTLYVTVQ", 45, 19]', points: 1, rtol: 1e-9, label: "inside rhodopsin's first helix" },
      { args: '["GAVLIMCFWP", 9, 7]', points: 1, rtol: 1e-9, label: "clipped at the end" },
    ],
  },
  "19.segmentF1": {
    symbol: "segmentF1",
    kind: "function",
    reference: q.segmentF1Reference,
    cases: [
      { args: "[Array.from({ length: 60 }, (_, i) => (i % 20 < 12 ? 1 : 0)), Array.from({ length: 60 }, (_, i) => (i % 15 < 5 ? 1 : 0)), 3]", points: 1, rtol: 1e-9, label: "periodic segments" },
      { args: "[[0, 1, 1, 1, 1, 0, 0, 1, 1], [1, 1, 0, 1, 1, 0, 0, 0, 0], 2]", points: 1, rtol: 1e-9, label: "a split prediction" },
    ],
  },
  "19.markovScore": {
    symbol: "markovScore",
    kind: "function",
    reference: q.markovScoreReference,
    cases: [
      {
        args: '(() => { const r = new Rng(19); const w = []; for (const a of "acgt") for (const b of "acgt") w.push(a + b); const c = {}, n = {}; for (const x of w) { c[x] = Math.log(0.05 + r.uniform()); n[x] = Math.log(0.05 + r.uniform()); } return ["gattacacgtacgt", c, n, 1]; })()',
        points: 1,
        rtol: 1e-9,
        label: "random order-1 tables",
      },
      {
        args: '(() => { const c = {}, n = {}; for (const a of "acgt") for (const b of "acgt") for (const d of "acgt") { c[a + b + d] = -1 - (a === d ? 0.5 : 0); n[a + b + d] = -1.3; } return ["atgcgatcgattacg", c, n, 2]; })()',
        points: 1,
        rtol: 1e-9,
        label: "order 2",
      },
    ],
  },
  "19.period3": {
    symbol: "period3PowerOf",
    kind: "function",
    reference: q.period3Reference,
    cases: [
      { args: '["atggcgctgaaagcggcgctggcgaaagcgtaa"]', points: 1, rtol: 1e-9, label: "a codon-biased stretch" },
      { args: '[Array.from({ length: 50 }, (_, j) => "acgt"[(j * 7 + (j >> 2)) % 4]).join("")]', points: 1, rtol: 1e-9, atol: 1e-12, label: "a scrambled sequence" },
    ],
  },
  "19.bestThreshold": {
    symbol: "bestThreshold",
    kind: "function",
    reference: q.bestThresholdReference,
    cases: [
      {
        args: "(() => { const r = new Rng(7); const lab = [0, 1, 2].map(() => Array.from({ length: 30 }, (_, i) => (i > 10 && i < 22 ? 1 : 0))); const sc = lab.map((row) => row.map((y) => y * 1.5 + r.normal())); return [sc, lab, [-0.5, 0, 0.5, 0.75, 1, 1.5]]; })()",
        points: 1,
        rtol: 1e-12,
        label: "noisy scores on three proteins",
      },
      { args: "[[[3, 1, 2]], [[1, 0, 1]], [2.5, 1.5, 0.5]]", points: 1, rtol: 1e-12, label: "thresholds not in increasing order" },
    ],
  },
});
