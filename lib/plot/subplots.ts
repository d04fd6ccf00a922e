/**
 * Multi-panel figures: several figures laid out on a grid, each keeping its own
 * axes (labels, log scale, ranges) and getting an optional panel title.
 */
import { RnnlabError, describeValue } from "../core/errors";
import { Figure } from "./figure";
import { PlotAxis, PlotLayout, PlotTrace } from "./types";
import { checkOptions } from "../core/options";

/** Options of `subplots`. */
export interface SubplotOptions {
  /** Number of rows (default: enough for all figures given `cols`). */
  rows?: number;
  /** Number of columns (default: min(number of figures, 2)). */
  cols?: number;
  /** One title per panel (default: each figure's own title). */
  titles?: string[];
  /** Overall title. */
  title?: string;
  /** Width in px (default: the output area's width). */
  width?: number;
  /** Height in px (default 320 per row). */
  height?: number;
  /** Horizontal gap between panels, as a fraction of the width (default 0.08). */
  hSpacing?: number;
  /** Vertical gap between panels, as a fraction of the height (default: room for an x label and a panel title). */
  vSpacing?: number;
}

function axisName(kind: "x" | "y", k: number): string {
  return k === 1 ? kind : `${kind}${k}`;
}

function layoutKey(kind: "x" | "y", k: number): string {
  return k === 1 ? `${kind}axis` : `${kind}axis${k}`;
}

/**
 * Lays figures out on a grid of `rows` x `cols` panels, filled row by row.
 *
 * @example subplots([lineChart(a, {title: "g = 0.5"}), lineChart(b, {title: "g = 1.5"})], { cols: 2 }).show()
 */
export function subplots(figures: Figure[], opts: SubplotOptions = {}): Figure {
  checkOptions("subplots", opts, ["rows", "cols", "titles", "title", "width", "height", "hSpacing", "vSpacing"], { name: "opts" });
  const where = "subplots";
  if (!Array.isArray(figures) || figures.length === 0) {
    throw new RnnlabError(`${where}: figures must be a non-empty array of Figure, got ${describeValue(figures)}`);
  }
  figures.forEach((f, i) => {
    if (!(f instanceof Figure)) throw new RnnlabError(`${where}: figures[${i}] must be a Figure (from lineChart, heatmapChart, ...), got ${describeValue(f)}`);
    if (f.frames) throw new RnnlabError(`${where}: figures[${i}] has slider frames; slider charts cannot be combined into panels`);
    if (f.layout.yaxis2 !== undefined) throw new RnnlabError(`${where}: figures[${i}] has a right y axis (rightAxis); such figures cannot be combined into panels`);
  });
  const n = figures.length;
  const cols = opts.cols ?? Math.min(n, opts.rows !== undefined ? Math.ceil(n / opts.rows) : 2);
  const rows = opts.rows ?? Math.ceil(n / cols);
  if (!Number.isInteger(cols) || cols < 1) throw new RnnlabError(`${where}: cols must be an integer >= 1, got ${describeValue(cols)}`);
  if (!Number.isInteger(rows) || rows < 1) throw new RnnlabError(`${where}: rows must be an integer >= 1, got ${describeValue(rows)}`);
  if (rows * cols < n) throw new RnnlabError(`${where}: ${n} figures do not fit in ${rows} rows x ${cols} cols`);
  if (opts.titles !== undefined && opts.titles.length !== n) {
    throw new RnnlabError(`${where}: titles must have one entry per figure (${n}), got ${opts.titles.length}`);
  }
  const height = opts.height ?? Math.max(300, 320 * rows);
  const hasXLabels = figures.some((f) => f.layout.xaxis?.title !== undefined);
  const hasTitles = opts.titles !== undefined || figures.some((f) => f.title !== "");
  // in px: tick labels 25, an x label 30, a panel title 25; as a fraction of the plot area
  const gapPx = 25 + (hasXLabels ? 30 : 0) + (hasTitles ? 25 : 0);
  const hs = opts.hSpacing ?? 0.08;
  const vs = opts.vSpacing ?? Math.min(0.3, gapPx / Math.max(100, height - 100));
  const cellW = (1 - hs * (cols - 1)) / cols;
  const cellH = (1 - vs * (rows - 1)) / rows;
  const layout: PlotLayout = {
    height,
    margin: { l: 60, r: 30, t: opts.title ? 80 : 50, b: 50 },
    showlegend: figures.some((f) => f.layout.showlegend === true),
    annotations: [] as Record<string, unknown>[],
  };
  if (opts.title !== undefined) layout.title = { text: opts.title };
  if (opts.width !== undefined) layout.width = opts.width;
  const annotations = layout.annotations as Record<string, unknown>[];
  const data: PlotTrace[] = [];

  figures.forEach((fig, i) => {
    const k = i + 1;
    const r = Math.floor(i / cols);
    const c = i % cols;
    const x0 = c * (cellW + hs);
    const y1 = 1 - r * (cellH + vs);
    const xDomain: [number, number] = [x0, x0 + cellW];
    const yDomain: [number, number] = [y1 - cellH, y1];
    const src = fig.toJSON();
    const xa: PlotAxis = { ...(src.layout.xaxis ?? {}), domain: xDomain, anchor: axisName("y", k) };
    const ya: PlotAxis = { ...(src.layout.yaxis ?? {}), domain: yDomain, anchor: axisName("x", k) };
    if (ya.scaleanchor === "x") ya.scaleanchor = axisName("x", k);
    layout[layoutKey("x", k)] = xa;
    layout[layoutKey("y", k)] = ya;
    for (const trace of src.data) {
      trace.xaxis = axisName("x", k);
      trace.yaxis = axisName("y", k);
      if (trace.type === "heatmap") {
        // a colour bar beside its own panel
        const colorbar = (trace.colorbar as Record<string, unknown> | undefined) ?? {};
        trace.colorbar = { ...colorbar, x: xDomain[1] + 0.01, y: (yDomain[0] + yDomain[1]) / 2, len: cellH, thickness: 12 };
      }
      if (trace.name === undefined) trace.showlegend = false;
      data.push(trace);
    }
    for (const key of ["barmode", "bargap"]) if (src.layout[key] !== undefined) layout[key] = src.layout[key];
    const panelTitle = opts.titles?.[i] ?? src.layout.title?.text;
    if (panelTitle) {
      annotations.push({
        text: panelTitle,
        x: (xDomain[0] + xDomain[1]) / 2,
        y: yDomain[1],
        xref: "paper",
        yref: "paper",
        xanchor: "center",
        yanchor: "bottom",
        showarrow: false,
        font: { size: 14 },
      });
    }
  });
  return new Figure({ data, layout, kind: `${rows}x${cols} subplots` });
}
