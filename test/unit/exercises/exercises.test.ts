import {
  CheckReport,
  check,
  defineQuestion,
  expectArray,
  expectBoolean,
  expectFunction,
  expectInteger,
  expectNumber,
  getQuestion,
  isPlaceholderError,
  listQuestions,
  runCheck,
} from "../../../lib/exercises";
import { tailFractionReference } from "../../../course/questions/00_getting_started";
import { JUPYTER_DISPLAY } from "../../../lib/display/bundle";
import { Rng, seed, defaultRng } from "../../../lib/core/random";

describe("expectNumber", () => {
  test("pass within tolerance", () => {
    expect(expectNumber(0.1 + 0.2, 0.3)).toEqual({ pass: true, message: "Correct: your answer = 0.3." });
  });
  test("wrong type, NaN, infinity", () => {
    expect(expectNumber("0.3", 0.3).message).toBe('your answer should be a number, but it is "0.3".');
    expect(expectNumber(undefined, 0.3).message).toBe("your answer should be a number, but it is undefined.");
    expect(expectNumber([0.3], 0.3).message).toBe("your answer should be a number, but it is an array of length 1.");
    expect(expectNumber(NaN, 0.3).message).toMatch(/^your answer is NaN \(not a number\): either the NaN placeholder is still there/);
    expect(expectNumber(-Infinity, 0.3, { name: "x" }).message).toBe("x is -Infinity; expected a finite number.");
  });
  test("wrong sign and off by how much", () => {
    expect(expectNumber(-2, 2, { name: "slope" })).toEqual({ pass: false, message: "slope has the wrong sign: got -2, expected 2." });
    expect(expectNumber(2.5, 2).message).toBe("your answer is off by 0.5 (25% too large): got 2.5.");
    expect(expectNumber(1.5, 2).message).toBe("your answer is off by -0.5 (25% too small): got 1.5.");
    expect(expectNumber(1e-3, 0).message).toBe("your answer is off by 0.001: got 0.001.");
    expect(expectNumber(1.01, 1, { rtol: 0.05 }).pass).toBe(true);
    expect(expectNumber(2, 1, { hint: "think" })).toEqual({ pass: false, message: expect.any(String), hint: "think" });
  });
});

describe("expectArray", () => {
  test("pass for nested, typed and tensor answers", () => {
    expect(expectArray([[1, 2], [3, 4]], [[1, 2], [3, 4]]).message).toBe("Correct: all 4 entries of your answer match.");
    expect(expectArray(new Float64Array([1, 2]), [1, 2]).pass).toBe(true);
    expect(expectArray({ shape: [2, 2], data: new Float64Array([1, 2, 3, 4]) }, [[1, 2], [3, 4]]).pass).toBe(true);
  });
  test("shape messages: wrong shape, off by one, transposed, ragged", () => {
    expect(expectArray([1, 2, 3], [1, 2]).message).toBe("your answer has shape [3], expected [2] (off by one?).");
    expect(expectArray([[1, 2, 3], [4, 5, 6]], [[1, 4], [2, 5], [3, 6]]).message).toBe("your answer has shape [2, 3], expected [3, 2] (transposed?).");
    expect(expectArray([1, 2, 3, 4], [[1, 2], [3, 4]]).message).toBe("your answer has shape [4], expected [2, 2].");
    expect(expectArray([[1, 2], [3]], [[1, 2], [3, 4]]).message).toBe(
      "your answer should be an array of numbers, but its rows have different lengths (it is ragged): [0] has shape [2] but [1] has shape [1].",
    );
  });
  test("type messages name the entry", () => {
    expect(expectArray(5, [5]).message).toBe("your answer has shape [], expected [1].");
    expect(expectArray("abc", [1]).message).toBe('your answer should be an array of numbers, but it is "abc".');
    expect(expectArray([[1, "2"]], [[1, 2]]).message).toBe('your answer should be an array of numbers, but the entry at [0][1] is "2".');
    expect(expectArray([1, NaN], [1, 2]).message).toBe("your answer[1] is NaN; expected a finite number near 2.");
  });
  test("value messages: worst entry, sign, shift", () => {
    expect(expectArray([1, 2.5, 3.1], [1, 2, 3]).message).toBe("2 of 3 entries of your answer are wrong; the worst, your answer[1], is 2.5 where 2 was expected.");
    expect(expectArray([[-1, -2]], [[1, 2]]).message).toBe("your answer has the wrong sign everywhere (it is the negative of the expected array).");
    expect(expectArray([2, 3, 4, 9], [1, 2, 3, 4]).message).toBe("your answer looks shifted by one position to the left (an off-by-one in an index?).");
    expect(expectArray([0, 1, 2, 3], [1, 2, 3, 4]).message).toBe("your answer looks shifted by one position to the right (an off-by-one in an index?).");
  });
  test("a malformed expected value is the question author's error", () => {
    expect(() => expectArray([1], [[1], [2, 3]])).toThrow(/expected value is malformed/);
  });
});

