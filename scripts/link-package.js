#!/usr/bin/env node
// Makes the compiled library importable by its package name, `rnnlab`.
//
// tslab compiles every notebook cell with rootDir = the kernel's working
// directory (notebooks/), so `import ... from "../lib/x"` is rejected. A package
// name that resolves through node_modules to compiled .js + .d.ts works, so we
// give dist/ its own package.json and link node_modules/rnnlab -> dist.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
if (!fs.existsSync(path.join(dist, "index.js"))) {
  console.error("link-package: dist/index.js is missing; run `npm run build` first.");
  process.exit(1);
}
const rootPkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const pkg = {
  name: "rnnlab",
  version: rootPkg.version,
  description: rootPkg.description,
  // CommonJS, said explicitly: Node.js assumes it, other runtimes (Deno's kernel) need it.
  type: "commonjs",
  main: "index.js",
  types: "index.d.ts",
  license: rootPkg.license,
};
fs.writeFileSync(path.join(dist, "package.json"), JSON.stringify(pkg, null, 2) + "\n");

const link = path.join(root, "node_modules", "rnnlab");
fs.mkdirSync(path.dirname(link), { recursive: true });
try {
  const st = fs.lstatSync(link);
  if (st.isSymbolicLink() || st.isFile()) fs.unlinkSync(link);
  else fs.rmSync(link, { recursive: true, force: true });
} catch {
  /* not there yet */
}
fs.symlinkSync(path.relative(path.dirname(link), dist), link, "dir");
console.log("rnnlab: node_modules/rnnlab -> dist/");
