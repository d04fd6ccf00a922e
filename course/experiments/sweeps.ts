/**
 * The central experiments of notebooks 01, 05 and 06 as functions, shared by the notebooks
 * (reduced sweeps within their time budget) and `scripts/sweep_*.js` (full sweeps → CSV).
 *
 * - `proteinSeparationSweep`: held-out accuracy on the synthetic protein task against the
 *   separation of the two sites, for vanilla RNN, LSTM, GRU, bidirectional LSTM and
 *   self-attention.
 * - `palindromeLengthSweep`: accuracy on palindrome recognition against length for a
 *   unidirectional LSTM and a bidirectional LSTM of (nearly) equal parameter count.
 * - `markovOrderSweep`: next-symbol accuracy on order-k chains for n-gram tables and a GRU.
 */
import { Adam, clipGradNorm, countParameters, fitNGram, generateProteins, labeledBatch, laggedCopyChain, markovChainModel, nGramTableSize, palindromeBatch, randomMarkovChain, RecurrentClassifier, Rng, RnnlabError, sampleMarkovSequences, selectBatchRows, SelfAttention, SequenceBatch, SequenceModel, TrainableClassifier, zeroGrad } from "rnnlab";
import { badArgument, checkOptions, parseCsvRecords, requireFinite, requireFunction, requireInt, requireIntArray, requireIntInRange, requireListArg, requireOneOf, requirePositive, requireRecords, requireSize, requireString, requireTokenSequences } from "rnnlab/core";
import { hiddenSizeForParameterCount, oneHotBatch, recurrentClassifierParameterCount, trainClassifier } from "rnnlab/tasks";

/** One trained model at one setting of the dial. */
export interface SweepRecord {
  /** Architecture name, e.g. "lstm", "bilstm", "attention". */
  model: string;
  /** The dial: separation (proteins), length (palindromes), order k (Markov). */
  dial: number;
  seed: number;
  testAccuracy: number;
  trainAccuracy: number;
  parameters: number;
  seconds: number;
}

/** Budget of one training run. */
export interface SweepBudget {
  /** Training examples per setting (default 800). */
  trainSize?: number;
  /** Held-out examples (default 400). */
  testSize?: number;
  /** Maximum epochs (default 10). */
  epochs?: number;
  /** Stop when the training accuracy reaches this (default 0.99). */
  stopAtAccuracy?: number;
  /** Adam learning rate (default 0.01). */
  lr?: number;
  /** Seeds (one run per seed, default [0]). */
  seeds?: readonly number[];
  /** Called after each run (progress). */
  onRecord?: (r: SweepRecord) => void;
}

/**
 * Architectures of the protein experiment, plus two ablations: "lstm-bias1" and "gru-bias1" are
 * the LSTM and GRU with the common memory-gate bias 1 (LSTM: forget gate +1, input gate 0)
 * instead of `PROTEIN_MEMORY_BIAS`.
 */
export type ProteinModelName = "rnn" | "lstm" | "gru" | "bilstm" | "attention" | "lstm-bias1" | "gru-bias1";

/**
 * Memory-gate bias of the gated protein models: at initialisation the LSTM's forget gate and
 * the GRU's update gate keep σ(3) ≈ 0.95 of the state per step, a time constant of ≈ 21
 * steps, of the order of the separations studied (4 … 32). With the common bias 1 (σ = 0.73,
 * 3.7 steps) the first residue's trace at separation 24 is 0.73²⁴ ≈ 6·10⁻⁴ of its size at
 * initialisation, too weak to learn from, and the gated models fit the training set by
 * memorising it instead (train ≈ 0.9, test at chance).
 */
export const PROTEIN_MEMORY_BIAS = 3;

/**
 * The models of the protein experiment, built with a seed. H = 16 (bidirectional: 11 per direction);
 * all share the same tanh readout of 16 units with initial gain 4. The gated models start with
 * long memory (`PROTEIN_MEMORY_BIAS`): GRU update-gate bias +3; LSTM forget-gate bias +3 and
 * input-gate bias −3 (so that, like the GRU, it writes only 1 − σ(3) of each input).
 */
