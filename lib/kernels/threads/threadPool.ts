/**
 * The worker threads of the threaded kernels (issue 8, "both cores").
 *
 * One process-wide pool of `threads − 1` Node `worker_threads` workers; the main thread is the
 * first thread. A threaded kernel call writes its operands into a shared WebAssembly memory,
 * describes the call as chunks of output rows in a shared job block, rings the workers
 * (Atomics.notify), claims chunks itself like a worker (compare-and-swap), and waits until all
 * chunks are finished (Atomics.wait): the kernel API stays synchronous, and a worker whose core
 * is busy only means the main thread runs more chunks (protocol: workerSource.ts).
 *
 * - Workers are `unref()`ed: they never keep a script, a notebook kernel or jest alive.
 * - `disposeKernelThreads()` ends them (EXIT, then `terminate()`); the next threaded call starts
 *   a new pool.
 * - Thread count: `setKernelThreads(n)` (also via `useFastKernels({ threads })`) sets the default
 *   of the threaded paths (1 at start); `RNNLAB_THREADS=n` sets it from the environment, and
 *   `RNNLAB_THREADS=1` forces one thread whatever the code asks for.
 * - Where worker threads, SharedArrayBuffer or the shared-memory module are missing, one line is
 *   printed and everything runs on one thread.
 */
import type { MessagePort as NodeMessagePort, Worker as NodeWorker } from "worker_threads";
import { badArgument } from "../../core/errors";
import { SharedWasmMemory, WORKER_FUNCTIONS, WorkerFunction, sharedKernelModule, sharedModuleUnavailableReason } from "./sharedModule";
import { CMD, CTL, JOB, MAX_CHUNKS, WORKER_SPIN, kernelWorkerSource } from "./workerSource";

type WorkerThreadsModule = typeof import("worker_threads");

/** An environment variable, or undefined (also outside Node). */
function envValue(name: string): string | undefined {
  return typeof process !== "undefined" && process.env ? process.env[name] : undefined;
}

/** Most threads a pool may have. */
export const MAX_KERNEL_THREADS = 16;
/** Spins (Atomics.load polls) of the main thread before it sleeps waiting for a worker. */
const MAIN_SPIN = Number(envValue("RNNLAB_MAIN_SPIN") ?? 20000); // tuning knob (also RNNLAB_WORKER_SPIN), see docs/speed.md
/** How long the main thread waits for one worker's share before giving up (ms). */
const WAIT_LIMIT_MS = 120000;

let workerThreads: WorkerThreadsModule | null | undefined;
let unavailable = "";

function loadWorkerThreads(): WorkerThreadsModule | null {
  if (workerThreads !== undefined) return workerThreads;
  workerThreads = null;
  try {
    if (typeof require !== "function") throw new Error("no require() (not Node)");
    if (typeof Atomics === "undefined" || typeof SharedArrayBuffer === "undefined") throw new Error("no Atomics / SharedArrayBuffer");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: only when worker threads are used
    workerThreads = require("worker_threads") as WorkerThreadsModule;
  } catch (e) {
    unavailable = `worker_threads unavailable: ${e instanceof Error ? e.message : String(e)}`;
  }
  return workerThreads;
}

/** True when the threaded kernels can run here (Node worker threads + shared WebAssembly memory). */
export function kernelThreadsAvailable(): boolean {
  return kernelThreadsUnavailableReason() === "";
}

/** Why the threaded kernels cannot run here ("" when they can). */
export function kernelThreadsUnavailableReason(): string {
  if (!loadWorkerThreads()) return unavailable;
  if (!sharedKernelModule()) return sharedModuleUnavailableReason();
  return unavailable; // set when a worker failed to start
}

let explicitThreads: number | undefined;
let fallbackNoticePrinted = false;

/** RNNLAB_THREADS as a positive integer, or undefined. An invalid value prints one line. */
function threadsFromEnvironment(): number | undefined {
  const env = envValue("RNNLAB_THREADS");
  if (env === undefined || env.trim() === "") return undefined;
  const n = Number(env.trim());
  if (!Number.isInteger(n) || n < 1 || n > MAX_KERNEL_THREADS) {
    if (!envNoticePrinted) console.warn(`rnnlab: ignoring RNNLAB_THREADS=${JSON.stringify(env)} (expected an integer in [1, ${MAX_KERNEL_THREADS}])`);
    envNoticePrinted = true;
    return undefined;
  }
  return n;
}
let envNoticePrinted = false;

