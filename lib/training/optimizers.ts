/**
 * Optimizers: SGD (with momentum, dampening, Nesterov, weight decay) and Adam,
 * with PyTorch 1.13's update rules, operation for operation.
 *
 * An optimizer holds a list of `Parameter`s and updates `data` in place from
 * `grad` when `step()` is called. It never zeroes the gradients by itself;
 * call `zeroGrad()` (or `zeroGrad(params)` from core) before the next backward pass.
 */
import { Parameter, zeroGrad } from "../core/parameter";
import { RnnlabError, badArgument, requireFinite, requirePositive } from "../core/errors";
import { requireOptions } from "../core/options";

/** What every optimizer offers to the training loop. */
export interface Optimizer {
  /** The parameters this optimizer updates. */
  readonly params: readonly Parameter[];
  /** The learning rate; may be changed between steps (learning-rate schedules). */
  lr: number;
  /** The number of `step()` calls so far. */
  readonly stepCount: number;
  /** Applies one update to every parameter from its current gradient. */
  step(): void;
  /** Sets every parameter's gradient to zero. */
  zeroGrad(): void;
  /** Forgets the optimizer state (momentum buffers, moment estimates). */
  reset(): void;
}

function checkParams(where: string, params: unknown): readonly Parameter[] {
  if (!Array.isArray(params) || params.length === 0) {
    badArgument(where, "params", "a non-empty array of Parameters (e.g. model.parameters())", params);
  }
  const names = new Set<string>();
  params.forEach((p: Parameter, i: number) => {
    if (!p || !(p.data instanceof Float64Array) || !(p.grad instanceof Float64Array) || p.data.length !== p.grad.length) {
      badArgument(where, `params[${i}]`, "a Parameter {name, shape, data, grad} with Float64Arrays of equal length", p);
    }
    if (names.has(p.name)) throw new RnnlabError(`${where}: params contains "${p.name}" twice`);
    names.add(p.name);
  });
  return params as readonly Parameter[];
}

/** Configuration of `SGD`. */
export interface SGDConfig {
  /** Learning rate η (> 0). */
  lr: number;
  /** Momentum factor μ in [0, 1) (default 0: plain gradient descent). */
  momentum?: number;
  /** Dampening τ of the momentum in [0, 1] (default 0). */
  dampening?: number;
  /** L2 penalty λ added to the gradient as λθ (default 0). */
  weightDecay?: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent, as `torch.optim.SGD`.
 *
 * With g = ∇θ L + λ θ (weight decay λ), the momentum buffer b is
 *   b_1 = g,   b_t = μ b_{t-1} + (1 − τ) g   (t > 1),
 * the direction is d = g + μ b (Nesterov) or d = b (classic), or d = g when μ = 0,
 * and the update is θ ← θ − η d.
 *
 * @example
 * ```ts
 * import { SGD, SequenceModel, Rng, sequenceBatchFromArrays } from "rnnlab";
 * const model = new SequenceModel({ cell: "rnn", inputSize: 1, hiddenSize: 8, outputSize: 1, readout: "every", rng: new Rng(1) });
 * const opt = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
 * const batch = sequenceBatchFromArrays([[[1], [0], [0]]]), y = [0, 1, 0];
 * for (let step = 0; step < 10; step++) {
 *   opt.zeroGrad();
 *   model.lossAndGrad(batch, y);  // the loss; gradients into each parameter's grad
 *   opt.step();
 * }
 * ```
 */
export class SGD implements Optimizer {
  readonly params: readonly Parameter[];
  lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  private buffers: (Float64Array | null)[];
  private steps = 0;

  constructor(params: readonly Parameter[], config: SGDConfig) {
    const where = "SGD";
    this.params = checkParams(where, params);
    requireOptions(where, config, ["lr", "momentum", "dampening", "weightDecay", "nesterov"], { name: "config", unsupported: { maximize: "negate your loss instead", foreach: "not needed: rnnlab has one implementation" }, expected: "an object {lr, momentum?, weightDecay?}" });
    if (config.nesterov !== undefined && typeof config.nesterov !== "boolean") badArgument(where, "nesterov", "a boolean", config.nesterov);
    this.lr = requirePositive(where, "lr", config.lr);
    this.momentum = requireFinite(where, "momentum", config.momentum ?? 0, 0, 1);
    this.dampening = requireFinite(where, "dampening", config.dampening ?? 0, 0, 1);
    this.weightDecay = requireFinite(where, "weightDecay", config.weightDecay ?? 0, 0);
    this.nesterov = config.nesterov ?? false;
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new RnnlabError(`${where}: nesterov needs momentum > 0 and dampening 0, got momentum ${this.momentum}, dampening ${this.dampening}`);
    }
    this.buffers = this.params.map(() => null);
  }

  get stepCount(): number {
    return this.steps;
  }

  step(): void {
    requirePositive("SGD.step", "lr", this.lr);
    const { momentum: mu, dampening: tau, weightDecay: wd, nesterov } = this;
    for (let k = 0; k < this.params.length; k++) {
      const { data: theta, grad } = this.params[k];
      let buf = this.buffers[k];
      const first = buf === null;
      if (mu !== 0 && buf === null) buf = this.buffers[k] = new Float64Array(theta.length);
      for (let i = 0; i < theta.length; i++) {
        let g = grad[i];
        if (wd !== 0) g = g + wd * theta[i];
        if (buf !== null) {
          // torch: the first step copies g into the buffer (no dampening).
          buf[i] = first ? g : mu * buf[i] + (1 - tau) * g;
          g = nesterov ? g + mu * buf[i] : buf[i];
        }
        theta[i] = theta[i] - this.lr * g;
      }
    }
    this.steps += 1;
  }

