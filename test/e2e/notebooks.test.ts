/**
 * Every notebook, end to end, in a fresh rnnlab (tslab) kernel through nbclient:
 * - the solution version (notebooks/*.ipynb) runs without any cell error
 *   (tslab `status: error`, aborted cells, error outputs, stderr, timeouts) and
 *   every check block it shows passes;
 * - the generated student version runs without any cell error too, and its
 *   checks fail gracefully: a red check block, not a stack trace.
 * Two notebooks run at a time. Each notebook's wall time is printed (with a
 * warning over the 60 s budget); speed itself is measured by the benchmarks.
 * Executed copies: build/executed/ and build/executed-student/.
 */
import * as fs from "fs";
import * as path from "path";
import { BUILD, NOTEBOOKS } from "../../scripts/paths";
import { makeStudent } from "../../scripts/make-student";
import { BUDGET_SECONDS, NotebookResult, listNotebooks, progressLine, runNotebooks } from "../../scripts/notebook-runner";

/** RNNLAB_E2E_NOTEBOOKS: another folder of notebooks (inside the repository), for developing this test. */
const notebooks = listNotebooks(process.env.RNNLAB_E2E_NOTEBOOKS ? path.resolve(process.env.RNNLAB_E2E_NOTEBOOKS) : NOTEBOOKS);
const names = notebooks.map((p) => path.basename(p));
/** Generous: every notebook at its per-cell limit would still fit. */
const ALL_TIMEOUT_MS = Math.max(1, notebooks.length) * 240_000;
/** test.each refuses an empty table; with no notebooks the first test fails instead. */
const eachNotebook = names.length ? test.each(names) : test.skip.each(["(no notebooks)"]);

function print(line: string): void {
  process.stdout.write(line + "\n");
}

function describeFailures(r: NotebookResult): string {
  const lines = [`${r.name}: ${r.status} after ${r.seconds.toFixed(1)} s`];
  for (const f of r.failures) lines.push(`  cell ${f.cell} [${f.kind}] ${f.source}\n    ${f.text.split("\n").slice(0, 12).join("\n    ")}`);
  if (r.failures.length === 0 && r.message) lines.push("  " + r.message.slice(0, 3000));
  return lines.join("\n");
}

function timingTable(title: string, results: NotebookResult[]): string {
  const rows = results.map((r) => {
    const warn = r.seconds > BUDGET_SECONDS ? `  WARNING: over the ${BUDGET_SECONDS} s budget` : "";
    return `  ${r.name.padEnd(46)} ${r.status.padEnd(8)} ${r.seconds.toFixed(1).padStart(6)} s${r.cached ? " (this run, cached)" : ""}${warn}`;
  });
  const total = results.reduce((s, r) => s + r.seconds, 0);
  return [`${title} (wall time per notebook, 2 at a time):`, ...rows, `  total ${total.toFixed(1)} s of kernel time`].join("\n");
}

test("the workbook has notebooks", () => {
  expect(names.length).toBeGreaterThan(0);
});