export function proteinModel(name: ProteinModelName, rng: Rng): TrainableClassifier {
  const common = { inputSize: 20, readoutHidden: 16, rng };
  const b = PROTEIN_MEMORY_BIAS;
  switch (name) {
    case "rnn": return new RecurrentClassifier({ cell: "rnn", hiddenSize: 16, ...common });
    case "lstm": return new RecurrentClassifier({ cell: "lstm", hiddenSize: 16, forgetBias: b, inputGateBias: -b, ...common });
    case "gru": return new RecurrentClassifier({ cell: "gru", hiddenSize: 16, forgetBias: b, ...common });
    case "bilstm": return new RecurrentClassifier({ cell: "lstm", hiddenSize: 11, bidirectional: true, forgetBias: b, inputGateBias: -b, ...common });
    case "attention": return new SelfAttention({ inputSize: 20, modelSize: 16, outputSize: 1, loss: "bce", readout: "last", readoutHidden: 16, readoutGain: 4, rng });
    case "lstm-bias1": return new RecurrentClassifier({ cell: "lstm", hiddenSize: 16, forgetBias: 1, ...common });
    case "gru-bias1": return new RecurrentClassifier({ cell: "gru", hiddenSize: 16, forgetBias: 1, ...common });
    default: throw new RnnlabError(`proteinModel: name must be one of rnn, lstm, gru, bilstm, attention, lstm-bias1, gru-bias1, got ${JSON.stringify(name)}`);
  }
}

/** Most epochs a sweep or training run accepts (a bound on the work of one call). */
const MAX_SWEEP_EPOCHS = 100000;
/** Most examples per setting a sweep accepts. */
const MAX_SWEEP_EXAMPLES = 1000000;
const PROTEIN_MODELS: readonly ProteinModelName[] = ["rnn", "lstm", "gru", "bilstm", "attention", "lstm-bias1", "gru-bias1"];
const PALINDROME_MODELS: readonly PalindromeModelName[] = ["lstm", "bilstm-middle", "bilstm"];

/** Checks a sweep budget (and `extra` keys), returning it. */
function checkBudget<T extends SweepBudget>(where: string, budget: T, extra: readonly string[] = []): T {
  checkOptions(where, budget, ["trainSize", "testSize", "epochs", "stopAtAccuracy", "lr", "seeds", "onRecord", ...extra], { name: "budget" });
  if (budget.trainSize !== undefined) requireIntInRange(where, "budget.trainSize", budget.trainSize, 1, MAX_SWEEP_EXAMPLES);
  if (budget.testSize !== undefined) requireIntInRange(where, "budget.testSize", budget.testSize, 1, MAX_SWEEP_EXAMPLES);
  if (budget.epochs !== undefined) requireIntInRange(where, "budget.epochs", budget.epochs, 1, MAX_SWEEP_EPOCHS);
  if (budget.stopAtAccuracy !== undefined) requireFinite(where, "budget.stopAtAccuracy", budget.stopAtAccuracy, 0, 1);
  if (budget.lr !== undefined) requirePositive(where, "budget.lr", budget.lr);
  if (budget.seeds !== undefined) requireIntArray(where, "budget.seeds", budget.seeds, 0, 2 ** 31, 1);
  if (budget.onRecord !== undefined) requireFunction(where, "budget.onRecord", budget.onRecord);
  return budget;
}

function runOne(model: string, dial: number, seed: number, m: TrainableClassifier, train: { batch: SequenceBatch; labels: Float64Array }, test: typeof train, b: SweepBudget, parameters?: number): SweepRecord {
  const res = trainClassifier(m, train, test, { epochs: b.epochs ?? 10, lr: b.lr ?? 0.01, stopAtAccuracy: b.stopAtAccuracy ?? 0.99, rng: new Rng(1000 + seed) });
  const rec = { model, dial, seed, testAccuracy: res.testAccuracy, trainAccuracy: res.trainAccuracy, parameters: parameters ?? res.parameterCount, seconds: res.seconds };
  b.onRecord?.(rec);
  return rec;
}

