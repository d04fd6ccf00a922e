/**
 * Grading on a Slurm cluster: `npm run grade -- <submissions> --assignment A --scheduler slurm`.
 *
 * The class is split into shards (round-robin over the sorted file names); one task of a Slurm
 * job array grades one shard with the ordinary grader (`scripts/grade.js`, a fresh sandboxed
 * kernel per submission) and writes into the shared output folder, one `results/<student>.json`
 * per submission, atomically. A second job, which depends on the array (`afterany`), merges:
 * it rebuilds `gradebook.csv` from every result in the folder, so the gradebook is the same as
 * a local run's. Re-running the same command submits only the submissions that have no result
 * yet (resumable; `--force` re-grades all).
 *
 * Needs: `sbatch`/`squeue` on PATH (or `--slurm-bin`), the repository (after `npm install`),
 * the submissions and the output folder on a file system that every node sees at the same path.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CliArgs, expandSubmissions, failed, parseGradeArgs, parseOrExit } from "./cli";
import { gradeAll } from "./runner";
import { writeFileAtomic } from "./report";
import { readGradingConfig } from "./classroom";
import { studentIdOf } from "./submission";

const SLURM_HELP = `Grading on a Slurm cluster (a job array, one task per shard, then a merge job):

  npm run grade -- <folder or .ipynb files...> --assignment NAME --scheduler slurm [options]

  --shards K            array tasks (default: one per 10 submissions, at most 50)
  --cpus-per-task C     CPUs per task (default 1); each task grades with C + 1 kernels
  --partition P         Slurm partition (default: the cluster's default)
  --sbatch-arg ARG      extra sbatch argument, repeatable (e.g. --sbatch-arg=--time=01:00:00)
  --no-wait             submit and exit (the merge job writes the gradebook)
  --wait-limit S        stop waiting after S seconds (default 86400; the jobs go on)
  --slurm-bin DIR       folder of sbatch/squeue (default: PATH)
  --merge-only          rebuild the gradebook from the results present; grade nothing
                        (what the merge job runs); exits 1 when a submission has no result
  --timeout, --cell-timeout, --memory, --force, --out: as for local grading

The repository, the submissions and --out must be on a file system that every node sees at
the same path. Job scripts and logs go to <out>/slurm/<run>/.`;

export interface SlurmArgs {
  grade: CliArgs;
  shards?: number;
  cpusPerTask: number;
  partition?: string;
  sbatchArgs: string[];
  wait: boolean;
  waitLimit: number;
  slurmBin?: string;
  mergeOnly: boolean;
  filesFrom?: string;
}

function positiveInt(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive whole number, got ${v === undefined ? "nothing" : JSON.stringify(v)}`);
  return n;
}

/**
 * Splits the Slurm options off the command line (the rest goes to the local grader's parser).
 * Throws with a clear message on bad input.
 */
export function parseSlurmArgs(argv: string[]): SlurmArgs | "help" {
  const rest: string[] = [];
  const out: SlurmArgs = { grade: undefined as unknown as CliArgs, cpusPerTask: 1, sbatchArgs: [], wait: true, waitLimit: 86400, mergeOnly: false };
  let scheduler = "";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    if (flag === "--help" || flag === "-h") return "help";
    else if (flag === "--scheduler") scheduler = value() ?? "";
    else if (flag === "--shards") out.shards = positiveInt(flag, value());
    else if (flag === "--cpus-per-task") out.cpusPerTask = positiveInt(flag, value());
    else if (flag === "--partition") out.partition = value();
    else if (flag === "--sbatch-arg") {
      const v = value();
      if (!v) throw new Error("--sbatch-arg needs a value");
      out.sbatchArgs.push(v);
    } else if (flag === "--no-wait") out.wait = false;
    else if (flag === "--wait-limit") out.waitLimit = positiveInt(flag, value());
    else if (flag === "--slurm-bin") out.slurmBin = value();
    else if (flag === "--merge-only") out.mergeOnly = true;
    else if (flag === "--files-from") out.filesFrom = value();
    else rest.push(a);
  }
  if (scheduler !== "slurm") throw new Error(`--scheduler must be "slurm" (the only cluster scheduler supported), got ${JSON.stringify(scheduler)}`);
  if (out.filesFrom !== undefined) {
    if (!fs.existsSync(out.filesFrom)) throw new Error(`--files-from: no such file: ${out.filesFrom}`);
    rest.push(...fs.readFileSync(out.filesFrom, "utf8").split("\n").filter((l) => l.trim()));
  }
  const grade = parseGradeArgs(rest);
  if (grade === "help") return "help";
  if (grade.workers !== undefined) throw new Error("--workers is set per task by --cpus-per-task with --scheduler slurm");
  out.grade = grade;
  return out;
}

