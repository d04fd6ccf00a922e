/**
 * Node's module cache, for the stand-ins danfojs-node gets instead of some of its
 * dependencies (see leanMathjs.ts and deferredModules.ts).
 */
import Module, { createRequire } from "module";

/** The require function of danfojs-node's own files (resolves its copies of its dependencies). */
export function danfoRequire(): NodeRequire {
  return createRequire(require.resolve("danfojs-node"));
}

/** From now on `require` of `file` returns `exports` (until the entry is replaced). */
export function cacheModuleExports(file: string, exports: unknown): void {
  const entry = new Module(file);
  entry.filename = file;
  entry.loaded = true;
  entry.exports = exports;
  require.cache[file] = entry;
}

/** Loads the real module of `file`, past a stand-in; the real one then replaces it in the cache. */
export function loadPastStandIn(req: NodeRequire, file: string): unknown {
  delete require.cache[file];
  return req(file);
}
