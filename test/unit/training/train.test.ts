import { createParameter, Parameter } from "../../../lib/core/parameter";
import { Rng } from "../../../lib/core/random";
import { SGD, Adam } from "../../../lib/training/optimizers";
import { train, TrainingDivergedError, TrainProgress } from "../../../lib/training/train";

/** Linear regression y = w·x + b on a fixed data set, split in batches. */
function regression(rng: Rng) {
  const w = createParameter("w", [2]);
  const b = createParameter("b", [1]);
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < 64; i++) {
    const x = [rng.normal(), rng.normal()];
    xs.push(x);
    ys.push(3 * x[0] - 2 * x[1] + 0.5);
  }
  const batches = Array.from({ length: 8 }, (_, k) => Array.from({ length: 8 }, (_, j) => 8 * k + j));
  const lossAndGrad = (idx: number[]): number => {
    let loss = 0;
    for (const i of idx) {
      const r = w.data[0] * xs[i][0] + w.data[1] * xs[i][1] + b.data[0] - ys[i];
      loss += (r * r) / idx.length;
      w.grad[0] += (2 * r * xs[i][0]) / idx.length;
      w.grad[1] += (2 * r * xs[i][1]) / idx.length;
      b.grad[0] += (2 * r) / idx.length;
    }
    return loss;
  };
  return { params: [w, b] as Parameter[], w, b, batches, lossAndGrad };
}