/** Round-robin shards of the sorted files: shard k gets files k, k + K, k + 2K, ... (none empty). */
export function planShards(files: string[], shards: number): string[][] {
  if (!Number.isInteger(shards) || shards <= 0) throw new Error(`shards must be a positive whole number, got ${shards}`);
  const sorted = [...files].sort();
  const k = Math.min(shards, sorted.length);
  const out: string[][] = Array.from({ length: k }, () => []);
  sorted.forEach((f, i) => out[i % k].push(f));
  return out;
}

/** Default shard count: one task per 10 submissions, at most 50. */
export function defaultShards(n: number): number {
  return Math.max(1, Math.min(50, Math.ceil(n / 10)));
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function slurmCmd(args: SlurmArgs, name: string): string {
  return args.slurmBin ? path.join(args.slurmBin, name) : name;
}

/** Runs sbatch and returns the job id (`--parsable` prints "id" or "id;cluster"). */
function sbatch(args: SlurmArgs, sbatchArgs: string[]): string {
  const r = spawnSync(slurmCmd(args, "sbatch"), ["--parsable", ...sbatchArgs], { encoding: "utf8" });
  if (r.error) throw new Error(`sbatch could not be run (${r.error.message}); is Slurm installed and on PATH (or --slurm-bin)?`);
  if (r.status !== 0) throw new Error(`sbatch failed (exit ${r.status}): ${(r.stderr || r.stdout).trim()}`);
  const id = r.stdout.trim().split(";")[0];
  if (!/^\d+$/.test(id)) throw new Error(`sbatch printed no job id: ${JSON.stringify(r.stdout)}`);
  return id;
}

/** Job ids of these jobs (array tasks included) still in Slurm's queue. */
function inQueue(args: SlurmArgs, jobs: string[]): string[] {
  const r = spawnSync(slurmCmd(args, "squeue"), ["-h", "-j", jobs.join(","), "-o", "%i %T"], { encoding: "utf8" });
  if (r.status !== 0) {
    // squeue errors on job ids that left the queue long ago: they are done.
    if (/Invalid job id/i.test(r.stderr)) return [];
    throw new Error(`squeue failed (exit ${r.status}): ${r.stderr.trim()}`);
  }
  return r.stdout.split("\n").filter((l) => l.trim());
}

const sleep = (ms: number): Promise<void> => new Promise((res) => setTimeout(res, ms));

/**
 * The files of `files` that already have a result in `outDir` (matched by the submission path each
 * result records, so a roster's or a notebook's student id, not only the file name, works).
 */
function graded(files: string[], outDir: string): Set<string> {
  const dir = path.join(outDir, "results");
  const have = new Set<string>();
  if (fs.existsSync(dir)) {
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith(".json") || f.startsWith(".")) continue;
      try {
        const r = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { file?: unknown };
        if (typeof r.file === "string") have.add(path.resolve(r.file));
      } catch {
        /* half-written by another tool: not a result */
      }
    }
  }
  return new Set(files.filter((f) => have.has(path.resolve(f))));
}

