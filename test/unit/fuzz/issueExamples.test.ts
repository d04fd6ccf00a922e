/**
 * Issue #14: every example of the issue gives a clear RnnlabError naming its argument
 * (before, each hung, crashed, returned NaN or silently did something else).
 */
import { SelfAttention } from "../../../lib/attention/selfAttention";
import { initCellWeights } from "../../../lib/cells/cellWeights";
import { rnnStep, type RnnNonlinearity } from "../../../lib/cells/rnnStep";
import { randomCoupling } from "../../../lib/chaos/coupling";
import { simulateRandomNetwork } from "../../../lib/chaos/simulate";
import { sliceSequence } from "../../../lib/continual/sequenceTask";
import { AffineModel } from "../../../lib/continual/smallModels";
import { RnnlabError } from "../../../lib/core/errors";
import { createParameter } from "../../../lib/core/parameter";
import { integrateRateNetwork } from "../../../lib/dynamics/rateNetwork";
import { expectNumber } from "../../../lib/exercises/expect";
import { setKernels, getKernels, type Kernels } from "../../../lib/kernels/kernels";
import { Linear } from "../../../lib/nn/linear";
import { LSTM } from "../../../lib/nn/recurrentLayer";
import { heatmapChart, lineChart } from "../../../lib/plot/charts";
import { decodeSymbols } from "../../../lib/tasks/batch";
import { bpttWindowEnds } from "../../../lib/training/bptt";
import { Adam } from "../../../lib/training/optimizers";
import { train } from "../../../lib/training/train";

function expectClear(fn: () => unknown, pattern: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(RnnlabError);
  expect((error as Error).message).toMatch(pattern);
}

describe("the examples of issue #14 fail loudly, naming the argument", () => {
  test("bpttWindowEnds(10, 0) no longer loops forever", () => {
    expectClear(() => bpttWindowEnds(10, 0), /bpttWindowEnds: k1 must be an integer >= 1, got 0/);
    expect(bpttWindowEnds(10, 4)).toEqual([4, 8, 10]);
  });

  test("new Linear(3, 1e9) is refused before allocating", () => {
    expectClear(() => new Linear(3, 1e9), /outFeatures/);
    expectClear(() => new Linear(1000, 1e6), /outFeatures is too large: the call would allocate .* GB/);
  });

  test("new LSTM({ hiddenSize: 1e9 }) names hiddenSize", () => {
    expectClear(() => new LSTM({ inputSize: 2, hiddenSize: 1e9 }), /hiddenSize/);
    expectClear(() => new LSTM({ inputSize: 2, hiddenSize: 1e6 }), /hiddenSize is too large/);
  });

  test("Adam's learningRate suggests lr; train's clip.maxnorm suggests maxNorm", () => {
    const p = [createParameter("w", [2])];
    expectClear(() => new Adam(p, { learningRate: 0.5 } as never), /unknown config key "learningRate" \(did you mean "lr"\?\)/);
    expectClear(
      () => train({ optimizer: new Adam(p), lossAndGrad: () => 0, steps: 1, log: false, live: false, clip: { maxnorm: 1e-3 } as never }),
      /unknown clip key "maxnorm" \(did you mean "maxNorm"\?\)/,
    );
  });

  test("PyTorch options of LSTM are named as unsupported", () => {
    expectClear(() => new LSTM({ inputSize: 2, hiddenSize: 3, dropout: 0.5 } as never), /dropout is not supported/);
    expectClear(() => new LSTM({ inputSize: 2, hiddenSize: 3, batch_first: true } as never), /batch_first is not supported/);
    expectClear(() => new LSTM({ inputSize: 2, hiddenSize: 3, proj_size: 2 } as never), /proj_size is not supported.*Linear/);
  });

  test('rnnStep(..., "sigmoid") is refused', () => {
    const w = initCellWeights(1, 2, 3, () => 0.1);
    expectClear(() => rnnStep(w, new Float64Array(2), new Float64Array(3), "sigmoid" as RnnNonlinearity), /rnnStep: nonlinearity must be "tanh" or "relu", got "sigmoid"/);
  });

  test("SelfAttention.forward on inputs near 1e200 says where the non-finite value appeared", () => {
    const m = new SelfAttention({ inputSize: 2, modelSize: 4, outputSize: 1 });
    const x = new Float64Array(3 * 1 * 2).fill(1e200);
    expectClear(() => m.forward({ x, T: 3, B: 1, D: 2 }), /forward: the output became non-finite .* at index 0; likely cause: batch\.x has values too large/);
  });

  test("AffineModel.forward([1]) with inputSize 2 names x", () => {
    const m = new AffineModel({ inputSize: 2, outputSize: 1 });
    expectClear(() => m.forward([1]), /AffineModel\.forward: x must be an array of length 2/);
  });

  test("sliceSequence(batch, 5) with B = 2 names b", () => {
    const batch = { x: new Float64Array(3 * 2 * 1), T: 3, B: 2, D: 1 };
    expectClear(() => sliceSequence(batch, 5), /sliceSequence: b must be an integer in \[0, 1\]/);
  });

  test("integrateRateNetwork with a drive of the wrong length names drive", () => {
    const W = new Float64Array(9);
    expectClear(() => integrateRateNetwork(W, 3, { dt: 0.1, steps: 5, drive: new Float64Array(2) }), /integrateRateNetwork: drive must be a Float64Array of length n = 3/);
    expectClear(() => integrateRateNetwork(W, 3, { dt: 0.1, steps: 5, drive: () => new Float64Array(2) }), /drive\(0\) must be a vector of length n = 3/);
  });

  test("simulateRandomNetwork with dt = 1e3 says the step is too large", () => {
    const j = randomCoupling({ n: 20, g: 1.5 });
    expectClear(() => simulateRandomNetwork({ j, n: 20, steps: 500, dt: 1e3 }), /became non-finite at step .*dt = 1000 is too large/);
  });

  test('decodeSymbols([0, 9], "ab") names the token', () => {
    expectClear(() => decodeSymbols([0, 9], "ab"), /decodeSymbols: tokens\[1\] must be an integer in \[0, 1\]/);
    expect(decodeSymbols([1, 0], "ab")).toBe("ba");
  });

  test("a NaN reference value is a loud error, not 'off by NaN'", () => {
    expectClear(() => expectNumber(1, NaN), /reference value expected is NaN/);
  });

  test("setKernels({}) is refused and lists what is missing", () => {
    const before = getKernels();
    expectClear(() => setKernels({} as Kernels), /setKernels: kernels is missing 9 of the 9 kernel functions \(matmulAccumulate/);
    expect(getKernels()).toBe(before);
  });

  test("empty series, logY with values <= 0, zmin > zmax and a misspelt xlabel are errors that say what to do", () => {
    expectClear(() => lineChart([{ y: [] }]), /y is empty; there is nothing to draw/);
    expectClear(() => lineChart([{ y: [1, 0, 2] }], { logY: true }), /y\[1\] is 0, which a log axis cannot show \(logY: true\); drop logY/);
    expectClear(() => heatmapChart([[1, 2]], { zmin: 3, zmax: 1 }), /zmin \(3\) must be less than zmax \(1\); swap them/);
    expectClear(() => lineChart([{ y: [1, 2] }], { xlabel: "t" } as never), /xlabel is not supported by rnnlab: write xLabel/);
    expectClear(() => lineChart([{ y: [1, 2] }], { titel: "t" } as never), /unknown layout key "titel" \(did you mean "title"\?\)/);
  });
});
