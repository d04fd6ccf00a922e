/**
 * Spectra of the recurrent weights: eigenvalues, spectral radius and singular
 * values of W_hh (per gate block for LSTM/GRU).
 *
 * For a linear RNN h_t = W h_{t−1}, the spectral radius ρ(W) = max|λ| decides
 * whether states (and gradients) decay (ρ < 1) or grow (ρ > 1) over long times;
 * the largest singular value σ_max(W) bounds the growth of one step
 * (‖W v‖ ≤ σ_max ‖v‖), and ρ ≤ σ_max always.
 */
import { eigenvalues } from "../linalg/eigenvalues";
import { singularValues } from "../linalg/singularValues";
import { badArgument, requireInt, requireString } from "../core/errors";
import { RecurrentNetwork, layerIndex, recurrentOf } from "./common";
import { checkOptions } from "../core/options";

/** The spectrum of one H×H block of W_hh. */
export interface GateSpectrum {
  /** Gate name in PyTorch order ("h" for the RNN; i, f, g, o for the LSTM; r, z, n for the GRU). */
  gate: string;
  /** max |λ| */
  spectralRadius: number;
  /** Eigenvalues (real and imaginary parts), sorted by decreasing modulus. */
  eigenvalues: { re: number[]; im: number[] };
  /** Singular values in decreasing order. */
  singularValues: number[];
}

/** Options of `recurrentSpectrum`. */
export interface RecurrentSpectrumOptions {
  /** Which layer (default: the top one). */
  layer?: number;
  /** Which direction (default 0). */
  direction?: number;
}

/** What `recurrentSpectrum` returns. */
export interface RecurrentSpectrum {
  hiddenSize: number;
  /** One entry per gate block of W_hh. */
  gates: GateSpectrum[];
  /** One row per gate: { gate, spectralRadius, maxSingularValue, minSingularValue } (for showTable). */
  records: { gate: string; spectralRadius: number; maxSingularValue: number; minSingularValue: number }[];
}

/** The spectrum of one square row-major matrix (n×n). */
export function matrixSpectrum(a: Float64Array, n: number, gate = "W"): GateSpectrum {
  requireString("matrixSpectrum", "gate", gate);
  const { re, im } = eigenvalues(a, n);
  const order = Array.from(re, (_, i) => i).sort((x, y) => Math.hypot(re[y], im[y]) - Math.hypot(re[x], im[x]));
  const sv = Array.from(singularValues(a, n, n));
  return {
    gate,
    spectralRadius: order.length ? Math.hypot(re[order[0]], im[order[0]]) : 0,
    eigenvalues: { re: order.map((i) => re[i]), im: order.map((i) => im[i]) },
    singularValues: sv,
  };
}

/**
 * Eigenvalues, spectral radius and singular values of W_hh of one layer, split into
 * its H×H gate blocks (one block for a vanilla RNN).
 */
export function recurrentSpectrum(net: RecurrentNetwork, options: RecurrentSpectrumOptions = {}): RecurrentSpectrum {
  checkOptions("recurrentSpectrum", options, ["layer", "direction"]);
  const where = "recurrentSpectrum";
  const rnn = recurrentOf(where, net);
  const l = layerIndex(where, rnn, options.layer);
  const dir = requireInt(where, "direction", options.direction ?? 0, 0);
  if (dir >= rnn.numDirections) badArgument(where, "direction", `an integer in [0, ${rnn.numDirections - 1}]`, dir);
  const H = rnn.hiddenSize;
  const W = rnn.cellWeights(l, dir).weightHh;
  const names = { rnn: ["h"], lstm: ["i", "f", "g", "o"], gru: ["r", "z", "n"] }[rnn.cellType];
  const gates = names.map((name, k) => matrixSpectrum(W.slice(k * H * H, (k + 1) * H * H), H, name));
  return {
    hiddenSize: H,
    gates,
    records: gates.map((g) => ({
      gate: g.gate,
      spectralRadius: g.spectralRadius,
      maxSingularValue: g.singularValues[0],
      minSingularValue: g.singularValues[g.singularValues.length - 1],
    })),
  };
}
