/**
 * Backpropagation through time, full and truncated (Williams & Peng 1990).
 *
 * Full BPTT unrolls the whole sequence and backpropagates from every loss to
 * the first step: exact gradients, memory ∝ T. Truncated BPTT(k1, k2) walks
 * through the sequence carrying the hidden state forward and, every k1 steps,
 * backpropagates over the last k2 steps only:
 *
 *   for t = k1, 2k1, …, T (the last window ends at T):
 *     s = max(0, t − k2)
 *     run the network over steps [s, t) from the carried state S_s, *treated as a constant*
 *     the losses of the k1 new steps [t − k1, t) are back-propagated to step s, no further
 *
 * The gradient is then exactly the gradient of the *truncated graph*: the sum over
 * windows of ∂(window loss)/∂θ with every window's start state detached. With
 * k1 = k2 = T there is one window and this is full BPTT. With k2 > k1 windows
 * overlap: steps are re-run (cost × k2/k1) so that every loss sees k2 − k1 + 1 to k2
 * steps of history. With k2 < k1 the new steps before t − k2 are run forward only:
 * their losses still train the readout, but their hidden states are constants (no
 * gradient reaches the recurrent weights through them). Memory: activations of
 * max(k1, k2) steps instead of T.
 *
 * Loss scaling: with a readout at every step the loss of the whole sequence is the
 * mean over all T·B rows; window w's mean over its n_w new steps is weighted by
 * n_w / T, so the returned loss equals the full-sequence loss (computed along the way)
 * and the gradients add up on the same scale as full BPTT. With a readout on the
 * last state only the last window has a loss; earlier windows only carry the state.
 */
import { RnnlabError, badArgument, describeValue, requireFiniteArray, requireInt } from "../core/errors";
import { checkOptions, requireAllocation, requireOptions } from "../core/options";
import { LossAndGrad } from "../core/parameter";
import { SequenceModel, SequenceTarget } from "../nn/sequenceModel";
import { SequenceBatch, checkSequenceBatch } from "../nn/sequenceBatch";
import { LossResult, bceWithLogitsLoss, crossEntropyLoss, mseLoss, poissonNllLoss } from "../nn/losses";

/** Options of `truncatedBptt`. */
export interface TruncatedBpttOptions {
  /** Steps between two backward passes (>= 1). */
  k1: number;
  /** Steps each backward pass reaches back (>= 1; default k1). */
  k2?: number;
  /** Initial hidden state [numLayers, B, H] (zeros by default), e.g. the `hN` of the previous chunk of a stream. */
  h0?: Float64Array;
  /** Initial cell state [numLayers, B, H] (LSTM only). */
  c0?: Float64Array;
}

/** One window of truncated BPTT. */
export interface BpttWindow {
  /** First step the backward pass reaches (its state S_start is detached). */
  start: number;
  /** First step run forward in this window: min(start, lossFrom). */
  forwardFrom: number;
  /** One past the last step. */
  end: number;
  /** First step whose loss is counted here (the previous window's end). */
  lossFrom: number;
  /** This window's share of the loss (already weighted; the window losses add up to `loss`). */
  loss: number;
}

/** What `truncatedBptt` returns. */
export interface TruncatedBpttResult {
  /** The loss of the whole sequence (same definition as `model.loss`). */
  loss: number;
  /** The windows, in order. */
  windows: BpttWindow[];
  /** Final hidden state [numLayers, B, H] (a copy, detached): pass it as `h0` of the next chunk. */
  hN: Float64Array;
  /** Final cell state (LSTM). */
  cN?: Float64Array;
}

/** Checks a target against a model and batch: [T, B, O] (or [T, B] classes) for readout "every", [B, O] (or [B]) for "last". */
function requireBpttTarget(where: string, model: SequenceModel, batch: SequenceBatch, target: SequenceTarget): void {
  const { T, B } = batch;
  const O = model.outputSize;
  const perRow = model.lossType === "ce" ? 1 : O;
  const every = model.readout === "every";
  const expected = (every ? T * B : B) * perRow;
  if (!target || typeof target.length !== "number" || target.length !== expected) {
    const shape = every ? `[T=${T}, B=${B}${perRow > 1 || model.lossType !== "ce" ? `, ${O}` : ""}]` : `[B=${B}${model.lossType !== "ce" ? `, ${O}` : ""}]`;
    throw new RnnlabError(`${where}: target must have shape ${shape} (${expected} entries), got ${target && typeof target.length === "number" ? `length ${target.length}` : describeValue(target)}`);
  }
  requireFiniteArray(where, "target", target);
}

