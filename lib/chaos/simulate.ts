/**
 * The random rate network of the transition to chaos, integrated with forward Euler:
 *
 *   dh/dt = −h + J φ(h) (+ optional white noise),   φ = tanh,
 *   h(t+Δt) = h(t) + Δt·(−h(t) + J tanh(h(t))) + σ√Δt·ξ(t),   ξ ~ N(0, I).
 *
 * Time is in units of the neuronal time constant τ = 1. Specialised and fast:
 * one contiguous pass over J per step, no allocation inside the loop; for N ≥ 64 the product
 * J tanh(h) is the kernel layer's resident SIMD matrix–vector product (`residentMatVecIfFaster`:
 * float64, equal to the plain loop to rounding). The step itself is the kernels' `eulerTanhSteps`.
 * (The general rate network with inputs and training lives in `lib/dynamics`.)
 */
import { badArgument, requireFinite, requireInt, requirePositive } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { RnnlabError } from "../core/errors";
import { requireAllocation, requireOptions } from "../core/options";
import { requireCoupling, requireState } from "./checks";
import { eulerTanhSteps, plainMatVec, residentMatVecIfFaster } from "../kernels";

/** What to simulate and what to record. */
export interface RandomNetworkSimulationConfig {
  /** Coupling matrix, row-major N×N. */
  j: Float64Array;
  /** Number of neurons N. */
  n: number;
  /** Number of Euler steps recorded (after the transient). */
  steps: number;
  /** Euler step Δt in units of τ (default 0.1). */
  dt?: number;
  /** Steps run before recording starts (default 0). */
  transientSteps?: number;
  /** Initial state h(0) (default: h_i ~ N(0, 1) from rng). Not modified. */
  h0?: Float64Array;
  /** Neurons whose h_i(t) are recorded (default: the first min(N, 10)). */
  recordNeurons?: number[];
  /** Record every k-th step (default 1). */
  recordEvery?: number;
  /** Vectors v_μ for the overlaps κ_μ(t) = v_μᵀ φ(h(t)) / N (default none). */
  projections?: Float64Array[];
  /** Std σ of additive white noise (default 0: deterministic). */
  noiseStd?: number;
  /** Random generator for h0 and noise (default: the shared `defaultRng`). */
  rng?: Rng;
}

/** Recorded activity. T = number of recorded time points. */
export interface RandomNetworkSimulation {
  /** Times of the records, length T (transient excluded; t = 0 at its end). */
  times: Float64Array;
  /** Recorded neurons, length k. */
  neurons: number[];
  /** h of the recorded neurons, [T, k] row-major: traces[t*k + c]. */
  traces: Float64Array;
  /** Overlaps κ_μ(t), [T, P] row-major (P = number of projections). */
  overlaps: Float64Array;
  /** Population mean of h_i² at each record, length T. */
  meanSquare: Float64Array;
  /** The state at the end, length N. */
  finalState: Float64Array;
}

/**
 * Simulates dh/dt = −h + J tanh(h) with forward Euler and records traces,
 * overlaps with given vectors and the population activity ⟨h²⟩.
 *
 * @example
 * const J = randomCoupling({ n: 300, g: 1.5 });
 * const sim = simulateRandomNetwork({ j: J, n: 300, steps: 2000, dt: 0.1 });
 */
export function simulateRandomNetwork(config: RandomNetworkSimulationConfig): RandomNetworkSimulation {
  const where = "simulateRandomNetwork";
  requireOptions(where, config, ["j", "n", "steps", "dt", "transientSteps", "h0", "recordNeurons", "recordEvery", "projections", "noiseStd", "rng"], { name: "config", expected: "an object { j, n, steps, ... }" });
  const n = requireCoupling(where, config.j, config.n);
  const steps = requireInt(where, "steps", config.steps, 1);
  const dt = requirePositive(where, "dt", config.dt ?? 0.1);
  const transient = requireInt(where, "transientSteps", config.transientSteps ?? 0, 0);
  const every = requireInt(where, "recordEvery", config.recordEvery ?? 1, 1);
  const sigma = requireFinite(where, "noiseStd", config.noiseStd ?? 0, 0);
  const rng = rngOrDefault(config.rng);
  const neurons = config.recordNeurons ?? Array.from({ length: Math.min(n, 10) }, (_, i) => i);
  neurons.forEach((i, c) => {
    if (!Number.isInteger(i) || i < 0 || i >= n) badArgument(where, `recordNeurons[${c}]`, `an integer in [0, ${n - 1}]`, i);
  });
  const projections = config.projections ?? [];
  projections.forEach((v, p) => {
    if (!(v instanceof Float64Array) || v.length !== n) badArgument(where, `projections[${p}]`, `a Float64Array of length n = ${n}`, v);
  });
  const h = config.h0 !== undefined ? Float64Array.from(requireState(where, "h0", config.h0, n)) : rng.normalArray(n);
  const j = config.j;
  const r = new Float64Array(n);
  const k = neurons.length;
  const P = projections.length;
  if (config.recordNeurons !== undefined && !Array.isArray(config.recordNeurons)) badArgument(where, "recordNeurons", "an array of neuron indices", config.recordNeurons);
  if (config.projections !== undefined && !Array.isArray(config.projections)) badArgument(where, "projections", "an array of Float64Array", config.projections);
  requireInt(where, "steps + transientSteps", transient + steps, 1);
  const T = Math.floor(steps / every);
  requireAllocation(where, "steps", T * (k + P + 2));
  const diverged = (step: number): never => {
    throw new RnnlabError(
      `${where}: the state became non-finite at step ${step - transient} (of ${steps}, after ${transient} transient steps); ` +
        `likely cause: dt = ${dt} is too large for forward Euler (use dt <= 0.5) or j/h0/noiseStd has values too large`,
    );
  };
  const times = new Float64Array(T);
  const traces = new Float64Array(T * k);
  const overlaps = new Float64Array(T * P);
  const meanSquare = new Float64Array(T);
  const noiseScale = sigma * Math.sqrt(dt);
  let rec = 0;
  // J stays resident in WebAssembly memory for the whole run when that pays (N ≥ 64)
  const mv = residentMatVecIfFaster(j, n, n, transient + steps);
  const product = mv ?? plainMatVec(j, n, n);
  const scratch = { r, jr: new Float64Array(n) };
  try {
    for (let step = 1; step <= transient + steps; step++) {
      eulerTanhSteps(product, h, dt, 1, scratch);
      if (noiseScale > 0) for (let i = 0; i < n; i++) h[i] += noiseScale * rng.normal();
      const s = step - transient;
      if (s <= 0 || s % every !== 0 || rec >= T) continue;
      times[rec] = s * dt;
      for (let c = 0; c < k; c++) traces[rec * k + c] = h[neurons[c]];
      let ms = 0;
      for (let i = 0; i < n; i++) ms += h[i] * h[i];
      if (ms - ms !== 0) diverged(step);
      meanSquare[rec] = ms / n;
      for (let p = 0; p < P; p++) {
        const v = projections[p];
        let kappa = 0;
        for (let i = 0; i < n; i++) kappa += v[i] * Math.tanh(h[i]);
        overlaps[rec * P + p] = kappa / n;
      }
      rec++;
    }
  } finally {
    mv?.dispose();
  }
  for (let i = 0; i < n; i++) if (h[i] - h[i] !== 0) diverged(transient + steps);
  return { times, neurons, traces, overlaps, meanSquare, finalState: h };
}

