import { runInChildNode } from "./runInChildNode";

describe("modules danfojs loads only when a reader needs them", () => {
  test("request and xlsx are not loaded by importing danfojs; URL readers still get request; the Excel parser is never loaded", () => {
    const r = runInChildNode(
      ["moduleCache.ts", "deferredModules.ts"],
      `
      const fs = require("fs"), os = require("os"), path = require("path");
      const req = require("module").createRequire(require.resolve("danfojs-node"));
      const files = { request: req.resolve("request"), xlsx: req.resolve("xlsx") };
      const loadedFrom = (pkg) => Object.keys(require.cache).filter((f) => f.includes("/node_modules/" + pkg + "/") && f !== files[pkg]).length;
      const installed = lib.deferredModules.DANFO_DEFERRED_MODULES.map((m) => lib.deferredModules.deferDanfoModule(m.name, m.esModule, m.blocked));
      const again = lib.deferredModules.deferDanfoModule("xlsx", false);
      const d = require("danfojs-node");
      const afterImport = { request: loadedFrom("request"), xlsx: loadedFrom("xlsx") };
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-xlsx-")), "t.xlsx");
      fs.writeFileSync(file, "PK\u0003\u0004 not really a workbook");
      const refused = [];
      // danfojs's readExcel touches the parser inside an fs callback: the refusal surfaces there
      // (as an uncaught error, which a notebook shows), not through the returned promise.
      const fromCallback = new Promise((resolve) => process.once("uncaughtException", resolve));
      d.readExcel(file).then(() => refused.push("read"), (e) => refused.push(e.name + ": " + e.message));
      const e1 = await Promise.race([fromCallback, new Promise((r) => setTimeout(() => r(null), 3000))]);
      if (e1) refused.push(e1.name + ": " + e1.message);
      try { d.toExcel(new d.DataFrame([{ a: 1 }]), { filePath: file + "2.xlsx" }); } catch (e) { refused.push(e.name + ": " + e.message); }
      const back = refused;
      const xlsxAfterUse = loadedFrom("xlsx") > 0;
      const request = req("request");
      console.log(JSON.stringify({ installed, again, afterImport, back, xlsxAfterUse, requestGet: typeof request.get, requestCallable: typeof request, requestLoaded: loadedFrom("request") > 0 }));`,
    );
    expect(r.installed).toEqual([true, true]);
    expect(r.again).toBe(false);
    expect(r.afterImport).toEqual({ request: 0, xlsx: 0 });
    // xlsx 0.18.5 has advisories for crafted files: readExcel/toExcel fail clearly, xlsx stays unloaded
    expect(r.back).toHaveLength(2);
    for (const message of r.back as string[]) expect(message).toMatch(/^RnnlabError: Excel files are not supported: .*xlsx 0\.18\.5.*Save the sheet as CSV/);
    expect(r.xlsxAfterUse).toBe(false);
    expect(r.requestGet).toBe("function");
    expect(r.requestCallable).toBe("function");
    expect(r.requestLoaded).toBe(true);
  });
});
