/**
 * Figures stand alone, in the classic Notebook, in Debian's Chromium (playwright-core):
 * a copy of notebook 00 is run through the UI, saved, and then every figure must
 * still draw
 * - after a reload of the page (no cell re-run: plotly.js comes from the server,
 *   `<baseUrl>static/rnnlab/plotly.min.js`, not from an earlier output),
 * - when the saved file is reopened in a fresh browser context (empty cache),
 * - after the first figure's output is cleared, saved and the page reloaded;
 * the saved file is small (no plotly.js, well under 1 MB); the live chart ends at
 * its last point; the same file opened untrusted shows a visible one-line note
 * per figure, never a blank 400 px gap; and where the server does not serve
 * plotly.js each figure says so. Screenshots: build/screenshots/figures-classic-*.png.
 *
 * RNNLAB_FIGURES_PORT: the server's port (default: any free port).
 */
import * as fs from "fs";
import * as path from "path";
import { Browser, BrowserContext, Page, chromium } from "playwright-core";
import { BUILD, NOTEBOOKS } from "../../scripts/paths";
import { CHROMIUM } from "../../scripts/system-deps";
const { startJupyter } = require("../../scripts/jupyter-server") as {
  startJupyter(o: Record<string, unknown>): Promise<{ baseUrl: string; token: string; stop(graceMs?: number): Promise<unknown> }>;
};

const SOURCE = path.join(NOTEBOOKS, "00_getting_started.ipynb");
const NAME = "00_getting_started.ipynb";
const UNTRUSTED = "00_untrusted_copy.ipynb";
const SHOTS = path.join(BUILD, "screenshots");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

jest.setTimeout(300_000);

let server: { baseUrl: string; token: string; stop(graceMs?: number): Promise<unknown> } | null = null;
let browser: Browser | null = null;
let context: BrowserContext;
let page: Page;
let workDir = "";
/** Figure outputs of the executed notebook (from the notebook's own JSON). */
let expected = 0;
const pageErrors: string[] = [];

type NotebookJson = { cells: { cell_type: string; outputs?: { data?: Record<string, unknown> }[] }[]; metadata: Record<string, unknown> };
type JupyterWindow = {
  Jupyter: {
    notebook: {
      _fully_loaded?: boolean;
      trusted: boolean;
      kernel?: { is_connected(): boolean };
      toJSON(): NotebookJson;
      execute_all_cells(): void;
      save_notebook(): Promise<unknown>;
      get_cells(): { cell_type: string; input_prompt_number?: unknown; get_text(): string; output_area: { outputs: { data?: Record<string, unknown> }[] }; clear_output(): void }[];
    };
  };
};

function url(name: string): string {
  return `${server!.baseUrl}/notebooks/${encodeURIComponent(name)}?token=${server!.token}`;
}

function htmlOf(data: Record<string, unknown> | undefined): string {
  const h = data?.["text/html"];
  return Array.isArray(h) ? h.join("") : typeof h === "string" ? h : "";
}

/** Number of figure outputs in a notebook's JSON. */
function figureOutputs(nb: NotebookJson): number {
  let n = 0;
  for (const c of nb.cells) for (const o of c.outputs ?? []) if (htmlOf(o.data).includes('class="rnnlab-plot"')) n += 1;
  return n;
}

async function openNotebook(p: Page, name: string): Promise<void> {
  await p.goto(url(name), { waitUntil: "domcontentloaded", timeout: 120_000 }); // generous: the machine may be busy
  await p.waitForFunction(() => !!(window as unknown as JupyterWindow).Jupyter?.notebook?._fully_loaded, null, { timeout: 120_000 });
}

/** Waits until `n` figures are drawn (an svg.main-svg in each) and returns how many `.rnnlab-plot` there are and how many are drawn. */
async function drawnFigures(p: Page, n: number): Promise<{ figures: number; drawn: number }> {
  await p
    .waitForFunction((k) => document.querySelectorAll(".rnnlab-plot.js-plotly-plot svg.main-svg").length >= k && document.querySelectorAll(".rnnlab-plot").length >= k, n, { timeout: 60_000 })
    .catch(() => undefined);
  return p.evaluate(() => ({
    figures: document.querySelectorAll(".rnnlab-plot").length,
    drawn: Array.from(document.querySelectorAll(".rnnlab-plot")).filter((f) => f.querySelector("svg.main-svg")).length,
  }));
}

