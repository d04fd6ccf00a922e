import { Rng } from "../../../lib/core/random";
import { Parameter, zeroGrad } from "../../../lib/core/parameter";
import { RnnlabError } from "../../../lib/core/errors";
import {
  RateNetwork,
  RateInputBatch,
  daleViolations,
  integrateRateNetwork,
  vanillaRnnStep,
} from "../../../lib/dynamics/rateNetwork";
import { RNN } from "../../../lib/nn/recurrentLayer";
import { gradCheck } from "../../../lib/nn/gradCheck";

function randomBatch(T: number, B: number, D: number, rng: Rng): RateInputBatch {
  return { x: rng.normalArray(T * B * D), T, B, D };
}

/** Central-difference gradient check: the worst relative error over all parameters. */
function worstGradError(params: Parameter[], loss: () => number, eps = 1e-6): number {
  zeroGrad(params);
  loss();
  let worst = 0;
  for (const p of params) {
    const analytic = Float64Array.from(p.grad);
    for (let k = 0; k < p.data.length; k++) {
      const v = p.data[k];
      p.data[k] = v + eps;
      zeroGrad(params);
      const lp = loss();
      p.data[k] = v - eps;
      zeroGrad(params);
      const lm = loss();
      p.data[k] = v;
      const numeric = (lp - lm) / (2 * eps);
      const err = Math.abs(numeric - analytic[k]) / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic[k]));
      if (Math.abs(numeric - analytic[k]) > 1e-8) worst = Math.max(worst, err);
    }
  }
  return worst;
}

describe("RateNetwork: Euler with Δt = τ is the vanilla RNN", () => {
  test("vanillaRnnStep is φ(W h + U x + b), written out as a plain loop", () => {
    const rng = new Rng(1);
    const N = 7;
    const D = 3;
    const W = rng.normalArray(N * N, 0, 0.5);
    const U = rng.normalArray(N * D);
    const b = rng.normalArray(N);
    const h = rng.normalArray(N);
    const x = rng.normalArray(D);
    const byHand = (phi: (a: number) => number): number[] =>
      Array.from({ length: N }, (_, i) => {
        let a = b[i];
        for (let j = 0; j < N; j++) a += W[i * N + j] * h[j];
        for (let d = 0; d < D; d++) a += U[i * D + d] * x[d];
        return phi(a);
      });
    expect(Array.from(vanillaRnnStep(W, U, b, h, x))).toEqual(byHand(Math.tanh));
    expect(Array.from(vanillaRnnStep(W, U, b, h, x, "relu"))).toEqual(byHand((a) => Math.max(0, a)));
  });

  test("a RateNetwork with dt = tau reproduces the RNN recursion h_t = tanh(W h_{t-1} + U x_t + b) bit for bit", () => {
    const rng = new Rng(2);
    const net = new RateNetwork({ inputSize: 2, hiddenSize: 6, tau: 0.02, dt: 0.02, gain: 1.3, rng });
    expect(net.alpha).toBe(1);
    for (let i = 0; i < 6; i++) net.bias.data[i] = rng.normal(0, 0.3);
    const batch = randomBatch(12, 3, 2, rng);
    const { states } = net.forward(batch);
    for (let b = 0; b < 3; b++) {
      let h = new Float64Array(6);
      for (let t = 0; t < 12; t++) {
        const x = batch.x.slice((t * 3 + b) * 2, (t * 3 + b) * 2 + 2);
        h = vanillaRnnStep(net.weightHH.data, net.weightIH.data, net.bias.data, h, x);
        expect(Array.from(states.slice((t * 3 + b) * 6, (t * 3 + b + 1) * 6))).toEqual(Array.from(h));
      }
    }
  });

  test("dt = tau matches the engine's RNN layer (lib/nn) to rounding", () => {
    const rng = new Rng(12);
    const N = 8;
    const D = 3;
    const net = new RateNetwork({ inputSize: D, hiddenSize: N, gain: 1.1, rng });
    for (let i = 0; i < N; i++) net.bias.data[i] = rng.normal(0, 0.3);
    const rnn = new RNN({ inputSize: D, hiddenSize: N, rng });
    const byName = new Map(rnn.parameters().map((p) => [p.name, p]));
    byName.get("weight_ih_l0")!.data.set(net.weightIH.data);
    byName.get("weight_hh_l0")!.data.set(net.weightHH.data);
    byName.get("bias_ih_l0")!.data.set(net.bias.data);
    byName.get("bias_hh_l0")!.data.fill(0);
    const batch = randomBatch(20, 2, D, rng);
    const { states } = net.forward(batch);
    const { output } = rnn.forward(batch);
    let worst = 0;
    for (let k = 0; k < states.length; k++) worst = Math.max(worst, Math.abs(states[k] - output[k]));
    expect(worst).toBeLessThan(1e-13);
  });

  test("with α < 1 the update is the leaky average (1 − α) h + α φ(...)", () => {
    const rng = new Rng(3);
    const net = new RateNetwork({ inputSize: 1, hiddenSize: 4, tau: 1, dt: 0.25, rng });
    const batch = randomBatch(1, 1, 1, rng);
    const h0 = rng.normalArray(4);
    const { states } = net.forward(batch, h0);
    const full = vanillaRnnStep(net.weightHH.data, net.weightIH.data, net.bias.data, h0, batch.x);
    for (let i = 0; i < 4; i++) expect(states[i]).toBeCloseTo(0.75 * h0[i] + 0.25 * full[i], 14);
  });
});

