/**
 * A per-position tagger: a (bidirectional) GRU reads a sequence of one-hot letters and
 * gives every position a probability of carrying label 1.
 *
 *     x_t = onehot(letter_t) ∈ {0,1}^A,    h_t = GRU(x_t, h_{t−1})          (unidirectional)
 *     h_t = [GRU→(x_1..x_t) ; GRU←(x_t..x_T)]                             (bidirectional)
 *     p_t = σ(w·h_t + b),    loss = mean_t BCE(p_t, y_t)
 *
 * Shapes: a sequence of length T gives T probabilities. Training draws random windows of
 * `windowLength` positions (whole sequences when shorter) from the training sequences and
 * runs Adam on the mean per-position binary cross-entropy (lib/nn SequenceModel with
 * readout "every", loss "bce"; lib/training `train`).
 */
import { badArgument, requireFinite, requireInt } from "../core/errors";
import { checkOptions, requireOptions } from "../core/options";
import { Rng, rngOrDefault } from "../core/random";
import { SequenceModel } from "../nn/sequenceModel";
import { SequenceBatch } from "../nn/sequenceBatch";
import { Adam } from "../training/optimizers";
import { TrainConfig, TrainHistory, train } from "../training/train";

/** Options of `SequenceTagger`. */
export interface SequenceTaggerOptions {
  /** The letters, e.g. "ACDEFGHIKLMNPQRSTVWY" or "acgt"; other letters get an all-zero input. */
  alphabet: string;
  /** GRU hidden size per direction (default 16). */
  hiddenSize?: number;
  /** Read the sequence in both directions (default false). */
  bidirectional?: boolean;
  rng?: Rng;
}

/** One training example: a sequence and its 0/1 label per position. */
export interface TaggedSequence {
  sequence: string;
  labels: ArrayLike<number>;
}

/** Options of `trainSequenceTagger`. */
export interface TrainTaggerOptions {
  /** Optimizer steps (default 200). */
  steps?: number;
  /** Windows per step (default 16). */
  batchSize?: number;
  /** Positions per window (default 64). */
  windowLength?: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
  /** Receives `train`'s progress reports (e.g. `liveLossCurve()` from the plots for a live curve). */
  onProgress?: TrainConfig["onProgress"];
  rng?: Rng;
}

/**
 * A GRU tagger over an alphabet (see the module comment): `probabilities(sequence)` gives one
 * probability of label 1 per position ([T]), `tags` thresholds them.
 *
 * @example
 * ```ts
 * import { SequenceTagger, trainSequenceTagger, Rng } from "rnnlab";
 * const tagger = new SequenceTagger({ alphabet: "ab", hiddenSize: 4, bidirectional: true, rng: new Rng(1) });
 * const examples = [{ sequence: "aabbba", labels: [0, 0, 1, 1, 1, 0] }];
 * trainSequenceTagger(tagger, examples, { steps: 5, rng: new Rng(2) });
 * const p = tagger.probabilities("abba");                       // [T] = 4 probabilities
 * ```
 */
export class SequenceTagger {
  readonly alphabet: string;
  readonly model: SequenceModel;
  readonly bidirectional: boolean;

  constructor(options: SequenceTaggerOptions) {
    const where = "SequenceTagger";
    requireOptions(where, options, ["alphabet", "hiddenSize", "bidirectional", "rng"], { expected: "an object { alphabet, hiddenSize?, bidirectional?, rng? }" });
    if (typeof options.alphabet !== "string" || options.alphabet.length < 2 || new Set(options.alphabet).size !== options.alphabet.length) {
      badArgument(where, "alphabet", "a string of at least 2 distinct letters", options.alphabet);
    }
    this.alphabet = options.alphabet;
    this.bidirectional = options.bidirectional ?? false;
    if (typeof this.bidirectional !== "boolean") badArgument(where, "bidirectional", "true or false", options.bidirectional);
    const hiddenSize = requireInt(where, "hiddenSize", options.hiddenSize ?? 16, 1);
    this.model = new SequenceModel({ cell: "gru", inputSize: this.alphabet.length, hiddenSize, outputSize: 1, readout: "every", loss: "bce", bidirectional: this.bidirectional, rng: options.rng });
  }

