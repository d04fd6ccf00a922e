/**
 * danfojs-node loads modules it needs only for some readers at import time: `request`
 * (CSV and JSON from a URL) and `xlsx` (Excel files) — together about 0.6 s of the import,
 * for features a notebook reading local CSV files never uses.
 *
 * `deferDanfoModule(name)` runs before danfojs is loaded: it puts into Node's module cache,
 * under the file danfojs would load, a stand-in that loads the real module on first use
 * (reading a member, or calling it) and from then on forwards everything to it. The real
 * module then also replaces the stand-in in the cache, so a later `require` gets it directly.
 * Nothing is installed if the module is already loaded or cannot be resolved. A `blocked`
 * module (xlsx, see `XLSX_BLOCKED`) is never loaded: any use of it throws that message.
 */
import { cacheModuleExports, danfoRequire, loadPastStandIn } from "./moduleCache";

/**
 * Why the Excel reader is switched off: danfojs-node 1.2 depends on xlsx 0.18.5, the last
 * version on npm, which has known advisories for crafted files (prototype pollution,
 * GHSA-4r6h-8v6p-xvw6; ReDoS, GHSA-5pgg-2g8v-p4x9) and no fixed release there. A workbook
 * reads CSV files; an Excel file, possibly from anyone, must never reach that parser.
 */
export const XLSX_BLOCKED =
  "Excel files are not supported: the Excel parser danfojs uses (xlsx 0.18.5) has known security advisories for crafted files. Save the sheet as CSV and use readCsvTable.";

/**
 * Modules danfojs-node imports but uses only when a reader needs them; `esModule` is the
 * module's own `__esModule` flag (false for these CommonJS packages), answered without
 * loading it because danfojs's `__importDefault` reads it at import time.
 */
export const DANFO_DEFERRED_MODULES: readonly { name: string; esModule: boolean; blocked?: string }[] = [
  { name: "request", esModule: false },
  { name: "xlsx", esModule: false, blocked: XLSX_BLOCKED },
];

/** Installs the stand-in for one module danfojs-node requires; returns whether it did. */
export function deferDanfoModule(name: string, esModule: boolean, blocked?: string): boolean {
  try {
    const req = danfoRequire();
    const file = req.resolve(name);
    if (require.cache[file]) return false;
    let real: unknown = null;
    const load = (): object => {
      // never loaded (see XLSX_BLOCKED); an RnnlabError by name (this file imports nothing of the library)
      if (blocked) throw Object.assign(new Error(blocked), { name: "RnnlabError" });
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
  for (const m of DANFO_DEFERRED_MODULES) deferDanfoModule(m.name, m.esModule, m.blocked);
}
