import { Rng } from "../../../lib/core/random";
import { RnnlabError } from "../../../lib/core/errors";
import {
  AffineModel,
  ParameterVectorModel,
  currentGradient,
  diagonalFisher,
  evaluateTask,
  fineTune,
  forgettingCurve,
  gradientOverlap,
  hessianVectorProduct,
  measureForgetting,
  predictedForgettingTerms,
  quadraticTask,
  runTaskSequence,
  taskGradient,
  teacherClassificationTask,
  transferMetrics,
  validateTaskSequence,
} from "../../../lib/continual";

const I2 = [
  [1, 0],
  [0, 1],
];

describe("gradient overlap on hand-computable quadratics", () => {
  test("dot and cosine of ∇L_A = A(θ−c) and ∇L_B", () => {
    const model = new ParameterVectorModel([1, 2]);
    const A = quadraticTask("A", [[2, 0], [0, 1]], [0, 0]); // ∇ = [2, 2]
    const B = quadraticTask("B", I2, [1, 0]); // ∇ = [0, 2]
    const ga = taskGradient(model, A);
    const gb = taskGradient(model, B);
    expect(Array.from(ga.flat)).toEqual([2, 2]);
    expect(Array.from(gb.flat)).toEqual([0, 2]);
    expect(ga.loss).toBeCloseTo(0.5 * (2 * 1 + 1 * 4), 12);
    const o = gradientOverlap(ga, gb);
    expect(o.dot).toBeCloseTo(4, 12);
    expect(o.cosine).toBeCloseTo(1 / Math.SQRT2, 12);
    expect(o.normA).toBeCloseTo(Math.sqrt(8), 12);
    expect(o.perTensor).toHaveLength(1);
    expect(o.perTensor[0].name).toBe("theta");
    expect(o.perTensor[0].dot).toBeCloseTo(4, 12);
  });

  test("orthogonal gradients: first-order forgetting is zero, second order is exact for a quadratic", () => {
    const model = new ParameterVectorModel([1, 2]);
    const A = quadraticTask("A", I2, [0, 2]); // ∇L_A = [1, 0]
    const B = quadraticTask("B", I2, [1, 0]); // ∇L_B = [0, 2]
    const curve = forgettingCurve(model, A, B, [0.01, 0.1, 0.5]);
    expect(curve.overlap).toBe(0);
    expect(curve.curvature).toBeCloseTo(4, 12); // g_Bᵀ I g_B
    expect(curve.hvpMethod).toBe("exact");
    for (const p of curve.points) {
      expect(p.firstOrder === 0).toBe(true); // −η·0 (may be −0)
      // θ' = [1, 2 − 2η], L_A(θ') − L_A(θ) = ½(1 + 4η²) − ½ = 2η²
      expect(p.measured).toBeCloseTo(2 * p.eta * p.eta, 12);
      expect(p.secondOrder).toBeCloseTo(2 * p.eta * p.eta, 12);
    }
    expect(Array.from(model.theta.data)).toEqual([1, 2]); // restored
  });

  test("per-tensor overlap on an affine model sums to the total", () => {
    const rng = new Rng(3);
    const model = new AffineModel({ inputSize: 3, outputSize: 2, rng });
    const A = teacherClassificationTask({ name: "A", inputSize: 3, classes: 2, examples: 20, rng });
    const B = teacherClassificationTask({ name: "B", inputSize: 3, classes: 2, examples: 20, rng });
    const o = gradientOverlap(taskGradient(model, A), taskGradient(model, B));
    expect(o.perTensor.map((t) => t.name)).toEqual(["weight", "bias"]);
    expect(o.perTensor[0].dot + o.perTensor[1].dot).toBeCloseTo(o.dot, 12);
    expect(Math.abs(o.cosine)).toBeLessThanOrEqual(1);
  });

  test("the predicted-forgetting formula", () => {
    const t = predictedForgettingTerms([1, 2], [3, -1], [2, 0], 0.1);
    expect(t.firstOrder).toBeCloseTo(-0.1 * (3 - 2), 14);
    expect(t.secondOrder).toBeCloseTo(0.5 * 0.01 * 6, 14);
    expect(t.predicted).toBeCloseTo(t.firstOrder + t.secondOrder, 14);
  });
});

