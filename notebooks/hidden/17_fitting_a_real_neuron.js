// Hidden tests for notebook 17_fitting_a_real_neuron (loaded by the grader only).
module.exports = () => ({
  "17.binSpikes": {
    symbol: "binSpikes",
    kind: "function",
    reference: (spikeTimes, binWidth, nBins) => {
      const c = new Array(nBins).fill(0);
      for (const s of spikeTimes) {
        const t = Math.floor(s / binWidth);
        if (t >= 0 && t < nBins) c[t] += 1;
      }
      return c;
    },
    cases: [
      { args: "[[0.0001, 0.0003, 0.0035, 0.0099], 0.001, 10]", points: 1 },
      { args: "[[0.25, 0.26, 0.27, 1.5], 0.5, 3]", points: 1, label: "three spikes in one bin" },
    ],
  },
  "17.sta": {
    symbol: "staOf",
    kind: "function",
    reference: (x, counts, lags) => {
      const a = new Array(lags).fill(0);
      let n = 0;
      for (let t = 0; t < x.length; t++) {
        n += counts[t];
        for (let l = 0; l < lags && l <= t; l++) a[l] += counts[t] * x[t - l];
      }
      return a.map((v) => v / n);
    },
    cases: [
      { args: "[[3, 1, 4, 1, 5, 9, 2, 6], [0, 1, 0, 0, 1, 0, 1, 1], 4]", points: 1, rtol: 1e-9 },
      { args: "[Array.from(new Rng(4).normalArray(50)), Array.from({ length: 50 }, (_, t) => (t % 7 === 3 ? 1 : 0)), 5]", points: 1, rtol: 1e-9, label: "50 random samples, a spike every 7 bins" },
    ],
  },
  "17.lnpLogRate": {
    symbol: "lnpLogRate",
    kind: "function",
    reference: (bias, filter, x) => x.map((_, t) => filter.reduce((s, k, l) => (t - l >= 0 ? s + k * x[t - l] : s), bias)),
    cases: [
      { args: "[-2, [0.1, 0.2, 0.3, 0.4], [1, -1, 1, -1, 1, -1]]", points: 1, rtol: 1e-9 },
      { args: "[0, [1], [5, 6, 7]]", points: 1, rtol: 1e-9, label: "a one-tap filter (log λ = x)" },
    ],
  },
  "17.bitsPerSpike": {
    symbol: "bitsPerSpikeOf",
    kind: "function",
    reference: (logRate, counts, r0) => {
      let ll = 0;
      let spikes = 0;
      for (let t = 0; t < counts.length; t++) {
        ll += counts[t] * logRate[t] - Math.exp(logRate[t]);
        spikes += counts[t];
      }
      return (ll - (spikes * Math.log(r0) - r0 * counts.length)) / (Math.LN2 * spikes);
    },
    cases: [
      { args: "[[-4, -0.5, -4, -4, 0], [0, 1, 0, 0, 2], 0.1]", points: 1, rtol: 1e-9, atol: 1e-12 },
      { args: "[[-1, -1, -1, -1], [1, 0, 0, 0], 0.25]", points: 1, rtol: 1e-9, atol: 1e-12, label: "a constant model close to the baseline" },
    ],
  },
  "17.selectRidge": {
    symbol: "selectRidge",
    kind: "function",
    reference: (ridges, scores) => {
      let best = 0;
      for (let i = 1; i < ridges.length; i++) if (scores[i] > scores[best] || (scores[i] === scores[best] && ridges[i] > ridges[best])) best = i;
      return ridges[best];
    },
    cases: [
      { args: "[[1000, 100, 10, 1], [0.1, 0.6, 0.6, 0.2]]", points: 0.5, label: "ties, candidates in decreasing order" },
      { args: "[[0, 3, 30], [-1, -0.5, -0.7]]", points: 0.5, label: "all negative scores" },
    ],
  },
  "17.sampleSpikes": {
    symbol: "sampleSpikes",
    kind: "function",
    reference: (logRate, uniforms) => logRate.map((a, t) => (uniforms[t] < 1 - Math.exp(-Math.exp(a)) ? 1 : 0)),
    cases: [
      { args: "[[-3, -2, -1, 0, 1], [0.04, 0.2, 0.3, 0.7, 0.9]]", points: 1 },
      { args: "[Array.from({ length: 20 }, (_, t) => -3 + 0.2 * t), Array.from(new Rng(8).uniformArray(20))]", points: 1, label: "20 bins of rising rate" },
    ],
  },
});
