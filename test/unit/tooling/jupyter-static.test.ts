/**
 * scripts/jupyter-static.js: the arguments that make each Jupyter server serve
 * plotly.js at <baseUrl>static/rnnlab/plotly.min.js, and the prepared file (copied
 * once, again only when the source changed). The servers themselves are exercised
 * by test/e2e/figures-classic.test.ts (classic) and the JupyterLab browser test.
 */
import * as fs from "fs";
import * as path from "path";
import { PLOTLY_STATIC_URL_PATH } from "../../../lib/plot/plotlyLoader";
const js = require("../../../scripts/jupyter-static") as {
  staticServerArgs(app: string): string[];
  preparePlotlyStatic(): string;
  STATIC_ROOT: string;
  PLOTLY_STATIC_PATH: string;
};

test("one extra_static_paths argument per server class, for lab, classic and hub", () => {
  expect(js.staticServerArgs("lab")).toEqual([`--ServerApp.extra_static_paths=${js.STATIC_ROOT}`]);
  expect(js.staticServerArgs("classic")).toEqual([`--NotebookApp.extra_static_paths=${js.STATIC_ROOT}`]);
  expect(js.staticServerArgs("hub")).toEqual([`--ServerApp.extra_static_paths=${js.STATIC_ROOT}`, `--NotebookApp.extra_static_paths=${js.STATIC_ROOT}`]);
  expect(() => js.staticServerArgs("jupyterlab")).toThrow(/app must be "lab", "classic" or "hub", got "jupyterlab"/);
});

test("the served file is plotly.js, at the path figures load it from; preparing again changes nothing", () => {
  // the figure's URL is <baseUrl> + "static/" + the path below the static folder
  expect(PLOTLY_STATIC_URL_PATH).toBe(`static/${js.PLOTLY_STATIC_PATH}`);
  const file = js.preparePlotlyStatic();
  expect(file).toBe(path.join(js.STATIC_ROOT, js.PLOTLY_STATIC_PATH));
  const version = (JSON.parse(fs.readFileSync(require.resolve("plotly.js-dist/package.json"), "utf8")) as { version: string }).version;
  expect(fs.readFileSync(file, "utf8").slice(0, 20_000)).toContain(`version="${version}"`); // plotly.js-dist's own build
  expect(fs.statSync(file).size).toBeGreaterThan(3_000_000);
  const mtime = fs.statSync(file).mtimeMs;
  js.preparePlotlyStatic();
  expect(fs.statSync(file).mtimeMs).toBe(mtime);
  expect(fs.readFileSync(path.join(path.dirname(file), "VERSION"), "utf8").trim()).toBe(version);
});