/**
 * Sets the default number of threads of the threaded kernel paths (1 = the main thread only);
 * returns the previous default. Without an argument it clears the setting (back to RNNLAB_THREADS,
 * else 1). `RNNLAB_THREADS=1` in the environment still forces one thread.
 */
export function setKernelThreads(threads?: number): number {
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > MAX_KERNEL_THREADS)) badArgument("setKernelThreads", "threads", `an integer in [1, ${MAX_KERNEL_THREADS}]`, threads);
  const previous = kernelThreads();
  explicitThreads = threads;
  return previous;
}

/** The default thread count (`setKernelThreads`, else RNNLAB_THREADS, else 1), before the force switch. */
export function kernelThreads(): number {
  return explicitThreads ?? threadsFromEnvironment() ?? 1;
}

/**
 * The number of threads a threaded path really uses when `requested` are asked for (default:
 * `kernelThreads()`): 1 when RNNLAB_THREADS=1 forces it, or when threads are unavailable here
 * (then one line is printed, once).
 */
export function effectiveKernelThreads(requested?: number): number {
  const want = requested ?? kernelThreads();
  if (!Number.isInteger(want) || want < 1 || want > MAX_KERNEL_THREADS) badArgument("effectiveKernelThreads", "threads", `an integer in [1, ${MAX_KERNEL_THREADS}]`, want);
  if (want === 1) return 1;
  if (threadsFromEnvironment() === 1) return 1;
  if (!kernelThreadsAvailable()) {
    if (!fallbackNoticePrinted) console.warn(`rnnlab: worker threads unavailable (${kernelThreadsUnavailableReason()}); using one thread`);
    fallbackNoticePrinted = true;
    return 1;
  }
  return want;
}

let nextContextId = 1;
/** A fresh id for a shared-memory context (a threaded kernel set, a resident matrix). */
export function newContextId(): number {
  return nextContextId++;
}

interface PoolWorker {
  worker: NodeWorker;
  port: NodeMessagePort;
  ctl: Int32Array;
  seq: number;
}

/** One kernel call cut into chunks of rows: arguments at row `start` are base + start · stride. */
export interface ChunkedJob {
  /** the kernel */
  fn: WorkerFunction;
  /** rows to cover */
  rows: number;
  /** arguments for row 0 (at most 8 integers) */
  base: number[];
  /** per-row increments of the arguments */
  stride: number[];
  /** which argument is the row count */
  countArg: number;
}

/**
 * Rows per chunk of a threaded job: a multiple of 4 (the kernels' register block, so every row
 * is summed as on one thread), about 4 chunks per thread (so a thread whose core is busy takes
 * fewer), at least 16 rows each where the rows allow, at most MAX_CHUNKS chunks.
 */
export function chunkRows(rows: number, threads: number): number {
  const chunks = Math.min(MAX_CHUNKS, Math.max(threads, Math.min(4 * threads, Math.floor(rows / 16))));
  return Math.max(4, Math.ceil(rows / chunks / 4) * 4);
}

/** The process-wide pool; grows to the largest thread count asked for. */
export class KernelThreadPool {
  private readonly workers: PoolWorker[] = [];
  private readonly attached = new Set<number>();
  private readonly job = new Int32Array(new SharedArrayBuffer(JOB.LENGTH * 4));
  private generation = 0;
  private disposed = false;

  constructor() {
    Atomics.store(this.job, JOB.NEXT, -1);
  }

  /** Workers available (threads − 1). */
  get size(): number {
    return this.workers.length;
  }

