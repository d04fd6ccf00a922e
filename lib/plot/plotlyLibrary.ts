/**
 * plotly.js as a file: the minified copy that the Jupyter server (scripts/jupyter-static.js)
 * and the book serve, and inline HTML for a standalone figure file
 * (`fig.toHtml({ includeLibrary: true })`). Notebook outputs never carry it.
 *
 * plotly.js cannot be `require`d in Node (it needs a DOM), so its file is read
 * as text and placed in a `<script id="rnnlab-plotly-lib">` tag (the book build
 * removes such tags from outputs of older rnnlab versions, so keep the id).
 *
 * The classic Notebook loads require.js: with `define` present, bundled UMD
 * modules register as AMD modules instead of setting globals, so `define` is
 * hidden while the library runs and restored afterwards (as plotly.py does).
 *
 * plotly.js-dist ships an 11 MB unminified file. To serve less we use, in
 * order: a `plotly.min.js` beside it if the package has one; a minified copy (4.9 MB) cached under `node_modules/.cache/rnnlab/`, which
 * `buildPlotlyMinCache()` makes with uglify-js (whitespace, comments and local
 * names only; 10-30 s, so call it from an install step, or set
 * `RNNLAB_PLOTLY_MINIFY=1` to let the first standalone figure make it); else the full file.
 */
import * as fs from "fs";
import * as path from "path";

/** The id of the script tag that carries plotly.js (the book build relies on it). */
export const PLOTLY_LIBRARY_TAG_ID = "rnnlab-plotly-lib";

let librarySource: string | null = null;

interface PlotlyFiles {
  full: string;
  min: string;
  version: string;
  cache: string;
}

function plotlyFiles(): PlotlyFiles {
  const full = require.resolve("plotly.js-dist/plotly.js");
  const dir = path.dirname(full);
  let version = "unknown";
  try {
    version = (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version?: string }).version ?? version;
  } catch {
    // keep "unknown"
  }
  // node_modules/plotly.js-dist -> node_modules/.cache/rnnlab
  const cache = path.join(dir, "..", ".cache", "rnnlab", `plotly-${version}.min.js`);
  return { full, min: path.join(dir, "plotly.min.js"), version, cache };
}

interface UglifyResult {
  code?: string;
  error?: Error;
}
type Uglify = { minify(code: string, options: Record<string, unknown>): UglifyResult };

/**
 * Writes the minified copy of plotly.js to the cache (if uglify-js is available)
 * and returns its path, or null when it cannot. Safe to call from an install script.
 */
export function buildPlotlyMinCache(): string | null {
  const files = plotlyFiles();
  if (fs.existsSync(files.min)) return files.min;
  if (fs.existsSync(files.cache)) return files.cache;
  let uglify: Uglify;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a build tool, loaded only when the minified plotly.js copy is made
    uglify = require("uglify-js") as Uglify;
  } catch {
    return null;
  }
  const result = uglify.minify(fs.readFileSync(files.full, "utf8"), {
    compress: false,
    mangle: true,
    output: { comments: /@license|@preserve|^!/ },
  });
  if (result.error || !result.code) return null;
  try {
    fs.mkdirSync(path.dirname(files.cache), { recursive: true });
    const tmp = `${files.cache}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, result.code);
    fs.renameSync(tmp, files.cache);
    return files.cache;
  } catch {
    return null;
  }
}

/** The JavaScript source of plotly.js (read once, minified when possible). */
function plotlyLibrarySource(): string {
  if (librarySource !== null) return librarySource;
  const files = plotlyFiles();
  let file = files.full;
  if (fs.existsSync(files.min)) file = files.min;
  else if (fs.existsSync(files.cache)) file = files.cache;
  else if (process.env.RNNLAB_PLOTLY_MINIFY === "1") file = buildPlotlyMinCache() ?? files.full;
  librarySource = fs.readFileSync(file, "utf8");
  return librarySource;
}

/** Makes JavaScript safe inside an inline `<script>`: no `</script` or `<!--` sequences. */
export function escapeInlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/**
 * The HTML that loads plotly.js into the page: three script tags, so that the
 * middle one (the library, id `rnnlab-plotly-lib`) can be replaced by
 * `<script src="...">` without losing the AMD guard around it.
 */
export function plotlyLibraryHtml(): string {
  return (
    `<script type="text/javascript">window.__rnnlabSavedDefine = window.define; window.define = undefined;</script>\n` +
    `<script type="text/javascript" id="${PLOTLY_LIBRARY_TAG_ID}">${escapeInlineScript(plotlyLibrarySource())}</script>\n` +
    `<script type="text/javascript">if (window.__rnnlabSavedDefine !== undefined) { window.define = window.__rnnlabSavedDefine; }` +
    ` delete window.__rnnlabSavedDefine;</script>\n`
  );
}
