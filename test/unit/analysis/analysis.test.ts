/**
 * Reverse-engineering tools on fixed seeds: finite-difference checks of q and ∇q,
 * fixed points of systems whose fixed points are known (a linear map, a 2-D tanh network
 * with four attractors and five saddles/unstable points, a rate network with a line
 * attractor), the Jacobian and its eigenvalues, PCA against a known covariance, the
 * spectrum of a low-rank weight change, the tasks, and bad input.
 */
import { Rng } from "../../../lib/core/random";
import { RnnlabError } from "../../../lib/core/errors";
import {
  fixedPoints,
  linearizeAt,
  pca,
  speedFunction,
  speedGradient,
  symmetricEigen,
  tanhRnnMap,
  weightChangeSpectrum,
} from "../../../lib/analysis";
import { contextIntegrationBatch, flipFlopBatch } from "../../../lib/tasks";
import { SequenceModel, gradCheck } from "../../../lib/nn";
import { RateNetwork } from "../../../lib/dynamics";
import { iterateMap, rateNetworkStepMap, slownessLossAndGrad } from "../../../lib/analysis";
import type { DiscreteMap } from "../../../lib/analysis";

/** M v + b for an N×N row-major M. */
function affine(m: Float64Array, v: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const n = b.length;
  return Float64Array.from({ length: n }, (_, i) => {
    let s = b[i];
    for (let k = 0; k < n; k++) s += m[i * n + k] * v[k];
    return s;
  });
}

/** Test system F(h) = A h + b (Jacobian A): its fixed point (I − A)⁻¹b is known. */
function linearTestMap(a: Float64Array, b: ArrayLike<number> = new Float64Array(Math.round(Math.sqrt(a.length)))): DiscreteMap {
  return { n: b.length, label: `linear test map (N=${b.length})`, apply: (h) => affine(a, h, b), jacobian: () => Float64Array.from(a) };
}

/** Test system F(h) = J tanh(h) + b, the fixed-point map of τ ḣ = −h + J tanh(h) + b; ∂F_i/∂h_k = J_ik (1 − tanh² h_k). */
function rateTestMap(j: Float64Array, b: ArrayLike<number> = new Float64Array(Math.round(Math.sqrt(j.length)))): DiscreteMap {
  const n = b.length;
  return {
    n,
    label: `rate-network test map (N=${n})`,
    apply: (h) => affine(j, Array.from(h, Math.tanh), b),
    jacobian: (h) => Float64Array.from(j, (v, idx) => v * (1 - Math.tanh(h[idx % n]) ** 2)),
  };
}

function randomMatrix(rng: Rng, n: number, scale: number): Float64Array {
  return Float64Array.from({ length: n * n }, () => rng.normal(0, scale / Math.sqrt(n)));
}

