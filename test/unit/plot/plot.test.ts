import {
  Figure,
  PLOTLY_STATIC_URL_PATH,
  barChart,
  heatmapChart,
  histogramChart,
  histogramCounts,
  lineChart,
  scatterChart,
  sliderChart,
  subplots,
} from "../../../lib/plot";
import { PLOTLY_LIBRARY_TAG_ID, escapeInlineScript } from "../../../lib/plot/plotlyLibrary";
import { PLOT_NOTE_CLASS } from "../../../lib/plot/plotlyLoader";
import { JUPYTER_DISPLAY, MimeBundle } from "../../../lib/display/bundle";
import { FigureSpec } from "../../../lib/plot/types";

function bundleOf(fig: Figure): MimeBundle {
  return fig[JUPYTER_DISPLAY]();
}

/** The figure spec a figure's HTML draws (the JSON in its script). */
function specOf(html: string): FigureSpec {
  const json = /\bspec = (\{.*\});\n/.exec(html)?.[1];
  if (json === undefined) throw new Error("no spec in the figure's HTML");
  return JSON.parse(json) as FigureSpec;
}

function countOccurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe("Figure bundle", () => {
  test("has the self-sufficient HTML and a one-line text summary, no Plotly JSON", () => {
    const fig = lineChart([{ y: [1, 2, 3], name: "loss" }], { title: "Training" });
    const b = bundleOf(fig);
    expect(Object.keys(b).sort()).toEqual(["text/html", "text/plain"]);
    const html = b["text/html"] as string;
    const spec = specOf(html);
    expect(spec.data).toHaveLength(1);
    expect(spec.data[0]).toMatchObject({ type: "scatter", mode: "lines", x: [0, 1, 2], y: [1, 2, 3], name: "loss" });
    expect(spec.layout.title).toEqual({ text: "Training" });
    expect(spec.config.responsive).toBe(true);
    expect(b["text/plain"]).toBe('Figure[line chart] 1 trace ("loss"), title "Training"');
    expect(b["text/plain"]).not.toMatch(/\n/);
    expect(html).toMatch(/<div id="rnnlab-fig-[^"]+" class="rnnlab-plot"/);
    expect(html).toMatch(/Plotly\.newPlot|\.newPlot\(el, spec\)/);
  });

  test("output numbers are rounded to 9 significant digits; the figure keeps full precision", () => {
    const fig = lineChart([{ x: [0.1 + 0.2, 1], y: [Math.PI, 123456789.123] }]);
    const spec = specOf(fig.toHtml());
    expect(spec.data[0].x).toEqual([0.3, 1]);
    expect(spec.data[0].y).toEqual([3.14159265, 123456789]);
    expect(fig.data[0].y).toEqual([Math.PI, 123456789.123]);
    expect(fig.toHtml()).toContain("[3.14159265,123456789]");
  });

  test("typed arrays become plain JSON arrays", () => {
    const fig = lineChart([{ x: new Float64Array([0, 0.5]), y: new Float32Array([2, 4]) }]);
    const spec = specOf(bundleOf(fig)["text/html"] as string);
    expect(spec.data[0].x).toEqual([0, 0.5]);
    expect(spec.data[0].y).toEqual([2, 4]);
  });

  test("no figure carries plotly.js: each loads it once per page from the server, or uses the page's copy", () => {
    const htmls = [lineChart([{ y: [1, 2] }]), lineChart([{ y: [3, 4] }]), histogramChart([1, 2, 2, 3])].map((f) => bundleOf(f)["text/html"] as string);
    for (const h of htmls) {
      expect(h).not.toContain(PLOTLY_LIBRARY_TAG_ID);
      expect(h).not.toMatch(/<script[^>]*\bsrc=/); // no external script tag in the output itself
      // the size bound: a two-point figure is a few kilobytes, whatever was shown before
      expect(h.length).toBeLessThan(5_000);
      // the page's plotly.js first, else one shared load from <baseUrl>static/rnnlab/plotly.min.js
      expect(h).toMatch(/window\.Plotly && window\.Plotly\.newPlot/);
      expect(h).toContain(JSON.stringify(PLOTLY_STATIC_URL_PATH));
      expect(h).toContain("w.__rnnlabPlotlyLoad = { waiting: [] }");
      // the base URL from the page: classic Notebook and JupyterLab/JupyterHub
      expect(h).toContain('getAttribute("data-base-url")');
      expect(h).toContain('getElementById("jupyter-config-data")');
      // require.js (classic Notebook): plotly.js as an AMD module, not a script tag
      expect(h).toMatch(/w\.require\(\["rnnlab-plotly"\]/);
    }
    expect(PLOTLY_STATIC_URL_PATH).toBe("static/rnnlab/plotly.min.js"); // scripts/jupyter-static.js serves it there
  });

  test("where scripts do not run (untrusted notebook) the figure is a visible one-line note, no blank gap", () => {
    const html = lineChart([{ y: [1, 2], name: "loss" }], { title: "Training", height: 500 }).toHtml();
    // what a sanitizer leaves: the markup without scripts
    const sanitized = html.replace(/<script[\s\S]*?<\/script>/gi, "");
    expect(sanitized).not.toMatch(/height\s*:/); // the height is set by the script, only when it draws
    const note = new RegExp(`<div class="${PLOT_NOTE_CLASS}"[^>]*>([^<]*)</div>`).exec(sanitized)?.[1] ?? "";
    expect(note).toBe(
      "Interactive figure &quot;Training&quot;: trust this notebook to draw it (File &gt; Trust Notebook; JupyterLab: command &quot;Trust Notebook&quot;) or re-run the cell.",
    );
    expect(lineChart([1, 2]).toHtml()).toContain("Interactive figure &quot;line chart&quot;: trust"); // no title: its kind
    expect(note).toContain("re-run the cell");
    expect(note).not.toMatch(/\n/);
    // the script sets the height it was given and removes the note when it draws
    expect(html).toContain('el.style.height = "500px"');
  });

  test("a standalone figure can embed plotly.js (with the AMD guard); bad options throw", () => {
    const fig = lineChart([{ y: [1, 2] }]);
    expect(fig.toHtml({ includeLibrary: false })).not.toContain(PLOTLY_LIBRARY_TAG_ID);
    const h = fig.toHtml({ includeLibrary: true });
    const tag = `<script type="text/javascript" id="${PLOTLY_LIBRARY_TAG_ID}">`;
    expect(countOccurrences(h, tag)).toBe(1);
    expect(h.length).toBeGreaterThan(1_000_000);
    const lib = h.indexOf(tag);
    expect(h.lastIndexOf("window.define = undefined", lib)).toBeGreaterThan(-1);
    expect(h.indexOf("window.define = window.__rnnlabSavedDefine", lib)).toBeGreaterThan(lib);
    expect(fig.toHtml()).not.toContain(PLOTLY_LIBRARY_TAG_ID); // nothing is remembered between calls
    expect(() => fig.toHtml({ includeLibrary: "auto" as unknown as boolean })).toThrow(/includeLibrary must be true or false, got "auto"/);
    expect(() => fig.toHtml({ library: true } as unknown as { includeLibrary?: boolean })).toThrow(/unknown options key "library" \(did you mean "includeLibrary"\?\)/);
  });

  test("titles cannot break out of the script or the HTML", () => {
    const evil = '</script><script>alert("x")</script> & <b>';
    const html = lineChart([{ y: [1], name: evil }], { title: evil, xLabel: evil }).toHtml({ includeLibrary: false });
    expect(html).not.toContain("</script><script>alert");
    expect(countOccurrences(html.toLowerCase(), "</script")).toBe(1); // only the figure's own closing tag
    expect(html).toContain("&lt;/script&gt;"); // in the aria-label
    // the title survives JSON escaping intact
    expect(specOf(html).layout.title?.text).toBe(evil);
  });

  test("escapeInlineScript neutralises closing tags and comments", () => {
    expect(escapeInlineScript('a="</script>";b="<!--"')).toBe('a="<\\/script>";b="<\\!--"');
    expect(escapeInlineScript("</SCRIPT")).toBe("<\\/SCRIPT");
  });

  test("printing a figure (a cell's last value) reminds to call .show()", () => {
    const { inspect } = require("util") as typeof import("util");
    expect(inspect(lineChart([1, 2]))).toBe("Figure[line chart] 1 trace (not drawn: call .show() to draw it)");
  });

  test("show() outside a notebook prints the summary line", () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    lineChart([{ y: [1, 2], name: "a" }], { title: "T" }).show();
    expect(log).toHaveBeenCalledWith('Figure[line chart] 1 trace ("a"), title "T"');
    log.mockRestore();
  });
});

