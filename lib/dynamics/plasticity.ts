/**
 * Short-term synaptic plasticity (Tsodyks & Markram 1997; the form of Mongillo, Barak & Tsodyks 2008).
 *
 * Each synapse has a utilisation u (release probability, facilitation) and a fraction x of
 * available resources (depression). Between presynaptic spikes
 *     du/dt = (U − u)/τ_F,      dx/dt = (1 − x)/τ_D
 * and at a spike u jumps first, then the release u·x is taken from the resources:
 *     u⁺ = u⁻ + U (1 − u⁻),     efficacy = u⁺ x⁻,     x⁺ = x⁻ − u⁺ x⁻.
 * With a rate r(t) instead of spikes (mean-field):
 *     du/dt = (U − u)/τ_F + U (1 − u) r,      dx/dt = (1 − x)/τ_D − u x r.
 * Small U with long τ_F gives facilitation; large U with long τ_D gives depression.
 * Times are in seconds, rates in Hz.
 */
import { checkOptions, requireAllocation } from "../core/options";
import { RnnlabError, badArgument, requireAllFinite, requireFinite, requireInt, requirePositive } from "../core/errors";

/** Tsodyks–Markram parameters. */
export interface StpParams {
  /** Baseline utilisation U ∈ (0, 1]. */
  U: number;
  /** Facilitation time constant τ_F (s). */
  tauF: number;
  /** Depression (recovery) time constant τ_D (s). */
  tauD: number;
}

/** A facilitating synapse (prefrontal-like, Mongillo et al. 2008): U = 0.2, τ_F = 1.5 s, τ_D = 0.2 s. */
export const FACILITATING_SYNAPSE: Readonly<StpParams> = { U: 0.2, tauF: 1.5, tauD: 0.2 };
/** A depressing synapse: U = 0.5, τ_F = 0.05 s, τ_D = 0.8 s. */
export const DEPRESSING_SYNAPSE: Readonly<StpParams> = { U: 0.5, tauF: 0.05, tauD: 0.8 };

function checkStp(where: string, p: StpParams): StpParams {
  if (p === null || typeof p !== "object") badArgument(where, "params", "an object {U, tauF, tauD}", p);
  requireFinite(where, "params.U", p.U, 0, 1);
  if (p.U === 0) badArgument(where, "params.U", "a number in (0, 1]", 0);
  requirePositive(where, "params.tauF", p.tauF);
  requirePositive(where, "params.tauD", p.tauD);
  return p;
}

/** Empty records of u, x and the efficacy u·x for n samples (spikes or time steps). */
function stpTrace(n: number): { u: Float64Array; x: Float64Array; efficacy: Float64Array } {
  return { u: new Float64Array(n), x: new Float64Array(n), efficacy: new Float64Array(n) };
}

/** Records u, x and the efficacy u·x at sample k. */
function record(trace: { u: Float64Array; x: Float64Array; efficacy: Float64Array }, k: number, u: number, x: number): void {
  trace.u[k] = u;
  trace.x[k] = x;
  trace.efficacy[k] = u * x;
}

/** The synaptic state at each presynaptic spike. */
export interface StpSpikeResponse {
  /** u just after each spike (u⁺). */
  u: Float64Array;
  /** x just before each spike (x⁻). */
  x: Float64Array;
  /** Efficacy u⁺ x⁻ of each spike (the fraction of resources released). */
  efficacy: Float64Array;
}

/**
 * Exact event-driven Tsodyks–Markram synapse driven by a spike train (sorted spike times in s),
 * starting at rest (u = U, x = 1). Between spikes u and x relax exponentially.
 */
export function tsodyksMarkramSpikes(spikeTimes: ArrayLike<number>, params: StpParams): StpSpikeResponse {
  const where = "tsodyksMarkramSpikes";
  requireAllFinite(where, "spikeTimes", spikeTimes);
  const { U, tauF, tauD } = checkStp(where, params);
  const n = spikeTimes.length;
  const trace = stpTrace(n);
  let uc = U;
  let xc = 1;
  let last = -Infinity;
  for (let k = 0; k < n; k++) {
    const t = spikeTimes[k];
    requireFinite(where, `spikeTimes[${k}]`, t);
    if (t < last) badArgument(where, "spikeTimes", "sorted in increasing order", spikeTimes);
    if (last > -Infinity) {
      const gap = t - last;
      uc = U + (uc - U) * Math.exp(-gap / tauF);
      xc = 1 + (xc - 1) * Math.exp(-gap / tauD);
    }
    uc = uc + U * (1 - uc);
    record(trace, k, uc, xc);
    xc = xc - uc * xc;
    last = t;
  }
  return trace;
}

