/** Spike binning, STA, the Poisson GLM, bits per spike and the recurrent encoders (with gradient checks). */
import { Rng } from "../../../lib/core/random";
import { assertGradCheck, gradCheck } from "../../../lib/nn/gradCheck";
import { poissonNllLoss } from "../../../lib/nn/losses";
import { SequenceModel } from "../../../lib/nn/sequenceModel";
import { createParameter } from "../../../lib/core/parameter";
import {
  RecurrentEncoder, binAverage, binSpikeTimes, bitsPerSpike, fitPoissonGlm, glmLogRate, laggedDesign,
  poissonLogLikelihood, spikeTriggeredAverage, standardize, trainRecurrentEncoder,
} from "../../../lib/encoding";

function poisson(lam: number, rng: Rng): number {
  let k = 0;
  let p = Math.exp(-lam);
  let s = p;
  const u = rng.random();
  while (u > s && k < 100) {
    k++;
    p *= lam / k;
    s += p;
  }
  return k;
}

describe("binning and the spike-triggered average", () => {
  test("binSpikeTimes counts spikes per bin and refuses spikes outside the recording", () => {
    expect(Array.from(binSpikeTimes([0, 0.0015, 0.0019, 0.0042], 0.001, 0.005))).toEqual([1, 2, 0, 0, 1]);
    expect(() => binSpikeTimes([0.006], 0.001, 0.005)).toThrow(/outside \[0, 0.005\)/);
    expect(() => binSpikeTimes([0.001], 0, 0.005)).toThrow(/binWidth/);
  });

  test("binAverage, standardize and laggedDesign", () => {
    expect(Array.from(binAverage([1, 3, 5, 7, 9], 2))).toEqual([2, 6]);
    const z = standardize([1, 2, 3], [1, 3]);
    expect(Array.from(z)).toEqual([-1, 0, 1]);
    expect(() => standardize([1], [2, 2])).toThrow(/constant/);
    expect(Array.from(laggedDesign([1, 2, 3], 2))).toEqual([1, 0, 2, 1, 3, 2]);
  });

  test("the STA of a neuron driven by a known filter recovers its shape (white noise)", () => {
    const rng = new Rng(1);
    const T = 20000;
    const x = rng.normalArray(T);
    const k = [0, 0.2, 0.8, -0.4];
    const y = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      let a = -2;
      for (let l = 0; l < 4; l++) if (t >= l) a += k[l] * x[t - l];
      y[t] = poisson(Math.exp(a), rng);
    }
    const sta = spikeTriggeredAverage(x, y, 4);
    // for Gaussian white noise and an exponential nonlinearity the STA is proportional to k
    const scale = sta[2] / k[2];
    for (let l = 0; l < 4; l++) expect(sta[l]).toBeCloseTo(scale * k[l], 1);
    expect(() => spikeTriggeredAverage(x, new Float64Array(T), 4)).toThrow(/no spikes/);
  });
});

describe("Poisson GLM (LNP)", () => {
  const rng = new Rng(3);
  const T = 6000;
  const P = 5;
  const x = rng.normalArray(T);
  const X = laggedDesign(x, P);
  const w = [0.3, 0.6, -0.5, 0.2, 0];
  const y = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let a = -1.5;
    for (let p = 0; p < P; p++) a += X[t * P + p] * w[p];
    y[t] = poisson(Math.exp(a), rng);
  }

  test("Newton's method recovers the true filter and makes the gradient vanish", () => {
    const glm = fitPoissonGlm(X, P, y);
    expect(glm.iterations).toBeLessThan(20);
    expect(glm.bias).toBeCloseTo(-1.5, 1);
    for (let p = 0; p < P; p++) expect(Math.abs(glm.weights[p] - w[p])).toBeLessThan(0.06);
    const lr = glmLogRate(glm, X);
    // score equations: Σ (y − λ) z = 0
    let g0 = 0;
    for (let t = 0; t < T; t++) g0 += y[t] - Math.exp(lr[t]);
    expect(Math.abs(g0)).toBeLessThan(1e-6);
    // a ridge penalty shrinks the filter
    const shrunk = fitPoissonGlm(X, P, y, { ridge: 1e4 });
    expect(Math.hypot(...shrunk.weights)).toBeLessThan(Math.hypot(...glm.weights));
  });

  test("bits per spike: 0 for the constant baseline, positive for the true model", () => {
    const mean = y.reduce((a, b) => a + b) / T;
    expect(bitsPerSpike(new Float64Array(T).fill(Math.log(mean)), y, mean)).toBeCloseTo(0, 12);
    const glm = fitPoissonGlm(X, P, y);
    const bps = bitsPerSpike(glmLogRate(glm, X), y, mean);
    expect(bps).toBeGreaterThan(0.3);
    // definition: (LL − LL0) / (ln 2 · spikes)
    const spikes = y.reduce((a, b) => a + b);
    const ll0 = spikes * Math.log(mean) - mean * T;
    expect(bps).toBeCloseTo((poissonLogLikelihood(glmLogRate(glm, X), y) - ll0) / (Math.LN2 * spikes), 12);
  });

  test("bad input fails loudly", () => {
    expect(() => fitPoissonGlm(X, P, y.slice(1))).toThrow(/one entry per row/);
    expect(() => fitPoissonGlm(X, P, new Float64Array(T))).toThrow(/no spikes/);
    expect(() => fitPoissonGlm(X, P, y, { lambda: 1 } as never)).toThrow(/unknown options key "lambda"/);
    expect(() => fitPoissonGlm(X, P, y, { maxIterations: 1 })).toThrow(/did not converge/);
    expect(() => bitsPerSpike([0], [1], 0)).toThrow(/baselineRate/);
  });
});

