/**
 * The progress display of the training loop: a loss curve that updates in place
 * in a notebook (`liveLineChart` from lib/plot), and a plain progress line in a
 * terminal (overwritten in place on a TTY, one line every 2 s otherwise).
 */
import { inNotebook } from "../display/bundle";
import { LiveLineChart, liveLineChart } from "../plot/live";
import { checkOptions } from "../core/options";

/** Options of the live loss curve. */
export interface LiveCurveOptions {
  /** Title above the curve (default "training loss"). */
  title?: string;
  /** Label of the y axis (default "loss"). */
  yLabel?: string;
  /** Draw the loss on a logarithmic axis (default false). */
  logY?: boolean;
  /** Minimum milliseconds between two redraws (default 250). */
  intervalMs?: number;
  /** Height of the chart in pixels (default 320). */
  height?: number;
}

/** Where progress goes: an in-place curve (notebook), a progress line (terminal), or nowhere. */
export class TrainingProgress {
  private chart: LiveLineChart | null = null;
  private lastLog = -Infinity;
  private readonly tty: boolean;

  constructor(
    live: boolean,
    readonly log: boolean,
    options: LiveCurveOptions = {},
    /** true when a validation loss is measured: the chart then has one point per validation */
    readonly withValidation = false,
  ) {
    checkOptions("TrainingProgress", options, ["title", "yLabel", "logY", "intervalMs", "height"]);
    this.tty = Boolean(process.stdout && process.stdout.isTTY);
    if (live && inNotebook()) {
      this.chart = liveLineChart({
        title: options.title ?? "training loss",
        xLabel: "step",
        yLabel: options.yLabel ?? "loss",
        logY: options.logY ?? false,
        height: options.height ?? 320,
        minIntervalMs: options.intervalMs ?? 250,
      });
    }
  }

  /**
   * Called after every step with the step index and loss; prints or redraws when due.
   * With validation, the chart gets one point per validation instead (see `validation`).
   */
  update(step: number, loss: number, status: string): void {
    this.sinceSum += loss;
    this.sinceCount += 1;
    if (this.chart) {
      if (!this.withValidation) this.chart.push(step, { loss });
      return;
    }
    if (!this.log) return;
    const now = Date.now();
    if (this.tty) {
      if (now - this.lastLog >= 100) {
        this.lastLog = now;
        process.stdout.write(`\rtrain: ${status}\x1b[K`);
      }
    } else if (now - this.lastLog >= 2000) {
      this.lastLog = now;
      console.log(`train: ${status}`);
    }
  }

  /**
   * A validation loss measured after step `step` (0-based index of the last update): one
   * chart point with the validation loss and the mean training loss since the previous point
   * (a sparse curve drawn point to point, so the two are comparable and neither has gaps).
   */
  validation(step: number, loss: number): void {
    this.lastValidation = loss;
    if (this.chart) {
      const train = this.sinceCount > 0 ? this.sinceSum / this.sinceCount : NaN;
      this.chart.push(step, { "training loss (mean since last point)": train, "validation loss": loss });
    }
    this.sinceSum = 0;
    this.sinceCount = 0;
  }

  /** The latest validation loss (for the progress line), or NaN. */
  lastValidation = NaN;
  private sinceSum = 0;
  private sinceCount = 0;

  /** The final redraw / progress line. */
  finish(status: string): void {
    if (this.chart) {
      this.chart.done();
      return;
    }
    if (!this.log) return;
    if (this.tty) process.stdout.write(`\rtrain: ${status}\x1b[K\n`);
    else console.log(`train: ${status}`);
  }
}
