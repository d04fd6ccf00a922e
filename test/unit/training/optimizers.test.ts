import * as fs from "fs";
import * as path from "path";
import { Parameter, createParameter } from "../../../lib/core/parameter";
import { RnnlabError } from "../../../lib/core/errors";
import { SGD, Adam, Optimizer } from "../../../lib/training/optimizers";
import { clipGradNorm, clipGradValue, gradNorm } from "../../../lib/training/clipping";

type Nested = number | Nested[];
const flat = (x: Nested): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);

interface Fixture {
  shapes: Record<string, number[]>;
  init: Record<string, Nested>;
  grads: Record<string, Nested>[];
  runs: Record<string, { optimizer: string; config: Record<string, unknown>; trajectory: Record<string, Nested>[] }>;
  clipGradNorm: { maxNorm: number; normType: number | "inf"; total: number; grads: Record<string, Nested> }[];
  clipGradValue: { clip: number; grads: Record<string, Nested> };
}
const fixture: Fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "optimizer_fixture.json"), "utf8"));

function freshParams(): Parameter[] {
  return Object.entries(fixture.shapes).map(([name, shape]) => {
    const p = createParameter(name, shape);
    p.data.set(flat(fixture.init[name]));
    return p;
  });
}
function setGrads(params: Parameter[], g: Record<string, Nested>): void {
  for (const p of params) p.grad.set(flat(g[p.name]));
}
function maxRelErr(actual: ArrayLike<number>, expected: number[]): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.abs(actual[i] - expected[i]) / Math.max(1e-300, Math.abs(expected[i]), 1e-12);
    worst = Math.max(worst, e);
  }
  return worst;
}

function makeOptimizer(name: string, params: Parameter[]): Optimizer {
  const { optimizer, config } = fixture.runs[name];
  const c = config as Record<string, number | boolean | number[]>;
  if (optimizer === "SGD") {
    return new SGD(params, {
      lr: c.lr as number,
      momentum: c.momentum as number | undefined,
      dampening: c.dampening as number | undefined,
      weightDecay: c.weight_decay as number | undefined,
      nesterov: c.nesterov as boolean | undefined,
    });
  }
  return new Adam(params, {
    lr: c.lr as number,
    betas: c.betas as [number, number] | undefined,
    eps: c.eps as number | undefined,
    weightDecay: c.weight_decay as number | undefined,
    amsgrad: c.amsgrad as boolean | undefined,
  });
}

describe("optimizers match torch.optim (PyTorch 1.13 fixture, float64)", () => {
  for (const name of Object.keys(fixture.runs)) {
    test(name, () => {
      const params = freshParams();
      const opt = makeOptimizer(name, params);
      fixture.runs[name].trajectory.forEach((expected, t) => {
        setGrads(params, fixture.grads[t]);
        opt.step();
        for (const p of params) expect(maxRelErr(p.data, flat(expected[p.name]))).toBeLessThan(1e-12);
      });
      expect(opt.stepCount).toBe(fixture.runs[name].trajectory.length);
    });
  }
});

