/**
 * Gradient clipping, as `torch.nn.utils.clip_grad_norm_` / `clip_grad_value_`.
 *
 * Clipping by global norm rescales all gradients together, so the direction of
 * the full gradient vector is kept and only its length is capped: the standard
 * remedy for exploding gradients in recurrent networks (Pascanu et al. 2013).
 */
import { Parameter, requireParameters } from "../core/parameter";
import { RnnlabError, requireFinite, requirePositive } from "../core/errors";

/**
 * The norm of all gradients viewed as one vector: (Σ_p ‖g_p‖_q^q)^{1/q}, or the
 * largest |g| when `normType` is Infinity. Reads `grad`, changes nothing.
 */
export function gradNorm(params: readonly Parameter[], normType = 2): number {
  requireParameters("gradNorm", "params", params);
  if (normType !== Infinity) requirePositive("gradNorm", "normType", normType);
  if (normType === Infinity) {
    let m = 0;
    for (const p of params) {
      for (let i = 0; i < p.grad.length; i++) {
        const a = Math.abs(p.grad[i]);
        if (a > m || Number.isNaN(a)) m = a;
      }
    }
    return m;
  }
  if (normType === 2) {
    // Σ_p ‖g_p‖² then the square root (torch takes the norm of the per-tensor norms: equal up to rounding).
    let total = 0;
    for (const p of params) {
      let s = 0;
      for (let i = 0; i < p.grad.length; i++) s += p.grad[i] * p.grad[i];
      total += s;
    }
    return Math.sqrt(total);
  }
  let total = 0;
  for (const p of params) {
    for (let i = 0; i < p.grad.length; i++) total += Math.abs(p.grad[i]) ** normType;
  }
  return total ** (1 / normType);
}

/**
 * Rescales the gradients in place so that their global norm is at most `maxNorm`:
 *   g ← g · min(1, maxNorm / (‖g‖ + 1e-6)).
 *
 * @param params   parameters whose `grad` is clipped
 * @param maxNorm  the largest allowed norm (> 0)
 * @param normType the order q of the norm (default 2; Infinity for the max-norm)
 * @returns the total norm *before* clipping (as torch returns it), so it can be logged
 * @throws RnnlabError when the norm is NaN or infinite (the gradients cannot be clipped
 *   meaningfully; lower the learning rate or check the input)
 */
export function clipGradNorm(params: readonly Parameter[], maxNorm: number, normType = 2): number {
  requirePositive("clipGradNorm", "maxNorm", maxNorm);
  const total = gradNorm(params, normType);
  if (!Number.isFinite(total)) {
    throw new RnnlabError(
      `clipGradNorm: the total gradient norm is ${Number.isNaN(total) ? "NaN" : total}, so the gradients cannot be clipped; ` +
        `the loss or the backward pass produced non-finite values (try a smaller learning rate, or clip earlier in training)`,
    );
  }
  const coef = Math.min(maxNorm / (total + 1e-6), 1);
  if (coef < 1) {
    for (const p of params) for (let i = 0; i < p.grad.length; i++) p.grad[i] *= coef;
  }
  return total;
}

/**
 * Clamps every gradient entry into [−clip, clip], in place.
 *
 * @returns the number of entries that were clamped
 */
export function clipGradValue(params: readonly Parameter[], clip: number): number {
  requireFinite("clipGradValue", "clip", clip);
  requirePositive("clipGradValue", "clip", clip);
  requireParameters("clipGradValue", "params", params);
  let clamped = 0;
  for (const p of params) {
    const g = p.grad;
    for (let i = 0; i < g.length; i++) {
      if (g[i] > clip) {
        g[i] = clip;
        clamped++;
      } else if (g[i] < -clip) {
        g[i] = -clip;
        clamped++;
      }
    }
  }
  return clamped;
}
