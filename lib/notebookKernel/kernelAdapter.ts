import * as fs from "fs";

/**
 * What the workbook needs from a notebook kernel, so that another kernel can be added by
 * writing one adapter (a folder beside `tslab/`).
 *
 * The tslab adapter (`tslab/index.ts`) is the one in use: the "rnnlab" kernel spec and the
 * grader start `dist/notebookKernel/tslab/tslabKernel.js`, which runs it. Everything that depends on
 * tslab's internals sits behind it: the type-package filter (`tslabKernel.ts`), the V8
 * start-up snapshot with its parse cache in front of tslab's TypeScript (`kernelSnapshot.ts`,
 * `kernelSnapshotBlobs.ts`), the error reporting (`tslab/errorReporting.ts`) and tslab's
 * display writer. Each checks that tslab's code is what it expects and otherwise warns and
 * falls back to tslab's own behaviour, never compiling or reporting wrongly. A prototype for
 * Deno's kernel is `deno/` (set up by `node scripts/setup-deno-kernel.js`).
 *
 * Display: at kernel start the adapter registers its kernel's writer as lib/display's display
 * sink (`registerDisplay`), through which figures and live plots send whole MIME bundles;
 * lib/display knows no kernel. The grader's hidden-test cell gets its result line from the
 * adapter (`rawDisplayCode`).
 *
 * Kernel-independent pieces stay outside the adapters: `studentErrors.ts` (readable errors),
 * lib/display (MIME bundles, `Jupyter.display`-style objects, display handles).
 */
export interface KernelAdapter {
  /** Short name ("tslab", "deno"). */
  readonly name: string;
  /** The exact version of the kernel's package this adapter was written and tested for. */
  readonly pinnedVersion: string;
  /** The installed version, or null if the kernel is not installed. */
  installedVersion(): string | null;
  /** Runs the kernel in this process (Jupyter's kernel spec gives the arguments). */
  run(): void;
  /** Registers the kernel's display writer with lib/display (in the kernel process, at start). */
  registerDisplay(): void;
  /** Cell code that sends `jsonText` (an expression giving a string) as one output of MIME type `mime`. */
  rawDisplayCode(mime: string, jsonText: string): string;
}

/** The version in a package.json (`locate` gives its path), or null if it cannot be found or read. */
export function packageVersion(locate: () => string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(locate(), "utf8")) as { version: string }).version;
  } catch {
    return null;
  }
}

/** One line saying that the installed kernel is not the pinned one, or null when it is. */
export function versionWarning(adapter: KernelAdapter): string | null {
  const installed = adapter.installedVersion();
  if (installed === adapter.pinnedVersion) return null;
  return installed === null
    ? `rnnlab: WARNING: ${adapter.name} is not installed (run npm install)`
    : `rnnlab: WARNING: ${adapter.name} ${installed} is installed, but this kernel entry was written for ${adapter.pinnedVersion} (package.json pins it); its hooks check tslab's code and fall back to tslab's own behaviour where it differs`;
}
