/**
 * Real browser, real Jupyter: `npm start`'s own script (scripts/start.js, classic
 * Notebook, random free port, token) serves temporary copies of notebooks 00, 03
 * and 04 (training, with a live loss curve), each opened in turn;
 * Debian's Chromium (through playwright-core, never a downloaded browser) opens
 * it, runs every cell through the UI (Cell menu -> Run All) and waits for the
 * kernel to go idle. Then: every figure rendered (an `svg.main-svg` inside each
 * `.rnnlab-plot`), no cell shows an error (no stderr/error outputs), the check
 * blocks are there (notebook 00). Screenshots: build/screenshots/notebook-NN.png.
 * The same notebooks in JupyterLab: browser-lab.test.ts; figures after reload,
 * reopening, untrusted, cleared outputs in the classic Notebook: figures-classic.test.ts.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Browser, Page, chromium } from "playwright-core";
import { BUILD, NOTEBOOKS, ROOT } from "../../scripts/paths";
import { CHROMIUM } from "../../scripts/system-deps";
import { stopProcess } from "./stopProcess";

/** RNNLAB_BROWSER_NOTEBOOK: other notebooks to open, comma-separated paths (for developing this test). */
const SOURCES = process.env.RNNLAB_BROWSER_NOTEBOOK
  ? process.env.RNNLAB_BROWSER_NOTEBOOK.split(",").map((p) => path.resolve(p))
  : ["00_getting_started.ipynb", "03_vanishing_and_exploding_gradients.ipynb", "04_lstm_and_gru.ipynb"].map((n) => path.join(NOTEBOOKS, n));
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

jest.setTimeout(300_000);

let server: ChildProcess | null = null;
let serverLog = "";
let browser: Browser | null = null;
let page: Page;
let workDir = "";
let origin = "";
let token = "";
const pageErrors: string[] = [];

/** Starts scripts/start.js and resolves to the "Open:" URL it prints. */
function startServer(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "scripts", "start.js"), "--classic", "--no-browser", "--port", "0", "--notebook-dir", dir], {
      cwd: ROOT,
      env: { ...process.env, CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server = child;
    const timer = setTimeout(() => reject(new Error(`npm start did not print its URL within 120 s:\n${serverLog}`)), 120_000);
    const onData = (d: Buffer) => {
      serverLog += d.toString();
      const m = /Open:\s+(http:\/\/\S+\?token=\w+)/.exec(serverLog);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited early (code ${code}):\n${serverLog}`));
    });
  });
}

beforeAll(async () => {
  for (const s of SOURCES) if (!fs.existsSync(s)) throw new Error(`${s} does not exist`);
  // A temporary notebook folder inside the repository (so `rnnlab` resolves through node_modules), the repo stays clean.
  fs.mkdirSync(BUILD, { recursive: true });
  workDir = fs.mkdtempSync(path.join(BUILD, "browser-"));
  for (const s of SOURCES) fs.copyFileSync(s, path.join(workDir, path.basename(s)));
  const url = await startServer(workDir);
  const u = new URL(url);
  origin = u.origin;
  token = u.searchParams.get("token")!;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
}, 180_000);

afterAll(async () => {
  if (browser) await browser.close();
  await stopProcess(server);
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
}, 60_000);

describe.each(SOURCES.map((s) => path.basename(s)))("classic Notebook: %s", (NAME) => {
  test("npm start serves the notebook with the rnnlab kernel", async () => {
    await page.goto(`${origin}/notebooks/${encodeURIComponent(NAME)}?token=${token}`);
    await page.waitForFunction(
      () => {
        const j = (window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean; name: string } } } }).Jupyter;
        return !!j?.notebook?.kernel?.is_connected();
      },
      null,
      { timeout: 120_000 },
    );
    const kernelName = await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { kernel: { name: string } } } }).Jupyter.notebook.kernel.name);
    expect(kernelName).toBe("rnnlab");
    await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: 60_000 });
  });

  test("Cell > Run All runs every cell; figures render, no errors, checks shown", async () => {
    const t0 = Date.now();
    await page.click("#celllink");
    await page.click("#run_all_cells > a");
    // Done when every code cell has a numeric prompt and the kernel is idle.
    await page.waitForFunction(
      () => {
        type Cell = { cell_type: string; input_prompt_number?: number | string | null; get_text(): string };
        const nb = (window as unknown as { Jupyter: { notebook: { get_cells(): Cell[] } } }).Jupyter.notebook;
        const code = nb.get_cells().filter((c) => c.cell_type === "code" && c.get_text().trim() !== "");
        const done = code.every((c) => typeof c.input_prompt_number === "number");
        return done && !!document.querySelector("#kernel_indicator_icon.kernel_idle_icon");
      },
      null,
      { timeout: 240_000, polling: 500 },
    );
    process.stdout.write(`browser: ${NAME} ran all cells in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

    // Every figure drawn: each .rnnlab-plot became a plotly graph with its SVG.
    const figures = page.locator(".rnnlab-plot");
    await page.waitForFunction(
      () => {
        const figs = Array.from(document.querySelectorAll(".rnnlab-plot"));
        return figs.length > 0 && figs.every((f) => f.querySelector("svg.main-svg"));
      },
      null,
      { timeout: 60_000 },
    ).catch(() => undefined);
    const nFigures = await figures.count();
    const drawn = await page.locator(".rnnlab-plot.js-plotly-plot:has(svg.main-svg)").count();
    expect(nFigures).toBeGreaterThan(0);
    expect(drawn).toBe(nFigures);

    // No cell shows an error.
    const stderr = await page.locator(".output_stderr").allInnerTexts();
    const errors = await page.locator(".output_error").allInnerTexts();
    expect([...stderr, ...errors]).toEqual([]);
    expect(pageErrors).toEqual([]);

    // The exercise check blocks are there (they pass: this is the solution version).
    const checks = await page.locator(".rnnlab-check").count();
    if (NAME.startsWith("00_")) expect(checks).toBeGreaterThan(0);
    expect(await page.locator(".rnnlab-check-fail").count()).toBe(0);

    const SCREENSHOT = path.join(BUILD, "screenshots", `notebook-${NAME.slice(0, 2)}.png`);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.locator(".rnnlab-plot").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
    process.stdout.write(`browser: ${nFigures} figure(s) rendered, ${checks} check block(s); screenshot ${path.relative(ROOT, SCREENSHOT)}\n`);
  });
});
