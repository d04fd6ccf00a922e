#!/usr/bin/python3
"""Execute one submission in a fresh sandboxed tslab kernel; report raw results.

Reads a JSON job on stdin, writes one JSON result on stdout; with --serve, reads
one job per line and writes one line "RNNLAB-GRADE-RESULT <json>" per job. The grade itself is
decided by the grading process (lib/grading), from the values the hidden-test
cells hand out, never from what the notebook prints.

Job fields:
  cells: [source, ...]            the submission's code cells, in order
  harness: [{question, code}]      hidden-test cells (self-contained blocks), run after the notebook
  workdir, kernel_argv, env       where and how to start the kernel
  cell_timeout, total_timeout     seconds
  nonce                           marks genuine harness payloads
Result: {cells: [{index, status, error, seconds}], harness: {question: {status, payload?, error?}},
         restarts, seconds, kernel_deaths}
"""
import ctypes
import fcntl
import json
import os
import signal
import socket
import struct
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpec

GRADE_MIME = "application/vnd.rnnlab.grade+json"
# tslab 1.0.22 throws this once its incremental compiler is in a bad state.
TSLAB_BROKEN = "Unexpected pending rebuildTimer"


class Deadline(Exception):
    pass


def make_manager(job):
    spec_dir = tempfile.mkdtemp(prefix="rnnlab-grade-spec-")
    km = KernelManager()
    km.kernel_spec_manager  # noqa: B018 (initialise)
    km._kernel_spec = KernelSpec(argv=job["kernel_argv"] + ["{connection_file}"], display_name="grade",
                                 language="typescript", env=job.get("env", {}), resource_dir=spec_dir)
    return km


