/**
 * Dynamical systems as maps h ↦ F(h) whose fixed points F(h*) = h* we look for,
 * each with its exact Jacobian ∂F/∂h.
 *
 *   tanhRnnMap:    F(h) = (1 − α) h + α tanh(W h + b)   a discrete-time RNN (α = 1; b = W_ih x + b_ih
 *                                                   + b_hh for a constant input x) or the Euler step of
 *                                                   τ ḣ = −h + tanh(W h + b) (leak α = Δt/τ); its
 *                                                   fixed points, h = tanh(W h + b), do not depend on α
 *   rateNetworkMap: F(h) = J tanh(h) + b           the fixed-point map of the rate network
 *                                                   τ dh/dt = −h + J tanh(h) + b (F(h) − h = τ ḣ)
 *   linearMap:     F(h) = A h + b
 *
 * Shapes: W, J, A are N×N row-major Float64Arrays; b and h have length N; the Jacobian is N×N
 * row-major, jac[i*N + k] = ∂F_i/∂h_k.
 */
import { RnnlabError, badArgument, requireAllFinite, requireFinite, requireInt } from "../core/errors";
import { checkOptions } from "../core/options";

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
  /** Leak α = Δt/τ in (0, 1] (default 1: the vanilla RNN). */
  leak?: number;
}

/**
 * F(h) = (1 − α) h + α tanh(W h + b): the update of a vanilla tanh RNN (α = 1) or of a leaky
 * rate network (`RateNetwork` with leak α = Δt/τ) under a constant input.
 */
export function tanhRnnMap(options: TanhRnnMapOptions): DiscreteMap {
  checkOptions("tanhRnnMap", options, ["weight", "bias", "leak"]);
  const where = "tanhRnnMap";
  if (!options) badArgument(where, "options", "an object {weight, bias?, leak?}", options);
  const n = squareSize(where, "weight", options.weight);
  const w = Float64Array.from(options.weight);
  const b = vectorOf(where, "bias", options.bias, n);
  const alpha = requireFinite(where, "leak", options.leak ?? 1, 0, 1);
  if (alpha <= 0) badArgument(where, "leak", "a number in (0, 1]", alpha);
  const map: DiscreteMap = {
    n,
    label: `tanhRnnMap(N=${n}${alpha === 1 ? "" : `, leak=${alpha}`})`,
    apply(h) {
      const x = requireStateOf(map, `${map.label}.apply`, h);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = b[i];
        for (let k = 0; k < n; k++) s += w[i * n + k] * x[k];
        out[i] = (1 - alpha) * x[i] + alpha * Math.tanh(s);
      }
      return out;
    },
    jacobian(h) {
      // ∂F_i/∂h_k = (1 − α) δ_ik + α (1 − t_i²) W_ik, t = tanh(W h + b)
      const x = requireStateOf(map, `${map.label}.jacobian`, h);
      const jac = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        let s = b[i];
        for (let k = 0; k < n; k++) s += w[i * n + k] * x[k];
        const t = Math.tanh(s);
        const d = alpha * (1 - t * t);
        for (let k = 0; k < n; k++) jac[i * n + k] = d * w[i * n + k];
        jac[i * n + i] += 1 - alpha;
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
  checkOptions("rateNetworkMap", options, ["coupling", "bias"]);
  const where = "rateNetworkMap";
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
  checkOptions("linearMap", options, ["matrix", "bias"]);
  const where = "linearMap";
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

/**
 * The k-fold composition G = F∘F∘…∘F (k times) with its Jacobian by the chain rule,
 * ∂G/∂h = J(h_{k−1}) ⋯ J(h_1) J(h_0), h_{j+1} = F(h_j). Fixed points of G include the
 * period-k cycles of F (a discrete-time network can hold a memory as a 2-cycle).
 */
export function iterateMap(map: DiscreteMap, k: number): DiscreteMap {
  const where = "iterateMap";
  const m = requireMap(where, map);
  requireInt(where, "k", k, 1);
  const n = m.n;
  const g: DiscreteMap = {
    n,
    label: `iterateMap(${m.label}, ${k})`,
    apply(h) {
      let x = requireStateOf(g, `${g.label}.apply`, h);
      for (let j = 0; j < k; j++) x = m.apply(x);
      return x;
    },
    jacobian(h) {
      let x = requireStateOf(g, `${g.label}.jacobian`, h);
      let acc = m.jacobian(x);
      for (let j = 1; j < k; j++) {
        x = m.apply(x);
        const jx = m.jacobian(x);
        // acc ← J(x) · acc
        const next = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
          for (let l = 0; l < n; l++) {
            const a = jx[i * n + l];
            if (a === 0) continue;
            for (let c = 0; c < n; c++) next[i * n + c] += a * acc[l * n + c];
          }
        }
        acc = next;
      }
      return acc;
    },
  };
  return g;
}
