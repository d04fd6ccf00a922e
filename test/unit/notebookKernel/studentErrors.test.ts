import * as path from "path";
import { StudentErrorReporter, cleanMessage, collapseLibraryRuns, sourceLineOf } from "../../../lib/notebookKernel/studentErrors";

const ROOT = path.join(__dirname, "..", "..", "..");

// What tslab 1.0.22 compiles a cell to (copied from its converter's output).
const SOURCE = 'import { check, seed } from "rnnlab";\nconst a = 1;\n\nfunction f(x: number) {\n  if (x > 0) {\n    throw new Error("boom");\n  }\n  return x;\n}\nlet b: number = a + 1;\nf(b)';
const COMPILED = [
  'Object.defineProperty(exports, "__esModule", { value: true });',
  "exports.b = exports.a = exports.seed = exports.check = exports.f = exports.tsLastExpr = void 0;",
  'const rnnlab_1 = require("rnnlab");',
  'Object.defineProperty(exports, "check", { enumerable: true, get: function () { return rnnlab_1.check; } });',
  'Object.defineProperty(exports, "seed", { enumerable: true, get: function () { return rnnlab_1.seed; } });',
  "const a = 1;",
  "exports.a = a;",
  "function f(x) {",
  "    if (x > 0) {",
  '        throw new Error("boom");',
  "    }",
  "    return x;",
  "}",
  "exports.f = f;",
  "let b = a + 1;",
  "exports.b = b;",
  "exports.tsLastExpr = f(b);",
  "",
].join("\n");

describe("mapping compiled lines to the student's lines", () => {
  test("each statement's line maps to the line the student wrote", () => {
    expect(sourceLineOf(COMPILED, SOURCE, 6)).toBe(2); // const a = 1
    expect(sourceLineOf(COMPILED, SOURCE, 10)).toBe(6); // throw
    expect(sourceLineOf(COMPILED, SOURCE, 15)).toBe(10); // let b
    expect(sourceLineOf(COMPILED, SOURCE, 17)).toBe(11); // the last expression
  });

  test("a repeated statement maps in order, not always to its first copy", () => {
    const src = "let i = 0;\ni++;\nconsole.log(i);\ni++;\nconsole.log(i);";
    const out = 'Object.defineProperty(exports, "__esModule", { value: true });\nlet i = 0;\nexports.i = i;\nexports.i = i += 1;\nconsole.log(i);\nexports.i = i += 1;\nconsole.log(i);\n';
    expect(sourceLineOf(out, src, 5)).toBe(3);
    expect(sourceLineOf(out, src, 7)).toBe(5);
  });

  test("compiler-made names are written as the student wrote them", () => {
    expect(cleanMessage("exports.check is not a function")).toBe("check is not a function");
    expect(cleanMessage("(0 , rnnlab_1.seed) is not a function")).toBe("seed is not a function");
    expect(cleanMessage("rnnlab_1.default.x is undefined")).toBe("x is undefined");
  });

  test("runs of library frames keep where the error was raised and what the student called", () => {
    const lib = (n: number) => `  at rnnlab g${n} (lib/a.ts:${n})`;
    expect(collapseLibraryRuns([lib(1), lib(2), lib(3), lib(4), "  at line 2 of this cell: g4()"], "  at rnnlab ")).toEqual([
      lib(1),
      "  … 2 more in the library",
      lib(4),
      "  at line 2 of this cell: g4()",
    ]);
    expect(collapseLibraryRuns([lib(1), "  at line 1 of this cell: x"], "  at rnnlab ")).toEqual([lib(1), "  at line 1 of this cell: x"]);
  });
});

