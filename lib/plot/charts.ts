/**
 * Chart helpers with defaults: line, scatter, heatmap, histogram, bar.
 * Each validates its input (lengths, finiteness) and returns a `Figure`;
 * call `.show()` on it (or `show(fig)`) to draw it below the cell.
 *
 * @example
 * lineChart([{ y: losses, name: "train" }], { title: "Loss", xLabel: "epoch", logY: true }).show();
 */
import { RnnlabError, describeValue } from "../core/errors";
import { checkOptions } from "../core/options";
import { Figure } from "./figure";
import { ChartLayout, PlotNumericArray, PlotAxis, PlotLayout, PlotTrace, PlotValue, PlotSeries } from "./types";
import {
  SERIES_KEYS,
  checkChartOptions,
  isNumericArray,
  requireNonEmptyData,
  requireOrderedBounds,
  requirePositiveOnLogAxis,
  requirePositiveOption,
  requireSameLength,
  seriesLabel,
  toPlotMatrix,
  toPlotNumbers,
  toPlotPositions,
} from "./validate";

/** Converts the shared layout options to a Plotly layout. */
export function chartLayout(where: string, opts: ChartLayout = {}, traceCount = 1): PlotLayout {
  requirePositiveOption(where, "width", opts.width);
  requirePositiveOption(where, "height", opts.height);
  const xaxis: PlotAxis = { automargin: true };
  const yaxis: PlotAxis = { automargin: true };
  if (opts.xLabel !== undefined) xaxis.title = { text: opts.xLabel };
  if (opts.yLabel !== undefined) yaxis.title = { text: opts.yLabel };
  if (opts.logX) xaxis.type = "log";
  if (opts.logY) yaxis.type = "log";
  if (opts.xRange !== undefined) xaxis.range = checkRange(where, "xRange", opts.xRange);
  if (opts.yRange !== undefined) yaxis.range = checkRange(where, "yRange", opts.yRange);
  if (opts.equalAxes) {
    yaxis.scaleanchor = "x";
    yaxis.scaleratio = 1;
  }
  const layout: PlotLayout = {
    xaxis,
    yaxis,
    height: opts.height ?? 400,
    margin: { l: 60, r: 30, t: opts.title ? 50 : 20, b: 50 },
    showlegend: opts.showLegend ?? traceCount > 1,
    template: { layout: { font: { family: "sans-serif" } } },
  };
  if (opts.title !== undefined) layout.title = { text: opts.title };
  if (opts.width !== undefined) layout.width = opts.width;
  return layout;
}

function checkRange(where: string, name: string, range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => typeof v === "number" && Number.isFinite(v)) || range[0] >= range[1]) {
    throw new RnnlabError(`${where}: ${name} must be [min, max] with finite min < max, got ${JSON.stringify(range) ?? describeValue(range)}`);
  }
  return [range[0], range[1]];
}

/** Converts one PlotSeries to a Plotly scatter trace, validating it. */
export function seriesTrace(where: string, s: PlotSeries, index: number, defaultMode: "lines" | "markers" | "lines+markers"): PlotTrace {
  if (typeof s !== "object" || s === null) {
    throw new RnnlabError(`${where}: series #${index} must be an object {y, x?, name?}, got ${describeValue(s)}`);
  }
  const label = seriesLabel(index, s.name);
  checkOptions(where, s, SERIES_KEYS, { name: label });
  const y = toPlotNumbers(where, `${label} y`, s.y, s.allowGaps ?? false);
  requireNonEmptyData(where, `${label} y`, y.length);
  let x: PlotValue[];
  if (s.x === undefined) {
    x = y.map((_, i) => i);
  } else {
    x = toPlotPositions(where, `${label} x`, s.x, s.allowGaps ?? false);
    requireSameLength(where, label, x.length, y.length);
  }
  const mode = s.mode ?? defaultMode;
  const trace: PlotTrace = { type: "scatter", x, y, mode };
  if (s.name !== undefined) trace.name = s.name;
  const line: Record<string, unknown> = {};
  if (s.dash !== undefined) line.dash = s.dash;
  if (s.color !== undefined) line.color = s.color;
  if (s.width !== undefined) line.width = s.width;
  if (Object.keys(line).length) trace.line = line;
  const marker: Record<string, unknown> = {};
  if (s.color !== undefined) marker.color = s.color;
  if (s.markerSize !== undefined) marker.size = s.markerSize;
  if (Object.keys(marker).length) trace.marker = marker;
  if (s.rightAxis) trace.yaxis = "y2";
  if (s.errorY !== undefined) {
    const err = toPlotNumbers(where, `${label} errorY`, s.errorY, false);
    if (err.length !== y.length) throw new RnnlabError(`${where}: ${label} has ${y.length} y values but ${err.length} errorY values; they must match`);
    trace.error_y = { type: "data", array: err, visible: true };
  }
  return trace;
}