describe("Poisson loss and recurrent encoders: finite-difference gradient checks", () => {
  test("poissonNllLoss: value and gradient", () => {
    const x = createParameter("x", [3, 2]);
    x.data.set([0.1, -0.5, 1.2, 0, -2, 0.3]);
    const y = [0, 1, 2, 0, 1, 3];
    const mask = [1, 0, 1];
    const f = () => {
      const { loss, grad } = poissonNllLoss(x.data, y, mask);
      for (let i = 0; i < 6; i++) x.grad[i] += grad[i];
      return loss;
    };
    assertGradCheck(gradCheck([x], f, { order: 4 }), 1e-9);
    const { loss } = poissonNllLoss(x.data, y, mask);
    const expected = [0, 1, 4, 5].reduce((s, i) => s + Math.exp(x.data[i]) - y[i] * x.data[i], 0) / 4;
    expect(loss).toBeCloseTo(expected, 14);
    expect(() => poissonNllLoss(x.data, [0, 1, 2, 0, -1, 3])).toThrow(/counts must be >= 0/);
  });

  test("SequenceModel with loss \"poisson\" (GRU, every step)", () => {
    const rng = new Rng(5);
    const model = new SequenceModel({ cell: "gru", inputSize: 2, hiddenSize: 3, outputSize: 1, readout: "every", loss: "poisson", rng });
    const T = 5, B = 2;
    const batch = { x: rng.normalArray(T * B * 2), T, B, D: 2 };
    const counts = Array.from({ length: T * B }, (_, i) => i % 3);
    assertGradCheck(gradCheck(model.parameters(), model.lossAndGradFn(batch, counts), { order: 4, rng }), 1e-6);
    expect(() => model.predictClasses(batch)).toThrow(/needs loss "ce" or "bce"/);
  });

  test.each(["gru", "rate"] as const)("RecurrentEncoder %s", (kind) => {
    const rng = new Rng(7);
    const enc = new RecurrentEncoder({ kind, hiddenSize: 4, initialLogRate: -1, rng, ...(kind === "rate" ? { tau: 3 } : {}) });
    const T = 6, B = 2;
    const batch = { x: rng.normalArray(T * B), T, B, D: 1 };
    const counts = Array.from({ length: T * B }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);
    assertGradCheck(gradCheck(enc.parameters(), () => enc.lossAndGrad(batch, counts), { order: 4, rng }), 1e-6);
    expect(enc.logRate(batch.x.slice(0, T)).length).toBe(T);
  });

  test("trainRecurrentEncoder lowers the Poisson loss on data from a known filter", () => {
    const rng = new Rng(9);
    const T = 3000;
    const x = rng.normalArray(T);
    const y = new Float64Array(T);
    for (let t = 1; t < T; t++) y[t] = poisson(Math.exp(-1.5 + 0.8 * x[t - 1]), rng);
    const enc = new RecurrentEncoder({ kind: "gru", hiddenSize: 4, initialLogRate: Math.log(y.reduce((a, b) => a + b) / T), rng: new Rng(1) });
    const h = trainRecurrentEncoder(enc, { stimulus: x, counts: y, steps: 60, window: 40, batchSize: 8, learningRate: 0.03, rng: new Rng(2) });
    const first = h.loss.slice(0, 5).reduce((a, b) => a + b) / 5;
    const last = h.loss.slice(-5).reduce((a, b) => a + b) / 5;
    expect(last).toBeLessThan(first - 0.02);
    expect(() => trainRecurrentEncoder(enc, { stimulus: x, counts: y, steps: 1, epochs: 2 } as never)).toThrow(/unknown config key "epochs"/);
    expect(() => new RecurrentEncoder({ kind: "gru", hiddenSize: 2, tau: 3 })).toThrow(/tau/);
  });
});
