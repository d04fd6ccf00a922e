#!/usr/bin/env node
// Drafts fuzz specs (see coverage.ts) for exports of lib/index.ts that have none yet, from their
// TypeScript signatures: a parameter's domain and an example argument are guessed from its type
// and name. The draft is a starting point: run the fuzz test and correct the entries whose
// control call fails or whose domain is wrong.
//   node test/unit/fuzz/draftSpecs.js            prints drafts for exports missing from coverage.ts
//   node test/unit/fuzz/draftSpecs.js NAME...    prints drafts for the named exports
"use strict";
const path = require("path");
const fs = require("fs");
const ts = require("typescript");

const ROOT = path.join(__dirname, "..", "..", "..");
const INDEX = path.join(ROOT, "lib", "index.ts");

const SIZE = /^(k\d|max[A-Z]\w*|n[A-Z]\w*|num[A-Z]\w*|n|N|T|B|D|H|K|k|m|M|size|steps|count|bins|rows|cols|dim|hidden|units|length|width|window|order|lag|lags|samples|trials|batch|batchSize|epochs|period|depth)$|(Size|Steps|Count|Length|Units|Samples|Trials|Epochs|Dim|Rows|Cols|Len|Lags|Window)$/;
const INDEX_NAME = /^(i|j|index|t|step|position|row|col)$|(Index|Position)$/;
const POSITIVE = /^(dt|lr|tau|sigma|scale|eps|rate|gain|tol|temperature|duration|h)$|(Rate|Tau|Scale|Step|Tolerance)$/;

function existingNames() {
  const file = path.join(__dirname, "coverage.ts");
  const src = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  return new Set([...src.matchAll(/^ {2}"?([A-Za-z_$][\w$]*)"?: \{/gm)].map((m) => m[1]));
}

function main() {
  const program = ts.createProgram([INDEX], { strict: true, target: ts.ScriptTarget.ES2021, module: ts.ModuleKind.CommonJS, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(INDEX);
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  const have = existingNames();
  const wanted = process.argv.slice(2);
  const out = [];
  for (const exp of checker.getExportsOfModule(moduleSymbol).sort((a, b) => a.name.localeCompare(b.name))) {
    const name = exp.name;
    if (wanted.length ? !wanted.includes(name) : have.has(name)) continue;
    const sym = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
    if (!(sym.flags & (ts.SymbolFlags.Value))) continue; // types only
    const decl = sym.valueDeclaration ?? (sym.declarations ?? [])[0];
    if (!decl) continue;
    const type = checker.getTypeOfSymbolAtLocation(sym, decl);
    let kind = "value";
    let sigs = [];
    if (sym.flags & ts.SymbolFlags.Class) {
      kind = "class";
      sigs = type.getConstructSignatures();
    } else if (sym.flags & ts.SymbolFlags.Function) {
      kind = "function";
      sigs = type.getCallSignatures();
    }
    if (kind === "value") {
      out.push(`  ${key(name)}: { kind: "value" },`);
      continue;
    }
    const sig = sigs.reduce((a, b) => (b.getParameters().length > a.getParameters().length ? b : a), sigs[0]);
    const params = [];
    const example = [];
    for (const p of sig ? sig.getParameters() : []) {
      const pd = p.valueDeclaration;
      const optional = !!pd && (!!pd.questionToken || !!pd.initializer || !!pd.dotDotDotToken);
      let pname = p.name;
      if (pd && pd.name && !ts.isIdentifier(pd.name)) pname = "options";
      const ptype = checker.getTypeOfSymbolAtLocation(p, pd ?? decl);
      const g = guess(checker, pname, ptype, optional);
      params.push(`${key(pname)}: ${JSON.stringify(g.domain + (optional && !g.domain.endsWith("?") ? "?" : ""))}`);
      example.push(g.example);
    }
    while (example.length && example[example.length - 1] === "undefined") example.pop();
    out.push(`  ${key(name)}: { kind: "${kind}", example: (L) => [${example.join(", ")}], params: { ${params.join(", ")} } },`);
  }
  process.stdout.write(out.join("\n") + "\n");
}

function key(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

function guess(checker, name, type, optional) {
  const text = checker.typeToString(type);
  const nonNull = checker.getNonNullableType(type);
  const t = checker.typeToString(nonNull);
  if (optional && /^(options|opts|config|settings|layout)$/i.test(name) === false && /Options|Config|Layout/.test(t) === false && t === "number") {
    // an optional number: fall through to the number rules with an omitted example
  }
  if (t === "number") {
    if (/seed/i.test(name)) return { domain: "int", example: optional ? "undefined" : "1" };
    if (SIZE.test(name)) return { domain: "size", example: optional ? "undefined" : "3" };
    if (INDEX_NAME.test(name)) return { domain: "int>=0", example: optional ? "undefined" : "0" };
    if (POSITIVE.test(name)) return { domain: "real>0", example: optional ? "undefined" : "0.1" };
    return { domain: "real", example: optional ? "undefined" : "0.5" };
  }
  if (t === "string") return { domain: "string", example: optional ? "undefined" : '"ab"' };
  if (t === "boolean") return { domain: "bool", example: optional ? "undefined" : "true" };
  if (t === "Rng") return { domain: "rng", example: optional ? "undefined" : "new L.Rng(1)" };
  if (/^(Float64Array|number\[\]|ArrayLike<number>|readonly number\[\]|Float32Array)$/.test(t)) return { domain: "array=", example: "[0.1, -0.2, 0.3]" };
  if (/^(number\[\]\[\]|readonly number\[\]\[\]|Float64Array\[\]|readonly Float64Array\[\]|ArrayLike<number>\[\]|readonly \(readonly number\[\]\)\[\])$/.test(t)) return { domain: "matrix", example: "[[0.1, -0.2], [0.3, 0.4]]" };
  if (nonNull.getCallSignatures().length > 0) return { domain: "fn", example: "() => 0" };
  // an object whose properties are all optional: an options bag
  const props = nonNull.getProperties ? nonNull.getProperties() : [];
  if (props.length > 0 && nonNull.isClassOrInterface?.() !== false && props.every((s) => s.flags & ts.SymbolFlags.Optional)) {
    return { domain: `options{${props.map((s) => s.name).join(",")}}`, example: optional ? "undefined" : "{}" };
  }
  if (props.length > 0 && /Options|Config/.test(t)) {
    const required = props.filter((s) => !(s.flags & ts.SymbolFlags.Optional)).map((s) => s.name);
    return { domain: `options{${props.map((s) => s.name).join(",")}}`, example: `{ /* TODO ${required.join(", ")} */ }` };
  }
  return { domain: "object", example: optional ? "undefined" : `undefined /* TODO ${text.replace(/\*\//g, "")} */` };
}

main();
