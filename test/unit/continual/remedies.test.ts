import { Rng } from "../../../lib/core/random";
import { flattenGrads, flattenValues, zeroGrad } from "../../../lib/core/parameter";
import {
  AffineModel,
  EwcPenalty,
  OrthogonalGradientMemory,
  diagonalFisher,
  fineTune,
  measureForgetting,
  storeTaskGradients,
  teacherClassificationTask,
} from "../../../lib/continual";

function pairOfTasks(seedValue: number) {
  const rng = new Rng(seedValue);
  const model = new AffineModel({ inputSize: 10, outputSize: 2, rng });
  const A = teacherClassificationTask({ name: "A", inputSize: 10, classes: 2, examples: 80, rng });
  const B = teacherClassificationTask({ name: "B", inputSize: 10, classes: 2, examples: 80, rng });
  return { model, A, B };
}

describe("EWC penalty", () => {
  test("value and gradient by hand", () => {
    const { model } = pairOfTasks(1);
    const n = 22;
    const fisher = Array.from({ length: n }, (_, i) => i / n);
    const anchor = flattenValues(model.parameters());
    const pen = new EwcPenalty(model, { lambda: 3, fisher, anchor });
    expect(pen.value()).toBe(0);
    model.weight.data[5] += 0.2;
    expect(pen.value()).toBeCloseTo(0.5 * 3 * (5 / n) * 0.04, 14);
    zeroGrad(model.parameters());
    pen.addGradient();
    const g = flattenGrads(model.parameters());
    expect(g[5]).toBeCloseTo(3 * (5 / n) * 0.2, 14);
    expect(g.filter((x, i) => i !== 5 && x !== 0)).toHaveLength(0);
  });

  test("gradient check of L_B + Ω by central differences (rel. error < 1e-7)", () => {
    const { model, A, B } = pairOfTasks(2);
    fineTune(model, A, { steps: 30, learningRate: 0.5 });
    const pen = new EwcPenalty(model, { lambda: 50, fisher: diagonalFisher(model, A) });
    const rng = new Rng(9);
    for (const p of model.parameters()) for (let i = 0; i < p.data.length; i++) p.data[i] += rng.normal(0, 0.3);
    const params = model.parameters();
    const lossAndGrad = () => B.lossAndGrad(model) + pen.addGradient();
    zeroGrad(params);
    lossAndGrad();
    const analytic = flattenGrads(params);
    const objective = () => B.loss(model) + pen.value();
    let worst = 0;
    let k = 0;
    const h = 1e-5;
    for (const p of params) {
      for (let i = 0; i < p.data.length; i++, k++) {
        const x = p.data[i];
        p.data[i] = x + h;
        const up = objective();
        p.data[i] = x - h;
        const down = objective();
        p.data[i] = x;
        const numeric = (up - down) / (2 * h);
        worst = Math.max(worst, Math.abs(numeric - analytic[k]) / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic[k])));
      }
    }
    expect(worst).toBeLessThan(1e-7);
  });

  test("bad configuration is named", () => {
    const { model } = pairOfTasks(3);
    expect(() => new EwcPenalty(model, { lambda: -1, fisher: new Float64Array(22) })).toThrow(/config\.lambda must be a number >= 0, got -1/);
    expect(() => new EwcPenalty(model, { lambda: 1, fisher: new Float64Array(3) })).toThrow(/config\.fisher must be a Fisher diagonal of length 22/);
    expect(() => new EwcPenalty(model, { lambda: NaN, fisher: new Float64Array(22) })).toThrow(/config\.lambda must be a finite number, got NaN/);
  });
});

describe("orthogonal gradient memory", () => {
  test("Gram–Schmidt basis is orthonormal and the projection removes its span", () => {
    const mem = new OrthogonalGradientMemory(3);
    expect(mem.addDirection([1, 1, 0])).toBe(true);
    expect(mem.addDirection([2, 2, 0])).toBe(false); // parallel: not added
    expect(mem.addDirection([1, 0, 0])).toBe(true);
    expect(mem.rank).toBe(2);
    const [u, w] = mem.basis;
    expect(u[0] * w[0] + u[1] * w[1] + u[2] * w[2]).toBeCloseTo(0, 14);
    expect(Math.hypot(...w)).toBeCloseTo(1, 14);
    const p = mem.project([3, -2, 5]);
    expect(p[0]).toBeCloseTo(0, 14);
    expect(p[1]).toBeCloseTo(0, 14);
    expect(p[2]).toBeCloseTo(5, 14);
    expect(() => mem.project([1, 2])).toThrow(/g must be a vector of length 3/);
  });
});