describe("speed function q(h) = ½‖F(h) − h‖² and its gradient", () => {
  const rng = new Rng(15);
  const n = 7;
  const maps = [
    tanhRnnMap({ weight: randomMatrix(rng, n, 1.5), bias: rng.normalArray(n, 0, 0.3) }),
    rateTestMap(randomMatrix(rng, n, 2), rng.normalArray(n, 0, 0.3)),
    linearTestMap(randomMatrix(rng, n, 0.8), rng.normalArray(n)),
  ];
  test.each(maps.map((m) => [m.label, m]))("%s: ∇q matches central differences (rel. error < 1e-6)", (_label, map) => {
    for (let trial = 0; trial < 3; trial++) {
      const h = rng.normalArray(n);
      const { q, grad } = speedGradient(map, h);
      expect(q).toBeCloseTo(speedFunction(map, h), 14);
      const eps = 1e-6;
      for (let k = 0; k < n; k++) {
        const hp = Float64Array.from(h);
        const hm = Float64Array.from(h);
        hp[k] += eps;
        hm[k] -= eps;
        const fd = (speedFunction(map, hp) - speedFunction(map, hm)) / (2 * eps);
        expect(Math.abs(fd - grad[k])).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });
  test("the Jacobians match central differences of F", () => {
    for (const map of maps) {
      const h = rng.normalArray(n);
      const jac = map.jacobian(h);
      const eps = 1e-6;
      for (let k = 0; k < n; k++) {
        const hp = Float64Array.from(h);
        const hm = Float64Array.from(h);
        hp[k] += eps;
        hm[k] -= eps;
        const fp = map.apply(hp);
        const fm = map.apply(hm);
        for (let i = 0; i < n; i++) expect(Math.abs((fp[i] - fm[i]) / (2 * eps) - jac[i * n + k])).toBeLessThan(1e-7);
      }
    }
  });
  test("q is exactly the half squared step at a hand-computed point", () => {
    const map = linearTestMap(new Float64Array([2, 0, 0, 3]), [1, -1]);
    // F(1, 1) = (3, 2): F − h = (2, 1), q = 2.5; ∇q = (A − I)ᵀ(2, 1) = (2, 2)
    const { q, grad } = speedGradient(map, [1, 1]);
    expect(q).toBe(2.5);
    expect(Array.from(grad)).toEqual([2, 2]);
  });
});

describe("fixedPoints on systems with known fixed points", () => {
  test("a linear map: the unique fixed point (I − A)⁻¹b from any start", () => {
    const a = new Float64Array([0.5, 0.2, -0.1, 0.3]);
    const b = [1, 2];
    // (I − A) = [[0.5, −0.2], [0.1, 0.7]], det = 0.37; x = (0.5·... ) solved by hand:
    const det = 0.5 * 0.7 - -0.2 * 0.1;
    const expected = [(0.7 * 1 + 0.2 * 2) / det, (-0.1 * 1 + 0.5 * 2) / det];
    const rng = new Rng(3);
    const res = fixedPoints(linearTestMap(a, b), { initialStates: Array.from({ length: 5 }, () => rng.normalArray(2, 0, 5)), rng });
    expect(res.fixedCount).toBe(5);
    expect(res.unique).toHaveLength(1);
    expect(res.unique[0].h[0]).toBeCloseTo(expected[0], 10);
    expect(res.unique[0].h[1]).toBeCloseTo(expected[1], 10);
  });

  test("a 2-D tanh network with W = 2I: 9 fixed points (0, ±h*) × (0, ±h*), 4 of them stable", () => {
    // h* solves h = tanh(2h): h* ≈ 0.957504
    let hs = 1;
    for (let i = 0; i < 200; i++) hs = Math.tanh(2 * hs);
    const map = tanhRnnMap({ weight: new Float64Array([2, 0, 0, 2]) });
    const starts: number[][] = [];
    for (const x of [-1.2, -0.3, 0, 0.3, 1.2]) for (const y of [-1.2, -0.3, 0, 0.3, 1.2]) starts.push([x, y]);
    const res = fixedPoints(map, { initialStates: starts, maxIterations: 2000, learningRate: 0.02 });
    const fixed = res.unique.filter((p) => p.kind === "fixed");
    expect(fixed).toHaveLength(9);
    for (const p of fixed) {
      for (const v of p.h) expect(Math.min(Math.abs(v), Math.abs(Math.abs(v) - hs))).toBeLessThan(1e-8);
      // stable iff both coordinates are ±h*: Jacobian diag(2(1 − h²)) < 1 there
      const lin = linearizeAt(map, p.h);
      const stable = lin.modulus[0] < 1;
      expect(stable).toBe(Math.abs(p.h[0]) > 0.5 && Math.abs(p.h[1]) > 0.5);
    }
  });

  test("a rank-one rate network: every fixed point lies on the line spanned by u", () => {
    // J = u uᵀ/‖u‖²·g with g slightly above 1 in a 1-D subspace: many stable points along u
    const n = 10;
    const rng = new Rng(9);
    const u = rng.normalArray(n);
    const norm2 = u.reduce((s, v) => s + v * v, 0);
    const g = 2;
    const j = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) j[i * n + k] = (g * u[i] * u[k]) / norm2;
    const map = rateTestMap(j);
    const res = fixedPoints(map, { initialStates: Array.from({ length: 6 }, () => rng.normalArray(n)), rng, maxIterations: 3000, learningRate: 0.02 });
    expect(res.fixedCount).toBeGreaterThan(0);
    // every fixed point lies on the line spanned by u (h = J tanh h is in the range of J)
    for (const p of res.unique.filter((x) => x.kind === "fixed")) {
      const along = p.h.reduce((s, v, i) => s + v * u[i], 0) / norm2;
      for (let i = 0; i < n; i++) expect(Math.abs(p.h[i] - along * u[i])).toBeLessThan(1e-7);
    }
  });

  test("bounded iterations: with maxIterations 0 and no Newton steps the start is returned", () => {
    const map = tanhRnnMap({ weight: new Float64Array([2, 0, 0, 2]) });
    const res = fixedPoints(map, { initialStates: [[0.3, 0.4]], maxIterations: 0, newtonSteps: 0 });
    expect(Array.from(res.all[0].h)).toEqual([0.3, 0.4]);
    expect(res.all[0].iterations).toBe(0);
    expect(res.all[0].kind).toBe("slow");
  });

  test("bad options fail loudly, naming the argument", () => {
    const map = linearTestMap(new Float64Array([0.5]));
    expect(() => fixedPoints(map, { initialStates: [[1]], maxIter: 10 } as never)).toThrow(/unknown options key "maxIter"/);
    expect(() => fixedPoints(map, { initialStates: [] })).toThrow(/initialStates must be a non-empty array/);
    expect(() => fixedPoints(map, { initialStates: [[1, 2]] })).toThrow(/initialStates\[0\].*length 1/);
    expect(() => fixedPoints(map, { initialStates: [[1]], learningRate: -1 })).toThrow(/learningRate/);
    expect(() => fixedPoints(map, { initialStates: [[1]], maxIterations: 1.5 })).toThrow(/maxIterations/);
    expect(() => tanhRnnMap({ weight: new Float64Array(3) })).toThrow(RnnlabError);
    expect(() => tanhRnnMap({ weight: new Float64Array(4), bias: [1] })).toThrow(/bias/);
    expect(() => speedFunction(map, [NaN])).toThrow(/finite/);
  });
});

describe("linearizeAt", () => {
  test("the eigenvalues of the Jacobian of a linear map are those of A, largest modulus first", () => {
    const map = linearTestMap(new Float64Array([0, -1, 1, 0.5]));
    // eigenvalues of [[0, −1], [1, 0.5]]: 0.25 ± i√(1 − 0.0625)
    const lin = linearizeAt(map, [0, 0]);
    expect(lin.re[0]).toBeCloseTo(0.25, 12);
    expect(Math.abs(lin.im[0])).toBeCloseTo(Math.sqrt(1 - 0.0625), 12);
    expect(lin.modulus[0]).toBeCloseTo(1, 12);
  });
});

describe("pca and symmetricEigen", () => {
  test("symmetricEigen reconstructs A = V Λ Vᵀ with orthonormal V", () => {
    const rng = new Rng(4);
    const n = 6;
    const r = randomMatrix(rng, n, 1);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = r[i * n + j] + r[j * n + i];
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 1; k < n; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += values[k] * vectors[k][i] * vectors[k][j];
        expect(s).toBeCloseTo(a[i * n + j], 10);
        const dot = vectors[i].reduce((acc, v, m) => acc + v * vectors[j][m], 0);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
    expect(() => symmetricEigen(new Float64Array([1, 2, 3, 4]), 2)).toThrow(/symmetric/);
  });

  test("pca finds the planted direction of largest variance and its share", () => {
    const rng = new Rng(5);
    const rows = 4000;
    const cols = 5;
    const dir = [1, 2, 0, -2, 0].map((v) => v / 3);
    const data = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      const z = rng.normal(0, 3);
      for (let c = 0; c < cols; c++) data[r * cols + c] = 7 + z * dir[c] + rng.normal(0, 0.5);
    }
    const res = pca(data, rows, cols, { components: 2 });
    const cos = Math.abs(res.components[0].reduce((s, v, i) => s + v * dir[i], 0));
    expect(cos).toBeGreaterThan(0.999);
    // variances: 9 + 0.25 along dir, 0.25 elsewhere → ratio 9.25 / 10.25 (sampling error ~ 3 %)
    expect(Math.abs(res.explainedRatio[0] - 9.25 / 10.25)).toBeLessThan(0.02);
    expect(res.mean[0]).toBeCloseTo(7, 1);
    const p = res.project(res.mean);
    expect(Math.abs(p[0])).toBeLessThan(1e-12);
    expect(() => pca(data, rows, cols, { components: 6 })).toThrow(/components/);
    expect(() => pca(data, rows, cols, { k: 2 } as never)).toThrow(/unknown options key "k"/);
  });
});

