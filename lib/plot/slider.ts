/**
 * Slider charts: precomputed frames of a parameter sweep (gain g, spectral
 * radius, time step Δt, ...) with a Plotly slider to move between them. All
 * frames are computed in the kernel; the slider works without the kernel, also
 * in the exported book.
 */
import { RnnlabError, describeValue } from "../core/errors";
import { chartLayout, seriesTrace, withRightYAxis } from "./charts";
import { Figure } from "./figure";
import { ChartLayout, PlotFrame, PlotLayout, PlotTrace, PlotSeries } from "./types";
import { checkOptions } from "../core/options";

/** One position of the slider: its label and the curves shown there. */
export interface SliderFrame {
  /** Slider label, e.g. "g = 1.5". */
  label: string;
  /** The curves of this frame (same number in every frame). */
  series: PlotSeries[];
}

/** Options of `sliderChart`. */
export interface SliderChartOptions extends ChartLayout {
  /** Text before the current label, e.g. "gain " (default ""). */
  sliderPrefix?: string;
  /** Index of the frame shown first (default 0). */
  initialFrame?: number;
  /** Keep the axis ranges fixed over all frames (default true), so frames compare by eye. */
  fixedRanges?: boolean;
  /** Default mode of the series (default "lines"). */
  mode?: "lines" | "markers" | "lines+markers";
}

function extent(traces: PlotTrace[], key: "x" | "y"): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of traces) {
    for (const v of t[key] ?? []) {
      if (typeof v === "number") {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (!Number.isFinite(lo)) return null;
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  const pad = 0.04 * (hi - lo);
  return [lo - pad, hi + pad];
}

/**
 * A chart with a slider over precomputed frames.
 *
 * @param frames - one `{label, series}` per parameter value; every frame must have the same number of series
 * @param layout - the shared layout options plus slider prefix, initial frame, fixed ranges
 * @example
 * sliderChart(gains.map((g) => ({ label: `g = ${g}`, series: [{ y: simulate(g) }] })), { xLabel: "time step", sliderPrefix: "gain: " })
 */
export function sliderChart(frames: SliderFrame[], layout: SliderChartOptions = {}): Figure {
  checkOptions("sliderChart", layout, ["sliderPrefix", "initialFrame", "fixedRanges", "mode", "title", "xLabel", "yLabel", "logX", "logY", "y2Label", "logY2", "width", "height", "xRange", "yRange", "showLegend", "equalAxes"], { name: "layout" });
  const where = "sliderChart";
  if (!Array.isArray(frames) || frames.length === 0) {
    throw new RnnlabError(`${where}: frames must be a non-empty array of {label, series}, got ${describeValue(frames)}`);
  }
  const traceFrames: PlotTrace[][] = frames.map((f, i) => {
    if (typeof f !== "object" || f === null || typeof f.label !== "string" || !Array.isArray(f.series)) {
      throw new RnnlabError(`${where}: frames[${i}] must be {label: string, series: PlotSeries[]}, got ${describeValue(f)}`);
    }
    if (f.series.length !== frames[0].series.length) {
      throw new RnnlabError(`${where}: frames[${i}] (${JSON.stringify(f.label)}) has ${f.series.length} series but frames[0] has ${frames[0].series.length}; every frame needs the same number`);
    }
    return f.series.map((s, j) => seriesTrace(`${where} frames[${i}]`, s, j, layout.mode ?? "lines"));
  });
  const labels = frames.map((f) => f.label);
  if (new Set(labels).size !== labels.length) throw new RnnlabError(`${where}: frame labels must be distinct, got ${JSON.stringify(labels)}`);
  const initial = layout.initialFrame ?? 0;
  if (!Number.isInteger(initial) || initial < 0 || initial >= frames.length) {
    throw new RnnlabError(`${where}: initialFrame must be an integer in [0, ${frames.length - 1}], got ${describeValue(initial)}`);
  }
  const plotLayout = withRightYAxis(chartLayout(where, layout, traceFrames[0].length), traceFrames[0], layout);
  if (layout.fixedRanges ?? true) {
    const all = traceFrames.flat();
    if (!layout.logX && layout.xRange === undefined && plotLayout.xaxis) {
      const r = extent(all, "x");
      if (r) plotLayout.xaxis.range = r;
    }
    if (!layout.logY && layout.yRange === undefined && plotLayout.yaxis) {
      const r = extent(all, "y");
      if (r) plotLayout.yaxis.range = r;
    }
  }
  return sliderFigure(traceFrames, labels, plotLayout, initial, layout.sliderPrefix ?? "", layout.title !== undefined);
}

/** Adds the slider to a layout and builds the Figure with one animation frame per label. */
function sliderFigure(traceFrames: PlotTrace[][], labels: string[], plotLayout: PlotLayout, initial: number, prefix: string, hasTitle: boolean): Figure {
  plotLayout.margin = { l: 60, r: 30, t: hasTitle ? 50 : 20, b: 90 };
  plotLayout.sliders = [
    {
      active: initial,
      pad: { t: 50 },
      currentvalue: { prefix, visible: true, xanchor: "left" },
      steps: labels.map((label) => ({
        label,
        method: "animate",
        args: [[label], { mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 } }],
      })),
    },
  ];
  const plotFrames: PlotFrame[] = traceFrames.map((data, i) => ({ name: labels[i], data }));
  return new Figure({ data: traceFrames[initial], layout: plotLayout, frames: plotFrames, kind: "slider chart" });
}
