/**
 * Issue #17 item 1: every class of the public API (lib/index.ts) carries a PyTorch-style doc
 * comment with an `@example` (a ```ts block), and every example runs against the built library
 * (dist/, rebuilt when lib/ changed), with "rnnlab" resolved as in a notebook.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const { staleReason, buildLib } = require(path.join(ROOT, "scripts", "build-lib.js")) as {
  staleReason: () => string | null;
  buildLib: (o?: { stdio?: string }) => { ok: boolean; emitted: boolean };
};

/** Exported classes of the index, except error types (they are thrown, not constructed). */
function publicClasses(lib: Record<string, unknown>): string[] {
  return Object.keys(lib).filter((n) => {
    const v = lib[n];
    return typeof v === "function" && /^class\b/.test(Function.prototype.toString.call(v)) && !((v as { prototype: unknown }).prototype instanceof Error);
  });
}

/** The doc comment right above `export class Name` anywhere in lib/, or null. */
function classDoc(name: string, files: { file: string; text: string }[]): { file: string; doc: string } | null {
  const re = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*?\\*/)\\nexport (?:abstract )?class ${name}\\b`);
  for (const f of files) {
    const m = re.exec(f.text);
    if (m) return { file: f.file, doc: m[1] };
  }
  return null;
}

function exampleOf(doc: string): string | null {
  const text = doc.split("\n").map((l) => l.replace(/^\s*\*( |$)/, "")).join("\n");
  const m = /@example\s*\n```ts\n([\s\S]*?)\n```/.exec(text);
  return m ? m[1] : null;
}

function libFiles(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return libFiles(p);
    return e.name.endsWith(".ts") ? [{ file: path.relative(ROOT, p), text: fs.readFileSync(p, "utf8") }] : [];
  });
}

describe("doc examples of the public classes", () => {
  if (staleReason()) buildLib({ stdio: "ignore" });
  const lib = require(path.join(ROOT, "dist", "index.js")) as Record<string, unknown>;
  const files = libFiles(path.join(ROOT, "lib"));
  const classes = publicClasses(lib);

  test("the index exports classes, and each has a doc comment with an @example", () => {
    expect(classes.length).toBeGreaterThan(10);
    const missing = classes.filter((n) => {
      const d = classDoc(n, files);
      return !d || !exampleOf(d.doc);
    });
    expect(missing).toEqual([]);
  });

  for (const name of classes) {
    test(`the example of ${name} runs`, () => {
      const d = classDoc(name, files);
      const code = d && exampleOf(d.doc);
      if (!code) return; // reported by the test above
      expect(code).toMatch(new RegExp(`\\b${name}\\b`));
      const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      const req = (m: string): unknown => {
        if (m === "rnnlab") return lib;
        if (m.startsWith("rnnlab/")) return require(path.join(ROOT, "dist", m.slice("rnnlab/".length)));
        throw new Error(`example of ${name} (${d.file}): imports ${m}; examples import only rnnlab`);
      };
      const module = { exports: {} };
      // in this test's realm (a vm context would give the example other Float64Array/Array classes)
      new Function("require", "module", "exports", js)(req, module, module.exports);
    });
  }
});