describe("Hessian-vector products", () => {
  test("exact for a quadratic: H v = A v, and finite differences agree to 1e-8", () => {
    const A = [
      [3, 1, 0],
      [1, 2, -1],
      [0, -1, 4],
    ];
    const model = new ParameterVectorModel([0.3, -0.2, 0.5]);
    const task = quadraticTask("q", A, [1, 1, 1]);
    const v = [0.5, -1, 2];
    const Av = [3 * 0.5 - 1, 0.5 - 2 - 2, 1 + 8];
    const exact = hessianVectorProduct(model, task, v, { method: "exact" });
    const fd = hessianVectorProduct(model, task, v, { method: "finite-difference" });
    Av.forEach((x, i) => {
      expect(exact[i]).toBeCloseTo(x, 14);
      expect(Math.abs(fd[i] - x)).toBeLessThan(1e-8);
    });
    expect(Array.from(model.theta.data)).toEqual([0.3, -0.2, 0.5]);
  });

  test("softmax classifier: exact H v against central differences of gradients (rel. error < 1e-6)", () => {
    const rng = new Rng(11);
    const model = new AffineModel({ inputSize: 4, outputSize: 3, rng });
    const task = teacherClassificationTask({ name: "A", inputSize: 4, classes: 3, examples: 30, rng });
    const v = Array.from(rng.normalArray(15));
    const exact = hessianVectorProduct(model, task, v, { method: "exact" });
    const fd = hessianVectorProduct(model, task, v, { method: "finite-difference" });
    let num = 0;
    let den = 0;
    for (let i = 0; i < 15; i++) {
      num += (exact[i] - fd[i]) ** 2;
      den += exact[i] ** 2;
    }
    expect(Math.sqrt(num / den)).toBeLessThan(1e-6);
  });
});

describe("predicted against measured forgetting", () => {
  test("after training A, the second-order prediction matches measured ΔL_A within 2% for η ≤ 0.05", () => {
    const rng = new Rng(5);
    const model = new AffineModel({ inputSize: 5, outputSize: 3, rng });
    const A = teacherClassificationTask({ name: "A", inputSize: 5, classes: 3, examples: 60, rng });
    const B = teacherClassificationTask({ name: "B", inputSize: 5, classes: 3, examples: 60, rng });
    fineTune(model, A, { steps: 200, learningRate: 0.5 });
    const etas = [0.001, 0.003, 0.01, 0.03, 0.05];
    for (const method of ["exact", "finite-difference"] as const) {
      const curve = forgettingCurve(model, A, B, etas, { method });
      for (const p of curve.points) {
        // the Taylor remainder is O(η³): relative error of first+second order stays small
        expect(Math.abs(p.predicted - p.measured)).toBeLessThan(0.02 * Math.abs(p.measured) + 1e-12);
      }
      // first order alone is worse at the largest η than first + second
      const last = curve.points[curve.points.length - 1];
      expect(Math.abs(last.firstOrder - last.measured)).toBeGreaterThan(Math.abs(last.predicted - last.measured));
    }
  });
});

