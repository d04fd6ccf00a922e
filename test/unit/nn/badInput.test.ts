import { Rng } from "../../../lib/core/random";
import { GRU, LSTM, RNN, createRecurrentLayer } from "../../../lib/nn/recurrentLayer";
import { SequenceModel } from "../../../lib/nn/sequenceModel";
import { Linear } from "../../../lib/nn/linear";
import { sequenceBatchFromArrays } from "../../../lib/nn/sequenceBatch";
import { crossEntropyLoss } from "../../../lib/nn/losses";

const rng = new Rng(0);
const lstm = () => new LSTM({ inputSize: 4, hiddenSize: 8, rng });
const batch = (T: number, B: number, D: number) => ({ x: new Float64Array(T * B * D), T, B, D });

describe("bad input gets an error naming the layer, the expectation and what came", () => {
  test("wrong input width", () => {
    expect(() => lstm().forward(batch(3, 2, 5))).toThrow("LSTM(inputSize=4, hiddenSize=8): input width batch.D must be inputSize=4, got 5");
  });
  test("x of the wrong length (batch size or sequence length do not match T*B*D)", () => {
    expect(() => lstm().forward({ x: new Float64Array(23), T: 3, B: 2, D: 4 })).toThrow(
      "LSTM(inputSize=4, hiddenSize=8): batch.x must have T*B*D = 3*2*4 = 24 entries, got 23",
    );
  });
  test("lengths of the wrong count or out of range", () => {
    expect(() => lstm().forward({ ...batch(3, 2, 4), lengths: [3] })).toThrow(/LSTM\(inputSize=4, hiddenSize=8\): batch.lengths must have one entry per sequence \(B=2\), got length 1/);
    expect(() => lstm().forward({ ...batch(3, 2, 4), lengths: [3, 4] })).toThrow("batch.lengths[1] must be an integer in [1, T=3], got 4");
    expect(() => lstm().forward({ ...batch(3, 2, 4), lengths: [0, 3] })).toThrow("batch.lengths[0] must be an integer in [1, T=3], got 0");
  });
  test("non-finite input names the time step and batch index", () => {
    const b = batch(3, 2, 4);
    b.x[(2 * 2 + 1) * 4 + 3] = NaN;
    expect(() => lstm().forward(b)).toThrow("LSTM(inputSize=4, hiddenSize=8): batch.x must be finite, got NaN at time step t=2, batch index b=1, feature d=3");
    b.x[(2 * 2 + 1) * 4 + 3] = 0;
    b.x[4] = Infinity;
    expect(() => new GRU({ inputSize: 4, hiddenSize: 8 }).forward(b)).toThrow("GRU(inputSize=4, hiddenSize=8): batch.x must be finite, got Infinity at time step t=0, batch index b=1, feature d=0");
  });
  test("hidden size <= 0, bad layer counts and options", () => {
    expect(() => new RNN({ inputSize: 4, hiddenSize: 0 })).toThrow("RNN(inputSize=4, hiddenSize=0): hiddenSize must be an integer >= 1, got 0");
    expect(() => new LSTM({ inputSize: 4, hiddenSize: -3 })).toThrow("hiddenSize must be an integer >= 1, got -3");
    expect(() => new GRU({ inputSize: 2.5, hiddenSize: 3 })).toThrow("GRU(inputSize=2.5, hiddenSize=3): inputSize must be an integer >= 1, got 2.5");
    expect(() => new RNN({ inputSize: 4, hiddenSize: 3, numLayers: 0 })).toThrow("numLayers must be an integer >= 1, got 0");
    expect(() => new RNN({ inputSize: 4, hiddenSize: 3, nonlinearity: "sigmoid" as "tanh" })).toThrow('nonlinearity must be one of "tanh", "relu", got "sigmoid"');
    expect(() => new LSTM({ inputSize: 4, hiddenSize: 3, forgetBias: NaN })).toThrow("forgetBias must be a finite number, got NaN");
    expect(() => createRecurrentLayer("gru", { inputSize: 1, hiddenSize: 1, forgetBias: 1 })).toThrow(/forgetBias must be left out for cell "gru"/);
    expect(() => createRecurrentLayer("rnn", { inputSize: 1, hiddenSize: 1, forgetBias: 1 })).toThrow(/forgetBias must be left out for cell "rnn"/);
    expect(() => createRecurrentLayer("lstm", { inputSize: 1, hiddenSize: 1, nonlinearity: "relu" })).toThrow(/nonlinearity must be left out for cell "lstm"/);
  });
  test("unknown, missing or mis-shaped parameters in loadStateDict", () => {
    const l = lstm();
    const sd = l.stateDict();
    expect(() => l.loadStateDict({ ...sd, weight_ih_l1: [[1]] })).toThrow(/LSTM\(inputSize=4, hiddenSize=8\).loadStateDict: unknown parameter name "weight_ih_l1"; expected one of weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0/);
    const { bias_hh_l0: _, ...missing } = sd;
    expect(() => l.loadStateDict(missing)).toThrow("missing parameters bias_hh_l0");
    expect(() => l.loadStateDict({ ...sd, bias_ih_l0: [1, 2] })).toThrow('"bias_ih_l0" must have shape [32], got [2]');
    l.loadStateDict(missing, false); // non-strict partial load is allowed
  });
  test("h0/c0 of the wrong shape, c0 for a layer without cell state", () => {
    expect(() => lstm().forward(batch(3, 2, 4), { h0: new Float64Array(8) })).toThrow(
      "LSTM(inputSize=4, hiddenSize=8): h0 must be a Float64Array [numLayers*dirs=1, B=2, H=8] (16 entries), got a Float64Array of length 8",
    );
    expect(() => new GRU({ inputSize: 4, hiddenSize: 8 }).forward(batch(3, 2, 4), { c0: new Float64Array(16) })).toThrow(/c0 must be left out \(only an LSTM has a cell state\)/);
    const h0 = new Float64Array(16);
    h0[5] = NaN;
    expect(() => lstm().forward(batch(3, 2, 4), { h0 })).toThrow("h0[5] must be a finite number, got NaN");
  });
  test("backward before forward, or with upstream gradients of the wrong shape", () => {
    expect(() => lstm().backward({})).toThrow("LSTM(inputSize=4, hiddenSize=8).backward: call forward first");
    const l = lstm();
    l.forward(batch(3, 2, 4));
    expect(() => l.backward({ dOutput: new Float64Array(5) })).toThrow(/backward: dOutput must be a Float64Array \[T=3, B=2, 8\] \(48 entries\)/);
    expect(() => l.backward({ dhN: new Float64Array(5) })).toThrow(/dhN must be a Float64Array \[1, B=2, H=8\]/);
    expect(() => l.hiddenStateGrads()).toThrow(/call backward after forward first/);
  });
  test("Linear, SequenceModel targets and batches built from arrays", () => {
    const lin = new Linear(3, 2);
    expect(() => lin.forward(new Float64Array(4))).toThrow("Linear(inFeatures=3, outFeatures=2): x must be a Float64Array [N, 3] (length a multiple of 3), got a Float64Array of length 4");
    const m = new SequenceModel({ cell: "gru", inputSize: 2, hiddenSize: 3, outputSize: 4, loss: "ce" });
    const b = batch(5, 2, 2);
    expect(() => m.lossAndGrad(b, [1, 2, 3])).toThrow(/SequenceModel\(cell=gru, inputSize=2, hiddenSize=3, outputSize=4\): target must have shape \[B=2\] \(2 entries\), got length 3/);
    expect(() => m.lossAndGrad(b, [1, 7])).toThrow("crossEntropyLoss: targets[1] must be an integer class in [0, 3], got 7");
    expect(() => new SequenceModel({ cell: "lstm", inputSize: 2, hiddenSize: 3, outputSize: 1, readout: "all" as "every" })).toThrow('readout must be one of "last", "every", got "all"');
    expect(() => sequenceBatchFromArrays([[[1, 2]], [[1]]])).toThrow("sequenceBatchFromArrays: sequences[1][0] must be an array of 2 features, got an array of length 1");
  });
});