export interface SlurmGradeReport {
  /** Submissions sent to Slurm in this run (the others were graded before). */
  submitted: number;
  arrayJob?: string;
  mergeJob?: string;
  /** Submissions without a result after the merge (a task failed or was cancelled). */
  missing: string[];
  runDir?: string;
}

/** Rebuilds the gradebook from the results present (no kernel is started); returns the files without a result. */
async function mergeSlurmResults(repoRoot: string, args: CliArgs, log: (l: string) => void): Promise<string[]> {
  const outDir = path.resolve(args.out ?? path.join(repoRoot, "build", "grades", args.assignment));
  const files = expandSubmissions(args.files);
  const have = graded(files, outDir);
  const missing = files.filter((f) => !have.has(f));
  await gradeAll({
    repoRoot,
    assignment: args.assignment,
    submissions: files.filter((f) => have.has(f)),
    outDir,
    workers: 1,
    ...(args.config ? { config: readGradingConfig(args.config) } : {}),
    ...(args.roster ? { roster: args.roster } : {}),
    ...(args.hideExpected ? { hideExpected: true } : {}),
    log: () => undefined,
  });
  log(`grade: merged ${have.size} result(s) into ${path.join(outDir, "gradebook.csv")}` + (missing.length ? `; ${missing.length} without a result: ${missing.map(studentIdOf).join(", ")}` : ""));
  return missing;
}