function requireSeriesList(where: string, series: unknown): PlotSeries[] {
  if (!Array.isArray(series)) {
    if (isNumericArray(series)) return [{ y: series }];
    if (typeof series === "object" && series !== null && "y" in series) return [series as PlotSeries];
    throw new RnnlabError(`${where}: series must be an array of {y, x?, name?} objects, got ${describeValue(series)}`);
  }
  if (series.length === 0) throw new RnnlabError(`${where}: series must contain at least one series, got an empty array`);
  if (series.every((s) => typeof s === "number")) return [{ y: series as number[] }];
  return series as PlotSeries[];
}

/**
 * A line chart: one curve per series.
 *
 * @param series - curves `{y, x?, name?, dash?, color?, errorY?, allowGaps?}`; y has shape [n],
 *   x (default 0..n-1) the same length. A single series or a bare array of numbers is accepted too.
 * @param layout - title, axis labels, log axes, size, ranges
 * @throws RnnlabError naming the series when lengths differ or a value is not finite
 */
export function lineChart(series: PlotSeries[] | PlotSeries | PlotNumericArray, layout: ChartLayout = {}): Figure {
  // the live chart (lib/plot/live.ts) forwards its own options too; they are not typos
  checkChartOptions("lineChart", layout, LIVE_CHART_KEYS);
  const list = requireSeriesList("lineChart", series);
  const data = list.map((s, i) => seriesTrace("lineChart", s, i, "lines"));
  checkLogAxes("lineChart", data, layout);
  return new Figure({ data, layout: withRightYAxis(chartLayout("lineChart", layout, data.length), data, layout), kind: "line chart" });
}

/** Options of the live line chart that it forwards to `lineChart` with the layout. */
const LIVE_CHART_KEYS: readonly string[] = ["names", "maxPoints", "minIntervalMs", "terminalIntervalMs", "intervalMs", "stepLabel"];

/** Checks that every value drawn on a log axis is > 0. */
function checkLogAxes(where: string, data: PlotTrace[], opts: ChartLayout): void {
  data.forEach((t, i) => {
    const label = seriesLabel(i, t.name);
    if (opts.logX && t.x) requirePositiveOnLogAxis(where, `${label} x`, t.x, "logX");
    if (t.y && (t.yaxis === "y2" ? opts.logY2 : opts.logY)) requirePositiveOnLogAxis(where, `${label} y`, t.y, t.yaxis === "y2" ? "logY2" : "logY");
  });
}

/** Adds the right y axis (`yaxis2`) to a layout when one of the traces uses it. */
export function withRightYAxis(layout: PlotLayout, data: PlotTrace[], opts: ChartLayout): PlotLayout {
  if (!data.some((t) => t.yaxis === "y2")) return layout;
  const y2: PlotAxis = { overlaying: "y", side: "right", automargin: true, showgrid: false };
  if (opts.y2Label !== undefined) y2.title = { text: opts.y2Label };
  if (opts.logY2) y2.type = "log";
  layout.yaxis2 = y2;
  layout.legend = { x: 1.08, xanchor: "left" };
  return layout;
}

/**
 * A scatter chart: markers (no lines) for each series; same options as `lineChart`.
 * Use `equalAxes: true` for phase portraits or eigenvalues in the complex plane.
 */
export function scatterChart(series: PlotSeries[] | PlotSeries, layout: ChartLayout = {}): Figure {
  checkChartOptions("scatterChart", layout);
  const list = requireSeriesList("scatterChart", series);
  const data = list.map((s, i) => seriesTrace("scatterChart", s, i, "markers"));
  checkLogAxes("scatterChart", data, layout);
  return new Figure({ data, layout: withRightYAxis(chartLayout("scatterChart", layout, data.length), data, layout), kind: "scatter chart" });
}