describe("expectFunction", () => {
  const cases = [
    { args: [0], expected: 0 },
    { args: [2], expected: 4 },
  ];
  test("pass and specific failures", () => {
    expect(expectFunction((x: number) => x * x, cases, { name: "square" }).message).toBe("Correct: square passes all 2 test cases.");
    expect(expectFunction(42, cases, { name: "square" }).message).toBe("square should be a function, but it is 42.");
    expect(expectFunction((x: number) => 2 * x, [{ args: [3], expected: 9 }], { name: "square" }).message).toBe("square(3) is off by -3 (33.3333% too small): got 6.");
    expect(expectFunction((x: number) => -x * x, cases, { name: "square" }).message).toBe("square(2) has the wrong sign: got -4, expected 4.");
  });
  test("placeholder TODO, other errors, missing return, async", () => {
    const todo = (): number => {
      throw new Error("TODO: write your solution here");
    };
    expect(expectFunction(todo, cases, { name: "square" }).message).toBe('square is not written yet (it still throws "TODO: write your solution here").');
    const broken = (): number => {
      throw new TypeError("x.map is not a function");
    };
    expect(expectFunction(broken, cases, { name: "square" }).message).toBe("square(0) threw an error: x.map is not a function");
    const noReturn = (x: number): void => {
      void (x * x); // computes, returns nothing (the student's mistake)
    };
    expect(expectFunction(noReturn, cases, { name: "square" }).message).toBe("square(0) returned undefined: is a `return` statement missing?");
    expect(expectFunction(async (x: number) => x * x, cases, { name: "square" }).message).toMatch(/returned a Promise/);
  });
  test("array arguments are copied for each call", () => {
    const input = [1, 2, 3];
    const sumAndClear = (xs: number[]): number => {
      const s = xs.reduce((a, b) => a + b, 0);
      xs.length = 0;
      return s;
    };
    const r = expectFunction(sumAndClear, [{ args: [input], expected: 6 }, { args: [input], expected: 6 }], { name: "sum" });
    expect(r.pass).toBe(true);
    expect(input).toEqual([1, 2, 3]);
  });
  test("array and boolean results", () => {
    expect(expectFunction((n: number) => Array.from({ length: n }, (_, i) => i), [{ args: [3], expected: [0, 1, 2] }]).pass).toBe(true);
    expect(expectFunction((x: number) => x > 0, [{ args: [1], expected: true }, { args: [-1], expected: false }], { name: "isPositive" }).pass).toBe(true);
    expect(expectFunction(() => 1, [{ args: [], expected: true }], { name: "f" }).message).toBe("f() should be true or false, but it is 1.");
  });
  test("isPlaceholderError", () => {
    expect(isPlaceholderError(new Error("TODO: write your solution here"))).toBe(true);
    expect(isPlaceholderError(new Error("Not implemented"))).toBe(true);
    expect(isPlaceholderError(new Error("index out of range"))).toBe(false);
    expect(isPlaceholderError("TODO")).toBe(false);
  });
});

