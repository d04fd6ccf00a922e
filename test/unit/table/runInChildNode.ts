import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..", "..", "..");

/**
 * Runs `code` in a child Node process (its own module cache: jest's registry does not use
 * Node's) after transpiling the given files of lib/table to JavaScript; `code` refers to
 * each as `lib.<file name without .ts>`. Returns the JSON value the code's last output line holds.
 */
export function runInChildNode(files: string[], code: string): Record<string, unknown> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-table-child-"));
  try {
    const loads = files.map((f) => {
      const source = fs.readFileSync(path.join(ROOT, "lib", "table", f), "utf8");
      const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true };
      fs.writeFileSync(path.join(dir, f.replace(/\.ts$/, ".js")), ts.transpileModule(source, { compilerOptions: options }).outputText);
      const name = f.replace(/\.ts$/, "");
      return `${JSON.stringify(name)}: require(${JSON.stringify(path.join(dir, name + ".js"))})`;
    });
    const program = `const lib = { ${loads.join(", ")} };\n(async () => {\n${code}\n})().catch((e) => { console.error(e); process.exit(1); });`;
    const out = execFileSync(process.execPath, ["-e", program], {
      encoding: "utf8",
      env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") },
    });
    return JSON.parse(out.trim().split("\n").pop() ?? "") as Record<string, unknown>;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
