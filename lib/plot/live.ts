/**
 * A line chart that grows while a loop runs (e.g. the loss during training) and
 * redraws in place in one output area. Redraws are throttled (default at most
 * 4 per second); outside a notebook a plain progress line is printed instead.
 *
 * @example
 * const live = liveLineChart({ title: "Training loss", xLabel: "step", logY: true });
 * for (let step = 0; step < 500; step++) live.push(step, { train: trainLoss(), test: testLoss() });
 * live.done();
 */
import { RnnlabError, describeValue } from "../core/errors";
import { DisplayHandle, inNotebook, newDisplayHandle } from "../display/bundle";
import { lineChart } from "./charts";
import { Figure } from "./figure";
import { ChartLayout, PlotSeries } from "./types";
import { checkOptions } from "../core/options";

/** Options of `liveLineChart`. */
export interface LiveLineChartOptions extends ChartLayout {
  /** Names of the curves when values are pushed as arrays (default "series 0", ...). */
  names?: string[];
  /** Minimum time between two redraws in a notebook, in ms (default 250, i.e. ≤ 4 per second). */
  minIntervalMs?: number;
  /** Minimum time between two progress lines in a terminal, in ms (default 2000). */
  terminalIntervalMs?: number;
  /** Label of the step in progress lines (default "step"). */
  stepLabel?: string;
  /**
   * At most this many points per curve are drawn (default 2000): longer curves are
   * shown as means over equal buckets of steps, so redraws stay fast and notebooks
   * small. `values` keeps every point. Use Infinity to draw all.
   */
  maxPoints?: number;
}

/**
 * Bucket means of a curve: `n` points become at most `maxPoints`, each the mean of
 * the finite values of a run of consecutive steps (NaN when a run has none).
 */
export function bucketMeans(steps: readonly number[], values: readonly number[], maxPoints: number): { x: number[]; y: number[] } {
  const n = steps.length;
  if (n <= maxPoints) return { x: [...steps], y: [...values] };
  const x: number[] = [];
  const y: number[] = [];
  for (let b = 0; b < maxPoints; b++) {
    const lo = Math.floor((b * n) / maxPoints);
    const hi = Math.floor(((b + 1) * n) / maxPoints);
    let sx = 0;
    let sy = 0;
    let count = 0;
    for (let i = lo; i < hi; i++) {
      sx += steps[i];
      if (Number.isFinite(values[i])) {
        sy += values[i];
        count += 1;
      }
    }
    x.push(sx / (hi - lo));
    y.push(count > 0 ? sy / count : NaN);
  }
  return { x, y };
}