describe("forgetting, accuracy matrix and transfer", () => {
  test("transferMetrics on a hand-made R", () => {
    const R = [
      [0.9, 0.3, 0.2],
      [0.6, 0.8, 0.5],
      [0.5, 0.7, 0.95],
    ];
    const b = [0.33, 0.2, 0.4];
    const m = transferMetrics(R, b);
    expect(m.averageAccuracy).toBeCloseTo((0.5 + 0.7 + 0.95) / 3, 14);
    expect(m.backwardTransfer).toBeCloseTo((0.5 - 0.9 + (0.7 - 0.8)) / 2, 14);
    expect(m.forwardTransfer).toBeCloseTo((0.3 - 0.2 + (0.5 - 0.4)) / 2, 14);
    expect(transferMetrics([[0.7]]).backwardTransfer).toBeNull();
  });

  test("runTaskSequence fills R row by row and measures the baseline first", () => {
    const model = new ParameterVectorModel([0, 0]);
    const tasks = [quadraticTask("A", I2, [1, 0]), quadraticTask("B", I2, [0, 1])];
    // "training" jumps to the task's minimum: exact numbers for R (scored by loss)
    const res = runTaskSequence(model, tasks, (m, _t, i) => m.theta.data.set(i === 0 ? [1, 0] : [0, 1]), { score: "loss" });
    expect(res.baseline).toEqual([0.5, 0.5]);
    expect(res.R).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(res.backwardTransfer).toBe(1); // loss of A rose by 1: forgetting
    expect(res.forwardTransfer).toBe(0.5); // 1 − 0.5
  });

  test("measureForgetting reports ΔL and Δaccuracy", () => {
    const rng = new Rng(2);
    const model = new AffineModel({ inputSize: 4, outputSize: 2, rng });
    const A = teacherClassificationTask({ name: "A", inputSize: 4, classes: 2, examples: 40, rng });
    const B = teacherClassificationTask({ name: "B", inputSize: 4, classes: 2, examples: 40, rng });
    fineTune(model, A, { steps: 100, learningRate: 0.5 });
    const before = evaluateTask(model, A);
    const r = measureForgetting(model, A, (m) => fineTune(m, B, { steps: 100, learningRate: 0.5 }));
    expect(r.before).toEqual(before);
    expect(r.deltaLoss).toBeCloseTo(r.after.loss - r.before.loss, 14);
    expect(r.deltaLoss).toBeGreaterThan(0);
    expect(r.deltaAccuracy).toBeCloseTo(r.after.accuracy! - r.before.accuracy!, 14);
  });
});

describe("diagonal Fisher", () => {
  test("mean squared per-example gradient, by hand on a 1-d regression", () => {
    const model = new AffineModel({ inputSize: 1, outputSize: 1, rng: new Rng(0) });
    model.weight.data[0] = 2;
    model.bias.data[0] = 0.5;
    // 1-d regression ℓ_n = ½ (w x_n + b − y_n)², written out: ∂ℓ_n/∂w = r_n x_n, ∂ℓ_n/∂b = r_n
    const xs = [1, -1, 3];
    const ys = [2, 0, 6];
    const exampleLossAndGrad = (m: AffineModel, n: number, scale = 1): number => {
      const r = m.forward([xs[n]])[0] - ys[n];
      m.weight.grad[0] += scale * r * xs[n];
      m.bias.grad[0] += scale * r;
      return 0.5 * r * r;
    };
    const mean = (f: (n: number) => number): number => xs.reduce((s, _x, n) => s + f(n), 0) / xs.length;
    const task = {
      name: "r",
      inputSize: 1,
      outputSize: 1,
      exampleCount: xs.length,
      exampleLossAndGrad,
      loss: (m: AffineModel) => mean((n) => 0.5 * (m.forward([xs[n]])[0] - ys[n]) ** 2),
      lossAndGrad: (m: AffineModel) => mean((n) => exampleLossAndGrad(m, n, 1 / xs.length)),
    };
    // residuals r = 2x + 0.5 − y = [0.5, −1.5, 0.5]; ∂ℓ/∂w = r x, ∂ℓ/∂b = r
    const F = diagonalFisher(model, task);
    expect(F.flat[0]).toBeCloseTo((0.25 + 2.25 + 2.25) / 3, 14);
    expect(F.flat[1]).toBeCloseTo((0.25 + 2.25 + 0.25) / 3, 14);
    expect(F.kind).toBe("empirical");
    expect(F.examples).toBe(3);
  });
});

