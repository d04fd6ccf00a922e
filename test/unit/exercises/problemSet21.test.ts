/**
 * The references of notebook 21's problem set, checked independently: finite-difference
 * gradient checks for the backward steps (LSTM and GRU steps, BPTT, cross-entropy), the
 * library's gruStepBackward and layers (GRU step, rollout), closed forms and invariants for the rest
 * (shear powers, Kaplan–Yorke of Lorenz, Σλ = mean log|det DF|, Dale spectra, Newton's
 * quadratic convergence, Adam's first step, Hopfield's energy). Plus: the public checks
 * name the typical mistakes they claim to name.
 */
import { Rng } from "../../../lib/core/random";
import { CellWeights } from "../../../lib/cells/cellWeights";
import { lstmStep } from "../../../lib/cells/lstmStep";
import { rnnStep } from "../../../lib/cells/rnnStep";
import { gruStep, gruStepBackward, GruStepResult } from "../../../lib/cells/gruStep";
import { RNN } from "../../../lib/nn/recurrentLayer";
import { crossEntropyLoss } from "../../../lib/nn/losses";
import { lyapunovSpectrum } from "../../../lib/chaos/lyapunov";
import { runCheck } from "../../../lib/exercises";
import * as q from "../../../course/questions/21_hands_on_problem_set";

