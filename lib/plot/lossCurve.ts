/**
 * A live loss curve for `train()`: a chart that updates in place in a notebook (`liveLineChart`),
 * handed to the training loop as its progress callback. The loop itself knows nothing of plots:
 *
 * ```ts
 * train({ optimizer, batches, lossAndGrad, epochs: 20, onProgress: liveLossCurve({ title: "BPTT", logY: true }) });
 * ```
 */
import { requireBoolean, requireFinite, requirePositive, requireString } from "../core/errors";
import { checkOptions } from "../core/options";
import { inNotebook } from "../display/bundle";
import { LiveLineChart, liveLineChart } from "./live";

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

/**
 * What the curve reads from each progress report of `train()` (its `TrainProgress`): a step's
 * training loss, a validation loss, or the end of training.
 */
export interface LossCurveReport {
  kind: "step" | "validation" | "done";
  /** "step": index of the step (from 0); "validation": index of the last update before it. */
  step: number;
  /** "step": the step's loss; "validation": the validation loss. */
  loss: number;
  /** true when training measures a validation loss: the curve then has one point per validation. */
  hasValidation: boolean;
}

/**
 * A progress callback for `train({ onProgress })` drawing the loss as a curve that updates in place
 * (outside a notebook it draws nothing). With a validation loss, one point per validation with the
 * validation loss and the mean training loss since the previous point.
 */
export function liveLossCurve(options: LiveCurveOptions = {}): (report: LossCurveReport) => void {
  checkOptions("liveLossCurve", options, ["title", "yLabel", "logY", "intervalMs", "height"]);
  const where = "liveLossCurve";
  if (options.title !== undefined) requireString(where, "title", options.title, true);
  if (options.yLabel !== undefined) requireString(where, "yLabel", options.yLabel, true);
  requireBoolean(where, "logY", options.logY, true);
  if (options.intervalMs !== undefined) requireFinite(where, "intervalMs", options.intervalMs, 0);
  if (options.height !== undefined) requirePositive(where, "height", options.height);
  let chart: LiveLineChart | null = null;
  let sinceSum = 0;
  let sinceCount = 0;
  return (report) => {
    if (!inNotebook()) return;
    if (!chart && report.kind !== "done") {
      chart = liveLineChart({
        title: options.title ?? "training loss",
        xLabel: "step",
        yLabel: options.yLabel ?? "loss",
        logY: options.logY ?? false,
        height: options.height ?? 320,
        minIntervalMs: options.intervalMs ?? 250,
      });
    }
    if (!chart) return;
    if (report.kind === "step") {
      sinceSum += report.loss;
      sinceCount += 1;
      if (!report.hasValidation) chart.push(report.step, { loss: report.loss });
    } else if (report.kind === "validation") {
      const train = sinceCount > 0 ? sinceSum / sinceCount : NaN;
      chart.push(report.step, { "training loss (mean since last point)": train, "validation loss": report.loss });
      sinceSum = 0;
      sinceCount = 0;
    } else {
      chart.done();
    }
  };
}
