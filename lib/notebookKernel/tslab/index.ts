/**
 * The tslab adapter (see ../kernelAdapter.ts): tslab 1.0.22, pinned exactly in package.json.
 *
 * - start-up: `tslabKernel.ts` (the kernel's entry, `dist/notebookKernel/tslab/tslabKernel.js`)
 *   hides the development tools' type packages from tslab's TypeScript, installs the error
 *   reporting, and runs tslab's command line;
 * - snapshot: `kernelSnapshot.ts` (built and found by `kernelSnapshotBlobs.ts`) patches tslab's
 *   TypeScript (a parse cache in front of `createSourceFile`, found by its first line). If that line is not found the snapshot
 *   build fails with a message naming it (`buildKernelSnapshot` → `ok: false, reason`),
 *   `npm install` prints one WARNING line, and kernels start without a snapshot — never a
 *   patched compiler that compiles wrongly. A snapshot whose TypeScript is older than the
 *   installed one is not used (one line on stderr);
 * - errors: `errorReporting.ts` (Jupyter error outputs; falls back to tslab's stderr
 *   reports, with a warning, if tslab's code is not what it expects).
 * - display: `registerDisplay` hands lib/display tslab's internal display writer
 *   (`tslab/dist/jupyter`'s `lastWriteDisplayData`, set for the running cell): tslab's public
 *   `display.*` sends one MIME type per output, a figure needs its whole bundle in one.
 */
import * as path from "path";
import { hasDisplaySink, registerDisplaySink, type DisplayWriter } from "../../display/bundle";
import { packageVersion, type KernelAdapter } from "../kernelAdapter";

/** The tslab version this adapter was written for (package.json pins it exactly). */
export const TSLAB_VERSION = "1.0.22";

/** The tslab adapter, for the project in `root` (by default the one holding this file). */
export function tslabAdapter(root: string = path.resolve(__dirname, "..", "..", "..")): KernelAdapter {
  return {
    name: "tslab",
    pinnedVersion: TSLAB_VERSION,
    installedVersion: () => packageVersion(() => require.resolve("tslab/package.json", { paths: [root] })),
    run() {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the kernel entry, loaded only when this adapter starts a kernel
      (require(path.join(__dirname, "tslabKernel")) as { runTslab(): void }).runTslab();
    },
    registerDisplay() {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- tslab's module, loaded in the kernel process only
      const jupyter = require(require.resolve("tslab/dist/jupyter", { paths: [root] })) as { lastWriteDisplayData: DisplayWriter | null };
      registerDisplaySink(() => jupyter.lastWriteDisplayData ?? null);
    },
    rawDisplayCode(mime, jsonText) {
      return `require("tslab").display.raw(${JSON.stringify(mime)}, ${jsonText});`;
    },
  };
}

/**
 * In a tslab kernel that registered no display sink (tslab's own "TypeScript" kernel, where a
 * student may open a scratch notebook), registers tslab's display writer, so figures draw there
 * too. It looks only for tslab's module already loaded in this process (never loads tslab), so
 * outside a kernel it does nothing. lib/index.ts calls it when the library is imported.
 * `loaded` is the module cache to look in (Node's, `require.cache`).
 */
export function registerRunningTslabDisplay(loaded: NodeJS.Dict<{ exports: unknown }> = require.cache): void {
  if (hasDisplaySink()) return;
  const tail = path.join("tslab", "dist", "jupyter.js");
  const file = Object.keys(loaded).find((k) => k.endsWith(path.sep + tail));
  if (file === undefined) return;
  const jupyter = loaded[file]?.exports as { lastWriteDisplayData?: DisplayWriter | null } | undefined;
  if (jupyter === undefined) return;
  registerDisplaySink(() => jupyter.lastWriteDisplayData ?? null);
}
