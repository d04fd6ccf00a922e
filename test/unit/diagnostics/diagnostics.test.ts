import { Rng } from "../../../lib/core/random";
import { flattenGrads, zeroGrad } from "../../../lib/core/parameter";
import { RNN, LSTM, GRU, RecurrentLayer } from "../../../lib/nn/recurrentLayer";
import { SequenceModel } from "../../../lib/nn/sequenceModel";
import { SequenceBatch } from "../../../lib/nn/sequenceBatch";
import { gradientFlow } from "../../../lib/diagnostics/gradientFlow";
import { stepJacobians, jacobianProduct, jacobianProductNorms, spectralNormPower } from "../../../lib/diagnostics/jacobians";
import { singularValues } from "../../../lib/linalg/singularValues";
import { recurrentSpectrum, matrixSpectrum } from "../../../lib/diagnostics/spectrum";
import { gateStatistics } from "../../../lib/diagnostics/gates";

const batchOf = (T: number, B: number, D: number, rng: Rng): SequenceBatch => ({ x: rng.normalArray(T * B * D), T, B, D });

/** A ReLU RNN with W_hh = λI, positive inputs and biases: all states stay positive, so it is exactly linear. */
function linearRnn(lambda: number, H: number, D: number) {
  const rnn = new RNN({ inputSize: D, hiddenSize: H, nonlinearity: "relu", rng: new Rng(0) });
  const w = rnn.cellWeights();
  w.weightHh.fill(0);
  for (let i = 0; i < H; i++) w.weightHh[i * H + i] = lambda;
  for (let i = 0; i < w.weightIh.length; i++) w.weightIh[i] = 0.1 + 0.01 * i;
  w.biasIh!.fill(0.2);
  w.biasHh!.fill(0.1);
  return rnn;
}
const positiveBatch = (T: number, B: number, D: number, rng: Rng): SequenceBatch => ({ x: rng.uniformArray(T * B * D, 0.1, 1), T, B, D });

describe("gradientFlow", () => {
  for (const lambda of [0.9, 1, 1.1]) {
    test(`linear RNN with W = ${lambda}·I: ‖∂L/∂h_t‖ = λ^(T−1−t) ‖∂L/∂h_{T−1}‖ exactly`, () => {
      const T = 30;
      const rnn = linearRnn(lambda, 4, 2);
      const flow = gradientFlow(rnn, positiveBatch(T, 3, 2, new Rng(1)));
      expect(flow.t).toEqual(Array.from({ length: T }, (_, t) => t));
      expect(flow.norm[T - 1]).toBeCloseTo(1, 14); // the unit-norm injected gradient
      flow.relative.forEach((r, t) => expect(Math.abs(r - lambda ** (T - 1 - t)) / lambda ** (T - 1 - t)).toBeLessThan(1e-12));
    });
  }

  test("matches finite differences of the loss with respect to h_t (LSTM, loss on the last state)", () => {
    const rng = new Rng(4);
    const model = new SequenceModel({ cell: "lstm", inputSize: 2, hiddenSize: 3, outputSize: 2, readout: "last", rng });
    const T = 6;
    const B = 2;
    const batch = batchOf(T, B, 2, rng);
    const target = rng.normalArray(B * 2);
    const flow = gradientFlow(model, batch, { target });
    const rnn = model.recurrent;
    rnn.forward(batch);
    const hs = rnn.hiddenStates();
    const cs = rnn.cellStates();
    for (const t of [0, 2, 4]) {
      // L as a function of h_t (c_t fixed): run steps t+1 … T−1 from (h_t, c_t).
      const h0 = hs.slice(t * B * 3, (t + 1) * B * 3);
      const c0 = cs.slice(t * B * 3, (t + 1) * B * 3);
      const suffix = { x: batch.x.slice((t + 1) * B * 2), T: T - 1 - t, B, D: 2 };
      let sq = 0;
      for (let i = 0; i < h0.length; i++) {
        const e = 1e-6;
        const hp = Float64Array.from(h0);
        hp[i] += e;
        const lp = model.loss(suffix, target, { h0: hp, c0 });
        hp[i] -= 2 * e;
        const lm = model.loss(suffix, target, { h0: hp, c0 });
        sq += ((lp - lm) / (2 * e)) ** 2;
      }
      expect(Math.abs(Math.sqrt(sq) - flow.norm[t]) / flow.norm[t]).toBeLessThan(1e-7);
    }
    expect(flow.loss).toBeCloseTo(model.loss(batch, target), 14);
  });

  test("leaves the parameter gradients untouched and reports per-sequence norms", () => {
    const rng = new Rng(2);
    const model = new SequenceModel({ cell: "gru", inputSize: 2, hiddenSize: 4, outputSize: 1, readout: "every", rng });
    const batch = batchOf(5, 3, 2, rng);
    const target = rng.normalArray(5 * 3);
    zeroGrad(model.parameters());
    model.lossAndGrad(batch, target);
    const before = flattenGrads(model.parameters());
    const flow = gradientFlow(model, batch, { target });
    expect(Array.from(flattenGrads(model.parameters()))).toEqual(Array.from(before));
    expect(flow.perSequence).toHaveLength(3);
    for (let t = 0; t < 5; t++) {
      const fromParts = Math.sqrt(flow.perSequence.reduce((s, row) => s + row[t] ** 2, 0));
      expect(fromParts).toBeCloseTo(flow.norm[t], 14);
    }
  });

  test("bad input is named", () => {
    const rnn = new RNN({ inputSize: 2, hiddenSize: 3 });
    const b = batchOf(4, 1, 2, new Rng(0));
    expect(() => gradientFlow(rnn, b, { layer: 1 })).toThrow(/gradientFlow: layer must be an integer in \[0, 0\], got 1/);
    expect(() => gradientFlow(rnn, b, { target: [1] })).toThrow(/target must be left out with a bare recurrent layer/);
    expect(() => gradientFlow({} as unknown as RNN, b)).toThrow(/net must be an RNN, LSTM, GRU or SequenceModel/);
  });
});

