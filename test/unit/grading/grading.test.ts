import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compareValues, judgeOutcome } from "../../../lib/grading/compare";
import { evaluateArgs, loadHiddenTests } from "../../../lib/grading/hiddenTests";
import { harnessCell } from "../../../lib/grading/harness";
import { tslabAdapter } from "../../../lib/notebookKernel/tslab";
import { writeFileAtomic } from "../../../lib/grading/report";
import { checkedNotebooks, readSubmission, studentIdOf } from "../../../lib/grading/submission";
import { parseGradeArgs } from "../../../lib/grading/cli";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-grading-unit-"));

describe("compare", () => {
  test("numbers within tolerance pass, others name the difference", () => {
    expect(compareValues(1 + 1e-9, 1).pass).toBe(true);
    expect(compareValues(1.1, 1)).toEqual({ pass: false, message: "result is 1.1, expected 1" });
    expect(compareValues([1, 2], [1, 3]).message).toBe("result[1] is 2, expected 3");
    expect(compareValues([1], [1, 2]).message).toMatch(/length 1, expected 2/);
    expect(compareValues({ a: [1] }, { a: [2] }).message).toBe("result.a[0] is 1, expected 2");
    expect(compareValues("x", 1).message).toMatch(/should be a number/);
  });
  test("kernel encodings: NaN, undefined, errors and placeholders", () => {
    expect(judgeOutcome({ ok: true, value: { $num: "NaN" } }, 0.5).message).toMatch(/NaN/);
    expect(judgeOutcome({ ok: true, value: { $num: "Infinity" } }, Infinity).pass).toBe(true);
    expect(judgeOutcome({ ok: false, error: "TODO: write your solution here" }, 1).message).toMatch(/not written yet/);
    expect(judgeOutcome({ ok: false, error: "boom" }, 1).message).toBe("raised: boom");
    expect(judgeOutcome(null, 1).pass).toBe(false);
    expect(judgeOutcome({ ok: true, value: [1, 2] }, new Float64Array([1, 2])).pass).toBe(true);
  });
});

describe("hidden tests", () => {
  test("args are evaluated with library names in scope; expected values computed here", () => {
    expect(evaluateArgs("[seedValue * 2, 1]", { seedValue: 21 })).toEqual([42, 1]);
    expect(() => evaluateArgs("3", {})).toThrow(/must give an array/);
    const dir = tmp();
    const f = path.join(dir, "99_x.js");
    fs.writeFileSync(
      f,
      `module.exports = (lib) => ({ "99.f": { symbol: "f", kind: "function", reference: (x) => x * lib.k, cases: [{ args: "[2]", points: 1 }, { args: "[k]", points: 2, label: "k" }] },
        "99.v": { symbol: "v", kind: "value", reference: 7, cases: [{ points: 1 }] } });`,
    );
    const qs = loadHiddenTests(f, { k: 3 });
    expect(qs.map((q) => [q.id, q.points])).toEqual([["99.f", 3], ["99.v", 1]]);
    expect(qs[0].cases.map((c) => c.expected)).toEqual([6, 9]);
    expect(qs[0].cases[0].label).toBe("f(2)");
    expect(() => loadHiddenTests(path.join(dir, "missing.js"), {})).toThrow(/no hidden tests/);
  });
  test("the harness cell calls the symbol on every case and tags results with the nonce", () => {
    const code = harnessCell(
      { id: "99.f", symbol: "f", kind: "function", points: 1, cases: [{ args: "[Rng]", points: 1, label: "l", expected: 1 }] },
      "abc123",
      ["Rng", "seed"],
      tslabAdapter(),
    );
    expect(code).toContain('const { Rng } = require("rnnlab") as typeof import("rnnlab");');
    expect(code.trimStart().startsWith("{")).toBe(true); // a self-contained block: no top-level import
    expect(code).toContain("const __f: unknown = f;");
    expect(code).toContain('nonce: "abc123"');
    expect(code).not.toContain("seed }");
    expect(code).toContain('question: "99.f"');
  });
});

describe("submissions", () => {
  test("student ids, assignment detection, invalid files", () => {
    expect(studentIdOf("/x/Ann Lee.ipynb")).toBe("Ann_Lee");
    expect([...checkedNotebooks(['check("03.a", x)', "check('05.b', y)"])].sort()).toEqual(["03", "05"]);
    const dir = tmp();
    const bad = path.join(dir, "bad.ipynb");
    fs.writeFileSync(bad, "{");
    expect(readSubmission(bad, "00_getting_started")).toMatchObject({ problem: expect.stringMatching(/not valid notebook JSON/) });
    const other = path.join(dir, "other.ipynb");
    fs.writeFileSync(other, JSON.stringify({ cells: [{ cell_type: "code", source: ['check("03.x", 1)'] }] }));
    expect(readSubmission(other, "00_getting_started")).toMatchObject({ problem: expect.stringMatching(/another assignment/) });
    const ok = path.join(dir, "ok.ipynb");
    fs.writeFileSync(ok, JSON.stringify({ cells: [{ cell_type: "markdown", source: "# hi" }, { cell_type: "code", source: ["a\n", "b"] }] }));
    expect(readSubmission(ok, "00_getting_started")).toEqual({ student: "ok", file: ok, cells: ["a\nb"], answers: {}, code: {} });
  });
});

describe("reports", () => {
  test("atomic writes leave no temporary file", () => {
    const dir = tmp();
    writeFileAtomic(path.join(dir, "sub", "f.json"), "{}");
    expect(fs.readdirSync(path.join(dir, "sub"))).toEqual(["f.json"]);
  });
});

describe("command line", () => {
  test("arguments are checked with clear messages", () => {
    expect(parseGradeArgs(["--help"])).toBe("help");
    expect(parseGradeArgs(["subs", "--assignment", "notebooks/00_getting_started.ipynb", "--workers", "2"])).toMatchObject({
      files: ["subs"], assignment: "00_getting_started", workers: 2, force: false,
    });
    expect(() => parseGradeArgs(["subs"])).toThrow(/--assignment must name a notebook/);
    expect(() => parseGradeArgs(["--assignment", "00_x"])).toThrow(/give a submissions folder/);
    expect(() => parseGradeArgs(["s", "--assignment", "00_x", "--workers", "zero"])).toThrow(/--workers needs a positive number, got "zero"/);
    expect(() => parseGradeArgs(["s", "--assignment", "00_x", "--bogus"])).toThrow(/unknown option --bogus/);
  });
});

describe("sandbox script", () => {
  test("is valid bash (its inner script is single-quoted: no apostrophes inside)", () => {
    const { spawnSync } = require("child_process") as typeof import("child_process");
    const script = path.join(__dirname, "..", "..", "..", "scripts", "grading", "sandbox-kernel.sh");
    const r = spawnSync("bash", ["-n", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
