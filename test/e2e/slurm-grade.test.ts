/**
 * Grading on Slurm: a single-node cluster (munged, slurmctld, slurmd from Debian, started
 * here in a temporary folder on ports 9650-9669) grades a mixed class through a job array
 * (`npm run grade -- --scheduler slurm`), and the gradebook must equal local grading's, row
 * for row. Then results are deleted and the same command re-run: only those are submitted
 * again (resumable), and the gradebook is the same again. Needs root (slurmd): fails in CI
 * without it, skipped with a printed reason elsewhere (test/systemDependency.ts).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseCsv } from "../../lib/core/csv";
import { gradeAll } from "../../lib/grading/runner";
import { describeWith } from "../systemDependency";

const ROOT = path.resolve(__dirname, "..", "..");
const ASSIGNMENT = "00_getting_started";
const cluster = require(path.join(ROOT, "scripts", "grading", "slurm", "local-cluster.js")) as {
  start: (dir: string, o?: { port?: number }) => { conf: string; env: Record<string, string> };
  stop: (dir: string) => string[];
  missingDebs: () => string[];
};

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const maybe = (name: string, fn: () => void): void => describeWith(isRoot, "root (to run slurmd)", name, fn);

/** A mixed class: the broken set (correct, partly correct, unfinished, invalid, a dying kernel) and four attacks. */
function mixedClass(): string[] {
  const bad = path.join(ROOT, "grading", "bad");
  const adv = path.join(ROOT, "grading", "adversarial");
  return [
    ...fs.readdirSync(bad).filter((f) => f.endsWith(".ipynb")).map((f) => path.join(bad, f)),
    ...["a01-overwrite-check", "a03-patch-math", "a07-process-exit", "a10-spawn-processes"].map((s) => path.join(adv, `${s}.ipynb`)),
  ].sort();
}

const OPTS = ["--cell-timeout", "10", "--timeout", "120", "--memory", "768"];

/** `node scripts/grade.js ... --scheduler slurm` as a user runs it; resolves with exit code and output. */
function gradeOnSlurm(files: string[], out: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "scripts", "grade.js"), ...files, "--assignment", ASSIGNMENT, "--out", out, "--scheduler", "slurm", "--shards", "3", "--wait-limit", "600", ...OPTS], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** One CSV line's fields. */
const csvFields = (line: string): string[] => parseCsv(line)[0] ?? [];

const rows = (csv: string): string[] => fs.readFileSync(csv, "utf8").trim().split("\n");

maybe("grading on a single-node Slurm cluster (job array)", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-slurm-"));
  const clusterDir = path.join(tmp, "cluster");
  const files = mixedClass();
  let env: Record<string, string> = {};
  let localBook: string[] = [];

  beforeAll(async () => {
    const t0 = Date.now();
    await gradeAll({
      repoRoot: ROOT,
      assignment: ASSIGNMENT,
      submissions: files,
      outDir: path.join(tmp, "local"),
      workers: 2,
      cellTimeout: 10,
      totalTimeout: 120,
      memoryMb: 768,
    });
    localBook = rows(path.join(tmp, "local", "gradebook.csv"));
    console.log(`local grading of ${files.length} submissions: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    env = cluster.start(clusterDir, { port: 9650 }).env;
  }, 600_000);

  afterAll(() => {
    const stopped = cluster.stop(clusterDir);
    console.log(`stopped ${stopped.join(", ")}`);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test("the Slurm job array's gradebook equals local grading's, row for row", async () => {
    const t0 = Date.now();
    const out = path.join(tmp, "slurm");
    const r = await gradeOnSlurm(files, out, env);
    console.log(`Slurm grading of ${files.length} submissions (3 array tasks + merge job): ${((Date.now() - t0) / 1000).toFixed(1)} s\n${r.output}`);
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/in 3 shard\(s\): Slurm array job \d+, merge job \d+/);
    // Every task ran under Slurm and graded its share; the merge job wrote the gradebook.
    const runDir = path.join(out, "slurm", fs.readdirSync(path.join(out, "slurm"))[0]);
    for (const k of [0, 1, 2]) expect(fs.readFileSync(path.join(runDir, "logs", `task-${k}.out`), "utf8")).toMatch(new RegExp(`^task ${k} of job \\d+ on `, "m"));
    expect(fs.readFileSync(path.join(runDir, "logs", "merge.out"), "utf8")).toMatch(new RegExp(`merged ${files.length} result\\(s\\)`));
    const book = rows(path.join(out, "gradebook.csv"));
    expect(book.length).toBe(files.length + 1);
    expect(book).toEqual(localBook);
    // A mixed gradebook, not a column of zeros: full marks, partial credit and zero are all there.
    const header = csvFields(book[0]);
    const total = header.indexOf("raw_total");
    expect(total).toBeGreaterThan(0);
    const totals = new Set(book.slice(1).map((l) => Number(csvFields(l)[total])));
    expect(totals.size).toBeGreaterThanOrEqual(3);
    expect(totals.has(0)).toBe(true);
  }, 600_000);

  test("resumable: a re-run submits only the submissions without a result", async () => {
    const out = path.join(tmp, "slurm");
    const lost = ["b03-renamed-function", "c01-correct"];
    for (const s of lost) fs.rmSync(path.join(out, "results", `${s}.json`));
    const r = await gradeOnSlurm(files, out, env);
    expect(r.code).toBe(0);
    expect(r.output).toMatch(new RegExp(`grade: 2 submission\\(s\\) of ${ASSIGNMENT} in 2 shard\\(s\\).*\\(${files.length - 2} graded before\\)`));
    expect(rows(path.join(out, "gradebook.csv"))).toEqual(localBook);
  }, 600_000);
});
