/**
 * The workbook's exercises as a whole (issue #15): enough auto-checked questions, at most a
 * third of them one-line formulas, and for every notebook with questions a hidden-test file
 * (notebooks/hidden/NN_name.js, loaded as the grader loads it) whose autograded ids, symbols
 * and points are exactly its questions'.
 */
import * as fs from "fs";
import * as path from "path";
import { QUESTION_DEPTHS, listQuestions } from "../../../lib/exercises";
import { loadHiddenTests } from "../../../lib/grading/hiddenTests";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const NOTEBOOKS = path.join(ROOT, "notebooks");
const questions = listQuestions();

/** The notebook files by number: "03" → "03_vanishing_and_exploding_gradients". */
const notebookNames = new Map(
  fs
    .readdirSync(NOTEBOOKS)
    .filter((f) => /^\d\d_.*\.ipynb$/.test(f))
    .map((f) => [f.slice(0, 2), f.replace(/\.ipynb$/, "")] as [string, string]),
);

test("every question states its depth", () => {
  const missing = questions.filter((q) => !QUESTION_DEPTHS.includes(q.depth)).map((q) => q.id);
  expect(missing).toEqual([]);
});

const counts = Object.fromEntries(QUESTION_DEPTHS.map((d) => [d, questions.filter((q) => q.depth === d).length]));
// printed so that a failure (and the integrator) sees the numbers
process.stdout.write(`questions: ${questions.length} (${QUESTION_DEPTHS.map((d) => `${d} ${counts[d]}`).join(", ")})\n`);

test("at most a third of the questions are one-line formulas", () => {
  expect(counts.formula * 3).toBeLessThanOrEqual(questions.length);
});

test("the workbook has at least 70 auto-checked questions", () => {
  expect(questions.length).toBeGreaterThanOrEqual(70);
});

describe("every notebook with questions has hidden tests for exactly those questions", () => {
  const byNotebook = new Map<string, typeof questions>();
  for (const q of questions) {
    const nb = q.id.slice(0, 2);
    byNotebook.set(nb, [...(byNotebook.get(nb) ?? []), q]);
  }
  // The grader's view: the compiled library (the hidden files import their references from dist/).
   
  const lib = require(path.join(ROOT, "dist", "index.js")) as Record<string, unknown>;

  test.each([...byNotebook.keys()].sort())("notebook %s", (nb) => {
    const name = notebookNames.get(nb);
    expect(name).toBeDefined();
    const file = path.join(NOTEBOOKS, "hidden", `${name}.js`);
    expect(fs.existsSync(file)).toBe(true);
    const hidden = loadHiddenTests(file, lib).filter((h) => h.kind !== "manual");
    const broken = hidden.flatMap((h) => h.cases.filter((c) => c.referenceError).map((c) => `${h.id} (${c.label}): ${c.referenceError}`));
    expect(broken).toEqual([]);
    const summary = (xs: { id: string; symbol: string; points: number }[]): string[] => xs.map((x) => `${x.id} ${x.symbol} ${x.points}`).sort();
    const asked = byNotebook.get(nb)!.map((q) => ({ id: q.id, symbol: q.symbols[0], points: q.points }));
    expect(summary(hidden.map((h) => ({ id: h.id, symbol: h.symbol, points: Math.round(h.points * 1e9) / 1e9 })))).toEqual(summary(asked));
  });
});
