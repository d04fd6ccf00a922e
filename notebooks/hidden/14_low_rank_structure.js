// Hidden tests for notebook 14_low_rank_structure (loaded by the grader only).
module.exports = () => {
  const outlier = (m, n) => {
    let s = 0;
    for (let i = 0; i < m.length; i++) s += n[i] * m[i];
    return s / m.length;
  };
  const coupling = (patterns, s) => {
    const r = patterns.length;
    const n = patterns[0].length;
    const j = new Float64Array(n * n);
    for (let mu = 0; mu < r; mu++) {
      const next = patterns[(mu + 1) % r];
      const sign = mu === r - 1 ? -1 : 1;
      for (let i = 0; i < n; i++) for (let c = 0; c < n; c++) j[i * n + c] += (sign * s * next[i] * patterns[mu][c]) / n;
    }
    return j;
  };
  const overlap = (n, h) => {
    let k = 0;
    for (let i = 0; i < n.length; i++) k += n[i] * Math.tanh(h[i]);
    return k / n.length;
  };
  const patternArgs = (seed, n, r, s) => `(() => { const g = new Rng(${seed}); return [Array.from({ length: ${r} }, () => g.normalArray(${n})), ${s}]; })()`;
  return {
    "14.predictedOutlier": {
      symbol: "predictedOutlier",
      kind: "function",
      reference: outlier,
      cases: [
        { args: "[[1, -1, 2, 0], [3, 1, 1, 5]]", points: 0.5 },
        { args: "(() => { const g = new Rng(5); return [g.normalArray(200), g.normalArray(200)]; })()", points: 0.5, label: "N = 200 random vectors" },
      ],
    },
    "14.sequenceCoupling": {
      symbol: "sequenceCoupling",
      kind: "function",
      reference: coupling,
      cases: [
        { args: patternArgs(1, 5, 2, 1.2), points: 0.5, rtol: 1e-9, atol: 1e-12 },
        { args: patternArgs(2, 8, 4, 2.5), points: 0.5, rtol: 1e-9, atol: 1e-12, label: "4 patterns of length 8" },
        { args: patternArgs(3, 3, 1, 1), points: 0.5, rtol: 1e-9, atol: 1e-12, label: "one pattern (its own successor, negated)" },
        { args: patternArgs(4, 10, 5, 0.5), points: 0.5, rtol: 1e-9, atol: 1e-12 },
      ],
    },
    "14.structuredOverlap": {
      symbol: "structuredOverlap",
      kind: "function",
      reference: overlap,
      cases: [
        { args: "[[2, -1, 0.5], [0.3, -2, 5]]", points: 0.5 },
        { args: "(() => { const g = new Rng(6); return [g.normalArray(100), g.normalArray(100, 0, 3)]; })()", points: 0.5, label: "N = 100, saturated rates" },
      ],
    },
  };
};
