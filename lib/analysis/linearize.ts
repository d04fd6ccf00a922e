/**
 * The linearisation of a map around a point h*: F(h* + δ) ≈ F(h*) + J δ, J = ∂F/∂h at h*.
 * At a fixed point of a discrete map, eigenvalues with |λ| < 1 are stable directions and
 * |λ| ≈ 1 marks slow (integrating, line-attractor) directions. For a rate network's map
 * F(h) = J tanh(h) + b the continuous-time system matrix is J − I (stable: Re λ < 1 of J).
 */
import { eigenvalues } from "../linalg/eigenvalues";
import { DiscreteMap, requireMap, requireStateOf } from "./systems";

/** What `linearizeAt` returns. */
export interface Linearization {
  /** ∂F/∂h at h (N×N row-major). */
  jacobian: Float64Array;
  /** Eigenvalues of the Jacobian, sorted by decreasing modulus. */
  re: Float64Array;
  im: Float64Array;
  /** |λ| of each eigenvalue, same order. */
  modulus: Float64Array;
}

/** The Jacobian of `map` at `h` and its eigenvalues (largest modulus first). */
export function linearizeAt(map: DiscreteMap, h: ArrayLike<number>): Linearization {
  const m = requireMap("linearizeAt", map);
  const x = requireStateOf(m, "linearizeAt", h);
  const jacobian = m.jacobian(x);
  const ev = eigenvalues(Float64Array.from(jacobian), m.n);
  const order = Array.from({ length: m.n }, (_, i) => i).sort((a, b) => Math.hypot(ev.re[b], ev.im[b]) - Math.hypot(ev.re[a], ev.im[a]));
  return {
    jacobian,
    re: Float64Array.from(order, (i) => ev.re[i]),
    im: Float64Array.from(order, (i) => ev.im[i]),
    modulus: Float64Array.from(order, (i) => Math.hypot(ev.re[i], ev.im[i])),
  };
}