describe("weightChangeSpectrum, and tanhRnnMap of a trained RNN", () => {
  test("a rank-two change puts all of ‖ΔW‖² in two singular values", () => {
    const rng = new Rng(6);
    const n = 12;
    const w0 = randomMatrix(rng, n, 1);
    const w1 = Float64Array.from(w0);
    const [a, b, c, d] = [rng.normalArray(n), rng.normalArray(n), rng.normalArray(n), rng.normalArray(n)];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w1[i * n + j] += a[i] * b[j] + 0.5 * c[i] * d[j];
    const s = weightChangeSpectrum(w1, w0, n, n);
    expect(s.cumulativeEnergy[1]).toBeCloseTo(1, 10);
    expect(s.singularValues[2]).toBeLessThan(1e-10);
    expect(() => weightChangeSpectrum(w0, w0, n, n)).toThrow(/ΔW = 0/);
  });

  test("tanhRnnMap with the model's W_hh and b_ih + b_hh reproduces one RNN step", () => {
    const model = new SequenceModel({ cell: "rnn", inputSize: 2, hiddenSize: 4, outputSize: 1, readout: "every", rng: new Rng(2) });
    const p = new Map(model.recurrent.parameters().map((q) => [q.name.replace(/^rnn\./, ""), q.data]));
    const w = {
      weightHh: p.get("weight_hh_l0")!, weightIh: p.get("weight_ih_l0")!,
      bias: Float64Array.from(p.get("bias_ih_l0")!, (v, i) => v + p.get("bias_hh_l0")![i]),
    };
    // one step from h0 = 0 with input x: h1 = tanh(W_ih x + b)
    const x = [0.3, -0.7];
    const bias = Float64Array.from(w.bias, (v, i) => v + w.weightIh[i * 2] * x[0] + w.weightIh[i * 2 + 1] * x[1]);
    const map = tanhRnnMap({ weight: w.weightHh, bias });
    model.forward({ x: Float64Array.from(x), T: 1, B: 1, D: 2 });
    const h1 = model.lastState!.hN;
    const f = map.apply([0, 0, 0, 0]);
    for (let i = 0; i < 4; i++) expect(f[i]).toBeCloseTo(h1[i], 12);
  });
});

