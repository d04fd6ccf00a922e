/**
 * The progress display of the training loop: a loss curve that updates in place
 * in a notebook, and a plain progress line in a terminal.
 *
 * The curve is a small self-contained SVG (no plotting library needed, so it
 * also survives export to HTML); updates are throttled so drawing never costs
 * more than a few percent of the training time.
 */
import { escapeHtml, inNotebook, newDisplayHandle, DisplayHandle } from "../display/bundle";

/** Options of the live loss curve. */
export interface LiveCurveOptions {
  /** Title above the curve (default "training loss"). */
  title?: string;
  /** Draw the loss on a logarithmic axis (default: true when the loss spans > 2 decades and stays > 0). */
  logY?: boolean;
  /** Minimum milliseconds between two redraws (default 250). */
  intervalMs?: number;
  /** Width and height of the SVG in pixels (default 520 × 240). */
  width?: number;
  height?: number;
}

const fmt = (v: number): string => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4)) : String(v));

/** Reduces a long series to at most `max` points, keeping each bucket's mean. */
function downsample(y: readonly number[], max: number): { x: number[]; y: number[] } {
  if (y.length <= max) return { x: y.map((_, i) => i), y: [...y] };
  const bucket = y.length / max;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < max; k++) {
    const a = Math.floor(k * bucket);
    const b = Math.max(a + 1, Math.floor((k + 1) * bucket));
    let s = 0;
    for (let i = a; i < b; i++) s += y[i];
    xs.push((a + b - 1) / 2);
    ys.push(s / (b - a));
  }
  return { x: xs, y: ys };
}

/** An SVG line plot of the loss against the step (finite values only). */
export function lossCurveSvg(loss: readonly number[], options: LiveCurveOptions = {}, status = ""): string {
  const W = options.width ?? 520;
  const H = options.height ?? 240;
  const m = { l: 64, r: 12, t: 28, b: 36 };
  const finite = loss.filter((v) => Number.isFinite(v));
  const positive = finite.length > 0 && finite.every((v) => v > 0);
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  const logY = options.logY ?? (positive && hi / Math.max(lo, 1e-300) > 100);
  const f = (v: number): number => (logY ? Math.log10(Math.max(v, 1e-300)) : v);
  let y0 = f(lo);
  let y1 = f(hi);
  if (y1 - y0 < 1e-12) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  const n = Math.max(loss.length - 1, 1);
  const sx = (x: number): number => m.l + ((W - m.l - m.r) * x) / n;
  const sy = (v: number): number => m.t + ((H - m.t - m.b) * (y1 - f(v))) / (y1 - y0);
  const ds = downsample(loss.map((v) => (Number.isFinite(v) ? v : hi)), 600);
  const pts = ds.x.map((x, i) => `${sx(x).toFixed(1)},${sy(ds.y[i]).toFixed(1)}`).join(" ");
  const tick = (v: number): string => (logY ? `1e${Math.round(v)}` : fmt(v));
  const yTicks = [y0, (y0 + y1) / 2, y1];
  const title = escapeHtml(options.title ?? "training loss");
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<rect x="0" y="0" width="${W}" height="${H}" fill="white"/>`,
    `<text x="${m.l}" y="16" font-size="13">${title}</text>`,
    `<text x="${W - m.r}" y="16" text-anchor="end" fill="#555">${escapeHtml(status)}</text>`,
    `<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#bbb"/>`,
    ...yTicks.map((v) => {
      const yy = m.t + ((H - m.t - m.b) * (y1 - v)) / (y1 - y0);
      return `<text x="${m.l - 4}" y="${(yy + 4).toFixed(1)}" text-anchor="end">${logY ? tick(v) : fmt(v)}</text>`;
    }),
    `<text x="${m.l}" y="${H - m.b + 14}">0</text>`,
    `<text x="${W - m.r}" y="${H - m.b + 14}" text-anchor="end">${loss.length - 1}</text>`,
    `<text x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle">step</text>`,
    `<polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="${pts}"/>`,
    `</svg>`,
  ];
  return parts.join("");
}

/** Where progress goes: an in-place curve (notebook), a progress line (terminal), or nowhere. */
export class TrainingProgress {
  private handle: DisplayHandle | null = null;
  private lastDraw = 0;
  private lastLog = 0;
  private readonly interval: number;
  private readonly tty: boolean;

  constructor(
    readonly live: boolean,
    readonly log: boolean,
    readonly options: LiveCurveOptions = {},
  ) {
    this.interval = options.intervalMs ?? 250;
    this.tty = Boolean(process.stdout && process.stdout.isTTY);
    if (live && inNotebook()) this.handle = newDisplayHandle();
  }

  /** Called after every step; redraws or prints when enough time has passed (or `force`). */
  update(loss: readonly number[], status: string, force = false): void {
    const now = Date.now();
    if (this.handle) {
      if (force || now - this.lastDraw >= this.interval) {
        this.lastDraw = now;
        this.handle.update({
          "text/html": lossCurveSvg(loss, this.options, status),
          "text/plain": `train: ${status}`,
        });
      }
    } else if (this.log) {
      // Terminal: overwrite one line on a TTY; otherwise a line at most every 2 s (and at the end).
      if (this.tty) {
        if (force || now - this.lastLog >= 100) {
          this.lastLog = now;
          process.stdout.write(`\rtrain: ${status}\x1b[K${force ? "\n" : ""}`);
        }
      } else if (force || now - this.lastLog >= 2000) {
        this.lastLog = now;
        console.log(`train: ${status}`);
      }
    }
  }
}
