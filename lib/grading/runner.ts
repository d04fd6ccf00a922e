/**
 * Grades a class: each submission in a fresh sandboxed kernel, in parallel
 * workers, resumable, with results written atomically.
 */
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from "child_process";
import { createHash, randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { judgeOutcome } from "./compare";
import { harnessCell } from "./harness";
import { ResolvedQuestion, hiddenTestPath, loadHiddenTests } from "./hiddenTests";
import { QuestionResult, SubmissionResult, writeFileAtomic } from "./report";
import { MAX_NOTEBOOK_BYTES, ParsedSubmission, readRegularFile, readSubmission, studentIdOf } from "./submission";
import {
  GradingConfig,
  Roster,
  contentHash,
  lateVerdict,
  matchRoster,
  readRoster,
  readTimestamps,
  safeFileStem,
  submissionTime,
} from "./classroom";
import { questionInfo, writeHandback } from "./handback";
import { tslabAdapter } from "../notebookKernel/tslab";
import { ensureKernelSnapshot } from "../notebookKernel/tslab/kernelSnapshotBlobs";
import { clearQuestionsDir, ensureSealedQuestions } from "./sealedQuestions";

export interface GradeOptions {
  /** The project's root (holds node_modules, dist, notebooks/hidden). */
  repoRoot: string;
  /** Assignment name, e.g. "00_getting_started". */
  assignment: string;
  /** Submission notebook files. */
  submissions: string[];
  /** Output folder: gradebook.csv, results/, feedback/. */
  outDir: string;
  /** Parallel kernels (default: cores + 1, see `defaultGradingWorkers`). */
  workers?: number;
  /** Re-grade submissions that already have a result. */
  force?: boolean;
  /** Seconds per cell (default 30). */
  cellTimeout?: number;
  /** Seconds per submission (default 180). */
  totalTimeout?: number;
  /** Memory limit per kernel in MiB (default 1024). */
  memoryMb?: number;
  /**
   * Start kernels from the start-up snapshot that `npm install` builds (default true; about
   * 2 s of CPU less per kernel; see lib/notebookKernel/tslab/kernelSnapshot.ts). Without a usable
   * snapshot kernels start the usual way.
   */
  kernelSnapshot?: boolean;
  /** Debian's Python with jupyter_client (default /usr/bin/python3). */
  python?: string;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Deadline, late penalty, roster, timestamps, manual points, LMS name (see `readGradingConfig`). */
  config?: GradingConfig;
  /** A roster CSV (id, name, file, email, section); overrides the config's. */
  roster?: string;
  /** Feedback pages without expected values (overrides the config's `hideExpected`). */
  hideExpected?: boolean;
}

/** Who a submission belongs to, decided before grading (the roster, the notebook's metadata, the file name). */
interface Identity {
  id: string;
  name: string;
  email?: string;
  section?: string;
  /** Set when a roster was given and the file matched no row. */
  unknown?: string;
}

function metadataStudentId(file: string): string | undefined {
  try {
    // Only a regular file of bounded size is read (a pipe would block, a link could point anywhere).
    const read = readRegularFile(file, MAX_NOTEBOOK_BYTES);
    if ("problem" in read) return undefined;
    const nb = JSON.parse(read.text) as { metadata?: { rnnlab?: { student_id?: unknown } } };
    const id = nb?.metadata?.rnnlab?.student_id;
    return typeof id === "string" && id ? id : undefined;
  } catch {
    return undefined;
  }
}

function identify(file: string, roster: Roster | null): Identity {
  const fallback = studentIdOf(file);
  if (!roster) return { id: metadataStudentId(file) ?? fallback, name: "" };
  const e = matchRoster(roster, file, metadataStudentId(file));
  if (!e) return { id: fallback, name: "", unknown: `the file ${path.basename(file)} matches nobody on the roster (graded as "${fallback}")` };
  return { id: e.id, name: e.name, ...(e.email ? { email: e.email } : {}), ...(e.section ? { section: e.section } : {}) };
}

interface WorkerCell {
  index: number;
  status: string;
  error: string;
}
interface WorkerResult {
  cells: WorkerCell[];
  harness: Record<string, { status: string; payload?: unknown; error?: string }>;
  restarts: number;
  kernel_deaths: number;
  seconds: number;
  timing?: { kernel_start?: number; notebook?: number; tests?: number };
  worker_error?: string;
}

const isRoot = (): boolean => typeof process.getuid === "function" && process.getuid() === 0;

/** Every ancestor of `dir` must be searchable by others for an unprivileged kernel to reach it. */
function reachableByOthers(dir: string): boolean {
  let d = path.resolve(dir);
  for (;;) {
    try {
      if ((fs.statSync(d).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    const up = path.dirname(d);
    if (up === d) return true;
    d = up;
  }
}

/**
 * Kills every process of a grading uid and waits until none is left, so nothing
 * of one submission survives into the next one graded under the same uid (the
 * PID namespace already ends them with the kernel; this is the safety net).
 */
function killAllOf(uid: number): void {
  for (let attempt = 0; attempt < 50; attempt++) {
    spawnSync("pkill", ["-KILL", "-u", String(uid)], { stdio: "ignore" });
    if (liveProcessesOf(uid) === 0) return;
    spawnSync("sleep", ["0.1"]);
  }
}

/** The per-submission cgroups that grade_worker.py makes for a grading uid (see there). */
const CGROUP_ROOTS = ["/sys/fs/cgroup/memory", "/sys/fs/cgroup/pids", "/sys/fs/cgroup/cpu", "/sys/fs/cgroup/unified", "/sys/fs/cgroup"];

/** Removes a grading uid's cgroups left by a worker that was killed mid-submission. */
function removeCgroupsOf(uid: number): void {
  for (const r of CGROUP_ROOTS) {
    const d = path.join(r, `rnnlab-grade-${uid}`);
    try {
      fs.rmdirSync(d);
    } catch {
      /* absent, or still busy: the next run removes it */
    }
  }
}

/** Processes of a uid that are still alive (zombies, already dead, are not counted). */
function liveProcessesOf(uid: number): number {
  const ps = spawnSync("ps", ["-o", "stat=", "-u", String(uid)], { encoding: "utf8" });
  return (ps.stdout ?? "").split("\n").filter((l) => l.trim() && !l.trim().startsWith("Z")).length;
}

const UID_LOCKS = "/run/rnnlab-grade";
const FIRST_UID = 61000;

/**
 * Reserves an unprivileged uid for one worker, so that two grading runs on one
 * machine never share a uid (killing by uid must only hit one's own kernels).
 * A lock file holds the owner's pid; a lock whose owner is gone is taken over.
 */
function reserveUid(): { uid: number; release: () => void } {
  fs.mkdirSync(UID_LOCKS, { recursive: true, mode: 0o700 });
  for (let uid = FIRST_UID; uid < FIRST_UID + 1000; uid++) {
    const lock = path.join(UID_LOCKS, `${uid}.lock`);
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      return { uid, release: () => fs.rmSync(lock, { force: true }) };
    } catch {
      const owner = Number(fs.readFileSync(lock, "utf8"));
      let alive = false;
      try {
        process.kill(owner, 0);
        alive = true;
      } catch {
        alive = false;
      }
      if (!alive) fs.rmSync(lock, { force: true });
    }
  }
  throw new Error("grade: no free grading uid in 61000-61999 (stale locks in /run/rnnlab-grade?)");
}

function firstLine(s: string): string {
  const line = s.split("\n").find((l) => l.trim()) ?? s;
  return line.length > 300 ? line.slice(0, 297) + "..." : line;
}

/** Why a question's test cell produced nothing, in words a student understands. */
function explainHarnessFailure(symbol: string, status: string, error: string): string {
  if (/Cannot find name|is not defined/.test(error)) return `${symbol} is not defined: was it renamed, deleted, or is its cell failing?`;
  if (status === "timeout") return `testing ${symbol} took longer than the time limit`;
  if (status === "dead") return `the kernel died while testing ${symbol}`;
  if (status === "not-run") return error;
  return `testing ${symbol} failed: ${firstLine(error)}`;
}

function scoreQuestions(questions: ResolvedQuestion[], worker: WorkerResult | null, problem: string | null): QuestionResult[] {
  return questions.map((q) => {
    const zero = (reason: string): QuestionResult => ({
      id: q.id,
      symbol: q.symbol,
      points: q.points,
      earned: 0,
      reason,
      cases: q.cases.map((c) => ({ label: c.label, points: c.points, earned: 0, message: reason })),
    });
    if (problem) return zero(problem);
    if (!worker) return zero("the submission could not be run");
    const h = worker.harness[q.id];
    if (!h) return zero(worker.worker_error ? `grading failed: ${worker.worker_error}` : "the test was not run");
    if (h.status !== "ok" || !Array.isArray(h.payload)) return zero(explainHarnessFailure(q.symbol, h.status, h.error ?? ""));
    const payload = h.payload as unknown[];
    if (payload.length !== q.cases.length) return zero("the test results were incomplete or tampered with");
    const cases = q.cases.map((c, k) => {
      if (c.referenceError !== undefined) return { label: c.label, points: c.points, earned: 0, message: `grader error: ${c.referenceError}` };
      const v = judgeOutcome(payload[k], c.expected, c.rtol ?? 1e-6, c.atol ?? 1e-8);
      return { label: c.label, points: c.points, earned: v.pass ? c.points : 0, message: v.pass ? "passed" : v.message };
    });
    const earned = cases.reduce((s, c) => s + c.earned, 0);
    const result: QuestionResult = { id: q.id, symbol: q.symbol, points: q.points, earned, cases };
    if (earned < q.points) result.reason = `${cases.filter((c) => c.earned < c.points).length} of ${cases.length} tests failed`;
    return result;
  });
}

/** A failed worker's result: every question then gets 0 with this reason. */
function workerFailure(reason: string): WorkerResult {
  return { cells: [], harness: {}, restarts: 0, kernel_deaths: 0, seconds: 0, worker_error: reason };
}

const RESULT_PREFIX = "RNNLAB-GRADE-RESULT ";

/**
 * One long-lived grading worker (`grade_worker.py --serve`): it takes jobs one at a time
 * and starts a fresh kernel for each, so Python and jupyter_client start once per slot,
 * not once per submission. A job that overruns its time is ended by killing the worker;
 * the next job starts a new one.
 */
class GradeWorker {
  private child: ChildProcessWithoutNullStreams | null = null;
  private out = "";
  private err = "";
  private pending: ((r: WorkerResult) => void) | null = null;

  constructor(private readonly python: string) {}

  run(job: object, killAfterMs: number): Promise<WorkerResult> {
    const child = this.child ?? this.spawn();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      this.pending = (r) => {
        clearTimeout(timer);
        this.pending = null;
        resolve(r);
      };
      child.stdin.write(JSON.stringify(job) + "\n");
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = null;
  }

  private spawn(): ChildProcessWithoutNullStreams {
    const script = path.join(__dirname, "..", "..", "scripts", "grading", "grade_worker.py");
    const child = spawn(this.python, [script, "--serve"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child = child;
    this.out = "";
    this.err = "";
    child.stdout.on("data", (d: Buffer) => {
      this.out += d.toString();
      let nl: number;
      while ((nl = this.out.indexOf("\n")) >= 0) {
        const line = this.out.slice(0, nl);
        this.out = this.out.slice(nl + 1);
        if (!line.startsWith(RESULT_PREFIX)) continue; // anything else printed is not ours
        let result: WorkerResult;
        try {
          result = JSON.parse(line.slice(RESULT_PREFIX.length)) as WorkerResult;
        } catch {
          result = workerFailure("the grading worker wrote an unreadable result");
        }
        this.err = "";
        this.pending?.(result);
      }
    });
    child.stderr.on("data", (d: Buffer) => (this.err = (this.err + d.toString()).slice(-4000)));
    child.stdin.on("error", () => undefined); // a killed worker: reported by "close" below
    child.on("close", (code) => {
      if (this.child === child) this.child = null;
      this.pending?.(workerFailure(`the grading worker failed (exit ${code}): ${firstLine(this.err.slice(-2000)) || "no output"}`));
    });
    return child;
  }
}

/** Directories an untrusted kernel must not see: sources with solutions, outputs, other submissions. */
function secretDirs(opts: GradeOptions): string[] {
  const root = path.resolve(opts.repoRoot);
  const keep = [path.join(root, "node_modules"), path.join(root, "dist"), path.join(root, ".grade-work"), path.join(root, "datasets")];
  const fromRepo = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(root, e.name));
  const extra = [path.resolve(opts.outDir), ...opts.submissions.map((s) => path.dirname(path.resolve(s)))];
  const all = [...new Set([...fromRepo, ...extra])];
  // Never hide what the kernel needs, nor anything that contains it.
  return all.filter((d) => !keep.some((k) => k === d || k.startsWith(d + path.sep)));
}

/**
 * Kernels graded at once by default: one more than the cores. A worker spends part of each
 * submission waiting, not computing (kernel start-up hand-offs, the pause tslab needs after an
 * error, the time limit of a hung cell), and the extra worker keeps every core busy meanwhile
 * (measured: 40 submissions of notebook 00 took 128 s with 2 workers, 113 s with 3, on 2 cores).
 */
function defaultGradingWorkers(): number {
  return os.cpus().length + 1;
}

/**
 * The V8 flags of a grading kernel: a heap limit of three quarters of its memory limit (the
 * rest is for typed arrays, outside the heap) and a larger young generation (TypeScript
 * allocates many short-lived objects at kernel start; fewer scavenges save about 0.3 s of CPU
 * per kernel). `RNNLAB_NODE_FLAGS` replaces the second part.
 */
export function gradingKernelNodeFlags(memoryMb = 1024): string[] {
  const extra = (process.env.RNNLAB_NODE_FLAGS ?? "--max-semi-space-size=32").split(/\s+/).filter(Boolean);
  return [`--max-old-space-size=${Math.floor((memoryMb * 3) / 4)}`, ...extra];
}

/** Grades every submission; returns all results (including earlier ones when resuming). */
export async function gradeAll(opts: GradeOptions): Promise<SubmissionResult[]> {
  const log = opts.log ?? (() => undefined);
  const root = path.resolve(opts.repoRoot);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built library in dist/ (computed path)
  const lib = require(path.join(root, "dist", "index.js")) as Record<string, unknown>;
  const testsFile = hiddenTestPath(root, opts.assignment);
  const allQuestions = loadHiddenTests(testsFile, lib);
  const questions = allQuestions.filter((q) => q.kind !== "manual");
  // The hidden tests import their references from the compiled question file (one source per
  // exercise): a changed reference is a change of the tests too, and grades again.
  const questionFile = path.join(root, "dist", "questions", `${opts.assignment}.js`);
  const testsHash = fs.existsSync(questionFile)
    ? createHash("sha256").update(`${contentHash(testsFile)}\u0000${contentHash(questionFile)}`).digest("hex")
    : contentHash(testsFile);
  const config: GradingConfig = { ...(opts.config ?? {}) };
  if (opts.hideExpected !== undefined) config.hideExpected = opts.hideExpected;
  const rosterFile = opts.roster ?? config.roster;
  const roster = rosterFile ? readRoster(rosterFile) : null;
  const timestamps = config.timestamps ? readTimestamps(config.timestamps) : null;
  const identities = new Map(opts.submissions.map((f) => [f, identify(f, roster)]));
  const libNames = Object.keys(lib);
  // The autograded part (the gradebook adds the manually graded questions).
  const maxTotal = questions.reduce((s, q) => s + q.points, 0);
  const workers = Math.max(1, opts.workers ?? defaultGradingWorkers());
  const resultsDir = path.join(opts.outDir, "results");
  const feedbackDir = path.join(opts.outDir, "feedback");
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.mkdirSync(feedbackDir, { recursive: true });
  const workRoot = path.join(root, ".grade-work");
  fs.mkdirSync(workRoot, { recursive: true, mode: 0o711 });
  fs.chmodSync(workRoot, 0o711);
  const isolated = isRoot() && reachableByOthers(workRoot) && process.env.RNNLAB_GRADE_NO_SANDBOX !== "1";
  if (!isolated) {
    log(
      isRoot()
        ? "grade: WARNING: the project folder is not reachable by an unprivileged user; kernels run with resource limits only"
        : "grade: WARNING: not running as root; kernels run with resource limits only (no user separation, hidden tests readable)",
    );
    log(
      "grade: WARNING: without the sandbox a submission can read the reference solutions (dist/questions, course/, notebooks/hidden) " +
        "and copy them into its answers; every result says so in its problems. Grade as root for grades you can trust (docs/grading.md).",
    );
  }
  // The kernels see the questions sealed (as in the released course): `check()` works, the references are not there.
  const sealedQuestions = isolated ? ensureSealedQuestions(root, (l) => log(`grade: ${l}`)) : null;
  const hide = secretDirs(opts).join(":");
  // The notebook kernel's entry point (tslab without the dev tools' type packages).
  const tslab = path.join(root, "dist", "notebookKernel", "tslab", "tslabKernel.js");
  const memoryMb = opts.memoryMb ?? 1024;
  const nodeFlags = gradingKernelNodeFlags(memoryMb);
  // A start-up snapshot built for exactly these flags (built here once if npm install did not).
  const snapshot = opts.kernelSnapshot === false ? "" : (ensureKernelSnapshot(nodeFlags, root, (l) => log(`grade: ${l}`))[1] ?? "");
  const sandbox = path.join(root, "scripts", "grading", "sandbox-kernel.sh");
  const cellTimeout = opts.cellTimeout ?? 30;
  const totalTimeout = opts.totalTimeout ?? 180;

  const gradeOne = async (file: string, slot: number): Promise<SubmissionResult> => {
    const started = Date.now();
    const who = identities.get(file)!;
    const parsed = readSubmission(file, opts.assignment);
    const submittedAt = submissionTime(file, timestamps);
    const base = {
      file: path.resolve(file),
      assignment: opts.assignment,
      maxTotal,
      gradedAt: new Date().toISOString(),
      sandbox: (isolated ? "isolated" : "limits-only") as SubmissionResult["sandbox"],
      student: who.id,
      name: who.name,
      ...(who.email ? { email: who.email } : {}),
      ...(who.section ? { section: who.section } : {}),
      contentHash: contentHash(file),
      testsHash,
      submittedAt: submittedAt.toISOString(),
      late: lateVerdict(config, who.id, submittedAt),
    };
    const rosterProblem = [
      ...(who.unknown ? [who.unknown] : []),
      ...(isolated ? [] : ["graded without the sandbox: the submission could read the reference solutions (see the grader's log)"]),
    ];
    if ("problem" in parsed) {
      const qs = scoreQuestions(questions, null, parsed.problem);
      return { ...base, total: 0, questions: qs, problems: [...rosterProblem, parsed.problem], cellFailures: [], seconds: 0, answers: {}, code: {} };
    }
    const sub = parsed as ParsedSubmission;
    const uid = uids[slot];
    // Root-owned and empty: in the sandbox the kernel works in a tmpfs mounted over it, so
    // nothing the submission writes (or links) is ever here for the grader to act on.
    const workdir = fs.mkdtempSync(path.join(workRoot, "work-"));
    try {
      fs.chmodSync(workdir, 0o700);
      const nonce = randomBytes(16).toString("hex");
      const job = {
        cells: sub.cells,
        harness: questions.map((q) => ({ question: q.id, code: harnessCell(q, nonce, libNames, tslabAdapter(root)) })),
        workdir,
        kernel_argv: [sandbox],
        env: {
          RNNLAB_TSLAB: tslab,
          RNNLAB_NODE: process.execPath,
          RNNLAB_SNAPSHOT: snapshot,
          RNNLAB_NODE_FLAGS: nodeFlags.join(" "),
          RNNLAB_WORKDIR: workdir,
          RNNLAB_ROOT: root,
          RNNLAB_HIDE: hide,
          RNNLAB_MEM_MB: String(memoryMb),
          RNNLAB_NPROC: "256",
          RNNLAB_DISK_MB: "256",
          ...(isolated ? { RNNLAB_UID: String(uid) } : {}),
          ...(sealedQuestions ? { RNNLAB_SEALED: sealedQuestions, RNNLAB_SEALED_OVER: clearQuestionsDir(root) } : {}),
        },
        cell_timeout: cellTimeout,
        total_timeout: totalTimeout,
        nonce,
      };
      const worker = await gradeWorkers[slot].run(job, (totalTimeout + 90) * 1000);
      const qs = scoreQuestions(questions, worker, null);
      const problems: string[] = [...rosterProblem];
      if (worker.worker_error) problems.push(worker.worker_error);
      if (worker.kernel_deaths > 0) problems.push(`the kernel died ${worker.kernel_deaths} time(s) while running the notebook`);
      const cellFailures = worker.cells
        .filter((c) => c.status !== "ok")
        .map((c) => ({ index: c.index, status: c.status, error: firstLine(c.error || "") }));
      return {
        ...base,
        answers: sub.answers,
        code: sub.code,
        total: qs.reduce((s, q) => s + q.earned, 0),
        questions: qs,
        problems,
        cellFailures,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        ...(worker.timing
          ? { timing: { kernelStart: worker.timing.kernel_start ?? 0, notebook: worker.timing.notebook ?? 0, tests: worker.timing.tests ?? 0 } }
          : {}),
      };
    } finally {
      if (isolated) killAllOf(uid);
      fs.rmSync(workdir, { recursive: true, force: true });
    }
  };

  // Two files with the same student id would overwrite each other's results.
  const byId = new Map<string, string[]>();
  for (const f of opts.submissions) {
    const id = identities.get(f)!.id;
    byId.set(id, [...(byId.get(id) ?? []), f]);
  }
  const clashes = [...byId.entries()].filter(([, fs]) => fs.length > 1);
  if (clashes.length) {
    throw new Error(
      `each student must have one submission (the roster, the notebook's student id or the file name decides whose it is): ` +
        clashes.map(([id, fs]) => `"${id}" is ${fs.join(" and ")}`).join("; "),
    );
  }

  // A simple pool: each slot takes the next submission until none are left.
  const queue = [...opts.submissions];
  const fresh: SubmissionResult[] = [];
  let done = 0;
  // One uid per worker, reserved for the whole run.
  const reserved = isolated ? Array.from({ length: workers }, () => reserveUid()) : [];
  const uids = reserved.length ? reserved.map((r) => r.uid) : Array.from({ length: workers }, (_, k) => FIRST_UID + k);
  const gradeWorkers = Array.from({ length: workers }, () => new GradeWorker(opts.python ?? "/usr/bin/python3"));
  const runSlot = async (slot: number): Promise<void> => {
    for (;;) {
      const file = queue.shift();
      if (file === undefined) return;
      const id = identities.get(file)!.id;
      const resultFile = path.join(resultsDir, `${safeFileStem(id)}.json`);
      let why = "";
      if (fs.existsSync(resultFile)) {
        let prev: Partial<SubmissionResult> = {};
        try {
          prev = JSON.parse(fs.readFileSync(resultFile, "utf8")) as SubmissionResult;
        } catch {
          prev = {};
        }
        const hash = contentHash(file);
        if (opts.force) why = "--force: grading again";
        else if (prev.contentHash !== hash) {
          why = prev.contentHash
            ? `the submission changed since it was graded (content ${prev.contentHash.slice(0, 8)} -> ${hash.slice(0, 8)}): grading again`
            : "no content hash in the earlier result: grading again";
        } else if (prev.testsHash !== testsHash) why = "the hidden tests changed since it was graded: grading again";
        else {
          done++;
          log(`[${done}/${opts.submissions.length}] ${id}: unchanged since it was graded (${prev.gradedAt ?? "earlier"}); kept`);
          continue;
        }
        log(`${id}: ${why}`);
      }
      const r = await gradeOne(file, slot);
      writeFileAtomic(resultFile, JSON.stringify(r, null, 1) + "\n");
      fresh.push(r);
      done++;
      log(`[${done}/${opts.submissions.length}] ${r.student}: ${r.total}/${r.maxTotal} (${r.seconds} s)${why ? " (regraded)" : ""}${r.problems.length ? " — " + r.problems[0] : ""}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, (_, k) => runSlot(k)));
  } finally {
    for (const w of gradeWorkers) w.close();
    for (const r of reserved) {
      killAllOf(r.uid);
      removeCgroupsOf(r.uid);
      r.release();
    }
  }

  // The gradebook covers every result in the folder (this run's and earlier ones).
  const all: SubmissionResult[] = fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith(".json") && !f.startsWith("."))
    .map((f) => JSON.parse(fs.readFileSync(path.join(resultsDir, f), "utf8")) as SubmissionResult)
    .filter((r) => r.assignment === opts.assignment);
  writeHandback({ outDir: opts.outDir, assignment: opts.assignment, results: all, info: questionInfo(root, opts.assignment, allQuestions), config, log });
  return all;
}