  /** Makes sure `count` workers exist (starting the missing ones). */
  ensureWorkers(count: number): void {
    if (this.disposed) throw new Error("rnnlab: the kernel thread pool was disposed");
    const wt = loadWorkerThreads()!;
    const mod = sharedKernelModule()!;
    while (this.workers.length < count) {
      const control = new SharedArrayBuffer(CTL.LENGTH * 4);
      const { port1, port2 } = new wt.MessageChannel();
      const worker = new wt.Worker(kernelWorkerSource(WORKER_FUNCTIONS), {
        eval: true,
        workerData: { module: mod, control, jobBuffer: this.job.buffer, port: port2, spin: Number(envValue("RNNLAB_WORKER_SPIN") ?? WORKER_SPIN) },
        transferList: [port2],
      });
      worker.unref();
      port1.unref();
      worker.on("error", (e: Error) => {
        unavailable = `a kernel worker failed: ${e.message}`;
      });
      const w: PoolWorker = { worker, port: port1, ctl: new Int32Array(control), seq: 0 };
      this.workers.push(w);
      // already-attached contexts must be known to the new worker too
      for (const id of this.attached) {
        const memory = contextMemories.get(id);
        if (memory) this.command(w, CMD.ATTACH, id, memory);
      }
    }
  }

  /** Makes `id`'s shared memory known to every worker (once). */
  attach(id: number, memory: SharedWasmMemory): void {
    if (this.attached.has(id)) return;
    contextMemories.set(id, memory);
    for (const w of this.workers) this.command(w, CMD.ATTACH, id, memory);
    this.attached.add(id);
  }

  /** Forgets a context in every worker (its memory can then be freed). */
  detach(id: number): void {
    contextMemories.delete(id);
    if (!this.attached.delete(id) || this.disposed) return;
    for (const w of this.workers) this.command(w, CMD.DETACH, id);
  }

  /**
   * Runs `job` of context `id` on this thread and `threads − 1` workers: the rows are cut into
   * chunks (multiples of 4 rows) that every thread claims as it becomes free (`runHere` runs one
   * on the main thread), and returns when all are done.
   */
  run(id: number, threads: number, job: ChunkedJob, runHere: (args: number[]) => void): void {
    const J = this.job;
    const { rows } = job;
    const chunk = chunkRows(rows, threads);
    const nChunks = Math.ceil(rows / chunk);
    // rewrite the job while it is closed (NEXT = −1), then open it under a new generation
    Atomics.store(J, JOB.NEXT, -1);
    this.generation = (this.generation + 1) & 0x3fffff;
    Atomics.store(J, JOB.FINISHED, 0);
    J[JOB.NCHUNKS] = nChunks;
    J[JOB.CHUNK] = chunk;
    J[JOB.ROWS] = rows;
    J[JOB.FN] = WORKER_FUNCTIONS.indexOf(job.fn);
    J[JOB.CTX] = id;
    J[JOB.ARGC] = job.base.length;
    J[JOB.COUNT_ARG] = job.countArg;
    J[JOB.STATUS] = 0;
    for (let i = 0; i < job.base.length; i++) {
      J[JOB.BASE + i] = job.base[i];
      J[JOB.STRIDE + i] = job.stride[i];
    }
    Atomics.store(J, JOB.NEXT, this.generation * 256);
    const used = Math.min(threads - 1, this.workers.length);
    for (let w = 0; w < used; w++) this.ring(this.workers[w], CMD.WORK);
    handoffs += used;
    // the main thread claims chunks like a worker
    const args = job.base.slice();
    let error: unknown = null;
    for (;;) {
      const x = Atomics.load(J, JOB.NEXT);
      const c = x & 255;
      if (c >= nChunks) break;
      if (Atomics.compareExchange(J, JOB.NEXT, x, x + 1) !== x) continue;
      const start = c * chunk;
      for (let i = 0; i < args.length; i++) args[i] = job.base[i] + start * job.stride[i];
      args[job.countArg] = Math.min(chunk, rows - start);
      try {
        runHere(args);
      } catch (e) {
        error = e;
      }
      Atomics.add(J, JOB.FINISHED, 1);
      mainChunks++;
    }
    totalChunks += nChunks;
    this.waitFinished(nChunks);
    if (error !== null) throw error;
    if (J[JOB.STATUS] !== 0) throw new Error(`rnnlab: a kernel worker failed: ${this.workerError()}`);
  }

  /** Stops the workers (EXIT, then terminate); the pool cannot be used afterwards. */
  dispose(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.disposed = true;
    const ends: Promise<unknown>[] = [];
    for (const w of this.workers) {
      this.ring(w, CMD.EXIT);
      ends.push(w.worker.terminate());
      w.port.close();
    }
    this.workers.length = 0;
    this.attached.clear();
    return Promise.all(ends).then(() => undefined);
  }

