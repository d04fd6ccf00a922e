/**
 * The grader against submissions that attack it or are broken
 * (grading/adversarial, grading/bad; regenerate with scripts/grading/make-adversarial.js).
 * Each must get exactly its expected score, nothing outside its kernel may change,
 * and no process may outlive its kernel.
 */
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gradeAll } from "../../lib/grading/runner";
import type { SubmissionResult } from "../../lib/grading/report";
import { safeFileStem } from "../../lib/grading/classroom";
import { parseCsv } from "../../lib/core/csv";

const ROOT = path.resolve(__dirname, "..", "..");
const ASSIGNMENT = "00_getting_started";
const HIDDEN = path.join(ROOT, "notebooks", "hidden", `${ASSIGNMENT}.js`);

interface Expected {
  assignment: string;
  submissions: Record<string, { why?: string; scores: Record<string, number>; problem?: string; reason?: string }>;
}

const CANARY = "/var/tmp/rnnlab-grader-canary"; // see a14 in scripts/grading/make-adversarial.js


const sha = (f: string): string => createHash("sha256").update(fs.readFileSync(f)).digest("hex");
/** Live (non-zombie) processes of the grading uids 61000-61009. */
const leftoverProcesses = (): string =>
  execFileSync("ps", ["-eo", "uid=,stat=,pid=,comm="], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([uid, stat]) => Number(uid) >= 61000 && Number(uid) < 61010 && stat !== undefined && !stat.startsWith("Z"))
    .map((f) => f.join(" "))
    .join("\n");

