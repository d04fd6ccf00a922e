/**
 * The sealed question folder the grading kernels see in place of dist/questions
 * (lib/grading/sealedQuestions.ts): sealed checks only, no reference code, built once per
 * content. Needs the compiled library (npm run build).
 */
import * as fs from "fs";
import * as path from "path";
import { clearQuestionsDir, ensureSealedQuestions } from "../../../lib/grading/sealedQuestions";

const ROOT = path.resolve(__dirname, "..", "..", "..");

describe("sealed questions for grading kernels", () => {
  test("hold every question's check sealed, no reference solution, and are cached", () => {
    const dir = ensureSealedQuestions(ROOT);
    expect(dir).not.toBeNull();
    expect(fs.readdirSync(dir!)).toEqual(["sealed.js"]);
    expect((fs.statSync(dir!).mode & 0o005) === 0o005 && (fs.statSync(path.join(dir!, "sealed.js")).mode & 0o004) !== 0).toBe(true);
    const text = fs.readFileSync(path.join(dir!, "sealed.js"), "utf8");
    const clear = clearQuestionsDir(ROOT);
    let references = 0;
    for (const f of fs.readdirSync(clear).filter((n) => n.endsWith(".js"))) {
      const src = fs.readFileSync(path.join(clear, f), "utf8");
      // Every exported reference is absent by name, and so is its compiled body.
      for (const m of src.matchAll(/^function (\w+Reference)\([^)]*\) \{\n([\s\S]*?)\n\}$/gm)) {
        references++;
        expect(text).not.toContain(m[1]);
        const body = m[2].trim();
        if (body.length > 40) expect(text).not.toContain(body);
      }
      const id = /id: "(\d\d)\./.exec(src);
      if (id) expect(text).toContain(`"id":"${id[1]}.`);
    }
    expect(references).toBeGreaterThan(20); // the pattern above finds the compiled references
    // Built once: the second call finds it.
    const t0 = Date.now();
    expect(ensureSealedQuestions(ROOT)).toBe(dir);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  test("no source map embeds its TypeScript source (the kernels see dist/)", () => {
    const maps: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith(".map")) maps.push(path.join(d, e.name));
      }
    };
    walk(path.join(ROOT, "dist"));
    expect(maps.length).toBeGreaterThan(10);
    expect(maps.filter((m) => fs.readFileSync(m, "utf8").includes('"sourcesContent"'))).toEqual([]);
  });
});
