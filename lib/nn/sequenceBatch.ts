/**
 * Time-major batches of sequences, the input of every recurrent layer.
 *
 * `x[(t*B + b)*D + d]` is feature d of sequence b at time t. Sequences of
 * different lengths are padded to T and carry `lengths[b]` (PyTorch's packed
 * sequence semantics: steps t >= lengths[b] are ignored).
 */
import { RnnlabError, badArgument, requireInt } from "../core/errors";

/** A batch of B sequences of length T with D features, time-major. */
export interface SequenceBatch {
  /** [T, B, D] flat: x[(t*B + b)*D + d] */
  readonly x: Float64Array;
  /** number of time steps (the longest sequence) */
  readonly T: number;
  /** number of sequences */
  readonly B: number;
  /** features per step */
  readonly D: number;
  /** valid length of each sequence, 1 <= lengths[b] <= T (all T when left out) */
  readonly lengths?: readonly number[];
}

/**
 * A SequenceBatch from nested arrays `sequences[b][t][d]` of possibly different
 * lengths; shorter sequences are zero-padded and `lengths` is set when they differ.
 */
export function sequenceBatchFromArrays(sequences: readonly (readonly (readonly number[])[])[]): SequenceBatch {
  const where = "sequenceBatchFromArrays";
  if (!Array.isArray(sequences) || sequences.length === 0) badArgument(where, "sequences", "a non-empty array [B][T][D]", sequences);
  const B = sequences.length;
  let T = 0;
  let D = -1;
  const lengths: number[] = [];
  sequences.forEach((seq, b) => {
    if (!Array.isArray(seq) || seq.length === 0) badArgument(where, `sequences[${b}]`, "a non-empty array of time steps", seq);
    lengths.push(seq.length);
    T = Math.max(T, seq.length);
    seq.forEach((step, t) => {
      if (!Array.isArray(step)) badArgument(where, `sequences[${b}][${t}]`, "an array of features", step);
      if (D < 0) D = step.length;
      if (step.length !== D) badArgument(where, `sequences[${b}][${t}]`, `an array of ${D} features`, step);
    });
  });
  if (D <= 0) badArgument(where, "sequences", "steps with at least one feature", D);
  const x = new Float64Array(T * B * D);
  for (let b = 0; b < B; b++) {
    const seq = sequences[b];
    for (let t = 0; t < seq.length; t++) for (let d = 0; d < D; d++) x[(t * B + b) * D + d] = seq[t][d];
  }
  const ragged = lengths.some((L) => L !== T);
  return ragged ? { x, T, B, D, lengths } : { x, T, B, D };
}

/**
 * Checks a batch against a layer: shapes, lengths and finiteness of every value.
 * `where` names the layer, e.g. `LSTM(inputSize=4, hiddenSize=8)`.
 */
export function checkSequenceBatch(where: string, batch: SequenceBatch, inputSize: number): void {
  if (batch === null || typeof batch !== "object") badArgument(where, "batch", "a SequenceBatch {x, T, B, D, lengths?}", batch);
  requireInt(where, "batch.T (sequence length)", batch.T, 1);
  requireInt(where, "batch.B (batch size)", batch.B, 1);
  requireInt(where, "batch.D (input width)", batch.D, 1);
  const { x, T, B, D } = batch;
  if (D !== inputSize) {
    throw new RnnlabError(`${where}: input width batch.D must be inputSize=${inputSize}, got ${D}`);
  }
  if (!(x instanceof Float64Array)) badArgument(where, "batch.x", "a Float64Array [T, B, D]", x);
  if (x.length !== T * B * D) {
    throw new RnnlabError(`${where}: batch.x must have T*B*D = ${T}*${B}*${D} = ${T * B * D} entries, got ${x.length}`);
  }
  if (batch.lengths !== undefined) {
    const L = batch.lengths;
    if (!Array.isArray(L) || L.length !== B) {
      throw new RnnlabError(`${where}: batch.lengths must have one entry per sequence (B=${B}), got ${Array.isArray(L) ? `length ${L.length}` : typeof L}`);
    }
    for (let b = 0; b < B; b++) {
      if (!Number.isInteger(L[b]) || L[b] < 1 || L[b] > T) {
        throw new RnnlabError(`${where}: batch.lengths[${b}] must be an integer in [1, T=${T}], got ${L[b]}`);
      }
    }
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      const t = Math.floor(i / (B * D));
      const b = Math.floor(i / D) % B;
      const d = i % D;
      throw new RnnlabError(`${where}: batch.x must be finite, got ${x[i]} at time step t=${t}, batch index b=${b}, feature d=${d}`);
    }
  }
}

/** The length of sequence b (T when the batch has no lengths). */
function sequenceLength(batch: SequenceBatch, b: number): number {
  return batch.lengths ? batch.lengths[b] : batch.T;
}

/** A [T, B] mask: 1 where t < lengths[b], else 0. */
export function sequenceMask(batch: SequenceBatch): Float64Array {
  const m = new Float64Array(batch.T * batch.B);
  for (let t = 0; t < batch.T; t++) for (let b = 0; b < batch.B; b++) m[t * batch.B + b] = t < sequenceLength(batch, b) ? 1 : 0;
  return m;
}