/** Options of `heatmapChart`. */
export interface HeatmapOptions extends ChartLayout {
  /** Column positions or names, length = number of columns. */
  x?: PlotNumericArray | readonly string[];
  /** Row positions or names, length = number of rows. */
  y?: PlotNumericArray | readonly string[];
  /** Plotly colour scale name (default "Viridis", or "RdBu" (blue < zmid < red) when `zmid` is set). */
  colorscale?: string;
  /** The value mapped to the middle of the colour scale (e.g. 0 for weights). */
  zmid?: number;
  /** Lower end of the colour scale. */
  zmin?: number;
  /** Upper end of the colour scale. */
  zmax?: number;
  /** Title of the colour bar. */
  colorbarTitle?: string;
  /** Draw row 0 at the top, as a matrix is written (default false: row 0 at the bottom). */
  matrixOrientation?: boolean;
  /** Allow non-finite entries (drawn blank). */
  allowGaps?: boolean;
}

/** A row-major matrix with its shape, e.g. a `Tensor` or a `Parameter` of shape [rows, cols]. */
export interface PlotMatrixLike {
  shape: readonly number[];
  data: PlotNumericArray;
}

function isMatrixLike(z: unknown): z is PlotMatrixLike {
  return typeof z === "object" && z !== null && !Array.isArray(z) && Array.isArray((z as PlotMatrixLike).shape) && isNumericArray((z as PlotMatrixLike).data);
}

/** The rows of a `{shape: [rows, cols], data}` matrix. */
function matrixRows(where: string, z: PlotMatrixLike): PlotNumericArray[] {
  const { shape, data } = z;
  if (shape.length !== 2 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new RnnlabError(`${where}: z must have a 2-D shape [rows, cols], got shape [${shape.join(", ")}]`);
  }
  const [rows, cols] = shape;
  if (data.length !== rows * cols) throw new RnnlabError(`${where}: z has shape [${rows}, ${cols}] but ${data.length} values (expected ${rows * cols})`);
  return Array.from({ length: rows }, (_, r) => Array.prototype.slice.call(data, r * cols, (r + 1) * cols) as number[]);
}

/**
 * A heatmap of a matrix z with shape [rows, cols] (row r, column c is z[r][c]).
 *
 * @param z - rows (`number[][]`, `Float64Array[]`) or a row-major `{shape: [rows, cols], data}`
 *   such as a `Tensor` or a weight `Parameter`
 * @example heatmapChart(weights, { zmid: 0, matrixOrientation: true, title: "W_hh" })
 */
export function heatmapChart(z: readonly PlotNumericArray[] | PlotMatrixLike, opts: HeatmapOptions = {}): Figure {
  checkOptions("heatmapChart", opts, ["x", "y", "colorscale", "zmid", "zmin", "zmax", "colorbarTitle", "matrixOrientation", "allowGaps", "title", "xLabel", "yLabel", "logX", "logY", "y2Label", "logY2", "width", "height", "xRange", "yRange", "showLegend", "equalAxes"], { name: "opts" });
  const where = "heatmapChart";
  checkChartOptions(where, opts, ["x", "y", "colorscale", "zmid", "zmin", "zmax", "colorbarTitle", "matrixOrientation", "allowGaps"], "opts");
  requireOrderedBounds(where, "zmin", opts.zmin, "zmax", opts.zmax);
  if (opts.zmid !== undefined && (typeof opts.zmid !== "number" || !Number.isFinite(opts.zmid))) throw new RnnlabError(`${where}: zmid must be a finite number, got ${describeValue(opts.zmid)}`);
  const zz = toPlotMatrix(where, "z", isMatrixLike(z) ? matrixRows(where, z) : z, opts.allowGaps ?? false);
  const trace: PlotTrace = { type: "heatmap", z: zz };
  if (opts.x !== undefined) {
    trace.x = toPlotPositions(where, "x", opts.x);
    requireSameLength(where, "the heatmap (x vs the columns of z)", trace.x.length, zz[0].length);
  }
  if (opts.y !== undefined) {
    trace.y = toPlotPositions(where, "y", opts.y);
    if (trace.y.length !== zz.length) throw new RnnlabError(`${where}: y has ${trace.y.length} entries but z has ${zz.length} rows; they must match`);
  }
  if (opts.zmid !== undefined) {
    trace.zmid = opts.zmid;
    trace.colorscale = opts.colorscale ?? "RdBu"; // Plotly's RdBu: blue = negative, red = positive
  } else {
    trace.colorscale = opts.colorscale ?? "Viridis";
  }
  if (opts.zmin !== undefined) trace.zmin = opts.zmin;
  if (opts.zmax !== undefined) trace.zmax = opts.zmax;
  if (opts.colorbarTitle !== undefined) trace.colorbar = { title: { text: opts.colorbarTitle } };
  const layout = chartLayout(where, { showLegend: false, ...opts }, 1);
  if (opts.matrixOrientation && layout.yaxis) layout.yaxis.autorange = "reversed";
  return new Figure({ data: [trace], layout, kind: "heatmap" });
}

