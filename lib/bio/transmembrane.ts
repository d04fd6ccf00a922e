/**
 * Notebook 19's transmembrane experiment in one place, so that the notebook and the seed
 * sweep (`scripts/sweep_transmembrane.js`, results in datasets/results/transmembrane_seeds.csv)
 * train exactly the same taggers.
 *
 * A tagger (`SequenceTagger` over the 20 amino acids, hidden size 12 per direction) is trained
 * for 300 Adam steps (learning rate 0.02) on batches of 16 random 64-residue windows; the model
 * is initialised from `new Rng(seed)` and the windows are drawn from `new Rng(seed + 1)`.
 */
import { RnnlabError, badArgument, requireInt } from "../core/errors";
import { requireOptions } from "../core/options";
import { requireListArg, requireNumberArray } from "../core/argChecks";
import { Rng } from "../core/random";
import { TrainConfig, TrainHistory } from "../training/train";
import { SequenceTagger, TaggedSequence, trainSequenceTagger } from "./tagger";

/** The amino-acid alphabet of the taggers (AMINO_ACIDS order). */
const AMINO = "ACDEFGHIKLMNPQRSTVWY";

/** Hyper-parameters of the transmembrane taggers of notebook 19. */
export const TRANSMEMBRANE_TRAINING = Object.freeze({ hiddenSize: 12, steps: 300, batchSize: 16, windowLength: 64, learningRate: 0.02 });

/** Options of `trainTransmembraneTagger`. */
export interface TransmembraneTaggerOptions {
  /** GRU (false) or BiGRU (true). */
  bidirectional: boolean;
  /** Seed of the initialisation (the windows use seed + 1; default 1). */
  seed?: number;
  /** Receives the training loop's progress reports (e.g. `liveLossCurve()` for a live curve). */
  onProgress?: TrainConfig["onProgress"];
}

/** Trains a transmembrane tagger with `TRANSMEMBRANE_TRAINING` (see the module comment). */
export function trainTransmembraneTagger(train: readonly TaggedSequence[], options: TransmembraneTaggerOptions): { tagger: SequenceTagger; history: TrainHistory } {
  const where = "trainTransmembraneTagger";
  requireListArg(where, "train", train, "a non-empty array of { sequence, labels }", 1);
  requireOptions(where, options, ["bidirectional", "seed", "onProgress"], { expected: "an object { bidirectional, seed?, onProgress? }" });
  if (typeof options.bidirectional !== "boolean") badArgument(where, "bidirectional", "true (BiGRU) or false (GRU)", options.bidirectional);
  const seed = requireInt(where, "seed", options.seed ?? 1, 0);
  const c = TRANSMEMBRANE_TRAINING;
  const tagger = new SequenceTagger({ alphabet: AMINO, hiddenSize: c.hiddenSize, bidirectional: options.bidirectional, rng: new Rng(seed) });
  const history = trainSequenceTagger(tagger, train, { steps: c.steps, batchSize: c.batchSize, windowLength: c.windowLength, learningRate: c.learningRate, onProgress: options.onProgress, rng: new Rng(seed + 1) });
  return { tagger, history };
}

/** One trained tagger's held-out scores (a row of the seed sweep). */
export interface TaggerSeedRecord {
  model: "gru" | "bigru";
  seed: number;
  accuracy: number;
  auc: number;
  segmentRecall: number;
  segmentPrecision: number;
  segmentF1: number;
  predictedSegments: number;
  trueSegments: number;
}

const HEADER = "model,seed,accuracy,auc,segment_recall,segment_precision,segment_f1,predicted_segments,true_segments";

/** CSV text of seed-sweep records (6 decimals). */
export function taggerSeedRecordsToCsv(records: readonly TaggerSeedRecord[]): string {
  const where = "taggerSeedRecordsToCsv";
  requireListArg(where, "records", records, "an array of seed-sweep records { model, seed, accuracy, ... }");
  records.forEach((r, i) => {
    if (r === null || typeof r !== "object" || (r.model !== "gru" && r.model !== "bigru")) badArgument(where, `records[${i}].model`, '"gru" or "bigru"', r?.model);
    const nums = [r.seed, r.accuracy, r.auc, r.segmentRecall, r.segmentPrecision, r.segmentF1, r.predictedSegments, r.trueSegments];
    requireNumberArray(where, `records[${i}] (seed, accuracy, auc, segmentRecall, segmentPrecision, segmentF1, predictedSegments, trueSegments)`, nums);
  });
  const f = (x: number) => x.toFixed(6);
  return [HEADER, ...records.map((r) => [r.model, r.seed, f(r.accuracy), f(r.auc), f(r.segmentRecall), f(r.segmentPrecision), f(r.segmentF1), r.predictedSegments, r.trueSegments].join(","))].join("\n") + "\n";
}

/** Parses `taggerSeedRecordsToCsv` output; a malformed line is reported by number. */
export function parseTaggerSeedCsv(text: string, source = "csv"): TaggerSeedRecord[] {
  const where = `parseTaggerSeedCsv(${source})`;
  if (typeof text !== "string") badArgument("parseTaggerSeedCsv", "text", "CSV text", text);
  if (typeof source !== "string") badArgument("parseTaggerSeedCsv", "source", "a name for error messages (a string, e.g. the path)", source);
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  if (lines[0] !== HEADER) throw new RnnlabError(`${where}: text: line 1 must be the header ${HEADER}, got ${JSON.stringify(lines[0] ?? "")}`);
  return lines.slice(1).map((line, i) => {
    const f = line.split(",");
    const nums = f.slice(1).map(Number);
    if (f.length !== 9 || (f[0] !== "gru" && f[0] !== "bigru") || nums.some((v) => !Number.isFinite(v))) {
      throw new RnnlabError(`${where}: line ${i + 2} must be gru|bigru and 8 numbers, got ${JSON.stringify(line)}`);
    }
    const [seed, accuracy, auc, segmentRecall, segmentPrecision, segmentF1, predictedSegments, trueSegments] = nums;
    return { model: f[0] as "gru" | "bigru", seed, accuracy, auc, segmentRecall, segmentPrecision, segmentF1, predictedSegments, trueSegments };
  });
}