describe("integrateRateNetwork: Euler converges to RK4 at first order", () => {
  test("halving Δt halves the Euler error; RK4 is far more accurate", () => {
    const rng = new Rng(4);
    const n = 20;
    const W = rng.normalArray(n * n, 0, 1.5 / Math.sqrt(n));
    const h0 = rng.uniformArray(n, -1, 1);
    const Tend = 4;
    const ref = integrateRateNetwork(W, n, { dt: 0.001, steps: 4000, method: "rk4", h0 });
    const last = (traj: Float64Array, steps: number): Float64Array => traj.slice(steps * n, (steps + 1) * n);
    const err = (traj: Float64Array, steps: number): number => {
      const a = last(traj, steps);
      const r = last(ref, 4000);
      let s = 0;
      for (let i = 0; i < n; i++) s = Math.max(s, Math.abs(a[i] - r[i]));
      return s;
    };
    const e1 = err(integrateRateNetwork(W, n, { dt: 0.1, steps: Tend / 0.1, h0 }), 40);
    const e2 = err(integrateRateNetwork(W, n, { dt: 0.05, steps: Tend / 0.05, h0 }), 80);
    const eRk = err(integrateRateNetwork(W, n, { dt: 0.1, steps: 40, method: "rk4", h0 }), 40);
    expect(e1 / e2).toBeGreaterThan(1.7);
    expect(e1 / e2).toBeLessThan(2.3);
    expect(eRk).toBeLessThan(e1 / 100);
  });

  test("bad input names the argument", () => {
    expect(() => integrateRateNetwork(new Float64Array(6), 3, { dt: 0.1, steps: 2 })).toThrow(/W must be a square/);
    expect(() => integrateRateNetwork(new Float64Array(9), 3, { dt: 0, steps: 2 })).toThrow(/dt must be a finite number > 0/);
    expect(() => integrateRateNetwork(new Float64Array(9), 3, { dt: -1, steps: 2 })).toThrow(RnnlabError);
  });
});