/** ∂s_{from+lag}/∂s_from by central differences: rerun the steps after `from` from a perturbed state. */
function numericProduct(layer: RecurrentLayer, batch: SequenceBatch, from: number, lag: number, b: number): Float64Array {
  const { B, D } = batch;
  const H = layer.hiddenSize;
  const L = layer.numLayers;
  const lstm = layer.cellType === "lstm";
  const S = lstm ? 2 * H : H;
  const top = (L - 1) * B * H; // the top layer's rows of h0/hN; lower layers start from their true states
  layer.forward(batch);
  const h = new Float64Array(L * B * H);
  const c = lstm ? new Float64Array(L * B * H) : null;
  for (let l = 0; l < L; l++) {
    h.set(layer.hiddenStates(l).subarray(from * B * H, (from + 1) * B * H), l * B * H);
    if (c) c.set(layer.cellStates(l).subarray(from * B * H, (from + 1) * B * H), l * B * H);
  }
  const suffix = { x: batch.x.slice((from + 1) * B * D, (from + 1 + lag) * B * D), T: lag, B, D };
  const stateAfter = (hh: Float64Array, cc: Float64Array | null): Float64Array => {
    const r = layer.forward(suffix, cc ? { h0: hh, c0: cc } : { h0: hh });
    const out = new Float64Array(S);
    for (let i = 0; i < H; i++) out[i] = r.hN[top + b * H + i];
    if (r.cN) for (let i = 0; i < H; i++) out[H + i] = r.cN[top + b * H + i];
    return out;
  };
  const P = new Float64Array(S * S);
  const e = 1e-6;
  for (let j = 0; j < S; j++) {
    const hp = Float64Array.from(h);
    const cp = c ? Float64Array.from(c) : null;
    const bump = (d: number) => (j < H ? (hp[top + b * H + j] += d) : (cp![top + b * H + j - H] += d));
    bump(e);
    const sp = stateAfter(hp, cp);
    bump(-2 * e);
    const sm = stateAfter(hp, cp);
    for (let i = 0; i < S; i++) P[i * S + j] = (sp[i] - sm[i]) / (2 * e);
  }
  return P;
}

