/**
 * The weights of one recurrent cell, as flat row-major arrays with PyTorch's
 * layout, and the shape checks the one-step functions share.
 */
import { RnnlabError } from "../core/errors";

/**
 * Weights of one cell (one layer, one direction), PyTorch layout:
 * `weightIh` [G·H, D], `weightHh` [G·H, H], `biasIh`, `biasHh` [G·H] (or null
 * for a cell without biases), where G = 1 (RNN), 4 (LSTM: i,f,g,o), 3 (GRU: r,z,n).
 */
export interface CellWeights {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly weightIh: Float64Array;
  readonly weightHh: Float64Array;
  readonly biasIh: Float64Array | null;
  readonly biasHh: Float64Array | null;
}

/** Gradients of a cell's weights, same layout as CellWeights (biases null when absent). */
export interface CellGrads {
  readonly weightIh: Float64Array;
  readonly weightHh: Float64Array;
  readonly biasIh: Float64Array | null;
  readonly biasHh: Float64Array | null;
}

/** Zero gradient buffers shaped like `w`. */
export function zeroCellGrads(w: CellWeights): CellGrads {
  return {
    weightIh: new Float64Array(w.weightIh.length),
    weightHh: new Float64Array(w.weightHh.length),
    biasIh: w.biasIh ? new Float64Array(w.biasIh.length) : null,
    biasHh: w.biasHh ? new Float64Array(w.biasHh.length) : null,
  };
}

/**
 * Random cell weights with PyTorch's initialisation U(−1/√H, 1/√H).
 * `gates` is G (1, 4 or 3); `random` returns numbers in [0, 1).
 */
export function initCellWeights(gates: number, inputSize: number, hiddenSize: number, random: () => number, bias = true): CellWeights {
  const k = 1 / Math.sqrt(hiddenSize);
  const fill = (n: number): Float64Array => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = -k + 2 * k * random();
    return a;
  };
  const G = gates * hiddenSize;
  return {
    inputSize,
    hiddenSize,
    weightIh: fill(G * inputSize),
    weightHh: fill(G * hiddenSize),
    biasIh: bias ? fill(G) : null,
    biasHh: bias ? fill(G) : null,
  };
}

/** Checks the weights' sizes and that x, hPrev fit them; returns the batch size B. */
export function checkStepShapes(where: string, gates: number, w: CellWeights, x: Float64Array, hPrev: Float64Array): number {
  const D = w.inputSize;
  const H = w.hiddenSize;
  const G = gates * H;
  const expect = (name: string, a: Float64Array | null, n: number): void => {
    if (a && a.length !== n) throw new RnnlabError(`${where}: ${name} must have ${n} entries ([${G}, ...]), got ${a.length}`);
  };
  expect("weightIh", w.weightIh, G * D);
  expect("weightHh", w.weightHh, G * H);
  expect("biasIh", w.biasIh, G);
  expect("biasHh", w.biasHh, G);
  if (x.length % D !== 0 || x.length === 0) {
    throw new RnnlabError(`${where}: x must have shape [B, ${D}] (length a multiple of inputSize=${D}), got length ${x.length}`);
  }
  const B = x.length / D;
  if (hPrev.length !== B * H) {
    throw new RnnlabError(`${where}: hPrev must have shape [${B}, ${H}] (${B * H} entries), got length ${hPrev.length}`);
  }
  return B;
}
