/**
 * JupyterLab seen from a Chromium page (window.jupyterapp is set by jupyterlab/index.js),
 * shared by the e2e tests that drive the project's JupyterLab: browser-lab.test.ts (the
 * checkout's `npm start`) and release.test.ts (a released course's `npm start`).
 */
import { Page } from "playwright-core";

/** Debian's Chromium, headless, nothing fetched from the network by the browser itself. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Waits until JupyterLab shows `name` as the current notebook with an idle, connected kernel. */
export async function waitNotebookReady(page: Page, name: string, timeout = 240_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const app = (window as any).jupyterapp;
      const w = app?.shell?.currentWidget;
      const kernel = w?.sessionContext?.session?.kernel;
      return !!w && w.context?.path === n && w.context.isReady && !!kernel && kernel.status === "idle" && kernel.connectionStatus === "connected";
    },
    name,
    { timeout, polling: 250 },
  );
}

/** Opens `name` (a path below the server's notebook folder) at /lab/tree/ and waits until it is ready. */
export async function openNotebook(page: Page, origin: string, token: string, name: string): Promise<void> {
  await page.goto(`${origin}/lab/tree/${encodeURIComponent(name)}?token=${token}`);
  await waitNotebookReady(page, name);
}

/** Runs a JupyterLab command; one that opens a dialog would wait for it: never more than a minute, and says which. */
export async function labCommand(page: Page, id: string, args: Record<string, unknown> = {}): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const run = page.evaluate(([i, a]) => (window as any).jupyterapp.commands.execute(i, a), [id, args] as const); // eslint-disable-line @typescript-eslint/no-explicit-any
  const limit = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`JupyterLab command ${id} did not finish within 60 s (a dialog open?)`)), 60_000)));
  try {
    await Promise.race([run, limit]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ModelSummary {
  codeCells: number;
  executed: number;
  figureOutputs: number;
  errors: string[];
  kernelName: string;
  dirty: boolean;
}

/** What the current notebook's model holds (outputs as they would be saved). */
export async function modelSummary(page: Page): Promise<ModelSummary> {
  return page.evaluate(() => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const w = (window as any).jupyterapp.shell.currentWidget;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const cells: any[] = w.content.model.toJSON().cells;
    const code = cells.filter((c) => c.cell_type === "code" && String(Array.isArray(c.source) ? c.source.join("") : c.source).trim() !== "");
    const errors: string[] = [];
    let figureOutputs = 0;
    for (const c of code)
      for (const o of c.outputs) {
        if (o.output_type === "error") errors.push(`${o.ename}: ${o.evalue}`);
        if (o.output_type === "stream" && o.name === "stderr") errors.push(String(o.text).slice(0, 300));
        const html = o.data?.["text/html"];
        if (html && String(Array.isArray(html) ? html.join("") : html).includes('class="rnnlab-plot"')) figureOutputs += 1;
      }
    return {
      codeCells: code.length,
      executed: code.filter((c) => typeof c.execution_count === "number").length,
      figureOutputs,
      errors,
      kernelName: w.sessionContext.session?.kernel?.name ?? "",
      dirty: w.context.model.dirty,
    };
  });
}

/**
 * JupyterLab's own "Run All Cells" on the current notebook; resolves when every code cell ran
 * and the kernel is idle (throws after `limitMs`, naming how far it got). Returns the seconds taken.
 */
export async function runAllCells(page: Page, name: string, limitMs = 300_000): Promise<number> {
  const t0 = Date.now();
  await labCommand(page, "notebook:run-all-cells");
  for (;;) {
    const s = await modelSummary(page);
    const idle = await page.evaluate(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      () => (window as any).jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === "idle",
    );
    if (s.executed === s.codeCells && idle) break;
    if (Date.now() - t0 > limitMs) throw new Error(`${name}: not done after ${limitMs / 1000} s (${s.executed}/${s.codeCells} cells ran)`);
    await page.waitForTimeout(500);
  }
  return (Date.now() - t0) / 1000;
}
