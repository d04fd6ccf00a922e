import { createRequire } from "module";
import { DANFO_MATHJS_FUNCTIONS, leanMathjsStatistics } from "../../../lib/table/leanMathjs";
import { runInChildNode } from "./runInChildNode";

type Fn = (...args: unknown[]) => unknown;
const fullMathjs = createRequire(require.resolve("danfojs-node"))("mathjs") as Record<string, Fn>;

/** The value, or the error message (mode of an array with NaN throws, for example). */
function outcome(f: Fn, args: unknown[]): unknown {
  try {
    return { value: f(...args) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe("the lean mathjs danfojs loads", () => {
  const lean = leanMathjsStatistics() as Record<string, Fn>;
  const inputs: unknown[][] = [
    [[1, 2, 3, 4]],
    [[3.5, -1, 1e-9, 2e9, 7, 7]],
    [[5]],
    [[2, 2, 1, 1, 9]],
    [[1, 2, 3, 4], "uncorrected"],
    [[1, 2, 3, 4], "biased"],
    [[0.1, 0.2, 0.3, NaN]],
  ];

  test.each(DANFO_MATHJS_FUNCTIONS.map((f) => [f]))("%s gives exactly what the full mathjs gives", (name) => {
    for (const args of inputs) {
      if (args.length > 1 && name !== "std" && name !== "variance") continue;
      expect(outcome(lean[name], args)).toEqual(outcome(fullMathjs[name], args));
    }
  });

  test("errors are the full mathjs's errors", () => {
    for (const name of ["mean", "median", "std", "variance"]) {
      expect(outcome(lean[name], [[]])).toEqual(outcome(fullMathjs[name], [[]]));
      expect(outcome(lean[name], [[]])).toHaveProperty("error");
    }
  });

  test("in Node, danfojs then loads it, and other mathjs members still work", () => {
    const r = runInChildNode(
      ["moduleCache.ts", "leanMathjs.ts"],
      `
      const { installLeanMathjsForDanfo } = lib.leanMathjs;
      const mainFile = require("module").createRequire(require.resolve("danfojs-node")).resolve("mathjs");
      const installed = installLeanMathjsForDanfo();
      const again = installLeanMathjsForDanfo();
      const leanInCache = require.cache[mainFile] !== undefined && !("sqrt" in Object.getPrototypeOf(require.cache[mainFile].exports));
      const d = require("danfojs-node");
      const s = new d.Series([1, 2, 3, 4, 10]);
      const stats = [s.std(), s.var(), s.median(), s.mean()];
      const mathjs = require(mainFile);
      console.log(JSON.stringify({ installed, again, leanInCache, stats, sqrt: mathjs.sqrt(16), pi: mathjs.pi }));`,
    );
    expect(r.installed).toBe(true);
    expect(r.again).toBe(false);
    expect(r.leanInCache).toBe(true);
    expect(r.stats).toEqual([fullMathjs.std([1, 2, 3, 4, 10]), fullMathjs.variance([1, 2, 3, 4, 10]), 3, 4]);
    expect(r.sqrt).toBe(4);
    expect(r.pi).toBe(Math.PI);
  });
});
