/**
 * Display: outside a kernel a bundle prints its text/plain; inside one (tslab's
 * internal writer, mocked here, registered as the display sink by the tslab adapter)
 * the whole bundle goes out as one display_data, and a display handle sends
 * display_data once, then update_display_data.
 */
interface Sent {
  data: Record<string, unknown>;
  transient: { display_id?: string };
  update: boolean;
}

describe("outside a kernel", () => {
  test("show prints text/plain, or names the MIME types when there is none", () => {
    jest.isolateModules(() => {
      const d = require("../../../lib/display/bundle") as typeof import("../../../lib/display/bundle");
      const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
      expect(d.inNotebook()).toBe(false);
      d.show({ "text/html": "<b>x</b>", "text/plain": "x" });
      d.show({ "text/html": "<b>y</b>" });
      d.show({ "text/plain": "" });
      d.show({ [d.JUPYTER_DISPLAY]: () => ({ "text/plain": "from symbol" }) });
      d.newDisplayHandle().update({ "text/plain": "handle" });
      // a displayable with its own toString is printed without building its bundle
      const bundleBuilt = jest.fn(() => ({ "text/plain": "bundle" }));
      d.show({ [d.JUPYTER_DISPLAY]: bundleBuilt, toString: () => "own text" });
      expect(bundleBuilt).not.toHaveBeenCalled();
      expect(log.mock.calls.map((c) => c[0])).toEqual(["x", "[rich output: text/html]", "from symbol", "handle", "own text"]);
      log.mockRestore();
    });
  });

  test("helpers", () => {
    const d = require("../../../lib/display/bundle") as typeof import("../../../lib/display/bundle");
    expect(d.escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
    expect(d.isDisplayable({ [Symbol.for("Jupyter.display")]: () => ({}) })).toBe(true);
    expect(d.isDisplayable({})).toBe(false);
    expect(d.isDisplayable(null)).toBe(false);
    expect(d.JUPYTER_DISPLAY).toBe(Symbol.for("Jupyter.display"));
  });
});

describe("inside a (mocked) tslab kernel", () => {
  let sent: Sent[];
  beforeEach(() => {
    sent = [];
    jest.resetModules();
    jest.doMock("tslab/dist/jupyter", () => ({
      lastWriteDisplayData: (msg: { data: Record<string, unknown>; transient: { display_id?: string } }, update: boolean) =>
        sent.push({ data: msg.data, transient: msg.transient, update }),
    }));
    (require("../../../lib/notebookKernel/tslab") as typeof import("../../../lib/notebookKernel/tslab")).tslabAdapter().registerDisplay();
  });
  afterEach(() => {
    jest.dontMock("tslab/dist/jupyter");
    (require("../../../lib/display/bundle") as typeof import("../../../lib/display/bundle")).registerDisplaySink(null);
  });

  test("show sends the whole bundle as one display_data", () => {
    const d = require("../../../lib/display/bundle") as typeof import("../../../lib/display/bundle");
    expect(d.inNotebook()).toBe(true);
    d.show({ "text/html": "<b>x</b>", "text/plain": "x", "application/json": { a: 1 } });
    expect(sent).toEqual([{ data: { "text/html": "<b>x</b>", "text/plain": "x", "application/json": { a: 1 } }, transient: {}, update: false }]);
  });

  test("a display handle sends display_data once, then updates with the same id", () => {
    const d = require("../../../lib/display/bundle") as typeof import("../../../lib/display/bundle");
    const h = d.newDisplayHandle();
    h.update({ "text/plain": "1" });
    h.update({ "text/plain": "2" });
    expect(sent.map((s) => [s.update, s.transient.display_id])).toEqual([[false, h.id], [true, h.id]]);
    expect(d.newDisplayHandle().id).not.toBe(h.id);
  });

  test("figures: every output draws by itself; none carries plotly.js", () => {
    const p = require("../../../lib/plot") as typeof import("../../../lib/plot");
    p.lineChart([{ y: [1, 2] }]).show();
    p.histogramChart([1, 2, 3]).show();
    expect(sent).toHaveLength(2);
    for (const s of sent) {
      const html = s.data["text/html"] as string;
      expect(html).not.toContain('id="rnnlab-plotly-lib"');
      expect(html).toContain(p.PLOTLY_STATIC_URL_PATH); // each loads plotly.js from the server when the page lacks it
      expect(html.length).toBeLessThan(6_000);
      expect(Object.keys(s.data).sort()).toEqual(["text/html", "text/plain"]);
    }
  });

  test("a live chart redraws one output in place, throttled, each update drawing by itself", () => {
    const p = require("../../../lib/plot") as typeof import("../../../lib/plot");
    const live = p.liveLineChart({ title: "loss", minIntervalMs: 60_000 });
    for (let step = 0; step < 100; step++) live.push(step, { train: 1 / (step + 1), test: NaN });
    const fig = live.done();
    // first draw (step 0) + final draw; the 98 pushes between are throttled away
    expect(sent).toHaveLength(2);
    expect(sent[0].transient.display_id).toBeDefined();
    expect(sent[1].transient.display_id).toBe(sent[0].transient.display_id);
    expect([sent[0].update, sent[1].update]).toEqual([false, true]);
    for (const s of sent) {
      expect(s.data["text/html"]).not.toContain('id="rnnlab-plotly-lib"');
      expect(s.data["text/html"]).toContain(p.PLOTLY_STATIC_URL_PATH);
    }
    expect(fig.data.map((t) => t.name)).toEqual(["train", "test"]);
    expect(fig.data[0].y).toHaveLength(100);
    expect(fig.data[1].y?.every((v) => v === null)).toBe(true); // NaN drawn as gaps, no throw
    expect(sent[1].data["text/plain"]).toBe('Figure[live line chart] 2 traces ("train", "test"), title "loss"');
  });
});

describe("figures in a terminal", () => {
  test("showing a figure outside a notebook prints its summary line", () => {
    jest.isolateModules(() => {
      const d = require("../../../lib/display/bundle") as typeof import("../../../lib/display/bundle");
      const p = require("../../../lib/plot") as typeof import("../../../lib/plot");
      const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
      d.show(p.lineChart([1, 2], { title: "t" }));
      expect(log).toHaveBeenCalledWith('Figure[line chart] 1 trace, title "t"');
      log.mockRestore();
    });
  });
});

describe("live chart decimation", () => {
  test("bucketMeans keeps short curves and averages long ones, skipping non-finite values", () => {
    const p = require("../../../lib/plot") as typeof import("../../../lib/plot");
    expect(p.bucketMeans([0, 1, 2], [5, 6, 7], 10)).toEqual({ x: [0, 1, 2], y: [5, 6, 7] });
    expect(p.bucketMeans([0, 1, 2, 3, 4, 5], [1, 3, NaN, 5, NaN, NaN], 3)).toEqual({ x: [0.5, 2.5, 4.5], y: [2, 5, NaN] });
    const steps = Array.from({ length: 10000 }, (_, i) => i);
    const live = p.liveLineChart({ maxPoints: 100, terminalIntervalMs: 1e9 });
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    for (const s of steps) live.push(s, s);
    log.mockRestore();
    const fig = live.figure();
    expect(fig.data[0].x).toHaveLength(100);
    expect((fig.data[0].y as number[])[0]).toBeCloseTo(49.5, 12);
    expect(live.values.get("value")).toHaveLength(10000); // all points kept
    expect(() => p.liveLineChart({ maxPoints: 1 })).toThrow(/maxPoints must be an integer >= 2 or Infinity, got 1/);
  });
});

describe("live chart in a terminal", () => {
  test("prints a throttled progress line instead of redrawing", () => {
    const p = require("../../../lib/plot") as typeof import("../../../lib/plot");
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const live = p.liveLineChart({ title: "loss", names: ["train"], terminalIntervalMs: 60_000 });
    for (let step = 0; step < 50; step++) live.push(step, [0.5 / (step + 1)]);
    live.done();
    expect(log.mock.calls.map((c) => c[0])).toEqual(["loss: step 0: train=0.5", "loss: step 49: train=0.01"]);
    expect(() => live.push(NaN, 1)).toThrow(/step must be a finite number, got NaN/);
    expect(() => live.push(1, { a: "x" as unknown as number })).toThrow(/values.a must be a number/);
    log.mockRestore();
  });
});
