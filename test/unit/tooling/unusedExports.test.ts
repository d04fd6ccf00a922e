/**
 * Issue #17, "lib/ is measurably smaller", kept that way: no lib module exports something nothing
 * uses (scripts/unused-exports.js: the TypeScript compiler API over lib/ and test/, syntax only).
 * An export counts as used when the public entry points export it, another lib module or course/
 * imports it, scripts/notebooks/docs name it, or a test imports it and lib code uses it too.
 * To fix a finding: delete the code (and its tests), drop the `export`, or list it in ALLOWED with
 * the reason. `node scripts/unused-exports.js` prints the same list.
 */
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SCRIPT = path.join(ROOT, "scripts", "unused-exports.js");
type Finding = { key: string; kind: string };
const load = () => require(SCRIPT) as { analyse: (overlay?: Record<string, string>) => Finding[]; ALLOWED: Record<string, string> };

test("every export of a lib module is used by something other than its own tests", () => {
  const findings = load().analyse().map((f) => `${f.kind}: ${f.key}`);
  expect(findings).toEqual([]);
});

test("the check fails on planted dead code: unused, only used in its module, only its test uses it", () => {
  // analysed as if these two files were on disk (nothing is written)
  const planted = "lib/core/zzPlantedUnusedExport.ts";
  const findings = load().analyse({
    [planted]: [
      "export function plantedNobodyCalls(): number { return 1; }",
      "export const PLANTED_LOCAL = 2;",
      "export function plantedUsesLocal(): number { return PLANTED_LOCAL; }",
      "export function plantedOnlyTested(): number { return 3; }",
      "export type PlantedUnusedType = number;",
      "",
    ].join("\n"),
    "test/unit/core/zzPlanted.test.ts": 'import { plantedOnlyTested } from "../../../lib/core/zzPlantedUnusedExport";\nvoid plantedOnlyTested;\n',
  });
  const ours = findings.filter((f) => f.key.startsWith(`${planted}:`)).map((f) => `${f.kind}: ${f.key.split(":")[1]}`);
  expect(ours.sort()).toEqual([
    "local-only: PLANTED_LOCAL",
    "tests-only: plantedOnlyTested",
    "unused: PlantedUnusedType",
    "unused: plantedNobodyCalls",
    "unused: plantedUsesLocal",
  ]);
});

test("every allowance says why", () => {
  for (const [key, why] of Object.entries(load().ALLOWED)) {
    expect(key).toMatch(/^lib\/.+(\.ts:\w+|\/)$/);
    expect(why.length).toBeGreaterThan(10);
  }
});