/** One sample of a histogram with several overlaid samples. */
export interface HistogramSeries {
  values: PlotNumericArray;
  name?: string;
  color?: string;
}

/** Options of `histogramChart`. */
export interface HistogramOptions extends ChartLayout {
  /** Number of equal-width bins (default: Sturges' rule, at least 10). */
  bins?: number;
  /** [low, high] edges of the binned range (default: min and max over all samples). */
  range?: [number, number];
  /** Scale counts to a probability density (area 1), to compare with a pdf. */
  density?: boolean;
  /** Allow non-finite values (they are left out and counted in the summary). */
  allowGaps?: boolean;
}

/** Equal-width histogram counts: `edges` has bins+1 entries; values outside [lo, hi] are dropped. */
export function histogramCounts(values: readonly number[], bins: number, lo: number, hi: number): { edges: number[]; counts: number[] } {
  const where = "histogramCounts";
  if (!Array.isArray(values)) throw new RnnlabError(`${where}: values must be an array of numbers, got ${describeValue(values)}`);
  if (typeof bins !== "number" || !Number.isInteger(bins) || bins < 1) throw new RnnlabError(`${where}: bins must be an integer >= 1, got ${describeValue(bins)}`);
  if (bins > 100000) throw new RnnlabError(`${where}: bins must be an integer <= 100000, got ${describeValue(bins)}`);
  requireOrderedBounds(where, "lo", lo, "hi", hi);
  if (lo === undefined || hi === undefined) throw new RnnlabError(`${where}: lo and hi must be finite numbers with lo < hi, got ${describeValue(lo)} and ${describeValue(hi)}`);
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (v < lo || v > hi) continue;
    const k = v === hi ? bins - 1 : Math.floor((v - lo) / width);
    counts[Math.min(Math.max(k, 0), bins - 1)] += 1;
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  return { edges, counts };
}

/**
 * A histogram of one sample or several overlaid samples. Bins are computed here
 * (equal width over a common range), so the figure stays small for large samples.
 *
 * @param values - a sample (number[] / Float64Array) or a list `{values, name?, color?}[]`
 * @param opts - bins, range, density, plus the shared layout options
 */