describe("validation", () => {
  test("mismatched lengths name the series", () => {
    expect(() => lineChart([{ y: [1, 2] }, { x: [1, 2, 3], y: [1, 2], name: "test" }])).toThrow(
      'lineChart: series "test" (#1) has 3 x values but 2 y values; they must match',
    );
  });

  test("non-finite values are reported with series and index, unless gaps are allowed", () => {
    expect(() => lineChart([{ y: [1, NaN, 3], name: "loss" }])).toThrow(/series "loss" \(#0\) y\[1\] is NaN.*allowGaps/);
    expect(() => scatterChart([{ y: [1, 2], x: [0, Infinity] }])).toThrow(/scatterChart: series #0 x\[1\] is Infinity/);
    const fig = lineChart([{ y: [1, NaN, Infinity], allowGaps: true }]);
    expect(fig.data[0].y).toEqual([1, null, null]);
  });

  test("wrong types are reported", () => {
    expect(() => lineChart([{ y: "abc" as unknown as number[] }])).toThrow(/y must be an array of numbers.*got "abc"/);
    expect(() => lineChart([{ y: [1, "2" as unknown as number] }])).toThrow(/y\[1\] must be a number, got "2"/);
    expect(() => lineChart([])).toThrow(/at least one series/);
    expect(() => lineChart([{ y: [1] }], { height: -3 })).toThrow(/height must be a finite number > 0, got -3/);
    expect(() => lineChart([{ y: [1] }], { yRange: [2, 1] })).toThrow(/yRange must be \[min, max\]/);
    expect(() => lineChart([1, 2, 3])).not.toThrow();
  });

  test("heatmap must be rectangular and its labels must fit", () => {
    expect(() => heatmapChart([[1, 2], [3]])).toThrow("heatmapChart: z must be rectangular: row 0 has 2 entries, row 1 has 1");
    expect(() => heatmapChart([[1, NaN]])).toThrow(/z\[0\]\[1\] is NaN/);
    expect(() => heatmapChart([[1, 2]], { x: [1, 2, 3] })).toThrow(/3 x values but 2 y values|must match/);
    expect(() => heatmapChart([[1, 2]], { y: ["a", "b"] })).toThrow(/y has 2 entries but z has 1 rows/);
  });

  test("histogram needs finite values", () => {
    expect(() => histogramChart([1, 2, NaN])).toThrow(/histogramChart: values\[2\] is NaN/);
    expect(() => histogramChart([NaN], { allowGaps: true })).toThrow(/at least one finite number/);
    expect(() => histogramChart([1, 2], { bins: 0 })).toThrow(/bins must be an integer >= 1, got 0/);
  });
});

describe("chart helpers", () => {
  test("log axes, labels, legend default", () => {
    const fig = lineChart([{ y: [1, 10], name: "a" }, { y: [2, 20], name: "b" }], { logY: true, xLabel: "epoch", yLabel: "loss" });
    expect(fig.layout.yaxis).toMatchObject({ type: "log", title: { text: "loss" } });
    expect(fig.layout.xaxis?.type).toBeUndefined();
    expect(fig.layout.xaxis?.title).toEqual({ text: "epoch" });
    expect(fig.layout.showlegend).toBe(true);
    expect(lineChart([{ y: [1] }]).layout.showlegend).toBe(false);
  });

  test("a second y axis on the right", () => {
    const fig = lineChart([{ y: [1, 0.5], name: "loss" }, { y: [0.2, 0.9], name: "accuracy", rightAxis: true }], { yLabel: "loss", y2Label: "accuracy", logY2: true });
    expect(fig.data.map((t) => t.yaxis)).toEqual([undefined, "y2"]);
    expect(fig.layout.yaxis2).toMatchObject({ overlaying: "y", side: "right", title: { text: "accuracy" }, type: "log" });
    expect(lineChart([{ y: [1] }]).layout.yaxis2).toBeUndefined();
    expect(() => subplots([fig])).toThrow(/figures\[0\] has a right y axis/);
  });

  test("series styles and error bars", () => {
    const fig = lineChart([{ y: [1, 2], dash: "dash", color: "red", width: 3, errorY: [0.1, 0.2] }]);
    expect(fig.data[0].line).toEqual({ dash: "dash", color: "red", width: 3 });
    expect(fig.data[0].error_y).toMatchObject({ array: [0.1, 0.2] });
    expect(() => lineChart([{ y: [1, 2], errorY: [1] }])).toThrow(/2 y values but 1 errorY values/);
    expect(scatterChart([{ y: [1, 2] }]).data[0].mode).toBe("markers");
  });

  test("histogram counts are exact and density integrates to 1", () => {
    const { edges, counts } = histogramCounts([0, 0.1, 0.5, 0.99, 1], 2, 0, 1);
    expect(edges).toEqual([0, 0.5, 1]);
    expect(counts).toEqual([2, 3]); // 1 (= hi) falls in the last bin
    const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
    const fig = histogramChart(values, { bins: 20, density: true });
    const y = fig.data[0].y as number[];
    const w = (fig.data[0].width as number[])[0];
    expect(y.reduce((s, v) => s + v * w, 0)).toBeCloseTo(1, 10);
    expect(fig.layout.yaxis?.title).toEqual({ text: "density" });
    // several samples share bins
    const two = histogramChart([{ values: [0, 1], name: "a" }, { values: [2, 3], name: "b" }], { bins: 3 });
    expect(two.data.map((t) => t.x)).toEqual([two.data[0].x, two.data[0].x]);
    expect(two.layout.barmode).toBe("overlay");
  });

  test("heatmap: diverging scale with zmid, matrix orientation", () => {
    const fig = heatmapChart([new Float64Array([1, -2]), new Float64Array([0, 3])], { zmid: 0, matrixOrientation: true, x: ["a", "b"] });
    expect(fig.data[0]).toMatchObject({ type: "heatmap", z: [[1, -2], [0, 3]], zmid: 0, colorscale: "RdBu", x: ["a", "b"] });
    expect(fig.layout.yaxis?.autorange).toBe("reversed");
  });

  test("heatmap of a {shape, data} matrix (Tensor, Parameter)", () => {
    const fig = heatmapChart({ shape: [2, 3], data: new Float64Array([1, 2, 3, 4, 5, 6]) });
    expect(fig.data[0].z).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(() => heatmapChart({ shape: [2, 2], data: new Float64Array(3) })).toThrow("heatmapChart: z has shape [2, 2] but 3 values (expected 4)");
    expect(() => heatmapChart({ shape: [4], data: new Float64Array(4) })).toThrow(/2-D shape/);
  });

  test("bar chart", () => {
    const fig = barChart([{ x: ["RNN", "LSTM"], y: [0.6, 0.9], name: "acc", errorY: [0.05, 0.02] }], { barMode: "stack" });
    expect(fig.data[0]).toMatchObject({ type: "bar", x: ["RNN", "LSTM"], y: [0.6, 0.9] });
    expect(fig.layout.barmode).toBe("stack");
    expect(() => barChart([{ x: ["a"], y: [1, 2] }])).toThrow(/barChart: series #0 has 1 x values but 2 y values/);
  });

  test("subplots remap axes, keep log scales and add panel titles", () => {
    const a = lineChart([{ y: [1, 2], name: "a" }], { title: "left", logY: true });
    const b = heatmapChart([[1, 2]], { title: "right" });
    const c = scatterChart([{ y: [3, 4] }]);
    const fig = subplots([a, b, c], { cols: 2, titles: ["A", "B", "C"] });
    expect(fig.data.map((t) => [t.xaxis, t.yaxis])).toEqual([["x", "y"], ["x2", "y2"], ["x3", "y3"]]);
    expect((fig.layout.yaxis as { type?: string }).type).toBe("log");
    expect((fig.layout.yaxis3 as { domain: number[] }).domain[1]).toBeLessThan((fig.layout.yaxis as { domain: number[] }).domain[0]);
    expect((fig.layout.annotations as { text: string }[]).map((x) => x.text)).toEqual(["A", "B", "C"]);
    expect(fig.toString()).toMatch(/^Figure\[2x2 subplots\] 3 traces/);
    expect(() => subplots([a, b, c], { rows: 1, cols: 2 })).toThrow(/3 figures do not fit in 1 rows x 2 cols/);
    expect(() => subplots([a], { titles: ["x", "y"] })).toThrow(/one entry per figure/);
    expect(() => subplots([{} as Figure])).toThrow(/figures\[0\] must be a Figure/);
  });

  test("slider chart has one frame and one step per label, fixed ranges", () => {
    const frames = [0.5, 1.5].map((g) => ({ label: `g = ${g}`, series: [{ y: [0, g, 2 * g] }] }));
    const fig = sliderChart(frames, { sliderPrefix: "gain: ", initialFrame: 1 });
    const spec = fig.toJSON();
    expect(spec.frames?.map((f) => f.name)).toEqual(["g = 0.5", "g = 1.5"]);
    expect(spec.data[0].y).toEqual([0, 1.5, 3]);
    const slider = (spec.layout.sliders as { active: number; steps: { label: string; method: string }[] }[])[0];
    expect(slider.active).toBe(1);
    expect(slider.steps.map((s) => [s.label, s.method])).toEqual([["g = 0.5", "animate"], ["g = 1.5", "animate"]]);
    const yr = spec.layout.yaxis?.range as number[];
    expect(yr[0]).toBeLessThan(0);
    expect(yr[1]).toBeGreaterThan(3);
    const out = specOf(bundleOf(fig)["text/html"] as string);
    expect(out.frames).toHaveLength(2);
    // the output's frames carry only what changes (y); the shared x stays in the traces
    expect(out.frames!.map((f) => Object.keys(f.data[0]).sort())).toEqual([["type", "y"], ["type", "y"]]);
    expect(out.data[0].x).toEqual(spec.data[0].x);
    expect(out.frames!.map((f) => f.data[0].y)).toEqual(spec.frames!.map((f) => f.data[0].y));
    expect(() => sliderChart([{ label: "a", series: [{ y: [1] }] }, { label: "b", series: [] }])).toThrow(/frames\[1\] \("b"\) has 0 series but frames\[0\] has 1/);
    expect(() => sliderChart([{ label: "a", series: [{ y: [NaN] }] }])).toThrow(/sliderChart frames\[0\]: series #0 y\[0\] is NaN/);
    expect(() => sliderChart([{ label: "a", series: [{ y: [1] }] }, { label: "a", series: [{ y: [1] }] }])).toThrow(/distinct/);
  });


  test("figures can be extended", () => {
    const fig = histogramChart([0, 1, 2]).addTraces({ type: "scatter", x: [0, 2], y: [1, 1], name: "pdf" }).updateLayout({ xaxis: { range: [0, 5] } });
    expect(fig.data).toHaveLength(2);
    expect(fig.layout.xaxis?.range).toEqual([0, 5]);
    expect(fig.layout.xaxis?.automargin).toBe(true); // merged, not replaced
  });
});
