import { Rng } from "../../../lib/core/random";
import { CellWeights, gruStep, gruStepBackward, initCellWeights, lstmStep, lstmStepBackward, rnnStep, rnnStepBackward } from "../../../lib/cells";
import { GRU, LSTM, RNN } from "../../../lib/nn/recurrentLayer";

const D = 3;
const H = 4;
const B = 2;

/** Central-difference check of every entry of every array in `inputs` against `grads`. */
function checkGrads(loss: () => number, inputs: Float64Array[], grads: Float64Array[], label: string) {
  const eps = 1e-6;
  inputs.forEach((a, k) => {
    for (let i = 0; i < a.length; i++) {
      const old = a[i];
      a[i] = old + eps;
      const up = loss();
      a[i] = old - eps;
      const down = loss();
      a[i] = old;
      const num = (up - down) / (2 * eps);
      const rel = Math.abs(num - grads[k][i]) / Math.max(Math.abs(num), Math.abs(grads[k][i]), 1e-4);
      if (!(rel < 1e-6)) throw new Error(`${label}: input ${k} entry ${i}: analytic ${grads[k][i]}, numeric ${num}`);
    }
  });
}

const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i], 0);
const arrays = (w: CellWeights) => [w.weightIh, w.weightHh, w.biasIh!, w.biasHh!];

describe("one-step cell functions", () => {
  for (const nl of ["tanh", "relu"] as const) {
    test(`rnnStep (${nl}) and its backward`, () => {
      const rng = new Rng(1);
      const w = initCellWeights(1, D, H, () => rng.random());
      const x = rng.normalArray(B * D);
      const h0 = rng.normalArray(B * H);
      const U = rng.normalArray(B * H);
      const L = () => dot(rnnStep(w, x, h0, nl), U);
      const h = rnnStep(w, x, h0, nl);
      const g = rnnStepBackward(w, x, h0, h, U, nl);
      checkGrads(L, [...arrays(w), x, h0], [g.grads.weightIh, g.grads.weightHh, g.grads.biasIh!, g.grads.biasHh!, g.dx, g.dhPrev], `rnn ${nl}`);
    });
  }

  test("lstmStep and its backward (with dc from later steps)", () => {
    const rng = new Rng(2);
    const w = initCellWeights(4, D, H, () => rng.random());
    const x = rng.normalArray(B * D);
    const h0 = rng.normalArray(B * H);
    const c0 = rng.normalArray(B * H);
    const U = rng.normalArray(B * H);
    const V = rng.normalArray(B * H);
    const L = () => {
      const s = lstmStep(w, x, h0, c0);
      return dot(s.h, U) + dot(s.c, V);
    };
    const s = lstmStep(w, x, h0, c0);
    const g = lstmStepBackward(w, x, h0, c0, s, U, V);
    checkGrads(L, [...arrays(w), x, h0, c0], [g.grads.weightIh, g.grads.weightHh, g.grads.biasIh!, g.grads.biasHh!, g.dx, g.dhPrev, g.dcPrev], "lstm");
  });

  test("gruStep and its backward", () => {
    const rng = new Rng(3);
    const w = initCellWeights(3, D, H, () => rng.random());
    const x = rng.normalArray(B * D);
    const h0 = rng.normalArray(B * H);
    const U = rng.normalArray(B * H);
    const L = () => dot(gruStep(w, x, h0).h, U);
    const g = gruStepBackward(w, x, h0, gruStep(w, x, h0), U);
    checkGrads(L, [...arrays(w), x, h0], [g.grads.weightIh, g.grads.weightHh, g.grads.biasIh!, g.grads.biasHh!, g.dx, g.dhPrev], "gru");
  });

  test("the layers run the same step: a one-step sequence equals the step function", () => {
    const rng = new Rng(4);
    const x = rng.normalArray(B * D);
    const h0 = rng.normalArray(B * H);
    const c0 = rng.normalArray(B * H);
    const batch = { x, T: 1, B, D };
    const rnn = new RNN({ inputSize: D, hiddenSize: H, rng });
    const hr = rnn.forward(batch, { h0 }).hN;
    const sr = rnnStep(rnn.cellWeights(), x, h0);
    for (let i = 0; i < B * H; i++) expect(hr[i]).toBeCloseTo(sr[i], 14);
    const lstm = new LSTM({ inputSize: D, hiddenSize: H, rng });
    const r = lstm.forward(batch, { h0, c0 });
    const s = lstmStep(lstm.cellWeights(), x, h0, c0);
    for (let i = 0; i < B * H; i++) {
      expect(r.hN[i]).toBeCloseTo(s.h[i], 14);
      expect(r.cN![i]).toBeCloseTo(s.c[i], 14);
    }
    const gru = new GRU({ inputSize: D, hiddenSize: H, rng });
    const hg = gru.forward(batch, { h0 }).hN;
    const sg = gruStep(gru.cellWeights(), x, h0).h;
    for (let i = 0; i < B * H; i++) expect(hg[i]).toBeCloseTo(sg[i], 14);
  });

  test("step functions reject mismatched shapes with a clear message", () => {
    const w = initCellWeights(4, D, H, Math.random);
    expect(() => lstmStep(w, new Float64Array(5), new Float64Array(8), new Float64Array(8))).toThrow(/lstmStep: x must have shape \[B, 3\]/);
    expect(() => lstmStep(w, new Float64Array(6), new Float64Array(7), new Float64Array(8))).toThrow(/hPrev must have shape \[2, 4\]/);
    expect(() => lstmStep(w, new Float64Array(6), new Float64Array(8), new Float64Array(3))).toThrow(/cPrev must have shape \[2, 4\]/);
    expect(() => gruStep(w, new Float64Array(6), new Float64Array(8))).toThrow(/gruStep: weightIh must have 36 entries/);
  });
});
