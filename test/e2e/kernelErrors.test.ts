/**
 * Errors a student can read (lib/notebookKernel/studentErrors.ts), through the real "rnnlab"
 * kernel (tslab, from the start-up snapshot) and Jupyter's own client (scripts/kernel_cells.py).
 * One kernel runs all the cells (about 10 s).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

interface Output {
  msg_type: string;
  name?: string;
  text?: string;
  ename?: string;
  evalue?: string;
  traceback?: string[];
  diagnostics?: string[];
}
interface CellResult {
  status: string;
  reply: { ename?: string; evalue?: string; traceback?: string[] };
  outputs: Output[];
}

function runCells(cells: string[]): { ready_seconds: number; cells: CellResult[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-kernel-errors-"));
  try {
    const file = path.join(dir, "cells.json");
    fs.writeFileSync(file, JSON.stringify(cells));
    const out = execFileSync("/usr/bin/python3", [path.join(ROOT, "scripts", "kernel_cells.py"), file], { encoding: "utf8", timeout: 170000 });
    return JSON.parse(out.trim().split("\n").pop() ?? "");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The cell's single error output (and no stderr). */
function errorOf(cell: CellResult): Output {
  expect(cell.status).toBe("error");
  expect(cell.outputs.filter((o) => o.msg_type === "stream" && o.name === "stderr")).toEqual([]);
  const errors = cell.outputs.filter((o) => o.msg_type === "error");
  expect(errors).toHaveLength(1);
  // the execute reply carries the same fields (Jupyter's message spec)
  expect(cell.reply.ename).toBe(errors[0].ename);
  expect(cell.reply.traceback).toEqual(errors[0].traceback);
  return errors[0];
}

const NOT_OURS = /tslab|node:internal|node_modules|evalmachine|notebookKernel|exports\.|tsLastExpr|__tslab__/;

describe("the rnnlab kernel reports errors a student can read", () => {
  let cells: CellResult[] = [];

  beforeAll(() => {
    const run = runCells([
      /* 0 */ 'import { check, fromNested } from "rnnlab";\nconst a = 1;',
      /* 1 */ 'const x = 2;\nconst y = x * 3;\nthrow new Error("boom at line 3");\nconst z = 4;',
      /* 2 */ 'function f(n: number): number {\n  if (n > 1) {\n    throw new RangeError("too big: " + n);\n  }\n  return n;\n}',
      /* 3 */ "const q = 1;\nf(5)",
      /* 4 */ "// ragged rows\nconst rows = [[1, 2], [3]];\nconst t = fromNested(rows);",
      /* 5 */ "const r = notYetDefined + 1;\nconst s = alsoMissing(r);\nconsole.log(notYetDefined);",
      /* 6 */ "const check = 5;",
      /* 7 */ 'check("q1", 2)',
      /* 8 */ "const n: number = 'text';",
      /* 9 */ "const u: any = undefined;\nconst w = 1;\nu.field",
    ]);
    cells = run.cells;
    expect(cells).toHaveLength(10);
  }, 180000);

  test("a runtime error names the cell's own line and its source, with no kernel frames", () => {
    const e = errorOf(cells[1]);
    expect(e.ename).toBe("Error");
    expect(e.evalue).toBe("boom at line 3");
    expect(e.traceback).toEqual(["Error: boom at line 3", '  at line 3 of this cell: throw new Error("boom at line 3");']);
    const u = errorOf(cells[9]);
    expect(u.ename).toBe("TypeError");
    expect(u.traceback?.slice(1)).toEqual(["  at line 3 of this cell: u.field"]);
  });

  test("a function from an earlier cell: its line there, then the calling line", () => {
    const e = errorOf(cells[3]);
    expect(e.traceback).toEqual([
      "RangeError: too big: 5",
      '  at line 3 of cell [3] (in f): throw new RangeError("too big: " + n);',
      "  at line 2 of this cell: f(5)",
    ]);
  });

  test("an error inside rnnlab shows the library's source file and the student's line", () => {
    const e = errorOf(cells[4]);
    expect(e.ename).toBe("RnnlabError");
    const tb = e.traceback ?? [];
    expect(tb[0]).toMatch(/^RnnlabError: fromNested: .*rectangular/);
    expect(tb.some((l) => /^ {2}at rnnlab .*\(lib\/core\/tensor\.ts:\d+\)$/.test(l))).toBe(true);
    expect(tb[tb.length - 1]).toBe("  at line 3 of this cell: const t = fromNested(rows);");
    expect(tb.length).toBeLessThanOrEqual(7);
    for (const l of tb.slice(1)) expect(l).not.toMatch(NOT_OURS);
  });

  test("a cell run before the cells above it says so in one line", () => {
    const e = errorOf(cells[5]);
    expect(e.ename).toBe("CompileError");
    expect(e.traceback).toEqual(["run the cells above first: `notYetDefined`, `alsoMissing` are not defined yet (or check the spelling)"]);
    // the grader still gets tslab's diagnostics (line:col - message)
    expect(e.diagnostics).toEqual(["1:11 - Cannot find name 'notYetDefined'.", "2:11 - Cannot find name 'alsoMissing'.", "3:13 - Cannot find name 'notYetDefined'."]);
  });

  test("a redefined library name is explained where it breaks", () => {
    expect(cells[6].status).toBe("ok");
    const e = errorOf(cells[7]);
    expect(e.traceback?.[0]).toMatch(/^1:1 - This expression is not callable\./);
    expect(e.traceback?.[e.traceback.length - 1]).toBe(
      "note: `check` is no longer rnnlab's `check`: cell [7] line 1 redefined it (`const check = 5;`). Give your variable another name, then run the import cell again.",
    );
  });

  test("a type error keeps tslab's line:col form, with the source line", () => {
    const e = errorOf(cells[8]);
    expect(e.traceback).toEqual(["1:7 - Type 'string' is not assignable to type 'number'.\n    1 | const n: number = 'text';"]);
  });

  test("cells that work are unaffected", () => {
    for (const i of [0, 2, 6]) {
      expect(cells[i].status).toBe("ok");
      expect(cells[i].outputs).toEqual([]);
    }
  });
});
