// Hidden tests for notebook 18_ecg_forecasting_and_anomalies (loaded by the grader only).
module.exports = () => ({
  "18.pearson": {
    symbol: "pearsonOf",
    kind: "function",
    reference: (a, b) => {
      const n = a.length;
      const ma = a.reduce((s, v) => s + v, 0) / n;
      const mb = b.reduce((s, v) => s + v, 0) / n;
      let sab = 0, saa = 0, sbb = 0;
      for (let i = 0; i < n; i++) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) ** 2;
        sbb += (b[i] - mb) ** 2;
      }
      return sab / Math.sqrt(saa * sbb);
    },
    cases: [
      { args: "[Array.from(new Rng(3).normalArray(30)), Array.from(new Rng(4).normalArray(30))]", points: 1, rtol: 1e-9, label: "two random beats" },
      { args: "[[0, 1, 0, -1, 0], [0.1, 0.9, 0.2, -1.2, 0]]", points: 1, rtol: 1e-9 },
    ],
  },
  "18.prematurity": {
    symbol: "prematurityOf",
    kind: "function",
    reference: (peaks, i, k) => {
      const prev = [];
      for (let j = i - k; j < i; j++) prev.push(peaks[j] - peaks[j - 1]);
      prev.sort((p, q) => p - q);
      const median = k % 2 === 1 ? prev[(k - 1) / 2] : (prev[k / 2 - 1] + prev[k / 2]) / 2;
      return (peaks[i] - peaks[i - 1]) / median;
    },
    cases: [
      { args: "[[0, 300, 610, 900, 1180, 1300, 1700], 5, 4]", points: 1, rtol: 1e-9, label: "a premature beat, k = 4" },
      { args: "[[0, 300, 610, 900, 1180, 1300, 1700], 6, 5]", points: 1, rtol: 1e-9, label: "the compensatory pause after it, k = 5" },
    ],
  },
  "18.persistence": {
    symbol: "persistenceMse",
    kind: "function",
    reference: (x, from, to) => {
      let s = 0;
      for (let t = from; t < to - 1; t++) s += (x[t + 1] - x[t]) ** 2;
      return s / (to - 1 - from);
    },
    cases: [
      { args: "[Array.from({ length: 40 }, (_, t) => Math.sin(t / 3)), 5, 35]", points: 1, rtol: 1e-9 },
      { args: "[[2, 2, 2, 7], 0, 3]", points: 1, rtol: 1e-9, atol: 1e-12, label: "a constant stretch (0) before a jump outside the range" },
    ],
  },
  "18.beatScore": {
    symbol: "beatScore",
    kind: "function",
    reference: (errors, center, before, after) => {
      let s = 0, n = 0;
      for (let t = center - before; t < center + after; t++) {
        if (t < 0 || t >= errors.length) continue;
        s += errors[t];
        n++;
      }
      return s / n;
    },
    cases: [
      { args: "[Array.from({ length: 50 }, (_, t) => (t % 10) / 10), 25, 10, 15]", points: 1, rtol: 1e-9 },
      { args: "[[9, 1, 1, 1], 1, 3, 1]", points: 1, rtol: 1e-9, label: "clipped at the start" },
    ],
  },
  "18.auc": {
    symbol: "aucOf",
    kind: "function",
    reference: (scores, labels) => {
      let wins = 0, pairs = 0;
      for (let i = 0; i < scores.length; i++) {
        if (labels[i] !== 1) continue;
        for (let j = 0; j < scores.length; j++) {
          if (labels[j] !== 0) continue;
          pairs++;
          if (scores[i] > scores[j]) wins += 1;
          else if (scores[i] === scores[j]) wins += 0.5;
        }
      }
      return wins / pairs;
    },
    cases: [
      { args: "[[0.3, 0.7, 0.7, 0.2, 0.9, 0.1], [0, 1, 0, 0, 1, 1]]", points: 1, rtol: 1e-12, label: "with a tie" },
      { args: "[Array.from(new Rng(6).normalArray(25)), Array.from({ length: 25 }, (_, t) => (t % 3 === 0 ? 1 : 0))]", points: 1, rtol: 1e-12, label: "random scores" },
    ],
  },
  "18.divergence": {
    symbol: "firstDivergence",
    kind: "function",
    reference: (generated, truth, tol) => {
      for (let k = 0; k < generated.length; k++) if (Math.abs(generated[k] - truth[k]) > tol) return k;
      return -1;
    },
    cases: [
      { args: "[Array.from({ length: 30 }, (_, k) => 0.01 * 1.3 ** k), Array.from({ length: 30 }, () => 0), 1]", points: 0.5, label: "errors growing geometrically" },
      { args: "[[3, 3, 3], [3.2, 2.9, 3], 0.25]", points: 0.5, label: "stays within the tolerance" },
    ],
  },
});