/**
 * Accuracy against separation on the salt-bridge protein task (sites at the two ends:
 * flank 0, length = separation + 1).
 */
export function proteinSeparationSweep(separations: readonly number[], models: readonly ProteinModelName[], budget: SweepBudget = {}): SweepRecord[] {
  const where = "proteinSeparationSweep";
  requireIntArray(where, "separations", separations, 1, 10000, 1);
  requireListArg(where, "models", models, "an array of protein model names", 1).forEach((m, i) => requireOneOf(where, `models[${i}]`, m, PROTEIN_MODELS));
  checkBudget(where, budget ?? {});
  const out: SweepRecord[] = [];
  for (const seed of budget.seeds ?? [0]) {
    for (const sep of separations) {
      requireInt("proteinSeparationSweep", "separations[i]", sep, 1);
      const data = new Rng(seed * 7919 + sep);
      const train = labeledBatch(generateProteins(budget.trainSize ?? 800, { separation: sep, flank: 0 }, data), 20);
      const test = labeledBatch(generateProteins(budget.testSize ?? 400, { separation: sep, flank: 0 }, data), 20);
      for (const name of models) out.push(runOne(name, sep, seed, proteinModel(name, new Rng(seed * 31 + 7)), train, test, budget));
    }
  }
  return out;
}

/** Architectures of the palindrome experiment. */
export type PalindromeModelName = "lstm" | "bilstm-middle" | "bilstm";

/**
 * The palindrome models at (nearly) equal parameter count: "bilstm-middle" is a bidirectional
 * LSTM with tied directions read at the middle, comparing the two halves' states
 * ((h→ − h←)² features); "lstm" is a unidirectional LSTM read at the last step whose hidden
 * size is chosen to match its parameter count; "bilstm" a standard (untied) bidirectional
 * LSTM read at the ends, also matched.
 */
export function palindromeModel(name: PalindromeModelName, alphabetSize: number, rng: Rng, bidirectionalHidden = 12): RecurrentClassifier {
  const base = { cell: "lstm" as const, inputSize: alphabetSize, readoutHidden: 16 };
  const midCfg = { ...base, hiddenSize: bidirectionalHidden, bidirectional: true, tieDirections: true, compareHalves: true, readAt: "middle" as const };
  const target = recurrentClassifierParameterCount(midCfg);
  if (name === "bilstm-middle") return new RecurrentClassifier({ ...midCfg, rng });
  if (name === "lstm") return new RecurrentClassifier({ ...base, hiddenSize: hiddenSizeForParameterCount(base, target), rng });
  if (name === "bilstm") {
    const cfg = { ...base, bidirectional: true };
    return new RecurrentClassifier({ ...cfg, hiddenSize: hiddenSizeForParameterCount(cfg, target), rng });
  }
  throw new RnnlabError(`palindromeModel: name must be one of lstm, bilstm-middle, bilstm, got ${JSON.stringify(name)}`);
}

/** Accuracy against length on palindrome recognition (alphabet "ab", half hard negatives). */
export function palindromeLengthSweep(lengths: readonly number[], models: readonly PalindromeModelName[], budget: SweepBudget & { alphabet?: string } = {}): SweepRecord[] {
  const where = "palindromeLengthSweep";
  requireIntArray(where, "lengths", lengths, 2, 10000, 1);
  requireListArg(where, "models", models, "an array of palindrome model names", 1).forEach((m, i) => requireOneOf(where, `models[${i}]`, m, PALINDROME_MODELS));
  checkBudget(where, budget ?? {}, ["alphabet"]);
  const alphabet = budget.alphabet ?? "ab";
  const out: SweepRecord[] = [];
  for (const seed of budget.seeds ?? [0]) {
    for (const L of lengths) {
      const cfg = { alphabet, minLength: L, maxLength: L };
      const data = new Rng(seed * 7919 + L);
      const train = palindromeBatch(budget.trainSize ?? 800, cfg, data);
      const test = palindromeBatch(budget.testSize ?? 400, cfg, data);
      for (const name of models) {
        const m = palindromeModel(name, alphabet.length, new Rng(seed * 31 + 7));
        out.push(runOne(name, L, seed, m, train, test, budget, m.parameterCount()));
      }
    }
  }
  return out;
}

