/**
 * A fully connected layer, as PyTorch's `nn.Linear`: y = x Wᵀ + b.
 *
 * Shapes: x [N, in], W `weight` [out, in], b `bias` [out], y [N, out]
 * (N rows: one per sequence for a readout on the last state, or T·B for a
 * readout at every step). Initialisation as PyTorch: U(−1/√in, 1/√in).
 */
import { RnnlabError, badArgument, requireBoolean } from "../core/errors";
import { checkOptions, requireAllocation, requireSize } from "../core/options";
import { Parameter, StateDict, createParameter, loadStateDictInto, stateDictOf } from "../core/parameter";
import { Rng, rngOrDefault } from "../core/random";
import { getKernels } from "../kernels";

/** Options of a Linear layer. */
export interface LinearOptions {
  /** include the bias (default true) */
  bias?: boolean;
  /** prefix of the parameter names, e.g. "head." gives "head.weight" (default "") */
  namePrefix?: string;
  rng?: Rng;
}

/**
 * y = x Wᵀ + b.
 *
 * @example
 * ```ts
 * import { Linear, Rng } from "rnnlab";
 * const head = new Linear(4, 2, { rng: new Rng(1) });
 * const y = head.forward(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]));  // 2 rows of 4 inputs -> y [2, 2]
 * const dx = head.backward(Float64Array.from([1, 0, 0, 1]));           // ∂L/∂x [2, 4]; adds to weight.grad, bias.grad
 * ```
 */
export class Linear {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly weight: Parameter;
  readonly bias: Parameter | null;
  readonly label: string;
  private lastInput: Float64Array | null = null;
  private lastRows = 0;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    this.label = `Linear(inFeatures=${inFeatures}, outFeatures=${outFeatures})`;
    this.inFeatures = requireSize(this.label, "inFeatures", inFeatures, 1);
    this.outFeatures = requireSize(this.label, "outFeatures", outFeatures, 1);
    checkOptions(this.label, options, ["bias", "namePrefix", "rng"], { unsupported: { in_features: "pass inFeatures as the first argument", out_features: "pass outFeatures as the second argument" } });
    requireAllocation(this.label, inFeatures >= outFeatures ? "inFeatures" : "outFeatures", 2 * inFeatures * outFeatures + 2 * outFeatures);
    const prefix = options.namePrefix ?? "";
    const rng = rngOrDefault(options.rng);
    const k = 1 / Math.sqrt(inFeatures);
    this.weight = createParameter(`${prefix}weight`, [outFeatures, inFeatures]);
    for (let i = 0; i < this.weight.data.length; i++) this.weight.data[i] = rng.uniform(-k, k);
    requireBoolean(this.label, "bias", options.bias, true);
    this.bias = options.bias === false ? null : createParameter(`${prefix}bias`, [outFeatures]);
    if (this.bias) for (let i = 0; i < outFeatures; i++) this.bias.data[i] = rng.uniform(-k, k);
  }

  parameters(): Parameter[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }

  stateDict(): StateDict {
    return stateDictOf(this.parameters());
  }

  loadStateDict(state: StateDict, strict = true): void {
    loadStateDictInto(this.label, this.parameters(), state, strict);
  }

  /** y [N, out] = x [N, in] Wᵀ + b; keeps a reference to x for backward. */
  forward(x: Float64Array): Float64Array {
    if (!(x instanceof Float64Array) || x.length % this.inFeatures !== 0 || x.length === 0) {
      badArgument(this.label, "x", `a Float64Array [N, ${this.inFeatures}] (length a multiple of ${this.inFeatures})`, x);
    }
    const N = x.length / this.inFeatures;
    const y = new Float64Array(N * this.outFeatures);
    const k = getKernels();
    k.matmulAccumulate(y, 0, x, 0, this.weight.data, 0, N, this.inFeatures, this.outFeatures, false, true);
    if (this.bias) k.addRowVector(y, 0, N, this.outFeatures, this.bias.data, 0);
    this.lastInput = x;
    this.lastRows = N;
    return y;
  }

  /** Adds ∂L/∂W = dyᵀ x and ∂L/∂b = Σ dy; returns ∂L/∂x = dy W, [N, in]. */
  backward(dy: Float64Array): Float64Array {
    if (!this.lastInput) throw new RnnlabError(`${this.label}.backward: call forward first`);
    const N = this.lastRows;
    if (!(dy instanceof Float64Array) || dy.length !== N * this.outFeatures) {
      badArgument(`${this.label}.backward`, "dy", `a Float64Array [${N}, ${this.outFeatures}]`, dy);
    }
    const k = getKernels();
    k.matmulAccumulate(this.weight.grad, 0, dy, 0, this.lastInput, 0, this.outFeatures, N, this.inFeatures, true, false);
    if (this.bias) k.sumRowsAccumulate(this.bias.grad, 0, dy, 0, N, this.outFeatures);
    const dx = new Float64Array(N * this.inFeatures);
    k.matmulAccumulate(dx, 0, dy, 0, this.weight.data, 0, N, this.outFeatures, this.inFeatures, false, false);
    return dx;
  }
}
