#!/usr/bin/python3
"""Execute notebooks headless in a fresh rnnlab (tslab) kernel through nbclient.

Usage: /usr/bin/python3 scripts/run_notebook.py NOTEBOOK.ipynb [...] [--out DIR]
           [--timeout SECONDS] [--allow-errors] [--json FILE]

Each notebook runs in its own fresh kernel, with the notebook's folder as the
working directory. The executed copy goes to DIR (default build/executed/) and
one line per notebook is printed: name, status, seconds. Exit code 1 when any
notebook failed. `--json FILE` writes the full results (see `summarize`).

What counts as a failure (tslab specifics):
- a cell whose execute reply has `status: error` (the rnnlab kernel sends an
  `error` output, see lib/notebookKernel/studentErrors.ts; tslab alone writes
  the message to stderr);
- a cell whose reply is `aborted` (tslab aborts requests arriving within 200 ms
  after an error; nbclient itself lets them pass silently);
- any `error` output, any `stderr` stream output, a cell timeout, a dead kernel;
- a kernel that is not ready within --startup-limit seconds (`startup-failed`;
  callers may retry: tslab dies when another process grabbed one of its ports)
  or a notebook over --notebook-limit seconds (`timeout`): a watchdog thread
  kills the kernel, writes the results and exits with code 3, because nbclient
  can otherwise wait forever on a kernel that died while starting.
Check blocks shown by `check()` are counted (class `rnnlab-check-pass` /
`rnnlab-check-fail`, text `✔ PASS` / `✘ FAIL`): whether failing checks are
acceptable is the caller's decision (the solution version has none; the
student version has them by design).

Set JUPYTER_PATH to the project's .jupyter-prefix/share/jupyter (the npm
scripts do) so that the `rnnlab` kernelspec is found.
"""
import argparse
import faulthandler
import json
import os
import re
import signal
import sys
import threading
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL = "rnnlab"
CHECK_PASS = re.compile(r"rnnlab-check-pass|✔ PASS")
CHECK_FAIL = re.compile(r"rnnlab-check-fail|✘ FAIL")


def _text(value):
    return "".join(value) if isinstance(value, list) else str(value or "")


def first_line(cell):
    for line in _text(cell.get("source", "")).splitlines():
        if line.strip():
            return line.strip()[:100]
    return ""


def output_kind(out):
    """'pass'/'fail' for a check block, else None."""
    data = out.get("data", {}) if out.get("output_type") in ("display_data", "execute_result", "update_display_data") else {}
    text = _text(data.get("text/html", "")) + "\n" + _text(data.get("text/plain", ""))
    if CHECK_FAIL.search(text):
        return "fail"
    if CHECK_PASS.search(text):
        return "pass"
    return None


def summarize(nb, replies):
    """Failures and check results of an executed notebook.

    `replies` maps cell index -> execute-reply status ('ok', 'error', 'aborted').
    """
    failures, checks = [], []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        status = replies.get(i)
        stderr = "".join(_text(o.get("text", "")) for o in cell.get("outputs", [])
                         if o.get("output_type") == "stream" and o.get("name") == "stderr")
        if status == "error":
            # The rnnlab kernel sends an `error` output (ename/evalue/traceback); tslab alone, stderr.
            traceback = "\n".join("\n".join(o.get("traceback") or [o.get("ename", "") + ": " + o.get("evalue", "")])
                                  for o in cell.get("outputs", []) if o.get("output_type") == "error")
            failures.append({"cell": i, "kind": "error", "source": first_line(cell),
                             "text": (stderr.strip() + "\n" + traceback).strip() or "(no message)"})
        elif status in ("aborted", "abort"):
            failures.append({"cell": i, "kind": "aborted", "source": first_line(cell),
                             "text": "the kernel aborted this cell (tslab aborts requests that arrive right after an error)"})
        elif stderr.strip():
            failures.append({"cell": i, "kind": "stderr", "source": first_line(cell), "text": stderr.strip()})
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                failures.append({"cell": i, "kind": "error-output", "source": first_line(cell),
                                 "text": out.get("ename", "") + ": " + out.get("evalue", "")})
            kind = output_kind(out)
            if kind:
                plain = _text(out.get("data", {}).get("text/plain", "")).strip()
                checks.append({"cell": i, "result": kind, "text": plain[:500]})
    return failures, checks


def kill_kernel(client):
    """SIGKILL the kernel process (and its process group) of an nbclient client, if any."""
    try:
        km = client.km
        proc = getattr(getattr(km, "provisioner", None), "process", None) or getattr(km, "kernel", None)
        pid = getattr(proc, "pid", None)
        if pid:
            try:
                os.killpg(os.getpgid(pid), signal.SIGKILL)
            except Exception:
                pass
            try:
                os.kill(pid, signal.SIGKILL)
            except Exception:
                pass
    except Exception:
        pass


