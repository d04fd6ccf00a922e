/**
 * The committed result of the longer training run (`scripts/train_moby_dick.js`, `npm run
 * train:moby`): a character GRU's weights and its learning curve, under teacher forcing or
 * scheduled sampling, read from datasets/results/moby_dick_gru64_<regime>.json.
 */
import * as fs from "fs";
import * as path from "path";
import { RnnlabError, requireOneOf } from "../core/errors";
import { checkOptions } from "../core/options";
import { StateDict } from "../core/parameter";
import { NextStepModel } from "../generation/nextStepModel";

/** The two regimes of the longer run. */
export type MobyDickRegime = "teacher-forcing" | "scheduled-sampling";

/** One point of the run's learning curve. */
export interface MobyDickCurvePoint {
  step: number;
  /** ε (probability of feeding the truth) at that step. */
  epsilon: number;
  /** Training loss in bits per character (mean of the last 50 steps, under the inputs fed). */
  trainBitsPerChar: number;
  /** Bits per character on the first 20 000 held-out characters. */
  heldOutBitsPerChar: number;
}

/** A loaded run. */
export interface MobyDickRun {
  regime: MobyDickRegime;
  model: NextStepModel;
  /** The vocabulary the model was trained with (must equal mobyDickVocabulary()). */
  vocabulary: string;
  /** Training configuration as the script recorded it. */
  config: Record<string, unknown>;
  /** Steps done, and whether the run reached its planned number of steps. */
  stepsDone: number;
  complete: boolean;
  wallSeconds: number;
  cpuSeconds: number;
  curve: MobyDickCurvePoint[];
  file: string;
}

/** Loads the committed run of a regime (or `options.file`). */
export function loadMobyDickRun(regime: MobyDickRegime, options: { file?: string } = {}): MobyDickRun {
  const where = "loadMobyDickRun";
  requireOneOf(where, "regime", regime, ["teacher-forcing", "scheduled-sampling"] as const);
  checkOptions(where, options, ["file"]);
  const file = options.file ?? path.join(__dirname, "..", "..", "datasets", "results", `moby_dick_gru64_${regime}.json`);
  if (!fs.existsSync(file)) throw new RnnlabError(`${where}: ${file} not found; run \`npm run train:moby\` to make it`);
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as {
    regime: string; config: { hiddenSize: number; cell: "gru" | "lstm" } & Record<string, unknown>; vocabulary: string; stepsDone: number; complete: boolean;
    wallSeconds: number; cpuSeconds: number; curve: MobyDickCurvePoint[]; state: StateDict;
  };
  if (r.regime !== regime || typeof r.vocabulary !== "string" || !r.state || !Array.isArray(r.curve)) {
    throw new RnnlabError(`${where}: ${file} is not a run of regime ${regime} written by scripts/train_moby_dick.js`);
  }
  const model = new NextStepModel({ kind: "categorical", size: r.vocabulary.length, hiddenSize: r.config.hiddenSize, cell: r.config.cell });
  model.loadStateDict(r.state);
  return { regime, model, vocabulary: r.vocabulary, config: r.config, stepsDone: r.stepsDone, complete: r.complete, wallSeconds: r.wallSeconds, cpuSeconds: r.cpuSeconds, curve: r.curve, file };
}
