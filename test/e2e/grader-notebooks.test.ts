/**
 * Every notebook with exercises: its hidden tests exist, the solution version
 * scores full marks and the unmodified student version scores zero, graded by
 * the real grader (fresh sandboxed kernel per submission).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gradeAll } from "../../lib/grading/runner";
import { checkedNotebooks } from "../../lib/grading/submission";

const { studentNotebook, sourceText } = require("../../scripts/student.js") as {
  studentNotebook: (nb: unknown, o?: { name?: string }) => { notebook: unknown };
  sourceText: (s: string | string[]) => string;
};

const ROOT = path.resolve(__dirname, "..", "..");
const NOTEBOOKS = path.join(ROOT, "notebooks");

/**
 * RNNLAB_GRADE_NOTEBOOKS: a comma-separated list of notebook names (e.g. 19_proteins_and_genes) or
 * numbers (02,04) to grade only those, for developing one notebook or after changing their exercises.
 */
const only = process.env.RNNLAB_GRADE_NOTEBOOKS ? new Set(process.env.RNNLAB_GRADE_NOTEBOOKS.split(",").map((s) => s.trim().replace(/\.ipynb$/, ""))) : null;
const selected = (name: string): boolean => only === null || only.has(name) || only.has(name.slice(0, 2));

const withExercises = fs
  .readdirSync(NOTEBOOKS)
  .filter((f) => /^\d\d_.*\.ipynb$/.test(f))
  .filter((f) => selected(f.replace(/\.ipynb$/, "")))
  .sort()
  .filter((f) => {
    const nb = JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, f), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => sourceText(c.source));
    return checkedNotebooks(code).size > 0;
  })
  .map((f) => f.replace(/\.ipynb$/, ""));

describe("grading every notebook with exercises", () => {
  test("there is at least one notebook with exercises", () => {
    expect(withExercises.length).toBeGreaterThan(0);
  });

  test.each(withExercises)("%s has hidden tests", (name) => {
    expect(fs.existsSync(path.join(NOTEBOOKS, "hidden", `${name}.js`))).toBe(true);
  });

  test("solution versions score full marks, student versions score zero", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-grade-nb-"));
    const gradable = withExercises.filter((n) => fs.existsSync(path.join(NOTEBOOKS, "hidden", `${n}.js`)));
    const failures: string[] = [];
    for (const name of gradable) {
      const subs = path.join(dir, name, "subs");
      fs.mkdirSync(subs, { recursive: true });
      const src = fs.readFileSync(path.join(NOTEBOOKS, `${name}.ipynb`), "utf8");
      fs.writeFileSync(path.join(subs, "solution.ipynb"), src);
      const student = studentNotebook(JSON.parse(src), { name }).notebook;
      fs.writeFileSync(path.join(subs, "student.ipynb"), JSON.stringify(student));
      const t0 = Date.now();
      const results = await gradeAll({
        repoRoot: ROOT,
        assignment: name,
        submissions: [path.join(subs, "solution.ipynb"), path.join(subs, "student.ipynb")],
        outDir: path.join(dir, name, "out"),
        workers: 2,
        force: true,
        cellTimeout: 120,
        totalTimeout: 400,
      });
      const sol = results.find((r) => r.student === "solution")!;
      const stu = results.find((r) => r.student === "student")!;
      console.log(`${name}: solution ${sol.total}/${sol.maxTotal}, student ${stu.total}/${stu.maxTotal} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      const detail = (r: typeof sol) =>
        r.questions.filter((q) => q.earned !== (r === sol ? q.points : 0)).map((q) => `${q.id} ${q.earned}/${q.points}: ${q.reason ?? ""} ${q.cases.map((c) => c.message).join(" | ")}`).join("; ") +
        (r.problems.length ? ` problems: ${r.problems.join("; ")}` : "") +
        (r.cellFailures.length ? ` failed cells: ${r.cellFailures.map((c) => `${c.index}:${c.status}:${c.error}`).join("; ")}` : "");
      if (sol.total !== sol.maxTotal) failures.push(`${name} solution ${sol.total}/${sol.maxTotal}: ${detail(sol)}`);
      if (stu.total !== 0) failures.push(`${name} student ${stu.total}/${stu.maxTotal}: ${detail(stu)}`);
      if (stu.cellFailures.some((c) => c.status === "dead")) failures.push(`${name} student version killed the kernel`);
    }
    expect(failures).toEqual([]);
  }, 3_600_000);
});
