/**
 * Layering of lib/ (issue #17): the rules are generated from the graph in lib/README.md (the
 * "layers" block), so the graph is written once. Run: npx depcruise lib --config .dependency-cruiser.cjs
 */
"use strict";
const fs = require("fs");
const path = require("path");

function readLayers() {
  const readme = fs.readFileSync(path.join(__dirname, "lib", "README.md"), "utf8");
  const block = /```layers\n([\s\S]*?)\n```/.exec(readme);
  if (!block) throw new Error("lib/README.md: no ```layers block (the intended dependency graph)");
  const layer = new Map();
  let presentation = { folders: [], from: Infinity };
  const indexOnly = [];
  for (const line of block[1].split("\n").map((l) => l.trim()).filter(Boolean)) {
    const words = line.split(/\s+/);
    if (/^\d+$/.test(words[0])) {
      for (const f of words.slice(1)) {
        if (layer.has(f)) throw new Error(`lib/README.md layers: ${f} is listed twice`);
        layer.set(f, Number(words[0]));
      }
    } else if (words[0] === "presentation" && words[words.length - 2] === "from") {
      presentation = { folders: words.slice(1, -2), from: Number(words[words.length - 1]) };
    } else if (words[0] === "index") {
      indexOnly.push(...words.slice(1));
    } else {
      throw new Error(`lib/README.md layers: cannot read the line "${line}"`);
    }
  }
  const folders = fs.readdirSync(path.join(__dirname, "lib"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const unknown = folders.filter((f) => !layer.has(f));
  if (unknown.length) throw new Error(`lib/README.md layers: lib/${unknown.join(", lib/")} is in no layer; add it to the graph`);
  return { layer, presentation, indexOnly };
}

const { layer, presentation, indexOnly } = readLayers();
const alt = (names) => `^lib/(${names.join("|")})/`;
const rules = [];
for (const [folder, level] of layer) {
  const above = [...layer].filter(([f, l]) => f !== folder && l >= level).map(([f]) => f);
  if (above.length) {
    rules.push({
      name: `layer-${folder}`,
      comment: `lib/${folder} (layer ${level}) may import lower layers only (lib/README.md)`,
      severity: "error",
      from: { path: `^lib/${folder}/` },
      to: { path: alt(above) },
    });
  }
  const shown = presentation.folders.filter((f) => f !== folder && layer.get(f) < level);
  if (level < presentation.from && !presentation.folders.includes(folder) && shown.length) {
    rules.push({
      name: `presentation-${folder}`,
      comment: `lib/${folder} computes, it does not draw: ${shown.join(", ")} only from layer ${presentation.from} up`,
      severity: "error",
      from: { path: `^lib/${folder}/` },
      to: { path: alt(shown) },
    });
  }
}
for (const folder of indexOnly) {
  rules.push({
    name: `${folder}-through-index`,
    comment: `lib/${folder} is imported from outside through lib/${folder}/index.ts only`,
    severity: "error",
    from: { path: "^lib/", pathNot: `^lib/(${folder}/|index\\.ts$)` },
    to: { path: `^lib/${folder}/`, pathNot: `^lib/${folder}/index\\.ts$` },
  });
}

module.exports = {
  forbidden: rules,
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.d\\.ts$|lib/kernels/wasm/.*\\.(ts|js)$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    moduleSystems: ["cjs", "es6"],
  },
};
