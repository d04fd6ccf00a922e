/**
 * Balanced excitatory–inhibitory networks (van Vreeswijk & Sompolinsky 1996, as rate units).
 *
 * N_E excitatory and N_I inhibitory threshold-linear units; every unit receives exactly K inputs from
 * each population with weights J_AB/√K (A, B ∈ {E, I}; J_·E > 0, J_·I < 0: Dale's law) and an
 * external excitatory drive √K J_A0 m0:
 *     τ_A dr_i/dt = −r_i + [ √K J_A0 m0 + Σ_{j∈E} J_AE/√K r_j + Σ_{j∈I} J_AI/√K r_j ]_+
 * Excitation and inhibition each grow like √K, but the rates settle where they cancel to O(1):
 * to leading order J_A0 m0 + J_AE m_E + J_AI m_I = 0, which fixes the mean rates m_E, m_I.
 */
import { badArgument, requireFinite, requireInt, requirePositive } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { checkOptions } from "../core/options";

/** Configuration of a balanced network. */
export interface BalancedNetworkConfig {
  /** N_E (default 800). */
  excitatory?: number;
  /** N_I (default 200). */
  inhibitory?: number;
  /** Inputs per unit from each population, K ≤ min(N_E, N_I) (default 100). */
  K?: number;
  /** Couplings (defaults J_EE = 1, J_EI = −2, J_IE = 1, J_II = −1.8, J_E0 = 1, J_I0 = 0.8). */
  JEE?: number;
  JEI?: number;
  JIE?: number;
  JII?: number;
  JE0?: number;
  JI0?: number;
  /** External rate m0 (default 0.1). */
  m0?: number;
  /** Time constants (default τ_E = 1, τ_I = 0.5). */
  tauE?: number;
  tauI?: number;
  /** Euler step (default 0.05). */
  dt?: number;
  /** Steps simulated (default 600); averages are taken over the second half. */
  steps?: number;
  rng?: Rng;
}

/** Measured cancellation of a balanced network (time averages over the second half). */
export interface BalanceMeasurement {
  K: number;
  /** Mean excitatory input (external + recurrent E) to E units. */
  meanExcitatoryInput: number;
  /** Mean inhibitory input (recurrent I, negative) to E units. */
  meanInhibitoryInput: number;
  /** Mean net input to E units. */
  meanNetInput: number;
  /** |net| / excitatory: how much of the excitation survives (small in the balanced state). */
  cancellationRatio: number;
  /** Mean rates of the E and I populations. */
  rateE: number;
  rateI: number;
  /** The balanced-state prediction (K → ∞) of the mean rates from the linear balance equations. */
  predictedRateE: number;
  predictedRateI: number;
  /** Mean E rate per step (population activity over time). */
  rateTraceE: Float64Array;
}

/**
 * Simulates a balanced E–I rate network and measures the cancellation of excitation and inhibition.
 */
