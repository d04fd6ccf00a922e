import { Rng } from "../../../lib/core/random";
import { SequenceModel } from "../../../lib/nn/sequenceModel";
import { sequenceBatchFromArrays } from "../../../lib/nn/sequenceBatch";
import { gradCheck } from "../../../lib/nn/gradCheck";
import { zeroGrad } from "../../../lib/core/parameter";
import {
  EwcPenalty,
  OrthogonalGradientMemory,
  diagonalFisher,
  fineTune,
  forgettingCurve,
  gradientOverlap,
  measureForgetting,
  sequenceModelTask,
  storeTaskGradients,
  taskGradient,
} from "../../../lib/continual";

/** Two sign-of-sum tasks on 2-channel sequences (own inputs each): A reads channel 0, B channel 1. */
function channelTasks(seedValue: number, n = 32, T = 6) {
  const rng = new Rng(seedValue);
  const task = (name: string, c: number) => {
    const seqs = Array.from({ length: n }, () => Array.from({ length: T }, () => [rng.normal(), rng.normal()]));
    const target = seqs.map((s) => (s.reduce((a, x) => a + x[c], 0) > 0 ? 1 : 0));
    return sequenceModelTask({ name, batch: sequenceBatchFromArrays(seqs), target, outputSize: 2, classTargets: true });
  };
  const A = task("A: sign of Σ x0", 0);
  const B = task("B: sign of Σ x1", 1);
  const model = new SequenceModel({ cell: "gru", inputSize: 2, hiddenSize: 6, outputSize: 2, loss: "ce", rng });
  return { model, A, B };
}

describe("metrics on the engine's recurrent SequenceModel", () => {
  test("per-example slices reproduce the batch loss; overlap per tensor names the GRU parameters", () => {
    const { model, A, B } = channelTasks(1);
    let s = 0;
    for (let b = 0; b < A.exampleCount!; b++) {
      zeroGrad(model.parameters());
      s += A.exampleLossAndGrad!(model, b);
    }
    expect(s / A.exampleCount!).toBeCloseTo(A.loss(model), 12);
    const o = gradientOverlap(taskGradient(model, A), taskGradient(model, B));
    expect(o.perTensor.map((t) => t.name)).toEqual(["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "head.weight", "head.bias"]);
  });

  test("after training A, first + second order (finite-difference HVP) predicts ΔL_A within 5% for η ≤ 0.01", () => {
    const { model, A, B } = channelTasks(2);
    fineTune(model, A, { steps: 150, learningRate: 1 });
    // A is fitted to a loss ≈ 0.002 here, where cross-entropy is strongly curved: the Taylor
    // remainder (third order) is ~1% at η = 0.01 and grows like η³ (≈ 3× the prediction at η = 0.1)
    const curve = forgettingCurve(model, A, B, [0.001, 0.003, 0.01], { method: "finite-difference" });
    for (const p of curve.points) expect(Math.abs(p.predicted - p.measured)).toBeLessThan(0.05 * Math.abs(p.measured) + 1e-9);
    expect(curve.hvpMethod).toBe("finite-difference");
  });

  test("EWC penalty composes with a SequenceModel's LossAndGrad (gradient check)", () => {
    const { model, A, B } = channelTasks(3, 8, 4);
    fineTune(model, A, { steps: 20, learningRate: 1 });
    const pen = new EwcPenalty(model, { lambda: 10, fisher: diagonalFisher(model, A) });
    const rng = new Rng(5);
    for (const p of model.parameters()) for (let i = 0; i < p.data.length; i++) p.data[i] += rng.normal(0, 0.1);
    const r = gradCheck(model.parameters(), () => B.lossAndGrad(model) + pen.addGradient(), { order: 4 });
    expect(r.worstRelError).toBeLessThan(1e-6);
  });

  test("EWC and OGD reduce the forgetting of A against fine-tuning on B (same seed)", () => {
    const run = (remedy: "none" | "ewc" | "ogd") => {
      const { model, A, B } = channelTasks(4);
      fineTune(model, A, { steps: 40, learningRate: 1 });
      const F = diagonalFisher(model, A);
      // λ relative to the largest Fisher entry; the stiff spring needs the proximal (implicit) step
      const ewc = remedy === "ewc" ? new EwcPenalty(model, { lambda: 10 / Math.max(...F.flat), fisher: F }) : undefined;
      let projection: OrthogonalGradientMemory | undefined;
      if (remedy === "ogd") {
        projection = new OrthogonalGradientMemory(model.parameters().reduce((n, p) => n + p.data.length, 0));
        storeTaskGradients(projection, model, A, { maxExamples: 32 });
      }
      const r = measureForgetting(model, A, (m) => fineTune(m, B, { steps: 100, learningRate: 1, ewc, ewcStep: "proximal", projection }));
      return { deltaLoss: r.deltaLoss, accB: B.accuracy!(model) };
    };
    const plain = run("none");
    const ewc = run("ewc");
    const ogd = run("ogd");
    console.log(`recurrent ΔL_A: plain ${plain.deltaLoss.toFixed(4)}, EWC ${ewc.deltaLoss.toFixed(4)}, OGD ${ogd.deltaLoss.toFixed(4)}; acc_B ${plain.accB} / ${ewc.accB} / ${ogd.accB}`);
    expect(plain.deltaLoss).toBeGreaterThan(0.5);
    expect(ewc.deltaLoss).toBeLessThan(0.5 * plain.deltaLoss);
    expect(ogd.deltaLoss).toBeLessThan(0.75 * plain.deltaLoss);
    expect(ewc.accB).toBeGreaterThan(0.8);
    expect(ogd.accB).toBeGreaterThan(0.8);
  });
});