/** A regular spike train: `count` spikes at `rate` Hz starting at `start` s. */
export function regularSpikeTrain(rate: number, count: number, start = 0): Float64Array {
  requirePositive("regularSpikeTrain", "rate", rate);
  requireInt("regularSpikeTrain", "count", count, 0);
  requireAllocation("regularSpikeTrain", "count", count);
  requireFinite("regularSpikeTrain", "start", start);
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) out[k] = start + k / rate;
  return out;
}

/** Trajectories of the rate-driven synapse. */
export interface StpRateTrajectory {
  u: Float64Array;
  x: Float64Array;
  /** u·x: the synaptic efficacy per unit rate. */
  efficacy: Float64Array;
}

/**
 * The mean-field synapse driven by a presynaptic rate r(t) [Hz] sampled every dt seconds,
 * integrated with forward Euler from rest (u = U, x = 1). Returns u, x, u·x at each sample.
 */
export function tsodyksMarkramRate(rates: ArrayLike<number>, dt: number, params: StpParams): StpRateTrajectory {
  const where = "tsodyksMarkramRate";
  requireAllFinite(where, "rates", rates);
  if (rates.length === 0) badArgument(where, "rates", "a non-empty array of rates", rates);
  for (let i = 0; i < rates.length; i++) if (rates[i] < 0) badArgument(where, `rates[${i}]`, "a rate >= 0 (Hz)", rates[i]);
  const { U, tauF, tauD } = checkStp(where, params);
  requirePositive(where, "dt", dt);
  if (dt > 0.5 * Math.min(tauF, tauD)) {
    badArgument(where, "dt", `<= min(tauF, tauD)/2 = ${0.5 * Math.min(tauF, tauD)} for a stable Euler step`, dt);
  }
  const T = rates.length;
  const trace = stpTrace(T);
  let uc = U;
  let xc = 1;
  for (let t = 0; t < T; t++) {
    const r = rates[t];
    if (!(r >= 0) || !Number.isFinite(r)) badArgument(where, `rates[${t}]`, "a finite rate >= 0", r);
    record(trace, t, uc, xc);
    const du = (U - uc) / tauF + U * (1 - uc) * r;
    const dx = (1 - xc) / tauD - uc * xc * r;
    uc = Math.min(1, uc + dt * du);
    xc = Math.max(0, xc + dt * dx);
  }
  return trace;
}

/** Configuration of the synaptic working-memory demonstration. */
export interface SilentMemoryConfig {
  /** Number of selective populations (default 4). */
  populations?: number;
  /** The population that gets the cue (default 0). */
  cued?: number;
  /** Synapse parameters (default FACILITATING_SYNAPSE). */
  synapse?: StpParams;
  /** Membrane/rate time constant τ (s, default 0.008). */
  tau?: number;
  /** Self-excitation J within a population (default 8). */
  selfCoupling?: number;
  /** Global inhibition from the mean rate (default 0.4). */
  inhibition?: number;
  /** Background input (default −3.5: baseline well below 1 Hz). */
  background?: number;
  /** Cue: extra input to the cued population, strength and time window [s] (default 3, [0.1, 0.35]). */
  cue?: { strength: number; start: number; end: number };
  /** Probe: nonspecific input to all populations (default 1.5, [1.3, 1.55]). */
  probe?: { strength: number; start: number; end: number };
  /** Total time (s, default 2). */
  duration?: number;
  /** Euler step (s, default 0.0005). */
  dt?: number;
}

/** Traces of the synaptic working-memory demonstration: [steps, P] row-major. */
export interface SilentMemoryResult {
  t: Float64Array;
  /** Rates (Hz) [steps, P]. */
  rate: Float64Array;
  u: Float64Array;
  x: Float64Array;
  populations: number;
  /** Mean rate of each population during the probe window. */
  probeResponse: Float64Array;
  /** Mean rate of each population in the delay just before the probe (the last 200 ms). */
  delayRate: Float64Array;
  /** u of each population at probe onset. */
  uAtProbe: Float64Array;
}

/** φ(h) = softplus(h)·rScale: a smooth threshold-linear rate function (Hz). */
function softRate(h: number): number {
  return 10 * (h > 20 ? h : Math.log1p(Math.exp(h)));
}

