/**
 * Task data sets as CSV files: writing them (deterministically) and reading them back
 * into examples and model-ready batches, with every malformed line reported by number.
 *
 * One file format per task, recognised by its header line:
 *
 * | task        | header                                                        |
 * |-------------|---------------------------------------------------------------|
 * | palindromes | `id,length,sequence,label,kind`                               |
 * | proteins    | `id,interaction,separation,sequence,label,site1,site2,residue_labels` |
 * | copy        | `id,delay,input,target`  (data a…, blank "-", delimiter ":")  |
 * | adding      | `id,length,values,markers,target` (space-separated numbers)   |
 * | markov      | `id,order,sequence`                                           |
 *
 * Fields never contain commas or quotes, so no quoting is needed or accepted.
 */
import * as fs from "fs";
import { RnnlabError, requireInt, requireString } from "../core/errors";
import { requireIntInRange, requireSameLength } from "../core/options";
import { requireIntArray, requireListArg, requireNumberArray, requirePathArg, requireRecords, requireTokenSequences } from "../core/argChecks";
import { parseCsvRecords } from "../core/csv";
import { TaskBatch, oneHotBatch } from "./batch";
import { PalindromeExample } from "./palindromes";
import { AMINO_ACIDS, ProteinExample, ProteinInteraction } from "./proteins";

/** Headers of the task CSV files. */
const TASK_CSV_HEADERS = {
  palindromes: "id,length,sequence,label,kind",
  proteins: "id,interaction,separation,sequence,label,site1,site2,residue_labels",
  copy: "id,delay,input,target",
  adding: "id,length,values,markers,target",
  markov: "id,order,sequence",
} as const;

/** The task names. */
export type TaskName = keyof typeof TASK_CSV_HEADERS;

/** Symbols of the copy-task CSV: data symbols, then blank "-" and delimiter ":". */
const COPY_CSV_SYMBOLS = "abcdefghijklmnopqrstuvwxyz";

/** Default alphabets used in the CSV files. */
const TASK_CSV_ALPHABETS = { palindromes: "abcd", markov: "abcd", proteins: AMINO_ACIDS } as const;

// ---------------------------------------------------------------- writing

/** CSV text of palindrome examples over `alphabet`. */
export function palindromesToCsv(examples: readonly PalindromeExample[], alphabet = "abcd"): string {
  const where = "palindromesToCsv";
  requireString(where, "alphabet", alphabet);
  requireRecords<PalindromeExample>(where, "examples", examples, "palindrome examples {tokens, label, kind}").forEach((e, i) =>
    requireIntArray(where, `examples[${i}].tokens`, e.tokens, 0, alphabet.length - 1),
  );
  const rows = examples.map((e, i) => [i, e.tokens.length, e.tokens.map((t) => alphabet[t]).join(""), e.label, e.kind].join(","));
  return [TASK_CSV_HEADERS.palindromes, ...rows].join("\n") + "\n";
}

/** CSV text of synthetic proteins. */
export function proteinsToCsv(examples: readonly ProteinExample[], interaction: ProteinInteraction): string {
  const where = "proteinsToCsv";
  requireString(where, "interaction", interaction);
  requireRecords<ProteinExample>(where, "examples", examples, "protein examples {tokens, label, residueLabels, sites}").forEach((e, i) => {
    requireIntArray(where, `examples[${i}].tokens`, e.tokens, 0, AMINO_ACIDS.length - 1);
    requireIntArray(where, `examples[${i}].sites`, e.sites, 0, e.tokens.length - 1, 2);
    requireIntArray(where, `examples[${i}].residueLabels`, e.residueLabels, 0, 1);
  });
  const rows = examples.map((e, i) =>
    [i, interaction, e.sites[1] - e.sites[0], e.tokens.map((t) => AMINO_ACIDS[t]).join(""), e.label, e.sites[0], e.sites[1], e.residueLabels.join("")].join(","),
  );
  return [TASK_CSV_HEADERS.proteins, ...rows].join("\n") + "\n";
}

