/**
 * Layering of lib/ and course/ (issue #17): the rules are generated from the graph in lib/README.md
 * (the "layers" block), so the graph is written once. Run: npx depcruise lib course --config .dependency-cruiser.cjs
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
  let course = null;
  for (const line of block[1].split("\n").map((l) => l.trim()).filter(Boolean)) {
    const words = line.split(/\s+/);
    if (/^\d+$/.test(words[0])) {
      for (const f of words.slice(1)) {
        if (layer.has(f)) throw new Error(`lib/README.md layers: ${f} is listed twice`);
        layer.set(f, Number(words[0]));
      }
    } else if (words[0] === "presentation" && words[words.length - 2] === "from") {
      presentation = { folders: words.slice(1, -2), from: Number(words[words.length - 1]) };
    } else if (words[0] === "course" && words.length === 3 && words[1] === "up-to" && /^\d+$/.test(words[2])) {
      course = Number(words[2]);
    } else if (words[0] === "index") {
      indexOnly.push(...words.slice(1));
    } else {
      throw new Error(`lib/README.md layers: cannot read the line "${line}"`);
    }
  }
  const folders = fs.readdirSync(path.join(__dirname, "lib"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const unknown = folders.filter((f) => !layer.has(f));
  if (unknown.length) throw new Error(`lib/README.md layers: lib/${unknown.join(", lib/")} is in no layer; add it to the graph`);
  if (course === null) throw new Error("lib/README.md layers: no line \"course up-to N\" (which folders course/ may import)");
  return { layer, presentation, indexOnly, course };
}

const { layer, presentation, indexOnly, course } = readLayers();
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

// course/ (questions, experiments) sits above the library and uses it as a student would: through
// the package "rnnlab" (lib/index.ts) or a folder's own entry point "rnnlab/<folder>"
// (lib/<folder>/index.ts) of a layer up to `course`, never a file inside a folder. The library
// never imports the course.
const courseEntries = [...layer].filter(([, l]) => l <= course).map(([f]) => f);
rules.push({
  name: "course-through-entry-points",
  comment: `course/ imports the library as "rnnlab" or "rnnlab/<folder>" (${courseEntries.join(", ")}) only, never lib internals`,
  severity: "error",
  from: { path: "^course/" },
  to: { path: "^lib/", pathNot: `^lib/(index\\.ts|(${courseEntries.join("|")})/index\\.ts)$` },
});
rules.push({
  name: "lib-not-course",
  comment: "the library does not import course content (course/ is a layer above it)",
  severity: "error",
  from: { path: "^lib/" },
  to: { path: "^course/" },
});

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
