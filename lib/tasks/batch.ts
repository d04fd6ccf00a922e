/**
 * Sequences of symbols -> model-ready, time-major one-hot batches.
 *
 * The engine's layers read a batch as `x[(t*B + b)*D + d]`: time-major,
 * `T` steps, `B` sequences, `D` features. Sequences shorter than the longest
 * are padded with all-zero vectors at the end and their true lengths are given
 * in `lengths`.
 */
import { badArgument, requireInt, requireObject } from "../core/errors";
import { SequenceBatch } from "../nn/sequenceBatch";
import { requireAllocation, requireSize } from "../core/options";
import { requireArrayArg, requireIntArray } from "../core/argChecks";

/**
 * A time-major batch: the engine's `SequenceBatch` (`x[(t*B + b)*D + d]`, T, B, D, and
 * `lengths` when sequences differ in length).
 */
export type TaskBatch = SequenceBatch;

/**
 * One-hot encodes integer sequences into a time-major batch.
 *
 * @param sequences B sequences of symbol indices in [0, alphabetSize).
 * @param alphabetSize D, the number of symbols (one input unit per symbol).
 * @returns a `TaskBatch` with T = the longest length; `lengths` is always set.
 */
export function oneHotBatch(sequences: readonly (readonly number[])[], alphabetSize: number): TaskBatch {
  const where = "oneHotBatch";
  if (!Array.isArray(sequences) || sequences.length === 0) badArgument(where, "sequences", "a non-empty array of sequences", sequences);
  const D = requireInt(where, "alphabetSize", alphabetSize, 1);
  const B = sequences.length;
  let T = 0;
  sequences.forEach((s, b) => {
    requireArrayArg(where, `sequences[${b}]`, s, "an array of symbol indices");
    T = Math.max(T, s.length);
  });
  if (T === 0) badArgument(where, "sequences", "at least one non-empty sequence", sequences);
  requireAllocation(where, "sequences", T * B * D);
  const x = new Float64Array(T * B * D);
  const lengths: number[] = [];
  for (let b = 0; b < B; b++) {
    const s = sequences[b];
    lengths.push(s.length);
    for (let t = 0; t < s.length; t++) {
      const v = s[t];
      if (!Number.isInteger(v) || v < 0 || v >= D) {
        badArgument(where, `sequences[${b}][${t}]`, `an integer symbol in [0, ${D})`, v);
      }
      x[(t * B + b) * D + v] = 1;
    }
  }
  return { x, T, B, D, lengths };
}

/** The sub-batch of rows `indices` (e.g. a minibatch) of a time-major batch. */
export function selectBatchRows(batch: TaskBatch, indices: readonly number[]): TaskBatch {
  const where = "selectBatchRows";
  requireObject(where, "batch", batch, "a TaskBatch {x, T, B, D, lengths?}");
  const { T, B, D } = batch;
  requireSize(where, "batch.T", T);
  requireSize(where, "batch.B", B);
  requireSize(where, "batch.D", D);
  if (!(batch.x instanceof Float64Array) || batch.x.length !== T * B * D) badArgument(where, "batch.x", `a Float64Array of length T*B*D = ${T * B * D}`, batch.x);
  if (batch.lengths !== undefined) requireIntArray(where, "batch.lengths", batch.lengths, 0, T);
  requireIntArray(where, "indices", indices, 0, B - 1, 1);
  const nb = indices.length;
  requireAllocation(where, "indices", T * nb * D);
  const x = new Float64Array(T * nb * D);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < nb; i++) {
      const b = indices[i];
      if (!Number.isInteger(b) || b < 0 || b >= B) badArgument("selectBatchRows", `indices[${i}]`, `an integer in [0, ${B})`, b);
      const src = (t * B + b) * D;
      x.set(batch.x.subarray(src, src + D), (t * nb + i) * D);
    }
  }
  if (!batch.lengths) return { x, T, B: nb, D };
  const lengths = batch.lengths;
  return { x, T, B: nb, D, lengths: indices.map((b) => lengths[b]) };
}

/** Decodes symbol indices back to a string over `alphabet`. */
export function decodeSymbols(tokens: readonly number[], alphabet: string): string {
  if (typeof alphabet !== "string" || alphabet.length === 0) badArgument("decodeSymbols", "alphabet", "a non-empty string", alphabet);
  if (!Array.isArray(tokens) && !ArrayBuffer.isView(tokens)) badArgument("decodeSymbols", "tokens", "an array of symbol indices", tokens);
  let s = "";
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!Number.isInteger(t) || t < 0 || t >= alphabet.length) {
      badArgument("decodeSymbols", `tokens[${i}]`, `an integer in [0, ${alphabet.length - 1}] (alphabet ${JSON.stringify(alphabet)})`, t);
    }
    s += alphabet[t];
  }
  return s;
}
