/**
 * The Deno adapter (a prototype; see ../kernelAdapter.ts): Deno's own kernel, `deno jupyter`,
 * installed from the npm registry into `.deno/` and registered as "rnnlab-deno" by
 * `node scripts/setup-deno-kernel.js` (never by `npm install`).
 *
 * - start-up: the kernel is Deno's binary, so nothing of ours runs before the first cell; the
 *   set-up maps the import of `rnnlab` (deno.json "imports") to `rnnlab.ts` beside this file,
 *   which registers the display and re-exports the library;
 * - display: `Deno.jupyter.broadcast` sends each output as display_data or update_display_data
 *   with its whole MIME bundle (figures, live plots);
 * - not adapted: cells are not type-checked (Deno strips types), errors are Deno's own.
 */
import * as path from "path";
import { registerDisplaySink, type DisplayMessage } from "../../display/bundle";
import { packageVersion, type KernelAdapter } from "../kernelAdapter";

/** The deno version this adapter was written for (scripts/setup-deno-kernel.js installs it). */
export const DENO_VERSION = "2.9.6";

/** The part of Deno's `Deno.jupyter` namespace this uses. */
interface DenoJupyter {
  broadcast(type: "display_data" | "update_display_data", content: DisplayMessage): Promise<void>;
}

/** The Deno adapter, for the project in `root` (by default the one holding this file). */
export function denoAdapter(root: string = path.resolve(__dirname, "..", "..", "..")): KernelAdapter {
  return {
    name: "deno",
    pinnedVersion: DENO_VERSION,
    installedVersion: () => packageVersion(() => path.join(root, ".deno", "node_modules", "deno", "package.json")),
    run() {
      throw new Error("rnnlab: Deno's kernel is Deno's own binary; Jupyter starts it from the rnnlab-deno kernel spec (node scripts/setup-deno-kernel.js)");
    },
    registerDisplay() {
      const jupyter = (globalThis as { Deno?: { jupyter?: DenoJupyter } }).Deno?.jupyter;
      if (!jupyter) return; // not inside Deno's kernel: displays print text
      registerDisplaySink(() => (message, update) => void jupyter.broadcast(update ? "update_display_data" : "display_data", message));
    },
    rawDisplayCode(mime, jsonText) {
      return `void Deno.jupyter.broadcast("display_data", { data: { ${JSON.stringify(mime)}: ${jsonText} }, metadata: {}, transient: {} });`;
    },
  };
}