describe("hand-computed steps", () => {
  test("SGD momentum: buffer starts at g, then b = mu b + g", () => {
    const p = createParameter("x", [1]);
    p.data[0] = 1;
    const opt = new SGD([p], { lr: 0.1, momentum: 0.5 });
    p.grad[0] = 2;
    opt.step(); // b = 2, x = 1 - 0.2
    expect(p.data[0]).toBeCloseTo(0.8, 15);
    p.grad[0] = 2;
    opt.step(); // b = 0.5*2 + 2 = 3, x = 0.8 - 0.3
    expect(p.data[0]).toBeCloseTo(0.5, 15);
    opt.reset();
    p.grad[0] = 1;
    opt.step(); // buffer forgotten: b = 1
    expect(p.data[0]).toBeCloseTo(0.4, 15);
  });

  test("Adam first step moves every coordinate by about lr*sign(g)", () => {
    const p = createParameter("x", [3]);
    p.grad.set([3, -1e-3, 50]);
    const opt = new Adam([p], { lr: 0.01 });
    opt.step();
    // m̂ = g, v̂ = g², so the step is lr * g / (|g| + eps)
    expect(p.data[0]).toBeCloseTo(-0.01 * (3 / (3 + 1e-8)), 14);
    expect(p.data[1]).toBeCloseTo(0.01 * (1e-3 / (1e-3 + 1e-8)), 14);
    expect(p.data[2]).toBeCloseTo(-0.01, 9);
  });

  test("optimizers minimise a quadratic", () => {
    for (const make of [(ps: Parameter[]) => new SGD(ps, { lr: 0.1, momentum: 0.9 }), (ps: Parameter[]) => new Adam(ps, { lr: 0.05 })]) {
      const p = createParameter("x", [2]);
      p.data.set([3, -2]);
      const opt = make([p]);
      for (let i = 0; i < 500; i++) {
        opt.zeroGrad();
        p.grad[0] = 2 * (p.data[0] - 1);
        p.grad[1] = 20 * (p.data[1] + 1);
        opt.step();
      }
      expect(p.data[0]).toBeCloseTo(1, 3);
      expect(p.data[1]).toBeCloseTo(-1, 3);
    }
  });

  test("bad configuration names the argument", () => {
    const p = createParameter("x", [2]);
    expect(() => new SGD([p], { lr: -1 })).toThrow(/SGD: lr must be a finite number > 0, got -1/);
    expect(() => new SGD([p], { lr: 0.1, momentum: 1.5 })).toThrow(/SGD: momentum/);
    expect(() => new SGD([p], { lr: 0.1, nesterov: true })).toThrow(/nesterov needs momentum > 0/);
    expect(() => new SGD([], { lr: 0.1 })).toThrow(/SGD: params must be a non-empty array/);
    expect(() => new Adam([p], { betas: [0.9, 1] })).toThrow(/Adam: betas\[1\]/);
    expect(() => new Adam([p], { lr: NaN })).toThrow(RnnlabError);
    expect(() => new Adam([p, p])).toThrow(/"x" twice/);
  });
});

describe("gradient clipping matches torch.nn.utils", () => {
  for (const c of fixture.clipGradNorm) {
    test(`clipGradNorm maxNorm=${c.maxNorm} normType=${c.normType}`, () => {
      const params = freshParams();
      setGrads(params, fixture.grads[2]);
      const normType = c.normType === "inf" ? Infinity : c.normType;
      const total = clipGradNorm(params, c.maxNorm, normType);
      expect(Math.abs(total - c.total) / c.total).toBeLessThan(1e-13);
      for (const p of params) expect(maxRelErr(p.grad, flat(c.grads[p.name]))).toBeLessThan(1e-13);
      // After clipping, the norm is at most maxNorm.
      expect(gradNorm(params, normType)).toBeLessThanOrEqual(c.maxNorm * (1 + 1e-12));
    });
  }

  test("clipGradValue", () => {
    const params = freshParams();
    setGrads(params, fixture.grads[3]);
    const n = clipGradValue(params, fixture.clipGradValue.clip);
    expect(n).toBeGreaterThan(0);
    for (const p of params) expect(Array.from(p.grad)).toEqual(flat(fixture.clipGradValue.grads[p.name]));
  });

  test("non-finite gradients are refused with a clear message", () => {
    const p = createParameter("x", [2]);
    p.grad.set([1, NaN]);
    expect(() => clipGradNorm([p], 1)).toThrow(/total gradient norm is NaN/);
    expect(() => clipGradNorm([p], 0)).toThrow(/maxNorm must be a finite number > 0, got 0/);
    expect(() => clipGradValue([p], -1)).toThrow(/clip must be a finite number > 0/);
  });
});
