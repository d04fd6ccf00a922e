/** Questions of notebook 17_fitting_a_real_neuron. */
import { defineQuestion } from "../registry";
import { expectFunction } from "../expect";

/** Reference answers (also the hidden tests' references, restated in notebooks/hidden/17_*.js). */
function binSpikesRef(spikeTimes: number[], binWidth: number, nBins: number): number[] {
  const c = new Array<number>(nBins).fill(0);
  for (const s of spikeTimes) {
    const t = Math.floor(s / binWidth);
    if (t >= 0 && t < nBins) c[t] += 1;
  }
  return c;
}

function staRef(x: number[], counts: number[], lags: number): number[] {
  const a = new Array<number>(lags).fill(0);
  let n = 0;
  for (let t = 0; t < x.length; t++) {
    n += counts[t];
    for (let l = 0; l < lags && l <= t; l++) a[l] += counts[t] * x[t - l];
  }
  return a.map((v) => v / n);
}

function lnpRef(bias: number, filter: number[], x: number[]): number[] {
  return x.map((_, t) => filter.reduce((s, k, l) => (t - l >= 0 ? s + k * x[t - l] : s), bias));
}

function bpsRef(logRate: number[], counts: number[], r0: number): number {
  let ll = 0;
  let spikes = 0;
  for (let t = 0; t < counts.length; t++) {
    ll += counts[t] * logRate[t] - Math.exp(logRate[t]);
    spikes += counts[t];
  }
  return (ll - (spikes * Math.log(r0) - r0 * counts.length)) / (Math.LN2 * spikes);
}

function sampleRef(logRate: number[], uniforms: number[]): number[] {
  return logRate.map((a, t) => (uniforms[t] < 1 - Math.exp(-Math.exp(a)) ? 1 : 0));
}

defineQuestion({
  id: "17.binSpikes",
  title: "Spike counts per time bin",
  symbols: ["binSpikes"],
  points: 2,
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[0.0004, 0.0012, 0.0019, 0.0051], 0.001, 6], expected: binSpikesRef([0.0004, 0.0012, 0.0019, 0.0051], 0.001, 6) },
        { args: [[], 0.002, 3], expected: [0, 0, 0], label: "binSpikes([], 0.002, 3) (no spikes)" },
        { args: [[0.01, 0.5, 0.9999], 0.25, 4], expected: [1, 0, 1, 1] },
        { args: [[0.1, 0.2, 0.7, 1.2], 0.5, 2], expected: [2, 1], label: "binSpikes([0.1, 0.2, 0.7, 1.2], 0.5, 2) (a spike past the last bin is ignored)" },
      ],
      { name: "binSpikes", hint: "Spike s falls in bin ⌊s / binWidth⌋; start from an array of nBins zeros and add 1 per spike." },
    ),
});

defineQuestion({
  id: "17.sta",
  title: "The spike-triggered average",
  symbols: ["staOf"],
  points: 2,
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[1, 2, 3, 4], [0, 0, 1, 1], 2], expected: staRef([1, 2, 3, 4], [0, 0, 1, 1], 2) },
        { args: [[0.5, -1, 2, 0, 1], [1, 0, 2, 0, 1], 3], expected: staRef([0.5, -1, 2, 0, 1], [1, 0, 2, 0, 1], 3), label: "a spike at t = 0 (lags before the start count as 0) and a bin with 2 spikes" },
      ],
      { name: "staOf", rtol: 1e-9, hint: "a_l = Σ_t y_t x_{t−l} / Σ_t y_t, skipping t − l < 0; weight each bin by its count." },
    ),
});

defineQuestion({
  id: "17.lnpLogRate",
  title: "The linear stage of the LNP model",
  symbols: ["lnpLogRate"],
  points: 2,
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [-1, [1, 0.5], [1, 2, 3]], expected: lnpRef(-1, [1, 0.5], [1, 2, 3]) },
        { args: [0.3, [0, -2, 1], [0.5, -1, 0, 2]], expected: lnpRef(0.3, [0, -2, 1], [0.5, -1, 0, 2]), label: "a filter with a zero at lag 0" },
      ],
      { name: "lnpLogRate", rtol: 1e-9, hint: "log λ_t = b + Σ_l k_l x_{t−l}, with x_{t−l} = 0 before the start." },
    ),
});

defineQuestion({
  id: "17.bitsPerSpike",
  title: "Bits per spike",
  symbols: ["bitsPerSpikeOf"],
  points: 2,
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[-2, -2, -2], [0, 1, 0], Math.exp(-2)], expected: 0, label: "the baseline model itself (0 bits per spike)" },
        { args: [[-3, 0.5, -3, -1], [0, 1, 0, 1], 0.2], expected: bpsRef([-3, 0.5, -3, -1], [0, 1, 0, 1], 0.2) },
        { args: [[1, 1], [0, 0.0 + 1], 0.5], expected: bpsRef([1, 1], [0, 1], 0.5), label: "a model worse than the baseline (negative)" },
      ],
      { name: "bitsPerSpikeOf", rtol: 1e-9, atol: 1e-12, hint: "LL = Σ (y log λ − λ) with log λ = logRate; the baseline has λ = r0 in every bin; divide the difference by ln 2 · (number of spikes)." },
    ),
});

defineQuestion({
  id: "17.selectRidge",
  title: "Choosing the ridge penalty on validation data",
  symbols: ["selectRidge"],
  points: 1,
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[0, 1, 10, 100], [0.2, 0.4, 0.5, 0.3]], expected: 10 },
        { args: [[1, 10, 100], [0.5, 0.5, 0.1]], expected: 10, label: "a tie: prefer the larger penalty (the simpler model)" },
        { args: [[5], [-0.3]], expected: 5, label: "one candidate" },
      ],
      { name: "selectRidge", hint: "Return the ridge whose validation bits per spike is highest; on a tie, the larger ridge." },
    ),
});

defineQuestion({
  id: "17.sampleSpikes",
  title: "Simulating spikes from a predicted rate",
  symbols: ["sampleSpikes"],
  points: 2,
  test: (answer) =>
    expectFunction(
      answer,
      [
        { args: [[Math.log(0.5), Math.log(0.5), -10], [0.3, 0.5, 0.001]], expected: sampleRef([Math.log(0.5), Math.log(0.5), -10], [0.3, 0.5, 0.001]) },
        { args: [[0, 2, -1], [0.62, 0.99, 0.3]], expected: sampleRef([0, 2, -1], [0.62, 0.99, 0.3]) },
      ],
      { name: "sampleSpikes", hint: "P(at least one spike in a bin) = 1 − exp(−λ_t) with λ_t = exp(logRate_t); emit 1 when u_t is below it." },
    ),
});