/** Central difference of f at x along coordinate k of the array a (restored afterwards). */
function centralDiff(a: Float64Array, k: number, f: () => number, eps = 1e-6): number {
  const v = a[k];
  a[k] = v + eps;
  const up = f();
  a[k] = v - eps;
  const down = f();
  a[k] = v;
  return (up - down) / (2 * eps);
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  let scale = 1e-12;
  for (let i = 0; i < want.length; i++) {
    worst = Math.max(worst, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  expect(worst / scale).toBeLessThan(tol);
}

describe("21.lstmBackward reference", () => {
  test("every returned gradient matches central differences of L = dh·h_t + dc·c_t", () => {
    const [w, x, h, c, , dh, dc] = q.lstmBackwardCase(3, 4, 7, "both") as [CellWeights, Float64Array, Float64Array, Float64Array, unknown, Float64Array, Float64Array];
    const loss = (): number => {
      const s = lstmStep(w, x, h, c);
      let l = 0;
      for (let j = 0; j < 4; j++) l += dh[j] * s.h[j] + dc[j] * s.c[j];
      return l;
    };
    const g = q.lstmBackwardStepReference(w, x, h, c, lstmStep(w, x, h, c), dh, dc);
    const fd = (a: Float64Array) => Float64Array.from(a, (_, k) => centralDiff(a, k, loss));
    expectClose(g.dWih, fd(w.weightIh as Float64Array), 1e-7);
    expectClose(g.dWhh, fd(w.weightHh as Float64Array), 1e-7);
    expectClose(g.dPre, fd(w.biasIh as Float64Array), 1e-7);
    expectClose(g.dx, fd(x), 1e-7);
    expectClose(g.dhPrev, fd(h), 1e-7);
    expectClose(g.dcPrev, fd(c), 1e-7);
  });
});

describe("21.gruBackward reference", () => {
  const args = (D: number, H: number, seed: number, biasScale = 1) =>
    q.gruBackwardCase(D, H, seed, biasScale) as [CellWeights, Float64Array, Float64Array, GruStepResult, Float64Array];
  test("is the library's gruStepBackward, and equals the step written out by loops", () => {
    const [w, x, h, step, dh] = args(3, 4, 8, 3);
    const lib = gruStepBackward(w, x, h, step, dh);
    const g = q.gruBackwardStepReference(w, x, h, step, dh);
    expectClose(g.dhPrev, lib.dhPrev, 1e-15);
    expectClose(g.dGh, lib.grads.biasHh as Float64Array, 1e-15);
    const loops = q.gruBackwardVariant(w, x, h, step, dh, "none");
    for (const key of ["dGi", "dGh", "dhPrev", "dx", "dWih", "dWhh"] as const) expectClose(g[key], loops[key], 1e-12);
  });
  test("every returned gradient matches central differences of L = dh·h_t (PyTorch gate order r, z, n)", () => {
    const [w, x, h, step, dh] = args(3, 4, 9, 3);
    const loss = (): number => {
      const s = gruStep(w, x, h).h;
      let l = 0;
      for (let j = 0; j < 4; j++) l += dh[j] * s[j];
      return l;
    };
    const g = q.gruBackwardStepReference(w, x, h, step, dh);
    const fd = (a: Float64Array) => Float64Array.from(a, (_, k) => centralDiff(a, k, loss));
    expectClose(g.dWih, fd(w.weightIh), 1e-7);
    expectClose(g.dWhh, fd(w.weightHh), 1e-7);
    expectClose(g.dGi, fd(w.biasIh as Float64Array), 1e-7);
    expectClose(g.dGh, fd(w.biasHh as Float64Array), 1e-7);
    expectClose(g.dx, fd(x), 1e-7);
    expectClose(g.dhPrev, fd(h), 1e-7);
    // the reset gate makes the n blocks of the two bias gradients differ (r ⊙ δn against δn)
    expect(Math.max(...g.dGi.subarray(8).map((v, k) => Math.abs(v - g.dGh[8 + k])))).toBeGreaterThan(1e-3);
  });
  test("the check passes the reference and names each typical mistake by the first wrong entry", () => {
    expect(runCheck("21.gruBackward", q.gruBackwardStepReference).pass).toBe(true);
    const variant = (kind: "swapZ" | "noResetInHn" | "noDirect") =>
      (w: CellWeights, x: Float64Array, h: Float64Array, s: GruStepResult, dh: Float64Array) => q.gruBackwardVariant(w, x, h, s, dh, kind);
    // the message names the first wrong entry; the hint says what a wrong dGi, dGh or dhPrev means
    const firstWrong = (kind: "swapZ" | "noResetInHn" | "noDirect"): string => {
      const r = runCheck("21.gruBackward", variant(kind));
      expect(r.pass).toBe(false);
      expect(r.hint).toMatch(/If dGi is wrong, z and 1 − z may be swapped.*n block of dGh is r⊙δn.*direct term z⊙dh is missing/);
      const names = ["dGi", "dGh", "dhPrev"].filter((k) => r.message.includes(`${k} of gruBackwardStep`));
      expect(names).toHaveLength(1);
      return names[0];
    };
    expect(firstWrong("swapZ")).toBe("dGi");
    expect(firstWrong("noResetInHn")).toBe("dGh");
    expect(firstWrong("noDirect")).toBe("dhPrev");
  });
});

describe("21.bpttTanh reference", () => {
  test("loss and every gradient match central differences", () => {
    const [w, xs, h0, ys] = q.bpttCase(2, 3, 6, 11) as [CellWeights, Float64Array, Float64Array, Float64Array];
    const loss = (): number => {
      let h = h0;
      let l = 0;
      for (let t = 0; t < 6; t++) {
        h = rnnStep(w, xs.subarray(2 * t, 2 * t + 2), h);
        for (let j = 0; j < 3; j++) l += 0.5 * (h[j] - ys[3 * t + j]) ** 2;
      }
      return l;
    };
    const g = q.bpttTanhReference(w, xs, h0, ys);
    expect(g.loss).toBeCloseTo(loss(), 12);
    const fd = (a: Float64Array) => Float64Array.from(a, (_, k) => centralDiff(a, k, loss));
    expectClose(g.dWih, fd(w.weightIh as Float64Array), 1e-7);
    expectClose(g.dWhh, fd(w.weightHh as Float64Array), 1e-7);
    expectClose(g.db, fd(w.biasIh as Float64Array), 1e-7);
    expectClose(g.dh0, fd(h0), 1e-7);
  });
});

describe("21.crossEntropyGrad reference", () => {
  test("matches central differences of the mean loss", () => {
    const z = new Rng(5).normalArray(12, 0, 2);
    const y = [1, 3, 0];
    const g = q.crossEntropyGradReference(z, y, 4);
    expectClose(g, Float64Array.from(z, (_, k) => centralDiff(z, k, () => crossEntropyLoss(z, y).loss)), 1e-7);
  });
});

describe("21.powerNorms and 21.echoStateVerdict references", () => {
  test("the shear's powers have the closed form [[a^k, k s a^(k−1)], [0, a^k]]", () => {
    const a = 0.9;
    const s = 2;
    const norms = q.powerNormsReference(q.shearMatrix(a, s), 2, 8);
    for (let k = 0; k <= 8; k++) {
      const p = [a ** k, k * s * a ** (k - 1 < 0 ? 0 : k - 1), 0, a ** k];
      // ‖[[p, r], [0, p]]‖₂ = (√(r² + 4p²) + |r|)/2
      const want = (Math.sqrt(p[1] ** 2 + 4 * p[0] ** 2) + Math.abs(p[1])) / 2;
      expect(norms[k]).toBeCloseTo(k === 0 ? 1 : want, 10);
    }
  });

  test("the counterexample: ρ < 1 < σ_max with transient growth; a contraction has none", () => {
    const v = q.echoStateVerdictReference(q.shearMatrix(0.8, 3), 2, 20);
    expect(v.rho).toBeCloseTo(0.8, 6);
    expect(v.sigmaMax).toBeGreaterThan(1);
    expect(v.transientGrowth).toBe(true);
    expect(v.peakGain).toBeGreaterThan(5);
    const c = q.echoStateVerdictReference(new Float64Array([0.6, 0.3, 0, 0.6]), 2, 20);
    expect(c).toMatchObject({ contraction: true, transientGrowth: false, peakStep: 0, peakGain: 1 });
  });
});

describe("21.kaplanYorke reference", () => {
  test("Lorenz ≈ 2.06, the edge cases, and the argument is not sorted in place", () => {
    expect(q.kaplanYorkeReference([0.906, 0, -14.572])).toBeCloseTo(2 + 0.906 / 14.572, 12);
    expect(q.kaplanYorkeReference([-0.1, -0.5])).toBe(0);
    expect(q.kaplanYorkeReference([0.2, 0.1, -0.1])).toBe(3);
    const arg = [-1, 0.5];
    expect(q.kaplanYorkeReference(arg)).toBeCloseTo(1.5, 12);
    expect(arg).toEqual([-1, 0.5]);
  });
});

describe("21.lyapunovQR reference", () => {
  test("the full spectrum sums to the time average of log|det DF| (volume contraction)", () => {
    const n = 5;
    const steps = 200;
    const dt = 0.1;
    const c = q.lyapunovCase(n, n, 2, 21);
    const spectrum = q.lyapunovQRReference(c.j, n, c.h0, c.d0, n, steps, dt, 5);
    // log|det DF| along the same trajectory, DF = (1 − Δt)I + Δt J diag(φ'(h))
    let h = Float64Array.from(c.h0);
    let logDet = 0;
    for (let s = 0; s < steps; s++) {
      const r = h.map(Math.tanh);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) a[i * n + k] = (i === k ? 1 - dt : 0) + dt * c.j[i * n + k] * (1 - r[k] * r[k]);
      logDet += Math.log(Math.abs(determinant(a, n)));
      h = h.map((v, i) => {
        let s2 = 0;
        for (let k = 0; k < n; k++) s2 += c.j[i * n + k] * r[k];
        return (1 - dt) * v + dt * s2;
      });
    }
    const sum = spectrum.reduce((x, y) => x + y, 0);
    expect(sum).toBeCloseTo(logDet / (steps * dt), 9);
    // and the exponents come in descending order for a long enough run
    const longer = lyapunovSpectrum({ j: c.j, n, h0: c.h0, perturbations0: c.d0.slice(0, 3 * n), count: 3, steps: 2000, dt, renormEvery: 5, transientSteps: 0 });
    expect(longer[0]).toBeGreaterThanOrEqual(longer[1]);
  });

  test("lyapunovSpectrum's perturbations0 option: used as given, checked", () => {
    const c = q.lyapunovCase(4, 2, 1.5, 22);
    const a = lyapunovSpectrum({ j: c.j, n: 4, h0: c.h0, perturbations0: c.d0, count: 2, steps: 50, rng: new Rng(1) });
    const b = lyapunovSpectrum({ j: c.j, n: 4, h0: c.h0, perturbations0: c.d0, count: 2, steps: 50, rng: new Rng(2) });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(() => lyapunovSpectrum({ j: c.j, n: 4, h0: c.h0, perturbations0: c.d0.slice(1), count: 2, steps: 50 })).toThrow(/perturbations0/);
  });
});

function determinant(a: Float64Array, n: number): number {
  const m = Float64Array.from(a);
  let det = 1;
  for (let col = 0; col < n; col++) {
    let p = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]) > Math.abs(m[p * n + col])) p = r;
    if (p !== col) {
      for (let k = 0; k < n; k++) [m[col * n + k], m[p * n + k]] = [m[p * n + k], m[col * n + k]];
      det = -det;
    }
    det *= m[col * n + col];
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col] / m[col * n + col];
      for (let k = col; k < n; k++) m[r * n + k] -= f * m[col * n + k];
    }
  }
  return det;
}

