/**
 * Dynamical systems as maps h ↦ F(h) whose fixed points F(h*) = h* we look for,
 * each with its exact Jacobian ∂F/∂h.
 *
 *   tanhRnnMap:    F(h) = tanh(W h + b)            a discrete-time RNN (b = W_ih x + b_ih + b_hh
 *                                                   for a constant input x)
 *   rateNetworkMap: F(h) = J tanh(h) + b           the fixed-point map of the rate network
 *                                                   τ dh/dt = −h + J tanh(h) + b (F(h) − h = τ ḣ)
 *   linearMap:     F(h) = A h + b
 *
 * Shapes: W, J, A are N×N row-major Float64Arrays; b and h have length N; the Jacobian is N×N
 * row-major, jac[i*N + k] = ∂F_i/∂h_k.
 */
import { RnnlabError, badArgument, requireAllFinite, requireInt } from "../core/errors";
import { requireKnownOptions } from "./options";

/** A map F: ℝᴺ → ℝᴺ with its Jacobian. */
export interface DiscreteMap {
  /** Dimension N of the state. */
  readonly n: number;
  /** A short description, used in error messages. */
  readonly label: string;
  /** F(h), length N. */
  apply(h: ArrayLike<number>): Float64Array;
  /** ∂F/∂h at h, N×N row-major. */
  jacobian(h: ArrayLike<number>): Float64Array;
}

function squareSize(where: string, name: string, m: unknown, n?: number): number {
  if (!(m instanceof Float64Array)) badArgument(where, name, "a Float64Array (N×N, row-major)", m);
  const size = n ?? Math.round(Math.sqrt(m.length));
  if (size * size !== m.length || size < 1) badArgument(where, name, `a square matrix with N² entries${n ? ` (N = ${n})` : ""}`, m);
  requireAllFinite(where, name, m);
  return size;
}

function vectorOf(where: string, name: string, v: unknown, n: number): Float64Array {
  if (v === undefined) return new Float64Array(n);
  if (!(v instanceof Float64Array) && !Array.isArray(v)) badArgument(where, name, `an array of length ${n}`, v);
  const out = Float64Array.from(v as ArrayLike<number>);
  if (out.length !== n) badArgument(where, name, `an array of length ${n}`, v);
  requireAllFinite(where, name, out);
  return out;
}

/** Checks a state passed to a map. */
export function requireStateOf(map: DiscreteMap, where: string, h: unknown): Float64Array {
  if (!h || typeof (h as ArrayLike<number>).length !== "number") badArgument(where, "h", `an array of length ${map.n}`, h);
  const v = h as ArrayLike<number>;
  if (v.length !== map.n) badArgument(where, "h", `an array of length ${map.n} (the state of ${map.label})`, h);
  const out = Float64Array.from(v);
  requireAllFinite(where, "h", out);
  return out;
}

/** Options of `tanhRnnMap`. */
export interface TanhRnnMapOptions {
  /** Recurrent weights W (N×N row-major), e.g. an RNN's weight_hh_l0. */
  weight: Float64Array;
  /** Constant drive b (length N; default 0): b_ih + b_hh + W_ih x for a constant input x. */
  bias?: ArrayLike<number>;
}

/** F(h) = tanh(W h + b), the update of a vanilla tanh RNN under a constant input. */
export function tanhRnnMap(options: TanhRnnMapOptions): DiscreteMap {
  const where = "tanhRnnMap";
  requireKnownOptions(where, options, ["weight", "bias"]);
  if (!options) badArgument(where, "options", "an object {weight, bias?}", options);
  const n = squareSize(where, "weight", options.weight);
  const w = Float64Array.from(options.weight);
  const b = vectorOf(where, "bias", options.bias, n);
  const map: DiscreteMap = {
    n,
    label: `tanhRnnMap(N=${n})`,
    apply(h) {
      const x = requireStateOf(map, `${map.label}.apply`, h);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = b[i];
        for (let k = 0; k < n; k++) s += w[i * n + k] * x[k];
        out[i] = Math.tanh(s);
      }
      return out;
    },
    jacobian(h) {
      // ∂F_i/∂h_k = (1 − F_i²) W_ik
      const f = map.apply(h);
      const jac = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        const d = 1 - f[i] * f[i];
        for (let k = 0; k < n; k++) jac[i * n + k] = d * w[i * n + k];
      }
      return jac;
    },
  };
  return map;
}