  /** Rings worker `w`'s bell with `cmd`; returns the bell value (what DONE becomes). */
  private ring(w: PoolWorker, cmd: number): number {
    w.seq = (w.seq + 1) & 0xfffffff;
    const bell = (w.seq << 3) | cmd;
    Atomics.store(w.ctl, CTL.BELL, bell);
    Atomics.notify(w.ctl, CTL.BELL);
    return bell;
  }

  /** A command the worker must run itself (ATTACH, DETACH), waited for. */
  private command(w: PoolWorker, cmd: number, id: number, memory?: SharedWasmMemory): void {
    if (memory) w.port.postMessage({ memory });
    w.ctl[CTL.CTX] = id;
    const bell = this.ring(w, cmd);
    const t0 = Date.now();
    let done = Atomics.load(w.ctl, CTL.DONE);
    while (done !== bell) {
      Atomics.wait(w.ctl, CTL.DONE, done, 1000);
      done = Atomics.load(w.ctl, CTL.DONE);
      if (done !== bell && Date.now() - t0 > WAIT_LIMIT_MS) {
        throw new Error(`rnnlab: a kernel worker did not answer within ${WAIT_LIMIT_MS / 1000} s${unavailable ? ` (${unavailable})` : ""}; call disposeKernelThreads() and use one thread`);
      }
    }
    if (w.ctl[CTL.STATUS] !== 0) throw new Error(`rnnlab: a kernel worker failed: ${this.workerError()}`);
  }

  /** Waits until `n` chunks of the current job are finished (spin, then Atomics.wait). */
  private waitFinished(n: number): void {
    const J = this.job;
    let f = Atomics.load(J, JOB.FINISHED);
    for (let i = 0; f !== n && i < MAIN_SPIN; i++) f = Atomics.load(J, JOB.FINISHED);
    const t0 = Date.now();
    while (f !== n) {
      Atomics.wait(J, JOB.FINISHED, f, 1000);
      f = Atomics.load(J, JOB.FINISHED);
      if (f !== n && Date.now() - t0 > WAIT_LIMIT_MS) {
        throw new Error(`rnnlab: a kernel worker did not finish its rows within ${WAIT_LIMIT_MS / 1000} s${unavailable ? ` (${unavailable})` : ""}; call disposeKernelThreads() and use one thread`);
      }
    }
  }

  /** The first error message a worker sent. */
  private workerError(): string {
    const wt = loadWorkerThreads()!;
    for (const w of this.workers) {
      const msg = wt.receiveMessageOnPort(w.port);
      if (msg && msg.message && typeof msg.message.error === "string") return msg.message.error;
    }
    return "unknown error";
  }
}

const contextMemories = new Map<number, SharedWasmMemory>();
let handoffs = 0;
let mainChunks = 0;
let totalChunks = 0;

/** How many threaded jobs have been offered to worker threads so far (jobs × workers; for tests and benchmarks). */
export function kernelThreadHandoffs(): number {
  return handoffs;
}

/**
 * Chunks of threaded jobs so far: how many the main thread ran itself and how many there were
 * (the rest ran on workers). On an idle machine with 2 threads about half run on the main thread;
 * when the worker's core is busy with other work, the main thread takes more.
 */
export function kernelThreadChunks(): { main: number; total: number } {
  return { main: mainChunks, total: totalChunks };
}
let pool: KernelThreadPool | null = null;

/** The pool with at least `threads − 1` workers (created on first use). */
export function kernelThreadPool(threads: number): KernelThreadPool {
  if (!pool) pool = new KernelThreadPool();
  pool.ensureWorkers(threads - 1);
  return pool;
}

/** The pool if it exists (no workers are started). */
export function existingKernelThreadPool(): KernelThreadPool | null {
  return pool;
}

/**
 * Ends the kernel worker threads (the threaded kernels start new ones when used again).
 * Call it at the end of a script or in jest's `afterAll` to free the threads early; it is not
 * needed for the process to exit (the workers are unref'd).
 */
export function disposeKernelThreads(): Promise<void> {
  const p = pool;
  pool = null;
  return p ? p.dispose() : Promise.resolve();
}