describe("train", () => {
  test("fits a linear regression over epochs of shuffled batches", () => {
    const { params, w, b, batches, lossAndGrad } = regression(new Rng(1));
    const h = train({ optimizer: new SGD(params, { lr: 0.1, momentum: 0.5 }), batches, lossAndGrad, epochs: 30, rng: new Rng(2), live: false, log: false });
    expect(h.steps).toBe(240);
    expect(h.loss).toHaveLength(240);
    expect(h.gradNorm).toHaveLength(240);
    expect(h.epochLoss).toHaveLength(30);
    expect(h.epochLoss[29]).toBeLessThan(1e-8);
    expect(h.loss[0]).toBeGreaterThan(1);
    expect(w.data[0]).toBeCloseTo(3, 4);
    expect(w.data[1]).toBeCloseTo(-2, 4);
    expect(b.data[0]).toBeCloseTo(0.5, 4);
    expect(h.stoppedBy).toBe("completed");
  });

  test("is reproducible from the rng seed", () => {
    const run = () => {
      const r = regression(new Rng(1));
      return train({ optimizer: new Adam(r.params, { lr: 0.05 }), batches: r.batches, lossAndGrad: r.lossAndGrad, epochs: 3, rng: new Rng(7), live: false, log: false }).loss;
    };
    expect(run()).toEqual(run());
  });

  test("zeroes gradients before each step (no accumulation across steps)", () => {
    const p = createParameter("x", [1]);
    const seen: number[] = [];
    train({
      optimizer: new SGD([p], { lr: 0.1 }),
      steps: 3,
      lossAndGrad: () => {
        seen.push(p.grad[0]);
        p.grad[0] += 1;
        return 1;
      },
      live: false,
      log: false,
    });
    expect(seen).toEqual([0, 0, 0]);
    expect(p.data[0]).toBeCloseTo(-0.3, 14);
  });

  test("clip.maxNorm limits the update while gradNorm records the pre-clip norm", () => {
    const p = createParameter("x", [2]);
    const h = train({
      optimizer: new SGD([p], { lr: 1 }),
      steps: 1,
      lossAndGrad: () => {
        p.grad.set([30, 40]);
        return 1;
      },
      clip: { maxNorm: 5 },
      live: false,
      log: false,
    });
    expect(h.gradNorm[0]).toBe(50);
    expect(p.data[0]).toBeCloseTo(-3, 5);
    expect(p.data[1]).toBeCloseTo(-4, 5);
    const q = createParameter("y", [2]);
    train({ optimizer: new SGD([q], { lr: 1 }), steps: 1, lossAndGrad: () => (q.grad.set([30, -0.5]), 1), clip: { value: 1 }, live: false, log: false });
    expect(Array.from(q.data)).toEqual([-1, 0.5]);
  });

  test("onStep can stop training early", () => {
    const { params, batches, lossAndGrad } = regression(new Rng(1));
    const infos: number[] = [];
    const h = train({
      optimizer: new SGD(params, { lr: 0.05 }),
      batches,
      lossAndGrad,
      epochs: 10,
      onStep: (i) => {
        infos.push(i.step);
        return i.step < 4;
      },
      live: false,
      log: false,
    });
    expect(h.steps).toBe(5);
    expect(infos).toEqual([0, 1, 2, 3, 4]);
    expect(h.stoppedBy).toBe("onStep");
  });

  test("a diverging loss stops with step, last finite loss, gradient norm and advice", () => {
    // Gradient descent on x² with lr 1.5 overshoots and grows by 2x per step until overflow.
    const p = createParameter("x", [1]);
    p.data[0] = 1;
    let caught: unknown;
    try {
      train({ optimizer: new SGD([p], { lr: 1.5 }), steps: 5000, lossAndGrad: () => { p.grad[0] += 2 * p.data[0]; return p.data[0] ** 2 * 1e300; }, live: false, log: false });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TrainingDivergedError);
    const err = caught as TrainingDivergedError;
    // x_k = (-2)^k, loss_k = 4^k·1e300 overflows at k = 14; gradient 2x_13 = -2^14 in norm 16384.
    expect(err.message).toMatch(/train: the loss became Infinity at step 14; the last finite loss was 6\.711e\+307 at step 13, where the gradient norm was 1\.638e\+4/);
    expect(err.message).toMatch(/gradient clipping \(clip: \{ maxNorm: 1 \}\).*smaller learning rate \(now 1\.500\)/);
    expect(err.step).toBe(14);
    expect(err.lastFiniteLoss).toBe(4 ** 13 * 1e300);
    expect(Number.isFinite(p.data[0])).toBe(true);
  });

  test("a NaN gradient with a finite loss also stops, before the update", () => {
    const p = createParameter("x", [1]);
    expect(() =>
      train({ optimizer: new SGD([p], { lr: 0.1 }), steps: 3, clip: { maxNorm: 1 }, lossAndGrad: (_b, s) => { p.grad[0] = s === 2 ? NaN : 1; return 0.5; }, live: false, log: false }),
    ).toThrow(/gradient norm \(loss 0\.5000\) became NaN at step 2.*already clipped to norm 1/);
    expect(p.data[0]).toBeCloseTo(-0.2 / (1 + 1e-6), 14); // two clipped steps, the third refused
  });

  test("bad configuration is named", () => {
    const p = createParameter("x", [1]);
    const opt = new SGD([p], { lr: 0.1 });
    expect(() => train({ optimizer: opt, lossAndGrad: () => 1, live: false, log: false })).toThrow(/train: steps must be an integer >= 1 when no batches are given, got undefined/);
    expect(() => train({ optimizer: opt, batches: [], lossAndGrad: () => 1, live: false, log: false })).toThrow(/train: batches must be a non-empty array/);
    expect(() => train({ optimizer: opt, steps: 1, clip: { maxNorm: -2 }, lossAndGrad: () => 1, live: false, log: false })).toThrow(/clip\.maxNorm/);
  });

  test("terminal progress line is printed when log is on", () => {
    const p = createParameter("x", [1]);
    const spy = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const tty = Object.getOwnPropertyDescriptor(process.stdout, "isTTY");
    Object.defineProperty(process.stdout, "isTTY", { value: false, configurable: true }); // as in CI / a log file
    try {
      train({ optimizer: new SGD([p], { lr: 0.1 }), steps: 3, lossAndGrad: () => 1, live: false });
    } finally {
      if (tty) Object.defineProperty(process.stdout, "isTTY", tty);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
    const lines = spy.mock.calls.map((c) => String(c[0]));
    spy.mockRestore();
    expect(lines[0]).toMatch(/^train: step 1\/3 {2}loss 1\.000 {2}grad norm 0\.000/); // the first step prints at once
    expect(lines[lines.length - 1]).toMatch(/^train: step 3\/3 {2}loss 1\.000 {2}grad norm 0\.000/); // and the end always
  });

});

describe("train with a recurrent model", () => {
  // imported lazily so the loop tests above do not depend on the engine
  const { SequenceModel } = require("../../../lib/nn/sequenceModel") as typeof import("../../../lib/nn/sequenceModel");
  const { truncatedBptt } = require("../../../lib/training/bptt") as typeof import("../../../lib/training/bptt");
  const { gradCheck } = require("../../../lib/nn/gradCheck") as typeof import("../../../lib/nn/gradCheck");
  const { bpttLossAndGrad } = require("../../../lib/training/bptt") as typeof import("../../../lib/training/bptt");

  /** Echo task: the target at step t is the input at step t − 2 (needs memory across steps). */
  function echoBatch(rng: Rng, T: number, B: number) {
    const x = rng.normalArray(T * B);
    const y = new Float64Array(T * B);
    for (let t = 2; t < T; t++) for (let b = 0; b < B; b++) y[t * B + b] = x[(t - 2) * B + b];
    return { batch: { x, T, B, D: 1 }, target: y };
  }

  test("truncated BPTT learns a 2-step echo with Adam", () => {
    const rng = new Rng(3);
    const model = new SequenceModel({ cell: "lstm", inputSize: 1, hiddenSize: 8, outputSize: 1, readout: "every", rng });
    const data = Array.from({ length: 4 }, () => echoBatch(rng, 40, 8));
    const h = train({
      optimizer: new Adam(model.parameters(), { lr: 0.02 }),
      batches: data,
      lossAndGrad: (d) => truncatedBptt(model, d.batch, d.target, { k1: 5, k2: 10 }).loss,
      epochs: 60,
      clip: { maxNorm: 5 },
      rng: new Rng(1),
      live: false,
      log: false,
    });
    expect(h.epochLoss[0]).toBeGreaterThan(0.5);
    expect(h.epochLoss[h.epochLoss.length - 1]).toBeLessThan(0.1 * h.epochLoss[0]);
  });

  test("full BPTT passes the engine's gradient check through bpttLossAndGrad", () => {
    const rng = new Rng(5);
    const model = new SequenceModel({ cell: "gru", inputSize: 1, hiddenSize: 3, outputSize: 1, readout: "every", rng });
    const { batch, target } = echoBatch(rng, 6, 2);
    const r1 = gradCheck(model.parameters(), bpttLossAndGrad(model, batch, target));
    for (const t of r1.tensors) expect(t.worstRelError).toBeLessThan(1e-6);
  });

  test("a model whose forward overflows after a huge step stops with the divergence message", () => {
    const rng = new Rng(6);
    const model = new SequenceModel({ cell: "rnn", inputSize: 1, hiddenSize: 4, outputSize: 1, readout: "last", rng });
    const { batch } = echoBatch(rng, 5, 4);
    const target = Float64Array.from([1e200, -1e200, 1e200, 3]);
    let err: unknown;
    try {
      train({ optimizer: new SGD(model.parameters(), { lr: 1e3 }), steps: 50, lossAndGrad: () => model.lossAndGrad(batch, target), live: false, log: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TrainingDivergedError);
    expect((err as Error).message).toMatch(/^train: (the loss became Infinity|the gradient norm .* became|the model met a non-finite value) at step \d+/);
    expect((err as Error).message).toMatch(/gradient clipping/);
  });
});

describe("train: errors thrown by the model", () => {
  const { RnnlabError } = require("../../../lib/core/errors") as typeof import("../../../lib/core/errors");
  test("a non-finite value refused inside the model after a step becomes a divergence error", () => {
    const p = createParameter("x", [1]);
    const run = (msg: string) => () =>
      train({
        optimizer: new SGD([p], { lr: 0.1 }),
        steps: 5,
        lossAndGrad: (_b, s) => {
          if (s === 2) throw new RnnlabError(msg);
          p.grad[0] = 1;
          return 2 - s;
        },
        live: false,
        log: false,
      });
    expect(run("mseLoss: prediction must be finite, got Infinity at index 0")).toThrow(
      /^train: the model met a non-finite value at step 2 \(mseLoss: prediction must be finite, got Infinity at index 0\); the last finite loss was 1\.000 at step 1, where the gradient norm was 1\.000\..*gradient clipping/,
    );
    expect(run("SequenceModel: target must have shape [B=2]")).toThrow(/^SequenceModel: target must have shape/);
  });
});

describe("train: validation loss", () => {
  test("measured every epoch with batches, and at the end", () => {
    const { params, batches, lossAndGrad } = regression(new Rng(1));
    let calls = 0;
    const h = train({
      optimizer: new SGD(params, { lr: 0.05 }),
      batches,
      lossAndGrad,
      epochs: 3,
      validation: { loss: () => (calls++, lossAndGrad([0, 1, 2, 3])) }, // leaves gradients: train must zero them
      rng: new Rng(2),
      live: false,
      log: false,
    });
    expect(calls).toBe(3);
    expect(h.validation.step).toEqual([8, 16, 24]);
    expect(h.validation.loss[2]).toBeLessThan(h.validation.loss[0]);
    for (const p of params) expect(Array.from(p.grad).every((g) => g === 0)).toBe(true);
  });

  test("every k steps without batches; a non-finite validation loss stops training", () => {
    const p = createParameter("x", [1]);
    const h = train({ optimizer: new SGD([p], { lr: 0.1 }), steps: 7, lossAndGrad: () => 1, validation: { loss: () => 2, every: 3 }, live: false, log: false });
    expect(h.validation.step).toEqual([3, 6, 7]);
    expect(() =>
      train({ optimizer: new SGD([p], { lr: 0.1 }), steps: 7, lossAndGrad: () => 1, validation: { loss: () => NaN, every: 2 }, live: false, log: false }),
    ).toThrow(/train: the validation loss became NaN after 2 steps \(training loss 1\.000\)/);
    expect(() => train({ optimizer: new SGD([p], { lr: 0.1 }), steps: 2, lossAndGrad: () => 1, validation: { loss: 3 } as never, live: false, log: false })).toThrow(
      /train: validation must be an object \{ loss: \(\) => number, every\? \}/,
    );
  });
});

describe("train: progress reports go to onProgress (the loop draws nothing itself)", () => {
  test("a report after every step and validation, and one at the end", () => {
    const p = createParameter("p", [1]);
    p.data[0] = 1;
    const reports: TrainProgress[] = [];
    train({
      optimizer: new SGD([p], { lr: 0.1 }),
      steps: 4,
      lossAndGrad: () => { p.grad[0] += 2 * p.data[0]; return p.data[0] ** 2; },
      validation: { loss: () => 0.5, every: 2 },
      onProgress: (r) => reports.push(r),
    });
    expect(reports.map((r) => `${r.kind}@${r.step}`)).toEqual(["step@0", "step@1", "validation@1", "step@2", "step@3", "validation@3", "done@4"]);
    expect(reports[0].loss).toBe(1);
    expect(reports.every((r) => r.hasValidation)).toBe(true);
    expect(reports[6].status).toMatch(/^step 4\/4/);
  });

  test("a live chart is asked for with onProgress: `live` other than false is a clear error", () => {
    const p = createParameter("p", [1]);
    expect(() => train({ optimizer: new SGD([p], { lr: 0.1 }), steps: 1, lossAndGrad: () => 1, live: true as never })).toThrow(/train: live must be false or left out .*onProgress: liveLossCurve/);
    expect(() => train({ optimizer: new SGD([p], { lr: 0.1 }), steps: 1, lossAndGrad: () => 1, onProgress: 3 as never })).toThrow(/onProgress must be a function/);
  });
});