/**
 * A "silent" working memory held by facilitating synapses (after Mongillo, Barak & Tsodyks 2008),
 * in a population rate model. Population p has rate r_p = φ(h_p) and synapses (u_p, x_p):
 *     τ dh_p/dt = −h_p + J u_p x_p r_p/10 − J_I r̄/10 + I_b + I_p(t)
 * with the mean-field STP equations for u_p, x_p. A cue drives population `cued`; activity drops
 * back to baseline after the cue, but u stays elevated for ~τ_F; a nonspecific probe later
 * reactivates the cued population much more than the others: the memory is read out.
 */
export function silentMemoryDemo(config: SilentMemoryConfig = {}): SilentMemoryResult {
  checkOptions("silentMemoryDemo", config, ["populations", "cued", "synapse", "tau", "selfCoupling", "inhibition", "background", "cue", "probe", "duration", "dt"], { name: "config" });
  const where = "silentMemoryDemo";
  const P = requireInt(where, "populations", config.populations ?? 4);
  const cued = requireInt(where, "cued", config.cued ?? 0, 0);
  if (cued >= P) badArgument(where, "cued", `< populations = ${P}`, cued);
  const syn = checkStp(where, config.synapse ?? FACILITATING_SYNAPSE);
  const tau = requirePositive(where, "tau", config.tau ?? 0.008);
  const J = requireFinite(where, "selfCoupling", config.selfCoupling ?? 8, 0);
  const JI = requireFinite(where, "inhibition", config.inhibition ?? 0.4, 0);
  const Ib = requireFinite(where, "background", config.background ?? -3.5);
  const cue = config.cue ?? { strength: 3, start: 0.1, end: 0.35 };
  const probe = config.probe ?? { strength: 1.5, start: 1.3, end: 1.55 };
  const duration = requirePositive(where, "duration", config.duration ?? 2);
  const dt = requirePositive(where, "dt", config.dt ?? 0.0005);
  if (dt > tau / 2) badArgument(where, "dt", `<= tau/2 = ${tau / 2}`, dt);
  if (!(probe.start > cue.end && probe.end <= duration)) {
    throw new RnnlabError(`${where}: the probe must come after the cue and end by the duration`);
  }
  const steps = Math.round(duration / dt);
  const t = new Float64Array(steps);
  const rate = new Float64Array(steps * P);
  const U = new Float64Array(steps * P);
  const X = new Float64Array(steps * P);
  const h = new Float64Array(P).fill(Ib);
  const u = new Float64Array(P).fill(syn.U);
  const x = new Float64Array(P).fill(1);
  const r = new Float64Array(P);
  for (let s = 0; s < steps; s++) {
    const time = s * dt;
    t[s] = time;
    let mean = 0;
    for (let p = 0; p < P; p++) {
      r[p] = softRate(h[p]);
      mean += r[p] / P;
    }
    for (let p = 0; p < P; p++) {
      rate[s * P + p] = r[p];
      U[s * P + p] = u[p];
      X[s * P + p] = x[p];
      let I = Ib;
      if (p === cued && time >= cue.start && time < cue.end) I += cue.strength;
      if (time >= probe.start && time < probe.end) I += probe.strength;
      const drive = (J * u[p] * x[p] * r[p]) / 10 - (JI * mean) / 10 + I;
      const dh = (-h[p] + drive) / tau;
      const du = (syn.U - u[p]) / syn.tauF + syn.U * (1 - u[p]) * r[p];
      const dx = (1 - x[p]) / syn.tauD - u[p] * x[p] * r[p];
      h[p] += dt * dh;
      u[p] = Math.min(1, u[p] + dt * du);
      x[p] = Math.max(0, x[p] + dt * dx);
    }
  }
  const windowMean = (a: number, b: number): Float64Array => {
    const out = new Float64Array(P);
    let n = 0;
    for (let s = 0; s < steps; s++) {
      if (t[s] >= a && t[s] < b) {
        n++;
        for (let p = 0; p < P; p++) out[p] += rate[s * P + p];
      }
    }
    for (let p = 0; p < P; p++) out[p] /= Math.max(n, 1);
    return out;
  };
  const probeStep = Math.min(steps - 1, Math.round(probe.start / dt));
  return {
    t,
    rate,
    u: U,
    x: X,
    populations: P,
    probeResponse: windowMean(probe.start, probe.end),
    delayRate: windowMean(probe.start - 0.2, probe.start),
    uAtProbe: U.slice(probeStep * P, (probeStep + 1) * P),
  };
}
