/**
 * The speed function of Sussillo & Barak (2013): how far one step of the map moves a state,
 *
 *     q(h) = ½ ‖F(h) − h‖²,
 *     ∇q(h) = (∂F/∂h − I)ᵀ (F(h) − h).
 *
 * q = 0 exactly at fixed points; small q marks slow points (where the dynamics barely move,
 * e.g. along an approximate line attractor). For a rate network F(h) − h = τ ḣ, so q is the
 * squared speed ½‖τ ḣ‖².
 */
import { DiscreteMap, requireMap, requireStateOf } from "./systems";

/** q(h) = ½‖F(h) − h‖² for the map. */
export function speedFunction(map: DiscreteMap, h: ArrayLike<number>): number {
  const m = requireMap("speedFunction", map);
  const x = requireStateOf(m, "speedFunction", h);
  const f = m.apply(x);
  let q = 0;
  for (let i = 0; i < m.n; i++) q += (f[i] - x[i]) ** 2;
  return q / 2;
}

/** q(h) and its exact gradient ∇q = (J − I)ᵀ (F(h) − h), with J = ∂F/∂h at h. */
export function speedGradient(map: DiscreteMap, h: ArrayLike<number>): { q: number; grad: Float64Array } {
  const m = requireMap("speedGradient", map);
  const x = requireStateOf(m, "speedGradient", h);
  const n = m.n;
  const f = m.apply(x);
  const jac = m.jacobian(x);
  const r = new Float64Array(n);
  let q = 0;
  for (let i = 0; i < n; i++) {
    r[i] = f[i] - x[i];
    q += r[i] * r[i];
  }
  // grad_k = Σ_i J_ik r_i − r_k
  const grad = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ri = r[i];
    if (ri === 0) continue;
    for (let k = 0; k < n; k++) grad[k] += jac[i * n + k] * ri;
  }
  for (let k = 0; k < n; k++) grad[k] -= r[k];
  return { q: q / 2, grad };
}
