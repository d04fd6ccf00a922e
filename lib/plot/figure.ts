/**
 * `Figure`: a Plotly figure (traces + layout + config) that displays itself.
 *
 * Its MIME bundle has three entries:
 * - `application/vnd.plotly.v1+json`: `{data, layout, config}`; JupyterLab draws it
 *   natively when the jupyterlab-plotly extension is installed (also untrusted);
 * - `text/html`: a `<div>` and a script calling `Plotly.newPlot`, for the classic
 *   Notebook, trusted JupyterLab output and the exported book. The first figure of
 *   a kernel process also carries plotly.js itself (see plotlyLibrary.ts);
 * - `text/plain`: one line, e.g. `Figure[line chart] 2 traces ("train", "test"), title "Loss"`.
 */
import { inspect } from "util";
import { JUPYTER_DISPLAY, Displayable, MimeBundle, escapeHtml, inNotebook, show } from "../display/bundle";
import { forcePlotlyLibraryHtml, takePlotlyLibraryHtml } from "./plotlyLibrary";
import { FigureSpec, PlotConfig, PlotFrame, PlotLayout, PlotTrace } from "./types";

/** The MIME type of Plotly's JSON figure format. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Default Plotly config: responsive, no logo, PNG download at 2x. */
export const DEFAULT_PLOT_CONFIG: PlotConfig = {
  responsive: true,
  displaylogo: false,
  toImageButtonOptions: { format: "png", scale: 2 },
};

/** Default height in px when a layout gives none. */
export const DEFAULT_PLOT_HEIGHT = 400;

let figureCounter = 0;

/** Deep copy of plain JSON data. */
function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Significant digits of non-integer numbers in a figure's serialised output (the
 * bundle and HTML; `fig.data` itself keeps full precision). 9 digits resolve a
 * relative difference of 1e-9 (far below a pixel, even zoomed in 10^5 times) and
 * make the figure data about a third smaller than 17 digits.
 */
export const PLOT_OUTPUT_DIGITS = 9;

function roundForOutput(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isInteger(value) && Number.isFinite(value) ? Number(value.toPrecision(PLOT_OUTPUT_DIGITS)) : value;
}

/** The figure spec as compact JSON text, numbers rounded to PLOT_OUTPUT_DIGITS significant digits. */
function outputJson(spec: FigureSpec): string {
  return JSON.stringify(spec, roundForOutput);
}

/** What a Figure is made of; only `data` is required. */
export interface FigureInit {
  data: PlotTrace[];
  layout?: PlotLayout;
  config?: PlotConfig;
  frames?: PlotFrame[];
  /** A short description for the text summary, e.g. "line chart". */
  kind?: string;
}

/** A Plotly figure that shows itself inline in a notebook (and as one line in a terminal). */
export class Figure implements Displayable {
  /** The traces, in Plotly's JSON format. */
  data: PlotTrace[];
  /** The layout (title, axes, size, ...). */
  layout: PlotLayout;
  /** Plotly config (mode bar, responsiveness). */
  config: PlotConfig;
  /** Animation frames (slider charts), if any. */
  frames?: PlotFrame[];
  /** What kind of chart this is, for the text summary. */
  kind: string;

  constructor(init: FigureInit) {
    this.data = init.data;
    this.layout = init.layout ?? {};
    this.config = { ...DEFAULT_PLOT_CONFIG, ...(init.config ?? {}) };
    if (init.frames !== undefined) this.frames = init.frames;
    this.kind = init.kind ?? "figure";
  }

  /** The figure title, or "" when it has none. */
  get title(): string {
    return this.layout.title?.text ?? "";
  }

  /** Adds traces (e.g. a reference curve on top of a histogram). Returns this. */
  addTraces(...traces: PlotTrace[]): this {
    this.data.push(...traces);
    return this;
  }

  /** Merges `patch` into the layout (shallow, one level deep for objects). Returns this. */
  updateLayout(patch: PlotLayout): this {
    for (const [key, value] of Object.entries(patch)) {
      const old = this.layout[key];
      const bothObjects =
        typeof old === "object" && old !== null && !Array.isArray(old) && typeof value === "object" && value !== null && !Array.isArray(value);
      this.layout[key] = bothObjects ? { ...(old as object), ...(value as object) } : value;
    }
    return this;
  }

