import { Rng } from "../../../lib/core/random";
import { eigenvalues } from "../../../lib/linalg/eigenvalues";
import { integrateRateNetwork } from "../../../lib/dynamics/rateNetwork";
import { coolingEuler, eulerAmplification, eulerRegime, eulerStableStep, linearRnnGradientNorms } from "../../../lib/dynamics/eulerStability";

describe("forward Euler on the cooling law", () => {
  test("amplification factor and regimes", () => {
    expect(eulerAmplification(2, 0.25)).toBeCloseTo(0.5, 15);
    expect(eulerAmplification(2, 0.75)).toBeCloseTo(0.5, 15);
    expect(eulerAmplification(2, 1.5)).toBeCloseTo(2, 15);
    expect(eulerRegime(1, 0.5)).toBe("stable");
    expect(eulerRegime(1, 1)).toBe("stable");
    expect(eulerRegime(1, 1.5)).toBe("oscillating");
    expect(eulerRegime(1, 2)).toBe("neutral");
    expect(eulerRegime(1, 2.5)).toBe("exploding");
  });

  test("Euler values are (1 − kΔt)^n y0; the exact solution always decays", () => {
    for (const kdt of [0.5, 1.5, 2.5]) {
      const { euler, exact } = coolingEuler(1, kdt, 30, 2);
      for (let n = 0; n <= 30; n++) expect(euler[n]).toBeCloseTo(2 * (1 - kdt) ** n, 10);
      expect(exact[30]).toBeLessThan(exact[0]);
    }
    expect(Math.abs(coolingEuler(1, 0.5, 30).euler[30])).toBeLessThan(1e-8);
    const osc = coolingEuler(1, 1.5, 6).euler;
    expect(osc[1]).toBeLessThan(0);
    expect(osc[2]).toBeGreaterThan(0);
    expect(Math.abs(coolingEuler(1, 2.5, 30).euler[30])).toBeGreaterThan(1e5);
  });

  test("the linear RNN's gradient norm is the same power |1 − kΔt|^s", () => {
    for (const kdt of [0.3, 1.7, 2.2]) {
      const g = linearRnnGradientNorms(1 - kdt, 25);
      const y = coolingEuler(1, kdt, 25).euler;
      for (let s = 0; s <= 25; s++) expect(g[s]).toBeCloseTo(Math.abs(y[s]), 8);
    }
  });

  test("largest stable step of a linear rate network from its eigenvalues", () => {
    // W = 0: τ dh/dt = −h, stable for Δt < 2τ
    expect(eulerStableStep([0], [0], 1)).toBeCloseTo(2, 15);
    expect(eulerStableStep([0.5, -3], [0, 0], 2)).toBeCloseTo(2 * (2 / 4), 12);
    expect(eulerStableStep([1.2], [0])).toBe(0);
  });

  test("the eigenvalue bound separates decaying from growing Euler runs of a linear rate network", () => {
    const n = 40;
    const W = new Rng(3).normalArray(n * n, 0, 0.8 / Math.sqrt(n));
    const { re, im } = eigenvalues(W, n);
    const dtMax = eulerStableStep(re, im);
    const h0 = new Rng(4).uniformArray(n, -1, 1);
    const normAfter = (dt: number, steps: number): number => {
      const traj = integrateRateNetwork(W, n, { dt, steps, h0, nonlinearity: "linear" });
      let s = 0;
      for (let i = 0; i < n; i++) s += traj[steps * n + i] ** 2;
      return Math.sqrt(s);
    };
    expect(normAfter(0.97 * dtMax, 2000)).toBeLessThan(1e-3);
    expect(normAfter(1.03 * dtMax, 2000)).toBeGreaterThan(1e3);
  });

  test("a time-dependent drive is used at the right times (RK4 on dh/dt = −h + t)", () => {
    // τ dh/dt = −h + φ(I(t)) with linear φ and I(t) = t: h(t) = t − 1 + e^{−t} from h(0) = 0
    const traj = integrateRateNetwork(new Float64Array(1), 1, { dt: 0.01, steps: 200, method: "rk4", nonlinearity: "linear", drive: (t) => new Float64Array([t]) });
    expect(traj[200]).toBeCloseTo(2 - 1 + Math.exp(-2), 9);
  });

  test("bad input names the argument", () => {
    expect(() => coolingEuler(1, 0, 5)).toThrow(/coolingEuler: dt must be a finite number > 0, got 0/);
    expect(() => coolingEuler(1, -0.1, 5)).toThrow(/dt/);
    expect(() => coolingEuler(-1, 0.1, 5)).toThrow(/k must be/);
    expect(() => eulerRegime(1, -1)).toThrow(/dt/);
  });
});
