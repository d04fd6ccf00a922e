/**
 * Grading a small mixed class of notebook 00 end to end, as an instructor would hand it back:
 * a roster (file names and notebook metadata → id and name; a name that looks like a formula,
 * a file name with spaces, commas and parentheses), a late submission under the config's
 * penalty, a manually graded free-text question (review page, points file merged on the next
 * run), a resubmission (its content hash changed: graded again, and the log says so), an
 * unchanged one (kept), the gradebook, the Canvas and Moodle files, feedback pages in notebook
 * order with titles, hints and the student's own code, and --hide-expected.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gradeAll } from "../../lib/grading/runner";
import { readGradingConfig } from "../../lib/grading/classroom";
import { parseCsv } from "../../lib/core/csv";
import type { SubmissionResult } from "../../lib/grading/report";
import { ROOT } from "../../scripts/paths";
import { studentNotebook } from "../../scripts/student";

const ASSIGNMENT = "00_getting_started";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-class-"));
const subs = path.join(work, "submissions");
const out = path.join(work, "out");
fs.mkdirSync(subs);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

type Nb = { cells: { cell_type: string; source: string | string[]; metadata?: Record<string, unknown> }[]; metadata: Record<string, unknown> };
const solution = JSON.parse(fs.readFileSync(path.join(ROOT, "notebooks", `${ASSIGNMENT}.ipynb`), "utf8")) as Nb;
const text = (c: Nb["cells"][number]): string => (Array.isArray(c.source) ? c.source.join("") : c.source);

/** The solution notebook with edits: replace text in code cells, set the free-text answer, set metadata. */
function submission(file: string, opts: { replace?: [string, string]; answer?: string; studentId?: string; student?: boolean }): string {
  const nb = JSON.parse(JSON.stringify(opts.student ? studentNotebook(solution as never).notebook : solution)) as Nb;
  for (const c of nb.cells) {
    if (opts.replace && c.cell_type === "code") c.source = text(c).replace(opts.replace[0], opts.replace[1]);
    if (c.metadata && (c.metadata.rnnlab as { answer?: string } | undefined)?.answer === "00.whySeed" && opts.answer !== undefined) c.source = opts.answer;
  }
  if (opts.studentId) nb.metadata = { ...nb.metadata, rnnlab: { student_id: opts.studentId } };
  const f = path.join(subs, file);
  fs.writeFileSync(f, JSON.stringify(nb));
  return f;
}

const files = [
  submission("Lee, Ann (late).ipynb", { answer: "Because the <b>seed</b> fixes the sequence." }),
  submission("bo.ipynb", { student: true, answer: "No idea." }),
  submission("anything.ipynb", { studentId: "s003", answer: "=cmd|' /C calc'!A0 and the law of large numbers." }),
  submission("dee.ipynb", { replace: ["return 1 / (1 + Math.exp(-x));", "return 1 / (1 + Math.exp(x));"], answer: "Same seed, same numbers." }),
];
fs.writeFileSync(path.join(work, "roster.csv"), 'id,name,file,email\ns001,"Lee, Ann",Lee\\, Ann (late),ann@example.org\ns002,Bo Chen,bo.ipynb,\ns003,"=HYPERLINK(""x"")",,\ns004,Dee Diaz,dee,\n'.replace("Lee\\, Ann (late)", '"Lee, Ann (late)"'));
fs.writeFileSync(path.join(work, "timestamps.csv"), "file,submitted_at\nLee, Ann (late).ipynb,2026-12-03T10:00:00Z\nbo.ipynb,2026-12-01T20:00:00Z\nanything.ipynb,2026-12-01T21:00:00Z\ndee.ipynb,2026-12-01T22:00:00Z\n".replace("Lee, Ann (late).ipynb", '"Lee, Ann (late).ipynb"'));
fs.writeFileSync(
  path.join(work, "grading.json"),
  JSON.stringify({ deadline: "2026-12-01T23:59:00Z", late: { perDay: 0.1, max: 0.5 }, roster: "roster.csv", timestamps: "timestamps.csv", lmsAssignment: "Notebook 00" }),
);

const run = async (log: string[], extra: { hideExpected?: boolean } = {}): Promise<SubmissionResult[]> =>
  gradeAll({
    repoRoot: ROOT,
    assignment: ASSIGNMENT,
    submissions: fs.readdirSync(subs).sort().map((f) => path.join(subs, f)),
    outDir: out,
    workers: 2,
    cellTimeout: 20,
    totalTimeout: 120,
    config: readGradingConfig(path.join(work, "grading.json")),
    log: (l) => log.push(l),
    ...extra,
  });

const csv = (name: string): string[][] => parseCsv(fs.readFileSync(path.join(out, name), "utf8"));
let first: SubmissionResult[] = [];
const firstLog: string[] = [];

beforeAll(async () => {
  const t0 = Date.now();
  first = await run(firstLog);
  console.log(`graded ${files.length} submissions in ${((Date.now() - t0) / 1000).toFixed(1)} s (load ${os.loadavg()[0].toFixed(1)})\n${firstLog.join("\n")}`);
}, 900_000);