/** Options of `rateNetworkMap`. */
export interface RateNetworkMapOptions {
  /** Coupling J (N×N row-major). */
  coupling: Float64Array;
  /** Constant input b (length N; default 0). */
  bias?: ArrayLike<number>;
}

/** F(h) = J tanh(h) + b: fixed points of τ ḣ = −h + J tanh(h) + b, with F(h) − h = τ ḣ. */
export function rateNetworkMap(options: RateNetworkMapOptions): DiscreteMap {
  const where = "rateNetworkMap";
  requireKnownOptions(where, options, ["coupling", "bias"]);
  if (!options) badArgument(where, "options", "an object {coupling, bias?}", options);
  const n = squareSize(where, "coupling", options.coupling);
  const j = Float64Array.from(options.coupling);
  const b = vectorOf(where, "bias", options.bias, n);
  const map: DiscreteMap = {
    n,
    label: `rateNetworkMap(N=${n})`,
    apply(h) {
      const x = requireStateOf(map, `${map.label}.apply`, h);
      const r = x.map(Math.tanh);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = b[i];
        for (let k = 0; k < n; k++) s += j[i * n + k] * r[k];
        out[i] = s;
      }
      return out;
    },
    jacobian(h) {
      // ∂F_i/∂h_k = J_ik (1 − tanh² h_k)
      const x = requireStateOf(map, `${map.label}.jacobian`, h);
      const jac = new Float64Array(n * n);
      for (let k = 0; k < n; k++) {
        const t = Math.tanh(x[k]);
        const d = 1 - t * t;
        for (let i = 0; i < n; i++) jac[i * n + k] = j[i * n + k] * d;
      }
      return jac;
    },
  };
  return map;
}

/** Options of `linearMap`. */
export interface LinearMapOptions {
  /** A (N×N row-major). */
  matrix: Float64Array;
  /** b (length N; default 0). */
  bias?: ArrayLike<number>;
}

/** F(h) = A h + b (its fixed point, if I − A is invertible, is (I − A)⁻¹ b). */
export function linearMap(options: LinearMapOptions): DiscreteMap {
  const where = "linearMap";
  requireKnownOptions(where, options, ["matrix", "bias"]);
  if (!options) badArgument(where, "options", "an object {matrix, bias?}", options);
  const n = squareSize(where, "matrix", options.matrix);
  const a = Float64Array.from(options.matrix);
  const b = vectorOf(where, "bias", options.bias, n);
  const map: DiscreteMap = {
    n,
    label: `linearMap(N=${n})`,
    apply(h) {
      const x = requireStateOf(map, `${map.label}.apply`, h);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = b[i];
        for (let k = 0; k < n; k++) s += a[i * n + k] * x[k];
        out[i] = s;
      }
      return out;
    },
    jacobian(h) {
      requireStateOf(map, `${map.label}.jacobian`, h);
      return Float64Array.from(a);
    },
  };
  return map;
}

/** Checks that `map` looks like a DiscreteMap. */
export function requireMap(where: string, map: unknown): DiscreteMap {
  const m = map as DiscreteMap;
  if (!m || typeof m !== "object" || typeof m.apply !== "function" || typeof m.jacobian !== "function") {
    badArgument(where, "map", "a DiscreteMap {n, apply, jacobian} (e.g. from tanhRnnMap)", map);
  }
  requireInt(where, "map.n", m.n, 1);
  if (typeof m.label !== "string") throw new RnnlabError(`${where}: map.label must be a string`);
  return m;
}
