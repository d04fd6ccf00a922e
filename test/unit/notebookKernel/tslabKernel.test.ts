import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { devOnlyTypePackages, hideTypePackages } from "../../../lib/notebookKernel/tslab/tslabKernel";

const ROOT = path.join(__dirname, "..", "..", "..");

describe("the notebook kernel's type environment", () => {
  test("the development tools' type packages are the dev-only ones of package-lock.json; @types/node is not one", () => {
    const dev = devOnlyTypePackages(ROOT).map((d) => path.relative(ROOT, d));
    expect(dev).toContain(path.join("node_modules", "@types", "jest"));
    expect(dev).not.toContain(path.join("node_modules", "@types", "node"));
    expect(dev.every((d) => d.startsWith(path.join("node_modules", "@types") + path.sep))).toBe(true);
  });

  test("without a lock file nothing is hidden", () => {
    expect(devOnlyTypePackages(fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-nolock-")))).toEqual([]);
  });

  test("hidden folders disappear from the listing of their parent only, and the change can be undone", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-types-"));
    for (const name of ["jest", "node", "yargs"]) fs.mkdirSync(path.join(dir, "@types", name), { recursive: true });
    const sys = { getDirectories: (d: string) => fs.readdirSync(d).sort() };
    const undo = hideTypePackages(sys, [path.join(dir, "@types", "jest"), path.join(dir, "@types", "yargs")]);
    expect(sys.getDirectories(path.join(dir, "@types"))).toEqual(["node"]);
    expect(sys.getDirectories(dir)).toEqual(["@types"]);
    undo();
    expect(sys.getDirectories(path.join(dir, "@types"))).toEqual(["jest", "node", "yargs"]);
  });

  test("tslab's TypeScript then compiles a cell without jest's globals, with Node's", () => {
    const ts = require("@tslab/typescript-for-tslab") as { sys: { getDirectories(d: string): string[] } };
    const undo = hideTypePackages(ts.sys, devOnlyTypePackages(ROOT));
    const cwd = process.cwd();
    try {
      process.chdir(path.join(ROOT, "notebooks"));
      const { createConverter } = require("tslab/dist/converter.js") as {
        createConverter(): { convert(decl: string, src: string): { diagnostics: { messageText: string }[] }; close(): void };
      };
      const converter = createConverter();
      try {
        expect(converter.convert("", "const v: string = process.version;").diagnostics).toEqual([]);
        const jest = converter.convert("", "describe('x', () => undefined);").diagnostics.map((d) => d.messageText);
        expect(jest.join(" ")).toMatch(/Cannot find name 'describe'/);
      } finally {
        converter.close();
      }
    } finally {
      process.chdir(cwd);
      undo();
    }
  });
});
