/**
 * Issue #14: the shared validators and the checks added with them name the argument, what was
 * expected and what came, before any work is done.
 */
import {
  LSTM,
  Linear,
  RnnlabError,
  SequenceModel,
  bpttLossAndGrad,
  countParameters,
  createParameter,
  createRecurrentLayer,
  crossEntropyLoss,
  gradNorm,
  initCellWeights,
  logLogSlope,
  mseLoss,
  rnnStepBackward,
  rnnStep,
  sequenceBatchFromArrays,
  sinusoidalPositionalEncoding,
  zeros,
  Rng,
} from "../../../lib";
import { requireFiniteArray } from "../../../lib/core/errors";
import { requireOptions } from "../../../lib/core/options";
import { requireParameters } from "../../../lib/core/parameter";

const F = (...v: number[]): Float64Array => Float64Array.from(v);

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RnnlabError);
    return (e as Error).message;
  }
  throw new Error("expected an RnnlabError, nothing was thrown");
}

describe("shared validators", () => {
  test("requireFiniteArray names the argument, the expected length and the first non-finite entry", () => {
    expect(requireFiniteArray("f", "x", [1, 2], 2)).toEqual([1, 2]);
    expect(message(() => requireFiniteArray("f", "x", [1, 2, 3], 2, "B·H"))).toBe("f: x must be an array of 2 finite numbers (B·H), got an array of length 3");
    expect(message(() => requireFiniteArray("f", "x", F(1, NaN)))).toBe("f: x must be an array of finite numbers, got NaN at index 1");
    expect(message(() => requireFiniteArray("f", "x", "ab"))).toMatch(/^f: x must be an array of finite numbers, got "ab"/);
    expect(message(() => requireFiniteArray("f", "x", []))).toMatch(/x must be a non-empty array/);
  });

  test("requireOptions: a required options object may not be left out", () => {
    expect(requireOptions("f", { a: 1 }, ["a"])).toEqual({ a: 1 });
    expect(message(() => requireOptions("f", undefined, ["a", "b"], { name: "config" }))).toMatch(/^f: config must be an object with keys among a, b, got undefined/);
    expect(message(() => requireOptions("f", { c: 1 } as never, ["a"]))).toMatch(/unknown options key "c"/);
  });

  test("shapes: integer sizes, checked against the allocation limit before allocating", () => {
    expect(zeros([2, 3]).data.length).toBe(6);
    expect(zeros([]).data.length).toBe(1);
    expect(message(() => zeros([2, 2.5]))).toMatch(/zeros: shape\[1\] must be an integer size/);
    expect(message(() => createParameter("w", [1e6, 1e6]))).toMatch(/createParameter: shape is too large: the call would allocate 8\.00 TB/);
    expect(message(() => createParameter("", [2]))).toMatch(/createParameter: name must be a non-empty string/);
  });

  test("parameter lists: a non-empty array of Parameters", () => {
    const params = new Linear(2, 3, { rng: new Rng(1) }).parameters();
    expect(countParameters(params)).toBe(9);
    expect(message(() => countParameters([]))).toMatch(/countParameters: params must be a non-empty array of Parameters/);
    expect(message(() => gradNorm([params[0], { data: F(1) } as never]))).toMatch(/gradNorm: params\[1\] must be a Parameter/);
    expect(requireParameters("f", "p", params)).toBe(params);
  });
});

