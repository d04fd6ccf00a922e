/** Questions of notebook 17_fitting_a_real_neuron. */
import { defineFunctionQuestion } from "rnnlab/exercises";

/** Reference answers (the hidden tests in notebooks/hidden/17_*.js import them). */
export function binSpikesReference(spikeTimes: number[], binWidth: number, nBins: number): number[] {
  const c = new Array<number>(nBins).fill(0);
  for (const s of spikeTimes) {
    const t = Math.floor(s / binWidth);
    if (t >= 0 && t < nBins) c[t] += 1;
  }
  return c;
}

export function staOfReference(x: number[], counts: number[], lags: number): number[] {
  const a = new Array<number>(lags).fill(0);
  let n = 0;
  for (let t = 0; t < x.length; t++) {
    n += counts[t];
    for (let l = 0; l < lags && l <= t; l++) a[l] += counts[t] * x[t - l];
  }
  return a.map((v) => v / n);
}

export function lnpLogRateReference(bias: number, filter: number[], x: number[]): number[] {
  return x.map((_, t) => filter.reduce((s, k, l) => (t - l >= 0 ? s + k * x[t - l] : s), bias));
}

export function bitsPerSpikeOfReference(logRate: number[], counts: number[], r0: number): number {
  let ll = 0;
  let spikes = 0;
  for (let t = 0; t < counts.length; t++) {
    ll += counts[t] * logRate[t] - Math.exp(logRate[t]);
    spikes += counts[t];
  }
  return (ll - (spikes * Math.log(r0) - r0 * counts.length)) / (Math.LN2 * spikes);
}

export function selectRidgeReference(ridges: number[], scores: number[]): number {
  let best = 0;
  for (let i = 1; i < ridges.length; i++) {
    if (scores[i] > scores[best] || (scores[i] === scores[best] && ridges[i] > ridges[best])) best = i;
  }
  return ridges[best];
}

export function sampleSpikesReference(logRate: number[], uniforms: number[]): number[] {
  return logRate.map((a, t) => (uniforms[t] < 1 - Math.exp(-Math.exp(a)) ? 1 : 0));
}

defineFunctionQuestion({
  id: "17.binSpikes",
  title: "Spike counts per time bin",
  name: "binSpikes",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[0.0004, 0.0012, 0.0019, 0.0051], 0.001, 6], expected: binSpikesReference([0.0004, 0.0012, 0.0019, 0.0051], 0.001, 6) },
    { args: [[], 0.002, 3], expected: [0, 0, 0], label: "binSpikes([], 0.002, 3) (no spikes)" },
    { args: [[0.01, 0.5, 0.9999], 0.25, 4], expected: [1, 0, 1, 1] },
    { args: [[0.1, 0.2, 0.7, 1.2], 0.5, 2], expected: [2, 1], label: "binSpikes([0.1, 0.2, 0.7, 1.2], 0.5, 2) (a spike past the last bin is ignored)" },
  ],
  hint: "Spike s falls in bin ⌊s / binWidth⌋; start from an array of nBins zeros and add 1 per spike.",
});

defineFunctionQuestion({
  id: "17.sta",
  title: "The spike-triggered average",
  name: "staOf",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[1, 2, 3, 4], [0, 0, 1, 1], 2], expected: staOfReference([1, 2, 3, 4], [0, 0, 1, 1], 2) },
    { args: [[0.5, -1, 2, 0, 1], [1, 0, 2, 0, 1], 3], expected: staOfReference([0.5, -1, 2, 0, 1], [1, 0, 2, 0, 1], 3), label: "a spike at t = 0 (lags before the start count as 0) and a bin with 2 spikes" },
  ],
  rtol: 1e-9,
  hint: "a_l = Σ_t y_t x_{t−l} / Σ_t y_t, skipping t − l < 0; weight each bin by its count.",
});

defineFunctionQuestion({
  id: "17.lnpLogRate",
  title: "The linear stage of the LNP model",
  name: "lnpLogRate",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [-1, [1, 0.5], [1, 2, 3]], expected: lnpLogRateReference(-1, [1, 0.5], [1, 2, 3]) },
    { args: [0.3, [0, -2, 1], [0.5, -1, 0, 2]], expected: lnpLogRateReference(0.3, [0, -2, 1], [0.5, -1, 0, 2]), label: "a filter with a zero at lag 0" },
  ],
  rtol: 1e-9,
  hint: "log λ_t = b + Σ_l k_l x_{t−l}, with x_{t−l} = 0 before the start.",
});

defineFunctionQuestion({
  id: "17.bitsPerSpike",
  title: "Bits per spike",
  name: "bitsPerSpikeOf",
  points: 2,
  depth: "step",
  cases: () => [
    { args: [[-2, -2, -2], [0, 1, 0], Math.exp(-2)], expected: 0, label: "the baseline model itself (0 bits per spike)" },
    { args: [[-3, 0.5, -3, -1], [0, 1, 0, 1], 0.2], expected: bitsPerSpikeOfReference([-3, 0.5, -3, -1], [0, 1, 0, 1], 0.2) },
    { args: [[1, 1], [0, 0.0 + 1], 0.5], expected: bitsPerSpikeOfReference([1, 1], [0, 1], 0.5), label: "a model worse than the baseline (negative)" },
  ],
  rtol: 1e-9,
  atol: 1e-12,
  hint: "LL = Σ (y log λ − λ) with log λ = logRate; the baseline has λ = r0 in every bin; divide the difference by ln 2 · (number of spikes).",
});

defineFunctionQuestion({
  id: "17.selectRidge",
  title: "Choosing the ridge penalty on validation data",
  name: "selectRidge",
  points: 1,
  depth: "step",
  cases: () => [
    { args: [[0, 1, 10, 100], [0.2, 0.4, 0.5, 0.3]], expected: 10 },
    { args: [[1, 10, 100], [0.5, 0.5, 0.1]], expected: 10, label: "a tie: prefer the larger penalty (the simpler model)" },
    { args: [[5], [-0.3]], expected: 5, label: "one candidate" },
  ],
  hint: "Return the ridge whose validation bits per spike is highest; on a tie, the larger ridge.",
});

defineFunctionQuestion({
  id: "17.sampleSpikes",
  title: "Simulating spikes from a predicted rate",
  name: "sampleSpikes",
  points: 2,
  depth: "formula",
  cases: () => [
    { args: [[Math.log(0.5), Math.log(0.5), -10], [0.3, 0.5, 0.001]], expected: sampleSpikesReference([Math.log(0.5), Math.log(0.5), -10], [0.3, 0.5, 0.001]) },
    { args: [[0, 2, -1], [0.62, 0.99, 0.3]], expected: sampleSpikesReference([0, 2, -1], [0.62, 0.99, 0.3]) },
  ],
  hint: "P(at least one spike in a bin) = 1 − exp(−λ_t) with λ_t = exp(logRate_t); emit 1 when u_t is below it.",
});