describe("Jacobian products", () => {
  const layers: [string, () => RecurrentLayer][] = [
    ["RNN tanh", () => new RNN({ inputSize: 2, hiddenSize: 4, rng: new Rng(1) })],
    ["RNN relu", () => new RNN({ inputSize: 2, hiddenSize: 4, nonlinearity: "relu", rng: new Rng(2) })],
    ["LSTM", () => new LSTM({ inputSize: 2, hiddenSize: 3, rng: new Rng(3) })],
    ["GRU", () => new GRU({ inputSize: 2, hiddenSize: 4, rng: new Rng(4) })],
    ["LSTM layer 2 of 2", () => new LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2, rng: new Rng(5) })],
  ];
  for (const [name, make] of layers) {
    test(`${name}: analytic products equal finite differences`, () => {
      const layer = make();
      const rng = new Rng(7);
      const batch = batchOf(7, 2, 2, rng);
      for (const [from, lag, b] of [[0, 1, 0], [1, 3, 1], [2, 4, 0]]) {
        const P = jacobianProduct(layer, batch, from, lag, { sequence: b });
        const N = numericProduct(layer, batch, from, lag, b);
        let worst = 0;
        let scale = 0;
        for (let i = 0; i < P.length; i++) {
          worst = Math.max(worst, Math.abs(P[i] - N[i]));
          scale = Math.max(scale, Math.abs(N[i]));
        }
        expect(scale).toBeGreaterThan(1e-3);
        expect(worst).toBeLessThan(1e-8 * Math.max(1, scale));
      }
    });
  }

  test("linear RNN with W = λI: ‖∏J‖ = λ^lag for spectral and √H·λ^lag for Frobenius", () => {
    const rnn = linearRnn(0.8, 5, 2);
    const batch = positiveBatch(12, 1, 2, new Rng(3));
    const r = jacobianProductNorms(rnn, batch, { from: 2 });
    expect(r.lag).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
    r.norm.forEach((v, i) => expect(v).toBeCloseTo(0.8 ** (i + 1), 12));
    const f = jacobianProductNorms(rnn, batch, { from: 2, maxLag: 4, norm: "frobenius" });
    f.norm.forEach((v, i) => expect(v).toBeCloseTo(Math.sqrt(5) * 0.8 ** (i + 1), 12));
    expect(stepJacobians(rnn, batch).stateSize).toBe(5);
  });

  test("spectral norms (power iteration) equal the largest singular value of the product", () => {
    for (const layer of [new LSTM({ inputSize: 2, hiddenSize: 6, rng: new Rng(11) }), new GRU({ inputSize: 2, hiddenSize: 7, rng: new Rng(12) }), new RNN({ inputSize: 2, hiddenSize: 8, rng: new Rng(13) })]) {
      const batch = batchOf(12, 2, 2, new Rng(14));
      const r = jacobianProductNorms(layer, batch, { from: 1, sequence: 1, lags: [1, 2, 5, 10] });
      expect(r.lag).toEqual([1, 2, 5, 10]);
      r.lag.forEach((ell, i) => {
        const P = jacobianProduct(layer, batch, 1, ell, { sequence: 1 });
        const sv = singularValues(P, r.stateSize, r.stateSize)[0];
        expect(Math.abs(r.norm[i] - sv) / sv).toBeLessThan(1e-9);
      });
    }
    // nearly equal top singular values (slow power iteration) still give the right answer
    const D = new Float64Array(9);
    D[0] = 1;
    D[4] = 0.9999999;
    D[8] = 0.5;
    expect(spectralNormPower(D, 3, new Float64Array([0, 1, 0.1]))).toBeCloseTo(1, 9);
    expect(spectralNormPower(new Float64Array(4), 2, new Float64Array(2))).toBe(0);
    // a warm start that is exactly the previous top vector, orthogonal to the new one
    const v = new Float64Array(2);
    expect(spectralNormPower(new Float64Array([2, 0, 0, 1]), 2, v)).toBeCloseTo(2, 12);
    expect(spectralNormPower(new Float64Array([1, 0, 0, 3]), 2, v)).toBeCloseTo(3, 12);
    expect(() => jacobianProductNorms(layers[0][1](), batchOf(5, 1, 2, new Rng(1)), { lags: [9] })).toThrow(/lags\[0\] must be at most maxLag = 4, got 9/);
  });

  test("padded steps carry the state: identity Jacobians", () => {
    const gru = new GRU({ inputSize: 2, hiddenSize: 3, rng: new Rng(1) });
    const b = { ...batchOf(6, 2, 2, new Rng(2)), lengths: [6, 3] };
    const { jacobians } = stepJacobians(gru, b, { sequence: 1 });
    expect(Array.from(jacobians[4])).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(() => jacobianProductNorms(gru, b, { from: 5 })).toThrow(/from must be an integer in \[0, T − 2 = 4\]/);
    expect(() => stepJacobians(gru, b, { sequence: 2 })).toThrow(/sequence must be an integer in \[0, 1\], got 2/);
  });
});