describe("tasks", () => {
  test("flip-flop targets hold the last pulse of each channel", () => {
    const { batch, target } = flipFlopBatch({ bits: 3, steps: 40, batch: 5, pulseProbability: 0.2, rng: new Rng(1) });
    const K = 3;
    let pulses = 0;
    for (let b = 0; b < 5; b++) {
      for (let k = 0; k < K; k++) {
        let held = 0;
        for (let t = 0; t < 40; t++) {
          const v = batch.x[(t * 5 + b) * K + k];
          if (v !== 0) {
            held = v;
            pulses++;
          }
          expect(target[(t * 5 + b) * K + k]).toBe(held);
        }
      }
    }
    expect(pulses).toBeGreaterThan(50);
    expect(() => flipFlopBatch({ bit: 3 } as never)).toThrow(/unknown options key "bit"/);
  });
  test("context integration: the target is the sign of the cued stream's coherence", () => {
    const { batch, target, trials } = contextIntegrationBatch({ steps: 10, batch: 50, rng: new Rng(2) });
    expect(batch.D).toBe(4);
    for (let b = 0; b < 50; b++) {
      const cued = trials.context[b] === 0 ? trials.motion[b] : trials.colour[b];
      expect(target[b]).toBe(Math.sign(cued));
      expect(batch.x[b * 4 + 2 + trials.context[b]]).toBe(1);
    }
  });
});