describe("21.strictDale and 21.daleSpectrum references", () => {
  test("every column has one sign; a large matrix's outlier and bulk follow the predictions", () => {
    const n = 200;
    const nE = 160;
    const j = q.strictDaleMatrixReference(new Rng(31).normalArray(n * n), n, nE, 1, 2);
    for (let k = 0; k < n * n; k++) expect(k % n < nE ? j[k] >= 0 : j[k] <= 0).toBe(true);
    const unbalanced = q.strictDaleMatrixReference(new Rng(32).normalArray(n * n), n, nE, 1.5, 1);
    const s = q.daleSpectrumReference(unbalanced, n, nE, 1.5, 1);
    expect(s.predictedOutlier).toBeCloseTo((Math.sqrt(2 / Math.PI) * (160 * 1.5 - 40)) / Math.sqrt(n), 12);
    expect(Math.abs(s.rightmost / s.predictedOutlier - 1)).toBeLessThan(0.1);
    expect(s.bulkRadius).toBeGreaterThan(0.8 * s.predictedRadius);
    expect(s.bulkRadius).toBeLessThan(1.5 * s.predictedRadius);
  });
});

describe("21.newtonStep reference", () => {
  test("iterated, it converges quadratically to F(h) = 0", () => {
    const n = 8;
    const rng = new Rng(41);
    const j = rng.normalArray(n * n, 0, 0.8 / Math.sqrt(n));
    const input = rng.normalArray(n, 0, 0.5);
    const residual = (h: Float64Array) => Math.hypot(...h.map((v, i) => {
      let a = -v + input[i];
      for (let c = 0; c < n; c++) a += j[i * n + c] * Math.tanh(h[c]);
      return a;
    }));
    let h = new Float64Array(n);
    const res: number[] = [residual(h)];
    for (let k = 0; k < 6; k++) {
      h = q.newtonStepReference(j, n, input, h);
      res.push(residual(h));
    }
    expect(res[6]).toBeLessThan(1e-13);
    const k = res.findIndex((r) => r < 1e-3);
    expect(res[k + 1]).toBeLessThan(10 * res[k] ** 2);
  });
});