describe("expectBoolean and expectInteger", () => {
  test("expectBoolean", () => {
    expect(expectBoolean(true, true).pass).toBe(true);
    expect(expectBoolean(false, true, { name: "stable" }).message).toBe("stable is false, but it should be true.");
    expect(expectBoolean("yes", true).message).toBe('your answer should be true or false, but it is "yes".');
  });
  test("expectInteger", () => {
    expect(expectInteger(7, 7).message).toBe("Correct: your answer = 7.");
    expect(expectInteger(8, 7, { name: "steps" }).message).toBe("steps is 1 too large: got 8 — off by one?.");
    expect(expectInteger(3, 7).message).toBe("your answer is 4 too small: got 3.");
    expect(expectInteger(-7, 7).message).toBe("your answer has the wrong sign: got -7.");
    expect(expectInteger(2.5, 3).message).toMatch(/should be a whole number, but it is 2.5/);
    expect(expectInteger(NaN, 3).message).toMatch(/is NaN/);
    expect(expectInteger("3", 3).message).toBe('your answer should be a whole number, but it is "3".');
    expect(() => expectInteger(1, 1.5)).toThrow(/expected value must be an integer/);
  });
});

describe("registry and check", () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  test("00.sigmoid passes the solution and fails gracefully on wrong or unfinished answers", () => {
    expect(check("00.sigmoid", (x: number) => 1 / (1 + Math.exp(-x)))).toBe(true);
    expect(log).toHaveBeenLastCalledWith("✔ PASS [00.sigmoid] The logistic sigmoid: Correct: sigmoid passes all 3 test cases.");
    expect(check("00.sigmoid", (x: number) => 1 / (1 + Math.exp(x)))).toBe(false);
    expect(log.mock.calls.at(-1)?.[0]).toMatch(/^✘ FAIL \[00.sigmoid\] The logistic sigmoid: sigmoid\(2\) is off by .*\n {2}Hint: σ\(x\)/);
    const todo = (): number => {
      throw new Error("TODO: write your solution here");
    };
    expect(() => check("00.sigmoid", todo)).not.toThrow();
    expect(check("00.sigmoid", todo)).toBe(false);
    expect(check("00.sigmoid", undefined)).toBe(false);
    expect(log.mock.calls.at(-1)?.[0]).toMatch(/sigmoid should be a function, but it is undefined/);
  });

  test("00.tailFraction: the reference matches a seeded default generator", () => {
    seed(2024);
    const z = defaultRng.normalArray(10000);
    const frac = z.filter((v) => Math.abs(v) > 2).length / 10000;
    expect(frac).toBe(tailFractionReference(2024, 10000));
    expect(frac).toBeGreaterThan(0.035);
    expect(frac).toBeLessThan(0.056); // 4.55% for a standard normal, within sampling error
    expect(runCheck("00.tailFraction", frac).pass).toBe(true);
    const wrongSeed = Array.from(new Rng(1).normalArray(10000)).filter((v) => Math.abs(v) > 2).length / 10000;
    expect(runCheck("00.tailFraction", wrongSeed).pass).toBe(wrongSeed === frac);
    expect(runCheck("00.tailFraction", NaN).message).toMatch(/NaN placeholder/);
  });

  test("no registered question throws on garbage or unfinished answers", () => {
    const todo = (): never => {
      throw new Error("TODO: write your solution here");
    };
    const garbage: unknown[] = [undefined, null, NaN, "text", {}, [], [[1], [2, 3]], todo, () => undefined, new Float64Array(2)];
    const all = listQuestions();
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const q of all) {
      for (const answer of garbage) {
        const r = runCheck(q.id, answer);
        expect(typeof r.message).toBe("string");
        expect(r.message.length).toBeGreaterThan(0);
      }
    }
  });

  test("unknown ids name the notebook's questions", () => {
    expect(() => check("00.nope", 1)).toThrow('check: unknown question id "00.nope"; this notebook\'s questions are 00.sigmoid, 00.tailFraction');
    expect(listQuestions("00").map((q) => q.id)).toEqual(["00.sigmoid", "00.tailFraction"]);
  });

  test("a test that throws or returns garbage is reported, not thrown", () => {
    defineQuestion({ id: "99.throws", title: "Throws", symbols: ["x"], points: 1, depth: "formula", test: () => { throw new Error("boom"); } });
    defineQuestion({ id: "99.todo", title: "Todo", symbols: ["x"], points: 1, depth: "formula", test: () => { throw new Error("TODO: write your solution here"); } });
    defineQuestion({ id: "99.garbage", title: "Garbage", symbols: ["x"], points: 1, depth: "formula", test: () => undefined as unknown as { pass: boolean; message: string } });
    expect(runCheck("99.throws", 1)).toEqual({ pass: false, message: "Checking your answer raised an error: boom" });
    expect(runCheck("99.todo", 1)).toEqual({ pass: false, message: "Not written yet: TODO: write your solution here" });
    expect(runCheck("99.garbage", 1).message).toMatch(/returned undefined instead of \{pass, message\}/);
    expect(check("99.throws", 1)).toBe(false);
  });

  test("defineQuestion validates its fields and rejects duplicate ids", () => {
    const ok = { id: "98.a", title: "A", symbols: ["a"], points: 1, depth: "formula" as const, test: () => ({ pass: true, message: "" }) };
    expect(defineQuestion(ok)).toBe(ok);
    expect(() => defineQuestion({ ...ok, id: "3.a" })).toThrow(/id must be a string like "03.name"/);
    expect(() => defineQuestion({ ...ok, id: "98.b", title: "" })).toThrow(/title of 98.b must be a non-empty string/);
    expect(() => defineQuestion({ ...ok, id: "98.c", symbols: ["not valid"] })).toThrow(/symbols of 98.c must be an array of identifiers/);
    expect(() => defineQuestion({ ...ok, id: "98.d", points: 0 })).toThrow(/points of 98.d must be a number > 0/);
    expect(() => defineQuestion({ ...ok, id: "98.e", depth: undefined as unknown as "step" })).toThrow(/depth of 98.e must be "formula", "step", "loop" or "analysis", got undefined/);
    expect(() => defineQuestion({ ...ok, id: "98.f", depth: "deep" as unknown as "step" })).toThrow(/depth of 98.f must be "formula", "step", "loop" or "analysis"/);
    expect(() => defineQuestion({ ...ok, title: "Another" })).toThrow(/id 98.a is already defined/);
    expect(defineQuestion({ ...ok })).toBeTruthy(); // same title: a re-definition (re-run cell) is allowed
    expect(getQuestion("98.a").title).toBe("A");
  });

  test("the report's HTML has the CSS classes and escapes text", () => {
    const q = defineQuestion({ id: "97.html", title: "<T>", symbols: ["x"], points: 1, depth: "formula", test: () => ({ pass: false, message: "a < b", hint: "x & y" }) });
    const fail = new CheckReport(q, runCheck("97.html", 1))[JUPYTER_DISPLAY]();
    expect(fail["text/html"]).toContain('class="rnnlab-check rnnlab-check-fail"');
    expect(fail["text/html"]).toContain("&lt;T&gt;");
    expect(fail["text/html"]).toContain("a &lt; b");
    expect(fail["text/html"]).toContain("Hint: x &amp; y");
    expect(fail["text/plain"]).toBe("✘ FAIL [97.html] <T>: a < b\n  Hint: x & y");
    const pass = new CheckReport(q, { pass: true, message: "ok", hint: "unused" })[JUPYTER_DISPLAY]();
    expect(pass["text/html"]).toContain("rnnlab-check-pass");
    expect(pass["text/html"]).not.toContain("Hint");
  });
});
