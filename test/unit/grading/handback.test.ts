/**
 * What an instructor hands back: roster, config, late penalties, manual points, gradebook,
 * Canvas and Moodle CSVs, feedback pages; CSV and HTML safety.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  csvCell,
  lateVerdict,
  matchRoster,
  readGradingConfig,
  readManualPoints,
  readRoster,
  safeFileStem,
} from "../../../lib/grading/classroom";
import { parseCsv } from "../../../lib/core/csv";
import { QuestionInfo, canvasCsv, feedbackPage, gradebookCsvRows, hideExpectedValue, moodleCsv, questionInfo, studentGrades, writeHandback } from "../../../lib/grading/handback";
import { SubmissionResult } from "../../../lib/grading/report";
import { readSubmission } from "../../../lib/grading/submission";
import { parseGradeArgs } from "../../../lib/grading/cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-handback-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

describe("CSV", () => {
  test("cells: quotes, commas, line breaks; formulas neutralised; numbers as they are", () => {
    expect(csvCell('Lee, "Ann"')).toBe('"Lee, ""Ann"""');
    expect(csvCell("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
    for (const s of ["+1", "-cmd", "@SUM(A1)", "\tx"]) expect(csvCell(s).replace(/^"/, "")[0]).toBe("'");
    expect(csvCell(-0.5)).toBe("-0.5");
    expect(csvCell("a\nb")).toBe('"a\nb"');
  });
  test("the parser reads what the writer writes, and quoted line breaks", () => {
    const rows = parseCsv('id,name\r\n1,"Lee, ""Ann""\nsecond line"\n2,Bo\n');
    expect(rows).toEqual([["id", "name"], ["1", 'Lee, "Ann"\nsecond line'], ["2", "Bo"]]);
    expect(() => parseCsv('a,"b')).toThrow(/not closed/);
  });
});

describe("roster", () => {
  const roster = readRoster(
    write("roster.csv", 'id,name,file,email\ns001,"Lee, Ann",lee ann (late).ipynb;ann-resubmit,ann@example.org\ns002,Bo Chen,,bo@example.org\ns003,=cmd|calc,"../../etc/passwd",\n'),
  );
  test("file names, metadata ids and ids match; unknown files match nobody", () => {
    expect(matchRoster(roster, "/subs/lee ann (late).ipynb")?.id).toBe("s001");
    expect(matchRoster(roster, "/subs/ann-resubmit.ipynb")?.id).toBe("s001");
    expect(matchRoster(roster, "/subs/whatever.ipynb", "s002")?.name).toBe("Bo Chen");
    expect(matchRoster(roster, "/subs/s002.ipynb")?.id).toBe("s002");
    expect(matchRoster(roster, "/subs/passwd.ipynb")?.id).toBe("s003"); // a path in the roster is data: its base name
    expect(matchRoster(roster, "/subs/nobody.ipynb")).toBeNull();
  });
  test("duplicate or missing ids are errors that name the row", () => {
    expect(() => readRoster(write("dup.csv", "id,name\na,A\na,B\n"))).toThrow(/"a" appears twice/);
    expect(() => readRoster(write("noid.csv", "id,name\n,A\n"))).toThrow(/row 2 has no id/);
    expect(() => readRoster(write("nohead.csv", "student,name\na,A\n"))).toThrow(/"id" column/);
  });
  test("file stems from ids: path separators and shell characters are data", () => {
    expect(safeFileStem("s001")).toBe("s001");
    const evil = safeFileStem("../../x; rm -rf $(pwd)");
    expect(evil).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(evil).not.toMatch(/^\./);
    expect(safeFileStem("a/b")).not.toBe(safeFileStem("a_b"));
  });
});

describe("config and late penalties", () => {
  test("a config is checked key by key", () => {
    const ok = readGradingConfig(write("c.json", JSON.stringify({ deadline: "2026-12-01T23:59:00Z", late: { perDay: 0.1, max: 0.3, graceHours: 1 }, roster: "roster.csv" })));
    expect(ok.roster).toBe(path.join(dir, "roster.csv"));
    expect(() => readGradingConfig(write("c2.json", JSON.stringify({ deadlin: "x" })))).toThrow(/unknown key "deadlin"/);
    expect(() => readGradingConfig(write("c3.json", JSON.stringify({ deadline: "tomorrow" })))).toThrow(/ISO date/);
    expect(() => readGradingConfig(write("c4.json", JSON.stringify({ late: { perDay: 2 } })))).toThrow(/late.perDay must be a number from 0 to 1/);
  });
  test("per started day late, capped, with grace hours and extensions", () => {
    const c = { deadline: "2026-12-01T12:00:00Z", late: { perDay: 0.1, max: 0.25, graceHours: 1 }, extensions: { s9: "2026-12-05T12:00:00Z" } };
    expect(lateVerdict(c, "a", new Date("2026-12-01T12:30:00Z"))).toEqual({ late: false, hoursLate: 0, penalty: 0 });
    expect(lateVerdict(c, "a", new Date("2026-12-01T14:00:00Z"))).toEqual({ late: true, hoursLate: 1, penalty: 0.1 });
    expect(lateVerdict(c, "a", new Date("2026-12-02T14:00:00Z")).penalty).toBe(0.2);
    expect(lateVerdict(c, "a", new Date("2026-12-09T14:00:00Z")).penalty).toBe(0.25);
    expect(lateVerdict(c, "s9", new Date("2026-12-04T14:00:00Z")).late).toBe(false);
    expect(lateVerdict({}, "a", new Date()).late).toBe(false);
  });
});

describe("manual points", () => {
  test("read, validated against the question's maximum", () => {
    const max = new Map([["00.explain", 2]]);
    const m = readManualPoints(write("p.csv", "id,question,points,comment\ns001,00.explain,1.5,good start\ns002,00.explain,,\n"), max);
    expect(m.get("s001")?.get("00.explain")).toEqual({ points: 1.5, comment: "good start" });
    expect(m.has("s002")).toBe(false); // empty: not graded yet
    expect(() => readManualPoints(write("p2.csv", "id,question,points\ns001,00.explain,3\n"), max)).toThrow(/row 2: points must be a number from 0 to 2/);
    expect(() => readManualPoints(write("p3.csv", "id,question,points\ns001,00.other,1\n"), max)).toThrow(/not a manually graded question/);
  });
});

function result(id: string, name: string, earned: [number, number], extra: Partial<SubmissionResult> = {}): SubmissionResult {
  return {
    student: id,
    name,
    file: `/subs/${id}.ipynb`,
    assignment: "00_getting_started",
    total: earned[0] + earned[1],
    maxTotal: 5,
    questions: [
      { id: "00.sigmoid", symbol: "sigmoid", points: 2, earned: earned[0], cases: [{ label: "sigmoid(0)", points: 2, earned: earned[0], message: earned[0] ? "passed" : "result is 0.3, expected 0.5" }], ...(earned[0] ? {} : { reason: "1 of 1 tests failed" }) },
      { id: "00.tailFraction", symbol: "tailFraction", points: 1, earned: earned[1], cases: [{ label: "tailFraction", points: 1, earned: earned[1], message: earned[1] ? "passed" : "result is 1, expected 0.0455" }] },
    ],
    problems: [],
    cellFailures: [],
    seconds: 1,
    gradedAt: "2026-12-02T10:00:00Z",
    sandbox: "limits-only",
    code: { "00.sigmoid": 'function sigmoid(x) { return "<b>" }\ncheck("00.sigmoid", sigmoid);' },
    answers: { "00.explain": "Because <script>alert(1)</script> the seed fixes it." },
    ...extra,
  };
}

const info: QuestionInfo[] = [
  { id: "00.sigmoid", title: "The logistic sigmoid", hint: "use Math.exp", points: 2, manual: false },
  { id: "00.tailFraction", title: "Reproducible sampling", points: 1, manual: false },
  { id: "00.explain", title: "Why seed?", points: 2, manual: true },
];

describe("gradebook, LMS files, feedback pages", () => {
  const results = [
    result("s002", "Bo Chen", [2, 1]),
    result("s001", "=Lee, Ann", [0, 1], { late: { late: true, hoursLate: 30, penalty: 0.2 }, submittedAt: "2026-12-02T18:00:00Z", email: "ann@example.org" }),
  ];
  const manual = new Map([["s001", new Map([["00.explain", { points: 2, comment: "clear" }]])]]);
  const grades = studentGrades(results, info, manual);

  test("gradebook: id, name, per-question points (manual merged), totals, late flag, percentage", () => {
    const rows = parseCsv(gradebookCsvRows(grades, info));
    expect(rows[0]).toEqual(["id", "name", "file", "00.sigmoid", "00.tailFraction", "00.explain", "raw_total", "late", "hours_late", "penalty_percent", "total", "max", "percentage", "problems"]);
    expect(rows[1]).toEqual(["s001", "'=Lee, Ann", "s001.ipynb", "0", "1", "2", "3", "yes", "30", "20", "2.4", "5", "48", ""]);
    expect(rows[2]).toEqual(["s002", "Bo Chen", "s002.ipynb", "2", "1", "", "3", "no", "0", "0", "3", "5", "60", ""]);
  });

  test("Canvas and Moodle imports", () => {
    const canvas = parseCsv(canvasCsv(grades, "Notebook 00"));
    expect(canvas[0]).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Notebook 00"]);
    expect(canvas[1]).toEqual(["Points Possible", "", "", "", "", "5"]);
    expect(canvas[2]).toEqual(["'=Lee, Ann", "", "s001", "ann@example.org", "", "2.4"]);
    const moodle = parseCsv(moodleCsv(grades, "Notebook 00"));
    expect(moodle[0]).toEqual(["ID number", "Email address", "Full name", "Notebook 00", "Feedback"]);
    expect(moodle[1].slice(0, 4)).toEqual(["s001", "ann@example.org", "'=Lee, Ann", "2.4"]);
    expect(moodle[1][4]).toMatch(/late by 30 h: −20%/);
  });

  test("feedback page: titles in notebook order, hints, own code, answers, late note, escaped", () => {
    const html = feedbackPage(grades[0], info, "00_getting_started", false);
    const order = ["The logistic sigmoid", "Reproducible sampling", "Why seed?"].map((t) => html.indexOf(t));
    expect(order.every((p, k) => p > 0 && (k === 0 || p > order[k - 1]))).toBe(true);
    expect(html).toContain("Hint: use Math.exp");
    expect(html).toContain("&lt;b&gt;"); // the student's code, escaped
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("20% taken off");
    expect(html).toContain("expected 0.5");
    expect(html).toContain("<b>Comment:</b> clear");
    const hidden = feedbackPage(grades[0], info, "00_getting_started", true);
    expect(hidden).not.toContain("expected 0.5");
    expect(hidden).toContain("result is 0.3, not the expected value");
    expect(hideExpectedValue("result[2] is NaN, expected 4")).toBe("result[2] is NaN");
  });

  test("writeHandback: a points template, review pages, every file", () => {
    const out = path.join(dir, "out");
    writeHandback({ outDir: out, assignment: "00_getting_started", results, info, config: {} });
    const template = parseCsv(fs.readFileSync(path.join(out, "manual", "points.csv"), "utf8"));
    expect(template).toEqual([["id", "question", "points", "comment"], ["s002", "00.explain", "", ""], ["s001", "00.explain", "", ""]]);
    for (const f of ["gradebook.csv", "canvas.csv", "moodle.csv", "feedback/s001.html", "feedback/s002.html", "manual/00.explain.html"]) expect(fs.existsSync(path.join(out, f))).toBe(true);
    // The instructor fills in points; the next run merges them.
    fs.writeFileSync(path.join(out, "manual", "points.csv"), "id,question,points,comment\ns002,00.explain,1,too short\n");
    const g = writeHandback({ outDir: out, assignment: "00_getting_started", results, info, config: {} });
    expect(g.find((x) => x.result.student === "s002")!.total).toBe(4);
    expect(fs.readFileSync(path.join(out, "manual", "00.explain.html"), "utf8")).toContain("&lt;script&gt;");
  });
});

describe("submissions and the notebook order", () => {
  test("answer cells, the code of each check, the metadata id", () => {
    const nb = {
      metadata: { rnnlab: { student_id: "s007" } },
      cells: [
        { cell_type: "code", source: 'function sigmoid(x: number) { return x; }\ncheck("00.sigmoid", sigmoid);' },
        { cell_type: "markdown", metadata: { rnnlab: { answer: "00.explain" } }, source: ["Because ", "it is fixed."] },
      ],
    };
    const f = write("s.ipynb", JSON.stringify(nb));
    expect(readSubmission(f, "00_getting_started")).toMatchObject({
      metadataId: "s007",
      answers: { "00.explain": "Because it is fixed." },
      code: { "00.sigmoid": expect.stringContaining("function sigmoid") },
    });
  });
  test("questionInfo orders questions as the notebook asks them, with titles and hints", () => {
    const root = path.resolve(__dirname, "..", "..", "..");
    const qs = ["00.tailFraction", "00.sigmoid"].map((id) => ({ id, symbol: "", kind: "function" as const, cases: [], points: 1 }));
    const got = questionInfo(root, "00_getting_started", qs);
    expect(got.map((q) => q.id)).toEqual(["00.sigmoid", "00.tailFraction"]);
    expect(got[0].title).toBe("The logistic sigmoid");
    expect(got[0].hint).toMatch(/Math.exp/);
  });
  test("the command line takes a roster, a config and --hide-expected", () => {
    expect(parseGradeArgs(["subs", "--assignment", "00_getting_started", "--roster", "r.csv", "--config", "c.json", "--hide-expected"])).toMatchObject({
      roster: "r.csv",
      config: "c.json",
      hideExpected: true,
    });
    expect(() => parseGradeArgs(["subs", "--assignment", "00_getting_started", "--roster"])).toThrow(/--roster needs a file/);
  });
});
