import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  KernelSnapshotReport,
  SNAPSHOT_CHECK_CELLS,
  buildKernelSnapshot,
  checkKernelSnapshot,
  kernelSnapshotBlob,
  kernelSnapshotNodeArgs,
} from "../../../lib/notebookKernel/tslab/kernelSnapshotBlobs";
import { bindingOptionsKey } from "../../../lib/notebookKernel/tslab/kernelSnapshot";
import { devOnlyTypePackages, hideTypePackages } from "../../../lib/notebookKernel/tslab/tslabKernel";

// The snapshot is built from dist/ (npm install or `npm run build` wrote it), as at install.
const ROOT = path.join(__dirname, "..", "..", "..");
const FLAGS = ["--max-semi-space-size=16"]; // a flag set of the test's own: its own blob

interface Converted {
  output: string | null;
  diagnostics: { messageText: unknown; start?: unknown }[];
}

/** tslab's converter in this process, without a snapshot: what the kernel does without one. */
function convertWithoutSnapshot(cells: readonly string[], cwd: string): Converted[] {
  const ts = require("@tslab/typescript-for-tslab") as { sys: { getDirectories(d: string): string[] } };
  const undo = hideTypePackages(ts.sys, devOnlyTypePackages(ROOT));
  const before = process.cwd();
  try {
    process.chdir(cwd);
    const { createConverter } = require("tslab/dist/converter.js") as {
      createConverter(): { convert(decls: string, src: string): { output?: string; declOutput?: string; diagnostics: Converted["diagnostics"] }; close(): void };
    };
    const converter = createConverter();
    let decls = "";
    try {
      return cells.map((cell) => {
        const r = converter.convert(decls, cell);
        if (r.declOutput !== undefined && r.diagnostics.length === 0) decls = r.declOutput;
        return { output: r.output ?? null, diagnostics: r.diagnostics };
      });
    } finally {
      converter.close();
    }
  } finally {
    process.chdir(before);
    undo();
  }
}

describe("the kernel's start-up snapshot", () => {
  let blob = "";
  let built: ReturnType<typeof buildKernelSnapshot>;

  beforeAll(() => {
    built = buildKernelSnapshot({ nodeFlags: FLAGS, root: ROOT });
    blob = built.blob;
  }, 120000);
  afterAll(() => {
    for (const f of [blob, blob + ".json"]) fs.rmSync(f, { force: true });
  });

  test("builds, passes its own check, and is found for its flags and this Node.js only", () => {
    expect(built.reason).toBeUndefined();
    expect(built.ok).toBe(true);
    expect(built.cachedFiles).toBeGreaterThan(100); // the ES library, @types/node, rnnlab's .d.ts
    expect(blob).toBe(kernelSnapshotBlob(FLAGS, ROOT));
    expect(kernelSnapshotNodeArgs(FLAGS, ROOT)).toEqual(["--snapshot-blob", blob]);
    expect(kernelSnapshotNodeArgs([...FLAGS, "--stack-size=900"], ROOT)).toEqual([]); // another flag set: another blob
    const stamp = JSON.parse(fs.readFileSync(blob + ".json", "utf8"));
    expect(stamp).toMatchObject({ node: process.version, execPath: process.execPath, nodeFlags: FLAGS });
  });

  test("a kernel from the snapshot compiles cells exactly as tslab does without it, with the cache in use", () => {
    const cells = [
      ...SNAPSHOT_CHECK_CELLS,
      'import { LSTM, Rng } from "rnnlab";\nconst lstm = new LSTM({ inputSize: 2, hiddenSize: 3, rng: new Rng(1) });\nconst names: string[] = lstm.parameters().map((p) => p.name);',
      "const bad = lstm.forwardd;", // a misspelt method: the error must name it
      'import * as fs from "fs";\nconst exists: boolean = fs.existsSync(".");',
    ];
    const cwd = path.join(ROOT, "notebooks");
    const report: KernelSnapshotReport = checkKernelSnapshot(blob, cells, { nodeFlags: FLAGS, root: ROOT, cwd });
    expect(report.usable).toBe(true);
    expect(report.cacheEnabled).toBe(true);
    expect(report.hits).toBeGreaterThan(100);
    const plain = convertWithoutSnapshot(cells, cwd);
    expect(report.results).toEqual(JSON.parse(JSON.stringify(plain)));
    expect(report.results.map((r) => r.diagnostics.length)).toEqual([0, 0, 1, 0, 1, 0]);
    expect(JSON.stringify(report.results[4].diagnostics)).toMatch(/forwardd/);
  }, 120000);

  test("works from another working directory (the grader's), where the library resolves the same", () => {
    const cwd = fs.mkdtempSync(path.join(ROOT, ".grade-work-test-"));
    try {
      const report = checkKernelSnapshot(blob, SNAPSHOT_CHECK_CELLS, { nodeFlags: FLAGS, root: ROOT, cwd });
      expect(report.results.map((r) => r.diagnostics.length)).toEqual([0, 0, 1]);
      expect(report.hits).toBeGreaterThan(100);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  }, 60000);

  test("a blob started with other V8 flags is refused by Node.js (why there is one blob per flag set)", () => {
    expect(() => checkKernelSnapshot(blob, [], { nodeFlags: [], root: ROOT })).toThrow(/failed/);
  }, 60000);

  test("a failed build leaves no blob and says why", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-nosnap-"));
    fs.mkdirSync(path.join(root, "dist", "notebookKernel", "tslab"), { recursive: true });
    fs.mkdirSync(path.join(root, "notebooks"));
    fs.copyFileSync(path.join(ROOT, "dist", "notebookKernel", "tslab", "kernelSnapshot.js"), path.join(root, "dist", "notebookKernel", "tslab", "kernelSnapshot.js"));
    const r = buildKernelSnapshot({ root }); // no node_modules there: TypeScript cannot be found
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/typescript-for-tslab/);
    expect(fs.existsSync(r.blob)).toBe(false);
    expect(kernelSnapshotNodeArgs([], root)).toEqual([]);
  }, 60000);

  test("bound files are reused only under tslab's compiler options (the working directory's options aside)", () => {
    const a = { target: 9, lib: ["lib.es2022.d.ts"], rootDir: "/a", typeRoots: ["/a/node_modules/@types"] };
    expect(bindingOptionsKey(a)).toBe(bindingOptionsKey({ ...a, rootDir: "/b", typeRoots: [] }));
    expect(bindingOptionsKey(a)).not.toBe(bindingOptionsKey({ ...a, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] }));
  });

  test("the kernel spec's launcher leaves the snapshot out when Node.js is not the version that built it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-launch-"));
    const script = path.join(dir, "entry.js");
    fs.writeFileSync(script, 'console.log(JSON.stringify({ execArgv: process.execArgv, args: process.argv.slice(2) }));');
    const launch = (version: string, blobFile: string) => {
      const r = spawnSync("/bin/sh", [path.join(ROOT, "scripts", "notebook-kernel.sh"), process.execPath, version, blobFile, script, "kernel", "--config-path", "a b.json"], { encoding: "utf8" });
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout);
    };
    // another version (e.g. after an upgrade), or no blob: started the usual way, arguments intact
    expect(launch("v0.0.0", blob)).toEqual({ execArgv: [], args: ["kernel", "--config-path", "a b.json"] });
    expect(launch(process.version, "")).toEqual({ execArgv: [], args: ["kernel", "--config-path", "a b.json"] });
    expect(launch(process.version, path.join(dir, "missing.blob"))).toEqual({ execArgv: [], args: ["kernel", "--config-path", "a b.json"] });
  });
});