describe("bad input", () => {
  const model = new ParameterVectorModel([1, 2]);
  const A = quadraticTask("A", I2, [0, 0]);
  const B = quadraticTask("B", I2, [1, 0]);

  test("an empty task list", () => {
    expect(() => validateTaskSequence("runTaskSequence", "tasks", [])).toThrow(/tasks must be a non-empty array of tasks/);
    expect(() => runTaskSequence(model, [], () => undefined)).toThrow(RnnlabError);
  });

  test("tasks of mismatched input/output sizes", () => {
    const rng = new Rng(1);
    const m = new AffineModel({ inputSize: 3, outputSize: 2, rng });
    const t3 = teacherClassificationTask({ name: "three", inputSize: 3, classes: 2, examples: 5, rng });
    const t4 = teacherClassificationTask({ name: "four", inputSize: 4, classes: 2, examples: 5, rng });
    const c3 = teacherClassificationTask({ name: "3 classes", inputSize: 3, classes: 3, examples: 5, rng });
    expect(() => runTaskSequence(m, [t3, t4], () => undefined)).toThrow(/tasks\[1\]\.inputSize must equal the input size of tasks\[0\] \("three"\), 3, got 4/);
    expect(() => forgettingCurve(m, t3, c3, [0.1])).toThrow(/taskB\.outputSize must equal .* 2, got 3/);
    const t4m = new AffineModel({ inputSize: 4, outputSize: 2, rng });
    expect(() => runTaskSequence(t4m, [t3], () => undefined)).toThrow(/tasks\[0\]\.inputSize \("three"\) must equal the model's inputSize 4, got 3/);
  });

  test("a non-finite η", () => {
    expect(() => forgettingCurve(model, A, B, [0.1, NaN])).toThrow(/etas\[1\] must be a finite number, got NaN/);
    expect(() => predictedForgettingTerms([1], [1], [1], Infinity)).toThrow(/eta must be a finite number, got Infinity/);
    expect(() => forgettingCurve(model, A, B, [])).toThrow(/etas must be a non-empty array/);
  });

  test("metrics asked of a model whose gradients were never computed", () => {
    const fresh = new ParameterVectorModel([0, 0]); // grads are zeros, but never computed
    expect(() => currentGradient(fresh)).toThrow(/model has no gradients yet/);
    expect(() => gradientOverlap(fresh, taskGradient(model, A))).toThrow(/gradientOverlap: a has no gradients yet/);
    taskGradient(fresh, A); // now computed (and all zero: A's minimum)
    const g = currentGradient(fresh);
    expect(Array.from(g.flat)).toEqual([0, 0]);
    expect(gradientOverlap(fresh, taskGradient(model, B)).cosine).toBe(0);
  });

  test("gradients of different models, a malformed task, a bad v", () => {
    const m3 = new ParameterVectorModel([1, 2, 3]);
    const q3 = quadraticTask("q3", [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0]);
    expect(() => gradientOverlap(taskGradient(model, A), taskGradient(m3, q3))).toThrow(/same model/);
    expect(() => taskGradient(model, { name: "x", inputSize: 1, outputSize: 1 } as never)).toThrow(/task\.lossAndGrad must be a function/);
    expect(() => hessianVectorProduct(model, A, [1, 2, 3])).toThrow(/v must be a flat array of length 2/);
    expect(() => hessianVectorProduct(model, { ...A, hessianVectorProduct: undefined }, [1, 2], { method: "exact" })).toThrow(/needs task "A" to provide/);
  });
});

describe("sequence bookkeeping errors", () => {
  test("a task without accuracy, a non-square R, a short baseline", () => {
    const model = new ParameterVectorModel([0, 0]);
    const tasks = [quadraticTask("A", I2, [1, 0]), quadraticTask("B", I2, [0, 1])];
    expect(() => runTaskSequence(model, tasks, () => undefined)).toThrow(/tasks\[0\] \("A"\) has no accuracy\(model\); pass options\.score "loss"/);
    expect(() => transferMetrics([[1, 2], [3]])).toThrow(/R\[1\] must be a row of length 2 \(R must be square\)/);
    expect(() => transferMetrics([[1, 0], [0, 1]], [0.5])).toThrow(/baseline must be an array of length 2/);
    expect(() => transferMetrics([[1, NaN], [0, 1]])).toThrow(/R\[0\] must be finite everywhere, got NaN at index 1/);
  });
});