/** One row of the Markov experiment. */
export interface MarkovSweepRecord {
  /** "bigram", "k-gram" (order matched to the chain), "gru", or "true chain". */
  model: string;
  order: number;
  /** Next-symbol accuracy on held-out sequences (positions t >= maxOrder). */
  accuracy: number;
  /** Mean log-likelihood per symbol (nats); NaN for the GRU's argmax-only score. */
  logLikelihood: number;
  /** Table entries |A|^k·|A| (n-grams) or trainable parameters (GRU). */
  size: number;
}

/**
 * Next-symbol prediction on order-k chains: n-gram tables against a GRU of fixed hidden size.
 * Chains are `laggedCopyChain` (default, compressible) or `randomMarkovChain` (kind "random").
 */
export function markovOrderSweep(
  orders: readonly number[],
  options: { kind?: "lagged" | "random"; alphabet?: string; trainSequences?: number; length?: number; hiddenSize?: number; epochs?: number; seed?: number } = {},
): MarkovSweepRecord[] {
  const where = "markovOrderSweep";
  requireIntArray(where, "orders", orders, 1, 64, 1);
  checkOptions(where, options, ["kind", "alphabet", "trainSequences", "length", "hiddenSize", "epochs", "seed"]);
  if (options.kind !== undefined) requireOneOf(where, "options.kind", options.kind, ["lagged", "random"] as const);
  if (options.alphabet !== undefined) requireString(where, "options.alphabet", options.alphabet);
  if (options.trainSequences !== undefined) requireIntInRange(where, "options.trainSequences", options.trainSequences, 1, MAX_SWEEP_EXAMPLES);
  if (options.length !== undefined) requireIntInRange(where, "options.length", options.length, 2, 100000);
  if (options.hiddenSize !== undefined) requireSize(where, "options.hiddenSize", options.hiddenSize);
  if (options.epochs !== undefined) requireIntInRange(where, "options.epochs", options.epochs, 0, MAX_SWEEP_EPOCHS);
  if (options.seed !== undefined) requireInt(where, "options.seed", options.seed, 0);
  const alphabet = options.alphabet ?? "abcd";
  const A = alphabet.length;
  const nSeq = options.trainSequences ?? 100;
  const len = options.length ?? 60;
  const H = options.hiddenSize ?? 16;
  const from = Math.max(...orders);
  if (from >= len) throw new RnnlabError(`markovOrderSweep: length ${len} must exceed the largest order ${from}`);
  const out: MarkovSweepRecord[] = [];
  for (const k of orders) {
    const rng = new Rng((options.seed ?? 0) * 7919 + k);
    const chain = options.kind === "random" ? randomMarkovChain({ alphabet, order: k, concentration: 0.5 }, rng) : laggedCopyChain({ alphabet, order: k, noise: 0.1 });
    const train = sampleMarkovSequences(chain, nSeq, len, rng);
    const test = sampleMarkovSequences(chain, nSeq, len, rng);
    const truth = markovChainModel(chain).score(test, from);
    out.push({ model: "true chain", order: k, accuracy: truth.accuracy, logLikelihood: truth.logLikelihood, size: chain.table.length });
    const bigram = fitNGram(train, { order: 1, alphabetSize: A }).score(test, from);
    out.push({ model: "bigram", order: k, accuracy: bigram.accuracy, logLikelihood: bigram.logLikelihood, size: nGramTableSize(A, 1) });
    const kgram = fitNGram(train, { order: k, alphabetSize: A }).score(test, from);
    out.push({ model: "k-gram", order: k, accuracy: kgram.accuracy, logLikelihood: kgram.logLikelihood, size: nGramTableSize(A, k) });
    const gru = trainNextSymbolGru(train, test, A, H, options.epochs ?? 25, from, new Rng(k));
    out.push({ model: "gru", order: k, accuracy: gru.accuracy, logLikelihood: gru.logLikelihood, size: gru.parameters });
  }
  return out;
}

