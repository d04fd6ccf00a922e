// Finds exports of lib/ modules that nothing uses (issue #17, "lib/ is measurably smaller").
//
//   node scripts/unused-exports.js [--all]     prints the findings, exit code 1 if there are any
//
// Parses every lib/**/*.ts and test/**/*.ts file with the TypeScript compiler API (syntax only,
// no type checking: about a second) and follows imports and re-exports from the public entry points.
// An export of a lib module is used when
//   - the public entry point exports it (lib/index.ts = "rnnlab"), directly or through re-exports, or
//   - another lib module or course/ file imports it (named import, `ns.name` of a namespace
//     import, a destructured require or import(); course/ imports "rnnlab" and folder entries
//     such as "rnnlab/exercises"), or
//   - scripts/, notebooks/*.ipynb, notebooks/hidden/*.js or a Markdown file (docs/, README.md, ...) name it (they load dist/ paths
//     and call things by name inside cells, so a word match counts), or
//   - a test imports it AND lib code uses it too (its own module or another): a name only tests
//     use is dead code kept alive by its tests.
// Findings, by kind:
//   "unused"     exported, used by nothing at all;
//   "tests-only" exported, only tests use it (delete it with its tests, or list it in ALLOWED);
//   "local-only" exported, but only its own module uses it (drop the `export`); types and
//                interfaces used in their own module are not reported (exported signatures need them);
//   "unused re-export"  a folder index re-exports a name nobody imports through it;
//   "stale allowance"   an ALLOWED entry (below) that nothing needs any more.
// AssemblyScript sources (*.as.ts) are not TypeScript modules of the library and are skipped.
"use strict";
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const ROOT = path.resolve(__dirname, "..");
const ENTRY_POINTS = ["lib/index.ts"];

/**
 * Findings that stay, with the reason. Key: "lib/<file>.ts:<name>"; a key ending in "/" covers a folder.
 */
const ALLOWED = {
  "lib/table/table.ts:danfoLoaded": "lets the table tests check that showing a table does not load danfojs (seconds of start-up)",
  "lib/notebookKernel/tslab/tslabKernel.ts:runTslab": "loaded by a computed path (notebookKernel/tslab/index.ts)",
};

const isAllowed = (key) => key in ALLOWED || Object.keys(ALLOWED).some((k) => k.endsWith("/") && key.startsWith(k));

function walk(dir, keep, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, keep, out);
    else if (keep(p)) out.push(p);
  }
  return out;
}

const rel = (p) => path.relative(ROOT, p).split(path.sep).join("/");

/** Resolves a module specifier to a lib/ file (repo-relative), or null when it is not one. */
function resolveLib(fromFile, spec, overlay = {}) {
  let base;
  if (spec === "rnnlab") base = path.join(ROOT, "lib", "index");
  else if (spec.startsWith("rnnlab/")) base = path.join(ROOT, "lib", spec.slice("rnnlab/".length));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(fromFile), spec);
  else return null;
  for (const c of [base + ".ts", path.join(base, "index.ts"), base.replace(/\.js$/, ".ts")]) {
    if (!c.startsWith(path.join(ROOT, "lib") + path.sep)) continue;
    if (rel(c) in overlay || (fs.existsSync(c) && fs.statSync(c).isFile())) return rel(c);
  }
  return null;
}

const hasExport = (node) => !!(ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
const isDefault = (node) => !!(ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword));

function bindingNames(name, out = []) {
  if (ts.isIdentifier(name)) out.push(name);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
  return out;
}

/**
 * One file's module facts: its own exports (name -> {kind, node}), its re-exports
 * (name -> {file, name}), `export *` targets, and the (file, name) pairs it imports
 * ("*" = the whole module).
 */
