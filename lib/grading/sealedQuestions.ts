/**
 * The sealed question folder that grading kernels see in place of `dist/questions` (course/questions, compiled).
 *
 * The compiled question files hold each exercise's reference solution (`fooReference`), which
 * the hidden tests import in the grading process. A kernel that could `require` them would
 * grade itself with the reference, so the sandbox (scripts/grading/sandbox-kernel.sh) mounts
 * this folder over the clear one: it holds only `sealed.js`, the release's sealed checks
 * (lib/exercises/sealed.ts: expected values as salted hashes, no reference code), so `check()`
 * keeps working in the kernel. It is built once per content of the compiled questions and kept
 * in `node_modules/.cache/rnnlab-grade-sealed/<hash>` (readable by the grading uid; sealed, so
 * nothing in it is secret).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** Files whose content decides the sealed folder: the question files and the code that seals them. */
function sealingInputs(root: string): string[] {
  const dir = clearQuestionsDir(root);
  const questions = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .sort()
    .map((f) => path.join(dir, f));
  return [...questions, ...["sealed.js", "expect.js", "registry.js"].map((f) => path.join(root, "dist", "exercises", f))];
}

/** The folder (absolute) of the clear compiled questions that the kernel must not see. */
export function clearQuestionsDir(root: string): string {
  return path.join(path.resolve(root), "dist", "questions");
}

/**
 * Builds (or reuses) the sealed question folder for the checkout at `root`; returns its path,
 * or null when the checkout has no compiled questions. Throws when a question cannot be sealed
 * (the grader then refuses to grade: the kernel would otherwise see the clear one).
 */
export function ensureSealedQuestions(root: string, log: (line: string) => void = () => undefined): string | null {
  root = path.resolve(root);
  if (!fs.existsSync(clearQuestionsDir(root))) return null;
  const h = createHash("sha256");
  for (const f of sealingInputs(root)) h.update(`${path.basename(f)}\u0000`).update(fs.readFileSync(f)).update("\u0000");
  const key = h.digest("hex").slice(0, 20);
  const cache = path.join(root, "node_modules", ".cache", "rnnlab-grade-sealed");
  const out = path.join(cache, key);
  if (fs.existsSync(path.join(out, "sealed.js"))) return out;
  const t0 = Date.now();
  /* eslint-disable @typescript-eslint/no-require-imports -- the checkout's compiled registry and sealing code, loaded at run time (not part of this build) */
  const registry = require(path.join(root, "dist", "exercises", "registry.js")) as { listQuestions(): unknown[] };
  const sealing = require(path.join(root, "dist", "exercises", "sealed.js")) as {
    sealQuestion(q: unknown): unknown;
    sealedQuestionsModule(list: unknown[], origin?: string): string;
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sealed = registry.listQuestions().map((q) => sealing.sealQuestion(q));
  fs.mkdirSync(cache, { recursive: true, mode: 0o755 });
  for (const d of [path.dirname(cache), cache]) fs.chmodSync(d, 0o755);
  const tmp = fs.mkdtempSync(path.join(cache, ".tmp-"));
  fs.writeFileSync(path.join(tmp, "sealed.js"), sealing.sealedQuestionsModule(sealed, "the grader for its kernels"), { mode: 0o644 });
  fs.chmodSync(path.join(tmp, "sealed.js"), 0o644);
  fs.chmodSync(tmp, 0o755);
  try {
    fs.renameSync(tmp, out);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another run made it meanwhile
  }
  // Earlier builds (of other question contents) are not needed any more.
  for (const e of fs.readdirSync(cache)) {
    if (e !== key && !e.startsWith(".tmp-")) fs.rmSync(path.join(cache, e), { recursive: true, force: true });
  }
  log(`sealed ${sealed.length} questions for the grading kernels in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}