describe("cells check their arguments", () => {
  const rng = new Rng(1);
  const w = initCellWeights(1, 2, 3, () => rng.random());

  test("initCellWeights: gate count, sizes, random", () => {
    expect(message(() => initCellWeights(2.5, 2, 3, Math.random))).toMatch(/initCellWeights: gates must be an integer in \[1, 4\], got 2.5/);
    expect(message(() => initCellWeights(4, 2, 1e9, Math.random))).toMatch(/initCellWeights: hiddenSize must be an integer <= \d+/);
    expect(message(() => initCellWeights(1, 2, 3, () => NaN))).toMatch(/initCellWeights: random must be a function returning numbers in \[0, 1\)/);
  });

  test("step functions name the bad weights, inputs, states and gradients", () => {
    expect(message(() => rnnStep({} as never, F(1, 2), F(0, 0, 0)))).toMatch(/rnnStep: w\.inputSize must be an integer >= 1, got undefined/);
    expect(message(() => rnnStep(w, F(1, NaN), F(0, 0, 0)))).toMatch(/rnnStep: x must be an array of finite numbers, got NaN at index 1/);
    const h = rnnStep(w, F(1, 2), F(0, 0, 0));
    // before: a wrong-length h or dh gave NaN gradients silently
    expect(message(() => rnnStepBackward(w, F(1, 2), F(0, 0, 0), F(1, 2), F(1, 1, 1)))).toMatch(/rnnStepBackward: h must have shape \[1, 3\]/);
    expect(message(() => rnnStepBackward(w, F(1, 2), F(0, 0, 0), h, F(1, 1, 1), "tanh", {} as never))).toMatch(/rnnStepBackward: grads\.weightIh must be a Float64Array/);
  });
});

describe("losses, BPTT and layers check their arguments", () => {
  test("loss masks and targets", () => {
    expect(mseLoss(F(1, 2), [1, 2], [1, 0]).loss).toBe(0);
    // before: a null or zero mask was taken as "no mask"
    expect(message(() => mseLoss(F(1, 2), [1, 2], null as never))).toMatch(/mseLoss: mask must be an array of finite numbers, got null/);
    expect(message(() => mseLoss(F(1, 2), [1, 2], 0 as never))).toMatch(/mseLoss: mask must be an array of finite numbers, got 0/);
    expect(message(() => crossEntropyLoss(F(1, NaN, 2, 3), [1, 0]))).toMatch(/crossEntropyLoss: logits must be finite, got NaN at index 1/);
  });

  test("bpttLossAndGrad checks the model, batch and target when it is built, not at the first training step", () => {
    const model = new SequenceModel({ cell: "rnn", inputSize: 2, hiddenSize: 3, outputSize: 1, readout: "every", rng: new Rng(1) });
    const batch = sequenceBatchFromArrays([[[0.1, 0.2], [0.3, 0.4]]]);
    expect(typeof bpttLossAndGrad(model, batch, F(0.1, 0.2))).toBe("function");
    expect(message(() => bpttLossAndGrad(undefined as never, batch, F(0.1, 0.2)))).toMatch(/bpttLossAndGrad: model must be a SequenceModel/);
    expect(message(() => bpttLossAndGrad(model, batch, F(0.1, 0.2, 0.3)))).toMatch(/bpttLossAndGrad: target must have shape \[T=2, B=1, 1\] \(2 entries\), got length 3/);
    expect(message(() => bpttLossAndGrad(model, batch, F(0.1, NaN)))).toMatch(/bpttLossAndGrad: target must be an array of finite numbers, got NaN at index 1/);
  });

  test("createRecurrentLayer needs its options; positional encodings check their size before allocating", () => {
    expect(createRecurrentLayer("lstm", { inputSize: 2, hiddenSize: 3 })).toBeInstanceOf(LSTM);
    expect(message(() => createRecurrentLayer("lstm", undefined as never))).toMatch(/createRecurrentLayer: options must be an object/);
    // before: 1e9 ran for minutes allocating
    expect(message(() => sinusoidalPositionalEncoding(1e9, 4))).toMatch(/sinusoidalPositionalEncoding: T must be an integer <= \d+/);
    expect(message(() => sinusoidalPositionalEncoding(1e5, 1e5))).toMatch(/sinusoidalPositionalEncoding: T·M is too large/);
  });

  test("logLogSlope: no NaN from empty or one-length records", () => {
    expect(logLogSlope([{ model: "rnn", T: 2, value: 1 }, { model: "rnn", T: 4, value: 4 }])).toBeCloseTo(2, 12);
    expect(message(() => logLogSlope([]))).toMatch(/logLogSlope: records must be an array of at least 2 ComparisonRecords/);
    expect(message(() => logLogSlope([{ model: "rnn", T: 2, value: 1 }, { model: "rnn", T: 4, value: 1 }], true))).toMatch(/records\[0\]\.cpuMs must be a finite number > 0, got undefined/);
  });
});
