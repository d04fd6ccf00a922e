import { Rng } from "../../../lib/core/random";
import { gradCheck } from "../../../lib/nn/gradCheck";
import { crossEntropyLoss } from "../../../lib/nn/losses";
import {
  NextStepModel,
  charVocabulary,
  decodeTokens,
  encodeText,
  errorByGenerationStep,
  generateSequence,
  noisyPeriodicSignal,
  randomWindows,
  teacherForcingProbability,
  trainNextStepModel,
  describeSchedule,
} from "../../../lib/generation";

describe("scheduled-sampling schedules (Bengio et al. 2015)", () => {
  test("linear: max(ε_min, k − c i)", () => {
    const s = { kind: "linear" as const, k: 1, c: 0.01, epsilonMin: 0.2 };
    expect(teacherForcingProbability(0, s)).toBe(1);
    expect(teacherForcingProbability(30, s)).toBeCloseTo(0.7, 14);
    expect(teacherForcingProbability(80, s)).toBe(0.2);
  });
  test("exponential: k^i", () => {
    expect(teacherForcingProbability(0, { kind: "exponential", k: 0.99 })).toBe(1);
    expect(teacherForcingProbability(100, { kind: "exponential", k: 0.99 })).toBeCloseTo(0.99 ** 100, 14);
  });
  test("inverse sigmoid: k / (k + exp(i/k))", () => {
    expect(teacherForcingProbability(0, { kind: "inverse-sigmoid", k: 10 })).toBeCloseTo(10 / 11, 14);
    expect(teacherForcingProbability(100, { kind: "inverse-sigmoid", k: 50 })).toBeCloseTo(50 / (50 + Math.exp(2)), 14);
  });
  test("constant and names", () => {
    expect(teacherForcingProbability(7, { kind: "constant", epsilon: 1 })).toBe(1);
    expect(describeSchedule({ kind: "constant", epsilon: 0 })).toBe("free running");
  });
  test("bad schedules are named", () => {
    expect(() => teacherForcingProbability(1, { kind: "exponential", k: 1.5 })).toThrow(/schedule\.k must be a number in \[0, 1\], got 1.5/);
    expect(() => teacherForcingProbability(1, { kind: "inverse-sigmoid", k: 0.5 })).toThrow(/schedule\.k must be a number >= 1, got 0.5/);
    expect(() => teacherForcingProbability(-1, { kind: "constant", epsilon: 1 })).toThrow(/step must be an integer >= 0, got -1/);
    expect(() => teacherForcingProbability(1, { kind: "cosine" } as never)).toThrow(/schedule\.kind must be one of/);
  });
});

describe("NextStepModel", () => {
  test("teacher-forced loss equals the engine's GRU layer + head + crossEntropyLoss", () => {
    const rng = new Rng(1);
    const model = new NextStepModel({ kind: "categorical", size: 5, hiddenSize: 6, rng });
    const seqs = [
      [0, 1, 2, 3, 4, 0],
      [4, 4, 3, 1, 0, 2],
    ];
    const ours = model.unroll(seqs, { feedTruth: () => true }).loss;
    const T = 5;
    const B = 2;
    const x = new Float64Array(T * B * 5);
    const targets: number[] = [];
    for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) {
      x[(t * B + b) * 5 + seqs[b][t]] = 1;
      targets.push(seqs[b][t + 1]);
    }
    const out = model.recurrent.forward({ x, T, B, D: 5 }).output;
    const ref = crossEntropyLoss(model.head.forward(out), targets).loss;
    expect(ours).toBeCloseTo(ref, 12);
  });

  for (const cell of ["gru", "lstm"] as const) {
    test(`${cell}: exact BPTT with a mix of fed-back samples and truth (gradient check)`, () => {
      const rng = new Rng(2);
      const model = new NextStepModel({ kind: "categorical", size: 4, hiddenSize: 5, cell, rng });
      const seqs = [
        [0, 1, 2, 3, 0, 1, 2],
        [3, 2, 1, 0, 3, 2, 1],
      ];
      // fed-back tokens are piecewise constant in θ: with a fixed sampling stream the loss is smooth around θ
      const lossAndGrad = () => model.unroll(seqs, { feedTruth: (t, b) => (t + b) % 2 === 0, withGrad: true, rng: new Rng(7) }).loss;
      const r = gradCheck(model.parameters(), lossAndGrad, { order: 4 });
      expect(r.worstRelError).toBeLessThan(1e-6);
    });
  }

  test("real-valued, teacher forced: gradient check of the mean squared error", () => {
    const rng = new Rng(3);
    const model = new NextStepModel({ kind: "real", size: 2, hiddenSize: 4, rng });
    const seqs = [Array.from(rng.normalArray(10)), Array.from(rng.normalArray(10))];
    const r = gradCheck(model.parameters(), () => model.unroll(seqs, { feedTruth: () => true, withGrad: true }).loss, { order: 4 });
    expect(r.worstRelError).toBeLessThan(1e-6);
  });

  test("bad sequences are named", () => {
    const model = new NextStepModel({ kind: "categorical", size: 3, hiddenSize: 2, rng: new Rng(0) });
    expect(() => model.unroll([[0, 1, 5]], { feedTruth: () => true })).toThrow(/sequences\[0\]\[2\] must be a token in 0..2, got 5/);
    expect(() => model.unroll([[0, 1], [0]], { feedTruth: () => true })).toThrow(/sequences\[1\] must be a sequence of length 2/);
    expect(() => model.unroll([], { feedTruth: () => true })).toThrow(/sequences must be a non-empty array/);
    const real = new NextStepModel({ kind: "real", size: 1, hiddenSize: 2, rng: new Rng(0) });
    expect(() => real.unroll([[0, NaN, 1]], { feedTruth: () => true })).toThrow(/sequences\[0\]\[1\] must be a finite number, got NaN/);
  });
});

