/**
 * Input checks for the chart helpers: every array is converted to plain JSON
 * (typed arrays do not serialise as arrays) and checked, so a bad value is
 * reported with the chart, the series and the index, instead of a blank plot.
 */
import { RnnlabError, badArgument, describeValue } from "../core/errors";
import { checkOptions } from "../core/options";
import { PlotNumericArray, PlotValue } from "./types";

/** True for number[] and typed arrays (not DataView, not strings). */
export function isNumericArray(value: unknown): value is PlotNumericArray {
  if (Array.isArray(value)) return true;
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/**
 * Converts `values` to a plain array of numbers, checking each entry.
 *
 * @param where - the function name for messages, e.g. "lineChart"
 * @param label - what the array is, e.g. `series "loss" (#0) y`
 * @param allowGaps - when true, non-finite entries become null (a gap); otherwise they throw
 */
export function toPlotNumbers(where: string, label: string, values: unknown, allowGaps = false): (number | null)[] {
  if (!isNumericArray(values)) {
    throw new RnnlabError(`${where}: ${label} must be an array of numbers (number[] or Float64Array), got ${describeValue(values)}`);
  }
  const n = values.length;
  const out: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v: unknown = (values as ArrayLike<unknown>)[i];
    if (typeof v !== "number") {
      throw new RnnlabError(`${where}: ${label}[${i}] must be a number, got ${describeValue(v)}`);
    }
    if (Number.isFinite(v)) {
      out[i] = v;
    } else if (allowGaps) {
      out[i] = null;
    } else {
      throw new RnnlabError(
        `${where}: ${label}[${i}] is ${describeValue(v)}; values must be finite ` +
          `(pass allowGaps: true to draw non-finite values as gaps)`,
      );
    }
  }
  return out;
}

/** Converts x positions: numbers (checked like y) or category names. */
export function toPlotPositions(where: string, label: string, values: unknown, allowGaps = false): PlotValue[] {
  if (Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === "string")) {
    return [...(values as string[])];
  }
  return toPlotNumbers(where, label, values, allowGaps);
}

/** Checks that two arrays have the same length (e.g. a series' x and y). */
export function requireSameLength(where: string, label: string, xLength: number, yLength: number): void {
  if (xLength !== yLength) {
    throw new RnnlabError(`${where}: ${label} has ${xLength} x values but ${yLength} y values; they must match`);
  }
}

/** Converts a matrix (rows of numbers) to plain JSON, checking it is rectangular. */
export function toPlotMatrix(where: string, label: string, rows: unknown, allowGaps = false): (number | null)[][] {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new RnnlabError(`${where}: ${label} must be a non-empty array of rows (number[][] or Float64Array[]), got ${describeValue(rows)}`);
  }
  const out = rows.map((row, r) => toPlotNumbers(where, `${label}[${r}]`, row, allowGaps));
  const cols = out[0].length;
  if (cols === 0) throw new RnnlabError(`${where}: ${label} has rows with no entries; there is nothing to draw`);
  out.forEach((row, r) => {
    if (row.length !== cols) {
      throw new RnnlabError(`${where}: ${label} must be rectangular: row 0 has ${cols} entries, row ${r} has ${row.length}`);
    }
  });
  return out;
}

/** How a series is named in messages: `series "loss" (#1)` or `series #1`. */
export function seriesLabel(index: number, name?: string): string {
  return name === undefined ? `series #${index}` : `series ${JSON.stringify(name)} (#${index})`;
}

/** Throws unless `value` is a positive finite number (used for sizes in px). */
export function requirePositiveOption(where: string, name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value <= 0)) {
    throw new RnnlabError(`${where}: ${name} must be a finite number > 0, got ${describeValue(value)}`);
  }
}

