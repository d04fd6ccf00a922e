/**
 * Gradient check by central finite differences.
 *
 *     ∂L/∂θ_i ≈ (L(θ + ε e_i) − L(θ − ε e_i)) / (2ε)              (order 2)
 *     ∂L/∂θ_i ≈ (−L(θ+2ε) + 8L(θ+ε) − 8L(θ−ε) + L(θ−2ε)) / (12ε)   (order 4)
 *
 * compared with the analytic gradient that `lossAndGrad` adds into `grad`.
 * With ε = 1e-6 in float64 the difference quotient is accurate to about
 * 1e-10 in absolute terms (rounding ~1e-16·|L|/ε, truncation ~ε²), so the
 * relative error is measured against max(|analytic|, |numeric|, floor).
 */
import { RnnlabError, requireFinite, requireInt, requirePositive } from "../core/errors";
import { LossAndGrad, Parameter, zeroGrad } from "../core/parameter";
import { Rng, rngOrDefault } from "../core/random";
import { checkOptions } from "../core/options";

/** Options of `gradCheck`. */
export interface GradCheckOptions {
  /**
   * 2: central difference (L(θ+ε) − L(θ−ε))/(2ε), error O(ε²), default ε = 1e-6;
   * 4: five-point stencil (−L(θ+2ε) + 8L(θ+ε) − 8L(θ−ε) + L(θ−2ε))/(12ε), error O(ε⁴),
   *    default ε = 1e-3 — about 1e-12 absolute accuracy in float64 (default 2)
   */
  order?: 2 | 4;
  /** finite-difference step (default 1e-6 for order 2, 1e-3 for order 4) */
  eps?: number;
  /** check at most this many entries per tensor, chosen at random (default: all) */
  maxPerTensor?: number;
  /** denominators below this are raised to it, so near-zero gradients compare absolutely (default 1e-6) */
  floor?: number;
  rng?: Rng;
}

/** The result for one parameter tensor. */
export interface TensorGradCheck {
  name: string;
  /** max over checked entries of |analytic − numeric| / max(|analytic|, |numeric|, floor) */
  worstRelError: number;
  /** max |analytic − numeric| */
  worstAbsError: number;
  /** flat index of the worst entry */
  worstIndex: number;
  /** number of entries checked */
  checked: number;
}

/** The result of `gradCheck`. */
export interface GradCheckResult {
  tensors: TensorGradCheck[];
  /** the worst relative error over all tensors */
  worstRelError: number;
  /** the tensor where it occurs */
  worstTensor: string;
  /** the loss at the unperturbed parameters */
  loss: number;
}

/**
 * Compares analytic gradients with central differences for every parameter
 * tensor. Leaves values unchanged and leaves in `grad` the analytic gradient
 * of one call (the previous content of `grad` is discarded).
 */
export function gradCheck(params: readonly Parameter[], lossAndGrad: LossAndGrad, options: GradCheckOptions = {}): GradCheckResult {
  checkOptions("gradCheck", options, ["order", "eps", "maxPerTensor", "floor", "rng"]);
  const where = "gradCheck";
  const order = options.order ?? 2;
  if (order !== 2 && order !== 4) throw new RnnlabError(`${where}: order must be 2 or 4, got ${String(order)}`);
  const eps = requirePositive(where, "eps", options.eps ?? (order === 2 ? 1e-6 : 1e-3));
  const floor = requireFinite(where, "floor", options.floor ?? 1e-6, 0);
  const maxPer = options.maxPerTensor === undefined ? Infinity : requireInt(where, "maxPerTensor", options.maxPerTensor, 1);
  if (typeof lossAndGrad !== "function") throw new RnnlabError(`${where}: lossAndGrad must be a function () => loss, got ${typeof lossAndGrad}`);
  const rng = rngOrDefault(options.rng);

  zeroGrad(params);
  const loss = lossAndGrad();
  requireFinite(where, "the loss", loss);
  const analytic = params.map((p) => Float64Array.from(p.grad));
  const evaluate = (): number => {
    const v = lossAndGrad();
    if (!Number.isFinite(v)) throw new RnnlabError(`${where}: the loss became ${v} at a perturbed point; try a smaller eps`);
    return v;
  };

  const tensors: TensorGradCheck[] = [];
  params.forEach((p, pi) => {
    let indices = Array.from({ length: p.data.length }, (_, i) => i);
    if (indices.length > maxPer) indices = rng.shuffle(indices).slice(0, maxPer);
    let worstRel = 0;
    let worstAbs = 0;
    let worstIndex = -1;
    for (const i of indices) {
      const old = p.data[i];
      const at = (delta: number): number => {
        p.data[i] = old + delta;
        const v = evaluate();
        p.data[i] = old;
        return v;
      };
      const numeric =
        order === 2
          ? (at(eps) - at(-eps)) / (2 * eps)
          : (-at(2 * eps) + 8 * at(eps) - 8 * at(-eps) + at(-2 * eps)) / (12 * eps);
      const a = analytic[pi][i];
      const abs = Math.abs(a - numeric);
      const rel = abs / Math.max(Math.abs(a), Math.abs(numeric), floor);
      if (rel > worstRel || worstIndex < 0) {
        worstRel = rel;
        worstIndex = i;
      }
      worstAbs = Math.max(worstAbs, abs);
    }
    tensors.push({ name: p.name, worstRelError: worstRel, worstAbsError: worstAbs, worstIndex, checked: indices.length });
  });
  // leave the analytic gradient in grad
  params.forEach((p, pi) => p.grad.set(analytic[pi]));
  let worst = tensors[0] ?? { name: "", worstRelError: 0 };
  for (const t of tensors) if (t.worstRelError > worst.worstRelError) worst = t;
  return { tensors, worstRelError: worst.worstRelError, worstTensor: worst.name, loss };
}

/** Throws an error listing every tensor whose worst relative error exceeds `tolerance` (default 1e-6). */
export function assertGradCheck(result: GradCheckResult, tolerance = 1e-6): void {
  const bad = result.tensors.filter((t) => !(t.worstRelError <= tolerance));
  if (bad.length) {
    const lines = bad.map((t) => `${t.name}: relative error ${t.worstRelError.toExponential(2)} at index ${t.worstIndex}`);
    throw new RnnlabError(`gradient check failed (tolerance ${tolerance}): ${lines.join("; ")}`);
  }
}
