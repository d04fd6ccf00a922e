/**
 * The dynamics on the kernel layer (issue 8, part 3): the random-network simulation, the
 * Lyapunov tangent-space updates, `integrateRateNetwork` and the echo-state reservoir run their
 * matrix–vector products through the resident SIMD product (1 and 2 threads); their results equal
 * their own plain loops (`setDynamicsResidentProducts(false)`) to ≤ 1e-12 relative, for N up to 2000.
 * Runs are short enough that chaos does not amplify the rounding differences beyond that.
 */
import { Rng } from "../../../lib/core/random";
import { randomCoupling } from "../../../lib/chaos/coupling";
import { simulateRandomNetwork } from "../../../lib/chaos/simulate";
import { largestLyapunovExponent, lyapunovSpectrum } from "../../../lib/chaos/lyapunov";
import { integrateRateNetwork } from "../../../lib/dynamics/rateNetwork";
import { EchoStateNetwork, ESN_DENSE_MIN_DENSITY } from "../../../lib/dynamics/esn";
import { setDynamicsResidentProducts } from "../../../lib/kernels/threads/residentMatVec";
import { disposeKernelThreads, kernelThreadHandoffs, setKernelThreads } from "../../../lib/kernels/threads/threadPool";

/** max |a − b| / max |b| (relative to the vector's scale: entries may pass through 0). */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return d / scale;
}

/** Runs `f` with the plain loops and with the resident products; returns both results. */
function bothWays<T>(f: () => T): { plain: T; fast: T } {
  const previous = setDynamicsResidentProducts(false);
  try {
    const plain = f();
    setDynamicsResidentProducts(true);
    return { plain, fast: f() };
  } finally {
    setDynamicsResidentProducts(previous);
  }
}

afterAll(async () => {
  setKernelThreads(1);
  await disposeKernelThreads();
});

describe.each([1, 2])("dynamics through the kernel layer, %i thread(s)", (threads) => {
  beforeAll(() => setKernelThreads(threads));

  test("simulateRandomNetwork (N = 300, g = 1.5, and N = 2000): final state, traces, ⟨h²⟩ equal to the plain loop to 1e-12", () => {
    for (const [n, steps] of [[300, 60], [2000, 8], [63, 50]]) {
      const j = randomCoupling({ n, g: 1.5, rng: new Rng(1) });
      const h0 = new Rng(2).normalArray(n);
      const handoffs = kernelThreadHandoffs();
      const { plain, fast } = bothWays(() => simulateRandomNetwork({ j, n, steps, dt: 0.1, h0, projections: [new Rng(3).normalArray(n)], rng: new Rng(4) }));
      expect(relDiff(fast.finalState, plain.finalState)).toBeLessThan(1e-12);
      expect(relDiff(fast.traces, plain.traces)).toBeLessThan(1e-12);
      expect(relDiff(fast.meanSquare, plain.meanSquare)).toBeLessThan(1e-12);
      expect(relDiff(fast.overlaps, plain.overlaps)).toBeLessThan(1e-12);
      // n = 63 is below the resident threshold: the plain loop itself, bit for bit
      // (for even N the SIMD lanes sum even and odd columns like the loop's two accumulators: equal bits)
      if (n < 64 || n % 2 === 0) expect(fast.finalState).toEqual(plain.finalState);
      // the worker shares the products for N ≥ 256 on 2 threads
      expect(kernelThreadHandoffs() > handoffs).toBe(threads === 2 && n >= 256);
    }
  });

  test("Lyapunov tangent-space updates (k = 1 and k = 3): exponents equal to the plain loop to 1e-12", () => {
    const n = 300;
    const j = randomCoupling({ n, g: 1.6, rng: new Rng(5) });
    const h0 = new Rng(6).normalArray(n);
    const one = bothWays(() => largestLyapunovExponent({ j, n, steps: 100, transientSteps: 0, h0, rng: new Rng(7) }));
    expect(Math.abs(one.fast.exponent - one.plain.exponent)).toBeLessThan(1e-12 * Math.abs(one.plain.exponent));
    expect(relDiff(one.fast.running, one.plain.running)).toBeLessThan(1e-12);
    const spec = bothWays(() => lyapunovSpectrum({ j, n, steps: 100, transientSteps: 0, count: 3, h0, rng: new Rng(7) }));
    expect(relDiff(spec.fast, spec.plain)).toBeLessThan(1e-12);
  });

  test("integrateRateNetwork, Euler and RK4, with a drive: trajectories equal to the plain loop to 1e-12", () => {
    const n = 400;
    const W = randomCoupling({ n, g: 1.2, rng: new Rng(8) });
    const h0 = new Rng(9).normalArray(n);
    const drive = new Rng(10).normalArray(n, 0, 0.3);
    for (const method of ["euler", "rk4"] as const) {
      const { plain, fast } = bothWays(() => integrateRateNetwork(W, n, { dt: 0.1, steps: 40, method, h0, drive }));
      expect(relDiff(fast, plain)).toBeLessThan(1e-12);
    }
  });

  test("echo-state reservoir: dense (density ≥ ESN_DENSE_MIN_DENSITY) states equal the CSR loop to 1e-12; sparse ones stay on CSR", () => {
    const u = new Rng(11).uniformArray(300, -0.5, 0.5);
    const esn = new EchoStateNetwork({ reservoirSize: 300, spectralRadius: 0.95, density: 0.1, leakRate: 0.5, biasScaling: 0.2, rng: new Rng(12) });
    expect(esn.density).toBeGreaterThanOrEqual(ESN_DENSE_MIN_DENSITY);
    const { plain, fast } = bothWays(() => esn.run(u));
    expect(relDiff(fast, plain)).toBeLessThan(1e-12);
    expect(fast).not.toEqual(plain);
    const sparse = new EchoStateNetwork({ reservoirSize: 300, density: 0.02, rng: new Rng(13) });
    const s = bothWays(() => sparse.run(u));
    expect(s.fast).toEqual(s.plain);
  });
});
