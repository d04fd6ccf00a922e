import * as fs from "fs";
import * as path from "path";
import { Rng } from "../../../lib/core/random";
import { NestedArray, fromNested } from "../../../lib/core/tensor";
import { zeroGrad } from "../../../lib/core/parameter";
import { Linear } from "../../../lib/nn/linear";
import { LossResult, bceWithLogitsLoss, crossEntropyLoss, mseLoss } from "../../../lib/nn/losses";
import { assertGradCheck, gradCheck } from "../../../lib/nn/gradCheck";
import { SequenceModel } from "../../../lib/nn/sequenceModel";
import { sequenceBatchFromArrays } from "../../../lib/nn/sequenceBatch";

const fixtures = path.join(__dirname, "../../fixtures/torch");
const flat = (v: NestedArray) => fromNested(v).data;
const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  let e = 0;
  for (let i = 0; i < b.length; i++) {
    s = Math.max(s, Math.abs(b[i]));
    e = Math.max(e, Math.abs(a[i] - b[i]));
  }
  return e / s;
};

/** Finite-difference check of a loss's grad with respect to its prediction. */
function checkLossGrad(f: (p: Float64Array) => LossResult, pred: Float64Array) {
  const { grad } = f(pred);
  for (let i = 0; i < pred.length; i++) {
    const old = pred[i];
    pred[i] = old + 1e-6;
    const up = f(pred).loss;
    pred[i] = old - 1e-6;
    const down = f(pred).loss;
    pred[i] = old;
    const num = (up - down) / 2e-6;
    expect(Math.abs(num - grad[i]) / Math.max(Math.abs(num), Math.abs(grad[i]), 1e-5)).toBeLessThan(1e-6);
  }
}

describe("losses", () => {
  const L = JSON.parse(fs.readFileSync(path.join(fixtures, "losses.json"), "utf8"));
  test("mse, bce-with-logits and cross-entropy with a mask equal PyTorch (values and gradients)", () => {
    const mse = mseLoss(flat(L.pred), flat(L.target), L.mask);
    expect(Math.abs(mse.loss - L.mse) / L.mse).toBeLessThan(1e-12);
    expect(maxRel(mse.grad, flat(L.mseGrad))).toBeLessThan(1e-12);
    const bce = bceWithLogitsLoss(flat(L.logits), flat(L.bits), L.mask);
    expect(Math.abs(bce.loss - L.bce) / L.bce).toBeLessThan(1e-12);
    expect(maxRel(bce.grad, flat(L.bceGrad))).toBeLessThan(1e-12);
    const ce = crossEntropyLoss(flat(L.logits), L.classes, L.mask);
    expect(Math.abs(ce.loss - L.ce) / L.ce).toBeLessThan(1e-12);
    expect(maxRel(ce.grad, flat(L.ceGrad))).toBeLessThan(1e-12);
  });
  test("gradients match finite differences (masked and unmasked)", () => {
    const rng = new Rng(1);
    const mask = [1, 0, 1];
    checkLossGrad((p) => mseLoss(p, [1, 2, 3, 4, 5, 6], mask), rng.normalArray(6));
    checkLossGrad((p) => bceWithLogitsLoss(p, [1, 0, 0, 1, 1, 0]), rng.normalArray(6, 0, 3));
    checkLossGrad((p) => bceWithLogitsLoss(p, [1, 0, 0, 1, 1, 0], mask), rng.normalArray(6, 0, 3));
    checkLossGrad((p) => crossEntropyLoss(p, [2, 0, 1]), rng.normalArray(9, 0, 3));
    checkLossGrad((p) => crossEntropyLoss(p, [2, 0, 1], mask), rng.normalArray(9, 0, 3));
  });
  test("stable for huge logits: finite loss, exact limits", () => {
    const bce = bceWithLogitsLoss(new Float64Array([1000, -1000]), [0, 1]);
    expect(bce.loss).toBe(1000);
    expect(Array.from(bce.grad)).toEqual([0.5, -0.5]);
    const ce = crossEntropyLoss(new Float64Array([1000, 0, -1000]), [1]);
    expect(ce.loss).toBe(1000);
    expect(Array.from(ce.grad)).toEqual([1, -1, 0]);
  });
  test("masked rows do not matter and get zero gradient", () => {
    const a = crossEntropyLoss(new Float64Array([1, 2, 3, 4]), [0, 1], [1, 0]);
    const b = crossEntropyLoss(new Float64Array([1, 2, 99, -5]), [0, 0], [1, 0]);
    expect(a.loss).toBe(b.loss);
    expect(a.grad[2]).toBe(0);
    expect(() => mseLoss(new Float64Array(2), [0, 0], [0, 0])).toThrow("mseLoss: mask selects no entries (all zero)");
    expect(() => bceWithLogitsLoss(new Float64Array(2), [0, 2])).toThrow("bceWithLogitsLoss: target must be in [0, 1], got 2 at index 1");
  });
});

