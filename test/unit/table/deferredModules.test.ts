import { runInChildNode } from "./runInChildNode";

describe("modules danfojs loads only when a reader needs them", () => {
  test("request and xlsx are not loaded by importing danfojs; Excel and URL readers still get the real modules", () => {
    const r = runInChildNode(
      ["moduleCache.ts", "deferredModules.ts"],
      `
      const fs = require("fs"), os = require("os"), path = require("path");
      const req = require("module").createRequire(require.resolve("danfojs-node"));
      const files = { request: req.resolve("request"), xlsx: req.resolve("xlsx") };
      const loadedFrom = (pkg) => Object.keys(require.cache).filter((f) => f.includes("/node_modules/" + pkg + "/") && f !== files[pkg]).length;
      const installed = lib.deferredModules.DANFO_DEFERRED_MODULES.map((m) => lib.deferredModules.deferDanfoModule(m.name, m.esModule));
      const again = lib.deferredModules.deferDanfoModule("xlsx", false);
      const d = require("danfojs-node");
      const afterImport = { request: loadedFrom("request"), xlsx: loadedFrom("xlsx") };
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-xlsx-")), "t.xlsx");
      d.toExcel(new d.DataFrame([{ a: 1, b: "x" }, { a: 2, b: "y" }]), { filePath: file });
      const back = d.toJSON(await d.readExcel(file));
      const xlsxAfterUse = loadedFrom("xlsx") > 0;
      const request = req("request");
      console.log(JSON.stringify({ installed, again, afterImport, back, xlsxAfterUse, requestGet: typeof request.get, requestCallable: typeof request, requestLoaded: loadedFrom("request") > 0 }));`,
    );
    expect(r.installed).toEqual([true, true]);
    expect(r.again).toBe(false);
    expect(r.afterImport).toEqual({ request: 0, xlsx: 0 });
    expect(r.back).toEqual([{ a: 1, b: "x" }, { a: 2, b: "y" }]);
    expect(r.xlsxAfterUse).toBe(true);
    expect(r.requestGet).toBe("function");
    expect(r.requestCallable).toBe("function");
    expect(r.requestLoaded).toBe(true);
  });
});