describe("remedies reduce forgetting against plain fine-tuning (same tasks, same seed)", () => {
  function forgettingWith(remedy: "none" | "ewc" | "ogd") {
    const { model, A, B } = pairOfTasks(42);
    fineTune(model, A, { steps: 300, learningRate: 0.5 });
    const ewc = remedy === "ewc" ? new EwcPenalty(model, { lambda: 20, fisher: diagonalFisher(model, A) }) : undefined;
    let projection: OrthogonalGradientMemory | undefined;
    if (remedy === "ogd") {
      projection = new OrthogonalGradientMemory(22);
      storeTaskGradients(projection, model, A, { maxExamples: 8 });
    }
    const report = measureForgetting(model, A, (m) => fineTune(m, B, { steps: 150, learningRate: 0.5, ewc, projection }));
    return { report, lossB: B.loss(model), accB: B.accuracy!(model) };
  }

  test("EWC and OGD leave less ΔL_A than fine-tuning, while B is still learned", () => {
    const plain = forgettingWith("none");
    const ewc = forgettingWith("ewc");
    const ogd = forgettingWith("ogd");
    expect(plain.report.deltaLoss).toBeGreaterThan(0.1);
    expect(ewc.report.deltaLoss).toBeLessThan(0.6 * plain.report.deltaLoss);
    expect(ogd.report.deltaLoss).toBeLessThan(0.9 * plain.report.deltaLoss);
    // the remedies trade some of B for A, but B is still learned above chance
    expect(ewc.accB).toBeGreaterThan(0.6);
    expect(ogd.accB).toBeGreaterThan(0.6);
    console.log(
      `ΔL_A plain ${plain.report.deltaLoss.toFixed(4)}, EWC ${ewc.report.deltaLoss.toFixed(4)}, OGD ${ogd.report.deltaLoss.toFixed(4)}; ` +
        `acc_B ${plain.accB.toFixed(3)} / ${ewc.accB.toFixed(3)} / ${ogd.accB.toFixed(3)}`,
    );
  });
});

describe("more remedy properties", () => {
  test("an OGD-projected step leaves every stored example's loss unchanged to first order", () => {
    const { model, A, B } = pairOfTasks(8);
    fineTune(model, A, { steps: 50, learningRate: 0.5 });
    const mem = new OrthogonalGradientMemory(22);
    storeTaskGradients(mem, model, A, { maxExamples: 6 });
    zeroGrad(model.parameters());
    B.lossAndGrad(model);
    const step = mem.project(flattenGrads(model.parameters()));
    for (let n = 0; n < 6; n++) {
      zeroGrad(model.parameters());
      A.exampleLossAndGrad!(model, n);
      const g = flattenGrads(model.parameters());
      let dot = 0;
      let norm = 0;
      for (let i = 0; i < 22; i++) {
        dot += g[i] * step[i];
        norm += g[i] * g[i];
      }
      expect(Math.abs(dot)).toBeLessThan(1e-12 * Math.sqrt(norm) + 1e-14);
    }
  });

  test("the proximal EWC step is the closed-form minimiser along each coordinate", () => {
    const { model, B } = pairOfTasks(9);
    const anchor = flattenValues(model.parameters()).map((x) => x + 0.3);
    const fisher = Array.from({ length: 22 }, (_, i) => 0.1 * (i % 5));
    const pen = new EwcPenalty(model, { lambda: 7, fisher, anchor });
    const theta0 = flattenValues(model.parameters());
    zeroGrad(model.parameters());
    B.lossAndGrad(model);
    const g = flattenGrads(model.parameters());
    fineTune(model, B, { steps: 1, learningRate: 0.2, ewc: pen, ewcStep: "proximal" });
    const theta1 = flattenValues(model.parameters());
    for (let i = 0; i < 22; i++) {
      const s = 0.2 * 7 * fisher[i];
      expect(theta1[i]).toBeCloseTo((theta0[i] - 0.2 * g[i] + s * anchor[i]) / (1 + s), 12);
    }
    expect(() => fineTune(model, B, { steps: 1, learningRate: 0.2, ewc: pen, ewcStep: "implicit" as never })).toThrow(/config\.ewcStep must be one of "gradient", "proximal"/);
  });
});
