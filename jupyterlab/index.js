// The rnnlab JupyterLab front end: JupyterLab's application with the extensions
// of package.json ("jupyterlab.extensions") and the jupyterlab-plotly MIME
// renderer. Plugins that need server parts Debian's jupyter_server 1.23 lacks
// (language server, news/update check, plugin manager) are left out.
import { JupyterLab } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";

// The public path must be set before any CSS or lazy chunk loads.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption("fullStaticUrl") + "/";

const styles = import("./build/style.js");

/** Plugin ids left out: they call server endpoints that are not there. */
const LEFT_OUT = [/:language-server/, /:announcements/, /:plugin-manager/, /^@jupyterlab\/help-extension:(licenses|jupyter-forum|open)$/];

function plugins(mod) {
  const exported = Object.prototype.hasOwnProperty.call(mod, "__esModule") ? mod.default : mod;
  return (Array.isArray(exported) ? exported : [exported]).filter((p) => !LEFT_OUT.some((re) => re.test(p.id)) && !PageConfig.Extension.isDisabled(p.id));
}

async function main() {
  await styles;
  // Keep this list in step with package.json's "jupyterlab.extensions" (its
  // schemas and themes are copied by the build from there).
  const extensions = await Promise.all([
    import("@jupyterlab/application-extension"),
    import("@jupyterlab/apputils-extension"),
    import("@jupyterlab/celltags-extension"),
    import("@jupyterlab/codemirror-extension"),
    import("@jupyterlab/completer-extension"),
    import("@jupyterlab/console-extension"),
    import("@jupyterlab/csvviewer-extension"),
    import("@jupyterlab/docmanager-extension"),
    import("@jupyterlab/documentsearch-extension"),
    import("@jupyterlab/filebrowser-extension"),
    import("@jupyterlab/fileeditor-extension"),
    import("@jupyterlab/help-extension"),
    import("@jupyterlab/imageviewer-extension"),
    import("@jupyterlab/inspector-extension"),
    import("@jupyterlab/launcher-extension"),
    import("@jupyterlab/mainmenu-extension"),
    import("@jupyterlab/markdownviewer-extension"),
    import("@jupyterlab/markedparser-extension"),
    import("@jupyterlab/mathjax-extension"),
    import("@jupyterlab/metadataform-extension"),
    import("@jupyterlab/notebook-extension"),
    import("@jupyterlab/rendermime-extension"),
    import("@jupyterlab/running-extension"),
    import("@jupyterlab/settingeditor-extension"),
    import("@jupyterlab/shortcuts-extension"),
    import("@jupyterlab/statusbar-extension"),
    import("@jupyterlab/theme-dark-extension"),
    import("@jupyterlab/theme-light-extension"),
    import("@jupyterlab/toc-extension"),
    import("@jupyterlab/tooltip-extension"),
    import("@jupyterlab/translation-extension"),
    import("@jupyterlab/ui-components-extension"),
  ]);
  const mimeExtensions = await Promise.all([
    import("@jupyterlab/json-extension"),
    import("@jupyterlab/pdf-extension"),
    import("jupyterlab-plotly/lib/plotly-renderer"),
  ]);
  const lab = new JupyterLab({ mimeExtensions: mimeExtensions.map((m) => (m.__esModule ? m.default : m)) });
  lab.registerPlugins(extensions.flatMap(plugins));
  await lab.start();
  await lab.restored;
  // For the browser tests and for debugging from the console.
  window.jupyterapp = lab;
}

window.addEventListener("load", () => {
  main().catch((err) => {
    console.error("rnnlab JupyterLab failed to start", err);
    document.body.textContent = `JupyterLab failed to start: ${err && err.message ? err.message : err}. Start the classic Notebook instead: npm start -- --classic`;
  });
});