/** Inputs x_0 … x_{L−2} one-hot, targets x_1 … x_{L−1} (time-major [T, B]). */
function nextSymbolData(seqs: readonly number[][], A: number) {
  const batch = oneHotBatch(seqs.map((s) => s.slice(0, -1)), A);
  const targets = new Float64Array(batch.T * batch.B);
  seqs.forEach((s, b) => {
    for (let t = 0; t < batch.T; t++) targets[t * batch.B + b] = s[t + 1];
  });
  return { batch, targets };
}

/**
 * Trains a GRU next-symbol model (softmax over the alphabet at every step) and scores it on
 * positions t >= `from` (predicting x_t from x_0 … x_{t−1}).
 */
export function trainNextSymbolGru(train: readonly number[][], test: readonly number[][], A: number, H: number, epochs: number, from: number, rng: Rng): { accuracy: number; logLikelihood: number; parameters: number } {
  const where = "trainNextSymbolGru";
  requireSize(where, "A", A);
  requireSize(where, "H", H);
  requireIntInRange(where, "epochs", epochs, 0, MAX_SWEEP_EPOCHS);
  requireTokenSequences(where, "train", train, A - 1, 2);
  requireTokenSequences(where, "test", test, A - 1, 2);
  if (train.length === 0) badArgument(where, "train", "at least one sequence", train);
  if (test.length === 0) badArgument(where, "test", "at least one sequence", test);
  const shortest = Math.min(...test.map((s) => s.length));
  requireIntInRange(where, "from", from, 1, shortest - 1);
  if (!(rng instanceof Rng)) badArgument(where, "rng", "an Rng (e.g. new Rng(0))", rng);
  const tr = nextSymbolData(train, A);
  const te = nextSymbolData(test, A);
  const model = new SequenceModel({ cell: "gru", inputSize: A, hiddenSize: H, outputSize: A, readout: "every", loss: "ce", rng });
  const params = model.parameters();
  const opt = new Adam(params, { lr: 0.02 });
  const B = tr.batch.B;
  const bs = 25;
  const order = Array.from({ length: B }, (_, i) => i);
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    for (let s = 0; s < B; s += bs) {
      const idx = order.slice(s, s + bs);
      const mb = selectBatchRows(tr.batch, idx);
      const tg = new Float64Array(mb.T * idx.length);
      for (let t = 0; t < mb.T; t++) for (let i = 0; i < idx.length; i++) tg[t * idx.length + i] = tr.targets[t * B + idx[i]];
      zeroGrad(params);
      model.lossAndGrad(mb, tg);
      clipGradNorm(params, 1);
      opt.step();
    }
  }
  const logits = model.forward(te.batch);
  const Bt = te.batch.B;
  let correct = 0;
  let ll = 0;
  let n = 0;
  for (let t = from - 1; t < te.batch.T; t++) {
    for (let b = 0; b < Bt; b++) {
      const row = (t * Bt + b) * A;
      let max = -Infinity;
      let best = 0;
      for (let a = 0; a < A; a++) if (logits[row + a] > max) { max = logits[row + a]; best = a; }
      let z = 0;
      for (let a = 0; a < A; a++) z += Math.exp(logits[row + a] - max);
      const y = te.targets[t * Bt + b];
      ll += logits[row + y] - max - Math.log(z);
      correct += best === y ? 1 : 0;
      n++;
    }
  }
  return { accuracy: correct / n, logLikelihood: ll / n, parameters: countParameters(params) };
}

