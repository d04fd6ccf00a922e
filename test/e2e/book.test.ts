/**
 * The static HTML book (`npm run book`): built from every notebook (reusing the
 * executions the notebook test made earlier in the same `npm test` run), with an
 * index linking one page per notebook; no page refers to anything on the
 * network; and one page, opened from file:// in Chromium with the network cut
 * off, draws its plots (SVG) and typesets its LaTeX (local MathJax) without any
 * request leaving the machine. Screenshot: build/screenshots/book-00.png.
 */
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { Browser, chromium } from "playwright-core";
import { buildBook, BookEntry } from "../../scripts/book";
import { BUILD, NOTEBOOKS, ROOT } from "../../scripts/paths";
import { CHROMIUM } from "../../scripts/system-deps";
import { listNotebooks } from "../../scripts/notebook-runner";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** RNNLAB_E2E_NOTEBOOKS: another folder of notebooks (inside the repository), for developing this test. */
const notebooks = listNotebooks(process.env.RNNLAB_E2E_NOTEBOOKS ? path.resolve(process.env.RNNLAB_E2E_NOTEBOOKS) : NOTEBOOKS);
const BOOK = path.join(BUILD, "book");
const SCREENSHOT = path.join(BUILD, "screenshots", "book-00.png");

jest.setTimeout(180_000);

let entries: BookEntry[] = [];
let browser: Browser | null = null;

beforeAll(async () => {
  if (notebooks.length === 0) throw new Error("no notebooks to build a book from");
  const r = await buildBook({ notebooks, outDir: BOOK, reuse: "run", log: (l) => process.stdout.write(l + "\n") });
  entries = r.entries;
}, Math.max(1, notebooks.length) * 240_000);

afterAll(async () => {
  if (browser) await browser.close();
});

test("index.html links one page per notebook, with title, status and run time", () => {
  const index = fs.readFileSync(path.join(BOOK, "index.html"), "utf8");
  expect(entries).toHaveLength(notebooks.length);
  for (const e of entries) {
    expect(fs.existsSync(path.join(BOOK, e.href))).toBe(true);
    expect(index).toContain(`href="${e.href}"`);
    expect(e.title.length).toBeGreaterThan(0);
    expect(index).toContain(`${e.seconds.toFixed(1)} s`);
  }
});

test("no page loads anything from the network (scripts, styles, fonts)", () => {
  const files = fs.readdirSync(BOOK).filter((f) => f.endsWith(".html") || f.endsWith(".css"));
  const remote: string[] = [];
  const patterns = [
    /<script\b[^>]*\bsrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
    /<link\b[^>]*\bhref\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
    /<(?:img|iframe|source)\b[^>]*\bsrc\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
    /@import\s+(?:url\()?["']?((?:https?:)?\/\/[^"')\s]+)/gi,
    /url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi,
  ];
  for (const f of files) {
    const text = fs.readFileSync(path.join(BOOK, f), "utf8");
    for (const re of patterns) for (const m of text.matchAll(re)) remote.push(`${f}: ${m[1]}`);
  }
  expect(remote).toEqual([]);
  // The shared assets are there, and no page embeds plotly.js itself.
  expect(fs.existsSync(path.join(BOOK, "mathjax", "MathJax.js"))).toBe(true);
  expect(fs.readdirSync(BOOK).some((f) => /^plotly(\.min)?\.js$/.test(f))).toBe(true);
  for (const f of files.filter((x) => x.endsWith(".html"))) {
    expect(fs.readFileSync(path.join(BOOK, f), "utf8")).not.toMatch(/id=["']rnnlab-plotly-lib["'][^>]*>\s*\S/);
  }
});

test("a page opened offline draws its plots and typesets its LaTeX, with no request leaving the machine", async () => {
  const page00 = entries.find((e) => e.href.startsWith("00_")) ?? entries[0];
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1600 }, offline: true });
  const outside: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file://") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(pathToFileURL(path.join(BOOK, page00.href)).href);

  const html = fs.readFileSync(path.join(BOOK, page00.href), "utf8");
  const figures = (html.match(/class="rnnlab-plot"/g) ?? []).length;
  expect(figures).toBeGreaterThan(0);
  await page.waitForFunction((n) => document.querySelectorAll(".rnnlab-plot.js-plotly-plot svg.main-svg").length >= n, figures, { timeout: 60_000 });

  const hasMath = /\$[^$\n]+\$|\\\(|\$\$/.test(html);
  expect(hasMath).toBe(true);
  await page.waitForFunction(() => document.querySelectorAll(".mjx-chtml").length > 0, null, { timeout: 60_000 });
  await page.waitForFunction(() => {
    const mj = (window as unknown as { MathJax?: { Hub?: { queue?: { pending: number; running: number } } } }).MathJax;
    return !!mj?.Hub?.queue && mj.Hub.queue.pending === 0 && mj.Hub.queue.running === 0;
  }, null, { timeout: 60_000 });
  expect(await page.locator(".MathJax_Error, .mjx-merror").count()).toBe(0);

  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  // Show the first figure with the text (and LaTeX) just above it.
  await page.evaluate(() => {
    const fig = document.querySelector(".rnnlab-plot");
    if (fig) window.scrollTo(0, Math.max(0, fig.getBoundingClientRect().top + window.scrollY - 500));
  });
  await page.screenshot({ path: SCREENSHOT });
  process.stdout.write(`book: ${page00.href}: ${figures} figure(s) drawn, LaTeX typeset offline; screenshot ${path.relative(ROOT, SCREENSHOT)}\n`);
});

test("every page draws every figure offline (plotly.js once per page, from the book's own copy)", async () => {
  if (!browser) browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, offline: true });
  const plotlyLoads: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (/plotly[^/]*\.js$/.test(url)) plotlyLoads.push(url);
    if (url.includes("/mathjax/")) return route.abort(); // LaTeX is checked above; here only figures (faster)
    return url.startsWith("file://") || url.startsWith("data:") || url.startsWith("blob:") ? route.continue() : route.abort();
  });
  const summary: string[] = [];
  for (const e of entries) {
    const html = fs.readFileSync(path.join(BOOK, e.href), "utf8");
    const figures = (html.match(/class="rnnlab-plot"/g) ?? []).length;
    if (figures === 0) continue;
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(String(err)));
    plotlyLoads.length = 0;
    await page.goto(pathToFileURL(path.join(BOOK, e.href)).href);
    await page
      .waitForFunction((n) => document.querySelectorAll(".rnnlab-plot.js-plotly-plot svg.main-svg").length >= n, figures, { timeout: 60_000 })
      .catch(() => undefined);
    const drawn = await page.evaluate(() => Array.from(document.querySelectorAll(".rnnlab-plot")).filter((f) => f.querySelector("svg.main-svg")).length);
    const notes = await page.locator(".rnnlab-plot-note").count();
    expect({ page: e.href, drawn, notes, errors, plotlyLoads: plotlyLoads.length }).toEqual({ page: e.href, drawn: figures, notes: 0, errors: [], plotlyLoads: 1 });
    summary.push(`${e.href} ${drawn}/${figures}`);
    await page.close();
  }
  await context.close();
  process.stdout.write(`book: every figure drawn offline: ${summary.join(", ")}\n`);
}, 600_000);
