/**
 * The weights of one recurrent cell, as flat row-major arrays with PyTorch's
 * layout, and the shape checks the one-step functions share.
 */
import { RnnlabError, badArgument, describeValue, requireBoolean, requireFiniteArray, requireFunction } from "../core/errors";
import { requireAllocation, requireIntInRange, requireSize } from "../core/options";

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
/** Checks the gradient buffers of a cell: `grads` must match `w`'s weights in length. */
export function requireCellGrads(where: string, name: string, grads: unknown, w: CellWeights): CellGrads {
  if (grads === null || typeof grads !== "object" || Array.isArray(grads) || ArrayBuffer.isView(grads)) {
    badArgument(where, name, "a CellGrads {weightIh, weightHh, biasIh, biasHh} (from zeroCellGrads(w))", grads);
  }
  const g = grads as CellGrads;
  for (const key of ["weightIh", "weightHh", "biasIh", "biasHh"] as const) {
    const ref = w[key];
    const a = g[key];
    if (ref === null ? a !== null && a !== undefined : !(a instanceof Float64Array) || a.length !== ref.length) {
      badArgument(where, `${name}.${key}`, ref === null ? "null (w has no bias)" : `a Float64Array of ${ref.length} entries (as w.${key})`, a);
    }
  }
  return g;
}

/** Checks that a gradient or state argument is a finite Float64Array of `n` entries ([B, H] etc.). */
export function requireStepArray(where: string, name: string, value: unknown, n: number, shape: string): Float64Array {
  if (!(value instanceof Float64Array) || value.length !== n) {
    throw new RnnlabError(`${where}: ${name} must have shape ${shape} (a Float64Array of ${n} entries), got ${describeValue(value)}`);
  }
  requireFiniteArray(where, name, value, n, shape);
  return value;
}

/**
 * Checks `step`, the result of a cell's forward step that its backward reuses: an object (`what`
 * describes it) whose arrays `fields` are [B, width·H], e.g. { gates: 4, c: 1 } for the LSTM.
 */
export function requireStepResult(where: string, step: unknown, what: string, B: number, H: number, fields: Readonly<Record<string, number>>): void {
  if (step === null || typeof step !== "object") badArgument(where, "step", what, step);
  for (const [name, width] of Object.entries(fields)) {
    requireStepArray(where, `step.${name}`, (step as Record<string, unknown>)[name], B * width * H, `[${B}, ${width * H}]`);
  }
}

/**
 * Checks that `w` is a CellWeights: integer inputSize and hiddenSize >= 1 and Float64Array weights
 * (biases Float64Array or null) of the lengths `gates` gates give ([G·H, D], [G·H, H], [G·H]
 * with G = gates); without `gates`, the gate count is read from weightHh.
 */
function requireCellWeights(where: string, name: string, w: unknown, gates?: number): CellWeights {
  const expected = "a CellWeights {inputSize, hiddenSize, weightIh, weightHh, biasIh, biasHh} (from initCellWeights)";
  if (w === null || typeof w !== "object" || Array.isArray(w) || ArrayBuffer.isView(w)) badArgument(where, name, expected, w);
  const c = w as CellWeights;
  if (!Number.isInteger(c.inputSize) || c.inputSize < 1) badArgument(where, `${name}.inputSize`, "an integer >= 1", c.inputSize);
  if (!Number.isInteger(c.hiddenSize) || c.hiddenSize < 1) badArgument(where, `${name}.hiddenSize`, "an integer >= 1", c.hiddenSize);
  if (!(c.weightHh instanceof Float64Array)) badArgument(where, `${name}.weightHh`, "a Float64Array", c.weightHh);
  const H = c.hiddenSize;
  const D = c.inputSize;
  const g = gates ?? c.weightHh.length / (H * H);
  const G = g * H;
  const expect = (key: "weightIh" | "weightHh" | "biasIh" | "biasHh", n: number, nullable: boolean): void => {
    const a = c[key];
    if (a === null && nullable) return;
    const label = name === "w" ? key : `${name}.${key}`;
    const shape = `[${G}${key.startsWith("bias") ? "" : `, ${key === "weightIh" ? D : H}`}]`;
    if (!(a instanceof Float64Array)) badArgument(where, label, `a Float64Array ${shape}${nullable ? " or null" : ""}`, a);
    if (a.length !== n) throw new RnnlabError(`${where}: ${label} must have ${n} entries (${shape}, ${g} gate(s)), got ${a.length}`);
  };
  expect("weightIh", G * D, false);
  expect("weightHh", G * H, false);
  expect("biasIh", G, true);
  expect("biasHh", G, true);
  return c;
}

export function zeroCellGrads(w: CellWeights): CellGrads {
  requireCellWeights("zeroCellGrads", "w", w);
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
  const where = "initCellWeights";
  requireIntInRange(where, "gates", gates, 1, 4);
  requireSize(where, "inputSize", inputSize);
  requireSize(where, "hiddenSize", hiddenSize);
  requireFunction(where, "random", random, "a function () => number in [0, 1) (e.g. () => rng.random())");
  requireBoolean(where, "bias", bias);
  requireAllocation(where, "hiddenSize", gates * hiddenSize * (inputSize + hiddenSize + 2));
  const k = 1 / Math.sqrt(hiddenSize);
  const fill = (n: number): Float64Array => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = -k + 2 * k * random();
    return a;
  };
  const G = gates * hiddenSize;
  const w = {
    inputSize,
    hiddenSize,
    weightIh: fill(G * inputSize),
    weightHh: fill(G * hiddenSize),
    biasIh: bias ? fill(G) : null,
    biasHh: bias ? fill(G) : null,
  };
  // random() outside [0, 1) or non-finite gives weights nobody asked for
  for (const key of ["weightIh", "weightHh", "biasIh", "biasHh"] as const) {
    const a = w[key];
    if (a) for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i]) <= k)) badArgument(where, "random", "a function returning numbers in [0, 1)", `a value giving ${key}[${i}] = ${a[i]}`);
  }
  return w;
}

/** Checks the weights' sizes and that x, hPrev fit them; returns the batch size B. */
export function checkStepShapes(where: string, gates: number, w: CellWeights, x: Float64Array, hPrev: Float64Array): number {
  requireIntInRange(where, "gates", gates, 1, 4);
  requireCellWeights(where, "w", w, gates);
  requireFiniteArray(where, "x", x);
  requireFiniteArray(where, "hPrev", hPrev);
  if (!(x instanceof Float64Array)) badArgument(where, "x", "a Float64Array [B, inputSize]", x);
  if (!(hPrev instanceof Float64Array)) badArgument(where, "hPrev", "a Float64Array [B, hiddenSize]", hPrev);
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