  /** The figure as plain Plotly JSON `{data, layout, config, frames?}` (a deep copy). */
  toJSON(): FigureSpec {
    const spec: FigureSpec = { data: this.data, layout: this.layout, config: this.config };
    if (this.frames !== undefined) spec.frames = this.frames;
    return cloneJson(spec);
  }

  /** One line: kind, number of traces and their names, title. */
  toString(): string {
    const names = this.data.map((t) => t.name).filter((n): n is string => typeof n === "string" && n !== "");
    const shown = names.slice(0, 4).map((n) => JSON.stringify(n));
    if (names.length > 4) shown.push("...");
    const traces = `${this.data.length} trace${this.data.length === 1 ? "" : "s"}${shown.length ? ` (${shown.join(", ")})` : ""}`;
    const frames = this.frames ? `, ${this.frames.length} frames` : "";
    const title = this.title ? `, title ${JSON.stringify(this.title)}` : "";
    return `Figure[${this.kind}] ${traces}${frames}${title}`;
  }

  /**
   * The self-sufficient HTML: a div and a script that draws into it once
   * `window.Plotly` exists (polling, so figures may render in any order).
   *
   * @param options.includeLibrary - embed plotly.js here: true/false, or
   *   "auto" (default) = only if no figure of this process has embedded it yet
   */
  toHtml(options: { includeLibrary?: boolean | "auto" } = {}): string {
    const include = options.includeLibrary ?? "auto";
    figureCounter += 1;
    const id = `rnnlab-fig-${process.pid.toString(36)}-${Date.now().toString(36)}-${figureCounter}`;
    const height = this.layout.height ?? DEFAULT_PLOT_HEIGHT;
    const width = this.layout.width;
    const style = `width:${width !== undefined ? `${width}px` : "100%"};height:${height}px;`;
    // JSON inside <script>: escape "<" so that no title or label can close the tag.
    const json = outputJson(this.toJSON()).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
    const library = include === "auto" ? takePlotlyLibraryHtml() : include ? forcePlotlyLibraryHtml() : "";
    const label = escapeHtml(this.toString());
    return (
      `<div id="${id}" class="rnnlab-plot" style="${style}" aria-label="${label}"></div>\n` +
      library +
      `<script type="text/javascript">\n` +
      `(function () {\n` +
      `  var spec = ${json};\n` +
      `  var tries = 0;\n` +
      `  function draw() {\n` +
      `    var el = document.getElementById(${JSON.stringify(id)});\n` +
      `    if (!el) return;\n` +
      `    if (window.Plotly && window.Plotly.newPlot) { el.textContent = ""; window.Plotly.newPlot(el, spec); return; }\n` +
      `    if (++tries === 300) {\n` +
      `      el.textContent = "plotly.js is not loaded in this page (the first figure of a kernel session carries it): restart the kernel and run all cells.";\n` +
      `    }\n` +
      `    setTimeout(draw, tries < 300 ? 100 : 1000); // keep waiting: the library may still arrive (lazy rendering)\n` +
      `  }\n` +
      `  draw();\n` +
      `})();\n` +
      `</script>`
    );
  }

  /** The MIME bundle: Plotly JSON, self-sufficient HTML and a one-line text summary. */
  [JUPYTER_DISPLAY](): MimeBundle {
    const spec = JSON.parse(outputJson(this.toJSON())) as FigureSpec;
    return {
      [PLOTLY_MIME]: { data: spec.data, layout: spec.layout, config: spec.config, ...(spec.frames ? { frames: spec.frames } : {}) },
      "text/html": this.toHtml(),
      "text/plain": this.toString(),
    };
  }

  /** Shows the figure below the cell (prints the summary line outside a notebook). */
  show(): void {
    if (!inNotebook()) {
      console.log(this.toString());
      return;
    }
    show(this);
  }

  /**
   * How Node prints a Figure, e.g. when a cell ends with a figure expression (tslab
   * prints that value as text): the summary line and a reminder that `.show()` draws it.
   */
  [inspect.custom](): string {
    return `${this.toString()} (not drawn: call .show() to draw it)`;
  }
}

/** True when `value` is a Figure. */
export function isFigure(value: unknown): value is Figure {
  return value instanceof Figure;
}
