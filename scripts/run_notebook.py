#!/usr/bin/python3
"""Execute notebooks headless in a fresh rnnlab (tslab) kernel through nbclient.

Usage: /usr/bin/python3 scripts/run_notebook.py NOTEBOOK.ipynb [...] [--out DIR]
                                                 [--timeout SECONDS] [--allow-errors]

Writes each executed notebook to DIR (default build/executed/) and prints one line
per notebook: name, status, seconds. Exit code 1 when any cell failed.

tslab specifics: a failing cell replies `status: error` and writes its message to
stderr (no `error` output); requests arriving within 200 ms of an error come back
`aborted`. Both count as failures here. Set JUPYTER_PATH to the project's
.jupyter-prefix/share/jupyter (the npm scripts do).
"""
import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL = "rnnlab"


def cell_errors(nb):
    """Errors visible in outputs: error outputs, and stderr streams from cells tslab marked failed."""
    errs = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errs.append((i, out.get("ename", "") + ": " + out.get("evalue", "")))
    return errs


def run(path, out_dir, timeout, allow_errors):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL,
        allow_errors=allow_errors,
        record_timing=True,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    start = time.time()
    status, message = "ok", ""
    try:
        client.execute()
    except CellTimeoutError as e:
        status, message = "timeout", str(e).splitlines()[0] if str(e) else "cell timed out"
    except DeadKernelError as e:
        status, message = "dead-kernel", str(e)
    except CellExecutionError as e:
        status, message = "error", str(e)
    elapsed = time.time() - start
    if status == "ok":
        errs = cell_errors(nb)
        if errs and not allow_errors:
            status, message = "error", "; ".join(f"cell {i}: {m}" for i, m in errs)
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, os.path.basename(path))
    nbformat.write(nb, target)
    return {"notebook": path, "status": status, "seconds": round(elapsed, 2), "message": message, "output": target}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "build", "executed"))
    ap.add_argument("--timeout", type=int, default=120, help="per-cell time limit in seconds")
    ap.add_argument("--allow-errors", action="store_true")
    ap.add_argument("--json", help="write results as JSON to this file")
    args = ap.parse_args()
    results = []
    for p in args.notebooks:
        r = run(p, args.out, args.timeout, args.allow_errors)
        results.append(r)
        print(f"{os.path.basename(p):45s} {r['status']:12s} {r['seconds']:7.1f} s", flush=True)
        if r["status"] != "ok":
            print("  " + r["message"][:4000].replace("\n", "\n  "), flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    sys.exit(0 if all(r["status"] == "ok" for r in results) else 1)


if __name__ == "__main__":
    main()
