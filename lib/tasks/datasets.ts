/**
 * The fixed-seed sample of every generator, written as CSV under `datasets/`.
 *
 * `makeTaskDatasets(dir)` is what `node scripts/make_datasets.js` runs; every file comes
 * from its own `new Rng(seed)`, so regenerating reproduces the files byte for byte.
 */
import * as fs from "fs";
import * as path from "path";
import { Rng } from "../core/random";
import { badArgument } from "../core/errors";
import { requirePathArg } from "../core/argChecks";
import { addingProblemToCsv, copyTaskToCsv, markovToCsv, palindromesToCsv, proteinsToCsv } from "./csv";
import { addingProblem, copyTask } from "./memory";
import { randomMarkovChain, sampleMarkovSequences } from "./markov";
import { generatePalindromes } from "./palindromes";
import { generateProteins } from "./proteins";

/** One generated file: its name and the exact text. */
export interface TaskDatasetFile {
  name: string;
  text: string;
  /** How it was made (for the datasets README). */
  recipe: string;
}

/** The CSV texts of every task sample (deterministic). */
export function taskDatasetFiles(): TaskDatasetFile[] {
  const files: TaskDatasetFile[] = [];
  {
    const cfg = { alphabet: "abcd", minLength: 4, maxLength: 12 };
    const ex = generatePalindromes(200, cfg, new Rng(101));
    files.push({ name: "palindromes.csv", text: palindromesToCsv(ex, "abcd"), recipe: "generatePalindromes(200, { alphabet: \"abcd\", minLength: 4, maxLength: 12 }, new Rng(101))" });
  }
  for (const [interaction, seedValue] of [["salt-bridge", 102], ["disulfide", 103]] as const) {
    const ex = generateProteins(200, { separation: 20, interaction }, new Rng(seedValue));
    files.push({
      name: `proteins_${interaction.replace("-", "_")}_sep20.csv`,
      text: proteinsToCsv(ex, interaction),
      recipe: `generateProteins(200, { separation: 20, interaction: "${interaction}" }, new Rng(${seedValue}))`,
    });
  }
  {
    const d = copyTask(100, { delay: 10, alphabetSize: 8, copyLength: 5 }, new Rng(104));
    files.push({ name: "copy_delay10.csv", text: copyTaskToCsv(d.inputs, d.targetSequences, 8, 10), recipe: "copyTask(100, { delay: 10, alphabetSize: 8, copyLength: 5 }, new Rng(104))" });
  }
  {
    const d = addingProblem(64, { length: 30 }, new Rng(105));
    const values = Array.from({ length: d.batch.B }, (_, b) => Array.from({ length: d.batch.T }, (_, t) => d.batch.x[(t * d.batch.B + b) * 2]));
    files.push({ name: "adding_T30.csv", text: addingProblemToCsv(values, d.markers), recipe: "addingProblem(64, { length: 30 }, new Rng(105)), values rounded to 6 decimals" });
  }
  {
    const rng = new Rng(106);
    const chain = randomMarkovChain({ alphabet: "abcd", order: 2, concentration: 0.3 }, rng);
    const seqs = sampleMarkovSequences(chain, 50, 100, rng);
    files.push({ name: "markov_order2.csv", text: markovToCsv(seqs, 2, "abcd"), recipe: "rng = new Rng(106); chain = randomMarkovChain({ alphabet: \"abcd\", order: 2, concentration: 0.3 }, rng); sampleMarkovSequences(chain, 50, 100, rng)" });
  }
  return files;
}

/** Writes every task sample into `dir` (created if needed); returns the paths written. */
export function makeTaskDatasets(dir: string): string[] {
  requirePathArg("makeTaskDatasets", "dir", dir);
  fs.mkdirSync(dir, { recursive: true });
  return taskDatasetFiles().map((f) => {
    const p = path.join(dir, f.name);
    fs.writeFileSync(p, f.text);
    return p;
  });
}

/**
 * The absolute path of a file under the repository's `datasets/` folder (e.g.
 * `taskDataPath("pdb", "1zaa1.pdb")`), found from the library's own location, so it works
 * from any working directory (a notebook, its student copy under build/, a script).
 */
export function taskDataPath(...parts: string[]): string {
  parts.forEach((p, i) => {
    if (typeof p !== "string" || p.length === 0 || p.includes("\0")) badArgument("taskDataPath", `parts[${i}]`, "a non-empty string (a path segment)", p);
  });
  const candidates = [path.join(__dirname, "..", "..", "datasets"), path.join(process.cwd(), "datasets"), path.join(process.cwd(), "..", "datasets"), path.join(process.cwd(), "..", "..", "datasets")];
  const root = candidates.find((c) => fs.existsSync(path.join(c, "palindromes.csv"))) ?? candidates[0];
  return path.join(root, ...parts);
}
