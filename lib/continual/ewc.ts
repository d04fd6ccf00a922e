/**
 * Elastic weight consolidation (Kirkpatrick et al. 2017).
 *
 * After task A, keep the parameters θ*_A and A's diagonal Fisher F; while training B
 * add the quadratic penalty
 *
 *   Ω(θ) = (λ/2) Σ_i F_i (θ_i − θ*_A,i)²,    ∂Ω/∂θ_i = λ F_i (θ_i − θ*_A,i),
 *
 * a spring on each parameter, stiff where A is sensitive (large F_i), loose elsewhere.
 */
import { HasParameters, Parameter, countParameters, flattenValues } from "../core/parameter";
import { RnnlabError, badArgument, requireAllFinite, requireFinite } from "../core/errors";
import { requireModel } from "./task";
import { DiagonalFisher } from "./fisher";
import { requireOptions } from "../core/options";

/** Configuration of an EWC penalty. */
export interface EwcConfig {
  /** λ ≥ 0: strength of the penalty. */
  lambda: number;
  /** Diagonal Fisher of the old task (a DiagonalFisher, or a flat array in parameter order). */
  fisher: DiagonalFisher | ArrayLike<number>;
  /** θ*_A, flat in parameter order (default: the model's current values). */
  anchor?: ArrayLike<number>;
}

/**
 * The EWC penalty bound to one model's parameters.
 *
 * @example
 * ```ts
 * import { AffineModel, EwcPenalty, Rng, countParameters } from "rnnlab";
 * const model = new AffineModel({ inputSize: 3, outputSize: 2, rng: new Rng(1) });
 * const fisher = new Float64Array(countParameters(model.parameters())).fill(1);  // usually diagonalFisher(...)
 * const ewc = new EwcPenalty(model, { lambda: 10, fisher });  // anchored at the current parameters
 * model.parameters()[0].data[0] += 0.1;
 * const penalty = ewc.value();                                // (λ/2) Σ F_i (θ_i − θ*_i)²
 * ewc.addGradient();                                          // adds its gradient to the grads
 * ```
 */
export class EwcPenalty {
  readonly lambda: number;
  readonly fisher: Float64Array;
  readonly anchor: Float64Array;
  private readonly params: Parameter[];

  constructor(model: HasParameters, config: EwcConfig) {
    const where = "EwcPenalty";
    requireOptions(where, config, ["lambda", "fisher", "anchor"], { name: "config", expected: "{ lambda, fisher, anchor? }" });
    requireModel(where, "model", model);
    this.params = model.parameters();
    const n = countParameters(this.params);
    this.lambda = requireFinite(where, "config.lambda", config.lambda, 0);
    const raw = config.fisher as unknown;
    const f = (Array.isArray(raw) || ArrayBuffer.isView(raw) ? raw : (raw as DiagonalFisher | undefined)?.flat) as ArrayLike<number>;
    if (!f || typeof f.length !== "number" || f.length !== n) badArgument(where, "config.fisher", `a Fisher diagonal of length ${n} (the number of parameters)`, f);
    requireAllFinite(where, "config.fisher", f);
    for (let i = 0; i < n; i++) if (f[i] < 0) throw new RnnlabError(`${where}: config.fisher must be >= 0 everywhere, got ${f[i]} at index ${i}`);
    this.fisher = Float64Array.from(f);
    const a = config.anchor ?? flattenValues(this.params);
    if (typeof a.length !== "number" || a.length !== n) badArgument(where, "config.anchor", `a flat array of length ${n}`, a);
    requireAllFinite(where, "config.anchor", a);
    this.anchor = Float64Array.from(a);
  }

  /** Ω(θ) at the current parameters. */
  value(): number {
    let s = 0;
    let k = 0;
    for (const p of this.params) {
      for (let i = 0; i < p.data.length; i++, k++) {
        const d = p.data[i] - this.anchor[k];
        s += this.fisher[k] * d * d;
      }
    }
    return 0.5 * this.lambda * s;
  }

  /** Adds ∂Ω/∂θ = λ F ⊙ (θ − θ*) into the grads and returns Ω(θ). */
  addGradient(): number {
    let k = 0;
    for (const p of this.params) {
      for (let i = 0; i < p.data.length; i++, k++) p.grad[i] += this.lambda * this.fisher[k] * (p.data[i] - this.anchor[k]);
    }
    return this.value();
  }
}
