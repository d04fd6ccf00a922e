/** The student-version transformation (scripts/student.js), per notebooks/README.md. */
import { MARKDOWN_ANSWER, SolutionMarkerError, TODO_LINE, studentCode, studentMarkdown, studentNotebook, toLines } from "../../../scripts/student";

const lines = (...ls: string[]) => ls.join("\n");

describe("studentCode", () => {
  test("drops the solution and puts a TODO throw at the solution's indentation", () => {
    const src = lines(
      "function sigmoid(x: number): number {",
      "  // BEGIN SOLUTION",
      "  return 1 / (1 + Math.exp(-x));",
      "  // END SOLUTION",
      "}",
      'check("00.sigmoid", sigmoid);',
    );
    const r = studentCode(src);
    expect(r.changed).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(r.source).toBe(lines("function sigmoid(x: number): number {", "  " + TODO_LINE, "}", 'check("00.sigmoid", sigmoid);'));
  });

  test("uses the solution's first code line for the indentation, not the marker's", () => {
    const src = lines("function f() {", "// BEGIN SOLUTION", "", "    return 1;", "// END SOLUTION", "}");
    expect(studentCode(src).source).toBe(lines("function f() {", "    " + TODO_LINE, "}"));
  });

  test("PLACEHOLDER lines replace the solution, prefix removed, indentation kept", () => {
    const src = lines(
      "// BEGIN SOLUTION",
      "const decay50 = 0.9 ** 49;",
      "// END SOLUTION",
      "// PLACEHOLDER: const decay50: number = NaN; // your answer",
      'check("03.decay50", decay50);',
    );
    expect(studentCode(src).source).toBe(lines("const decay50: number = NaN; // your answer", 'check("03.decay50", decay50);'));
  });

  test("several placeholder lines and blocks in one cell; an empty placeholder keeps a blank line", () => {
    const src = lines(
      "function g() {",
      "  // BEGIN SOLUTION",
      "  const a = 1;",
      "  return a;",
      "  // END SOLUTION",
      "  // PLACEHOLDER: const a = 0;",
      "  // PLACEHOLDER:",
      "  // PLACEHOLDER: return a;",
      "}",
      "// BEGIN SOLUTION",
      "const b = g();",
      "// END SOLUTION",
      "// PLACEHOLDER: const b = NaN;",
    );
    expect(studentCode(src).source).toBe(lines("function g() {", "  const a = 0;", "  ", "  return a;", "}", "const b = NaN;"));
  });

  test("a top-level solution without placeholder gets the throw and a warning", () => {
    const r = studentCode(lines("// BEGIN SOLUTION", "const x = 1;", "// END SOLUTION"), { notebook: "03_x.ipynb", cell: 4 });
    expect(r.source).toBe(TODO_LINE);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/03_x\.ipynb, cell 4, line 1: top-level solution without a `\/\/ PLACEHOLDER:`/);
  });

  test("cells without markers are unchanged", () => {
    const src = lines("const a = 1; // a comment about the solution", "console.log(a);", "");
    expect(studentCode(src)).toEqual({ source: src, changed: false, warnings: [] });
  });

  test.each([
    [lines("x", "// BEGIN SOLUTION", "y"), /nb\.ipynb, cell 2, line 2: `\/\/ BEGIN SOLUTION` without a matching `\/\/ END SOLUTION`/],
    [lines("x", "y", "// END SOLUTION"), /nb\.ipynb, cell 2, line 3: `\/\/ END SOLUTION` without a `\/\/ BEGIN SOLUTION`/],
    [lines("// BEGIN SOLUTION", "a", "// BEGIN SOLUTION", "// END SOLUTION"), /cell 2, line 3: .*cannot nest/],
    [lines("a", "// PLACEHOLDER: b"), /cell 2, line 2: `\/\/ PLACEHOLDER:` line that does not directly follow/],
    [lines("// BEGIN SOLUTION", "a", "// END SOLUTION", "", "// PLACEHOLDER: b"), /cell 2, line 5: `\/\/ PLACEHOLDER:`/],
    [lines("// BEGIN SOLUTION: sigmoid", "a", "// END SOLUTION"), /cell 2, line 1: malformed marker "\/\/ BEGIN SOLUTION: sigmoid"/],
    [lines("//END-SOLUTION"), /cell 2, line 1: malformed marker/],
  ])("unbalanced or malformed markers are errors naming notebook, cell and line (%#)", (src, message) => {
    let err: unknown;
    try {
      studentCode(src, { notebook: "nb.ipynb", cell: 2 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SolutionMarkerError);
    expect((err as Error).message).toMatch(message);
  });
});

describe("studentMarkdown", () => {
  test("replaces a written answer between HTML comment markers", () => {
    const r = studentMarkdown(lines("**Question.** Why?", "<!-- BEGIN SOLUTION -->", "Because.", "<!-- END SOLUTION -->", "Next."));
    expect(r).toEqual({ source: lines("**Question.** Why?", MARKDOWN_ANSWER, "Next."), changed: true });
  });
  test("prose that mentions the markers is left alone; unbalanced comment markers are errors", () => {
    const prose = "Solutions sit between `// BEGIN SOLUTION` and `// END SOLUTION`.";
    expect(studentMarkdown(prose).source).toBe(prose);
    expect(() => studentMarkdown(lines("a", "<!-- BEGIN SOLUTION -->", "b"), { notebook: "n", cell: 1 })).toThrow(/n, cell 1, line 2/);
  });
});

describe("studentNotebook", () => {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "rnnlab", display_name: "TypeScript (rnnlab)", language: "typescript" }, language_info: { name: "typescript" } },
    cells: [
      { cell_type: "markdown", metadata: { id: "m" }, source: ["# Title\n", "Text $x$."] },
      {
        cell_type: "code",
        metadata: { id: "c1", execution: { "iopub.status.busy": "t" } },
        execution_count: 3,
        outputs: [{ output_type: "stream", name: "stdout", text: "hi" }],
        source: ["function f(): number {\n", "  // BEGIN SOLUTION\n", "  return 1;\n", "  // END SOLUTION\n", "}"],
      },
      { cell_type: "code", metadata: { tags: ["remove-student"] }, execution_count: null, outputs: [], source: "secret();" },
      { cell_type: "code", metadata: { tags: ["solution"] }, execution_count: 1, outputs: [], source: "answer();" },
      { cell_type: "code", metadata: {}, execution_count: 2, outputs: [{ output_type: "stream", name: "stdout", text: "x" }], source: "console.log(1);\n" },
    ],
  };

  test("replaces solutions, removes and empties tagged cells, clears outputs, keeps metadata", () => {
    const { notebook, exercises, warnings } = studentNotebook(nb, { name: "00.ipynb" });
    expect(exercises).toBe(2);
    expect(warnings).toEqual([]);
    expect(notebook.metadata).toEqual({ ...nb.metadata, rnnlab: { version: "student" } });
    expect(notebook.cells).toHaveLength(4);
    expect(notebook.cells[0]).toEqual(nb.cells[0]);
    expect(notebook.cells[1]).toEqual({
      cell_type: "code",
      metadata: { id: "c1" },
      execution_count: null,
      outputs: [],
      source: ["function f(): number {\n", "  " + TODO_LINE + "\n", "}"],
    });
    expect(notebook.cells[2].source).toEqual(["// Write your solution here"]);
    expect(notebook.cells[3]).toMatchObject({ execution_count: null, outputs: [], source: ["console.log(1);\n"] });
    for (const c of notebook.cells) if (c.cell_type === "code") expect(c.outputs).toEqual([]);
  });

  test("does not modify its input", () => {
    const before = JSON.stringify(nb);
    studentNotebook(nb);
    expect(JSON.stringify(nb)).toBe(before);
  });

  test("errors carry the notebook name and the cell index", () => {
    const bad = { ...nb, cells: [nb.cells[0], { cell_type: "code", metadata: {}, outputs: [], source: "a\n// BEGIN SOLUTION\nb" }] };
    expect(() => studentNotebook(bad, { name: "07_x.ipynb" })).toThrow(/^07_x\.ipynb, cell 1, line 2: /);
  });

  test("toLines splits like nbformat", () => {
    expect(toLines("a\nb\n")).toEqual(["a\n", "b\n"]);
    expect(toLines("a\nb")).toEqual(["a\n", "b"]);
    expect(toLines("")).toEqual([]);
  });
});
