// webpack 5 build of the rnnlab JupyterLab front end (the pattern of JupyterLab's
// own examples/app): one bundle of the @jupyterlab/* extensions listed in
// package.json plus the jupyterlab-plotly MIME renderer, and the schemas and
// themes that @jupyterlab/builder copies next to it. Output: build/ (served by
// server.py). `npm run build` (development: fast, ~20 MB) or `npm run build:prod`.
"use strict";
const path = require("path");
const webpack = require("webpack");
const { Build } = require("@jupyterlab/builder");
const miniSVGDataURI = require("mini-svg-data-uri");
const data = require("./package.json");

const BUILD = path.join(__dirname, "build");

// Schemas (settings), themes and a style.js importing every extension's CSS.
const assetConfig = Build.ensureAssets({ packageNames: data.jupyterlab.extensions, output: BUILD });

module.exports = (env, argv) => {
  const production = argv.mode === "production";
  return [
    {
      entry: ["./index.js"],
      output: { path: BUILD, filename: "bundle.js", chunkFilename: "[name].[contenthash:8].js", clean: false },
      bail: true,
      mode: production ? "production" : "development",
      // No source maps: they double the build's size and time; the sources are in node_modules.
      devtool: false,
      performance: { hints: false },
      resolve: {
        // jupyterlab-plotly imports "plotly.js/dist/plotly"; package.json's override makes
        // "plotly.js" the prebuilt plotly.js-dist-min (one file, no build of plotly's sources).
        alias: {
          "plotly.js/dist/plotly": path.join(__dirname, "node_modules", "plotly.js", "plotly.min.js"),
          // One Yjs instance: its CommonJS and ES module files would otherwise both be bundled ("Not same Y.Doc").
          yjs$: path.join(__dirname, "node_modules", "yjs", "dist", "yjs.mjs"),
        },
        fallback: { path: require.resolve("path-browserify"), process: require.resolve("process/browser") },
      },
      module: {
        rules: [
          // Some @jupyterlab 4.6 and CodeMirror modules import without file extensions.
          { test: /\.m?js$/, resolve: { fullySpecified: false } },
          { test: /\.raw\.css$/, type: "asset/source" },
          { test: /(?<!\.raw)\.css$/, use: ["style-loader", "css-loader"] },
          { test: /\.html$/, type: "asset/resource" },
          { test: /\.md$/, type: "asset/source" },
          { test: /\.(jpg|png|gif)$/, type: "asset/resource" },
          { test: /\.js\.map$/, type: "asset/resource" },
          { test: /\.(woff2?|ttf)(\?v=\d+\.\d+\.\d+)?$/, type: "asset" },
          { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, type: "asset/resource" },
          // In CSS, SVG as a data URI; imported from JS, as a string.
          { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.css$/, type: "asset/inline", generator: { dataUrl: (content) => miniSVGDataURI(content.toString()) } },
          { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.m?js$/, type: "asset/source" },
        ],
      },
      plugins: [
        new webpack.DefinePlugin({ process: { cwd: () => "/", env: {} } }),
      ],
    },
  ].concat(assetConfig);
};