/** Submits the grading of a class as a Slurm job array plus a merge job; waits unless `wait` is false. */
async function gradeWithSlurm(repoRoot: string, args: SlurmArgs): Promise<SlurmGradeReport> {
  const log = console.log;
  const root = path.resolve(repoRoot);
  const g = args.grade;
  const outDir = path.resolve(g.out ?? path.join(root, "build", "grades", g.assignment));
  const files = expandSubmissions(g.files).map((f) => path.resolve(f));
  const bad = files.find((f) => /[\n\r]/.test(f));
  if (bad) throw new Error(`submission paths must not contain line breaks: ${JSON.stringify(bad)}`);
  fs.mkdirSync(path.join(outDir, "results"), { recursive: true });
  const done = g.force ? new Set<string>() : graded(files, outDir);
  const todo = files.filter((f) => !done.has(f));
  const common = [
    "--assignment", g.assignment, "--out", outDir,
    ...(g.cellTimeout !== undefined ? ["--cell-timeout", String(g.cellTimeout)] : []),
    ...(g.timeout !== undefined ? ["--timeout", String(g.timeout)] : []),
    ...(g.memory !== undefined ? ["--memory", String(g.memory)] : []),
    ...(g.roster !== undefined ? ["--roster", path.resolve(g.roster)] : []),
    ...(g.config !== undefined ? ["--config", path.resolve(g.config)] : []),
    ...(g.hideExpected ? ["--hide-expected"] : []),
  ];
  const node = shellQuote(process.execPath);
  const gradeJs = shellQuote(path.join(root, "scripts", "grade.js"));
  if (todo.length === 0) {
    log(`grade: all ${files.length} submission(s) already have a result (--force re-grades); merging only`);
    const missing = await mergeSlurmResults(root, { ...g, files, out: outDir }, log);
    return { submitted: 0, missing };
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const runDir = path.join(outDir, "slurm", stamp);
  fs.mkdirSync(path.join(runDir, "logs"), { recursive: true });
  const shards = planShards(todo, args.shards ?? defaultShards(todo.length));
  shards.forEach((s, k) => writeFileAtomic(path.join(runDir, `shard-${k}.txt`), s.join("\n") + "\n"));
  writeFileAtomic(path.join(runDir, "all.txt"), files.join("\n") + "\n");
  const header = ["#!/bin/bash", "# Written by `npm run grade -- --scheduler slurm`.", "set -euo pipefail", `cd ${shellQuote(root)}`];
  const task = [
    ...header,
    `mapfile -t files < ${shellQuote(runDir)}/shard-"$SLURM_ARRAY_TASK_ID".txt`,
    `echo "task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID on $(hostname): \${#files[@]} submission(s)"`,
    `exec ${node} ${gradeJs} "\${files[@]}" ${common.map(shellQuote).join(" ")} --workers ${args.cpusPerTask + 1}${g.force ? " --force" : ""}`,
  ];
  const merge = [
    ...header,
    `exec ${node} ${gradeJs} --scheduler slurm --merge-only --files-from ${shellQuote(path.join(runDir, "all.txt"))} ${common.map(shellQuote).join(" ")}`,
  ];
  writeFileAtomic(path.join(runDir, "task.sh"), task.join("\n") + "\n");
  writeFileAtomic(path.join(runDir, "merge.sh"), merge.join("\n") + "\n");
  const base = [...(args.partition ? ["--partition", args.partition] : []), ...args.sbatchArgs];
  const arrayJob = sbatch(args, [
    ...base,
    `--array=0-${shards.length - 1}`,
    `--job-name=rnnlab-grade-${g.assignment}`,
    `--cpus-per-task=${args.cpusPerTask}`,
    `--output=${path.join(runDir, "logs", "task-%a.out")}`,
    path.join(runDir, "task.sh"),
  ]);
  const mergeJob = sbatch(args, [
    ...base,
    `--dependency=afterany:${arrayJob}`,
    `--job-name=rnnlab-merge-${g.assignment}`,
    "--cpus-per-task=1",
    `--output=${path.join(runDir, "logs", "merge.out")}`,
    path.join(runDir, "merge.sh"),
  ]);
  log(
    `grade: ${todo.length} submission(s) of ${g.assignment} in ${shards.length} shard(s): Slurm array job ${arrayJob}, merge job ${mergeJob}` +
      (done.size ? ` (${done.size} graded before)` : "") +
      `; scripts and logs in ${runDir}`,
  );
  if (!args.wait) {
    log(`grade: not waiting; the merge job writes ${path.join(outDir, "gradebook.csv")} (squeue -j ${arrayJob},${mergeJob})`);
    return { submitted: todo.length, arrayJob, mergeJob, missing: [], runDir };
  }
  const t0 = Date.now();
  let last = "";
  for (;;) {
    const q = inQueue(args, [arrayJob, mergeJob]);
    if (q.length === 0) break;
    const now = `${graded(todo, outDir).size}/${todo.length} graded; in the queue: ${q.length} job(s)`;
    if (now !== last) log(`grade: ${now}`);
    last = now;
    if (Date.now() - t0 > args.waitLimit * 1000) {
      throw new Error(`gave up waiting after ${args.waitLimit} s; jobs ${arrayJob} and ${mergeJob} are still queued or running (scancel ${arrayJob} ${mergeJob} to stop them)`);
    }
    await sleep(2000);
  }
  const missing = files.filter((f) => !graded([f], outDir).size);
  const mergeLog = path.join(runDir, "logs", "merge.out");
  if (!fs.existsSync(mergeLog)) log(`grade: WARNING: the merge job left no log (${mergeLog}): was it cancelled?`);
  if (missing.length) log(`grade: ${missing.length} submission(s) have no result (see ${path.join(runDir, "logs")}); run the same command again to grade only those`);
  log(`grade: Slurm jobs finished in ${((Date.now() - t0) / 1000).toFixed(1)} s; gradebook: ${path.join(outDir, "gradebook.csv")}`);
  return { submitted: todo.length, arrayJob, mergeJob, missing, runDir };
}

/** `npm run grade -- ... --scheduler slurm`: returns the exit code. */
export async function slurmGradeMain(argv: string[], repoRoot: string): Promise<number> {
  const args = parseOrExit(argv, parseSlurmArgs, SLURM_HELP);
  if (typeof args === "number") return args;
  try {
    if (args.mergeOnly) return (await mergeSlurmResults(repoRoot, args.grade, (l) => console.log(l))).length ? 1 : 0;
    const r = await gradeWithSlurm(repoRoot, args);
    return r.missing.length ? 1 : 0;
  } catch (err) {
    return failed(err);
  }
}
