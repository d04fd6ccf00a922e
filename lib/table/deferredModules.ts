/**
 * danfojs-node loads modules it needs only for some readers at import time: `request`
 * (CSV and JSON from a URL) and `xlsx` (Excel files) — together about 0.6 s of the import,
 * for features a notebook reading local CSV files never uses.
 *
 * `deferDanfoModule(name)` runs before danfojs is loaded: it puts into Node's module cache,
 * under the file danfojs would load, a stand-in that loads the real module on first use
 * (reading a member, or calling it) and from then on forwards everything to it. The real
 * module then also replaces the stand-in in the cache, so a later `require` gets it directly.
 * Nothing is installed if the module is already loaded or cannot be resolved.
 */
import { cacheModuleExports, danfoRequire, loadPastStandIn } from "./moduleCache";

/**
 * Modules danfojs-node imports but uses only when a reader needs them; `esModule` is the
 * module's own `__esModule` flag (false for these CommonJS packages), answered without
 * loading it because danfojs's `__importDefault` reads it at import time.
 */
export const DANFO_DEFERRED_MODULES: readonly { name: string; esModule: boolean }[] = [
  { name: "request", esModule: false },
  { name: "xlsx", esModule: false },
];

/** Installs the stand-in for one module danfojs-node requires; returns whether it did. */
export function deferDanfoModule(name: string, esModule: boolean): boolean {
  try {
    const req = danfoRequire();
    const file = req.resolve(name);
    if (require.cache[file]) return false;
    let real: unknown = null;
    const load = (): object => {
      if (real === null) real = loadPastStandIn(req, file); // now cached for everyone
      return real as object;
    };
    // A function target, so that the stand-in can also be called like the module itself
    // (an arrow function: no non-configurable `prototype` for the traps to respect).
    const standIn = new Proxy((() => undefined) as object, {
      get: (_t, key) => (key === "__esModule" && real === null ? esModule || undefined : Reflect.get(load(), key)),
      has: (_t, key) => Reflect.has(load(), key),
      apply: (_t, self, args: unknown[]) => Reflect.apply(load() as (...a: unknown[]) => unknown, self, args),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_t, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d ? { ...d, configurable: true } : undefined;
      },
    });
    cacheModuleExports(file, standIn);
    return true;
  } catch {
    return false;
  }
}

/** Installs the stand-ins for every module of `DANFO_DEFERRED_MODULES`. */
export function deferDanfoModules(): void {
  for (const m of DANFO_DEFERRED_MODULES) deferDanfoModule(m.name, m.esModule);
}
