/**
 * The script every figure's HTML carries to draw itself: plotly.js is not in the
 * output, the page's Jupyter server (or the book) serves it once.
 *
 * A figure's HTML is a `<div class="rnnlab-plot">` holding a one-line note, then
 * a script. Where scripts do not run (an untrusted notebook: the sanitizer
 * removes them; nbviewer) the note stays: what the figure is and what to do.
 * Where they run, the script:
 * 1. finds its div (the script's previous sibling, else by id);
 * 2. uses `window.Plotly` when the page has it (the book loads plotly.js in its
 *    head; a standalone file may embed it), else loads it once per page from
 *    `<baseUrl>static/rnnlab/plotly.min.js`, the URL convention of
 *    scripts/jupyter-static.js. The base URL comes from the page: classic
 *    Notebook `<body data-base-url>`, JupyterLab and JupyterHub the
 *    `jupyter-config-data` JSON. Under require.js (the classic Notebook) plotly.js
 *    is loaded as an AMD module (a plain script tag would register it as an
 *    anonymous module and fail); elsewhere by a script tag. All figures of a page
 *    (several notebooks in one JupyterLab page too) share one load through
 *    `window.__rnnlabPlotlyLoad`; a failed load is retried by the next figure;
 * 3. draws, or replaces the note with why it could not (the URL it tried).
 *
 * The script is ES5 (it runs in whatever page shows the output) and takes about
 * 2 KB per figure.
 */

/** Path of plotly.js below the server's `<baseUrl>` (see scripts/jupyter-static.js). */
export const PLOTLY_STATIC_URL_PATH = "static/rnnlab/plotly.min.js";

/** The CSS class of the note shown until (or instead of) the drawing. */
export const PLOT_NOTE_CLASS = "rnnlab-plot-note";

/** The inline style of the note: a visible, one-line box. */
export const PLOT_NOTE_STYLE = "padding:6px 10px;border:1px dashed #b0b0b0;border-radius:3px;color:#444;background:#fafafa;font:13px/1.4 sans-serif;";

/**
 * The note's text where scripts do not run (untrusted notebooks): which figure
 * (its title, else its kind, cut to 40 characters) and what to do, in one line.
 */
export function untrustedNoteText(name: string): string {
  const short = name.length > 40 ? `${name.slice(0, 39)}…` : name;
  return `Interactive figure "${short}": trust this notebook to draw it (File > Trust Notebook; JupyterLab: command "Trust Notebook") or re-run the cell.`;
}

/**
 * The figure's script (without the `<script>` tag): `spec` is the figure's JSON
 * text (already safe inside a script element), `id` its div's id, `height` its
 * CSS height.
 */
export function figureScript(id: string, specJson: string, height: string): string {
  return `(function () {
var id = ${JSON.stringify(id)}, spec = ${specJson};
var me = document.currentScript, el = me && me.previousElementSibling;
if (!el || el.id !== id) el = document.getElementById(id);
if (!el || el.getAttribute("data-rnnlab-drawn")) return;
el.setAttribute("data-rnnlab-drawn", "1");
var note = el.querySelector(".${PLOT_NOTE_CLASS}");
function say(text) { if (!note) { note = document.createElement("div"); note.className = "${PLOT_NOTE_CLASS}"; note.setAttribute("style", ${JSON.stringify(PLOT_NOTE_STYLE)}); el.appendChild(note); } note.textContent = text; }
function draw(P) {
  el.style.height = ${JSON.stringify(height)};
  if (note && note.parentNode === el) el.removeChild(note);
  try {
    var r = P.newPlot(el, spec);
    if (r && r.then) r.then(null, function (e) { say("Plotly could not draw this figure: " + e); });
  } catch (e) { say("Plotly could not draw this figure: " + e); return; }
  if (!el.offsetWidth && window.ResizeObserver) {
    var ro = new ResizeObserver(function () { if (el.offsetWidth) { ro.disconnect(); P.Plots.resize(el); } });
    ro.observe(el);
  }
}
if (window.Plotly && window.Plotly.newPlot) { draw(window.Plotly); return; }
say("Loading plotly.js to draw this figure...");
var w = window, L = w.__rnnlabPlotlyLoad;
if (!L) {
  L = w.__rnnlabPlotlyLoad = { waiting: [] };
  var base = document.body && document.body.getAttribute("data-base-url");
  if (!base) { var c = document.getElementById("jupyter-config-data"); try { base = c && JSON.parse(c.textContent).baseUrl; } catch (e) { base = null; } }
  var url = base ? base.replace(/\\/?$/, "/") + ${JSON.stringify(PLOTLY_STATIC_URL_PATH)} : null;
  var done = function (P, why) {
    if (P && !w.Plotly) w.Plotly = P;
    L.plotly = P; L.why = why;
    if (!P) delete w.__rnnlabPlotlyLoad;
    var q = L.waiting; L.waiting = [];
    for (var i = 0; i < q.length; i++) q[i]();
  };
  if (!url) setTimeout(function () { done(null, "plotly.js is not available on this page (open the notebook in a Jupyter server started with npm start)."); }, 0);
  else if (typeof w.define === "function" && w.define.amd && typeof w.require === "function" && w.require.config) {
    w.require.config({ paths: { "rnnlab-plotly": url.replace(/\\.js$/, "") } });
    w.require(["rnnlab-plotly"], function (P) { done(P || w.Plotly, "plotly.js did not load from " + url); }, function () { done(null, "could not load plotly.js from " + url + " (is this Jupyter server started with npm start?)"); });
  } else {
    var s = document.createElement("script"), amd = typeof w.define === "function" && w.define.amd ? w.define : null;
    if (amd) w.define = undefined;
    var after = function () { if (amd) w.define = amd; };
    s.src = url; s.async = true;
    s.onload = function () { after(); done(w.Plotly, "plotly.js did not load from " + url); };
    s.onerror = function () { after(); done(null, "could not load plotly.js from " + url + " (is this Jupyter server started with npm start?)"); };
    document.head.appendChild(s);
  }
}
if (L.plotly) { draw(L.plotly); return; }
var mine = L;
L.waiting.push(function () { if (mine.plotly && mine.plotly.newPlot) draw(mine.plotly); else say("Interactive figure not drawn: " + mine.why); });
})();`;
}
