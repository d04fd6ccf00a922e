#!/usr/bin/python3
"""Run cells in one fresh rnnlab kernel through jupyter_client; print what came back, as JSON.

Usage: /usr/bin/python3 scripts/kernel_cells.py CELLS.json [--kernel NAME] [--cwd DIR]

CELLS.json is a JSON array of cell sources. Prints, as its last line, {"ready_seconds", "kernel_cpu_seconds",
"cells": [{"status", "reply", "outputs": [...]}]}: the execute reply's status and its other
fields, and the cell's iopub messages (stream, error, display_data, execute_result) with their
content. Cells are sent one at a time, 0.3 s apart (tslab aborts requests that arrive within
200 ms of an error). Used by test/e2e/kernelErrors.test.ts and to measure the kernel's start.
Set JUPYTER_PATH to the project's .jupyter-prefix/share/jupyter (done here by default).
"""
import argparse
import json
import logging
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("JUPYTER_PATH", os.path.join(ROOT, ".jupyter-prefix", "share", "jupyter"))
from jupyter_client.manager import KernelManager  # noqa: E402


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cells")
    ap.add_argument("--kernel", default="rnnlab")
    ap.add_argument("--cwd", default=os.path.join(ROOT, "notebooks"))
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()
    cells = json.load(open(args.cells))
    t0 = time.time()
    km = KernelManager(kernel_name=args.kernel)
    km.start_kernel(cwd=args.cwd)
    kc = km.client()
    kc.start_channels()
    result = {"cells": []}
    try:
        kc.wait_for_ready(timeout=args.timeout)
        result["ready_seconds"] = round(time.time() - t0, 3)
        try:
            result["kernel_cpu_seconds"] = cpu_seconds(km.provisioner.process.pid)
        except Exception:  # not a local process
            result["kernel_cpu_seconds"] = None
        for code in cells:
            msg_id = kc.execute(code)
            outputs = []
            end = time.time() + args.timeout
            while True:
                msg = kc.get_iopub_msg(timeout=max(end - time.time(), 0.1))
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind = msg["msg_type"]
                if kind == "status" and msg["content"]["execution_state"] == "idle":
                    break
                if kind in ("stream", "error", "display_data", "execute_result"):
                    outputs.append({"msg_type": kind, **msg["content"]})
            reply = kc.get_shell_msg(timeout=args.timeout)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = kc.get_shell_msg(timeout=args.timeout)
            content = dict(reply["content"])
            result["cells"].append({"status": content.pop("status"), "reply": content, "outputs": outputs})
            time.sleep(0.3)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        logging.disable()  # jupyter_client logs from __del__ at exit
    # one line, the last one: anything else a library prints to stdout stays out of it
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
