/**
 * Small models whose gradients and Hessians are known in closed form, for testing
 * the metrics exactly and for worked examples:
 *
 * - `ParameterVectorModel`: one parameter vector θ, with `quadraticTask`
 *   L(θ) = ½ (θ − c)ᵀ A (θ − c): ∇L = A(θ − c), H = A (everything by hand).
 * - `AffineModel`: y = W x + b, with `affineClassificationTask` (softmax cross-entropy),
 *   with exact Hessian-vector products and per-example gradients.
 */
import { HasParameters, Parameter, createParameter } from "../core/parameter";
import { RnnlabError, badArgument, requireAllFinite, requireFinite, requireInt } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { requireAllocation, requireOptions, requireSize } from "../core/options";
import { requireConfig } from "../core/argChecks";

/** Checks that an input vector has the model's input length. */
function checkLength(where: string, name: string, x: ArrayLike<number>, n: number): void {
  if (x === null || typeof x !== "object" || typeof x.length !== "number" || x.length !== n) {
    badArgument(where, name, `an array of length ${n}`, x);
  }
}
import { ContinualTask } from "./task";

/**
 * A model that is just a parameter vector θ (named "theta").
 *
 * @example
 * ```ts
 * import { ParameterVectorModel } from "rnnlab";
 * const model = new ParameterVectorModel([0.5, -1]);
 * const [theta] = model.parameters();   // one Parameter holding [0.5, -1]
 * ```
 */
export class ParameterVectorModel implements HasParameters {
  readonly theta: Parameter;
  constructor(values: ArrayLike<number>) {
    if (typeof values !== "object" || values === null || values.length === 0) badArgument("ParameterVectorModel", "values", "a non-empty array", values);
    requireAllFinite("ParameterVectorModel", "values", values);
    this.theta = createParameter("theta", [values.length]);
    this.theta.data.set(Array.from(values));
  }
  parameters(): Parameter[] {
    return [this.theta];
  }
}

function requireMatrix(where: string, name: string, m: unknown, rows: number, cols: number): number[][] {
  if (!Array.isArray(m) || m.length !== rows) badArgument(where, name, `a ${rows}×${cols} matrix (array of ${rows} rows)`, m);
  (m as unknown[]).forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) badArgument(where, `${name}[${i}]`, `a row of length ${cols}`, row);
    requireAllFinite(where, `${name}[${i}]`, row as number[]);
  });
  return m as number[][];
}

/**
 * L(θ) = ½ (θ − c)ᵀ A (θ − c) on a ParameterVectorModel (A symmetric n×n, c length n).
 * Sizes: inputSize = outputSize = 1 (a quadratic has no data; the sizes only let tasks be sequenced).
 */
export function quadraticTask(name: string, A: number[][], center: number[]): ContinualTask<ParameterVectorModel> {
  const where = "quadraticTask";
  if (typeof name !== "string" || name.length === 0) badArgument(where, "name", "a non-empty string (the task's name)", name);
  if (!Array.isArray(center) || center.length === 0) badArgument(where, "center", "a non-empty array", center);
  requireAllFinite(where, "center", center);
  const n = center.length;
  requireMatrix(where, "A", A, n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    if (Math.abs(A[i][j] - A[j][i]) > 1e-12 * (1 + Math.abs(A[i][j]))) badArgument(where, `A[${i}][${j}]`, `equal to A[${j}][${i}] = ${A[j][i]} (A symmetric)`, A[i][j]);
  }
  const check = (m: ParameterVectorModel): Float64Array => {
    if (m.theta.data.length !== n) throw new RnnlabError(`${where} "${name}": the model must have ${n} parameters, got ${m.theta.data.length}`);
    return m.theta.data;
  };
  const Av = (v: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i] += A[i][j] * v[j];
    return out;
  };
  const loss = (m: ParameterVectorModel): number => {
    const th = check(m);
    const d = th.map((x, i) => x - center[i]);
    const Ad = Av(d);
    let s = 0;
    for (let i = 0; i < n; i++) s += d[i] * Ad[i];
    return 0.5 * s;
  };
  return {
    name,
    inputSize: 1,
    outputSize: 1,
    loss,
    lossAndGrad: (m) => {
      const th = check(m);
      const g = Av(th.map((x, i) => x - center[i]));
      for (let i = 0; i < n; i++) m.theta.grad[i] += g[i];
      return loss(m);
    },
    hessianVectorProduct: (m, v) => {
      check(m);
      return Av(v);
    },
  };
}

/** Configuration of an AffineModel. */
export interface AffineModelConfig {
  inputSize: number;
  outputSize: number;
  /** Standard deviation of the initial weights (default 1/√inputSize); biases start at 0. */
  initScale?: number;
  rng?: Rng;
}

