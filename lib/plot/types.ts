/**
 * Types shared by the plotting module: Plotly's JSON figure format (the parts we
 * use, open for the rest) and the typed options of the chart helpers.
 */

/** A value Plotly accepts in a data array: a number, a category name, or null (a gap). */
export type PlotValue = number | string | null;

/**
 * One Plotly trace (`{type: "scatter", x, y, ...}`), in plain JSON form.
 * The common attributes are typed; any other Plotly attribute may be added.
 */
export interface PlotTrace {
  /** Plotly trace type, e.g. "scatter", "heatmap", "bar". */
  type: string;
  name?: string;
  x?: PlotValue[];
  y?: PlotValue[];
  z?: PlotValue[][];
  mode?: string;
  xaxis?: string;
  yaxis?: string;
  showlegend?: boolean;
  [attribute: string]: unknown;
}

/** One Plotly axis (`layout.xaxis`, `layout.yaxis2`, ...). */
export interface PlotAxis {
  title?: { text: string };
  type?: "linear" | "log" | "category" | "date";
  range?: [number, number];
  domain?: [number, number];
  anchor?: string;
  autorange?: boolean | "reversed";
  [attribute: string]: unknown;
}

/** A Plotly layout (`{title, xaxis, yaxis, width, height, ...}`). */
export interface PlotLayout {
  title?: { text: string; [attribute: string]: unknown };
  xaxis?: PlotAxis;
  yaxis?: PlotAxis;
  width?: number;
  height?: number;
  showlegend?: boolean;
  [attribute: string]: unknown;
}

/** Plotly's config (mode bar, responsiveness, ...). */
export interface PlotConfig {
  responsive?: boolean;
  displaylogo?: boolean;
  [attribute: string]: unknown;
}

/** One animation frame: a name and the trace data that replaces the figure's. */
export interface PlotFrame {
  name: string;
  data: PlotTrace[];
  layout?: PlotLayout;
}

/** A whole figure in Plotly's JSON format (what `application/vnd.plotly.v1+json` carries). */
export interface FigureSpec {
  data: PlotTrace[];
  layout: PlotLayout;
  config: PlotConfig;
  frames?: PlotFrame[];
}

/** Numbers as a plain array or a typed array (`Float64Array`, `Float32Array`, ...). */
export type PlotNumericArray = ArrayLike<number>;

/** Line dash styles. */
export type PlotDashStyle = "solid" | "dash" | "dot" | "dashdot" | "longdash";

/** One curve (or point cloud) of a line or scatter chart. */
export interface PlotSeries {
  /** The values, shape [n]. */
  y: PlotNumericArray;
  /** Positions along x, shape [n] (numbers or category names); default 0, 1, ..., n-1. */
  x?: PlotNumericArray | readonly string[];
  /** Legend entry. */
  name?: string;
  /** How points are drawn (default "lines" in lineChart, "markers" in scatterChart). */
  mode?: "lines" | "markers" | "lines+markers";
  /** Line dash style (default solid). */
  dash?: PlotDashStyle;
  /** CSS colour, e.g. "#1f77b4" or "crimson". */
  color?: string;
  /** Line width in px. */
  width?: number;
  /** Marker diameter in px. */
  markerSize?: number;
  /** Symmetric error bars, shape [n] (e.g. the standard deviation over seeds). */
  errorY?: PlotNumericArray;
  /** Draw against a second y axis on the right (e.g. accuracy beside a loss); see `y2Label`. */
  rightAxis?: boolean;
  /**
   * Allow non-finite values (NaN, ±Infinity) in `y`, drawn as gaps. Off by default:
   * a NaN in a curve usually means a bug upstream, so it is reported instead.
   */
  allowGaps?: boolean;
}

/** Layout options shared by the chart helpers. */
export interface ChartLayout {
  /** Figure title. */
  title?: string;
  /** x-axis label (give units, e.g. "time (ms)"). */
  xLabel?: string;
  /** y-axis label. */
  yLabel?: string;
  /** Logarithmic x axis. */
  logX?: boolean;
  /** Logarithmic y axis. */
  logY?: boolean;
  /** Label of the right y axis (used by series with `rightAxis: true`). */
  y2Label?: string;
  /** Logarithmic right y axis. */
  logY2?: boolean;
  /** Width in px (default: the width of the output area). */
  width?: number;
  /** Height in px (default 400). */
  height?: number;
  /** Fixed x range [min, max] (in log10 units on a log axis, as Plotly does). */
  xRange?: [number, number];
  /** Fixed y range [min, max]. */
  yRange?: [number, number];
  /** Show the legend (default: when there is more than one named trace). */
  showLegend?: boolean;
  /** Same scale on x and y (for phase portraits, eigenvalue plots). */
  equalAxes?: boolean;
}