describe("Linear head", () => {
  test("names, shapes, gradient check", () => {
    const rng = new Rng(2);
    const lin = new Linear(3, 2, { namePrefix: "head.", rng });
    expect(lin.parameters().map((p) => [p.name, p.shape])).toEqual([["head.weight", [2, 3]], ["head.bias", [2]]]);
    const x = rng.normalArray(4 * 3);
    const U = rng.normalArray(4 * 2);
    const dx = new Float64Array(12);
    const f = () => {
      const y = lin.forward(x);
      dx.set(lin.backward(U));
      return y.reduce((s, v, i) => s + v * U[i], 0);
    };
    assertGradCheck(gradCheck(lin.parameters(), f, { order: 4 }), 1e-9);
    // dx = U W
    for (let n = 0; n < 4; n++) for (let i = 0; i < 3; i++) {
      let s = 0;
      for (let o = 0; o < 2; o++) s += U[n * 2 + o] * lin.weight.data[o * 3 + i];
      expect(dx[n * 3 + i]).toBeCloseTo(s, 14);
    }
  });
});

describe("SequenceModel", () => {
  test("LSTM (2 layers, bidirectional, packed) + Linear at every step + masked cross-entropy equals PyTorch", () => {
    const M = JSON.parse(fs.readFileSync(path.join(fixtures, "model_lstm_bi_every_ce.json"), "utf8"));
    const model = new SequenceModel({ cell: "lstm", inputSize: M.D, hiddenSize: M.H, outputSize: M.K, numLayers: 2, bidirectional: true, readout: "every", loss: "ce" });
    model.loadStateDict(M.stateDict);
    const batch = { x: flat(M.x), T: M.T, B: M.B, D: M.D, lengths: M.lengths };
    const classes = (M.classes as number[][]).flat();
    zeroGrad(model.parameters());
    const loss = model.lossAndGrad(batch, classes);
    expect(Math.abs(loss - M.loss) / M.loss).toBeLessThan(1e-12);
    for (const p of model.parameters()) expect(maxRel(p.grad, flat(M.grads[p.name]))).toBeLessThan(1e-9);
    // padded steps: the model's logits there are the head's bias (zero features), as in PyTorch
    expect(maxRel(model.predict(batch), flat(M.logits))).toBeLessThan(1e-12);
  });

  test("GRU (2 layers, bidirectional, packed) + Linear on the last valid state + bce equals PyTorch", () => {
    const M = JSON.parse(fs.readFileSync(path.join(fixtures, "model_gru_bi_last_bce.json"), "utf8"));
    const model = new SequenceModel({ cell: "gru", inputSize: M.D, hiddenSize: M.H, outputSize: M.O, numLayers: 2, bidirectional: true, readout: "last", loss: "bce" });
    model.loadStateDict(M.stateDict);
    const batch = { x: flat(M.x), T: M.T, B: M.B, D: M.D, lengths: M.lengths };
    zeroGrad(model.parameters());
    const loss = model.lossAndGrad(batch, flat(M.bits));
    expect(Math.abs(loss - M.loss) / M.loss).toBeLessThan(1e-12);
    for (const p of model.parameters()) expect(maxRel(p.grad, flat(M.grads[p.name]))).toBeLessThan(1e-9);
    expect(maxRel(model.predict(batch), flat(M.logits))).toBeLessThan(1e-12);
  });

  const configs = [
    { cell: "rnn", readout: "last", loss: "mse", bidirectional: false },
    { cell: "rnn", readout: "every", loss: "bce", bidirectional: true, nonlinearity: "tanh" },
    { cell: "lstm", readout: "last", loss: "ce", bidirectional: true, forgetBias: 1 },
    { cell: "lstm", readout: "every", loss: "mse", bidirectional: false },
    { cell: "gru", readout: "last", loss: "bce", bidirectional: false },
    { cell: "gru", readout: "every", loss: "ce", bidirectional: true },
  ] as const;
  for (const c of configs) {
    test(`gradient check: ${c.cell}, readout ${c.readout}, loss ${c.loss}, ${c.bidirectional ? "bi" : "uni"}directional, 2 layers, lengths 4,2,3`, () => {
      const rng = new Rng(7);
      const O = 3;
      const model = new SequenceModel({ ...c, inputSize: 2, hiddenSize: 3, outputSize: O, numLayers: 2, rng });
      const batch = { x: rng.normalArray(4 * 3 * 2), T: 4, B: 3, D: 2, lengths: [4, 2, 3] };
      const rows = c.readout === "last" ? 3 : 12;
      const target =
        c.loss === "ce" ? Array.from({ length: rows }, () => rng.int(0, O)) : c.loss === "bce" ? Array.from({ length: rows * O }, () => rng.int(0, 2)) : rng.normalArray(rows * O);
      const res = gradCheck(model.parameters(), model.lossAndGradFn(batch, target), { order: 4, maxPerTensor: 12, rng });
      assertGradCheck(res, 1e-6);
      expect(res.tensors.map((t) => t.name)).toContain("head.weight");
      expect(res.tensors.map((t) => t.name)).toContain("rnn.weight_hh_l1");
    });
  }

  test("stateDict round trip, predictClasses, accuracy over valid rows", () => {
    const rng = new Rng(9);
    const m = new SequenceModel({ cell: "gru", inputSize: 1, hiddenSize: 4, outputSize: 2, readout: "every", loss: "ce", rng });
    const batch = sequenceBatchFromArrays([[[1], [0], [1]], [[0], [1]]]);
    expect(batch.lengths).toEqual([3, 2]);
    const m2 = new SequenceModel({ cell: "gru", inputSize: 1, hiddenSize: 4, outputSize: 2, readout: "every", loss: "ce", rng: new Rng(1) });
    m2.loadStateDict(JSON.parse(JSON.stringify(m.stateDict())));
    expect(Array.from(m2.predict(batch))).toEqual(Array.from(m.predict(batch)));
    const pred = m.predictClasses(batch); // [T*B]
    expect(pred.length).toBe(6);
    const target = [...pred];
    target[5] = 1 - target[5]; // t=2, b=1 is padding: does not count
    expect(m.accuracy(batch, target)).toBe(1);
    target[0] = 1 - target[0];
    expect(m.accuracy(batch, target)).toBeCloseTo(4 / 5, 15);
    expect(Object.keys(m.stateDict())).toEqual(["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "head.weight", "head.bias"]);
  });

  test("lossAndGrad adds into grad (zeroes nothing)", () => {
    const rng = new Rng(4);
    const m = new SequenceModel({ cell: "lstm", inputSize: 2, hiddenSize: 3, outputSize: 1, rng });
    const batch = { x: rng.normalArray(10 * 2), T: 5, B: 2, D: 2 };
    const y = [0.5, -0.5];
    zeroGrad(m.parameters());
    m.lossAndGrad(batch, y);
    const once = m.parameters().map((p) => Float64Array.from(p.grad));
    m.lossAndGrad(batch, y);
    m.parameters().forEach((p, k) => p.grad.forEach((g, i) => expect(g).toBeCloseTo(2 * once[k][i], 14)));
  });
});