/** The window ends: k1, 2k1, …, and T. */
export function bpttWindowEnds(T: number, k1: number): number[] {
  requireInt("bpttWindowEnds", "T", T, 1);
  requireInt("bpttWindowEnds", "k1", k1, 1);
  requireAllocation("bpttWindowEnds", "T", Math.ceil(T / k1));
  const ends: number[] = [];
  for (let t = k1; t < T; t += k1) ends.push(t);
  ends.push(T);
  return ends;
}

function lossFor(model: SequenceModel, y: Float64Array, target: ArrayLike<number>, mask?: Float64Array): LossResult {
  if (model.lossType === "ce") return crossEntropyLoss(y, target, mask);
  if (model.lossType === "bce") return bceWithLogitsLoss(y, target, mask);
  if (model.lossType === "poisson") return poissonNllLoss(y, target, mask);
  return mseLoss(y, target, mask);
}

/** Steps [from, to) of a time-major array with `perStep` entries per step, as a copy. */
function stepSlice(a: ArrayLike<number>, from: number, to: number, perStep: number): Float64Array {
  const out = new Float64Array((to - from) * perStep);
  for (let i = 0; i < out.length; i++) out[i] = a[from * perStep + i];
  return out;
}

/**
 * Truncated BPTT(k1, k2) of a `SequenceModel` over one batch: *adds* the gradient of the
 * truncated graph into the model's parameters and returns the loss, the windows and the
 * final state. See the module comment for the definition.
 *
 * @param model  a unidirectional SequenceModel (readout "every" or "last", any loss)
 * @param batch  x [T, B, D] without `lengths` (all sequences of length T)
 * @param target [T, B, O] (or [T, B] classes) for readout "every"; [B, O] (or [B]) for "last"
 */
