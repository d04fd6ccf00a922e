/**
 * `Figure`: a Plotly figure (traces + layout + config) that displays itself.
 *
 * Its MIME bundle has two entries:
 * - `text/html`: a `<div>` and a script calling `Plotly.newPlot`, for the classic
 *   Notebook, JupyterLab, JupyterHub and the exported book. It does not carry
 *   plotly.js: the script loads it once per page from the Jupyter server (or
 *   finds the book's copy), so every figure output draws by itself
 *   (plotlyLoader.ts); untrusted, it shows a one-line note of what to do;
 * - `text/plain`: one line, e.g. `Figure[line chart] 2 traces ("train", "test"), title "Loss"`.
 */
import { inspect } from "util";
import { JUPYTER_DISPLAY, Displayable, MimeBundle, escapeHtml, inNotebook, show } from "../display/bundle";
import { RnnlabError, describeValue } from "../core/errors";
import { checkOptions } from "../core/options";
import { plotlyLibraryHtml } from "./plotlyLibrary";
import { PLOT_NOTE_CLASS, PLOT_NOTE_STYLE, figureScript, untrustedNoteText } from "./plotlyLoader";
import { FigureSpec, PlotConfig, PlotFrame, PlotLayout, PlotTrace } from "./types";

/** Default Plotly config: responsive, no logo, PNG download at 2x. */
const DEFAULT_PLOT_CONFIG: PlotConfig = {
  responsive: true,
  displaylogo: false,
  toImageButtonOptions: { format: "png", scale: 2 },
};

/** Default height in px when a layout gives none. */
const DEFAULT_PLOT_HEIGHT = 400;

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
const PLOT_OUTPUT_DIGITS = 9;

function roundForOutput(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isInteger(value) && Number.isFinite(value) ? Number(value.toPrecision(PLOT_OUTPUT_DIGITS)) : value;
}

/** The figure spec as compact JSON text, numbers rounded to PLOT_OUTPUT_DIGITS significant digits. */
function outputJson(spec: FigureSpec): string {
  return JSON.stringify(spec, roundForOutput);
}

/**
 * Frames in the output carry only what changes between them: a trace attribute
 * (other than `type`) whose value is the same in the figure's data and in every
 * frame is left out of the frames, since Plotly keeps a trace's current value for
 * what a frame does not set (e.g. the shared time axis of a slider over a gain:
 * about half of such a figure). `spec` is modified and returned.
 */
function compactFrames(spec: FigureSpec): FigureSpec {
  const frames = spec.frames;
  if (!frames || frames.length === 0) return spec;
  spec.data.forEach((trace, i) => {
    if (!frames.every((f) => f.data[i] !== undefined)) return;
    for (const key of Object.keys(trace)) {
      if (key === "type") continue;
      const value = JSON.stringify(trace[key]);
      if (frames.every((f) => key in f.data[i] && JSON.stringify(f.data[i][key]) === value)) {
        for (const f of frames) delete f.data[i][key];
      }
    }
  });
  return spec;
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
   * The self-sufficient HTML: a div with a one-line note (what the figure is and
   * what to do where scripts do not run, e.g. an untrusted notebook) and a script
   * that draws the figure into it, loading plotly.js once per page from the
   * Jupyter server when the page lacks it (see plotlyLoader.ts). plotly.js itself
   * is not in the output.
   *
   * @param options.includeLibrary - embed plotly.js (about 5 MB) before the figure,
   *   for a standalone HTML file opened without a server (default false)
   */
  toHtml(options: { includeLibrary?: boolean } = {}): string {
    checkOptions("Figure.toHtml", options, ["includeLibrary"]);
    if (options.includeLibrary !== undefined && typeof options.includeLibrary !== "boolean") {
      throw new RnnlabError(`Figure.toHtml: includeLibrary must be true or false, got ${describeValue(options.includeLibrary)}`);
    }
    figureCounter += 1;
    const id = `rnnlab-fig-${process.pid.toString(36)}-${Date.now().toString(36)}-${figureCounter}`;
    const height = `${this.layout.height ?? DEFAULT_PLOT_HEIGHT}px`;
    const width = this.layout.width;
    // No height here: where the script does not run, the div is just the note (no blank gap).
    const style = width !== undefined ? ` style="max-width:${width}px;"` : "";
    // JSON inside <script>: escape "<" so that no title or label can close the tag.
    const json = outputJson(compactFrames(this.toJSON())).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
    const label = escapeHtml(this.toString());
    const library = options.includeLibrary === true ? plotlyLibraryHtml() : "";
    return (
      library +
      `<div id="${id}" class="rnnlab-plot"${style} aria-label="${label}">` +
      `<div class="${PLOT_NOTE_CLASS}" style="${PLOT_NOTE_STYLE}">${escapeHtml(untrustedNoteText(this.title || this.kind))}</div></div>\n` +
      `<script type="text/javascript">\n${figureScript(id, json, height)}\n</script>`
    );
  }

  /**
   * The MIME bundle: the self-sufficient HTML and a one-line text summary. No
   * Plotly JSON: a MIME renderer for it (jupyterlab-plotly) would take over in
   * JupyterLab, ignore the updates of live charts and store a PNG per figure;
   * `toJSON()` gives the figure as Plotly JSON.
   */
  [JUPYTER_DISPLAY](): MimeBundle {
    return {
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

