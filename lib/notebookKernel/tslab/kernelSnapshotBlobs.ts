/**
 * The kernel's start-up snapshots (see `kernelSnapshot.ts`): where they live, how they are
 * built and checked, and the Node.js arguments that start a kernel from one.
 *
 * A blob only loads into the Node.js binary that built it, started with the same V8 flags
 * (any flag, e.g. `--max-old-space-size`, changes V8's configuration tag and the blob is
 * refused). So there is one blob per flag set: the "rnnlab" kernel spec's (no flags) and the
 * grader's (its heap limit), each with a stamp file that records the binary and the flags.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** The project folder (this file is `dist/notebookKernel/tslab/kernelSnapshotBlobs.js`). */
const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");

/** What the stamp beside a blob records. */
export interface KernelSnapshotStamp {
  /** `process.version` of the Node.js that built the blob. */
  node: string;
  /** `process.execPath` of that Node.js. */
  execPath: string;
  /** The V8 flags it was built with (a kernel must be started with the same). */
  nodeFlags: string[];
  /** Declaration files parsed into the blob. */
  cachedFiles: number;
  /** When it was built (ISO 8601). */
  builtAt: string;
}

/** What `--snapshot-check` prints. */
export interface KernelSnapshotReport {
  typescript: string;
  /** False when the blob's TypeScript is older than the installed one (then it is not used). */
  usable: boolean;
  cachedFiles: number;
  cacheEnabled: boolean;
  /** Declaration files taken from the cache while compiling the cells. */
  hits: number;
  cpuSeconds: number;
  results: { output: string | null; diagnostics: { messageText: unknown }[] }[];
}

/** What `buildKernelSnapshot` did. */
export interface KernelSnapshotBuild {
  ok: boolean;
  blob: string;
  seconds: number;
  cachedFiles?: number;
  /** Why there is no blob (when `ok` is false). */
  reason?: string;
}

/**
 * The blob for a set of V8 flags: `dist/notebookKernel/tslab/tslabKernel.snapshot.blob` without
 * flags, `tslabKernel.snapshot-<hash of the flags>.blob` with.
 */
export function kernelSnapshotBlob(nodeFlags: readonly string[] = [], root: string = PROJECT_ROOT): string {
  const dir = path.join(root, "dist", "notebookKernel", "tslab");
  if (nodeFlags.length === 0) return path.join(dir, "tslabKernel.snapshot.blob");
  const key = createHash("sha1").update(JSON.stringify([...nodeFlags].sort())).digest("hex").slice(0, 10);
  return path.join(dir, `tslabKernel.snapshot-${key}.blob`);
}

function stampFile(blob: string): string {
  return blob + ".json";
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}

/**
 * `["--snapshot-blob", <blob>]` when a blob built by this Node.js with exactly these flags
 * exists, else `[]`. Put them before the flags and the script:
 * `node --snapshot-blob <blob> <flags> dist/notebookKernel/tslab/tslabKernel.js kernel --config-path <file>`.
 */
export function kernelSnapshotNodeArgs(nodeFlags: readonly string[] = [], root: string = PROJECT_ROOT): string[] {
  const blob = kernelSnapshotBlob(nodeFlags, root);
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile(blob), "utf8")) as KernelSnapshotStamp;
    const current = stamp.execPath === process.execPath && stamp.node === process.version && sameFlags(stamp.nodeFlags, nodeFlags);
    return current && fs.existsSync(blob) ? ["--snapshot-blob", blob] : [];
  } catch {
    return [];
  }
}

/** Cells the check compiles: the library, Node's globals, a cell using an earlier one, a type error. */
export const SNAPSHOT_CHECK_CELLS: readonly string[] = [
  'import { seed, toDataFrame } from "rnnlab";\nseed(1);\nconst n: number = 3;',
  "const v: string = process.version;\nconst later = n + 1;",
  'const wrong: number = "text";',
];

/** Starts a kernel from `blob` in `--snapshot-check` mode in `cwd`; returns its report. */
export function checkKernelSnapshot(
  blob: string,
  cells: readonly string[] = SNAPSHOT_CHECK_CELLS,
  options: { nodeFlags?: readonly string[]; cwd?: string; root?: string } = {},
): KernelSnapshotReport {
  const root = options.root ?? PROJECT_ROOT;
  const kernel = path.join(root, "dist", "notebookKernel", "tslab", "tslabKernel.js");
  const r = spawnSync(process.execPath, ["--snapshot-blob", blob, ...(options.nodeFlags ?? []), kernel, "--snapshot-check"], {
    cwd: options.cwd ?? path.join(root, "notebooks"),
    input: JSON.stringify(cells),
    encoding: "utf8",
    timeout: 60000,
  });
  if (r.status !== 0) {
    const why = (r.stderr || "").trim().split("\n").slice(-3).join(" | ");
    throw new Error(`a kernel started from the snapshot failed (exit ${r.status}): ${why || "no output"}`);
  }
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as KernelSnapshotReport;
}

