/**
 * Fixed and slow points of a map by minimising the speed q(h) = ½‖F(h) − h‖²
 * (Sussillo & Barak 2013), from many initial states (typically states visited on
 * trajectories of the trained network).
 *
 * Each start is descended with Adam on q (bounded by `maxIterations`), then polished by
 * Newton steps on F(h) − h = 0 (h ← h − (J − I)⁻¹(F(h) − h)), each accepted only if it
 * lowers q. A result with q ≤ `fixedTolerance` is a fixed point; a larger local minimum is
 * a slow point. Points closer than `uniqueDistance` are merged (the lowest q is kept).
 *
 * ```ts
 * const map = tanhRnnMap({ weight: W, bias: b });
 * const found = fixedPoints(map, { initialStates: statesOnTrajectories });
 * found.unique.forEach((p) => console.log(p.kind, p.q));
 * ```
 */
import { RnnlabError, badArgument, requireFinite, requireInt, requirePositive } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { solveLinear } from "./solve";
import { speedGradient } from "./speed";
import { DiscreteMap, requireMap, requireStateOf } from "./systems";
import { requireOptions } from "../core/options";

/** Options of `fixedPoints` (all but `initialStates` have defaults). */
export interface FixedPointOptions {
  /** Starting states, each of length N (e.g. sampled from the network's trajectories). */
  initialStates: readonly ArrayLike<number>[];
  /** Standard deviation of Gaussian noise added to every start (default 0). */
  noise?: number;
  /** Adam steps per start, at most (default 1000). */
  maxIterations?: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
  /** Stop the descent of a start when q falls below this (default 1e-14). */
  qTolerance?: number;
  /** Newton refinement steps after the descent (default 20; 0 to skip). */
  newtonSteps?: number;
  /** q at or below which a point counts as a fixed point rather than a slow point (default 1e-10). */
  fixedTolerance?: number;
  /** Points closer than this (Euclidean) are one point (default 1e-3). */
  uniqueDistance?: number;
  /** Random generator for `noise` (default: the shared one). */
  rng?: Rng;
}

/** One point found. */
export interface FixedPoint {
  /** The state h*. */
  h: Float64Array;
  /** q(h*) = ½‖F(h*) − h*‖². */
  q: number;
  /** "fixed" if q ≤ fixedTolerance, else "slow". */
  kind: "fixed" | "slow";
  /** Adam steps taken. */
  iterations: number;
  /** Index of the start it came from. */
  start: number;
}

/** What `fixedPoints` returns. */
export interface FixedPointResult {
  /** One result per start, in order. */
  all: FixedPoint[];
  /** Distinct points, lowest q first. */
  unique: FixedPoint[];
  /** How many starts converged to q ≤ fixedTolerance. */
  fixedCount: number;
}


/** Finds fixed and slow points of `map` from every initial state. */
export function fixedPoints(map: DiscreteMap, options: FixedPointOptions): FixedPointResult {
  const where = "fixedPoints";
  requireOptions(where, options, ["initialStates", "noise", "maxIterations", "learningRate", "qTolerance", "newtonSteps", "fixedTolerance", "uniqueDistance", "rng"], { expected: "an object {initialStates, ...}" });
  const m = requireMap(where, map);
  if (!Array.isArray(options.initialStates) || options.initialStates.length === 0) {
    badArgument(where, "initialStates", "a non-empty array of states", options.initialStates);
  }
  const noise = requireFinite(where, "noise", options.noise ?? 0, 0);
  const maxIterations = requireInt(where, "maxIterations", options.maxIterations ?? 1000, 0);
  const lr = requirePositive(where, "learningRate", options.learningRate ?? 0.01);
  const qTol = requireFinite(where, "qTolerance", options.qTolerance ?? 1e-14, 0);
  const newtonSteps = requireInt(where, "newtonSteps", options.newtonSteps ?? 20, 0);
  const fixedTol = requireFinite(where, "fixedTolerance", options.fixedTolerance ?? 1e-10, 0);
  const uniqueDistance = requireFinite(where, "uniqueDistance", options.uniqueDistance ?? 1e-3, 0);
  const rng = rngOrDefault(options.rng);
  const starts = options.initialStates.map((s, i) => {
    try {
      return requireStateOf(m, where, s);
    } catch (e) {
      throw new RnnlabError(`${where}: initialStates[${i}]: ${(e as Error).message}`);
    }
  });

  const all: FixedPoint[] = starts.map((s, start) => {
    const h = Float64Array.from(s);
    if (noise > 0) for (let i = 0; i < h.length; i++) h[i] += noise * rng.normal();
    const { h: best, q, iterations } = descend(m, h, maxIterations, lr, qTol);
    const polished = newton(m, best, q, newtonSteps);
    if (!Number.isFinite(polished.q)) throw new RnnlabError(`${where}: q became non-finite from start ${start}`);
    return { h: polished.h, q: polished.q, kind: polished.q <= fixedTol ? "fixed" : "slow", iterations, start };
  });
  return { all, unique: uniquePoints(all, uniqueDistance), fixedCount: all.filter((p) => p.kind === "fixed").length };
}