function parseModule(file, overlay = {}) {
  const text = file in overlay ? overlay[file] : fs.readFileSync(path.join(ROOT, file), "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const abs = path.join(ROOT, file);
  const own = new Map();
  const reexports = new Map();
  const stars = [];
  const imports = [];
  const namespaces = new Map(); // local identifier -> lib file
  const declNodes = new Set();

  const addOwn = (name, kind, node) => { own.set(name, { kind, node }); declNodes.add(node); };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const target = resolveLib(abs, st.moduleSpecifier.text, overlay);
      const clause = st.importClause;
      if (!target || !clause) continue;
      if (clause.name) imports.push([target, "default"]);
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) namespaces.set(nb.name.text, target);
      else if (nb) for (const el of nb.elements) imports.push([target, (el.propertyName || el.name).text]);
    } else if (ts.isExportDeclaration(st)) {
      const target = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? resolveLib(abs, st.moduleSpecifier.text, overlay) : null;
      if (st.moduleSpecifier && !target) continue;
      if (!st.exportClause) { stars.push(target); continue; }
      if (ts.isNamespaceExport(st.exportClause)) { reexports.set(st.exportClause.name.text, { file: target, name: "*" }); continue; }
      for (const el of st.exportClause.elements) {
        const local = (el.propertyName || el.name).text;
        if (target) reexports.set(el.name.text, { file: target, name: local });
        else addOwn(el.name.text, "alias", el);
      }
    } else if (hasExport(st)) {
      const kind = ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) ? "type" : "value";
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) for (const id of bindingNames(d.name)) addOwn(id.text, kind, id);
      } else if (isDefault(st)) addOwn("default", kind, st);
      else if (st.name && ts.isIdentifier(st.name)) addOwn(st.name.text, kind, st.name);
    } else if (ts.isExportAssignment(st)) addOwn("default", "value", st);
  }

  // identifiers used in the file (outside their declarations and property names), namespace
  // accesses, destructured requires and import("...") types
  const localUses = new Map();
  const stringWords = new Set();
  const visit = (node) => {
    // code generated as text (a string that requires or imports a module) uses the names it spells
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) if (/require\(|\bimport\b/.test(node.text)) for (const w of node.text.match(/[A-Za-z_$][\w$]*/g) || []) stringWords.add(w);
    if (ts.isIdentifier(node) && !declNodes.has(node)) {
      const p = node.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isQualifiedName(p) && p.right === node) ||
        ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) ||
          ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === node);
      if (!isPropertyName) localUses.set(node.text, (localUses.get(node.text) || 0) + 1);
      if (namespaces.has(node.text) && !isPropertyName) {
        const target = namespaces.get(node.text);
        if ((ts.isPropertyAccessExpression(p) && p.expression === node) || (ts.isQualifiedName(p) && p.left === node)) {
          imports.push([target, ts.isPropertyAccessExpression(p) ? p.name.text : p.right.text]);
        } else if (!ts.isNamespaceImport(p) && !(ts.isVariableDeclaration(p) && p.name === node)) imports.push([target, "*"]);
      }
    }
    if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]) &&
        ((ts.isIdentifier(node.expression) && node.expression.text === "require") || node.expression.kind === ts.SyntaxKind.ImportKeyword)) {
      const target = resolveLib(abs, node.arguments[0].text, overlay);
      if (target) {
        let p = node.parent;
        while (ts.isAsExpression(p) || ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p)) p = p.parent;
        if (ts.isVariableDeclaration(p) && ts.isObjectBindingPattern(p.name)) {
          for (const el of p.name.elements) imports.push([target, (el.propertyName || el.name).getText(sf)]);
        } else if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) namespaces.set(p.name.text, target);
        else if (ts.isPropertyAccessExpression(p)) imports.push([target, p.name.text]);
        else imports.push([target, "*"]);
      }
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      const target = resolveLib(abs, node.argument.literal.text, overlay);
      if (target && node.qualifier) {
        const first = ts.isIdentifier(node.qualifier) ? node.qualifier : node.qualifier.left;
        if (ts.isIdentifier(first)) imports.push([target, first.text]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { own, reexports, stars, imports, localUses, stringWords };
}

/** Word tokens of the files that load dist/ paths or name things inside notebook cells. */
function externalWords() {
  const files = [
    ...walk(path.join(ROOT, "scripts"), (p) => /\.(js|cjs|mjs|ts|py|sh)$/.test(p) && !p.endsWith("unused-exports.js")),
    ...walk(path.join(ROOT, "notebooks"), (p) => /\.(ipynb|js|md)$/.test(p)),
    ...walk(ROOT, (p) => p.endsWith(".md") && !/^(dist|build|jupyterlab|node_modules|grading)\//.test(rel(p))),
  ];
  const words = new Set();
  for (const f of files) if (fs.existsSync(f)) for (const w of fs.readFileSync(f, "utf8").match(/[A-Za-z_$][\w$]*/g) || []) words.add(w);
  return words;
}

/**
 * The findings. `overlay` maps repo-relative paths ("lib/...", "test/...") to file texts that are
 * analysed as if they were on disk (the unit test plants dead code this way).
 */
function analyse(overlay = {}) {
  const extra = (dir) => Object.keys(overlay).filter((f) => f.startsWith(`${dir}/`) && f.endsWith(".ts"));
  const libFiles = [...walk(path.join(ROOT, "lib"), (p) => p.endsWith(".ts") && !p.endsWith(".as.ts") && !p.endsWith(".d.ts")).map(rel), ...extra("lib")];
  const testFiles = [...walk(path.join(ROOT, "test"), (p) => p.endsWith(".ts") && !p.endsWith(".d.ts")).map(rel), ...extra("test")];
  const mods = new Map(libFiles.map((f) => [f, parseModule(f, overlay)]));
  const words = externalWords();
  for (const [, m] of mods) for (const w of m.stringWords) words.add(w);

  // which (file, name) pairs are used, and by whom: "lib" (reachable from an entry point or lib code) or "test"
  const used = { lib: new Set(), test: new Set() };
  const request = (who, file, name, seen = new Set()) => {
    const m = mods.get(file);
    const key = `${file}:${name}`;
    if (!m || seen.has(key)) return;
    seen.add(key);
    if (name === "*") {
      for (const n of m.own.keys()) request(who, file, n, seen);
      for (const n of m.reexports.keys()) request(who, file, n, seen);
      for (const s of m.stars) request(who, s, "*", seen);
      return;
    }
    used[who].add(key);
    const re = m.reexports.get(name);
    if (re) request(who, re.file, re.name, seen);
    else if (!m.own.has(name)) for (const s of m.stars) request(who, s, name, seen);
  };
  for (const e of ENTRY_POINTS) request("lib", e, "*");
  for (const [, m] of mods) for (const [t, n] of m.imports) request("lib", t, n);
  // course content (exercise questions, experiment sweeps) imports the library like a notebook
  for (const f of walk(path.join(ROOT, "course"), (p) => p.endsWith(".ts") && !p.endsWith(".d.ts")).map(rel)) {
    for (const [t, n] of parseModule(f).imports) request("lib", t, n);
  }
  const testWords = new Set();
  for (const f of testFiles) {
    for (const [t, n] of parseModule(f, overlay).imports) request("test", t, n);
    // tests also load dist/ paths or compile modules in a child process, and call what they load by name
    const text = f in overlay ? overlay[f] : fs.readFileSync(path.join(ROOT, f), "utf8");
    if (!f.endsWith("unusedExports.test.ts")) for (const w of text.match(/[A-Za-z_$][\w$]*/g) || []) testWords.add(w);
  }
  for (const [file, m] of mods) for (const name of m.own.keys()) if (testWords.has(name)) request("test", file, name);

  const findings = [];
  const byWordsOnly = [];
  const allowedHits = new Set();
  for (const [file, m] of mods) {
    if (ENTRY_POINTS.includes(file)) continue;
    for (const [name, { kind }] of m.own) {
      const key = `${file}:${name}`;
      if (!used.lib.has(key) && words.has(name) && !(m.localUses.get(name) > 0)) byWordsOnly.push(key);
      if (used.lib.has(key) || words.has(name)) continue;
      const local = (m.localUses.get(name) || 0) > 0;
      const found = used.test.has(key) ? (local ? null : "tests-only") : !local ? "unused" : kind !== "type" ? "local-only" : null;
      if (found && isAllowed(key)) allowedHits.add(key);
      else if (found) findings.push({ key, kind: found });
    }
    for (const name of m.reexports.keys()) {
      const key = `${file}:${name}`;
      if (!used.lib.has(key) && !used.test.has(key) && !words.has(name)) findings.push({ key, kind: "unused re-export" });
    }
  }
  // an allowance nothing needs any more is reported too, so the list only shrinks
  for (const key of Object.keys(ALLOWED)) if (!key.endsWith("/") && !allowedHits.has(key)) findings.push({ key, kind: "stale allowance" });
  findings.byWordsOnly = byWordsOnly;
  return findings;
}

module.exports = { analyse, ALLOWED };

if (require.main === module) {
  const findings = analyse();
  for (const f of findings) console.log(`${f.kind.padEnd(17)} ${f.key}`);
  if (process.argv.includes("--words")) for (const k of findings.byWordsOnly) console.log(`named outside lib only: ${k}`);
  if (findings.length) {
    console.log(`${findings.length} exports nothing uses (see the note at the top of scripts/unused-exports.js)`);
    process.exit(1);
  }
}