describe("non-finite results are errors, never silent NaN", () => {
  test("a NaN weight: the layer names the parameter and suggests clipping", () => {
    const l = new LSTM({ inputSize: 2, hiddenSize: 3, rng: new Rng(1) });
    l.parameters()[1].data[4] = NaN;
    expect(() => l.forward({ x: new Float64Array(2 * 1 * 2), T: 2, B: 1, D: 2 })).toThrow(
      "LSTM(inputSize=2, hiddenSize=3): hidden state became NaN at layer 0, time step t=0, batch index b=0: parameter weight_hh_l0 contains non-finite values (a diverged training step? try clipGradNorm or a smaller learning rate)",
    );
  });
  test("overflowing ReLU activity", () => {
    const r = new RNN({ inputSize: 1, hiddenSize: 1, nonlinearity: "relu", bias: false });
    r.loadStateDict({ weight_ih_l0: [[1]], weight_hh_l0: [[1e200]] });
    expect(() => r.forward({ x: new Float64Array([1, 1, 1]), T: 3, B: 1, D: 1 })).toThrow(/hidden state became Infinity at layer 0, time step t=2, batch index b=0: the activity overflowed/);
  });
  test("a non-finite prediction in a loss suggests clipping", () => {
    expect(() => crossEntropyLoss(new Float64Array([NaN, 0]), [0])).toThrow(/logits must be finite, got NaN at index 0 \(did training diverge\? try gradient clipping/);
  });
});
