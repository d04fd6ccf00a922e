/**
 * Attention against recurrence, measured: gradient reach and cost as the sequence grows.
 *
 * (a) `firstInputGradientNorms`: the Frobenius norm of the Jacobian ∂y_last/∂x_0 of the
 *     last output with respect to the first input, at initialisation, for sequences of
 *     growing length T. A recurrent layer multiplies T − 1 step Jacobians, so the norm
 *     decays (or explodes) geometrically; attention connects x_0 to the last output in one
 *     step, so the norm stays roughly flat.
 * (b) `forwardBackwardTimes`: wall time of one forward + backward pass against T:
 *     O(T²·M) for attention (the T×T score matrix), O(T·H²) for a recurrent layer.
 */
import { badArgument, requireBoolean, requireInt, requirePositive } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { zeroGrad } from "../core/parameter";
import { RecurrentCellType, createRecurrentLayer } from "../nn/recurrentLayer";
import { SequenceBatch } from "../nn/sequenceBatch";
import { SelfAttention } from "./selfAttention";
import { requireOptions } from "../core/options";

/** Which models to compare: "attention" or a recurrent cell. */
export type ComparedModel = "attention" | RecurrentCellType;

/** Options of the comparisons. */
export interface AttentionComparisonOptions {
  /** Sequence lengths T to measure. */
  lengths: readonly number[];
  /** Models to measure (default ["attention", "rnn"]). */
  models?: readonly ComparedModel[];
  /** Input features D (default 4). */
  inputSize?: number;
  /** Hidden size H of recurrent layers and model size M of attention (default 16). */
  size?: number;
  /** Independent initialisations averaged (gradients, default 5) or timing repeats (minimum taken, default 5). */
  repeats?: number;
  rng?: Rng;
}

/** One measurement: a model at a length. */
export interface ComparisonRecord {
  model: ComparedModel;
  T: number;
  /** ‖∂y_last/∂x_0‖_F (geometric mean over initialisations), or wall-clock milliseconds (minimum over repeats). */
  value: number;
  /** Timing only: CPU time of this process in ms (median over repeats), insensitive to other processes' load. */
  cpuMs?: number;
}

function randomBatch(T: number, D: number, rng: Rng): SequenceBatch {
  return { x: rng.normalArray(T * D), T, B: 1, D };
}

/** ‖∂y_last/∂x_0‖_F of one freshly initialised model on one random sequence. */
function jacobianNormFirstInput(model: ComparedModel, T: number, D: number, H: number, rng: Rng): number {
  const batch = randomBatch(T, D, rng);
  let sq = 0;
  if (model === "attention") {
    const att = new SelfAttention({ inputSize: D, modelSize: H, outputSize: H, readout: "last", rng });
    for (let o = 0; o < H; o++) {
      att.forward(batch);
      const e = new Float64Array(H);
      e[o] = 1;
      const dX = att.backward(e);
      for (let d = 0; d < D; d++) sq += dX[d] * dX[d]; // t = 0, b = 0
    }
    zeroGrad(att.parameters());
  } else {
    const layer = createRecurrentLayer(model, { inputSize: D, hiddenSize: H, rng });
    for (let o = 0; o < H; o++) {
      layer.forward(batch);
      const dhN = new Float64Array(H);
      dhN[o] = 1;
      const { dX } = layer.backward({ dhN });
      for (let d = 0; d < D; d++) sq += dX[d] * dX[d];
    }
    zeroGrad(layer.parameters());
  }
  return Math.sqrt(sq);
}

/** The options shared by both comparisons, checked, with their defaults. */
function comparisonSettings(where: string, options: AttentionComparisonOptions) {
  requireOptions(where, options, ["lengths", "models", "inputSize", "size", "repeats", "rng"]);
  if (!Array.isArray(options.lengths)) badArgument(where, "lengths", "an array of sequence lengths T", options.lengths);
  return {
    lengths: options.lengths.map((T) => requireInt(where, "lengths[i]", T, 1)),
    D: requireInt(where, "inputSize", options.inputSize ?? 4, 1),
    H: requireInt(where, "size", options.size ?? 16, 1),
    repeats: requireInt(where, "repeats", options.repeats ?? 5, 1),
    rng: rngOrDefault(options.rng),
    models: options.models ?? (["attention", "rnn"] as const),
  };
}

/** (a) Gradient reach: ‖∂(last output)/∂(first input)‖ against T for each model. */
export function firstInputGradientNorms(options: AttentionComparisonOptions): ComparisonRecord[] {
  const { lengths, D, H, repeats, rng, models } = comparisonSettings("firstInputGradientNorms", options);
  const out: ComparisonRecord[] = [];
  for (const model of models) {
    for (const T of lengths) {
      let logSum = 0;
      for (let r = 0; r < repeats; r++) logSum += Math.log(jacobianNormFirstInput(model, T, D, H, rng) + 1e-300);
      out.push({ model, T, value: Math.exp(logSum / repeats) });
    }
  }
  return out;
}

/**
 * (b) Cost: wall time (ms) of one forward + backward pass (batch of 1) against T: the
 * minimum over `repeats` runs, the measurement least disturbed by other processes on a
 * shared machine.
 */
export function forwardBackwardTimes(options: AttentionComparisonOptions): ComparisonRecord[] {
  const { lengths, D, H, repeats, rng, models } = comparisonSettings("forwardBackwardTimes", options);
  const out: ComparisonRecord[] = [];
  for (const model of models) {
    const att = model === "attention" ? new SelfAttention({ inputSize: D, modelSize: H, outputSize: 1, rng }) : null;
    const layer = model === "attention" ? null : createRecurrentLayer(model, { inputSize: D, hiddenSize: H, rng });
    for (const T of lengths) {
      const batch = randomBatch(T, D, rng);
      const run = () => {
        if (att) {
          att.forward(batch);
          att.backward(new Float64Array([1]));
        } else if (layer) {
          layer.forward(batch);
          layer.backward({ dhN: new Float64Array(H).fill(1) });
        }
      };
      run(); // warm-up (JIT, buffers)
      const times: number[] = [];
      const cpu: number[] = [];
      for (let r = 0; r < repeats; r++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        run();
        times.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      out.push({ model, T, value: times[0], cpuMs: cpu[Math.floor(cpu.length / 2)] });
    }
    if (att) zeroGrad(att.parameters());
    if (layer) zeroGrad(layer.parameters());
  }
  return out;
}

/** The least-squares slope of log(value) (or of log(cpuMs) with `useCpu`) against log(T): ≈ 1 for O(T), ≈ 2 for O(T²). */
export function logLogSlope(records: readonly ComparisonRecord[], useCpu = false): number {
  const where = "logLogSlope";
  if (!Array.isArray(records) || records.length < 2) badArgument(where, "records", "an array of at least 2 ComparisonRecords {model, T, value, cpuMs?}", records);
  requireBoolean(where, "useCpu", useCpu);
  const key = useCpu ? "cpuMs" : "value";
  records.forEach((r, i) => {
    if (r === null || typeof r !== "object") badArgument(where, `records[${i}]`, "a ComparisonRecord {model, T, value, cpuMs?}", r);
    requirePositive(where, `records[${i}].T`, r.T);
    requirePositive(where, `records[${i}].${key}`, r[key]);
  });
  const xs = records.map((r) => Math.log(r.T));
  const ys = records.map((r) => Math.log(useCpu ? (r.cpuMs as number) : r.value));
  if (xs.every((x) => x === xs[0])) badArgument(where, "records", "records with at least two different lengths T", records);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxy / sxx;
}
