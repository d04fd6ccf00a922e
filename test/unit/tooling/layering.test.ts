/**
 * Issue #17 item 2: importing the library has no side effect on the kernel choice (no environment
 * variable is read; only an explicit useFastKernels() / useReferenceKernels() switches). The layering itself is
 * checked by dependency-cruiser in `npm test` (step "layering"); here, that its rules come from
 * the graph in lib/README.md and cover every folder of lib/.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const { staleReason, buildLib } = require(path.join(ROOT, "scripts", "build-lib.js")) as {
  staleReason: () => string | null;
  buildLib: (o?: { stdio?: string }) => { ok: boolean; emitted: boolean };
};

test("importing rnnlab with RNNLAB_KERNELS=wasm keeps the reference kernels; useFastKernels() switches", () => {
  if (staleReason()) buildLib({ stdio: "ignore" });
  const script = `const lib = require(${JSON.stringify(path.join(ROOT, "dist", "index.js"))});
const before = lib.activeKernelsName();
lib.useFastKernels();
console.log(JSON.stringify([before, lib.activeKernelsName()]));`;
  const r = spawnSync(process.execPath, ["-e", script], { env: { ...process.env, RNNLAB_KERNELS: "wasm" }, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(JSON.parse(r.stdout)).toEqual(["typed-array", "wasm-simd"]);
});

test("the dependency rules are generated from lib/README.md and name every folder of lib/", () => {
  const config = require(path.join(ROOT, ".dependency-cruiser.cjs")) as { forbidden: { name: string; from: { path: string }; to: { path: string } }[] };
  const folders = fs.readdirSync(path.join(ROOT, "lib"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const names = config.forbidden.map((r) => r.name);
  // every folder below the top one has a rule; the training loop may not import plots; kernels only through its index
  for (const f of folders.filter((f) => f !== "grading")) expect(names).toContain(`layer-${f}`);
  const training = config.forbidden.find((r) => r.name === "presentation-training")!;
  expect(new RegExp(training.to.path).test("lib/plot/live.ts")).toBe(true);
  expect(names).toContain("kernels-through-index");
  const layerTraining = config.forbidden.find((r) => r.name === "layer-training")!;
  expect(new RegExp(layerTraining.to.path).test("lib/tasks/batch.ts")).toBe(true);
  expect(new RegExp(layerTraining.to.path).test("lib/nn/linear.ts")).toBe(false);
});

test("course/ imports the library only as rnnlab or rnnlab/<folder>: a planted import of a lib internal fails the check", () => {
  const dir = fs.mkdtempSync(path.join(ROOT, "course", "planted-"));
  const cruise = (source: string): { status: number | null; out: string } => {
    fs.writeFileSync(path.join(dir, "planted.ts"), source);
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs"), path.relative(ROOT, dir), "--config", ".dependency-cruiser.cjs"], { cwd: ROOT, encoding: "utf8" });
    return { status: r.status, out: r.stdout + r.stderr };
  };
  try {
    const clean = cruise('import { Rng } from "rnnlab";\nimport { defineFunctionQuestion } from "rnnlab/exercises";\nexport const used = [Rng, defineFunctionQuestion];\n');
    expect(clean.out).toContain("no dependency violations");
    expect(clean.status).toBe(0);
    for (const spec of ["rnnlab/core/errors", "../../lib/core/errors", "rnnlab/grading"]) {
      const planted = cruise(`import * as x from "${spec}";\nexport const used = x;\n`);
      expect(planted.out).toContain("course-through-entry-points");
      expect(planted.status).not.toBe(0);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
