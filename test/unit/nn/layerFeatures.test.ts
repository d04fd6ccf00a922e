import { Rng } from "../../../lib/core/random";
import { rnnStepBackward } from "../../../lib/cells/rnnStep";
import { lstmStep } from "../../../lib/cells/lstmStep";
import { GRU, LSTM, RNN } from "../../../lib/nn/recurrentLayer";
import { lstmBenchmarkStep } from "../../../lib/nn/benchmarkStep";

describe("what the layers expose for diagnostics and training", () => {
  test("hiddenStateGrads is ∂L/∂h_t: it obeys dh_{t-1} = (step backward of dh_t) + ∂L/∂output_{t-1}", () => {
    const rng = new Rng(1);
    const T = 6, B = 2, D = 3, H = 4;
    const rnn = new RNN({ inputSize: D, hiddenSize: H, rng });
    const batch = { x: rng.normalArray(T * B * D), T, B, D };
    rnn.forward(batch);
    const dOut = rng.normalArray(T * B * H);
    const dhN = rng.normalArray(B * H);
    rnn.backward({ dOutput: dOut, dhN });
    const dH = rnn.hiddenStateGrads();
    const hs = rnn.hiddenStates();
    const w = rnn.cellWeights();
    // last step: ∂L/∂h_{T-1} = dOut_{T-1} + dhN
    for (let i = 0; i < B * H; i++) expect(dH[(T - 1) * B * H + i]).toBeCloseTo(dOut[(T - 1) * B * H + i] + dhN[i], 14);
    for (let t = T - 1; t >= 1; t--) {
      const x = batch.x.slice(t * B * D, (t + 1) * B * D);
      const hPrev = hs.slice((t - 1) * B * H, t * B * H);
      const h = hs.slice(t * B * H, (t + 1) * B * H);
      const g = rnnStepBackward(w, x, hPrev, h, dH.slice(t * B * H, (t + 1) * B * H));
      for (let i = 0; i < B * H; i++) expect(dH[(t - 1) * B * H + i]).toBeCloseTo(g.dhPrev[i] + dOut[(t - 1) * B * H + i], 12);
    }
  });

  test("gateActivations: the LSTM's gates per step, in PyTorch order, with a validity mask", () => {
    const rng = new Rng(2);
    const T = 3, B = 2, D = 2, H = 3;
    const lstm = new LSTM({ inputSize: D, hiddenSize: H, rng });
    const batch = { x: rng.normalArray(T * B * D), T, B, D, lengths: [3, 2] };
    lstm.forward(batch);
    const ga = lstm.gateActivations();
    expect(ga.names).toEqual(["i", "f", "g", "o"]);
    expect(ga.values.length).toBe(T * B * 4 * H);
    expect(Array.from(ga.mask)).toEqual([1, 1, 1, 1, 1, 0]);
    // step 0 equals lstmStep from zero state
    const s = lstmStep(lstm.cellWeights(), batch.x.slice(0, B * D), new Float64Array(B * H), new Float64Array(B * H));
    for (let i = 0; i < B * 4 * H; i++) expect(ga.values[i]).toBeCloseTo(s.gates[i], 14);
  });

  test("forgetBias is added to the forget-gate slice of bias_ih", () => {
    const a = new LSTM({ inputSize: 2, hiddenSize: 3, rng: new Rng(5) });
    const b = new LSTM({ inputSize: 2, hiddenSize: 3, forgetBias: 1, rng: new Rng(5) });
    const ba = a.parameters().find((p) => p.name === "bias_ih_l0")!.data;
    const bb = b.parameters().find((p) => p.name === "bias_ih_l0")!.data;
    for (let j = 0; j < 12; j++) expect(bb[j] - ba[j]).toBeCloseTo(j >= 3 && j < 6 ? 1 : 0, 15);
  });

  test("PyTorch initialisation: every weight in [-1/sqrt(H), 1/sqrt(H)], names and shapes as nn.GRU", () => {
    const g = new GRU({ inputSize: 5, hiddenSize: 16, numLayers: 2, bidirectional: true, rng: new Rng(3) });
    const k = 1 / 4;
    for (const p of g.parameters()) for (const v of p.data) expect(Math.abs(v)).toBeLessThanOrEqual(k);
    expect(g.parameters().map((p) => `${p.name}:${p.shape.join("x")}`)).toEqual([
      "weight_ih_l0:48x5", "weight_hh_l0:48x16", "bias_ih_l0:48", "bias_hh_l0:48",
      "weight_ih_l0_reverse:48x5", "weight_hh_l0_reverse:48x16", "bias_ih_l0_reverse:48", "bias_hh_l0_reverse:48",
      "weight_ih_l1:48x32", "weight_hh_l1:48x16", "bias_ih_l1:48", "bias_hh_l1:48",
      "weight_ih_l1_reverse:48x32", "weight_hh_l1_reverse:48x16", "bias_ih_l1_reverse:48", "bias_hh_l1_reverse:48",
    ]);
    expect(new RNN({ inputSize: 2, hiddenSize: 3, bias: false }).parameters().map((p) => p.name)).toEqual(["weight_ih_l0", "weight_hh_l0"]);
  });

  test("a sequence run in two chunks with the state carried over equals one run (hN passed back in)", () => {
    const rng = new Rng(6);
    const T = 6, B = 2, D = 2, H = 3;
    const lstm = new LSTM({ inputSize: D, hiddenSize: H, numLayers: 2, rng });
    const x = rng.normalArray(T * B * D);
    const full = lstm.forward({ x, T, B, D });
    const fullOut = Float64Array.from(full.output);
    const fullH = Float64Array.from(full.hN);
    const first = lstm.forward({ x: x.slice(0, 3 * B * D), T: 3, B, D });
    const firstOut = Float64Array.from(first.output);
    const second = lstm.forward({ x: x.slice(3 * B * D), T: 3, B, D }, { h0: first.hN, c0: first.cN });
    for (let i = 0; i < 3 * B * H; i++) {
      expect(firstOut[i]).toBeCloseTo(fullOut[i], 14);
      expect(second.output[i]).toBeCloseTo(fullOut[3 * B * H + i], 14);
    }
    for (let i = 0; i < fullH.length; i++) expect(second.hN[i]).toBeCloseTo(fullH[i], 14);
  });

  test("activation bytes per step and the benchmark step", () => {
    const lstm = new LSTM({ inputSize: 16, hiddenSize: 256 });
    // gates 4H + h + c per direction, plus the layer output H, float64, times B
    expect(lstm.activationBytesPerStep(64)).toBe(8 * 64 * (4 * 256 + 256 + 256 + 256));
    const s = lstmBenchmarkStep({ hiddenSize: 8, batchSize: 4, seqLength: 5, inputSize: 2, learningRate: 0.1, rng: new Rng(1) });
    const first = s.step();
    let last = first;
    for (let i = 0; i < 30; i++) last = s.step();
    expect(last).toBeLessThan(first); // SGD on a fixed batch lowers the loss
    expect(s.flopsPerStep).toBe(3 * 2 * 4 * 8 * 10 * 4 * 5);
  });
});