async function save(p: Page): Promise<void> {
  await p.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.save_notebook());
}

beforeAll(async () => {
  fs.mkdirSync(BUILD, { recursive: true });
  workDir = fs.mkdtempSync(path.join(BUILD, "figures-"));
  fs.copyFileSync(SOURCE, path.join(workDir, NAME));
  const port = process.env.RNNLAB_FIGURES_PORT ? Number(process.env.RNNLAB_FIGURES_PORT) : 0;
  server = await startJupyter({ notebookDir: workDir, ui: "notebook", port, portExact: port !== 0, stdio: "pipe" });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
}, 180_000);

afterAll(async () => {
  if (browser) await browser.close();
  if (server) await server.stop(15_000);
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
}, 60_000);

test("run all, save: every figure draws, the live chart ends at its last point, the file is small", async () => {
  await openNotebook(page, NAME);
  await page.waitForFunction(() => !!(window as unknown as JupyterWindow).Jupyter.notebook.kernel?.is_connected(), null, { timeout: 120_000 });
  await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: 60_000 });
  await page.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.execute_all_cells());
  await page.waitForFunction(
    () => {
      const nb = (window as unknown as JupyterWindow).Jupyter.notebook;
      const code = nb.get_cells().filter((c) => c.cell_type === "code" && c.get_text().trim() !== "");
      return code.every((c) => typeof c.input_prompt_number === "number") && !!document.querySelector("#kernel_indicator_icon.kernel_idle_icon");
    },
    null,
    { timeout: 240_000, polling: 500 },
  );
  expected = figureOutputs(await page.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.toJSON()));
  expect(expected).toBeGreaterThanOrEqual(5);
  expect(await drawnFigures(page, expected)).toEqual({ figures: expected, drawn: expected });

  // The live chart's drawing ends at the last point of its final update.
  const live = await page.evaluate(() => {
    const el = Array.from(document.querySelectorAll(".rnnlab-plot")).find((f) => (f.getAttribute("aria-label") ?? "").includes("live line chart")) as
      | (Element & { data?: { x: number[] }[] })
      | undefined;
    const x = el?.data?.[0]?.x ?? [];
    return { found: !!el, last: x[x.length - 1], points: x.length };
  });
  expect(live.found).toBe(true);
  expect(live.last).toBe(200); // notebook 00 trains for steps 0..200
  expect(live.points).toBe(201);

  await save(page);
  const file = path.join(workDir, NAME);
  const text = fs.readFileSync(file, "utf8");
  expect(text).not.toContain("rnnlab-plotly-lib");
  expect(text).not.toContain("application/vnd.plotly.v1+json");
  expect(figureOutputs(JSON.parse(text) as NotebookJson)).toBe(expected);
  const kib = fs.statSync(file).size / 1024;
  expect(kib).toBeLessThan(1024);
  process.stdout.write(`figures (classic): ${expected} figures drawn; saved notebook 00 with outputs: ${kib.toFixed(0)} KiB\n`);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.locator(".rnnlab-plot").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, "figures-classic-run.png") });
});

test("after a reload, and reopened in a fresh browser context, every figure draws", async () => {
  expect(expected).toBeGreaterThan(0); // the first test ran the notebook
  await page.reload({ waitUntil: "domcontentloaded", timeout: 120_000 });
  await page.waitForFunction(() => !!(window as unknown as JupyterWindow).Jupyter?.notebook?._fully_loaded, null, { timeout: 120_000 });
  expect(await page.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.trusted)).toBe(true);
  expect(await drawnFigures(page, expected)).toEqual({ figures: expected, drawn: expected });

  const fresh = await browser!.newContext({ viewport: { width: 1280, height: 1400 } });
  const p2 = await fresh.newPage();
  p2.on("pageerror", (e) => pageErrors.push(String(e)));
  const plotlyRequests: string[] = [];
  p2.on("request", (r) => r.url().includes("plotly") && plotlyRequests.push(new URL(r.url()).pathname));
  await openNotebook(p2, NAME);
  expect(await drawnFigures(p2, expected)).toEqual({ figures: expected, drawn: expected });
  expect(plotlyRequests).toEqual(["/static/rnnlab/plotly.min.js"]); // once per page, same origin
  await p2.locator(".rnnlab-plot").last().scrollIntoViewIfNeeded();
  await p2.screenshot({ path: path.join(SHOTS, "figures-classic-reopened.png") });
  await fresh.close();
});