/** CSV text of copy-task sequences (K data symbols a…, blank "-", delimiter ":"). */
export function copyTaskToCsv(inputs: readonly number[][], targets: readonly number[][], alphabetSize: number, delay: number): string {
  const where = "copyTaskToCsv";
  requireIntInRange(where, "alphabetSize", alphabetSize, 1, COPY_CSV_SYMBOLS.length);
  requireInt(where, "delay", delay, 0);
  requireTokenSequences(where, "inputs", inputs, alphabetSize + 1);
  requireTokenSequences(where, "targets", targets, alphabetSize + 1);
  requireSameLength(where, "inputs", inputs.length, "targets", targets.length);
  const sym = COPY_CSV_SYMBOLS.slice(0, alphabetSize) + "-:";
  const enc = (s: readonly number[]) => s.map((t) => sym[t]).join("");
  const rows = inputs.map((inp, i) => [i, delay, enc(inp), enc(targets[i])].join(","));
  return [TASK_CSV_HEADERS.copy, ...rows].join("\n") + "\n";
}

/** CSV text of adding-problem sequences; values with 6 decimals, target = sum of the written values. */
export function addingProblemToCsv(values: readonly (readonly number[])[], markers: readonly [number, number][]): string {
  const where = "addingProblemToCsv";
  requireListArg(where, "values", values, "an array of value sequences").forEach((v, i) => requireNumberArray(where, `values[${i}]`, v, { minLength: 1 }));
  requireListArg(where, "markers", markers, "an array of marker pairs [t1, t2]");
  requireSameLength(where, "values", values.length, "markers", markers.length);
  markers.forEach((m, i) => requireIntArray(where, `markers[${i}]`, m, 0, values[i].length - 1, 2));
  const rows = values.map((v, i) => {
    const rounded = v.map((u) => u.toFixed(6));
    const target = (Number(rounded[markers[i][0]]) + Number(rounded[markers[i][1]])).toFixed(6);
    const m = v.map((_, t) => (t === markers[i][0] || t === markers[i][1] ? "1" : "0")).join(" ");
    return [i, v.length, rounded.join(" "), m, target].join(",");
  });
  return [TASK_CSV_HEADERS.adding, ...rows].join("\n") + "\n";
}

/** CSV text of Markov-chain sequences over `alphabet`. */
export function markovToCsv(sequences: readonly (readonly number[])[], order: number, alphabet = "abcd"): string {
  const where = "markovToCsv";
  requireString(where, "alphabet", alphabet);
  requireInt(where, "order", order, 0);
  requireTokenSequences(where, "sequences", sequences, alphabet.length - 1);
  const rows = sequences.map((s, i) => [i, order, s.map((t) => alphabet[t]).join("")].join(","));
  return [TASK_CSV_HEADERS.markov, ...rows].join("\n") + "\n";
}

// ---------------------------------------------------------------- reading

/** A palindrome or protein CSV loaded as examples, a one-hot batch and labels. */
export interface LoadedClassificationCsv<E> {
  task: "palindromes" | "proteins";
  examples: E[];
  batch: TaskBatch;
  /** Sequence labels, length B. */
  labels: Float64Array;
}

/** What `loadTaskCsv` returns, by task. */
export type LoadedTaskCsv =
  | (LoadedClassificationCsv<PalindromeExample> & { task: "palindromes" })
  | (LoadedClassificationCsv<ProteinExample> & { task: "proteins"; interaction: ProteinInteraction })
  | { task: "copy"; inputs: number[][]; targetSequences: number[][]; batch: TaskBatch; targets: Int32Array; outputMask: Float64Array; numClasses: number }
  | { task: "adding"; batch: TaskBatch; targets: Float64Array; markers: [number, number][] }
  | { task: "markov"; order: number; sequences: number[][]; batch: TaskBatch };

class LineError extends RnnlabError {}

function fail(source: string, line: number, message: string): never {
  throw new LineError(`loadTaskCsv(${source}): line ${line}: ${message}`);
}

function intField(source: string, line: number, name: string, text: string, min: number, max = Infinity): number {
  if (!/^-?\d+$/.test(text)) fail(source, line, `${name} must be an integer, got ${JSON.stringify(text)}`);
  const v = Number(text);
  if (v < min || v > max) fail(source, line, `${name} must be in [${min}, ${max}], got ${v}`);
  return v;
}