def kill_sandbox_processes(job):
    """Ends every process of the submission's uid and of its cgroup (root only).

    Killing the kernel's launcher does not end the kernel itself: the kernel
    changed its uid, which clears the parent-death signal. Everything the
    submission runs has that uid and sits in the submission's cgroup, so killing
    by uid and by cgroup ends all of it."""
    uid = (job.get("env") or {}).get("RNNLAB_UID")
    if not uid or os.geteuid() != 0:
        return
    for _ in range(50):
        subprocess.run(["pkill", "-KILL", "-u", str(uid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        left = cgroup_kill(job)
        if not left and subprocess.run(["pgrep", "-u", str(uid)], stdout=subprocess.DEVNULL).returncode != 0:
            return
        time.sleep(0.1)


# One cgroup per submission (root only): memory of all its processes together (the
# kernel, anything it spawns, and the tmpfs it writes to), process count and CPU share.
# cgroup v1 controllers where mounted (memory, pids, cpu), else the v2 hierarchy.
CGROUP_V1 = {"memory": "/sys/fs/cgroup/memory", "pids": "/sys/fs/cgroup/pids", "cpu": "/sys/fs/cgroup/cpu"}
CGROUP_V2 = "/sys/fs/cgroup/unified" if os.path.isdir("/sys/fs/cgroup/unified") else "/sys/fs/cgroup"


def cgroup_dirs(job):
    """The submission's cgroup folders, one per controller hierarchy ({} when not sandboxed)."""
    uid = (job.get("env") or {}).get("RNNLAB_UID")
    if not uid or os.geteuid() != 0 or not str(uid).isdigit():
        return {}
    name = f"rnnlab-grade-{int(uid)}"
    v1 = {k: os.path.join(d, name) for k, d in CGROUP_V1.items() if os.path.isfile(os.path.join(d, "cgroup.procs"))}
    if v1:
        return v1
    if os.path.isfile(os.path.join(CGROUP_V2, "cgroup.subtree_control")):
        return {"v2": os.path.join(CGROUP_V2, name)}
    return {}


def _write(path, value):
    try:
        with open(path, "w") as f:
            f.write(str(value))
        return True
    except OSError:
        return False


def cgroup_kill(job):
    """Kills every process left in the submission's cgroups; returns how many were found."""
    found = 0
    for d in cgroup_dirs(job).values():
        if _write(os.path.join(d, "cgroup.kill"), 1):
            pass
        try:
            with open(os.path.join(d, "cgroup.procs")) as f:
                pids = [int(p) for p in f.read().split()]
        except OSError:
            continue
        found += len(pids)
        for p in pids:
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
    return found


def cgroup_remove(job):
    """Empties and removes the submission's cgroups (they are made anew for each submission)."""
    for d in cgroup_dirs(job).values():
        for _ in range(50):
            if not os.path.isdir(d):
                break
            cgroup_kill(job)
            try:
                os.rmdir(d)
                break
            except OSError:
                time.sleep(0.1)


def cgroup_create(job):
    """Makes the submission's cgroups with their limits; returns the cgroup.procs files that
    the sandbox joins (colon-separated), or "" when cgroups cannot be used here."""
    dirs = cgroup_dirs(job)
    if not dirs:
        return ""
    cgroup_remove(job)
    env = job.get("env") or {}
    mem_mb = int(env.get("RNNLAB_MEM_MB", "1024"))
    disk_mb = int(env.get("RNNLAB_DISK_MB", "256"))
    # The kernel's own limit, plus what its tmpfs folders can hold, plus room for small children.
    mem_bytes = (mem_mb + disk_mb + 256) * 1024 * 1024
    nproc = int(env.get("RNNLAB_NPROC", "256"))
    procs = []
    for kind, d in dirs.items():
        try:
            os.mkdir(d, 0o755)
        except FileExistsError:
            pass
        except OSError:
            continue
        if kind == "memory":
            _write(os.path.join(d, "memory.limit_in_bytes"), mem_bytes)
            _write(os.path.join(d, "memory.swappiness"), 0)
        elif kind == "pids":
            _write(os.path.join(d, "pids.max"), nproc)
        elif kind == "cpu":
            _write(os.path.join(d, "cpu.shares"), 1024)  # every submission the same share
        elif kind == "v2":
            _write(os.path.join(d, "memory.max"), mem_bytes)
            _write(os.path.join(d, "memory.swap.max"), 0)
            _write(os.path.join(d, "pids.max"), nproc)
            _write(os.path.join(d, "cpu.weight"), 100)
        procs.append(os.path.join(d, "cgroup.procs"))
    return ":".join(procs)


KERNEL_START_ATTEMPTS = 3
KERNEL_START_TIMEOUT = 30  # seconds; a kernel starts in 2-4 s here, 10 s when the machine is very busy


def start(job):
    """A started kernel and its client. A kernel that does not answer in time (rarely, a
    port another process took between choosing and binding it) is ended and started
    again, up to three times; the submission is not to blame for that."""
    for attempt in range(KERNEL_START_ATTEMPTS):
        km = make_manager(job)
        # The kernel's own stdout/stderr must not mix with this worker's JSON result.
        km.start_kernel(cwd=job["workdir"], env={**os.environ, **job.get("env", {}), "RNNLAB_CGROUP_PROCS": job.get("_cgroup_procs", "")},
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=KERNEL_START_TIMEOUT)
            return km, kc
        except RuntimeError:
            stop(km, kc, job)
            if attempt == KERNEL_START_ATTEMPTS - 1:
                raise


def stop(km, kc, job):
    """Ends a kernel and everything its submission started; removes its spec folder."""
    if km is not None:
        try:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        except Exception:
            pass
        shutil.rmtree(km.kernel_spec.resource_dir, ignore_errors=True)
    kill_sandbox_processes(job)


def run_cell(kc, km, code, timeout, deadline):
    """Execute code; return (status, error_text, outputs). status: ok|error|timeout|dead|aborted|broken.

    "broken": the kernel sends messages Jupyter's client cannot read (a submission that
    replaced JSON.stringify, say): it will never answer properly, so waiting for the time
    limit would only waste it."""
    msg_id = kc.execute(code, store_history=False, allow_stdin=False)
    unreadable = 0
    outputs = []
    stderr = []
    kept = 0
    end = min(time.time() + timeout, deadline)
    reply_status = None
    idle = False
    poller = zmq.Poller()
    poller.register(kc.shell_channel.socket, zmq.POLLIN)
    poller.register(kc.iopub_channel.socket, zmq.POLLIN)
    while not (idle and reply_status is not None):
        remaining = end - time.time()
        if remaining <= 0:
            return ("timeout" if time.time() < deadline else "deadline"), "time limit exceeded", outputs
        if not km.is_alive():
            return "dead", "the kernel died (process exit, crash or out of memory)", outputs
        if unreadable >= UNREADABLE_LIMIT:
            return "broken", "the kernel's messages are unreadable (its messaging was tampered with)", outputs
        ready = dict(poller.poll(timeout=int(min(200, max(remaining * 1000, 1)))))
        msg = None
        try:
            if kc.shell_channel.socket in ready and reply_status is None:
                rep = kc.get_shell_msg(timeout=0)
                if (rep.get("parent_header") or {}).get("msg_id") == msg_id:
                    reply_status = (rep.get("content") or {}).get("status", "error")
            if kc.iopub_channel.socket in ready:
                msg = kc.get_iopub_msg(timeout=0)
        except queue.Empty:
            continue
        except Exception:
            unreadable += 1  # a malformed message from a tampered kernel
            continue
        if msg is None:
            continue
        if not isinstance(msg, dict) or not isinstance(msg.get("header"), dict) or "msg_type" not in msg["header"]:
            unreadable += 1
            continue
        if not isinstance(msg, dict) or (msg.get("parent_header") or {}).get("msg_id") != msg_id:
            continue
        t = msg.get("msg_type")
        c = msg.get("content") or {}
        if t == "status" and c.get("execution_state") == "idle":
            idle = True
        elif t == "stream" and c.get("name") == "stderr":
            if sum(map(len, stderr)) < STDERR_LIMIT:
                stderr.append(str(c.get("text", ""))[:STDERR_LIMIT])
        elif t in ("display_data", "update_display_data", "execute_result"):
            # Only grading payloads are kept, up to a bound: a submission that floods its
            # outputs must not exhaust the worker's memory.
            data = c.get("data", {})
            if isinstance(data, dict) and GRADE_MIME in data and kept < OUTPUT_LIMIT:
                kept += len(str(data.get(GRADE_MIME)))
                outputs.append({GRADE_MIME: data[GRADE_MIME]})
            elif isinstance(data, dict) and len(outputs) < 1000:
                outputs.append({})  # something was displayed (counted, not kept)
        elif t == "error":
            # The rnnlab kernel's error output (lib/notebookKernel/studentErrors.ts): a compile
            # error carries tslab's "line:col - message" lines in `diagnostics`.
            diagnostics = c.get("diagnostics")
            if isinstance(diagnostics, list) and diagnostics:
                stderr.append("".join(str(d) + "\n" for d in diagnostics)[:STDERR_LIMIT])
            else:
                stderr.append((str(c.get("ename", "")) + ": " + str(c.get("evalue", "")) + "\n")[:STDERR_LIMIT])
    if reply_status == "ok":
        return "ok", "", outputs
    if reply_status == "aborted":
        return "aborted", "aborted by the kernel after an earlier error", outputs
    return "error", ("".join(stderr).strip() or "the cell failed")[:2000], outputs


UNREADABLE_LIMIT = 3  # unreadable messages after which a kernel counts as broken
OUTPUT_LIMIT = 8 * 1024 * 1024  # bytes of grading payloads kept per cell
STDERR_LIMIT = 64 * 1024  # characters of error text kept per cell
COMPILE_ERROR = re.compile(r"^\d+:\d+ - ")


def error_lines(err):
    """The cell line numbers of tslab's diagnostics ("3:7 - message" -> 3)."""
    return [int(m.group(1)) for m in (re.match(r"^(\d+):\d+ - ", l) for l in err.splitlines()) if m] or [0]


def only_compile_errors(err):
    """True if tslab's error text is only TypeScript diagnostics ("3:7 - message"): the
    cell did not compile, so none of it ran and the kernel is as it was."""
    lines = [l for l in err.splitlines() if l.strip()]
    return bool(lines) and all(COMPILE_ERROR.match(l) for l in lines)


def grade_payloads(outputs, nonce):
    """{question: results} from the test cells' displays that carry this run's nonce."""
    found = {}
    for data in outputs:
        raw = data.get(GRADE_MIME)
        if raw is None:
            continue
        try:
            obj = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            continue
        if isinstance(obj, dict) and obj.get("nonce") == nonce and isinstance(obj.get("question"), str):
            found[obj["question"]] = obj.get("results")
    return found


def grade(job):
    """Runs one job; returns its result (never raises)."""
    t0 = time.time()
    deadline = t0 + job["total_timeout"]
    cells = job["cells"]
    timing = {}  # seconds spent starting kernels, running the notebook, running the tests
    result = {"cells": [], "harness": {}, "restarts": 0, "kernel_deaths": 0, "timing": timing}
    done_ok = []  # cells that ran without error: replayed, in order, after a kernel restart
    km = kc = None

    def stop_kernel():
        stop(km, kc, job)

    def fresh_kernel():
        nonlocal km, kc
        if km is not None:
            stop_kernel()
        started = time.time()
        km, kc = start(job)
        timing["kernel_start"] = round(timing.get("kernel_start", 0) + time.time() - started, 3)

    def replay(indices):
        """Runs again, in a fresh kernel, the cells that worked: as one cell first (one
        compilation), cell by cell if that fails (a fresh kernel first if code ran)."""
        if len(indices) > 1:
            st, err, outs = run_cell(kc, km, "\n;\n".join(cells[j] for j in indices),
                                     min(job["cell_timeout"] + 5, job["total_timeout"] / 2), deadline)
            if st == "ok":
                return
            time.sleep(0.25)
            if not (st == "error" and not outs and only_compile_errors(err)):
                fresh_kernel()
        for j in indices:
            st, _, _ = run_cell(kc, km, cells[j], job["cell_timeout"], deadline)
            if st in ("error", "aborted"):
                time.sleep(0.25)

    cell_status = {}
    try:
        fresh_kernel()
        i = 0
        unusable = False  # the kernel hung or broke: the next test cell needs a fresh one
        if job.get("fast", True) and len(cells) > 1:
            # Fast path: the whole notebook as one cell, followed by every question's
            # test block (one compilation for all of it). The tests run after the last
            # notebook cell, so a test result means the notebook ran to its end. If only
            # the tests' part does not compile (a missing definition), the notebook alone
            # is tried as one cell. Any other failure: the cell-by-cell path, which tells
            # exactly which cell failed. The time limit is one cell's plus 5 s: a notebook that
            # needs longer as a whole is still graded, cell by cell, and a cell that
            # loops forever costs less.
            budget = min(job["cell_timeout"] + 5, job["total_timeout"] / 2)
            notebook = "\n;\n".join(cells)
            tests = "\n".join(h["code"] for h in job["harness"])
            notebook_lines = notebook.count("\n") + 1
            for code in ([notebook + "\n;\n" + tests] if tests else []) + [notebook]:
                started = time.time()
                status, err, outs = run_cell(kc, km, code, budget, deadline)
                found = grade_payloads(outs, job["nonce"]) if code is not notebook else {}
                result["fast_path"] = status
                compile_error = status == "error" and not outs and only_compile_errors(err)
                if status == "ok" or found:
                    for j in range(len(cells)):
                        cell_status[j] = {"index": j, "status": "ok", "error": "", "seconds": None}
                    done_ok.extend(range(len(cells)))
                    result["fast_path_seconds"] = round(time.time() - started, 3)
                    i = len(cells)
                    for q, payload in found.items():
                        if any(h["question"] == q for h in job["harness"]):
                            result["harness"][q] = {"status": "ok", "payload": payload}
                    if status != "ok":
                        time.sleep(0.25)
                        unusable = status in ("timeout", "dead", "broken")
                    break
                time.sleep(0.25)
                if not compile_error:
                    fresh_kernel()  # code ran before it failed: start clean
                # (a compile error: nothing ran, the same kernel goes on)
                if not (compile_error and min(error_lines(err)) > notebook_lines):
                    break  # the notebook itself failed: it would fail alone too
        while i < len(cells):
            if time.time() >= deadline:
                for j in range(i, len(cells)):
                    cell_status.setdefault(j, {"index": j, "status": "not-run", "error": "submission time limit reached"})
                break
            started = time.time()
            status, err, _ = run_cell(kc, km, cells[i], job["cell_timeout"], deadline)
            if status == "error" and TSLAB_BROKEN in err and result["restarts"] < 3:
                # tslab's compiler state is broken (a watched file changed under it):
                # not the submission's fault; restart, replay, and run this cell again.
                result["restarts"] += 1
                fresh_kernel()
                replay(done_ok)
                continue
            cell_status[i] = {"index": i, "status": status, "error": err, "seconds": round(time.time() - started, 3)}
            if status in ("error", "aborted"):
                time.sleep(0.25)  # tslab aborts requests within 200 ms of an error
            if status in ("dead", "timeout", "broken"):
                # Restart, replay the cells that worked, skip this one, go on.
                result["kernel_deaths"] += status == "dead"
                result["restarts"] += 1
                if result["restarts"] > 3:
                    for j in range(i + 1, len(cells)):
                        cell_status[j] = {"index": j, "status": "not-run", "error": "too many kernel restarts"}
                    break
                fresh_kernel()
                replay(done_ok)
            elif status == "ok":
                done_ok.append(i)  # replayed after a restart; failed cells are not
            i += 1
        timing["notebook"] = round(time.time() - t0 - timing.get("kernel_start", 0), 3)
        tests_started = time.time()
        # Hidden tests the fast path gave no result for, results handed out as data:
        # first all of them in one cell, then one cell per question still without one.
        missing = [h for h in job["harness"] if h["question"] not in result["harness"]]
        if len(missing) > 1 and time.time() < deadline:
            if not km.is_alive() or unusable:
                fresh_kernel()
                replay(done_ok)
                unusable = False
            status, err, outs = run_cell(kc, km, "\n".join(h["code"] for h in missing), job["cell_timeout"], deadline)
            result["combined_tests"] = status
            for q, payload in grade_payloads(outs, job["nonce"]).items():
                if any(h["question"] == q for h in missing):
                    result["harness"][q] = {"status": "ok", "payload": payload}
            if status in ("error", "aborted"):
                time.sleep(0.25)
            elif status in ("timeout", "dead", "broken"):
                result["kernel_deaths"] += status == "dead"
                unusable = True  # the questions still without a result get a fresh kernel
        for h in job["harness"]:
            q = h["question"]
            if q in result["harness"]:
                continue
            if time.time() >= deadline:
                result["harness"][q] = {"status": "not-run", "error": "submission time limit reached"}
                continue
            if not km.is_alive() or unusable:
                fresh_kernel()
                replay(done_ok)
                unusable = False
            status, err, outs = run_cell(kc, km, h["code"], job["cell_timeout"], deadline)
            unusable = status in ("timeout", "broken")  # the next question gets a fresh kernel
            if status == "error" and TSLAB_BROKEN in err and result["restarts"] < 3:
                result["restarts"] += 1
                fresh_kernel()
                replay(done_ok)
                status, err, outs = run_cell(kc, km, h["code"], job["cell_timeout"], deadline)
            payload = grade_payloads(outs, job["nonce"]).get(q)
            if payload is not None:
                result["harness"][q] = {"status": "ok", "payload": payload}
            else:
                result["harness"][q] = {"status": status if status != "ok" else "no-result", "error": err or "the test cell produced no result"}
            if status in ("error", "aborted"):
                time.sleep(0.25)
        timing["tests"] = round(time.time() - tests_started, 3)
    except Exception as e:  # the grader must always get an answer
        result["worker_error"] = f"{type(e).__name__}: {e}"
    finally:
        stop_kernel()
    result["cells"] = [cell_status[k] for k in sorted(cell_status)]
    result["seconds"] = round(time.time() - t0, 3)
    return result


CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1


def sandboxed(job):
    """True when the submission runs in the full sandbox (root, its own uid)."""
    return os.geteuid() == 0 and bool((job.get("env") or {}).get("RNNLAB_UID"))


def enter_private_network():
    """Moves this process into a new network namespace whose only interface is its own
    loopback: the kernel it starts binds its ports there, where no other submission's
    kernel (each in a namespace of its own) can reach them or take them."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, "unshare(CLONE_NEWNET): " + os.strerror(err))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        ifr = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(s, SIOCGIFFLAGS, ifr))[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))


def grade_sandboxed(job):
    """Grades one job in a forked child that lives in its own network namespace, inside a
    cgroup made for this submission; the cgroup (and everything in it) is gone afterwards."""
    job["_cgroup_procs"] = cgroup_create(job)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(r)
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # dies with the worker
            enter_private_network()
            result = grade(job)
        except BaseException as e:  # noqa: BLE001 - the grader must always get an answer
            result = {"cells": [], "harness": {}, "restarts": 0, "kernel_deaths": 0, "seconds": 0,
                      "worker_error": f"sandbox set-up failed: {type(e).__name__}: {e}"}
            code = 1
        try:
            with os.fdopen(w, "wb") as f:
                f.write(json.dumps(result).encode())
        finally:
            os._exit(code)
    os.close(w)
    try:
        with os.fdopen(r, "rb") as f:
            data = f.read()
        os.waitpid(pid, 0)
        try:
            return json.loads(data)
        except ValueError:
            return {"cells": [], "harness": {}, "restarts": 0, "kernel_deaths": 0, "seconds": 0,
                    "worker_error": "the sandboxed grading process ended without a result"}
    finally:
        kill_sandbox_processes(job)
        cgroup_remove(job)


def grade_job(job):
    return grade_sandboxed(job) if sandboxed(job) else grade(job)


RESULT_PREFIX = "RNNLAB-GRADE-RESULT "


def main():
    if "--serve" in sys.argv[1:]:
        # One worker for many submissions (saves starting Python and jupyter_client
        # each time): a job per line on stdin, a prefixed result line per job on stdout.
        for line in sys.stdin:
            if line.strip():
                sys.stdout.write("\n" + RESULT_PREFIX + json.dumps(grade_job(json.loads(line))) + "\n")
                sys.stdout.flush()
        return
    sys.stdout.write("\n" + json.dumps(grade_job(json.load(sys.stdin))) + "\n")


if __name__ == "__main__":
    main()