  /** A batch [T, B, A] of one-hot windows (sequences of different lengths are padded). */
  batchOf(sequences: readonly string[]): SequenceBatch {
    const where = "SequenceTagger.batchOf";
    if (!Array.isArray(sequences) || sequences.length === 0) badArgument(where, "sequences", "a non-empty array of strings", sequences);
    const B = sequences.length;
    const A = this.alphabet.length;
    const lengths = sequences.map((s, b) => {
      if (typeof s !== "string" || s.length === 0) badArgument(where, `sequences[${b}]`, "a non-empty string", s);
      return s.length;
    });
    const T = Math.max(...lengths);
    const x = new Float64Array(T * B * A);
    sequences.forEach((s, b) => {
      for (let t = 0; t < s.length; t++) {
        const a = this.alphabet.indexOf(s[t]);
        if (a >= 0) x[(t * B + b) * A + a] = 1;
      }
    });
    return lengths.every((L) => L === T) ? { x, T, B, D: A } : { x, T, B, D: A, lengths };
  }

  /** p_t for every position of one sequence. */
  probabilities(sequence: string): Float64Array {
    const logits = this.model.predict(this.batchOf([sequence]));
    return Float64Array.from(logits, (z) => 1 / (1 + Math.exp(-z)));
  }

  /** 0/1 per position: p_t > threshold (default 0.5). */
  tags(sequence: string, threshold = 0.5): Uint8Array {
    requireFinite("SequenceTagger.tags", "threshold", threshold, 0, 1);
    return Uint8Array.from(this.probabilities(sequence), (p) => (p > threshold ? 1 : 0));
  }

  /** The GRU's hidden states [T, dirs·H] for one sequence (after the forward pass). */
  hiddenStates(sequence: string): Float64Array {
    const out = this.model.recurrent.forward(this.batchOf([sequence])).output;
    return Float64Array.from(out);
  }
}

/** Trains a tagger on random windows of the examples; returns the loss history. */
export function trainSequenceTagger(tagger: SequenceTagger, examples: readonly TaggedSequence[], options: TrainTaggerOptions = {}): TrainHistory {
  const where = "trainSequenceTagger";
  checkOptions(where, options, ["steps", "batchSize", "windowLength", "learningRate", "onProgress", "rng"]);
  if (!(tagger instanceof SequenceTagger)) badArgument(where, "tagger", "a SequenceTagger", tagger);
  if (!Array.isArray(examples) || examples.length === 0) badArgument(where, "examples", "a non-empty array of { sequence, labels }", examples);
  examples.forEach((e, i) => {
    if (typeof e?.sequence !== "string" || e.sequence.length === 0) badArgument(where, `examples[${i}].sequence`, "a non-empty string", e?.sequence);
    if (!e.labels || e.labels.length !== e.sequence.length) badArgument(where, `examples[${i}].labels`, `${e.sequence.length} labels (one per position)`, e.labels?.length);
  });
  const steps = requireInt(where, "steps", options.steps ?? 200, 1);
  const batchSize = requireInt(where, "batchSize", options.batchSize ?? 16, 1);
  const windowLength = requireInt(where, "windowLength", options.windowLength ?? 64, 1);
  const lr = requireFinite(where, "learningRate", options.learningRate ?? 0.01, 0);
  const rng = rngOrDefault(options.rng);
  // windows are drawn with probability proportional to each sequence's length
  const cumulative: number[] = [];
  let total = 0;
  for (const e of examples) cumulative.push((total += e.sequence.length));
  const optimizer = new Adam(tagger.model.parameters(), { lr });
  return train({
    optimizer,
    steps,
    onProgress: options.onProgress,
    log: false,
    lossAndGrad: () => {
      const windows: string[] = [];
      const labelRows: ArrayLike<number>[] = [];
      for (let b = 0; b < batchSize; b++) {
        const u = rng.uniform() * total;
        let k = 0;
        while (cumulative[k] <= u) k++;
        const e = examples[k];
        const L = Math.min(windowLength, e.sequence.length);
        const start = rng.int(0, e.sequence.length - L + 1);
        windows.push(e.sequence.slice(start, start + L));
        labelRows.push(Array.prototype.slice.call(e.labels, start, start + L));
      }
      const batch = tagger.batchOf(windows);
      const y = new Float64Array(batch.T * batch.B);
      labelRows.forEach((row, b) => {
        for (let t = 0; t < row.length; t++) y[t * batch.B + b] = row[t] ? 1 : 0;
      });
      return tagger.model.lossAndGrad(batch, y);
    },
  });
}