class Watchdog:
    """Ends a stuck run: the kernel not ready within `startup` s, or the notebook over `total` s.

    nbclient can block forever when a kernel dies while starting (e.g. tslab
    failing to bind a port another process just took). On expiry this dumps the
    Python stacks to stderr, kills the kernel, writes the result JSON (status
    `startup-failed` or `timeout`) and exits the process with code 3.
    """

    def __init__(self, startup, total, on_expire):
        self.started = False
        self.t0 = time.time()
        self.startup, self.total, self.on_expire = startup, total, on_expire
        self.done = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self):
        while not self.done.wait(1.0):
            elapsed = time.time() - self.t0
            if not self.started and elapsed > self.startup:
                return self._fire("startup-failed", f"the kernel was not ready after {self.startup} s")
            if elapsed > self.total:
                return self._fire("timeout", f"the notebook did not finish within {self.total} s")

    def _fire(self, status, message):
        faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
        self.on_expire(status, message)
        sys.stdout.flush()
        os._exit(3)


def run(path, out_dir, timeout, allow_errors, startup_limit=120, notebook_limit=1800, json_path=None):
    nb = nbformat.read(path, as_version=4)
    replies = {}

    def on_cell_executed(cell, cell_index, execute_reply):
        if execute_reply is not None:
            replies[cell_index] = execute_reply["content"].get("status")

    def on_notebook_start(notebook):
        watchdog.started = True

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL,
        allow_errors=allow_errors,
        record_timing=True,
        on_cell_executed=on_cell_executed,
        on_notebook_start=on_notebook_start,
        startup_timeout=min(60, startup_limit),
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    start = time.time()

    def on_expire(status, message):
        kill_kernel(client)
        result = finish(status, message)
        if json_path:
            with open(json_path, "w") as f:
                json.dump([result], f, indent=1, ensure_ascii=False)
        print(f"{result['name']:45s} {status:12s} {result['seconds']:7.1f} s\n  {message}", flush=True)

    def finish(status, message):
        elapsed = time.time() - start
        failures, checks = summarize(nb, replies)
        if status == "ok" and failures:
            status = "error"
        if failures and not message:
            message = "; ".join(f"cell {f['cell']} [{f['kind']}] {f['source']!r}: {f['text']}" for f in failures[:5])
        os.makedirs(out_dir, exist_ok=True)
        target = os.path.join(out_dir, os.path.basename(path))
        nbformat.write(nb, target)
        return {
            "notebook": path,
            "name": os.path.basename(path),
            "status": status,
            "seconds": round(elapsed, 2),
            "message": message,
            "failures": failures,
            "checks": {"pass": sum(c["result"] == "pass" for c in checks),
                       "fail": sum(c["result"] == "fail" for c in checks), "blocks": checks},
            "cells": sum(c.cell_type == "code" for c in nb.cells),
            "output": target,
        }

    watchdog = Watchdog(startup_limit, notebook_limit, on_expire)
    status, message = "ok", ""
    try:
        client.execute()
    except CellTimeoutError as e:
        status, message = "timeout", (str(e).strip().splitlines() or ["a cell timed out"])[-1]
    except DeadKernelError as e:
        status, message = "dead-kernel", str(e)
    except CellExecutionError:
        status = "error"
    except Exception as e:  # kernel failed to start, bad notebook, ...
        status, message = "crash", f"{type(e).__name__}: {e}"
    watchdog.done.set()
    if status != "ok" and not watchdog.started:
        status = "startup-failed"
    return finish(status, message)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "executed"))
    ap.add_argument("--timeout", type=int, default=120, help="per-cell time limit in seconds (default 120)")
    ap.add_argument("--allow-errors", action="store_true", help="keep executing after a failing cell")
    ap.add_argument("--startup-limit", type=int, default=120, help="seconds for the kernel to become ready (default 120)")
    ap.add_argument("--notebook-limit", type=int, default=1800, help="seconds for a whole notebook (default 1800)")
    ap.add_argument("--json", help="write results as JSON to this file")
    args = ap.parse_args()
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # `kill -USR1 <pid>` prints where a run is stuck
    results = []
    for p in args.notebooks:
        json_path = args.json if len(args.notebooks) == 1 else None
        r = run(p, args.out, args.timeout, args.allow_errors, args.startup_limit, args.notebook_limit, json_path)
        results.append(r)
        checks = r["checks"]
        print(f"{r['name']:45s} {r['status']:12s} {r['seconds']:7.1f} s   checks {checks['pass']} pass / {checks['fail']} fail", flush=True)
        if r["status"] != "ok":
            print("  " + r["message"][:4000].replace("\n", "\n  "), flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, ensure_ascii=False)
    sys.exit(0 if all(r["status"] == "ok" for r in results) else 1)


if __name__ == "__main__":
    main()