/** Checks sweep records: {model: string, dial, seed, testAccuracy, trainAccuracy, parameters, seconds: finite numbers}. */
function requireSweepRecords(where: string, records: unknown): void {
  requireRecords<SweepRecord>(where, "records", records, "sweep records {model, dial, seed, testAccuracy, trainAccuracy, parameters, seconds}").forEach((r, i) => {
    requireString(where, `records[${i}].model`, r.model);
    for (const k of ["dial", "seed", "testAccuracy", "trainAccuracy", "parameters", "seconds"] as const) requireFinite(where, `records[${i}].${k}`, r[k]);
  });
}

/** Records as CSV text (header + one line per record; numbers with 4 decimals). */
export function sweepRecordsToCsv(records: readonly SweepRecord[]): string {
  requireSweepRecords("sweepRecordsToCsv", records);
  const lines = ["model,dial,seed,test_accuracy,train_accuracy,parameters,seconds"];
  for (const r of records) lines.push([r.model, r.dial, r.seed, r.testAccuracy.toFixed(4), r.trainAccuracy.toFixed(4), r.parameters, r.seconds.toFixed(2)].join(","));
  return lines.join("\n") + "\n";
}

/** Parses `sweepRecordsToCsv` output (errors name the line). */
export function parseSweepCsv(text: string, source = "csv"): SweepRecord[] {
  requireString("parseSweepCsv", "text", text, true);
  requireString("parseSweepCsv", "source", source);
  const [header, ...rows] = parseCsvRecords(text, `parseSweepCsv(${source})`);
  if (header?.cells.join(",") !== "model,dial,seed,test_accuracy,train_accuracy,parameters,seconds") {
    throw new RnnlabError(`parseSweepCsv(${source}): line 1 must be the header model,dial,seed,test_accuracy,train_accuracy,parameters,seconds`);
  }
  return rows.map(({ line, cells: f }) => {
    const nums = f.slice(1).map(Number);
    if (f.length !== 7 || nums.some((v) => !Number.isFinite(v))) throw new RnnlabError(`parseSweepCsv(${source}): line ${line} must have a model name and 6 numbers, got ${JSON.stringify(f.join(","))}`);
    return { model: f[0], dial: nums[0], seed: nums[1], testAccuracy: nums[2], trainAccuracy: nums[3], parameters: nums[4], seconds: nums[5] };
  });
}

/** Mean test accuracy per (model, dial), sorted by dial: for plotting one line per model. */
export function meanAccuracyByModel(records: readonly SweepRecord[]): { model: string; dials: number[]; accuracy: number[] }[] {
  requireSweepRecords("meanAccuracyByModel", records);
  const models = [...new Set(records.map((r) => r.model))];
  return models.map((model) => {
    const rs = records.filter((r) => r.model === model);
    const dials = [...new Set(rs.map((r) => r.dial))].sort((a, b) => a - b);
    const accuracy = dials.map((d) => {
      const sel = rs.filter((r) => r.dial === d);
      return sel.reduce((s, r) => s + r.testAccuracy, 0) / sel.length;
    });
    return { model, dials, accuracy };
  });
}

/**
 * For each model, the largest dial value up to which every measured mean accuracy is at least
 * `threshold` (0 when even the smallest dial falls short): "how far does it reach?".
 */
export function reachByModel(records: readonly SweepRecord[], threshold = 0.9): { model: string; reach: number }[] {
  requireSweepRecords("reachByModel", records);
  requireFinite("reachByModel", "threshold", threshold, 0, 1);
  return meanAccuracyByModel(records).map(({ model, dials, accuracy }) => {
    let reach = 0;
    for (let i = 0; i < dials.length && accuracy[i] >= threshold; i++) reach = dials[i];
    return { model, reach };
  });
}