test("roster ids and names, autograded points, the late penalty", () => {
  const book = csv("gradebook.csv");
  expect(book[0]).toEqual(["id", "name", "file", "00.sigmoid", "00.tailFraction", "00.whySeed", "raw_total", "late", "hours_late", "penalty_percent", "total", "max", "percentage", "problems"]);
  const row = (id: string): string[] => book.find((r) => r[0] === id)!;
  expect(row("s001").slice(0, 8)).toEqual(["s001", "Lee, Ann", "Lee, Ann (late).ipynb", "2", "1", "", "3", "yes"]);
  expect(row("s001").slice(9, 13)).toEqual(["20", "2.4", "5", "48"]); // 34 h late: 2 started days, 10 % each
  expect(row("s002").slice(3, 8)).toEqual(["0", "0", "", "0", "no"]); // the unfinished student version
  expect(row("s003")[1]).toBe("'=HYPERLINK(\"x\")"); // a formula-like name is neutralised
  expect(row("s003").slice(3, 5)).toEqual(["2", "1"]); // matched by the notebook's metadata
  expect(row("s004").slice(3, 5)).toEqual(["0.5", "1"]); // wrong sign in sigmoid: only σ(0) is right
  expect(first.map((r) => r.student).sort()).toEqual(["s001", "s002", "s003", "s004"]);
});

test("manual question: one review page, a points template, merged on the next run", async () => {
  const review = fs.readFileSync(path.join(out, "manual", "00.whySeed.html"), "utf8");
  expect(review).toContain("Because the &lt;b&gt;seed&lt;/b&gt; fixes the sequence.");
  expect(review).toContain("No idea.");
  const template = csv("manual/points.csv");
  expect(template[0]).toEqual(["id", "question", "points", "comment"]);
  expect(template.slice(1).map((r) => r[0]).sort()).toEqual(["s001", "s002", "s003", "s004"]);
  expect(firstLog.join("\n")).toMatch(/still need points/);
  fs.writeFileSync(path.join(out, "manual", "points.csv"), "id,question,points,comment\ns001,00.whySeed,2,clear\ns002,00.whySeed,0,\ns003,00.whySeed,1.5,+1 for the law of large numbers\ns004,00.whySeed,1,\n");

  // The resubmission: s004 fixes the sign.
  submission("dee.ipynb", { answer: "Same seed, same numbers." });
  const log: string[] = [];
  const again = await run(log, { hideExpected: true });
  console.log(log.join("\n"));
  expect(log.filter((l) => /unchanged since it was graded/.test(l)).length).toBe(3);
  expect(log.join("\n")).toMatch(/s004: the submission changed since it was graded \(content [0-9a-f]{8} -> [0-9a-f]{8}\): grading again/);
  expect(again.find((r) => r.student === "s004")!.total).toBe(3);

  const book = csv("gradebook.csv");
  const row = (id: string): string[] => book.find((r) => r[0] === id)!;
  expect(row("s001").slice(3, 7)).toEqual(["2", "1", "2", "5"]);
  expect(row("s001").slice(10, 13)).toEqual(["4", "5", "80"]); // 5 × (1 − 0.2)
  expect(row("s004").slice(3, 13)).toEqual(["2", "1", "1", "4", "no", "0", "0", "4", "5", "80"]);

  // LMS files.
  const canvas = csv("canvas.csv");
  expect(canvas[0]).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Notebook 00"]);
  expect(canvas.find((r) => r[2] === "s001")).toEqual(["Lee, Ann", "", "s001", "ann@example.org", "", "4"]);
  const moodle = csv("moodle.csv");
  expect(moodle[0]).toEqual(["ID number", "Email address", "Full name", "Notebook 00", "Feedback"]);
  expect(moodle.find((r) => r[0] === "s003")!.slice(0, 4)).toEqual(["s003", "", "'=HYPERLINK(\"x\")", "4.5"]);

  // Feedback: titles in notebook order, hints and code of failed questions, the comment, no expected values.
  const bo = fs.readFileSync(path.join(out, "feedback", "s002.html"), "utf8");
  const titles = ["The logistic sigmoid", "Reproducible sampling", "Why a seeded estimate is reproducible"].map((t) => bo.indexOf(t));
  expect(titles.every((p, k) => p > 0 && (k === 0 || p > titles[k - 1]))).toBe(true);
  expect(bo).toMatch(/Hint: σ\(x\) = 1 \/ \(1 \+ e\^\(−x\)\)/);
  expect(bo).toContain("TODO: write your solution here"); // the student's own code
  expect(bo).not.toMatch(/expected 0\.|, expected/);
  const ann = fs.readFileSync(path.join(out, "feedback", "s001.html"), "utf8");
  expect(ann).toContain("20% taken off");
  expect(ann).toContain("<b>Comment:</b> clear");
}, 900_000);
