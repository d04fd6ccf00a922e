/**
 * The common kind of question: the student writes one function, and the check calls it on a few
 * cases (`expectFunction`). One call instead of the `defineQuestion` + `expectFunction` scaffold:
 *
 *     defineFunctionQuestion({
 *       id: "00.sigmoid", name: "sigmoid", points: 2, depth: "formula",
 *       title: "The logistic sigmoid",
 *       cases: () => [{ args: [0], expected: 0.5 }],
 *       hint: "σ(x) = 1 / (1 + e^(−x))",
 *     });
 */
import { FunctionCase, FunctionTolerance, expectFunction } from "./expect";
import { Question, defineQuestion } from "./registry";

/** A question whose answer is one function, checked on `cases()`. */
export interface FunctionQuestion extends Omit<Question, "symbols" | "test">, Omit<FunctionTolerance, "name"> {
  /** The function the student defines: the question's one symbol and its name in the messages. */
  name: string;
  /** The cases, built each time a check runs (not when the question file loads). */
  cases: () => FunctionCase[];
}

/** Defines a question whose public test is `expectFunction(answer, cases(), { name, ...tolerances })`. */
export function defineFunctionQuestion(q: FunctionQuestion): Question {
  const { id, title, name, points, depth, cases, ...tol } = q;
  return defineQuestion({ id, title, symbols: [name], points, depth, test: (answer) => expectFunction(answer, cases(), { name, ...tol }) });
}