describe("solution versions", () => {
  let results: NotebookResult[] = [];
  beforeAll(async () => {
    if (notebooks.length === 0) return;
    print(`\nExecuting ${notebooks.length} notebook(s) (solution versions) into build/executed/ ...`);
    results = await runNotebooks(notebooks, {
      outDir: path.join(BUILD, "executed"),
      reuse: "run", // an execution made earlier in this same `npm test` run (by the book test)
      onResult: (r, done, total) => print(progressLine(r, done, total)),
    });
    print(timingTable("Solution versions", results));
  }, ALL_TIMEOUT_MS);

  eachNotebook("%s runs without error and all its checks pass", (name) => {
    const r = results.find((x) => x.name === name);
    expect(r).toBeDefined();
    if (r!.status !== "ok") throw new Error(describeFailures(r!));
    const failed = r!.checks.blocks.filter((b) => b.result === "fail");
    if (failed.length) throw new Error(`${name}: ${failed.length} check(s) fail in the solution version:\n` + failed.map((b) => `  cell ${b.cell}: ${b.text}`).join("\n"));
  });

  test("executed notebooks stay small: no plotly.js or Plotly JSON inside; notebook 00 well under 1 MB, every one under 1 MB", () => {
    const rows = results.filter((r) => r.output && fs.existsSync(r.output)).map((r) => figureStats(r.output!));
    print(["Executed notebooks with all outputs (solution versions):", ...rows.map((x) => `  ${x.name.padEnd(46)} ${(x.bytes / 1024).toFixed(0).padStart(5)} KiB  ${x.figures} figure(s)`)].join("\n"));
    expect(rows).toHaveLength(names.length);
    for (const x of rows) {
      expect({ name: x.name, library: x.library, plotlyJson: x.plotlyJson }).toEqual({ name: x.name, library: false, plotlyJson: 0 });
      expect({ name: x.name, underOneMiB: x.bytes < 1024 * 1024 }).toEqual({ name: x.name, underOneMiB: true });
    }
    const nb00 = rows.find((x) => x.name.startsWith("00_"));
    if (nb00) {
      expect(nb00.figures).toBeGreaterThanOrEqual(5);
      expect(nb00.bytes).toBeLessThan(256 * 1024);
    }
  });
});

/** Size, figure outputs and what a figure output must not carry, of one executed notebook. */
function figureStats(file: string): { name: string; bytes: number; figures: number; library: boolean; plotlyJson: number } {
  const text = fs.readFileSync(file, "utf8");
  const nb = JSON.parse(text) as { cells: Array<{ outputs?: Array<{ data?: Record<string, unknown> }> }> };
  let figures = 0;
  let plotlyJson = 0;
  for (const c of nb.cells) {
    for (const o of c.outputs ?? []) {
      const html = o.data?.["text/html"];
      if ((Array.isArray(html) ? html.join("") : String(html ?? "")).includes('class="rnnlab-plot"')) figures += 1;
      if (o.data && "application/vnd.plotly.v1+json" in o.data) plotlyJson += 1;
    }
  }
  return { name: path.basename(file), bytes: Buffer.byteLength(text), figures, library: text.includes("rnnlab-plotly-lib"), plotlyJson };
}

describe("student versions", () => {
  let results: NotebookResult[] = [];
  let made: ReturnType<typeof makeStudent> = [];
  const studentDir = path.join(BUILD, "student");
  beforeAll(async () => {
    if (notebooks.length === 0) return;
    made = makeStudent(notebooks, studentDir);
    print(`\nExecuting ${made.length} student version(s) from build/student/ into build/executed-student/ ...`);
    results = await runNotebooks(
      made.map((m) => m.output),
      { outDir: path.join(BUILD, "executed-student"), onResult: (r, done, total) => print(progressLine(r, done, total)) },
    );
    print(timingTable("Student versions", results));
  }, ALL_TIMEOUT_MS);

  test("are written to build/student/ with no outputs", () => {
    for (const m of made) {
      const nb = JSON.parse(fs.readFileSync(m.output, "utf8")) as { cells: Array<{ cell_type: string; outputs?: unknown[]; execution_count?: number | null }> };
      for (const c of nb.cells.filter((x) => x.cell_type === "code")) {
        expect(c.outputs).toEqual([]);
        expect(c.execution_count).toBeNull();
      }
    }
    expect(made.map((m) => path.basename(m.output))).toEqual(names);
  });

  eachNotebook("%s (student) runs without a cell error; its checks fail gracefully", (name) => {
    const r = results.find((x) => x.name === name);
    const m = made.find((x) => path.basename(x.output) === name);
    expect(r).toBeDefined();
    if (r!.status !== "ok") throw new Error("student version: " + describeFailures(r!));
    // A notebook with exercises shows at least one red check block in its student version.
    if (m!.exercises > 0 && r!.checks.pass + r!.checks.fail > 0) {
      expect(r!.checks.fail).toBeGreaterThan(0);
    }
    for (const b of r!.checks.blocks.filter((x) => x.result === "fail")) {
      expect(b.text).toMatch(/✘ FAIL \[\d\d\.\w+\]/);
      expect(b.text).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace in the message
    }
  });
});