/**
 * Builds the blob for `nodeFlags` (about 6 s), checks that a kernel started from it compiles
 * `SNAPSHOT_CHECK_CELLS` as it should with the cache in use, then puts it in place with its
 * stamp (both written under temporary names and renamed). On any failure the blob and stamp
 * for these flags are removed, so kernels start the usual way.
 */
export function buildKernelSnapshot(options: { nodeFlags?: readonly string[]; root?: string } = {}): KernelSnapshotBuild {
  const t0 = Date.now();
  const root = options.root ?? PROJECT_ROOT;
  const nodeFlags = options.nodeFlags ?? [];
  const dir = path.join(root, "dist", "notebookKernel", "tslab");
  const blob = kernelSnapshotBlob(nodeFlags, root);
  const tmp = `${blob}.tmp-${process.pid}`;
  // `node --build-snapshot` runs its entry with `require`, `__filename` and `__dirname` but
  // no `module`/`exports`, which tsc's CommonJS output uses: a copy beside it defines them.
  const entry = path.join(dir, `.kernelSnapshot-entry-${process.pid}.js`);
  const seconds = () => (Date.now() - t0) / 1000;
  try {
    fs.writeFileSync(entry, "var module = { exports: {} }, exports = module.exports;\n" + fs.readFileSync(path.join(dir, "kernelSnapshot.js"), "utf8"));
    const built = spawnSync(process.execPath, ["--snapshot-blob", tmp, "--build-snapshot", ...nodeFlags, entry], {
      cwd: path.join(root, "notebooks"),
      encoding: "utf8",
      timeout: 120000,
    });
    if (built.status !== 0 || !fs.existsSync(tmp)) {
      const lines = (built.stderr || "").split("\n").filter((l) => l.trim() && !/Warning|experimental|stackTraceLimit|trace-warnings/.test(l));
      const why = lines.find((l) => /Error\b/.test(l)) ?? lines.slice(-3).join(" | ");
      throw new Error(`node --build-snapshot failed (exit ${built.status}): ${why.trim() || "no output"}`);
    }
    const report = checkKernelSnapshot(tmp, SNAPSHOT_CHECK_CELLS, { nodeFlags, root });
    if (!report.usable || !report.cacheEnabled || report.cachedFiles < 50 || report.hits < 50) {
      throw new Error(`the snapshot's cache is not used (${JSON.stringify({ ...report, results: undefined })})`);
    }
    const errors = report.results.map((r) => r.diagnostics.length);
    if (errors.join(",") !== "0,0,1") throw new Error(`cells compiled wrongly from the snapshot (errors per cell: ${errors.join(", ")}, expected 0, 0, 1)`);
    fs.renameSync(tmp, blob);
    const stamp: KernelSnapshotStamp = {
      node: process.version,
      execPath: process.execPath,
      nodeFlags: [...nodeFlags],
      cachedFiles: report.cachedFiles,
      builtAt: new Date().toISOString(),
    };
    fs.writeFileSync(stampFile(blob) + ".tmp", JSON.stringify(stamp, null, 1) + "\n");
    fs.renameSync(stampFile(blob) + ".tmp", stampFile(blob));
    return { ok: true, blob, seconds: seconds(), cachedFiles: report.cachedFiles };
  } catch (err) {
    for (const f of [tmp, blob, stampFile(blob)]) fs.rmSync(f, { force: true });
    return { ok: false, blob, seconds: seconds(), reason: (err as Error).message };
  } finally {
    fs.rmSync(entry, { force: true });
  }
}

/** `kernelSnapshotNodeArgs`, building the blob first when there is none for these flags. */
export function ensureKernelSnapshot(nodeFlags: readonly string[] = [], root: string = PROJECT_ROOT, log: (line: string) => void = () => undefined): string[] {
  const args = kernelSnapshotNodeArgs(nodeFlags, root);
  if (args.length > 0) return args;
  const built = buildKernelSnapshot({ nodeFlags, root });
  if (built.ok) log(`kernel start-up snapshot built for node flags "${nodeFlags.join(" ")}" (${built.seconds.toFixed(1)} s)`);
  else log(`WARNING: no kernel start-up snapshot (${built.reason}); kernels start without it`);
  return kernelSnapshotNodeArgs(nodeFlags, root);
}
