/**
 * The workbook's Jupyter kernel process: tslab, started with one setting of our own.
 *
 * TypeScript loads every package under `node_modules/@types` into every program it builds,
 * and tslab builds one at start-up (and checks every cell against it). This project's
 * `@types` folder also holds the type packages of its development tools — jest, babel,
 * istanbul, yargs…, marked `"dev": true` in package-lock.json — and @types/jest alone pulls in
 * about a megabyte of declarations: about 0.9 s of CPU at every kernel start, and globals
 * such as `describe` and `expect` that a notebook should not see. This entry point hides
 * those packages from TypeScript's listing of type packages, then runs tslab's own command
 * line unchanged. Every type package the library and its runtime dependencies use
 * (@types/node, …) stays.
 *
 * Registered by `scripts/setup-kernel.js` as the "rnnlab" kernel:
 * `node dist/notebookKernel/tslab/tslabKernel.js kernel --config-path <connection file>`;
 * the grader starts its sandboxed kernels the same way.
 */
import * as fs from "fs";
import * as path from "path";

/** The project folder (this file is `dist/notebookKernel/tslab/tslabKernel.js`). */
const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");

/** `node_modules/@types/*` folders that only development tools need (`"dev": true` in package-lock.json). */
export function devOnlyTypePackages(root: string = PROJECT_ROOT): string[] {
  let lock: { packages?: Record<string, { dev?: boolean }> };
  try {
    lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
  } catch {
    return []; // no lock file: hide nothing
  }
  return Object.entries(lock.packages ?? {})
    .filter(([key, entry]) => /^node_modules\/@types\/[^/]+$/.test(key) && entry.dev === true)
    .map(([key]) => path.join(root, key));
}

/** The part of TypeScript's `sys` object this needs. */
interface DirectoryListing {
  getDirectories(dir: string): string[];
}

/**
 * Makes `sys.getDirectories` leave out the given folders, so TypeScript does not take them
 * for type packages. Returns a function that undoes it.
 */
export function hideTypePackages(sys: DirectoryListing, dirs: string[]): () => void {
  const hidden = new Set(dirs.map((d) => path.resolve(d)));
  const listAll = sys.getDirectories;
  sys.getDirectories = (dir: string) => listAll.call(sys, dir).filter((name) => !hidden.has(path.resolve(dir, name)));
  return () => {
    sys.getDirectories = listAll;
  };
}

/** Hides the development tools' type packages from tslab's TypeScript, then runs tslab's command line. */
export function runTslab(): void {
  const tslabMain = require.resolve("tslab/dist/main.js", { paths: [PROJECT_ROOT] });
  const typescript = require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(tslabMain)] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, not at the top: the snapshot build loads this file with built-in modules only
  hideTypePackages((require(typescript) as { sys: DirectoryListing }).sys, devOnlyTypePackages());
  // Loaded here, not at the top: the snapshot build loads this file with built-in modules only.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, not at the top: the snapshot build loads this file with built-in modules only
  const { installErrorReporting } = require("./errorReporting") as typeof import("./errorReporting");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, not at the top: the snapshot build loads this file with built-in modules only
  const { tslabAdapter } = require("./index") as typeof import("./index");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, not at the top: the snapshot build loads this file with built-in modules only
  const { versionWarning } = require("../kernelAdapter") as typeof import("../kernelAdapter");
  const adapter = tslabAdapter(PROJECT_ROOT);
  const warning = versionWarning(adapter);
  if (warning) process.stderr.write(warning + "\n");
  installErrorReporting(path.dirname(tslabMain), PROJECT_ROOT);
  adapter.registerDisplay();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, not at the top: the snapshot build loads this file with built-in modules only
  (require(tslabMain) as { main: () => void }).main();
}

if (require.main === module) runTslab();
