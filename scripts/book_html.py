#!/usr/bin/python3
"""Convert executed notebooks to the pages of the offline HTML book.

Usage: /usr/bin/python3 scripts/book_html.py SPEC.json

SPEC is a JSON list of pages: {"input": executed .ipynb, "output": .html path,
"rnnlab": {title, status, seconds, executed, prev, next}, "plotly_src":
relative URL of the shared plotly.js, "mathjax_url": relative URL of MathJax.js}.

Uses nbconvert with the template scripts/nbconvert/rnnlab_book (JupyterLab
look; no require.js, no CDN). Each page that draws a figure loads the book's one
shared plotly.js in its head (a figure's script uses `window.Plotly` when the page
has it); copies that outputs of older rnnlab versions embedded (`<script
id="rnnlab-plotly-lib">`) and Plotly JSON are removed. JupyterLab's large
stylesheet goes to one shared lab-<hash>.css.
Prints one line per page.
"""
import hashlib
import json
import os
import re
import sys
import time

import nbformat
from nbconvert import HTMLExporter

HERE = os.path.dirname(os.path.abspath(__file__))
LIB_TAG = re.compile(r"<script\b[^>]*\bid=[\"']rnnlab-plotly-lib[\"'][^>]*>.*?</script>", re.S | re.I)
USES_PLOTLY = re.compile(r"\bPlotly\.")
STYLE = re.compile(r"<style type=\"text/css\">(.*?)</style>", re.S)
BIG_STYLE = 20000  # characters: JupyterLab's stylesheet and theme, the same on every page


def share_css(html, book_dir):
    """Moves the large inline stylesheets of the page head into one shared file (same for every page)."""
    head_end = html.find("</head>")
    head, rest = html[:head_end], html[head_end:]
    big = [m for m in STYLE.finditer(head) if len(m.group(1)) > BIG_STYLE]
    if not big:
        return html
    css = "\n".join(m.group(1) for m in big)
    name = "lab-" + hashlib.sha1(css.encode("utf-8")).hexdigest()[:10] + ".css"
    target = os.path.join(book_dir, name)
    if not os.path.exists(target):
        with open(target, "w", encoding="utf-8") as f:
            f.write(css)
    first = True
    def repl(m):
        nonlocal first
        if len(m.group(1)) <= BIG_STYLE:
            return m.group(0)
        if first:
            first = False
            return f'<link rel="stylesheet" type="text/css" href="{name}">'
        return ""
    return STYLE.sub(repl, head) + rest


def strip_plotly(nb):
    """Removes embedded plotly.js from text/html outputs; True when any output draws a plotly figure."""
    uses = False
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not data or "text/html" not in data:
                continue
            html = data["text/html"]
            html = "".join(html) if isinstance(html, list) else html
            html = LIB_TAG.sub("<!-- plotly.js: loaded once per page from the book's shared copy -->", html)
            data["text/html"] = html
            uses = uses or bool(USES_PLOTLY.search(html))
            # The book shows text/html; the plotly JSON would not be rendered by nbconvert.
            data.pop("application/vnd.plotly.v1+json", None)
    return uses


def main():
    with open(sys.argv[1]) as f:
        pages = json.load(f)
    exporter = HTMLExporter(template_name="rnnlab_book", extra_template_basedirs=[os.path.join(HERE, "nbconvert")])
    failed = 0
    for page in pages:
        t0 = time.time()
        try:
            nb = nbformat.read(page["input"], as_version=4)
            uses = strip_plotly(nb)
            exporter.mathjax_url = page["mathjax_url"]
            meta = dict(page["rnnlab"])
            meta["plotly_src"] = page["plotly_src"] if uses else ""
            body, _ = exporter.from_notebook_node(nb, resources={"rnnlab": meta, "metadata": {"name": meta["title"]}})
            os.makedirs(os.path.dirname(page["output"]), exist_ok=True)
            body = share_css(body, os.path.dirname(page["output"]))
            with open(page["output"], "w", encoding="utf-8") as f:
                f.write(body)
            print(json.dumps({"output": page["output"], "ok": True, "bytes": len(body.encode("utf-8")),
                              "seconds": round(time.time() - t0, 2), "plotly": uses}), flush=True)
        except Exception as e:  # report and go on with the other pages
            failed += 1
            print(json.dumps({"output": page["output"], "ok": False, "error": f"{type(e).__name__}: {e}"}), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