/**
 * y = W x + b with W [outputSize, inputSize] ("weight") and b [outputSize] ("bias").
 *
 * @example
 * ```ts
 * import { AffineModel, Rng } from "rnnlab";
 * const model = new AffineModel({ inputSize: 3, outputSize: 2, rng: new Rng(1) });
 * const y = model.forward([1, 2, 3]);  // W x + b, length 2
 * ```
 */
export class AffineModel implements HasParameters {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly weight: Parameter;
  readonly bias: Parameter;
  constructor(config: AffineModelConfig) {
    const where = "AffineModel";
    requireOptions(where, config, ["inputSize", "outputSize", "initScale", "rng"], { name: "config", expected: "an object { inputSize, outputSize, initScale?, rng? }" });
    this.inputSize = requireSize(where, "config.inputSize", config.inputSize);
    this.outputSize = requireSize(where, "config.outputSize", config.outputSize);
    requireAllocation(where, this.inputSize >= this.outputSize ? "config.inputSize" : "config.outputSize", 2 * (this.inputSize + 1) * this.outputSize);
    const scale = requireFinite(where, "config.initScale", config.initScale ?? 1 / Math.sqrt(this.inputSize), 0);
    const rng = rngOrDefault(config.rng);
    this.weight = createParameter("weight", [this.outputSize, this.inputSize]);
    this.bias = createParameter("bias", [this.outputSize]);
    for (let i = 0; i < this.weight.data.length; i++) this.weight.data[i] = rng.normal(0, scale);
  }
  parameters(): Parameter[] {
    return [this.weight, this.bias];
  }
  /** W x + b for one input of length inputSize. */
  forward(x: ArrayLike<number>): Float64Array {
    const { inputSize: I, outputSize: O } = this;
    checkLength("AffineModel.forward", "x", x, I);
    const y = new Float64Array(O);
    for (let o = 0; o < O; o++) {
      let s = this.bias.data[o];
      for (let i = 0; i < I; i++) s += this.weight.data[o * I + i] * x[i];
      y[o] = s;
    }
    return y;
  }
  /** Adds scale · dy xᵀ to dW and scale · dy to db. */
  accumulate(x: ArrayLike<number>, dy: ArrayLike<number>, scale: number): void {
    const { inputSize: I, outputSize: O } = this;
    checkLength("AffineModel.accumulate", "x", x, I);
    checkLength("AffineModel.accumulate", "dy", dy, O);
    requireFinite("AffineModel.accumulate", "scale", scale);
    for (let o = 0; o < O; o++) {
      this.bias.grad[o] += scale * dy[o];
      for (let i = 0; i < I; i++) this.weight.grad[o * I + i] += scale * dy[o] * x[i];
    }
  }
  /** (V_W x + v_b) for a flat direction v = [vec(V_W), v_b] (the Jacobian-vector product of the outputs). */
  jvp(x: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
    const { inputSize: I, outputSize: O } = this;
    checkLength("AffineModel.jvp", "x", x, I);
    checkLength("AffineModel.jvp", "v", v, O * I + O);
    const u = new Float64Array(O);
    for (let o = 0; o < O; o++) {
      let s = v[O * I + o];
      for (let i = 0; i < I; i++) s += v[o * I + i] * x[i];
      u[o] = s;
    }
    return u;
  }
}

function requireExamples(where: string, inputs: unknown, inputSize: number): number[][] {
  if (!Array.isArray(inputs) || inputs.length === 0) badArgument(where, "inputs", "a non-empty array of input vectors", inputs);
  return requireMatrix(where, "inputs", inputs, inputs.length, inputSize);
}

function checkModel(where: string, name: string, m: AffineModel, I: number, O: number): void {
  if (m.inputSize !== I || m.outputSize !== O) {
    throw new RnnlabError(`${where} "${name}": the model must map ${I} inputs to ${O} outputs, got ${m.inputSize} -> ${m.outputSize}`);
  }
}

/**
 * The part of an AffineModel task that averages over its N examples: L = (1/N) Σ_n ℓ_n (`loss`),
 * the same adding ∇L into the grads (`lossAndGrad`), and ℓ_n adding ∇ℓ_n (`exampleLossAndGrad`).
 * `example(m, n, scale, withGrad)` returns ℓ_n and, when withGrad, adds scale · ∇ℓ_n.
 */
function meanOverExamples(
  where: string,
  name: string,
  I: number,
  O: number,
  N: number,
  example: (m: AffineModel, n: number, scale: number, withGrad: boolean) => number,
): ContinualTask<AffineModel> {
  const mean = (m: AffineModel, scale: number, withGrad: boolean): number => {
    checkModel(where, name, m, I, O);
    let s = 0;
    for (let n = 0; n < N; n++) s += example(m, n, scale, withGrad);
    return s / N;
  };
  return {
    name,
    inputSize: I,
    outputSize: O,
    exampleCount: N,
    loss: (m) => mean(m, 0, false),
    lossAndGrad: (m) => mean(m, 1 / N, true),
    exampleLossAndGrad: (m, n) => {
      checkModel(where, name, m, I, O);
      requireInt(where, "index", n, 0);
      if (n >= N) badArgument(where, "index", `an integer < ${N}`, n);
      return example(m, n, 1, true);
    },
  };
}