export function histogramChart(values: PlotNumericArray | HistogramSeries[], opts: HistogramOptions = {}): Figure {
  checkOptions("histogramChart", opts, ["bins", "range", "density", "allowGaps", "title", "xLabel", "yLabel", "logX", "logY", "y2Label", "logY2", "width", "height", "xRange", "yRange", "showLegend", "equalAxes"], { name: "opts" });
  const where = "histogramChart";
  checkChartOptions(where, opts, ["bins", "range", "density", "allowGaps"], "opts");
  const list: HistogramSeries[] =
    Array.isArray(values) && values.length > 0 && typeof values[0] === "object" ? (values as HistogramSeries[]) : [{ values: values as PlotNumericArray }];
  const samples = list.map((s, i) => {
    const label = list.length === 1 && s.name === undefined ? "values" : `${seriesLabel(i, s.name)} values`;
    const v = toPlotNumbers(where, label, s.values, opts.allowGaps ?? false).filter((x): x is number => x !== null);
    if (v.length === 0) throw new RnnlabError(`${where}: ${label} must contain at least one finite number, got none`);
    return v;
  });
  let lo = Infinity;
  let hi = -Infinity;
  for (const sample of samples) {
    for (const v of sample) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (opts.range !== undefined) [lo, hi] = checkRange(where, "range", opts.range);
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  if (opts.bins !== undefined && typeof opts.bins === "number" && opts.bins > 100000) {
    throw new RnnlabError(`${where}: bins must be an integer <= 100000, got ${describeValue(opts.bins)}`);
  }
  const bins = opts.bins ?? Math.max(10, Math.ceil(Math.log2(samples.reduce((m, s) => Math.max(m, s.length), 1)) + 1));
  if (!Number.isInteger(bins) || bins < 1) throw new RnnlabError(`${where}: bins must be an integer >= 1, got ${describeValue(bins)}`);
  const data: PlotTrace[] = samples.map((sample, i) => {
    const { edges, counts } = histogramCounts(sample, bins, lo, hi);
    const width = edges[1] - edges[0];
    const y = opts.density ? counts.map((c) => c / (sample.length * width)) : counts;
    const trace: PlotTrace = {
      type: "bar",
      x: edges.slice(0, -1).map((e) => e + width / 2),
      y,
      width: Array(bins).fill(width),
      opacity: list.length > 1 ? 0.6 : 0.85,
      hovertemplate: "[%{customdata}]: %{y}<extra></extra>",
      customdata: edges.slice(0, -1).map((e, k) => `${fmtEdge(e)}, ${fmtEdge(edges[k + 1])}`),
    };
    if (list[i].name !== undefined) trace.name = list[i].name;
    if (list[i].color !== undefined) trace.marker = { color: list[i].color };
    return trace;
  });
  const layout = chartLayout(where, { yLabel: opts.density ? "density" : "count", ...opts }, data.length);
  layout.barmode = "overlay";
  layout.bargap = 0;
  return new Figure({ data, layout, kind: "histogram" });
}

function fmtEdge(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/** One group of bars. */
export interface BarSeries {
  /** Bar positions or category names, shape [n]. */
  x: PlotNumericArray | readonly string[];
  /** Bar heights, shape [n]. */
  y: PlotNumericArray;
  name?: string;
  color?: string;
  /** Symmetric error bars, shape [n]. */
  errorY?: PlotNumericArray;
}

/** Options of `barChart`. */
export interface BarChartOptions extends ChartLayout {
  /** How several series share a position (default "group"). */
  barMode?: "group" | "stack" | "overlay";
  /** Horizontal bars. */
  horizontal?: boolean;
}

/**
 * A bar chart, e.g. accuracy per model or the final loss per learning rate.
 *
 * @example barChart([{ x: ["RNN", "LSTM", "GRU"], y: [0.61, 0.93, 0.92], name: "accuracy" }], { yLabel: "accuracy" })
 */
export function barChart(series: BarSeries[] | BarSeries, opts: BarChartOptions = {}): Figure {
  const where = "barChart";
  checkChartOptions(where, opts, ["barMode", "horizontal"], "opts");
  const list = Array.isArray(series) ? series : [series];
  if (list.length === 0) throw new RnnlabError(`${where}: series must contain at least one {x, y} object, got an empty array`);
  list.forEach((s, i) => {
    if (s === null || typeof s !== "object") throw new RnnlabError(`${where}: series #${i} must be an object {x, y, name?}, got ${describeValue(s)}`);
  });
  const data = list.map((s, i) => {
    const label = seriesLabel(i, s.name);
    const x = toPlotPositions(where, `${label} x`, s.x);
    checkOptions(where, s, ["x", "y", "name", "color", "errorY"], { name: label });
    const y = toPlotNumbers(where, `${label} y`, s.y);
    requireNonEmptyData(where, `${label} y`, y.length);
    requireSameLength(where, label, x.length, y.length);
    if (opts.logY && !opts.horizontal) requirePositiveOnLogAxis(where, `${label} y`, y, "logY");
    const trace: PlotTrace = opts.horizontal ? { type: "bar", x: y, y: x, orientation: "h" } : { type: "bar", x, y };
    if (s.name !== undefined) trace.name = s.name;
    if (s.color !== undefined) trace.marker = { color: s.color };
    if (s.errorY !== undefined) {
      const err = toPlotNumbers(where, `${label} errorY`, s.errorY);
      requireSameLength(where, `${label} (errorY)`, err.length, y.length);
      trace[opts.horizontal ? "error_x" : "error_y"] = { type: "data", array: err, visible: true };
    }
    return trace;
  });
  const layout = chartLayout(where, opts, data.length);
  layout.barmode = opts.barMode ?? "group";
  return new Figure({ data, layout, kind: "bar chart" });
}