describe("21.rollout reference", () => {
  test("teacher forcing equals the RNN layer on the true inputs; free running starts equal and then differs", () => {
    const c = q.rolloutCase(3, 10, 51);
    const rnn = new RNN({ inputSize: 1, hiddenSize: 3, rng: new Rng(1) });
    const w = rnn.cellWeights();
    (w.weightIh as Float64Array).set(c.w.weightIh);
    (w.weightHh as Float64Array).set(c.w.weightHh);
    (w.biasIh as Float64Array).set(c.w.biasIh as Float64Array);
    (w.biasHh as Float64Array).set(c.w.biasHh as Float64Array);
    const hs = rnn.forward({ x: c.xs, T: 10, B: 1, D: 1 }).output;
    const want = Float64Array.from({ length: 10 }, (_, t) => c.c + [0, 1, 2].reduce((s, k) => s + c.v[k] * hs[3 * t + k], 0));
    const tf = q.rolloutReference(c.w, c.v, c.c, c.xs, c.h0, true);
    expectClose(tf, want, 1e-12);
    const fr = q.rolloutReference(c.w, c.v, c.c, c.xs, c.h0, false);
    expect(fr[0]).toBe(tf[0]);
    expect(Math.abs(fr[5] - tf[5])).toBeGreaterThan(1e-6);
  });
});