function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  const e = z.map((v) => Math.exp(v - max));
  let s = 0;
  for (const v of e) s += v;
  return e.map((v) => v / s);
}

/**
 * Classification with an AffineModel: logits W x + b, L = (1/N) Σ_n −log softmax(z_n)[y_n].
 * Exact H v = (1/N) Σ_n J_nᵀ (diag p_n − p_n p_nᵀ) J_n v; accuracy = fraction with argmax z_n = y_n.
 */
function affineClassificationTask(config: { name: string; inputs: number[][]; labels: number[]; classes: number }): ContinualTask<AffineModel> {
  const where = "affineClassificationTask";
  requireConfig(where, config, ["name", "inputs", "labels", "classes"], "an object {name, inputs, labels, classes}");
  const { name } = config;
  const C = requireInt(where, "config.classes", config.classes, 2);
  if (!Array.isArray(config.inputs) || config.inputs.length === 0) badArgument(where, "config.inputs", "a non-empty array of input vectors", config.inputs);
  const I = Array.isArray(config.inputs[0]) ? config.inputs[0].length : 0;
  const X = requireExamples(where, config.inputs, I);
  const N = X.length;
  if (!Array.isArray(config.labels) || config.labels.length !== N) badArgument(where, "config.labels", `an array of ${N} labels`, config.labels);
  config.labels.forEach((y, n) => {
    requireInt(where, `config.labels[${n}]`, y, 0);
    if (y >= C) badArgument(where, `config.labels[${n}]`, `a class index < ${C}`, y);
  });
  const labels = config.labels;
  const example = (m: AffineModel, n: number, scale: number, withGrad: boolean): number => {
    const p = softmax(m.forward(X[n]));
    if (withGrad) {
      const d = Float64Array.from(p);
      d[labels[n]] -= 1;
      m.accumulate(X[n], d, scale);
    }
    return -Math.log(Math.max(p[labels[n]], 1e-300));
  };
  return {
    ...meanOverExamples(where, name, I, C, N, example),
    accuracy: (m) => {
      checkModel(where, name, m, I, C);
      let correct = 0;
      for (let n = 0; n < N; n++) {
        const z = m.forward(X[n]);
        let best = 0;
        for (let c = 1; c < C; c++) if (z[c] > z[best]) best = c;
        if (best === labels[n]) correct++;
      }
      return correct / N;
    },
    hessianVectorProduct: (m, v) => {
      checkModel(where, name, m, I, C);
      const out = new Float64Array(C * I + C);
      for (let n = 0; n < N; n++) {
        const p = softmax(m.forward(X[n]));
        const u = m.jvp(X[n], v);
        let pu = 0;
        for (let c = 0; c < C; c++) pu += p[c] * u[c];
        for (let c = 0; c < C; c++) {
          const s = p[c] * (u[c] - pu);
          out[C * I + c] += s / N;
          for (let i = 0; i < I; i++) out[c * I + i] += (s * X[n][i]) / N;
        }
      }
      return out;
    },
  };
}

/**
 * A classification task labelled by a random linear teacher: x_n ~ N(0, I), y_n =
 * argmax(T x_n) with T ~ N(0, 1) of shape [classes, inputSize]. Two tasks made with
 * different generators need different weights: the textbook pair for forgetting.
 */
export function teacherClassificationTask(config: {
  name: string;
  inputSize: number;
  classes: number;
  examples: number;
  rng?: Rng;
}): ContinualTask<AffineModel> {
  const where = "teacherClassificationTask";
  requireConfig(where, config, ["name", "inputSize", "classes", "examples", "rng"], "an object {name, inputSize, classes, examples, rng?}");
  const I = requireSize(where, "config.inputSize", config.inputSize);
  const C = requireSize(where, "config.classes", config.classes, 2);
  const N = requireSize(where, "config.examples", config.examples);
  requireAllocation(where, "config.examples", (N + C) * I);
  const rng = rngOrDefault(config.rng, where);
  const T = Array.from({ length: C }, () => Array.from(rng.normalArray(I)));
  const inputs: number[][] = [];
  const labels: number[] = [];
  for (let n = 0; n < N; n++) {
    const x = Array.from(rng.normalArray(I));
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let i = 0; i < I; i++) s += T[c][i] * x[i];
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    inputs.push(x);
    labels.push(best);
  }
  return affineClassificationTask({ name: config.name, inputs, labels, classes: C });
}