/** Adam on q from h; returns the lowest-q state seen. */
function descend(m: DiscreteMap, h: Float64Array, maxIterations: number, lr: number, qTol: number): { h: Float64Array; q: number; iterations: number } {
  const n = m.n;
  const mom = new Float64Array(n);
  const vel = new Float64Array(n);
  const b1 = 0.9;
  const b2 = 0.999;
  let best = Float64Array.from(h);
  let bestQ = Infinity;
  let it = 0;
  for (; it < maxIterations; it++) {
    const { q, grad } = speedGradient(m, h);
    if (q < bestQ) {
      bestQ = q;
      best = Float64Array.from(h);
    }
    if (q <= qTol) break;
    // Adam step
    const c1 = 1 - b1 ** (it + 1);
    const c2 = 1 - b2 ** (it + 1);
    for (let i = 0; i < n; i++) {
      mom[i] = b1 * mom[i] + (1 - b1) * grad[i];
      vel[i] = b2 * vel[i] + (1 - b2) * grad[i] * grad[i];
      h[i] -= (lr * (mom[i] / c1)) / (Math.sqrt(vel[i] / c2) + 1e-12);
    }
  }
  if (it === maxIterations) {
    const q = speedGradient(m, h).q;
    if (q < bestQ) {
      bestQ = q;
      best = Float64Array.from(h);
    }
  }
  return { h: best, q: bestQ, iterations: it };
}

/** Newton steps on F(h) − h = 0, each kept only if q decreases. */
function newton(m: DiscreteMap, h0: Float64Array, q0: number, steps: number): { h: Float64Array; q: number } {
  const n = m.n;
  let h = h0;
  let q = q0;
  for (let s = 0; s < steps && q > 0; s++) {
    const f = m.apply(h);
    const jac = m.jacobian(h);
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      r[i] = h[i] - f[i]; // right-hand side −(F(h) − h)
      jac[i * n + i] -= 1; // J − I
    }
    const delta = solveLinear(jac, r, n);
    if (!delta) break;
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = h[i] + delta[i];
    if (!next.every(Number.isFinite)) break;
    const f2 = m.apply(next);
    let q2 = 0;
    for (let i = 0; i < n; i++) q2 += (f2[i] - next[i]) ** 2;
    q2 /= 2;
    if (!(q2 < q)) break;
    h = next;
    q = q2;
  }
  return { h, q };
}

/** Merges points closer than `distance`, keeping the lowest q; sorted by q. */
function uniquePoints(points: FixedPoint[], distance: number): FixedPoint[] {
  const sorted = [...points].sort((a, b) => a.q - b.q);
  const kept: FixedPoint[] = [];
  for (const p of sorted) {
    const near = kept.some((k) => {
      let d = 0;
      for (let i = 0; i < p.h.length; i++) d += (p.h[i] - k.h[i]) ** 2;
      return Math.sqrt(d) < distance;
    });
    if (!near) kept.push(p);
  }
  return kept;
}