describe("the reporter", () => {
  test("a runtime error: the cell's line and the library's source file; other frames left out", () => {
    const r = new StudentErrorReporter(ROOT);
    r.addCell({ file: "cell[4]", run: 4, source: SOURCE, compiled: COMPILED });
    const error = new Error("boom");
    error.stack = [
      "Error: boom",
      "    at f (cell[4]:10:15)",
      `    at Object.numel (${path.join(ROOT, "dist", "core", "tensor.js")}:20:5)`,
      "    at cell[4]:17:22",
      "    at cell[4]:19:3", // tslab's wrapper around the cell
      `    at Object.execute (${path.join(ROOT, "node_modules", "tslab", "dist", "executor.js")}:159:42)`,
      "    at node:internal/process/task_queues:95:5",
    ].join("\n");
    const e = r.runtimeError(error, "cell[4]");
    expect(e.ename).toBe("Error");
    expect(e.traceback[0]).toBe("Error: boom");
    expect(e.traceback[1]).toBe('  at line 6 of this cell (in f): throw new Error("boom");');
    expect(e.traceback[2]).toMatch(/^ {2}at rnnlab numel \(lib\/core\/tensor\.ts:\d+\)$/);
    expect(e.traceback[3]).toBe("  at line 11 of this cell: f(b)");
    expect(e.traceback).toHaveLength(4);
  });

  test("a thrown non-Error value is still reported", () => {
    const e = new StudentErrorReporter(ROOT).runtimeError("plain string");
    expect(e).toEqual({ ename: "Thrown value", evalue: "plain string", traceback: ["Thrown value: plain string"] });
  });

  test("missing names become one hint; other diagnostics keep line:col and show the source line", () => {
    const r = new StudentErrorReporter(ROOT);
    const src = "const y = x + 1;\nconst s: string = 3;\nz(x);";
    const e = r.compileError(src, [
      { start: { line: 0, character: 10 }, messageText: "Cannot find name 'x'.", code: 2304 },
      { start: { line: 1, character: 6 }, messageText: "Type 'number' is not assignable to type 'string'.", code: 2322 },
      { start: { line: 2, character: 0 }, messageText: "Cannot find name 'z'.", code: 2304 },
      { start: { line: 2, character: 2 }, messageText: "Cannot find name 'x'.", code: 2304 },
    ]);
    expect(e.traceback).toEqual([
      "run the cells above first: `x`, `z` are not defined yet (or check the spelling)",
      "2:7 - Type 'number' is not assignable to type 'string'.\n    2 | const s: string = 3;",
    ]);
    expect(e.diagnostics).toEqual([
      "1:11 - Cannot find name 'x'.",
      "2:7 - Type 'number' is not assignable to type 'string'.",
      "3:1 - Cannot find name 'z'.",
      "3:3 - Cannot find name 'x'.",
    ]);
  });

  test("a library name redefined by a cell is explained where a later cell breaks, until it is imported again", () => {
    const r = new StudentErrorReporter(ROOT);
    r.addCell({ file: "cell[1]", run: 1, source: 'import { check as check, seed } from "rnnlab";', compiled: "" });
    r.addCell({ file: "cell[2]", run: 2, source: "// mine\nconst check = 5;", compiled: "" });
    const diag = [{ start: { line: 0, character: 0 }, end: { line: 0, character: 5 }, messageText: "This expression is not callable.", code: 2349 }];
    const e = r.compileError('check("q", 1)', diag);
    expect(e.traceback[e.traceback.length - 1]).toMatch(/^note: `check` is no longer rnnlab's `check`: cell \[2\] line 2 redefined it \(`const check = 5;`\)/);
    const thrown = new TypeError("exports.check is not a function");
    thrown.stack = "TypeError: exports.check is not a function";
    expect(r.runtimeError(thrown).traceback).toEqual(["TypeError: check is not a function", expect.stringMatching(/^note: `check` is no longer/)]);
    r.addCell({ file: "cell[3]", run: 3, source: 'import { check } from "rnnlab";', compiled: "" });
    expect(r.compileError('check("q", 1)', diag).traceback.some((l) => l.startsWith("note:"))).toBe(false);
  });

  test("a name whose defining cell failed points at that cell, not at running the cells above", () => {
    const r = new StudentErrorReporter(ROOT);
    r.addCell({ file: "cell[1]", run: 1, source: "const sleep = 1;\nthrow new Error('x');", compiled: "const sleep = 1;\nthrow new Error('x');\n" });
    r.runtimeError(new Error("x"), "cell[1]");
    const e = r.compileError("sleep + other", [
      { start: { line: 0, character: 0 }, messageText: "Cannot find name 'sleep'.", code: 2304 },
      { start: { line: 0, character: 8 }, messageText: "Cannot find name 'other'.", code: 2304 },
    ]);
    expect(e.traceback).toEqual([
      "run the cells above first: `other` is not defined yet (or check the spelling)",
      "`sleep` is not defined: cell [1], which defines it, failed; fix it and run it again",
    ]);
  });
});