test("opened untrusted: each figure is a visible one-line note, no blank gap, nothing drawn", async () => {
  expect(expected).toBeGreaterThan(0); // the first test ran the notebook
  const nb = JSON.parse(fs.readFileSync(path.join(workDir, NAME), "utf8")) as NotebookJson;
  nb.metadata.received_from = "someone else"; // another file's content: no signature in this server's trust database
  fs.writeFileSync(path.join(workDir, UNTRUSTED), JSON.stringify(nb, null, 1));
  const p3 = await context.newPage();
  p3.on("pageerror", (e) => pageErrors.push(String(e)));
  await openNotebook(p3, UNTRUSTED);
  expect(await p3.evaluate(() => (window as unknown as JupyterWindow).Jupyter.notebook.trusted)).toBe(false);
  await p3.waitForTimeout(2_000); // time for anything that would (wrongly) draw
  const notes = await p3.evaluate(() =>
    Array.from(document.querySelectorAll(".output_html")).filter((o) => o.textContent?.includes("Interactive figure")).map((o) => ({
      text: (o.textContent ?? "").trim().replace(/\s+/g, " "),
      height: (o as HTMLElement).getBoundingClientRect().height,
      visible: (o as HTMLElement).offsetParent !== null,
    })),
  );
  expect(notes).toHaveLength(expected);
  for (const n of notes) {
    expect(n.visible).toBe(true);
    expect(n.text).toMatch(/^Interactive figure ".+": trust this notebook to draw it \(File > Trust Notebook; JupyterLab: command "Trust Notebook"\) or re-run the cell\.$/);
    expect(n.height).toBeGreaterThan(10);
    expect(n.height).toBeLessThan(120); // a note, not a 400 px gap
  }
  expect(await p3.locator("svg.main-svg").count()).toBe(0);
  await p3.locator(".output_html").first().scrollIntoViewIfNeeded();
  await p3.screenshot({ path: path.join(SHOTS, "figures-classic-untrusted.png") });
  await p3.close();
});

test("a server that does not serve plotly.js: each figure says so, none is blank", async () => {
  expect(expected).toBeGreaterThan(0); // the first test ran the notebook
  const ctx = await browser!.newContext({ viewport: { width: 1280, height: 1400 } });
  await ctx.route("**/static/rnnlab/plotly.min.js*", (route) => route.fulfill({ status: 404, body: "not found" }));
  const p4 = await ctx.newPage();
  await openNotebook(p4, NAME);
  await p4.waitForFunction((n) => Array.from(document.querySelectorAll(".rnnlab-plot-note")).filter((e) => /could not load plotly\.js/.test(e.textContent ?? "")).length >= n, expected, { timeout: 60_000 });
  const notes = await p4.evaluate(() => Array.from(document.querySelectorAll(".rnnlab-plot")).map((f) => (f.textContent ?? "").trim()));
  expect(notes).toHaveLength(expected);
  for (const n of notes) expect(n).toBe("Interactive figure not drawn: could not load plotly.js from /static/rnnlab/plotly.min.js (is this Jupyter server started with npm start?)");
  await ctx.close();
});

test("clearing the first figure's output, saving and reloading leaves the others drawing", async () => {
  expect(expected).toBeGreaterThan(0); // the first test ran the notebook
  await page.evaluate(() => {
    const nb = (window as unknown as JupyterWindow).Jupyter.notebook;
    const first = nb.get_cells().find((c) => c.cell_type === "code" && c.output_area.outputs.some((o) => String(o.data?.["text/html"] ?? "").includes('class="rnnlab-plot"')));
    first!.clear_output();
  });
  await save(page);
  await page.reload({ waitUntil: "domcontentloaded", timeout: 120_000 });
  await page.waitForFunction(() => !!(window as unknown as JupyterWindow).Jupyter?.notebook?._fully_loaded, null, { timeout: 120_000 });
  expect(await drawnFigures(page, expected - 1)).toEqual({ figures: expected - 1, drawn: expected - 1 });
  expect(pageErrors).toEqual([]);
});
