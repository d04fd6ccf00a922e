/** Small pure pieces of the tooling scripts: npm start's options, book titles, the run summary of run_notebook.py. */
import { spawnSync } from "child_process";
import * as path from "path";
import { parseArgs } from "../../../scripts/start";
import { notebookTitle } from "../../../scripts/book";
import { PYTHON, pythonHas } from "../../../scripts/system-deps";
import { describeWith } from "../../systemDependency";

describe("npm start options", () => {
  const headless = { PATH: "/usr/bin" };
  test("defaults: localhost, no port chosen yet, no browser without a display", () => {
    const o = parseArgs([], headless);
    expect(o).toMatchObject({ ip: "127.0.0.1", port: undefined, browser: false, extraArgs: [] });
    expect(o.notebookDir).toMatch(/notebooks$/);
  });
  test("a display opens a browser, unless CI is set or --no-browser is given", () => {
    expect(parseArgs([], { DISPLAY: ":0" }).browser).toBe(true);
    expect(parseArgs([], { DISPLAY: ":0", CI: "true" }).browser).toBe(false);
    expect(parseArgs(["--no-browser"], { DISPLAY: ":0" }).browser).toBe(false);
    expect(parseArgs(["--browser"], headless).browser).toBe(true);
  });
  test("port and ip from arguments (both spellings) or the environment; the rest goes to Jupyter", () => {
    expect(parseArgs(["--port", "8899", "--ip=0.0.0.0"], headless)).toMatchObject({ port: 8899, ip: "0.0.0.0" });
    expect(parseArgs(["--port=0"], headless).port).toBe(0);
    expect(parseArgs([], { RNNLAB_PORT: "9000", RNNLAB_IP: "::1", RNNLAB_UI: "lab" })).toMatchObject({ port: 9000, ip: "::1", ui: "lab" });
    expect(parseArgs(["--classic", "--NotebookApp.x=1", "--", "--y"], headless)).toMatchObject({ ui: "notebook", extraArgs: ["--NotebookApp.x=1", "--y"] });
  });
  test("bad values are errors that say what was expected", () => {
    expect(() => parseArgs(["--port", "http"], headless)).toThrow(/--port must be an integer from 0 to 65535, got "http"/);
    expect(() => parseArgs(["--port", "70000"], headless)).toThrow(/got "70000"/);
    expect(() => parseArgs(["--ip"], headless)).toThrow(/--ip needs a value/);
    expect(() => parseArgs([], { RNNLAB_UI: "vscode" })).toThrow(/RNNLAB_UI must be "lab" or "notebook", got "vscode"/);
  });
});

describe("book titles", () => {
  test("the first Markdown heading, without Markdown formatting", () => {
    const nb = { cells: [{ cell_type: "code", source: "# not a heading" }, { cell_type: "markdown", source: ["Intro\n", "## 3. The `LSTM` and **GRU** [cells](x.html) with $h_t$\n"] }] };
    expect(notebookTitle(nb, "x")).toBe("3. The LSTM and GRU cells with h_t");
    expect(notebookTitle({ cells: [] }, "08_rate")).toBe("08_rate");
  });
});

const havePython = pythonHas("nbformat") && pythonHas("nbclient");
describeWith(havePython, "Python's nbformat and nbclient (Debian's python3-nbformat, python3-nbclient)", "run_notebook.py: what counts as a failure", () => {
  function summarize(nb: unknown, replies: Record<number, string>): { failures: Array<{ cell: number; kind: string }>; checks: Array<{ cell: number; result: string }> } {
    const code = [
      "import json, sys, nbformat",
      `sys.path.insert(0, ${JSON.stringify(path.join(__dirname, "..", "..", "..", "scripts"))})`,
      "from run_notebook import summarize",
      "nb = nbformat.from_dict(json.loads(sys.argv[1]))",
      "replies = {int(k): v for k, v in json.loads(sys.argv[2]).items()}",
      "f, c = summarize(nb, replies)",
      "print(json.dumps({'failures': f, 'checks': c}))",
    ].join("\n");
    const r = spawnSync(PYTHON, ["-c", code, JSON.stringify(nb), JSON.stringify(replies)], { encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout);
  }
  const cell = (outputs: unknown[]) => ({ cell_type: "code", metadata: {}, execution_count: 1, source: "x", outputs });
  const html = (h: string, text: string) => ({ output_type: "display_data", metadata: {}, data: { "text/html": h, "text/plain": text } });
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      cell([{ output_type: "stream", name: "stdout", text: "fine" }]),
      cell([{ output_type: "stream", name: "stderr", text: "1:7 - Type 'string' is not assignable" }]),
      cell([]),
      cell([{ output_type: "stream", name: "stderr", text: "warning" }]),
      cell([{ output_type: "error", ename: "Error", evalue: "boom", traceback: [] }]),
      cell([html('<div class="rnnlab-check rnnlab-check-pass">ok</div>', "✔ PASS [00.a] A: ok")]),
      cell([html('<div class="rnnlab-check rnnlab-check-fail">no</div>', "✘ FAIL [00.b] B: off by 1")]),
    ],
  };
  test("error replies, aborted cells, stderr and error outputs are failures; check blocks are counted", () => {
    const s = summarize(nb, { 0: "ok", 1: "error", 2: "aborted", 3: "ok", 4: "ok", 5: "ok", 6: "ok" });
    expect(s.failures.map((f) => [f.cell, f.kind])).toEqual([
      [1, "error"],
      [2, "aborted"],
      [3, "stderr"],
      [4, "error-output"],
    ]);
    expect(s.checks.map((c) => [c.cell, c.result])).toEqual([
      [5, "pass"],
      [6, "fail"],
    ]);
  });
});
