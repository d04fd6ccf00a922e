import { Rng } from "../../../lib/core/random";
import { zeroGrad } from "../../../lib/core/parameter";
import { gradCheck } from "../../../lib/nn/gradCheck";
import { SequenceBatch } from "../../../lib/nn/sequenceBatch";
import { SelfAttention, firstInputGradientNorms, forwardBackwardTimes, logLogSlope, sinusoidalPositionalEncoding } from "../../../lib/attention";

function batchOf(T: number, B: number, D: number, rng: Rng, lengths?: number[]): SequenceBatch {
  return lengths ? { x: rng.normalArray(T * B * D), T, B, D, lengths } : { x: rng.normalArray(T * B * D), T, B, D };
}

describe("SelfAttention gradient check (central differences against the exact backward pass)", () => {
  const cases = [
    { name: "last readout, mse", cfg: { readout: "last" as const, loss: "mse" as const }, O: 2 },
    { name: "causal, every step, ce, variable lengths", cfg: { causal: true, readout: "every" as const, loss: "ce" as const }, O: 3 },
    { name: "mean readout, tanh hidden readout, bce, no residual", cfg: { readout: "mean" as const, loss: "bce" as const, readoutHidden: 4, residual: false }, O: 1 },
    { name: "no positional encoding", cfg: { positionalEncoding: false }, O: 2 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const rng = new Rng(3);
      const model = new SelfAttention({ inputSize: 3, modelSize: 4, outputSize: c.O, rng, ...c.cfg });
      const lengths = c.cfg.readout === "every" ? [5, 3] : [5, 4];
      const batch = batchOf(5, 2, 3, rng, lengths);
      const rows = model.outputRows(batch);
      const target = c.cfg.loss === "ce" ? Array.from({ length: rows }, () => rng.int(0, c.O))
        : c.cfg.loss === "bce" ? Array.from({ length: rows * c.O }, () => rng.int(0, 2))
        : Array.from(rng.normalArray(rows * c.O));
      const res = gradCheck(model.parameters(), model.lossAndGradFn(batch, target), { order: 4 });
      expect(res.worstRelError).toBeLessThan(1e-6);
    });
  }
  test("input gradient dL/dx matches central differences", () => {
    const rng = new Rng(4);
    const model = new SelfAttention({ inputSize: 3, modelSize: 4, outputSize: 2, causal: true, rng });
    const batch = batchOf(4, 2, 3, rng);
    const target = Array.from(rng.normalArray(4));
    const y = model.forward(batch);
    const dY = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) dY[i] = 2 * (y[i] - target[i]) / y.length;
    const dX = model.backward(dY);
    zeroGrad(model.parameters());
    const eps = 1e-6;
    for (let i = 0; i < batch.x.length; i++) {
      const x0 = batch.x[i];
      batch.x[i] = x0 + eps;
      const lp = model.loss(batch, target);
      batch.x[i] = x0 - eps;
      const lm = model.loss(batch, target);
      batch.x[i] = x0;
      expect(Math.abs((lp - lm) / (2 * eps) - dX[i])).toBeLessThan(1e-8);
    }
  });
});

describe("SelfAttention behaviour", () => {
  test("attention rows are distributions; the causal mask hides the future", () => {
    const rng = new Rng(5);
    const model = new SelfAttention({ inputSize: 2, modelSize: 4, outputSize: 1, causal: true, rng });
    model.forward(batchOf(6, 1, 2, rng));
    const { L, weights } = model.attentionWeights(0);
    for (let t = 0; t < L; t++) {
      let s = 0;
      for (let j = 0; j < L; j++) {
        s += weights[t * L + j];
        if (j > t) expect(weights[t * L + j]).toBe(0);
      }
      expect(s).toBeCloseTo(1, 12);
    }
    // causal + readout "every": output at t does not change when a later input changes
    const m2 = new SelfAttention({ inputSize: 2, modelSize: 4, outputSize: 1, causal: true, readout: "every", rng: new Rng(1) });
    const b = batchOf(5, 1, 2, new Rng(2));
    const y1 = m2.forward(b).slice();
    b.x[4 * 2] += 1; // change x_4
    const y2 = m2.forward(b);
    for (let t = 0; t < 4; t++) expect(y2[t]).toBeCloseTo(y1[t], 14);
    expect(Math.abs(y2[4] - y1[4])).toBeGreaterThan(1e-6);
  });
  test("padding beyond a sequence's length does not change its output", () => {
    const m = new SelfAttention({ inputSize: 2, modelSize: 4, outputSize: 1, rng: new Rng(1) });
    const b = batchOf(6, 2, 2, new Rng(2), [4, 6]);
    const y1 = m.forward(b).slice();
    for (let t = 4; t < 6; t++) b.x[(t * 2 + 0) * 2] = 100;
    const y2 = m.forward(b);
    expect(y2[0]).toBe(y1[0]);
  });
  test("positional encoding: p[t][0] = sin t, p[t][1] = cos t", () => {
    const p = sinusoidalPositionalEncoding(3, 4);
    expect(p[2 * 4]).toBeCloseTo(Math.sin(2), 14);
    expect(p[2 * 4 + 1]).toBeCloseTo(Math.cos(2), 14);
    expect(p[2 * 4 + 2]).toBeCloseTo(Math.sin(2 / 100), 14);
  });
  test("bad configuration names the argument", () => {
    expect(() => new SelfAttention({ inputSize: 0, modelSize: 4, outputSize: 1 })).toThrow(/inputSize must be an integer >= 1/);
    expect(() => new SelfAttention({ inputSize: 2, modelSize: 4, outputSize: 1, readout: "first" as never })).toThrow(/readout must be one of/);
    expect(() => new SelfAttention({ inputSize: 2, modelSize: 4, outputSize: 1, readoutHidden: 3, readoutGain: 0 })).toThrow(/readoutGain must be a finite number > 0/);
    const m = new SelfAttention({ inputSize: 2, modelSize: 4, outputSize: 1 });
    expect(() => m.forward({ x: new Float64Array(12), T: 2, B: 2, D: 3 })).toThrow(/batch.D must be 2/);
  });
});

describe("attention vs recurrence measurements", () => {
  test("gradient reach: flat for attention, decaying for a vanilla RNN", () => {
    const recs = firstInputGradientNorms({ lengths: [4, 32], models: ["attention", "rnn"], repeats: 3, rng: new Rng(1) });
    const at = recs.filter((r) => r.model === "attention");
    const rnn = recs.filter((r) => r.model === "rnn");
    expect(rnn[1].value / rnn[0].value).toBeLessThan(1e-3);
    expect(at[1].value / at[0].value).toBeGreaterThan(0.05);
  });
  test("timing records and slope helper", () => {
    const recs = forwardBackwardTimes({ lengths: [8, 16], repeats: 1, rng: new Rng(1) });
    expect(recs.length).toBe(4);
    for (const r of recs) expect(r.value).toBeGreaterThan(0);
    expect(logLogSlope([{ model: "rnn", T: 10, value: 3 }, { model: "rnn", T: 100, value: 300 }])).toBeCloseTo(2, 12);
  });
});
