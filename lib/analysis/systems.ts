/**
 * Dynamical systems as maps h ↦ F(h) whose fixed points F(h*) = h* we look for,
 * each with its exact Jacobian ∂F/∂h.
 *
 *   tanhRnnMap:    F(h) = (1 − α) h + α tanh(W h + b)   a discrete-time RNN (α = 1; b = W_ih x + b_ih
 *                                                   + b_hh for a constant input x) or the Euler step of
 *                                                   τ ḣ = −h + tanh(W h + b) (leak α = Δt/τ); its
 *                                                   fixed points, h = tanh(W h + b), do not depend on α
 *
 * Shapes: W is an N×N row-major Float64Array; b and h have length N; the Jacobian is N×N
 * row-major, jac[i*N + k] = ∂F_i/∂h_k.
 */
import { RnnlabError, badArgument, requireAllFinite, requireFinite, requireInt } from "../core/errors";
import { requireOptions } from "../core/options";

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

function squareSize(where: string, name: string, m: unknown): number {
  if (!(m instanceof Float64Array)) badArgument(where, name, "a Float64Array (N×N, row-major)", m);
  const size = Math.round(Math.sqrt(m.length));
  if (size * size !== m.length || size < 1) badArgument(where, name, "a square matrix with N² entries", m);
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
  const where = "tanhRnnMap";
  const { n, m: w, b } = matrixAndBias(where, options, "weight", ["leak"]);
  const alpha = requireFinite(where, "leak", options.leak ?? 1, 0, 1);
  if (alpha <= 0) badArgument(where, "leak", "a number in (0, 1]", alpha);
  return checkedMap(n, `tanhRnnMap(N=${n}${alpha === 1 ? "" : `, leak=${alpha}`})`, {
    apply: (x) => affine(w, x, b).map((s, i) => (1 - alpha) * x[i] + alpha * Math.tanh(s)),
    jacobian(x) {
      // ∂F_i/∂h_k = (1 − α) δ_ik + α (1 − t_i²) W_ik, t = tanh(W h + b)
      const t = affine(w, x, b).map(Math.tanh);
      const jac = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        const d = alpha * (1 - t[i] * t[i]);
        for (let k = 0; k < n; k++) jac[i * n + k] = d * w[i * n + k];
        jac[i * n + i] += 1 - alpha;
      }
      return jac;
    },
  });
}

/**
 * Checks a map's options (an object with the N×N matrix under `key`, `bias` and the `extra` keys)
 * and returns N and copies of the matrix M and of b (zeros when bias is left out).
 */
function matrixAndBias<O extends { bias?: ArrayLike<number> }>(where: string, options: O, key: keyof O & string, extra: readonly string[] = []): { n: number; m: Float64Array; b: Float64Array } {
  requireOptions(where, options, [key, "bias", ...extra], { expected: `an object {${[key, "bias?", ...extra.map((k) => `${k}?`)].join(", ")}}` });
  const n = squareSize(where, key, options[key]);
  return { n, m: Float64Array.from(options[key] as Float64Array), b: vectorOf(where, "bias", options.bias, n) };
}

/** M v + b for an N×N row-major M: out_i = b_i + Σ_k M_ik v_k. */
function affine(M: Float64Array, v: Float64Array, b: Float64Array): Float64Array {
  const n = b.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < n; k++) s += M[i * n + k] * v[k];
    out[i] = s;
  }
  return out;
}

/** A DiscreteMap whose `apply` and `jacobian` first check the state h (`requireStateOf`). */
function checkedMap(n: number, label: string, f: { apply(x: Float64Array): Float64Array; jacobian(x: Float64Array): Float64Array }): DiscreteMap {
  const map: DiscreteMap = {
    n,
    label,
    apply: (h) => f.apply(requireStateOf(map, `${label}.apply`, h)),
    jacobian: (h) => f.jacobian(requireStateOf(map, `${label}.jacobian`, h)),
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
  return checkedMap(n, `iterateMap(${m.label}, ${k})`, {
    apply(x) {
      for (let j = 0; j < k; j++) x = m.apply(x);
      return x;
    },
    jacobian(x) {
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
  });
}
