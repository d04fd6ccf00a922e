/**
 * Benchmark time series for reservoir computing: Mackey–Glass (chaotic for delay τ = 17) and NARMA-10.
 */
import { RnnlabError, badArgument, requireFinite, requireInt, requirePositive } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { checkOptions, requireAllocation, requireFiniteResult } from "../core/options";

/** Parameters of the Mackey–Glass delay equation. */
export interface MackeyGlassOptions {
  /** Number of samples returned. */
  length: number;
  /** Delay τ (default 17, mildly chaotic). */
  tau?: number;
  /** β (default 0.2). */
  beta?: number;
  /** γ (default 0.1). */
  gamma?: number;
  /** Exponent n (default 10). */
  n?: number;
  /** Integration step (default 0.1; τ/dt must be an integer). */
  dt?: number;
  /** Time between returned samples (default 1). */
  sampleEvery?: number;
  /** Time discarded at the start (default 500). */
  transient?: number;
  /** Constant initial history x(t ≤ 0) (default 1.2). */
  x0?: number;
}

/**
 * The Mackey–Glass series dx/dt = β x(t − τ) / (1 + x(t − τ)^n) − γ x(t), integrated with classic
 * RK4 at step dt; the delayed value at half steps is the mean of the two neighbouring grid values.
 * Returns `length` samples spaced `sampleEvery` apart after a transient.
 */
export function mackeyGlass(options: MackeyGlassOptions): Float64Array {
  if (options === undefined || options === null) badArgument("mackeyGlass", "options", "an object with at least length", options);
  checkOptions("mackeyGlass", options, ["length", "tau", "beta", "gamma", "n", "dt", "sampleEvery", "transient", "x0"]);
  const where = "mackeyGlass";
  const length = requireInt(where, "length", options.length);
  const tau = requirePositive(where, "tau", options.tau ?? 17);
  const beta = requireFinite(where, "beta", options.beta ?? 0.2);
  const gamma = requireFinite(where, "gamma", options.gamma ?? 0.1);
  const n = requireFinite(where, "n", options.n ?? 10);
  const dt = requirePositive(where, "dt", options.dt ?? 0.1);
  const sampleEvery = requirePositive(where, "sampleEvery", options.sampleEvery ?? 1);
  const transient = requireFinite(where, "transient", options.transient ?? 500, 0);
  const x0 = requireFinite(where, "x0", options.x0 ?? 1.2);
  const lag = Math.round(tau / dt);
  if (Math.abs(lag * dt - tau) > 1e-9 * tau) throw new RnnlabError(`${where}: tau/dt must be an integer, got ${tau}/${dt}`);
  const every = Math.round(sampleEvery / dt);
  if (every < 1 || Math.abs(every * dt - sampleEvery) > 1e-9 * sampleEvery) {
    throw new RnnlabError(`${where}: sampleEvery/dt must be a positive integer, got ${sampleEvery}/${dt}`);
  }
  const skip = Math.round(transient / dt);
  const totalSteps = skip + (length - 1) * every;
  requireAllocation(where, "length", lag + totalSteps + 1);
  const x = new Float64Array(lag + totalSteps + 1);
  x.fill(x0, 0, lag + 1); // history on [−τ, 0]
  const f = (xt: number, xd: number): number => (beta * xd) / (1 + xd ** n) - gamma * xt;
  for (let s = 0; s < totalSteps; s++) {
    const i = lag + s; // index of the current time
    const d0 = x[i - lag];
    const d1 = x[i - lag + 1];
    const dm = 0.5 * (d0 + d1);
    const xi = x[i];
    const k1 = f(xi, d0);
    const k2 = f(xi + 0.5 * dt * k1, dm);
    const k3 = f(xi + 0.5 * dt * k2, dm);
    const k4 = f(xi + dt * k3, d1);
    x[i + 1] = xi + (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  const out = new Float64Array(length);
  for (let k = 0; k < length; k++) out[k] = x[lag + skip + k * every];
  requireFiniteResult(where, "x(t)", out, "dt too large, or beta, gamma, n or x0 out of the usual range (a negative delayed value raised to a fractional n)");
  return out;
}

/** Input and target of the NARMA-10 task. */
export interface NarmaSeries {
  /** u(t) ~ U[0, 0.5]. */
  input: Float64Array;
  /** y(t). */
  target: Float64Array;
}

/**
 * NARMA-10 (Atiya & Parlos 2000): u(t) ~ U[0, 0.5] i.i.d. and
 *   y(t+1) = 0.3 y(t) + 0.05 y(t) Σ_{i=0}^{9} y(t−i) + 1.5 u(t−9) u(t) + 0.1.
 * The task is to output y(t) from the input history; it needs ~10 steps of memory and a
 * nonlinearity. Throws if the rare divergence of the recursion happens.
 */
export function narma10(length: number, rng?: Rng): NarmaSeries {
  requireInt("narma10", "length", length);
  requireAllocation("narma10", "length", 2 * length);
  const r = rngOrDefault(rng, "narma10");
  const input = r.uniformArray(length, 0, 0.5);
  const target = new Float64Array(length);
  for (let t = 9; t < length - 1; t++) {
    let s = 0;
    for (let i = 0; i < 10; i++) s += target[t - i];
    target[t + 1] = 0.3 * target[t] + 0.05 * target[t] * s + 1.5 * input[t - 9] * input[t] + 0.1;
    if (!Number.isFinite(target[t + 1]) || Math.abs(target[t + 1]) > 1e3) {
      throw new RnnlabError(`narma10: the recursion diverged at t = ${t + 1}; use another seed`);
    }
  }
  return { input, target };
}
