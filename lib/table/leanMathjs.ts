/**
 * A faster import of danfojs-node: mathjs with only the statistics danfojs uses.
 *
 * danfojs-node imports mathjs for five functions (`mean`, `median`, `mode`, `std`,
 * `variance` of a Series and of groupby). mathjs's main entry builds all of its
 * functions when it is loaded — about 1.4 s of CPU on this machine, most of the time
 * `import danfojs-node` takes, in every notebook that shows a DataFrame and in every
 * graded submission of one.
 *
 * `installLeanMathjsForDanfo()` runs before danfojs is loaded. It puts into Node's module
 * cache, under the file danfojs would load mathjs from, a mathjs instance made by
 * mathjs's own `create()` from the dependency lists of those five functions: the same
 * code with the same default configuration, so the same results (tested), built in
 * about a fifth of the time. Any other member is read from the full mathjs, which is
 * then loaded (once) and replaces this entry in the cache: code that requires "mathjs"
 * itself gets all of it. If anything about the installed mathjs differs from what this
 * expects, nothing is installed and danfojs loads the full mathjs as before.
 */
import * as path from "path";
import { cacheModuleExports, danfoRequire, loadPastStandIn } from "./moduleCache";

/** The mathjs functions danfojs-node calls. */
export const DANFO_MATHJS_FUNCTIONS = ["mean", "median", "mode", "std", "variance"] as const;

type MathFunctions = Record<string, unknown>;

/**
 * A mathjs instance with only `mean`, `median`, `mode`, `std`, `variance` (and what they
 * depend on), created by mathjs's `create()` from files of the installed mathjs package.
 */
export function leanMathjsStatistics(): MathFunctions {
  const req = danfoRequire();
  const root = path.dirname(req.resolve("mathjs/package.json"));
  const { create } = req(path.join(root, "lib", "cjs", "core", "create.js")) as { create: (factories: object) => MathFunctions };
  const factories: Record<string, unknown> = {};
  for (const name of DANFO_MATHJS_FUNCTIONS) {
    const file = `dependencies${name[0].toUpperCase()}${name.slice(1)}.generated.js`;
    Object.assign(factories, req(path.join(root, "lib", "cjs", "entry", "dependenciesAny", file)));
  }
  return create(factories);
}

let installed = false;

/**
 * Makes the next `require("danfojs-node")` load the lean mathjs (see the module note).
 * Does nothing if mathjs is already loaded, if it was already installed, or if the
 * installed mathjs does not have the expected files. Returns whether it installed it.
 */
export function installLeanMathjsForDanfo(): boolean {
  if (installed) return false;
  installed = true;
  try {
    const req = danfoRequire();
    const mainFile = req.resolve("mathjs");
    if (require.cache[mainFile]) return false; // already loaded in full: nothing to gain
    const lean = leanMathjsStatistics();
    const wanted = new Set<string>(DANFO_MATHJS_FUNCTIONS);
    let full: MathFunctions | null = null;
    const loadFull = (): MathFunctions => {
      if (full === null) full = loadPastStandIn(req, mainFile) as MathFunctions; // now cached for everyone
      return full;
    };
    const exportsProxy = new Proxy(lean, {
      get: (target, key) => (typeof key === "string" && wanted.has(key) ? target[key] : Reflect.get(loadFull(), key)),
      has: (target, key) => (typeof key === "string" && wanted.has(key)) || Reflect.has(loadFull(), key),
    });
    cacheModuleExports(mainFile, exportsProxy);
    return true;
  } catch {
    return false; // danfojs will load the full mathjs itself
  }
}