describe("21.esnReadout reference", () => {
  test("a short delay is recalled far better than a long one; washout matters", () => {
    const short = q.esnCase(400, 1, 61);
    const long = q.esnCase(400, 30, 61);
    const a = q.esnReadoutReference(short.u, short.y, 40, 0.9, 3, 50, 250, 1e-6);
    const b = q.esnReadoutReference(long.u, long.y, 40, 0.9, 3, 50, 250, 1e-6);
    expect(a[1]).toBeLessThan(0.1);
    expect(b[1]).toBeGreaterThan(0.7);
    expect(a[0]).toBeLessThanOrEqual(a[1] + 0.05);
  });
});

describe("21.adamRun reference", () => {
  test("the first step moves every coordinate by about lr against its gradient's sign", () => {
    const th = q.adamRunReference(new Float64Array([1, -1, 0]), [[3, -0.01, 1e-3]], 0.1, 0.9, 0.999, 1e-8);
    expectClose(th, [0.9, -0.9, -0.1], 1e-4);
  });
});

describe("21.hopfieldRecall reference", () => {
  test("a few flipped bits are repaired; the energy never increases along asynchronous sweeps", () => {
    const { patterns, probe } = q.hopfieldCase(60, 3, 6, 71);
    expect(q.hopfieldRecallReference(patterns, probe, 3)).toEqual(patterns[0]);
    const noisy = q.hopfieldCase(60, 8, 20, 72);
    const energy = (s: number[]) => {
      let e = 0;
      for (const xi of noisy.patterns) {
        let o = 0;
        for (let i = 0; i < s.length; i++) o += xi[i] * s[i];
        e -= (o * o - s.length) / (2 * s.length); // E = −½ sᵀWs with W_ii = 0
      }
      return e;
    };
    let s = noisy.probe;
    for (let k = 0; k < 4; k++) {
      const next = q.hopfieldRecallReference(noisy.patterns, s, 1);
      expect(energy(next)).toBeLessThanOrEqual(energy(s) + 1e-12);
      s = next;
    }
  });
});

describe("the public checks name the typical mistakes", () => {
  const bad = (id: string, fn: unknown) => runCheck(id, fn).message;
  test("Kaplan–Yorke: not sorted; Adam: no bias correction; cross-entropy: summed; rollout: teacher forcing; Lyapunov: per step; Newton: wrong direction", () => {
    expect(bad("21.kaplanYorke", (l: number[]) => {
      let s = 0;
      let k = 0;
      while (k < l.length && s + l[k] >= 0) s += l[k++];
      return k === l.length ? k : k + s / Math.abs(l[k]);
    })).toMatch(/not sorted/);
    expect(bad("21.adamRun", (t0: Float64Array, grads: number[][], lr: number, b1: number, b2: number, eps: number) => {
      const th = Float64Array.from(t0);
      const m = new Float64Array(th.length);
      const v = new Float64Array(th.length);
      for (const g of grads) for (let i = 0; i < th.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        th[i] -= (lr * m[i]) / (Math.sqrt(v[i]) + eps);
      }
      return th;
    })).toMatch(/bias correction is missing/);
    expect(bad("21.crossEntropyGrad", (z: Float64Array, y: number[], K: number) => q.crossEntropyGradReference(z, y, K).map((g) => g * y.length))).toMatch(/summed loss/);
    expect(bad("21.rollout", (w: CellWeights, v: Float64Array, c: number, xs: Float64Array, h0: Float64Array) => q.rolloutReference(w, v, c, xs, h0, true))).toMatch(/you fed the true values/);
    expect(bad("21.lyapunovQR", (...a: Parameters<typeof q.lyapunovQRReference>) => q.lyapunovQRReference(...a).map((x) => x * a[6]))).toMatch(/number of Euler steps/);
    expect(bad("21.newtonStep", (j: Float64Array, n: number, input: Float64Array, h: Float64Array) => {
      const right = q.newtonStepReference(j, n, input, h);
      return h.map((v, i) => 2 * v - right[i]);
    })).toMatch(/stepped along \+DF/);
  });
});
