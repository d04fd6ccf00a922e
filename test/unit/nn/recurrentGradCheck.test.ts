import { Rng } from "../../../lib/core/random";
import { zeroGrad } from "../../../lib/core/parameter";
import { GRU, LSTM, RNN } from "../../../lib/nn/recurrentLayer";
import { SequenceBatch } from "../../../lib/nn/sequenceBatch";
import { assertGradCheck, gradCheck } from "../../../lib/nn/gradCheck";
import { RECURRENT_CELLS as cells, layerLoss } from "./layerLoss";

function randomBatch(rng: Rng, T: number, B: number, D: number, lengths?: number[]): SequenceBatch {
  return { x: rng.normalArray(T * B * D), T, B, D, ...(lengths ? { lengths } : {}) };
}

describe("recurrent layers: gradient check (central differences, float64)", () => {
  for (const [name, make] of cells) {
    for (const numLayers of [1, 2]) {
      for (const bidirectional of [false, true]) {
        for (const masked of [false, true]) {
          const label = `${name}, ${numLayers} layer(s), ${bidirectional ? "bi" : "uni"}directional${masked ? ", lengths 5,2,4" : ""}`;
          test(label, () => {
            const rng = new Rng(11 + numLayers * 3 + (bidirectional ? 1 : 0));
            const layer = make({ inputSize: 3, hiddenSize: 4, numLayers, bidirectional, rng });
            // five-point stencil (accurate to ~1e-11 absolute). ReLU takes a smaller step so no kink is
            // crossed, which costs rounding accuracy (~3e-12 absolute): entries below 1e-5 (dead units,
            // exactly 0 analytically) are compared absolutely through the floor.
            const relu = name.includes("relu");
            const batch = randomBatch(rng, 5, 3, 3, masked ? [5, 2, 4] : undefined);
            const f = layerLoss(layer, batch, rng, masked);
            const res = gradCheck(layer.parameters(), f, { rng, order: 4, eps: relu ? 1e-4 : 1e-3, floor: relu ? 1e-5 : 1e-6, maxPerTensor: 24 });
            assertGradCheck(res, 1e-6);
            expect(res.tensors.length).toBe(layer.parameters().length);
          });
        }
      }
    }
  }

  test("input, h0 and c0 gradients match finite differences (LSTM, bidirectional, masked)", () => {
    const rng = new Rng(5);
    const layer = new LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true, rng });
    const batch = randomBatch(rng, 4, 2, 2, [4, 3]);
    const LD = 4;
    const h0 = rng.normalArray(LD * 2 * 3);
    const c0 = rng.normalArray(LD * 2 * 3);
    const U = rng.normalArray(4 * 2 * 6);
    const V = rng.normalArray(LD * 2 * 3);
    const W = rng.normalArray(LD * 2 * 3);
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i], 0);
    const L = () => {
      const r = layer.forward(batch, { h0, c0 });
      return dot(r.output, U) + dot(r.hN, V) + dot(r.cN!, W);
    };
    L();
    const g = layer.backward({ dOutput: U, dhN: V, dcN: W });
    const eps = 1e-6;
    for (const [arr, grad, label] of [[batch.x, g.dX, "x"], [h0, g.dh0, "h0"], [c0, g.dc0!, "c0"]] as const) {
      for (let i = 0; i < arr.length; i++) {
        const old = arr[i];
        arr[i] = old + eps;
        const up = L();
        arr[i] = old - eps;
        const down = L();
        arr[i] = old;
        const num = (up - down) / (2 * eps);
        const rel = Math.abs(num - grad[i]) / Math.max(Math.abs(num), Math.abs(grad[i]), 1e-6);
        if (rel > 1e-6) throw new Error(`${label}[${i}]: analytic ${grad[i]} vs numeric ${num}`);
      }
    }
    // padded input steps get exactly zero gradient (t = 3, b = 1)
    expect(g.dX[(3 * 2 + 1) * 2]).toBe(0);
    zeroGrad(layer.parameters());
  });
});

describe("layers without biases", () => {
  for (const [name, make] of [
    ["rnn", (rng: Rng) => new RNN({ inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true, bias: false, rng })],
    ["lstm", (rng: Rng) => new LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true, bias: false, rng })],
    ["gru", (rng: Rng) => new GRU({ inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true, bias: false, rng })],
  ] as const) {
    test(`${name}, bias: false, 2 layers, bidirectional, masked: gradient check`, () => {
      const rng = new Rng(21);
      const layer = make(rng);
      expect(layer.parameters().length).toBe(8);
      const f = layerLoss(layer, randomBatch(rng, 4, 2, 2, [4, 2]), rng, true);
      assertGradCheck(gradCheck(layer.parameters(), f, { rng, order: 4, maxPerTensor: 12 }), 1e-6);
    });
  }
});