/** A live line chart: push points, it redraws itself in place. */
export class LiveLineChart {
  /** The step (x value) of every push. */
  readonly steps: number[] = [];
  /** The curves by name; a curve missing at some step has NaN there (drawn as a gap). */
  readonly values = new Map<string, number[]>();
  private readonly handle: DisplayHandle | null;
  private readonly notebook: boolean;
  private lastDraw = -Infinity;
  private lastPrint = -Infinity;
  private pending = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly options: LiveLineChartOptions = {}) {
    checkOptions("LiveLineChart", options, ["names", "minIntervalMs", "terminalIntervalMs", "stepLabel", "maxPoints", "title", "xLabel", "yLabel", "logX", "logY", "y2Label", "logY2", "width", "height", "xRange", "yRange", "showLegend", "equalAxes"]);
    for (const key of ["minIntervalMs", "terminalIntervalMs"] as const) {
      const v = options[key];
      if (v !== undefined && (typeof v !== "number" || !(v >= 0))) throw new RnnlabError(`liveLineChart: ${key} must be a number >= 0, got ${describeValue(v)}`);
    }
    const mp = options.maxPoints;
    if (mp !== undefined && (typeof mp !== "number" || !(mp >= 2) || (Number.isFinite(mp) && !Number.isInteger(mp)))) {
      throw new RnnlabError(`liveLineChart: maxPoints must be an integer >= 2 or Infinity, got ${describeValue(mp)}`);
    }
    this.notebook = inNotebook();
    this.handle = this.notebook ? newDisplayHandle() : null;
  }

  /**
   * Adds one point per curve at `step`.
   *
   * @param step - the x value (e.g. the epoch or update number); finite
   * @param values - one number (a single curve), an array (one per name), or `{name: value}`.
   *   Non-finite values (a diverging loss) are kept and drawn as gaps; they do not throw.
   */
  push(step: number, values: number | ArrayLike<number> | Record<string, number>): void {
    if (typeof step !== "number" || !Number.isFinite(step)) throw new RnnlabError(`LiveLineChart.push: step must be a finite number, got ${describeValue(step)}`);
    const named = this.toNamed(values);
    const n = this.steps.length;
    this.steps.push(step);
    for (const [name, v] of Object.entries(named)) {
      let curve = this.values.get(name);
      if (!curve) {
        curve = new Array<number>(n).fill(NaN);
        this.values.set(name, curve);
      }
      curve.push(v);
    }
    for (const curve of this.values.values()) if (curve.length < n + 1) curve.push(NaN);
    this.pending = true;
    const now = Date.now();
    if (this.notebook) {
      if (now - this.lastDraw >= (this.options.minIntervalMs ?? 250)) this.update();
      else this.scheduleTrailingDraw();
    } else if (now - this.lastPrint >= (this.options.terminalIntervalMs ?? 2000)) {
      this.lastPrint = now;
      console.log(this.progressLine());
    }
  }

  /** Redraws now (in a terminal: prints the progress line). */
  update(): void {
    this.clearTimer();
    this.pending = false;
    this.lastDraw = Date.now();
    if (!this.handle) {
      console.log(this.progressLine());
      return;
    }
    // Each redraw replaces the output's bundle (update_display_data): the new HTML draws by itself.
    this.handle.update(this.figure());
  }

  /** Final redraw (if anything changed since the last one); returns the finished figure. */
  done(): Figure {
    if (this.pending || this.steps.length === 0 || !this.handle) this.update();
    this.clearTimer();
    return this.figure();
  }

  /** The current curves as a Figure (gaps where values were missing or non-finite; bucket means beyond `maxPoints`). */
  figure(): Figure {
    const maxPoints = this.options.maxPoints ?? 2000;
    const series: PlotSeries[] = [...this.values.entries()].map(([name, values]) => {
      const { x, y } = bucketMeans(this.steps, values, maxPoints);
      return { x, y, name, allowGaps: true };
    });
    if (series.length === 0) series.push({ x: [], y: [], allowGaps: true });
    const fig = lineChart(series, { xLabel: this.options.stepLabel ?? "step", ...this.options });
    fig.kind = "live line chart";
    return fig;
  }

  /** One line: the latest step and the latest value of each curve. */
  progressLine(): string {
    const n = this.steps.length;
    if (n === 0) return `${this.options.title ?? "live chart"}: no points yet`;
    const parts = [...this.values.entries()].map(([name, y]) => `${name}=${formatValue(y[n - 1])}`);
    const prefix = this.options.title ? `${this.options.title}: ` : "";
    return `${prefix}${this.options.stepLabel ?? "step"} ${this.steps[n - 1]}: ${parts.join(", ")}`;
  }

  private toNamed(values: number | ArrayLike<number> | Record<string, number>): Record<string, number> {
    const names = this.options.names;
    if (typeof values === "number") return { [names?.[0] ?? "value"]: values };
    if (Array.isArray(values) || ArrayBuffer.isView(values)) {
      const arr = values as ArrayLike<number>;
      const out: Record<string, number> = {};
      for (let i = 0; i < arr.length; i++) {
        if (typeof arr[i] !== "number") throw new RnnlabError(`LiveLineChart.push: values[${i}] must be a number, got ${describeValue(arr[i])}`);
        out[names?.[i] ?? `series ${i}`] = arr[i];
      }
      return out;
    }
    if (typeof values === "object" && values !== null) {
      for (const [k, v] of Object.entries(values)) {
        if (typeof v !== "number") throw new RnnlabError(`LiveLineChart.push: values.${k} must be a number, got ${describeValue(v)}`);
      }
      return values as Record<string, number>;
    }
    throw new RnnlabError(`LiveLineChart.push: values must be a number, an array of numbers or {name: number}, got ${describeValue(values)}`);
  }

  private scheduleTrailingDraw(): void {
    if (this.timer) return;
    const wait = Math.max(0, (this.options.minIntervalMs ?? 250) - (Date.now() - this.lastDraw));
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.pending) this.update();
    }, wait);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function formatValue(v: number | undefined): string {
  if (v === undefined) return "-";
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

/**
 * A line chart that updates in place while a loop runs; see `LiveLineChart`.
 * Call `.push(step, values)` in the loop and `.done()` after it.
 */
export function liveLineChart(options: LiveLineChartOptions = {}): LiveLineChart {
  checkOptions("liveLineChart", options, ["names", "minIntervalMs", "terminalIntervalMs", "stepLabel", "maxPoints", "title", "xLabel", "yLabel", "logX", "logY", "y2Label", "logY2", "width", "height", "xRange", "yRange", "showLegend", "equalAxes"]);
  return new LiveLineChart(options);
}