describe("leaky maps, iterated maps, trained rate networks, slowness penalty", () => {

  test("a leaky map has the same fixed points as the vanilla one and eigenvalues 1 − α + α μ", () => {
    const rng = new Rng(12);
    const n = 5;
    const w = randomMatrix(rng, n, 2.5);
    const b = rng.normalArray(n, 0, 0.2);
    const vanilla = tanhRnnMap({ weight: w, bias: b });
    const leaky = tanhRnnMap({ weight: w, bias: b, leak: 0.3 });
    const res = fixedPoints(leaky, { initialStates: [rng.normalArray(n)], maxIterations: 2000, learningRate: 0.02 });
    const p = res.all[0];
    expect(p.kind).toBe("fixed");
    expect(speedFunction(vanilla, p.h)).toBeLessThan(1e-20);
    const mu = linearizeAt(vanilla, p.h);
    const lam = linearizeAt(leaky, p.h);
    // the eigenvalue of largest real part maps to the one of largest real part
    const maxRe = (x: Float64Array) => Math.max(...Array.from(x));
    expect(maxRe(lam.re)).toBeCloseTo(0.7 + 0.3 * maxRe(mu.re), 9);
    expect(() => tanhRnnMap({ weight: w, leak: 0 })).toThrow(/leak/);
  });

  test("iterateMap(F, 2) is F∘F with the chain-rule Jacobian (finite differences) and finds a 2-cycle", () => {
    const rng = new Rng(13);
    const n = 4;
    const f = tanhRnnMap({ weight: randomMatrix(rng, n, 2), bias: rng.normalArray(n, 0, 0.3) });
    const g = iterateMap(f, 2);
    const h = rng.normalArray(n);
    const ff = f.apply(f.apply(h));
    g.apply(h).forEach((v, i) => expect(v).toBe(ff[i]));
    const jac = g.jacobian(h);
    for (let k = 0; k < n; k++) {
      const hp = Float64Array.from(h);
      const hm = Float64Array.from(h);
      hp[k] += 1e-6;
      hm[k] -= 1e-6;
      const fp = g.apply(hp);
      const fm = g.apply(hm);
      for (let i = 0; i < n; i++) expect(Math.abs((fp[i] - fm[i]) / 2e-6 - jac[i * n + k])).toBeLessThan(1e-7);
    }
    // h ↦ tanh(−2h) (1-D) has a 2-cycle ±a with a = tanh(2a), and no fixed point but 0
    const flip = tanhRnnMap({ weight: new Float64Array([-2]) });
    const two = fixedPoints(iterateMap(flip, 2), { initialStates: [[1.5]], maxIterations: 500, learningRate: 0.02 });
    let hs = 1.5;
    for (let i = 0; i < 200; i++) hs = Math.tanh(2 * hs);
    expect(two.all[0].kind).toBe("fixed");
    // the symmetric cycle a → −a → a
    expect(Math.abs(two.all[0].h[0])).toBeCloseTo(hs, 10);
    expect(speedFunction(flip, two.all[0].h)).toBeGreaterThan(0.1);
  });

  test("rateNetworkStepMap reproduces one Euler step of a (Dale) RateNetwork under a constant input", () => {
    const net = new RateNetwork({ inputSize: 2, hiddenSize: 6, outputSize: 1, dt: 0.25, tau: 1, excitatoryFraction: 0.5, rng: new Rng(3) });
    const x = [0.4, -1];
    const h0 = Float64Array.from(new Rng(4).normalArray(6));
    const run = net.forward({ x: Float64Array.from(x), T: 1, B: 1, D: 2 }, h0);
    const f = rateNetworkStepMap(net, x).apply(h0);
    for (let i = 0; i < 6; i++) expect(f[i]).toBeCloseTo(run.states[i], 12);
    expect(() => rateNetworkStepMap(net, [1])).toThrow(/input/);
  });

  test("slownessLossAndGrad: exact gradient (finite differences) and penalty = λ·mean‖h_t − h_{t−1}‖²", () => {
    const model = new SequenceModel({ cell: "rnn", inputSize: 2, hiddenSize: 3, outputSize: 2, readout: "every", rng: new Rng(5) });
    const { batch, target } = flipFlopBatch({ bits: 2, steps: 6, batch: 2, pulseProbability: 0.4, rng: new Rng(6) });
    const result = gradCheck(model.parameters(), () => slownessLossAndGrad(model, batch, target, { slowness: 0.7 }).loss);
    expect(result.worstRelError).toBeLessThan(1e-6);
    const parts = slownessLossAndGrad(model, batch, target, { slowness: 0.7 });
    const zero = slownessLossAndGrad(model, batch, target, { slowness: 0 });
    expect(zero.penalty).toBe(0);
    expect(parts.taskLoss).toBeCloseTo(model.loss(batch, target), 12);
    expect(parts.penalty).toBeGreaterThan(0);
    expect(() => slownessLossAndGrad(model, batch, target, { lambda: 1 } as never)).toThrow(/unknown options key "lambda"/);
  });
});
