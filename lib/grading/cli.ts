/**
 * `npm run grade -- <submissions folder or files> --assignment <notebook>`
 */
import * as fs from "fs";
import * as path from "path";
import { gradeAll } from "./runner";
import { readGradingConfig } from "./classroom";

const HELP = `Grade student notebooks of one assignment.

Usage: npm run grade -- <folder or .ipynb files...> --assignment <notebook> [options]

  --assignment NAME    the assignment, e.g. 00_getting_started (or notebooks/00_getting_started.ipynb)
  --out DIR            output folder (default: build/grades/<assignment>)
  --workers N          kernels in parallel (default: cores + 1; a worker waits on its kernel part of the time)
  --force              re-grade every submission (otherwise only new ones, changed files
                       (content hash) and all of them when the hidden tests changed)
  --roster FILE        roster CSV: id, name[, file, email, section] (file = the submission's
                       file name; the notebook's metadata rnnlab.student_id also matches)
  --config FILE        grading config (JSON): deadline, late {perDay, max, graceHours},
                       extensions, roster, timestamps, manualPoints, hideExpected, lmsAssignment
  --hide-expected      feedback pages without expected values
  --cell-timeout S     seconds per cell (default 30)
  --timeout S          seconds per submission (default 180)
  --memory MB          memory limit per kernel (default 1024)
  --scheduler slurm    grade as a Slurm job array (see --scheduler slurm --help)
  --help               this text

Writes <out>/gradebook.csv (id, name, one column per question, total, late flag,
penalty, percentage), canvas.csv and moodle.csv (LMS imports), results/<id>.json,
feedback/<id>.html and, for manually graded questions, manual/<question>.html and
manual/points.csv (fill in the points and run again). Re-running grades only new or
changed submissions and says so. Each submission runs in a fresh tslab kernel; as root
the kernel is sandboxed (own user, mount and PID namespaces, hidden tests and other
submissions invisible, memory and process limits).`;

export interface CliArgs {
  files: string[];
  assignment: string;
  out?: string;
  workers?: number;
  force: boolean;
  cellTimeout?: number;
  timeout?: number;
  memory?: number;
  roster?: string;
  config?: string;
  hideExpected?: boolean;
}

function num(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number, got ${v === undefined ? "nothing" : JSON.stringify(v)}`);
  return n;
}

/** Parses the command line; throws with a clear message on bad input. */
export function parseGradeArgs(argv: string[]): CliArgs | "help" {
  const files: string[] = [];
  let assignment = "";
  const out: Partial<CliArgs> = {};
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return "help";
    else if (a === "--assignment") assignment = argv[++i] ?? "";
    else if (a === "--out") out.out = argv[++i];
    else if (a === "--workers") out.workers = num(a, argv[++i]);
    else if (a === "--force") force = true;
    else if (a === "--cell-timeout") out.cellTimeout = num(a, argv[++i]);
    else if (a === "--timeout") out.timeout = num(a, argv[++i]);
    else if (a === "--memory") out.memory = num(a, argv[++i]);
    else if (a === "--roster" || a === "--config") {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a file`);
      out[a === "--roster" ? "roster" : "config"] = v;
    } else if (a === "--hide-expected") out.hideExpected = true;
    else if (a.startsWith("--")) throw new Error(`unknown option ${a} (see --help)`);
    else files.push(a);
  }
  assignment = path.basename(assignment).replace(/\.ipynb$/, "");
  if (!/^\d\d_[\w-]+$/.test(assignment)) throw new Error(`--assignment must name a notebook like 00_getting_started, got ${JSON.stringify(assignment)}`);
  if (files.length === 0) throw new Error("give a submissions folder or .ipynb files (see --help)");
  return { files, assignment, force, ...out };
}

/** Expands folders into their .ipynb files (sorted). */
export function expandSubmissions(inputs: string[]): string[] {
  const out: string[] = [];
  for (const p of inputs) {
    if (!fs.existsSync(p)) throw new Error(`no such file or folder: ${p}`);
    if (fs.statSync(p).isDirectory()) {
      out.push(...fs.readdirSync(p).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(p, f)));
    } else out.push(p);
  }
  return out;
}

/** Prints "grade: <why>" on stderr; returns the exit code of a failed run (2). */
export function failed(err: unknown): number {
  console.error(`grade: ${(err as Error).message}`);
  return 2;
}

/**
 * Parses the command line with `parse`. Returns the arguments, or the exit code when the run
 * ends here: 0 after printing `help` (--help), 2 after printing what is wrong with the arguments.
 */
export function parseOrExit<A extends object>(argv: string[], parse: (argv: string[]) => A | "help", help: string): A | number {
  let args: A | "help";
  try {
    args = parse(argv);
  } catch (err) {
    return failed(err);
  }
  if (args === "help") {
    console.log(help);
    return 0;
  }
  return args;
}

export async function gradeMain(argv: string[], repoRoot: string): Promise<number> {
  if (argv.some((a) => a === "--scheduler" || a.startsWith("--scheduler="))) {
    const { slurmGradeMain } = await import("./slurm");
    return slurmGradeMain(argv, repoRoot);
  }
  const args = parseOrExit(argv, parseGradeArgs, HELP);
  if (typeof args === "number") return args;
  let files: string[];
  try {
    files = expandSubmissions(args.files);
  } catch (err) {
    return failed(err);
  }
  const outDir = path.resolve(args.out ?? path.join(repoRoot, "build", "grades", args.assignment));
  const t0 = Date.now();
  console.log(`grade: ${files.length} submission(s) of ${args.assignment} -> ${outDir}`);
  let results: Awaited<ReturnType<typeof gradeAll>>;
  try {
    results = await gradeAll({
      repoRoot,
      assignment: args.assignment,
      submissions: files,
      outDir,
      workers: args.workers,
      force: args.force,
      cellTimeout: args.cellTimeout,
      totalTimeout: args.timeout,
      memoryMb: args.memory,
      ...(args.config ? { config: readGradingConfig(args.config) } : {}),
      ...(args.roster ? { roster: args.roster } : {}),
      ...(args.hideExpected ? { hideExpected: true } : {}),
      log: (l) => console.log(l),
    });
  } catch (err) {
    return failed(err);
  }
  const secs = (Date.now() - t0) / 1000;
  console.log(`grade: done in ${secs.toFixed(1)} s; ${results.length} result(s); gradebook: ${path.join(outDir, "gradebook.csv")}`);
  return 0;
}