function symbols(source: string, line: number, name: string, text: string, alphabet: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const k = alphabet.indexOf(text[i]);
    if (k < 0) fail(source, line, `${name} has ${JSON.stringify(text[i])} at position ${i}; allowed symbols are "${alphabet}"`);
    out.push(k);
  }
  if (out.length === 0) fail(source, line, `${name} is empty`);
  return out;
}

/**
 * Parses task CSV text (see the module comment for the formats).
 * @param source a name for messages (e.g. the file path).
 * @throws RnnlabError naming the line number and the field when a line is malformed.
 */
export function parseTaskCsv(text: string, source = "csv"): LoadedTaskCsv {
  requireString("parseTaskCsv", "text", text, true);
  requireString("parseTaskCsv", "source", source);
  const records = parseCsvRecords(text, `loadTaskCsv(${source})`);
  if (records.length === 0) throw new RnnlabError(`loadTaskCsv(${source}): the file is empty; expected a header line`);
  const header = records[0].cells.join(",").trim();
  const task = (Object.keys(TASK_CSV_HEADERS) as TaskName[]).find((k) => TASK_CSV_HEADERS[k] === header);
  if (!task) {
    throw new RnnlabError(
      `loadTaskCsv(${source}): line ${records[0].line}: unknown header ${JSON.stringify(header)}; expected one of ` +
        Object.values(TASK_CSV_HEADERS).map((h) => JSON.stringify(h)).join(", "),
    );
  }
  const nCols = TASK_CSV_HEADERS[task].split(",").length;
  const rows = records.slice(1).map(({ line, cells: f }) => {
    if (f.length !== nCols) fail(source, line, `expected ${nCols} comma-separated fields (${TASK_CSV_HEADERS[task]}), got ${f.length}`);
    return { line, f };
  });
  if (rows.length === 0) throw new RnnlabError(`loadTaskCsv(${source}): no data lines after the header`);
  const label = (line: number, t: string) => intField(source, line, "label", t, 0, 1) as 0 | 1;

  if (task === "palindromes") {
    const alphabet = TASK_CSV_ALPHABETS.palindromes;
    const examples: PalindromeExample[] = rows.map(({ line, f }) => {
      const tokens = symbols(source, line, "sequence", f[2], alphabet);
      const L = intField(source, line, "length", f[1], 1);
      if (L !== tokens.length) fail(source, line, `length is ${L} but the sequence has ${tokens.length} symbols`);
      if (!["palindrome", "near-palindrome", "random"].includes(f[4])) fail(source, line, `kind must be palindrome, near-palindrome or random, got ${JSON.stringify(f[4])}`);
      return { tokens, label: label(line, f[3]), kind: f[4] as PalindromeExample["kind"] };
    });
    return { task, examples, batch: oneHotBatch(examples.map((e) => e.tokens), alphabet.length), labels: Float64Array.from(examples.map((e) => e.label)) };
  }
  if (task === "proteins") {
    let interaction: ProteinInteraction = "salt-bridge";
    const examples: ProteinExample[] = rows.map(({ line, f }) => {
      if (f[1] !== "salt-bridge" && f[1] !== "disulfide") fail(source, line, `interaction must be salt-bridge or disulfide, got ${JSON.stringify(f[1])}`);
      interaction = f[1];
      const tokens = symbols(source, line, "sequence", f[3], AMINO_ACIDS);
      const s1 = intField(source, line, "site1", f[5], 0, tokens.length - 1);
      const s2 = intField(source, line, "site2", f[6], s1 + 1, tokens.length - 1);
      const sep = intField(source, line, "separation", f[2], 1);
      if (sep !== s2 - s1) fail(source, line, `separation ${sep} must equal site2 − site1 = ${s2 - s1}`);
      const residueLabels = symbols(source, line, "residue_labels", f[7], "01");
      if (residueLabels.length !== tokens.length) fail(source, line, `residue_labels has ${residueLabels.length} entries for ${tokens.length} residues`);
      return { tokens, label: label(line, f[4]), residueLabels, sites: [s1, s2] };
    });
    return {
      task, interaction, examples,
      batch: oneHotBatch(examples.map((e) => e.tokens), AMINO_ACIDS.length),
      labels: Float64Array.from(examples.map((e) => e.label)),
    };
  }
  if (task === "copy") {
    const allSyms = rows.map(({ f }) => f[2] + f[3]).join("");
    let K = 0;
    for (const c of allSyms) if (c !== "-" && c !== ":") K = Math.max(K, COPY_CSV_SYMBOLS.indexOf(c) + 1);
    const sym = COPY_CSV_SYMBOLS.slice(0, Math.max(K, 1)) + "-:";
    const inputs: number[][] = [];
    const targetSequences: number[][] = [];
    for (const { line, f } of rows) {
      intField(source, line, "delay", f[1], 1);
      const inp = symbols(source, line, "input", f[2], sym);
      const tgt = symbols(source, line, "target", f[3], sym);
      if (inp.length !== tgt.length) fail(source, line, `input has ${inp.length} steps but target has ${tgt.length}`);
      if (tgt.some((t) => t === K + 1)) fail(source, line, `target must not contain the delimiter ":"`);
      inputs.push(inp);
      targetSequences.push(tgt);
    }
    const batch = oneHotBatch(inputs, K + 2);
    const { T, B } = batch;
    const targets = new Int32Array(T * B).fill(K);
    const outputMask = new Float64Array(T * B);
    targetSequences.forEach((s, b) => {
      const delimiterAt = inputs[b].indexOf(K + 1);
      if (delimiterAt < 0) fail(source, rows[b].line, `input must contain the delimiter ":"`);
      s.forEach((v, t) => {
        targets[t * B + b] = v;
        outputMask[t * B + b] = t > delimiterAt ? 1 : 0; // the M steps after the delimiter
      });
    });
    return { task, inputs, targetSequences, batch, targets, outputMask, numClasses: K + 1 };
  }
  if (task === "adding") {
    const T = intField(source, rows[0].line, "length", rows[0].f[1], 2);
    const B = rows.length;
    const x = new Float64Array(T * B * 2);
    const targets = new Float64Array(B);
    const markers: [number, number][] = [];
    rows.forEach(({ line, f }, b) => {
      if (intField(source, line, "length", f[1], 2) !== T) fail(source, line, `length must be ${T} like the first line (one batch), got ${f[1]}`);
      const vals = f[2].split(" ").map(Number);
      const marks = f[3].split(" ");
      if (vals.length !== T || vals.some((v) => !Number.isFinite(v))) fail(source, line, `values must be ${T} space-separated numbers`);
      if (marks.length !== T || marks.some((m) => m !== "0" && m !== "1")) fail(source, line, `markers must be ${T} space-separated 0/1 flags`);
      const on = marks.flatMap((m, t) => (m === "1" ? [t] : []));
      if (on.length !== 2) fail(source, line, `markers must have exactly two 1s, got ${on.length}`);
      const target = Number(f[4]);
      if (!Number.isFinite(target)) fail(source, line, `target must be a number, got ${JSON.stringify(f[4])}`);
      if (Math.abs(target - (vals[on[0]] + vals[on[1]])) > 1e-5) fail(source, line, `target ${target} is not the sum of the two marked values ${vals[on[0]] + vals[on[1]]}`);
      for (let t = 0; t < T; t++) {
        x[(t * B + b) * 2] = vals[t];
        x[(t * B + b) * 2 + 1] = marks[t] === "1" ? 1 : 0;
      }
      targets[b] = target;
      markers.push([on[0], on[1]]);
    });
    return { task, batch: { x, T, B, D: 2, lengths: new Array<number>(B).fill(T) }, targets, markers };
  }
  // markov
  const alphabet = TASK_CSV_ALPHABETS.markov;
  let order = 0;
  const sequences = rows.map(({ line, f }) => {
    order = intField(source, line, "order", f[1], 0);
    return symbols(source, line, "sequence", f[2], alphabet);
  });
  return { task, order, sequences, batch: oneHotBatch(sequences, alphabet.length) };
}

/** Reads a task CSV file into examples and a model-ready batch (see `parseTaskCsv`). */
export function loadTaskCsv(path: string): LoadedTaskCsv {
  requirePathArg("loadTaskCsv", "path", path);
  if (!fs.existsSync(path)) throw new RnnlabError(`loadTaskCsv: path must name an existing file, got ${JSON.stringify(path)}`);
  return parseTaskCsv(fs.readFileSync(path, "utf8"), path);
}