/** The keys of `ChartLayout`, shared by every chart helper. */
const CHART_LAYOUT_KEYS: readonly string[] = [
  "title", "xLabel", "yLabel", "logX", "logY", "y2Label", "logY2", "width", "height", "xRange", "yRange", "showLegend", "equalAxes",
];

/** Plotly layout spellings users type, with what to write instead. */
const PLOTLY_LAYOUT_SPELLINGS: Readonly<Record<string, string>> = {
  xaxis: "the chart helpers take flat options: write xLabel, logX, xRange",
  yaxis: "the chart helpers take flat options: write yLabel, logY, yRange",
  xaxis_title: "write xLabel",
  yaxis_title: "write yLabel",
  xlabel: "write xLabel (capital L)",
  ylabel: "write yLabel (capital L)",
  xscale: 'write logX: true for a log axis',
  yscale: 'write logY: true for a log axis',
  xlim: "write xRange: [min, max]",
  ylim: "write yRange: [min, max]",
  showlegend: "write showLegend (capital L)",
};

/**
 * Checks a chart's options: only the layout keys and `extraKeys` are allowed; an unknown key
 * (e.g. a misspelt `xlabel`) is an error naming it and the nearest valid key.
 */
export function checkChartOptions(where: string, options: unknown, extraKeys: readonly string[] = [], name = "layout"): void {
  checkOptions(where, options as object | undefined, [...CHART_LAYOUT_KEYS, ...extraKeys], { name, unsupported: PLOTLY_LAYOUT_SPELLINGS });
  // switches are booleans: a truthy 0, "no" or 1 would silently turn one on or off
  const o = (options ?? {}) as Record<string, unknown>;
  for (const key of BOOLEAN_LAYOUT_KEYS) {
    const v = o[key];
    if (v !== undefined && v !== null && typeof v !== "boolean") badArgument(where, `${name}.${key}`, "true, false or left out", v);
  }
}

/** The layout and chart options that are on/off switches. */
const BOOLEAN_LAYOUT_KEYS: readonly string[] = ["logX", "logY", "logY2", "showLegend", "equalAxes", "density", "horizontal", "allowGaps", "fixedRanges", "sharedColorRange"];

/** The keys of a line/scatter series. */
export const SERIES_KEYS: readonly string[] = ["y", "x", "name", "mode", "dash", "color", "width", "markerSize", "errorY", "rightAxis", "allowGaps"];

/** Throws when an array to draw is empty: an empty figure is almost always a bug upstream. */
export function requireNonEmptyData(where: string, label: string, length: number): void {
  if (length === 0) {
    throw new RnnlabError(`${where}: ${label} is empty; there is nothing to draw (check that the array was filled, e.g. that training ran at least one step)`);
  }
}

/** Throws when a value on a log axis is <= 0, naming the first one. */
export function requirePositiveOnLogAxis(where: string, label: string, values: readonly PlotValue[], option: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number" && v <= 0) {
      throw new RnnlabError(
        `${where}: ${label}[${i}] is ${v}, which a log axis cannot show (${option}: true); ` +
          `drop ${option}, or plot only positive values (e.g. Math.abs, or add a small offset)`,
      );
    }
  }
}

/** Throws unless lo < hi when both are given (e.g. zmin and zmax). */
export function requireOrderedBounds(where: string, loName: string, lo: unknown, hiName: string, hi: unknown): void {
  if (lo !== undefined && (typeof lo !== "number" || !Number.isFinite(lo))) {
    throw new RnnlabError(`${where}: ${loName} must be a finite number, got ${describeValue(lo)}`);
  }
  if (hi !== undefined && (typeof hi !== "number" || !Number.isFinite(hi))) {
    throw new RnnlabError(`${where}: ${hiName} must be a finite number, got ${describeValue(hi)}`);
  }
  if (typeof lo === "number" && typeof hi === "number" && lo >= hi) {
    throw new RnnlabError(`${where}: ${loName} (${lo}) must be less than ${hiName} (${hi}); swap them`);
  }
}
