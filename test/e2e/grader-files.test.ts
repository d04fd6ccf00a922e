/**
 * The grader against submission files that are not plain notebooks: a symbolic link to a
 * secret, a named pipe, a device, an oversized file, a notebook with thousands of cells,
 * and file names with shell and spreadsheet characters. Each is refused (or graded as the
 * notebook it is) before anything can hang, leak or run; an honest submission in the same
 * batch gets exactly its marks.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gradeAll } from "../../lib/grading/runner";
import type { SubmissionResult } from "../../lib/grading/report";
import { MAX_CELLS, MAX_NOTEBOOK_BYTES } from "../../lib/grading/submission";

const ROOT = path.resolve(__dirname, "..", "..");
const ASSIGNMENT = "00_getting_started";
const CORRECT = path.join(ROOT, "grading", "bad", "c01-correct.ipynb");

describe("grader: submission files that are not plain notebooks", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-subs-"));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-grader-files-"));
  const cwdBefore = fs.readdirSync(process.cwd());
  const weird = "s06-$(touch pwned);`touch pwned2` & x.ipynb";
  const formula = "=cmd|' calc'!A0.ipynb";
  let results: SubmissionResult[] = [];

  beforeAll(async () => {
    fs.copyFileSync(CORRECT, path.join(dir, "c01-correct.ipynb"));
    fs.symlinkSync(fs.existsSync("/etc/shadow") ? "/etc/shadow" : "/etc/passwd", path.join(dir, "s01-symlink-to-secret.ipynb"));
    fs.symlinkSync(CORRECT, path.join(dir, "s02-symlink-to-another-file.ipynb"));
    execFileSync("mkfifo", [path.join(dir, "s03-named-pipe.ipynb")]);
    fs.symlinkSync("/dev/zero", path.join(dir, "s04-device.ipynb"));
    const nb = JSON.parse(fs.readFileSync(CORRECT, "utf8")) as { cells: unknown[] };
    fs.writeFileSync(path.join(dir, "s05-huge.ipynb"), JSON.stringify({ ...nb, metadata: { pad: "x".repeat(MAX_NOTEBOOK_BYTES) } }));
    const many = { ...nb, cells: Array.from({ length: MAX_CELLS + 1 }, () => ({ cell_type: "code", metadata: {}, outputs: [], source: "" })) };
    fs.writeFileSync(path.join(dir, "s07-many-cells.ipynb"), JSON.stringify(many));
    fs.copyFileSync(CORRECT, path.join(dir, weird));
    fs.copyFileSync(CORRECT, path.join(dir, formula));
    const files = fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
    results = await gradeAll({
      repoRoot: ROOT,
      assignment: ASSIGNMENT,
      submissions: files,
      outDir: out,
      workers: 2,
      force: true,
      cellTimeout: 10,
      totalTimeout: 60,
      memoryMb: 768,
    });
  }, 300_000);

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });

  const byPrefix = (p: string): SubmissionResult => {
    const r = results.find((x) => x.student.startsWith(p));
    if (!r) throw new Error(`no result for ${p}: ${results.map((x) => x.student).join(", ")}`);
    return r;
  };

  test("links, pipes, devices and oversized files are refused with a reason, without hanging", () => {
    expect(byPrefix("s01").problems.join(" ")).toMatch(/symbolic link/);
    expect(byPrefix("s02").problems.join(" ")).toMatch(/symbolic link/);
    expect(byPrefix("s03").problems.join(" ")).toMatch(/not a regular file/);
    expect(byPrefix("s04").problems.join(" ")).toMatch(/symbolic link/);
    expect(byPrefix("s05").problems.join(" ")).toMatch(/more than the \d+ a submission may have/);
    expect(byPrefix("s07").problems.join(" ")).toMatch(/cells, more than/);
    for (const p of ["s01", "s02", "s03", "s04", "s05", "s07"]) expect(byPrefix(p).total).toBe(0);
  });

  test("file names are data: shell and formula characters neither run nor inject", () => {
    expect(byPrefix("c01").total).toBe(3);
    expect(byPrefix("s06").total).toBe(3);
    expect(byPrefix("_cmd").total).toBe(3);
    for (const d of [dir, out, ROOT, process.cwd(), os.tmpdir()]) {
      expect(fs.existsSync(path.join(d, "pwned"))).toBe(false);
      expect(fs.existsSync(path.join(d, "pwned2"))).toBe(false);
    }
    // Nothing new where the grader runs (its own work folder aside).
    const grown = fs.readdirSync(process.cwd()).filter((n) => !cwdBefore.includes(n) && n !== ".grade-work");
    expect(grown).toEqual([]);
    for (const f of fs.readdirSync(path.join(out, "results"))) expect(f).toMatch(/^[A-Za-z0-9._-]+\.json$/);
    for (const line of fs.readFileSync(path.join(out, "gradebook.csv"), "utf8").trim().split("\n").slice(1)) expect(line).not.toMatch(/^[=+\-@]/);
  });
});