export function truncatedBptt(model: SequenceModel, batch: SequenceBatch, target: SequenceTarget, options: TruncatedBpttOptions): TruncatedBpttResult {
  const where = "truncatedBptt";
  requireOptions(where, options, ["k1", "k2", "h0", "c0"], { expected: "an object {k1, k2?}" });
  if (!(model instanceof SequenceModel)) badArgument(where, "model", "a SequenceModel", model);
  const rnn = model.recurrent;
  checkSequenceBatch(where, batch, rnn.inputSize);
  if (batch.lengths) throw new RnnlabError(`${where}: batch.lengths is not supported (the windows cut every sequence at the same steps); pad or split the sequences to equal length`);
  if (rnn.bidirectional) throw new RnnlabError(`${where}: a bidirectional model cannot be trained by truncated BPTT (the reverse direction needs the whole future); use full BPTT (model.lossAndGrad)`);
  const { T, B, D } = batch;
  const k1 = requireInt(where, "k1", options.k1, 1);
  const k2 = requireInt(where, "k2", options.k2 ?? k1, 1);
  const H = rnn.hiddenSize;
  const L = rnn.numLayers;
  const lstm = rnn.cellType === "lstm";
  const O = model.outputSize;
  const perRow = model.lossType === "ce" ? 1 : O;
  const every = model.readout === "every";
  requireBpttTarget(where, model, batch, target);
  if (options.c0 !== undefined && !lstm) badArgument(where, "c0", "left out (only an LSTM has a cell state)", options.c0);
  const stateLen = L * B * H;
  const checkState = (name: string, s: Float64Array | undefined): Float64Array => {
    if (s === undefined) return new Float64Array(stateLen);
    if (!(s instanceof Float64Array) || s.length !== stateLen) badArgument(where, name, `a Float64Array [numLayers=${L}, B=${B}, H=${H}] (${stateLen} entries)`, s);
    return Float64Array.from(s);
  };
  let h = checkState("h0", options.h0);
  let c = lstm ? checkState("c0", options.c0) : null;

  const ends = bpttWindowEnds(T, k1);
  const windows: BpttWindow[] = [];
  const top = (L - 1) * B * H; // the top layer's rows of hN
  const forwardSteps = (from: number, to: number, h0: Float64Array, c0: Float64Array | null) =>
    rnn.forward({ x: stepSlice(batch.x, from, to, B * D), T: to - from, B, D }, c0 ? { h0, c0 } : { h0 });
  /** The state after step `at − 1` of the last forward, which started at step `from` (at > from). */
  const stateInside = (from: number, at: number): { h: Float64Array; c: Float64Array | null } => {
    const hs = new Float64Array(stateLen);
    const cs = lstm ? new Float64Array(stateLen) : null;
    const off = (at - from - 1) * B * H;
    for (let l = 0; l < L; l++) {
      hs.set(rnn.hiddenStates(l, 0).subarray(off, off + B * H), l * B * H);
      if (cs) cs.set(rnn.cellStates(l, 0).subarray(off, off + B * H), l * B * H);
    }
    return { h: hs, c: cs };
  };
  /** Loss of readout-every rows [lossFrom, to) of a forward that started at `from`; weighted; backward into the head. */
  const everyLoss = (output: Float64Array, from: number, lossFrom: number, to: number): { loss: number; dOutput: Float64Array } => {
    const Tw = to - from;
    const mask = new Float64Array(Tw * B);
    for (let t = lossFrom; t < to; t++) for (let b = 0; b < B; b++) mask[(t - from) * B + b] = 1;
    const weight = (to - lossFrom) / T;
    const y = model.head.forward(output);
    const { loss, grad } = lossFor(model, y, stepSlice(target, from, to, B * perRow), mask);
    for (let i = 0; i < grad.length; i++) grad[i] *= weight;
    return { loss: weight * loss, dOutput: model.head.backward(grad) };
  };

  let total = 0;
  let prevEnd = 0;
  let carriedAt = 0; // h, c hold the state at step `carriedAt` (after step carriedAt − 1)
  for (let w = 0; w < ends.length; w++) {
    const end = ends[w];
    const start = Math.max(0, end - k2);
    const forwardFrom = Math.min(start, prevEnd);
    if (carriedAt !== forwardFrom) throw new RnnlabError(`${where}: internal error, state carried to step ${carriedAt}, needed at ${forwardFrom}`);
    let windowLoss = 0;

    // k2 < k1: the new steps [prevEnd, start) run forward only (constant states; the readout still learns).
    if (forwardFrom < start) {
      const r0 = forwardSteps(forwardFrom, start, h, c);
      if (every) windowLoss += everyLoss(r0.output, forwardFrom, forwardFrom, start).loss; // the head's gradient only
      h = Float64Array.from(r0.hN);
      c = r0.cN ? Float64Array.from(r0.cN) : null;
    }

    // The backward window [start, end) from the (detached) state at `start`.
    const r = forwardSteps(start, end, h, c);
    const nextFrom = w + 1 < ends.length ? Math.min(Math.max(0, ends[w + 1] - k2), end) : end;
    const finalH = Float64Array.from(r.hN);
    const finalC = r.cN ? Float64Array.from(r.cN) : null;
    if (nextFrom === end) {
      h = finalH;
      c = finalC;
    } else if (nextFrom > start) {
      ({ h, c } = stateInside(start, nextFrom));
    } // nextFrom === start: the same start state again
    carriedAt = nextFrom;

    if (every) {
      const { loss, dOutput } = everyLoss(r.output, start, Math.max(prevEnd, start), end);
      rnn.backward({ dOutput });
      windowLoss += loss;
    } else if (end === T) {
      const y = model.head.forward(r.hN.slice(top, top + B * H));
      const { loss, grad } = lossFor(model, y, target);
      const dhN = new Float64Array(stateLen);
      dhN.set(model.head.backward(grad), top);
      rnn.backward({ dhN });
      windowLoss = loss;
    }
    windows.push({ start, forwardFrom, end, lossFrom: prevEnd, loss: windowLoss });
    total += windowLoss;
    prevEnd = end;
    if (w + 1 === ends.length) return { loss: total, windows, hN: finalH, ...(finalC ? { cN: finalC } : {}) };
  }
  throw new RnnlabError(`${where}: internal error, no window ended at T`); // unreachable
}

/** Options of `bpttLossAndGrad`: leave out k1 for full BPTT. */
export interface BpttOptions {
  /** Truncation: backward every k1 steps (default: full BPTT). */
  k1?: number;
  /** Truncation: each backward reaches back k2 steps (default k1). */
  k2?: number;
}

/**
 * A `LossAndGrad` for `train()` / `gradCheck()` on one batch: full BPTT
 * (`model.lossAndGrad`) or, with k1, truncated BPTT(k1, k2) from a zero state.
 */
export function bpttLossAndGrad(model: SequenceModel, batch: SequenceBatch, target: SequenceTarget, options: BpttOptions = {}): LossAndGrad {
  const where = "bpttLossAndGrad";
  checkOptions(where, options, ["k1", "k2"]);
  if (!(model instanceof SequenceModel)) badArgument(where, "model", "a SequenceModel", model);
  checkSequenceBatch(where, batch, model.recurrent.inputSize);
  requireBpttTarget(where, model, batch, target);
  if (options.k1 !== undefined) requireInt(where, "k1", options.k1, 1);
  if (options.k2 !== undefined) requireInt(where, "k2", options.k2, 1);
  if (options.k1 === undefined) {
    if (options.k2 !== undefined) badArgument(where, "k1", "given when k2 is given", options.k1);
    return () => model.lossAndGrad(batch, target);
  }
  const k1 = options.k1;
  const k2 = options.k2;
  return () => truncatedBptt(model, batch, target, { k1, k2 }).loss;
}
