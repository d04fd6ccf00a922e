/**
 * `npm run release`, end to end, as an instructor and a student would use it:
 * - the release holds no solution body and no hidden-test line (searched in every text file,
 *   notebooks by their cell texts), no grader, no source map, no clear question file;
 * - it carries the JupyterLab front end's sources (jupyterlab/), not its node_modules or build;
 * - copied to a fresh folder, its README's two command lines set it up (`npm install`, with
 *   this machine's npm cache; it builds JupyterLab from jupyterlab/package-lock.json) and
 *   start Jupyter (`npm start`): JupyterLab, not the classic Notebook, with the rnnlab kernel;
 *   in Chromium, the student version of notebook 00 opens there and runs (Run All Cells)
 *   without an error, its checks showing "not yet";
 * - every student notebook runs through the real kernel of that folder without a cell
 *   error, and its checks fail gracefully ("Not yet" blocks, no stack trace).
 * Prints the time of each part.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../../scripts/paths";
import { runNotebooks, progressLine, NotebookResult } from "../../scripts/notebook-runner";
import { CHROMIUM } from "../../scripts/system-deps";
import { Browser, chromium } from "playwright-core";
import * as lab from "./jupyterlabPage";
const { release, secretTexts, findLeaks, LAB_FILES } = require("../../scripts/release.js") as {
  LAB_FILES: string[];
  release: (o: { out: string; log?: (l: string) => void }) => { notebooks: string[]; questions: number; seconds: number };
  secretTexts: () => { what: string; text: string }[];
  findLeaks: (dir: string, s: { what: string; text: string }[]) => { what: string; text: string; file: string }[];
};

const PORT = Number(process.env.RNNLAB_LAB_TEST_PORT) || 9517; // the course's `npm start` port (RNNLAB_LAB_TEST_PORT on a shared machine)
const work = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-release-test-"));
const course = path.join(work, "course");
const fresh = path.join(work, "fresh");
let built: ReturnType<typeof release>;

function print(line: string): void {
  process.stdout.write(line + "\n");
}

beforeAll(() => {
  built = release({ out: course, log: print });
  print(`release: ${built.notebooks.length} notebooks, ${built.questions} sealed checks in ${built.seconds.toFixed(1)} s`);
}, 120_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test("the release has no solution, no hidden test, no grader and no clear question file", () => {
  const secrets = secretTexts();
  expect(secrets.length).toBeGreaterThan(100);
  // The search finds them where they are (it can fail) ...
  expect(findLeaks(path.join(ROOT, "notebooks"), secrets).length).toBeGreaterThan(50);
  // ... and not in the release.
  expect(findLeaks(course, secrets)).toEqual([]);
  const files = spawnSync("find", [course, "-type", "f"], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map((f) => path.relative(course, f));
  expect(files.filter((f) => /(^|\/)hidden\/|\.map$|^dist\/grading\/|\.blob$/.test(f))).toEqual([]);
  expect(files.filter((f) => f.startsWith("dist/questions/"))).toEqual(["dist/questions/sealed.js"]);
  // JupyterLab's sources, to be built by the course's own `npm install`: no packages, no build output.
  expect(LAB_FILES.every((f) => fs.existsSync(path.join(course, "jupyterlab", f)))).toBe(true);
  expect(files.filter((f) => /^jupyterlab\/(node_modules|build)\//.test(f))).toEqual([]);
  const sealed = fs.readFileSync(path.join(course, "dist/questions/sealed.js"), "utf8");
  expect(sealed).not.toMatch(/Reference|function\s*\(|=>/);
  expect(built.notebooks.length).toBe(fs.readdirSync(path.join(ROOT, "notebooks")).filter((n) => n.endsWith(".ipynb")).length);
});

/** GET on the server the test started; resolves to { status, body }. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let b = "";
        res.on("data", (d) => (b += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: b }));
      })
      .on("error", reject);
  });
}

describe("installed in a fresh folder with its own two command lines", () => {
  const env = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_prefer_offline: "true", CI: "1", RNNLAB_PORT: String(PORT) };
  let commands: string[] = [];
  let start: ChildProcess | null = null;
  let startLog = "";
  let openUrl = "";
  let browser: Browser | null = null;

  function stopStart(): void {
    if (!start) return;
    try {
      process.kill(-start.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    start = null;
  }

  beforeAll(async () => {
    spawnSync("cp", ["-r", course, fresh]);
    const readme = fs.readFileSync(path.join(fresh, "README.md"), "utf8");
    const block = /```sh\n([\s\S]*?)```/.exec(readme);
    commands = (block ? block[1] : "").split("\n").map((l) => l.trim()).filter(Boolean);
    expect(commands).toEqual(["npm install", "npm start"]);
    let t0 = Date.now();
    const install = spawnSync("sh", ["-c", commands[0]], { cwd: fresh, env, encoding: "utf8", timeout: 900_000 });
    if (install.status !== 0) throw new Error(`npm install failed:\n${(install.stdout + install.stderr).slice(-3000)}`);
    const labLines = (install.stdout + install.stderr).split("\n").filter((l) => /JupyterLab/.test(l));
    const labLine = labLines.map((l) => l.trim()).join("; ") || "no JupyterLab line";
    print(`release: npm install in the fresh folder: ${((Date.now() - t0) / 1000).toFixed(1)} s (load ${os.loadavg()[0].toFixed(1)}); ${labLine}`);
    // npm start: Jupyter comes up; its "Open:" line gives the URL.
    t0 = Date.now();
    start = spawn("sh", ["-c", commands[1]], { cwd: fresh, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const child = start;
    openUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no URL in 120 s:\n${startLog.slice(-2000)}`)), 120_000);
      const onData = (d: Buffer): void => {
        startLog += d.toString();
        const m = /Open:\s+(http:\/\/127\.0\.0\.1:\d+\/\S*token=[0-9a-f]+)/.exec(startLog);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
    });
    print(`release: npm start served Jupyter in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }, 1_200_000);

  afterAll(async () => {
    if (browser) await browser.close();
    stopStart();
  });

  test("npm install built JupyterLab from the release's jupyterlab/", () => {
    expect(fs.existsSync(path.join(fresh, "jupyterlab", "build", "bundle.js"))).toBe(true);
    expect(fs.existsSync(path.join(fresh, "jupyterlab", "build", "BUILD-FAILED.txt"))).toBe(false);
  });

  test("npm start serves JupyterLab (not the classic Notebook) with the rnnlab kernel", async () => {
    const u = new URL(openUrl);
    expect(u.port).toBe(String(PORT));
    expect(u.pathname).toBe("/lab");
    expect(startLog).not.toMatch(/WARNING|classic Notebook|building JupyterLab/); // no fallback, nothing rebuilt at start
    const token = u.searchParams.get("token")!;
    const page = await get(`${u.origin}/lab?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("jupyter-config-data");
    const bundle = /<script src="([^"]*\/bundle\.js)"/.exec(page.body);
    expect(bundle).not.toBeNull();
    expect((await get(new URL(bundle![1], u.origin).href)).status).toBe(200); // the build the install made, served
    const specs = await get(`${u.origin}/api/kernelspecs?token=${token}`);
    expect(Object.keys((JSON.parse(specs.body) as { kernelspecs: Record<string, unknown> }).kernelspecs)).toContain("rnnlab");
  });

  test("in Chromium, a student notebook opens in JupyterLab and runs (Run All Cells) without an error", async () => {
    const u = new URL(openUrl);
    const name = "00_getting_started.ipynb";
    const t0 = Date.now();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: lab.CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await lab.openNotebook(page, u.origin, u.searchParams.get("token")!, name);
    expect((await lab.modelSummary(page)).kernelName).toBe("rnnlab");
    const seconds = await lab.runAllCells(page, name);
    const summary = await lab.modelSummary(page);
    expect(summary.errors).toEqual([]);
    expect(summary.executed).toBe(summary.codeCells);
    // The student version: its checks are unanswered, each a red "not yet" block in the page.
    const checks = await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .rnnlab-check").count();
    expect(checks).toBeGreaterThan(0);
    expect(await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .rnnlab-check-pass").count()).toBe(0);
    expect(pageErrors).toEqual([]);
    print(`release: ${name} in JupyterLab (Chromium): ${summary.codeCells} cells ran in ${seconds.toFixed(1)} s, ${checks} check blocks, ${summary.figureOutputs} figures; ${((Date.now() - t0) / 1000).toFixed(1)} s with the browser's start (load ${os.loadavg()[0].toFixed(1)})`);
    await browser.close();
    browser = null;
  }, 600_000);

  test("every student notebook runs in the installed kernel, its checks failing gracefully", async () => {
    stopStart(); // the notebooks below run through Jupyter's client, not this server
    const notebooks = fs.readdirSync(path.join(fresh, "notebooks")).filter((n) => n.endsWith(".ipynb")).sort().map((n) => path.join(fresh, "notebooks", n));
    const t0 = Date.now();
    const results: NotebookResult[] = await runNotebooks(notebooks, {
      outDir: path.join(work, "executed"),
      env: { ...process.env, JUPYTER_PATH: path.join(fresh, ".jupyter-prefix", "share", "jupyter") },
      onResult: (r, done, total) => print(progressLine(r, done, total)),
    });
    print(`release: ${notebooks.length} student notebooks in ${((Date.now() - t0) / 1000).toFixed(1)} s (load ${os.loadavg()[0].toFixed(1)})`);
    expect(results.length).toBe(built.notebooks.length);
    const bad = results.filter((r) => r.status !== "ok").map((r) => `${r.name}: ${r.status} ${r.message ?? ""} ${JSON.stringify(r.failures).slice(0, 800)}`);
    expect(bad).toEqual([]);
    const checks = results.flatMap((r) => r.checks.blocks.map((b) => ({ ...b, name: r.name })));
    expect(checks.length).toBeGreaterThanOrEqual(built.questions - 1);
    // Unanswered: every check says "not yet" with a reason, none passes, none shows a stack trace.
    expect(checks.filter((b) => b.result !== "fail").map((b) => `${b.name}: ${b.text}`)).toEqual([]);
    expect(checks.filter((b) => /\n\s+at |Error: .*\n/.test(b.text))).toEqual([]);
  }, 1_800_000);
});
