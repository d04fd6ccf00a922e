import { Rng } from "../../../lib/core/random";
import { zeroGrad, flattenGrads, Parameter } from "../../../lib/core/parameter";
import { SequenceModel, SequenceModelOptions } from "../../../lib/nn/sequenceModel";
import { SequenceBatch } from "../../../lib/nn/sequenceBatch";
import { mseLoss, crossEntropyLoss } from "../../../lib/nn/losses";
import { truncatedBptt, bpttWindowEnds, bpttLossAndGrad } from "../../../lib/training/bptt";

function makeBatch(T: number, B: number, D: number, rng: Rng): SequenceBatch {
  return { x: rng.normalArray(T * B * D), T, B, D };
}

function model(opts: Partial<SequenceModelOptions> & { cell: SequenceModelOptions["cell"] }, seed = 3): SequenceModel {
  return new SequenceModel({ inputSize: 2, hiddenSize: 3, outputSize: 2, readout: "every", loss: "mse", ...opts, rng: new Rng(seed) });
}

function gradsOf(m: SequenceModel, f: () => number): { loss: number; grads: Float64Array } {
  zeroGrad(m.parameters());
  const loss = f();
  return { loss, grads: flattenGrads(m.parameters()) };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/**
 * The loss of the truncated graph, written independently of truncatedBptt: the window
 * start states are computed once from the *base* parameters (detached), then every
 * window's weighted loss is recomputed from those frozen states with the current parameters.
 */
function truncatedGraphLoss(m: SequenceModel, batch: SequenceBatch, target: Float64Array, k1: number, k2: number) {
  const { T, B, D } = batch;
  const rnn = m.recurrent;
  const H = rnn.hiddenSize;
  const L = rnn.numLayers;
  const lstm = rnn.cellType === "lstm";
  rnn.forward(batch);
  const hs: Float64Array[] = [];
  const cs: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    hs.push(rnn.hiddenStates(l));
    if (lstm) cs.push(rnn.cellStates(l));
  }
  const stateAt = (s: number, arr: Float64Array[]) => {
    const out = new Float64Array(L * B * H);
    if (s > 0) for (let l = 0; l < L; l++) out.set(arr[l].subarray((s - 1) * B * H, s * B * H), l * B * H);
    return out;
  };
  const ends: number[] = [];
  for (let t = k1; t < T; t += k1) ends.push(t);
  ends.push(T);
  const frozen = ends.map((e) => {
    const s = Math.max(0, e - k2);
    return { s, h0: stateAt(s, hs), c0: lstm ? stateAt(s, cs) : undefined };
  });
  const O = m.outputSize;
  return (): number => {
    let total = 0;
    let prev = 0;
    ends.forEach((e, w) => {
      const { s, h0, c0 } = frozen[w];
      const sub = { x: batch.x.slice(s * B * D, e * B * D), T: e - s, B, D };
      const r = rnn.forward(sub, c0 ? { h0, c0 } : { h0 });
      if (m.readout === "every" && prev < s) {
        // k2 < k1: the new steps before s use their (constant) hidden states through the head only.
        const hTop = hs[L - 1].slice(prev * B * H, s * B * H);
        const y0 = m.head.forward(hTop);
        total += ((s - prev) / T) * mseLoss(y0, target.slice(prev * B * O, s * B * O)).loss;
      }
      if (m.readout === "every") {
        const y = m.head.forward(r.output);
        const mask = new Float64Array((e - s) * B);
        for (let t = Math.max(prev, s); t < e; t++) for (let b = 0; b < B; b++) mask[(t - s) * B + b] = 1;
        const tgt = target.slice(s * B * O, e * B * O);
        total += ((e - Math.max(prev, s)) / T) * mseLoss(y, tgt, mask).loss;
      } else if (e === T) {
        const y = m.head.forward(r.hN.slice((L - 1) * B * H));
        total += m.lossType === "ce" ? crossEntropyLoss(y, target).loss : mseLoss(y, target).loss;
      }
      prev = e;
    });
    return total;
  };
}

function numericGrad(params: Parameter[], f: () => number, eps = 1e-6): Float64Array {
  const out: number[] = [];
  for (const p of params) {
    for (let i = 0; i < p.data.length; i++) {
      const v = p.data[i];
      p.data[i] = v + eps;
      const fp = f();
      p.data[i] = v - eps;
      const fm = f();
      p.data[i] = v;
      out.push((fp - fm) / (2 * eps));
    }
  }
  return Float64Array.from(out);
}