export function simulateBalancedNetwork(config: BalancedNetworkConfig = {}): BalanceMeasurement {
  checkOptions("simulateBalancedNetwork", config, ["excitatory", "inhibitory", "K", "JEE", "JEI", "JIE", "JII", "JE0", "JI0", "m0", "tauE", "tauI", "dt", "steps", "rng"], { name: "config" });
  const where = "simulateBalancedNetwork";
  const NE = requireInt(where, "excitatory", config.excitatory ?? 800);
  const NI = requireInt(where, "inhibitory", config.inhibitory ?? 200);
  const K = requireInt(where, "K", config.K ?? 100);
  if (K > Math.min(NE, NI)) badArgument(where, "K", `an integer <= min(excitatory, inhibitory) = ${Math.min(NE, NI)}`, K);
  const JEE = requireFinite(where, "JEE", config.JEE ?? 1, 0);
  const JIE = requireFinite(where, "JIE", config.JIE ?? 1, 0);
  const JEI = requireFinite(where, "JEI", config.JEI ?? -2, -Infinity, 0);
  const JII = requireFinite(where, "JII", config.JII ?? -1.8, -Infinity, 0);
  const JE0 = requireFinite(where, "JE0", config.JE0 ?? 1, 0);
  const JI0 = requireFinite(where, "JI0", config.JI0 ?? 0.8, 0);
  const m0 = requireFinite(where, "m0", config.m0 ?? 0.1, 0);
  const tauE = requirePositive(where, "tauE", config.tauE ?? 1);
  const tauI = requirePositive(where, "tauI", config.tauI ?? 0.5);
  const dt = requirePositive(where, "dt", config.dt ?? 0.05);
  if (dt > Math.min(tauE, tauI)) badArgument(where, "dt", `<= min(tauE, tauI) = ${Math.min(tauE, tauI)}`, dt);
  const steps = requireInt(where, "steps", config.steps ?? 600, 2);
  const rng = rngOrDefault(config.rng);
  const N = NE + NI;
  const sq = Math.sqrt(K);
  // K distinct presynaptic partners from each population (partial Fisher-Yates per unit).
  const preE = new Int32Array(N * K);
  const preI = new Int32Array(N * K);
  const poolE = Int32Array.from({ length: NE }, (_, j) => j);
  const poolI = Int32Array.from({ length: NI }, (_, j) => NE + j);
  const pick = (pool: Int32Array, dst: Int32Array, off: number): void => {
    for (let k = 0; k < K; k++) {
      const m = k + Math.floor(rng.random() * (pool.length - k));
      const tmp = pool[k];
      pool[k] = pool[m];
      pool[m] = tmp;
      dst[off + k] = pool[k];
    }
  };
  for (let i = 0; i < N; i++) {
    pick(poolE, preE, i * K);
    pick(poolI, preI, i * K);
  }
  const r = rng.uniformArray(N, 0, 2 * m0);
  const next = new Float64Array(N);
  const start = Math.floor(steps / 2);
  let sumE = 0;
  let sumI = 0;
  let sumRateE = 0;
  let sumRateI = 0;
  const rateTraceE = new Float64Array(steps);
  for (let s = 0; s < steps; s++) {
    let stepE = 0;
    let stepI = 0;
    for (let i = 0; i < N; i++) {
      const isE = i < NE;
      let e = 0;
      let inh = 0;
      for (let k = 0; k < K; k++) {
        e += r[preE[i * K + k]];
        inh += r[preI[i * K + k]];
      }
      const excit = sq * (isE ? JE0 : JI0) * m0 + ((isE ? JEE : JIE) / sq) * e;
      const inhib = ((isE ? JEI : JII) / sq) * inh;
      const net = excit + inhib;
      if (isE) {
        stepE += excit;
        stepI += inhib;
      }
      const tau = isE ? tauE : tauI;
      next[i] = r[i] + (dt / tau) * (-r[i] + (net > 0 ? net : 0));
    }
    r.set(next);
    let mE = 0;
    let mI = 0;
    for (let i = 0; i < N; i++) {
      if (i < NE) mE += r[i];
      else mI += r[i];
    }
    rateTraceE[s] = mE / NE;
    if (s >= start) {
      sumE += stepE / NE;
      sumI += stepI / NE;
      sumRateE += mE / NE;
      sumRateI += mI / NI;
    }
  }
  const n = steps - start;
  const meanE = sumE / n;
  const meanI = sumI / n;
  const net = meanE + meanI;
  // Balance equations: JE0 m0 + JEE mE + JEI mI = 0, JI0 m0 + JIE mE + JII mI = 0.
  const det = JEE * JII - JEI * JIE;
  const predictedRateE = det === 0 ? NaN : (-JE0 * m0 * JII + JEI * JI0 * m0) / det;
  const predictedRateI = det === 0 ? NaN : (-JEE * JI0 * m0 + JIE * JE0 * m0) / det;
  return {
    K,
    meanExcitatoryInput: meanE,
    meanInhibitoryInput: meanI,
    meanNetInput: net,
    cancellationRatio: Math.abs(net) / meanE,
    rateE: sumRateE / n,
    rateI: sumRateI / n,
    predictedRateE,
    predictedRateI,
    rateTraceE,
  };
}