describe("grader: adversarial and broken submissions", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-grader-"));
  const sets = ["adversarial", "bad"].map((s) => path.join(ROOT, "grading", s));
  const expected: Expected["submissions"] = {};
  for (const dir of sets) Object.assign(expected, (JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected).submissions);
  const files = sets.flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(dir, f)));
  // A bystander's gradebook row written before the run: no submission may change it.
  let results: SubmissionResult[] = [];
  const hiddenBefore = sha(HIDDEN);
  const lines: string[] = [];

  // a14 links to this root-owned file and then makes the grader restart its kernel.
  const canaryText = `canary ${Date.now()}\n`;
  const hostLeftovers = (): string[] =>
    ["/tmp", "/var/tmp", "/dev/shm"].flatMap((d) =>
      fs.existsSync(d) ? fs.readdirSync(d).filter((n) => /^fill-\d+$|^rnnlab-grade-link$/.test(n)).map((n) => path.join(d, n)) : [],
    );
  const cgroupsLeft = (): string[] =>
    ["/sys/fs/cgroup/memory", "/sys/fs/cgroup/pids", "/sys/fs/cgroup/cpu", "/sys/fs/cgroup/unified", "/sys/fs/cgroup"].flatMap((d) =>
      fs.existsSync(d) ? fs.readdirSync(d).filter((n) => /^rnnlab-grade-6\d{4}$/.test(n)).map((n) => path.join(d, n)) : [],
    );
  const keepDirs = (): string[] => (fs.existsSync("/run") ? fs.readdirSync("/run").filter((n) => n.startsWith("rnnlab-keep.")) : []);
  let keepBefore: string[] = [];

  beforeAll(async () => {
    fs.writeFileSync(CANARY, canaryText, { mode: 0o644 });
    keepBefore = keepDirs();
    const t0 = Date.now();
    results = await gradeAll({
      repoRoot: ROOT,
      assignment: ASSIGNMENT,
      submissions: files,
      outDir: out,
      workers: 2,
      force: true,
      cellTimeout: 10,
      totalTimeout: 120,
      memoryMb: 768,
      log: (l) => lines.push(l),
    });
    console.log(`graded ${files.length} submissions in ${((Date.now() - t0) / 1000).toFixed(1)} s\n${lines.join("\n")}`);
  }, 900_000);

  afterAll(() => fs.rmSync(CANARY, { force: true }));

  test("every submission gets exactly its expected score per question", () => {
    expect(results.length).toBe(files.length);
    for (const r of results) {
      const exp = expected[r.student];
      expect(exp).toBeDefined();
      const got = Object.fromEntries(r.questions.map((q) => [q.id, q.earned]));
      expect({ student: r.student, scores: got }).toEqual({ student: r.student, scores: exp.scores });
      if (exp.problem) expect(r.problems.join("; ")).toMatch(new RegExp(exp.problem));
      if (exp.reason) expect(r.questions.map((q) => q.reason ?? "").join("; ")).toMatch(new RegExp(exp.reason));
    }
  });

  test("results are decided outside the kernel: hidden tests unchanged, outputs intact, nothing leaks", () => {
    expect(sha(HIDDEN)).toBe(hiddenBefore);
    for (const f of fs.readdirSync(path.join(out, "results"))) {
      const text = fs.readFileSync(path.join(out, "results", f), "utf8");
      expect(() => JSON.parse(text)).not.toThrow();
    }
    const book = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8").trim().split("\n");
    expect(book[0]).toBe("id,name,file,00.sigmoid,00.tailFraction,00.whySeed,raw_total,late,hours_late,penalty_percent,total,max,percentage,problems");
    expect(book.length).toBe(files.length + 1);
    expect(fs.readFileSync(path.join(out, "gradebook.csv"), "utf8")).not.toMatch(/hacked/);
    // No half-written files anywhere in the output.
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [e.name]));
    expect(walk(out).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    // Nothing a submission started may outlive its grading (allow a moment for the kernel to be reaped).
    let left = leftoverProcesses();
    for (let i = 0; i < 20 && left !== ""; i++) {
      execFileSync("sleep", ["0.25"]);
      left = leftoverProcesses();
    }
    expect(left).toBe("");
    expect(fs.existsSync(path.join(ROOT, ".grade-work")) ? fs.readdirSync(path.join(ROOT, ".grade-work")) : []).toEqual([]);
  });

  test("the host is unchanged: the canary file, shared temporary folders, cgroups, mounts", () => {
    // a14 planted links to the canary where the grader used to write as root.
    expect(fs.lstatSync(CANARY).isFile()).toBe(true);
    expect(fs.readFileSync(CANARY, "utf8")).toBe(canaryText);
    expect(fs.readFileSync("/etc/passwd", "utf8")).not.toMatch(/shell_port/);
    // a15 filled its own folders: none of it is on the host.
    expect(hostLeftovers()).toEqual([]);
    if (process.getuid?.() === 0) {
      expect(cgroupsLeft()).toEqual([]);
      expect(keepDirs()).toEqual(keepBefore);
    }
  });

  test("attacks on the sandbox were really run (not skipped by a failing cell)", () => {
    const a13 = results.find((r) => r.student === "a13-network-neighbours");
    // tailFraction is right only if no other kernel's port was visible from a13's kernel.
    expect(a13?.questions.find((q) => q.id === "00.tailFraction")?.earned).toBe(1);
    // a19 tried six ways to read the reference solutions; its last cell reports which worked: none.
    const a19 = results.find((r) => r.student === "a19-require-references");
    expect(a19?.sandbox).toBe("isolated");
    expect(a19?.cellFailures.map((c) => c.error)).toEqual([expect.stringMatching(/^Error: a19 report: stolen by \[\]; blocked: require\(absolute path\): Cannot find module/)]);
    // Its check() cell passed: the kernel's sealed checks accept the right answer and reject a wrong one.
    expect(a19?.cellFailures.some((c) => c.index === 2)).toBe(false);
    const a18 = results.find((r) => r.student === "a18-csv-and-html-injection");
    expect(a18?.total).toBe(1);
    // The gradebook keeps its shape: one row per submission, the same number of fields in each.
    const book = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
    const rows = parseCsv(book);
    expect(rows.length).toBe(files.length + 1);
    for (const r of rows) expect(r.length).toBe(rows[0].length);
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
    for (const r of results) {
      const html = fs.readFileSync(path.join(out, "feedback", `${r.student}.html`), "utf8");
      expect(html).not.toContain("<script>alert(1)</script>");
    }
  });

  test("every submission has a feedback page naming each failed test", () => {
    for (const r of results) {
      const html = fs.readFileSync(path.join(out, "feedback", `${safeFileStem(r.student)}.html`), "utf8");
      expect(html).toContain(`Score: ${r.total} / ${r.maxTotal + 2}`); // + the manually graded 00.whySeed (no points yet)
      const esc = (t: string): string => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
      for (const q of r.questions) for (const c of q.cases) if (c.earned < c.points) expect(html).toContain(esc(c.label));
    }
  });

  test("re-running resumes: unchanged submissions are kept, the gradebook is rebuilt", async () => {
    const log: string[] = [];
    const again = await gradeAll({ repoRoot: ROOT, assignment: ASSIGNMENT, submissions: files, outDir: out, log: (l) => log.push(l) });
    expect(log.filter((l) => /unchanged since it was graded/.test(l)).length).toBe(files.length);
    expect(again.map((r) => r.total).sort()).toEqual(results.map((r) => r.total).sort());
  }, 60_000);
});
