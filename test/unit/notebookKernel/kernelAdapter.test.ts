import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { inNotebook, newDisplayHandle, registerDisplaySink, show, type DisplaySink } from "../../../lib/display/bundle";
import { denoAdapter } from "../../../lib/notebookKernel/deno";
import { versionWarning } from "../../../lib/notebookKernel/kernelAdapter";
import { registerRunningTslabDisplay, TSLAB_VERSION, tslabAdapter } from "../../../lib/notebookKernel/tslab";
import { installErrorReporting } from "../../../lib/notebookKernel/tslab/errorReporting";

const ROOT = path.join(__dirname, "..", "..", "..");

describe("the tslab adapter", () => {
  test("tslab is pinned exactly, in package.json and the lock file, to the version the adapter was written for", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
    expect(pkg.dependencies.tslab).toBe(TSLAB_VERSION);
    expect(lock.packages[""].dependencies.tslab).toBe(TSLAB_VERSION);
    expect(lock.packages["node_modules/tslab"].version).toBe(TSLAB_VERSION);
    const adapter = tslabAdapter(ROOT);
    expect(adapter.installedVersion()).toBe(TSLAB_VERSION);
    expect(versionWarning(adapter)).toBeNull();
    expect(versionWarning({ ...adapter, pinnedVersion: "9.9.9" })).toMatch(/tslab 1\.0\.22 is installed, but .* written for 9\.9\.9/);
    expect(tslabAdapter(os.tmpdir()).installedVersion()).toBeNull();
  });

  test("the error reporting installs nothing, and says so, when tslab's code is not what it expects", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-fake-tslab-"));
    try {
      fs.writeFileSync(path.join(dist, "converter.js"), "exports.createConverter = () => ({ convert() {} });");
      const createExecutor = "exports.createExecutor = function createExecutor() { return { execute() {} }; };";
      fs.writeFileSync(path.join(dist, "executor.js"), createExecutor);
      fs.writeFileSync(path.join(dist, "jupyter.js"), "class JupyterHandlerImpl { handleExecuteImpl() {} }\nclass ZmqServer { handleExecute() {} }\nmodule.exports = { JupyterHandlerImpl, ZmqServer };");
      const warnings: string[] = [];
      expect(installErrorReporting(dist, ROOT, (l) => warnings.push(l))).toBeNull();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^rnnlab: WARNING: tslab's code is not what the error reporting expects \(executor\.js createExecutor: .*runInThisContext/);
      // nothing was replaced
      expect(String(require(path.join(dist, "executor.js")).createExecutor)).toBe("function createExecutor() { return { execute() {} }; }");
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe("tslab's own kernel (no rnnlab start-up)", () => {
  afterEach(() => registerDisplaySink(null));

  test("importing the library registers tslab's writer only when tslab's module already runs the process", () => {
    const key = path.join(ROOT, "node_modules", "tslab", "dist", "jupyter.js");
    const cache: NodeJS.Dict<{ exports: unknown }> = { [path.join(ROOT, "dist", "index.js")]: { exports: {} } };
    registerRunningTslabDisplay(cache);
    expect(inNotebook()).toBe(false); // a plain Node process: nothing, and tslab is not loaded
    expect(cache[key]).toBeUndefined();
    const sent: unknown[] = [];
    cache[key] = { exports: { lastWriteDisplayData: (message: unknown, update: boolean) => void sent.push([message, update]) } };
    registerRunningTslabDisplay(cache);
    expect(inNotebook()).toBe(true);
    show({ "text/plain": "x" });
    expect(sent).toEqual([[{ data: { "text/plain": "x" }, metadata: {}, transient: {} }, false]]);
    // an adapter that registered first (the rnnlab kernel's) is kept
    const mine: DisplaySink = () => null;
    registerDisplaySink(mine);
    registerRunningTslabDisplay(cache);
    expect(inNotebook()).toBe(false);
  });
});

describe("the Deno adapter (prototype)", () => {
  afterEach(() => {
    delete (globalThis as { Deno?: unknown }).Deno;
    registerDisplaySink(null);
  });

  test("outside Deno's kernel it registers nothing; inside, whole bundles go out through Deno.jupyter.broadcast", () => {
    denoAdapter().registerDisplay();
    expect(inNotebook()).toBe(false);
    const sent: [string, unknown][] = [];
    (globalThis as { Deno?: unknown }).Deno = { jupyter: { broadcast: async (type: string, content: unknown) => void sent.push([type, content]) } };
    denoAdapter().registerDisplay();
    expect(inNotebook()).toBe(true);
    show({ "text/html": "<b>x</b>", "text/plain": "x" });
    const h = newDisplayHandle();
    h.update({ "text/plain": "1" });
    h.update({ "text/plain": "2" });
    expect(sent).toEqual([
      ["display_data", { data: { "text/html": "<b>x</b>", "text/plain": "x" }, metadata: {}, transient: {} }],
      ["display_data", { data: { "text/plain": "1" }, metadata: {}, transient: { display_id: h.id } }],
      ["update_display_data", { data: { "text/plain": "2" }, metadata: {}, transient: { display_id: h.id } }],
    ]);
  });

  test("each adapter writes the grader's raw-display line for its kernel", () => {
    expect(tslabAdapter().rawDisplayCode("a/b", "s")).toBe('require("tslab").display.raw("a/b", s);');
    expect(denoAdapter().rawDisplayCode("a/b", "s")).toBe('void Deno.jupyter.broadcast("display_data", { data: { "a/b": s }, metadata: {}, transient: {} });');
  });
});