  zeroGrad(): void {
    zeroGrad(this.params);
  }

  reset(): void {
    this.buffers = this.params.map(() => null);
    this.steps = 0;
  }
}

/** Configuration of `Adam`. */
export interface AdamConfig {
  /** Learning rate η (default 1e-3). */
  lr?: number;
  /** Decay rates (β1, β2) of the first and second moment estimates (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** ε added to the denominator (default 1e-8). */
  eps?: number;
  /** L2 penalty λ added to the gradient as λθ (default 0; this is Adam, not AdamW). */
  weightDecay?: number;
  /** Use the running maximum of the second moment (AMSGrad; default false). */
  amsgrad?: boolean;
}

/**
 * Adam (Kingma & Ba 2015), as `torch.optim.Adam` (single-tensor path, PyTorch 1.13).
 *
 * With g = ∇θ L + λ θ and step count t (starting at 1):
 *   m ← β1 m + (1 − β1) g,      v ← β2 v + (1 − β2) g²,
 *   θ ← θ − (η / (1 − β1^t)) · m / ( √v / √(1 − β2^t) + ε ).
 * (With AMSGrad, v in the denominator is replaced by its running maximum.)
 *
 * @example
 * ```ts
 * import { Adam, SequenceModel, Rng, sequenceBatchFromArrays } from "rnnlab";
 * const model = new SequenceModel({ cell: "gru", inputSize: 1, hiddenSize: 8, outputSize: 1, rng: new Rng(1) });
 * const opt = new Adam(model.parameters(), { lr: 0.01 });
 * const batch = sequenceBatchFromArrays([[[1], [0], [0]], [[0], [0], [1]]]), y = [1, 0];  // one output per sequence
 * for (let step = 0; step < 10; step++) {
 *   opt.zeroGrad();
 *   model.lossAndGrad(batch, y);
 *   opt.step();
 * }
 * ```
 */
export class Adam implements Optimizer {
  readonly params: readonly Parameter[];
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  private m: Float64Array[];
  private v: Float64Array[];
  private vMax: Float64Array[];
  private steps = 0;

  constructor(params: readonly Parameter[], config: AdamConfig = {}) {
    const where = "Adam";
    this.params = checkParams(where, params);
    requireOptions(where, config, ["lr", "betas", "eps", "weightDecay", "amsgrad"], { name: "config", unsupported: { maximize: "negate your loss instead", foreach: "not needed: rnnlab has one implementation", capturable: "not needed: rnnlab runs on the CPU" }, expected: "an object {lr?, betas?, eps?}" });
    if (config.amsgrad !== undefined && typeof config.amsgrad !== "boolean") badArgument(where, "amsgrad", "a boolean", config.amsgrad);
    this.lr = requirePositive(where, "lr", config.lr ?? 1e-3);
    const betas = config.betas ?? [0.9, 0.999];
    if (!Array.isArray(betas) || betas.length !== 2) badArgument(where, "betas", "a pair [beta1, beta2]", betas);
    this.beta1 = requireFinite(where, "betas[0]", betas[0], 0, 1);
    this.beta2 = requireFinite(where, "betas[1]", betas[1], 0, 1);
    if (this.beta1 >= 1) badArgument(where, "betas[0]", "a number in [0, 1)", this.beta1);
    if (this.beta2 >= 1) badArgument(where, "betas[1]", "a number in [0, 1)", this.beta2);
    this.eps = requireFinite(where, "eps", config.eps ?? 1e-8, 0);
    this.weightDecay = requireFinite(where, "weightDecay", config.weightDecay ?? 0, 0);
    this.amsgrad = config.amsgrad ?? false;
    this.m = this.params.map((p) => new Float64Array(p.data.length));
    this.v = this.params.map((p) => new Float64Array(p.data.length));
    this.vMax = this.amsgrad ? this.params.map((p) => new Float64Array(p.data.length)) : [];
  }

  get stepCount(): number {
    return this.steps;
  }

  step(): void {
    requirePositive("Adam.step", "lr", this.lr);
    this.steps += 1;
    const t = this.steps;
    const { beta1: b1, beta2: b2, eps, weightDecay: wd } = this;
    const biasCorrection1 = 1 - b1 ** t;
    const biasCorrection2 = 1 - b2 ** t;
    const stepSize = this.lr / biasCorrection1;
    const bc2Sqrt = Math.sqrt(biasCorrection2);
    for (let k = 0; k < this.params.length; k++) {
      const { data: theta, grad } = this.params[k];
      const m = this.m[k];
      const v = this.v[k];
      const vMax = this.amsgrad ? this.vMax[k] : null;
      for (let i = 0; i < theta.length; i++) {
        let g = grad[i];
        if (wd !== 0) g = g + wd * theta[i];
        m[i] = m[i] * b1 + (1 - b1) * g;
        v[i] = v[i] * b2 + (1 - b2) * (g * g);
        let second = v[i];
        if (vMax !== null) {
          if (v[i] > vMax[i]) vMax[i] = v[i];
          second = vMax[i];
        }
        const denom = Math.sqrt(second) / bc2Sqrt + eps;
        theta[i] = theta[i] + -stepSize * (m[i] / denom);
      }
    }
  }

  zeroGrad(): void {
    zeroGrad(this.params);
  }

  reset(): void {
    for (const a of [...this.m, ...this.v, ...this.vMax]) a.fill(0);
    this.steps = 0;
  }
}