describe("RateNetwork: exact BPTT through the Euler steps", () => {
  test.each([
    ["tanh, α = 1", { dt: 1 }],
    ["tanh, α = 0.2", { dt: 0.2 }],
    ["relu, α = 0.5", { dt: 0.5, nonlinearity: "relu" as const }],
    ["Dale's law, α = 0.3", { dt: 0.3, excitatoryFraction: 0.75 }],
  ])("finite-difference gradient check (%s)", (_label, extra) => {
    const rng = new Rng(5);
    const net = new RateNetwork({ inputSize: 2, hiddenSize: 5, outputSize: 2, tau: 1, gain: 1.2, rng, ...extra });
    for (let i = 0; i < 5; i++) net.bias.data[i] = rng.normal(0, 0.5);
    const batch = randomBatch(6, 2, 2, rng);
    const target = rng.normalArray(6 * 2 * 2);
    const mask = new Float64Array(12).fill(1);
    mask[0] = 0;
    mask[3] = 0;
    const worst = worstGradError(net.parameters(), () => net.lossAndGrad(batch, target, mask));
    expect(worst).toBeLessThan(1e-4);
  });

  test("the engine's gradCheck (lib/nn) agrees", () => {
    const rng = new Rng(13);
    const net = new RateNetwork({ inputSize: 2, hiddenSize: 6, outputSize: 1, dt: 0.4, excitatoryFraction: 0.5, rng });
    const batch = randomBatch(8, 2, 2, rng);
    const target = rng.normalArray(16);
    const result = gradCheck(net.parameters(), net.lossFunction(batch, target));
    expect(result.worstRelError).toBeLessThan(1e-5);
  });

  test("gradients accumulate (two calls give twice the gradient)", () => {
    const rng = new Rng(6);
    const net = new RateNetwork({ inputSize: 1, hiddenSize: 3, dt: 0.5, rng });
    const batch = randomBatch(4, 1, 1, rng);
    const target = rng.normalArray(4);
    net.lossAndGrad(batch, target);
    const once = Float64Array.from(net.weightHH.grad);
    net.lossAndGrad(batch, target);
    for (let k = 0; k < once.length; k++) expect(net.weightHH.grad[k]).toBeCloseTo(2 * once[k], 12);
  });

  test("Dale's law: signs survive training and the loss goes down", () => {
    const rng = new Rng(7);
    const N = 12;
    const net = new RateNetwork({ inputSize: 1, hiddenSize: N, dt: 0.5, excitatoryFraction: 0.75, rng });
    const signs = net.signs!;
    expect(Array.from(signs).filter((s) => s > 0).length).toBe(9);
    // task: output a delayed copy of the input
    const T = 15;
    const B = 8;
    const batch = randomBatch(T, B, 1, rng);
    const target = new Float64Array(T * B);
    for (let t = 2; t < T; t++) for (let b = 0; b < B; b++) target[t * B + b] = batch.x[(t - 2) * B + b];
    const params = net.parameters();
    const first = net.lossAndGrad(batch, target);
    let loss = first;
    // plain Adam, written out (the training folder's optimizers work on the same Parameters)
    const m = params.map((p) => new Float64Array(p.data.length));
    const v = params.map((p) => new Float64Array(p.data.length));
    for (let step = 1; step <= 150; step++) {
      zeroGrad(params);
      loss = net.lossAndGrad(batch, target);
      params.forEach((p, k) => {
        for (let i = 0; i < p.data.length; i++) {
          m[k][i] = 0.9 * m[k][i] + 0.1 * p.grad[i];
          v[k][i] = 0.999 * v[k][i] + 0.001 * p.grad[i] ** 2;
          const mh = m[k][i] / (1 - 0.9 ** step);
          const vh = v[k][i] / (1 - 0.999 ** step);
          p.data[i] -= (0.02 * mh) / (Math.sqrt(vh) + 1e-8);
        }
      });
      expect(daleViolations(net.recurrentWeights(), signs)).toBe(0);
    }
    expect(loss).toBeLessThan(0.5 * first);
    // some raw weights did change sign, yet the effective W keeps Dale's signs
    const W = net.recurrentWeights();
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) expect(W[i * N + j] * signs[j]).toBeGreaterThanOrEqual(0);
  });

  test("backward gives the same gradient with stored or recomputed pre-activations", () => {
    const rng = new Rng(22);
    const net = new RateNetwork({ inputSize: 1, hiddenSize: 4, dt: 0.3, rng });
    const batch = randomBatch(5, 2, 1, rng);
    const h0 = new Float64Array(8);
    const fwd = net.forward(batch, h0);
    const dy = rng.normalArray(10);
    const dh0a = net.backward(batch, h0, fwd.states, dy, fwd.preactivations);
    const ga = Float64Array.from(net.weightHH.grad);
    zeroGrad(net.parameters());
    const dh0b = net.backward(batch, h0, fwd.states, dy);
    expect(Array.from(net.weightHH.grad)).toEqual(Array.from(ga));
    expect(Array.from(dh0b)).toEqual(Array.from(dh0a));
  });

  test("stateDict round-trips", () => {
    const a = new RateNetwork({ inputSize: 2, hiddenSize: 3, dt: 0.5, rng: new Rng(20) });
    const b = new RateNetwork({ inputSize: 2, hiddenSize: 3, dt: 0.5, rng: new Rng(21) });
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
    expect(Array.from(b.weightHH.data)).toEqual(Array.from(a.weightHH.data));
    expect(Object.keys(a.stateDict())).toEqual(["weight_hh", "weight_ih", "bias", "readout.weight", "readout.bias"]);
  });

  test("bad config and input name the argument", () => {
    expect(() => new RateNetwork({ inputSize: 1, hiddenSize: 3, dt: 0 })).toThrow(/dt must be a finite number > 0, got 0/);
    expect(() => new RateNetwork({ inputSize: 1, hiddenSize: 3, dt: -0.1 })).toThrow(/dt/);
    expect(() => new RateNetwork({ inputSize: 1, hiddenSize: 3, tau: 0 })).toThrow(/tau/);
    expect(() => new RateNetwork({ inputSize: 1, hiddenSize: 0 })).toThrow(/hiddenSize/);
    expect(() => new RateNetwork({ inputSize: 1, hiddenSize: 3, excitatoryFraction: 1.5 })).toThrow(/excitatoryFraction/);
    const net = new RateNetwork({ inputSize: 2, hiddenSize: 3 });
    expect(() => net.forward({ x: new Float64Array(3), T: 1, B: 1, D: 3 })).toThrow(/batch.D must be 2/);
    expect(() => net.forward({ x: new Float64Array(8), T: 2, B: 2, D: 2, lengths: [2, 1] })).toThrow(/batch.lengths must be absent or all equal to T = 2/);
    expect(() => net.forward({ x: new Float64Array([0, NaN]), T: 1, B: 1, D: 2 })).toThrow(/batch.x must be finite everywhere, got NaN at index 1/);
    expect(() => net.lossAndGrad({ x: new Float64Array(2), T: 1, B: 1, D: 2 }, new Float64Array(5))).toThrow(/target/);
    expect(() => vanillaRnnStep(new Float64Array(6), new Float64Array(3), new Float64Array(3), new Float64Array(3), new Float64Array(1))).toThrow(
      /W must be a square matrix/,
    );
  });
});