describe("truncatedBptt", () => {
  test("window ends", () => {
    expect(bpttWindowEnds(10, 3)).toEqual([3, 6, 9, 10]);
    expect(bpttWindowEnds(9, 3)).toEqual([3, 6, 9]);
    expect(bpttWindowEnds(5, 8)).toEqual([5]);
  });

  for (const cell of ["rnn", "lstm", "gru"] as const) {
    for (const readout of ["every", "last"] as const) {
      test(`${cell}, readout ${readout}: k1 = k2 = T equals full BPTT exactly`, () => {
        const rng = new Rng(11);
        const m = model({ cell, readout, numLayers: 2 });
        const T = 6;
        const batch = makeBatch(T, 2, 2, rng);
        const target = rng.normalArray((readout === "every" ? T * 2 : 2) * 2);
        const full = gradsOf(m, () => m.lossAndGrad(batch, target));
        const tb = gradsOf(m, () => truncatedBptt(m, batch, target, { k1: T, k2: T }).loss);
        expect(tb.loss).toBe(full.loss);
        expect(maxAbsDiff(tb.grads, full.grads)).toBeLessThan(1e-15);
      });
    }
  }

  test("cross-entropy and BCE losses: full equivalence, and TBPTT's loss is the sequence loss", () => {
    const rng = new Rng(21);
    const T = 7;
    const batch = makeBatch(T, 3, 2, rng);
    const ce = model({ cell: "lstm", loss: "ce", outputSize: 3 });
    const classes = Array.from({ length: T * 3 }, () => rng.int(0, 3));
    const full = gradsOf(ce, () => ce.lossAndGrad(batch, classes));
    const same = gradsOf(ce, () => truncatedBptt(ce, batch, classes, { k1: T }).loss);
    expect(same.loss).toBe(full.loss);
    expect(maxAbsDiff(same.grads, full.grads)).toBeLessThan(1e-15);
    const tr = gradsOf(ce, () => truncatedBptt(ce, batch, classes, { k1: 2, k2: 3 }).loss);
    expect(Math.abs(tr.loss - full.loss)).toBeLessThan(1e-14);
    const bce = model({ cell: "gru", loss: "bce", readout: "last", outputSize: 2 });
    const y01 = Array.from({ length: 3 * 2 }, () => rng.int(0, 2));
    const f2 = gradsOf(bce, () => bce.lossAndGrad(batch, y01));
    const t2 = gradsOf(bce, () => truncatedBptt(bce, batch, y01, { k1: T }).loss);
    expect(t2.loss).toBe(f2.loss);
    expect(maxAbsDiff(t2.grads, f2.grads)).toBeLessThan(1e-15);
    expect(() => truncatedBptt(ce, batch, classes.slice(3), { k1: 2 })).toThrow(/target must have shape \[T=7, B=3\] \(21 entries\), got length 18/);
  });

  const cases: [string, SequenceModelOptions["cell"], "every" | "last", number, number, number][] = [
    ["rnn", "rnn", "every", 3, 3, 1],
    ["lstm", "lstm", "every", 2, 4, 1],
    ["gru", "gru", "every", 3, 5, 1],
    ["lstm 2 layers", "lstm", "every", 3, 3, 2],
    ["lstm last", "lstm", "last", 2, 3, 1],
    ["rnn 2 layers last", "rnn", "last", 3, 4, 2],
    ["lstm, k2 < k1", "lstm", "every", 4, 2, 1],
    ["gru 2 layers, k2 < k1", "gru", "every", 3, 1, 2],
    ["rnn last, k2 < k1", "rnn", "last", 5, 2, 1],
  ];
  for (const [name, cell, readout, k1, k2, numLayers] of cases) {
    test(`${name}, k1=${k1}, k2=${k2} < T: gradient of the truncated graph (finite differences)`, () => {
      const rng = new Rng(5);
      const m = model({ cell, readout, numLayers });
      const T = 8;
      const batch = makeBatch(T, 2, 2, rng);
      const target = rng.normalArray((readout === "every" ? T * 2 : 2) * 2);
      const tb = gradsOf(m, () => truncatedBptt(m, batch, target, { k1, k2 }).loss);
      const F = truncatedGraphLoss(m, batch, target, k1, k2);
      const numeric = numericGrad(m.parameters(), F);
      expect(Math.abs(F() - tb.loss)).toBeLessThan(1e-14);
      // central differences with eps 1e-6: truncation ~1e-12, rounding ~1e-10 absolute
      let worst = 0;
      for (let i = 0; i < numeric.length; i++) {
        worst = Math.max(worst, Math.abs(numeric[i] - tb.grads[i]) / (1e-6 * Math.max(Math.abs(numeric[i]), Math.abs(tb.grads[i])) + 1e-9));
      }
      expect(worst).toBeLessThan(1);
      // ...and it is not the full-BPTT gradient (the truncation matters), while the loss is the same.
      const full = gradsOf(m, () => m.lossAndGrad(batch, target));
      expect(Math.abs(full.loss - tb.loss)).toBeLessThan(1e-14);
      expect(maxAbsDiff(full.grads, tb.grads)).toBeGreaterThan(1e-6);
    });
  }

  test("carrying hN/cN across chunks continues the same sequence", () => {
    const rng = new Rng(9);
    const m = model({ cell: "lstm", readout: "every" });
    const T = 10;
    const batch = makeBatch(T, 2, 2, rng);
    const target = rng.normalArray(T * 2 * 2);
    const full = truncatedBptt(m, batch, target, { k1: 5 });
    const a = truncatedBptt(m, { x: batch.x.slice(0, 5 * 4), T: 5, B: 2, D: 2 }, target.slice(0, 5 * 4), { k1: 5 });
    const b = truncatedBptt(m, { x: batch.x.slice(5 * 4), T: 5, B: 2, D: 2 }, target.slice(5 * 4), { k1: 5, h0: a.hN, c0: a.cN });
    expect(Math.abs((a.loss + b.loss) / 2 - full.loss)).toBeLessThan(1e-14);
    expect(maxAbsDiff(b.hN, full.hN)).toBe(0);
    expect(full.windows.map((w) => [w.start, w.end, w.lossFrom])).toEqual([[0, 5, 0], [5, 10, 5]]);
    const overlapping = truncatedBptt(m, batch, target, { k1: 3, k2: 5 });
    expect(overlapping.windows.map((w) => [w.forwardFrom, w.start, w.lossFrom, w.end])).toEqual([[0, 0, 0, 3], [1, 1, 3, 6], [4, 4, 6, 9], [5, 5, 9, 10]]);
    const short = truncatedBptt(m, batch, target, { k1: 4, k2: 1 });
    expect(short.windows.map((w) => [w.forwardFrom, w.start, w.lossFrom, w.end])).toEqual([[0, 3, 0, 4], [4, 7, 4, 8], [8, 9, 8, 10]]);
    for (const r of [overlapping, short]) {
      expect(Math.abs(r.loss - full.loss)).toBeLessThan(1e-14); // same sequence loss, whatever the truncation
      expect(maxAbsDiff(r.hN, full.hN)).toBe(0);
      expect(maxAbsDiff(r.cN!, full.cN!)).toBe(0);
    }
  });

  test("bpttLossAndGrad gives full or truncated BPTT", () => {
    const rng = new Rng(2);
    const m = model({ cell: "gru" });
    const batch = makeBatch(6, 2, 2, rng);
    const target = rng.normalArray(6 * 2 * 2);
    const full = gradsOf(m, bpttLossAndGrad(m, batch, target));
    const ref = gradsOf(m, () => m.lossAndGrad(batch, target));
    expect(maxAbsDiff(full.grads, ref.grads)).toBe(0);
    const tr = gradsOf(m, bpttLossAndGrad(m, batch, target, { k1: 2, k2: 3 }));
    const tr2 = gradsOf(m, () => truncatedBptt(m, batch, target, { k1: 2, k2: 3 }).loss);
    expect(maxAbsDiff(tr.grads, tr2.grads)).toBe(0);
  });

  test("bad input is named", () => {
    const rng = new Rng(1);
    const m = model({ cell: "rnn" });
    const batch = makeBatch(6, 2, 2, rng);
    const target = rng.normalArray(6 * 2 * 2);
    expect(() => truncatedBptt(m, batch, target, { k1: 3, k2: 0 })).toThrow(/truncatedBptt: k2 must be an integer >= 1, got 0/);
    expect(() => truncatedBptt(m, batch, target, { k1: 0 })).toThrow(/truncatedBptt: k1 must be an integer >= 1, got 0/);
    expect(() => truncatedBptt(m, batch, target.slice(1), { k1: 2 })).toThrow(/target must have shape \[T=6, B=2, 2\] \(24 entries\), got length 23/);
    expect(() => truncatedBptt(m, { ...batch, lengths: [6, 5] }, target, { k1: 2 })).toThrow(/batch.lengths is not supported/);
    expect(() => truncatedBptt(m, batch, target, { k1: 2, c0: new Float64Array(6) })).toThrow(/c0 must be left out/);
    const bi = model({ cell: "rnn", bidirectional: true });
    expect(() => truncatedBptt(bi, batch, target, { k1: 2 })).toThrow(/bidirectional/);
  });
});