describe("data", () => {
  test("vocabulary round trip and windows", () => {
    const v = charVocabulary("hello world");
    expect(v.chars.join("")).toBe(" dehlorw");
    expect(decodeTokens(encodeText("low", v), v)).toBe("low");
    expect(() => encodeText("ho!", v)).toThrow(/text\[2\] = "!" is not in the vocabulary/);
    const w = randomWindows([0, 1, 2, 3, 4, 5], 3, 4, new Rng(1));
    for (const x of w) expect(x[1] - x[0]).toBe(1);
    const { noisy, clean } = noisyPeriodicSignal({ length: 40, period: 20, noise: 0, rng: new Rng(1) });
    expect(clean[20]).toBeCloseTo(clean[0], 12);
    expect(Array.from(noisy)).toEqual(Array.from(clean));
  });
});

describe("exposure bias on a periodic signal", () => {
  test("teacher forcing trains; its free-running error grows with the generation step while one-step error stays flat", () => {
    const rng = new Rng(4);
    const { noisy, clean } = noisyPeriodicSignal({ length: 400, period: 16, noise: 0.15, rng });
    const train = randomWindows(noisy, 24, 64, rng);
    const model = new NextStepModel({ kind: "real", size: 1, hiddenSize: 12, rng });
    const hist = trainNextStepModel(model, { sequences: train, steps: 60, batchSize: 16, learningRate: 0.02, rng });
    expect(hist.loss[hist.loss.length - 1]).toBeLessThan(0.5 * hist.loss[0]);
    const starts = [0, 37, 101, 222, 300];
    const seqs = starts.map((s) => Array.from(noisy.subarray(s, s + 40)));
    const targets = starts.map((s) => Array.from(clean.subarray(s, s + 40)));
    const curve = errorByGenerationStep(model, seqs, { prompt: 10, targets });
    expect(curve.steps).toHaveLength(30);
    const early = curve.freeRunning.slice(0, 3).reduce((a, b) => a + b) / 3;
    const late = curve.freeRunning.slice(-5).reduce((a, b) => a + b) / 5;
    expect(late).toBeGreaterThan(early);
    const gen = generateSequence(model, seqs[0].slice(0, 10), 5);
    expect(gen).toHaveLength(5);
    expect(() => errorByGenerationStep(model, seqs, { prompt: 40 })).toThrow(/options\.prompt must be at most T − 1 = 39/);
  });
});

describe("training under a schedule", () => {
  test("ε_i follows the schedule and the share of truth inputs follows ε", () => {
    const rng = new Rng(6);
    const model = new NextStepModel({ kind: "categorical", size: 3, hiddenSize: 4, rng });
    const seqs = Array.from({ length: 20 }, () => Array.from({ length: 30 }, () => rng.int(0, 3)));
    const schedule = { kind: "exponential" as const, k: 0.9 };
    const h = trainNextStepModel(model, { sequences: seqs, steps: 5, batchSize: 4, schedule, rng });
    h.epsilon.forEach((e, i) => expect(e).toBeCloseTo(0.9 ** i, 14));
    const r = model.unroll(seqs, { feedTruth: () => rng.random() < 0.3, rng });
    expect(Math.abs(r.truthFraction - 0.3)).toBeLessThan(0.05); // 560 coin flips: 4.5 standard deviations
    expect(model.unroll(seqs, { feedTruth: () => false, rng }).truthFraction).toBe(0);
  });
});