describe("recurrentSpectrum and gateStatistics", () => {
  test("spectrum of a known matrix and of W_hh's gate blocks", () => {
    // rotation by 90° scaled by 2, and a diagonal part: eigenvalues ±2i and 0.5
    const W = new Float64Array([0, -2, 0, 2, 0, 0, 0, 0, 0.5]);
    const s = matrixSpectrum(W, 3);
    expect(s.spectralRadius).toBeCloseTo(2, 12);
    expect(s.singularValues.map((v) => Number(v.toFixed(12)))).toEqual([2, 2, 0.5]);
    expect(s.eigenvalues.re.map(Math.abs).map((v) => Number(v.toFixed(12)))).toEqual([0, 0, 0.5]);
    const lstm = new LSTM({ inputSize: 2, hiddenSize: 4, rng: new Rng(1) });
    const spec = recurrentSpectrum(lstm);
    expect(spec.gates.map((g) => g.gate)).toEqual(["i", "f", "g", "o"]);
    const fBlock = lstm.cellWeights().weightHh.slice(16, 32);
    expect(spec.gates[1].spectralRadius).toBeCloseTo(matrixSpectrum(fBlock, 4).spectralRadius, 14);
    for (const r of spec.records) expect(r.spectralRadius).toBeLessThanOrEqual(r.maxSingularValue * (1 + 1e-12));
    const rnn = linearRnn(0.7, 3, 2);
    expect(recurrentSpectrum(rnn).records).toEqual([{ gate: "h", spectralRadius: expect.closeTo(0.7, 12), maxSingularValue: expect.closeTo(0.7, 12), minSingularValue: expect.closeTo(0.7, 12) }]);
  });

  test("gate means equal σ(bias) when the weights are zero", () => {
    const H = 3;
    const lstm = new LSTM({ inputSize: 2, hiddenSize: H, rng: new Rng(1) });
    const w = lstm.cellWeights();
    w.weightIh.fill(0);
    w.weightHh.fill(0);
    w.biasHh!.fill(0);
    const bias = [0.5, -1, 2, /* i */ 3, 3, 3, /* f */ 0, 0.1, -0.1, /* g */ -2, -2, -2 /* o */];
    w.biasIh!.set(bias);
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const st = gateStatistics(lstm, { ...batchOf(5, 2, 2, new Rng(3)), lengths: [5, 2] });
    expect(st.names).toEqual(["i", "f", "g", "o"]);
    for (let t = 0; t < 5; t++) {
      expect(st.mean.i[t]).toBeCloseTo((sig(0.5) + sig(-1) + sig(2)) / 3, 14);
      expect(st.mean.f[t]).toBeCloseTo(sig(3), 14);
      expect(st.std.f[t]).toBeLessThan(1e-12);
      expect(st.mean.g[t]).toBeCloseTo((Math.tanh(0) + Math.tanh(0.1) + Math.tanh(-0.1)) / 3, 14);
      expect(st.saturated.f[t]).toBe(1); // σ(3) = 0.953 > 0.95
      expect(st.saturated.o[t]).toBe(0);
    }
    expect(st.records).toHaveLength(5 * 4);
    expect(st.records[5]).toEqual({ t: 1, gate: "f", mean: st.mean.f[1], std: st.std.f[1], saturated: 1 });
  });

  test("GRU update gate statistics from a model", () => {
    const model = new SequenceModel({ cell: "gru", inputSize: 2, hiddenSize: 4, outputSize: 1, rng: new Rng(8) });
    const st = gateStatistics(model, batchOf(6, 3, 2, new Rng(9)));
    expect(st.names).toEqual(["r", "z", "n"]);
    for (const v of st.mean.z) expect(v > 0 && v < 1).toBe(true);
    expect(() => gateStatistics(model, batchOf(6, 3, 2, new Rng(9)), { saturation: 0.7 })).toThrow(/saturation must be a number in \[0, 0.5\]/);
  });
});
