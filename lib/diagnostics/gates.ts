/**
 * Gate statistics over time: the mean (and spread) of every gate at every step.
 *
 * The LSTM's forget gate f_t decides how much of the cell state survives a step:
 * over ℓ steps a gradient along the cell path is scaled by ∏ f, so a forget gate
 * held near 1 keeps gradients alive (0.99^49 ≈ 0.61) where a vanilla RNN's
 * per-step factor of 0.9 leaves 0.9^49 ≈ 0.006. The GRU's update gate z plays the
 * same role (h_t = (1 − z) n + z h_{t−1}).
 */
import { badArgument, requireFinite } from "../core/errors";
import { SequenceBatch } from "../nn/sequenceBatch";
import { RecurrentNetwork, layerIndex, recurrentOf } from "./common";
import { checkOptions } from "../core/options";

/** Options of `gateStatistics`. */
export interface GateStatisticsOptions {
  /** Which layer (default: the top one). */
  layer?: number;
  /** Which direction (default 0). */
  direction?: number;
  h0?: Float64Array;
  c0?: Float64Array;
  /** A gate value below this or above 1 − this counts as saturated (default 0.05). */
  saturation?: number;
}

/** Per-step statistics of every gate. */
export interface GateStatistics {
  /** Gate names: i, f, g, o (LSTM); r, z, n (GRU); h (RNN: the activation). */
  names: string[];
  /** Time steps 0 … T−1. */
  t: number[];
  /** mean[gate][t]: mean over valid sequences and units. */
  mean: Record<string, number[]>;
  /** std[gate][t]: standard deviation over valid sequences and units. */
  std: Record<string, number[]>;
  /** saturated[gate][t]: fraction of values < s or > 1 − s (σ gates), |value| > 1 − s (tanh). */
  saturated: Record<string, number[]>;
  /** One row per (t, gate): {t, gate, mean, std, saturated} — for showTable / toDataFrame. */
  records: { t: number; gate: string; mean: number; std: number; saturated: number }[];
}

/**
 * Runs the network forward over `batch` and summarises its gate activations step by step
 * (padded steps of shorter sequences are left out).
 */
export function gateStatistics(net: RecurrentNetwork, batch: SequenceBatch, options: GateStatisticsOptions = {}): GateStatistics {
  checkOptions("gateStatistics", options, ["layer", "direction", "h0", "c0", "saturation"]);
  const where = "gateStatistics";
  const rnn = recurrentOf(where, net);
  const l = layerIndex(where, rnn, options.layer);
  const dir = options.direction ?? 0;
  if (dir !== 0 && dir !== 1) badArgument(where, "direction", "0 or 1", dir);
  if (dir >= rnn.numDirections) badArgument(where, "direction", "0 (the network is not bidirectional)", dir);
  const s = requireFinite(where, "saturation", options.saturation ?? 0.05, 0, 0.5);
  rnn.forward(batch, { ...(options.h0 ? { h0: options.h0 } : {}), ...(options.c0 ? { c0: options.c0 } : {}) });
  const act = rnn.gateActivations(l, dir);
  const { names, T, B, H, values, mask } = act;
  const G = names.length;
  // tanh-valued entries: the LSTM's g, the GRU's n, the RNN's h (with tanh; ReLU is unbounded)
  const isTanh = (name: string): boolean => name === "g" || name === "n" || (name === "h" && rnn.nonlinearity === "tanh");
  const isBounded = (name: string): boolean => !(name === "h" && rnn.nonlinearity === "relu");
  const mean: Record<string, number[]> = {};
  const std: Record<string, number[]> = {};
  const saturated: Record<string, number[]> = {};
  const records: GateStatistics["records"] = [];
  for (const n of names) {
    mean[n] = [];
    std[n] = [];
    saturated[n] = [];
  }
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < G; k++) {
      const name = names[k];
      let n = 0;
      let sum = 0;
      let sumSq = 0;
      let sat = 0;
      for (let b = 0; b < B; b++) {
        if (mask[t * B + b] === 0) continue;
        const off = (t * B + b) * G * H + k * H;
        for (let j = 0; j < H; j++) {
          const v = values[off + j];
          sum += v;
          sumSq += v * v;
          n++;
          if (isBounded(name) && (isTanh(name) ? Math.abs(v) > 1 - s : v < s || v > 1 - s)) sat++;
        }
      }
      const m = n > 0 ? sum / n : NaN;
      const sd = n > 0 ? Math.sqrt(Math.max(0, sumSq / n - m * m)) : NaN;
      const fr = n > 0 && isBounded(name) ? sat / n : NaN;
      mean[name].push(m);
      std[name].push(sd);
      saturated[name].push(fr);
      records.push({ t, gate: name, mean: m, std: sd, saturated: fr });
    }
  }
  return { names, t: Array.from({ length: T }, (_, t) => t), mean, std, saturated, records };
}
