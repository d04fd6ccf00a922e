/**
 * The code of a kernel worker thread, as a string for `new Worker(code, { eval: true })` (no
 * file path: it runs the same from lib/ under ts-jest, from dist/ and from node_modules).
 *
 * Two shared Int32Arrays:
 *
 * - a *bell* per worker (its own control block): the main thread stores (seq << 3) | command in
 *   BELL and notifies; the worker (spinning briefly, then in `Atomics.wait`) wakes, runs the
 *   command and stores the bell value in DONE. Commands: WORK (take chunks of the current job),
 *   ATTACH a context (its shared memory arrives through `receiveMessageOnPort`, synchronously),
 *   DETACH it, EXIT. Command and sequence number are one word, so a worker never pairs a
 *   command with another command's sequence number.
 * - one *job* block shared by all workers: a kernel call split into chunks of rows. Every thread,
 *   the main thread included, claims chunks with a compare-and-swap on NEXT
 *   (= generation · 256 + next chunk), runs them and counts them in FINISHED; the main thread
 *   returns when FINISHED = NCHUNKS. A worker that wakes late finds no chunk left (or a closed
 *   or newer generation) and goes back to sleep, so a descheduled worker never delays the main
 *   thread by more than the chunk it is running: on a busy machine the main thread simply does
 *   more chunks itself.
 */

/** Slots of a worker's control block (Int32 indices). */
export const CTL = { BELL: 0, DONE: 1, CTX: 2, STATUS: 3, LENGTH: 4 } as const;

/** Commands (low 3 bits of the bell). */
export const CMD = { WORK: 1, ATTACH: 2, DETACH: 3, EXIT: 4 } as const;

/** Slots of the job block (Int32 indices). */
export const JOB = {
  NEXT: 0, // generation · 256 + index of the next unclaimed chunk; −1 while the job is being rewritten
  FINISHED: 1, // chunks finished
  NCHUNKS: 2,
  CHUNK: 3, // rows per chunk (a multiple of 4)
  ROWS: 4,
  FN: 5,
  CTX: 6,
  ARGC: 7,
  COUNT_ARG: 8, // index of the argument that holds the row count
  STATUS: 9, // 1 after a worker's kernel failed
  BASE: 16, // 8 arguments at row 0
  STRIDE: 24, // 8 per-row increments of the arguments
  LENGTH: 32,
} as const;

/** Most chunks a job is cut into (NEXT keeps the index in its low 8 bits). */
export const MAX_CHUNKS = 255;

/** Spins (Atomics.load polls) before a worker falls asleep in Atomics.wait. */
export const WORKER_SPIN = 20000;

/** The worker's code (plain JavaScript). */
export function kernelWorkerSource(functions: readonly string[]): string {
  return `"use strict";
const { workerData, receiveMessageOnPort } = require("worker_threads");
const { module, control, jobBuffer, port, spin } = workerData;
const ctl = new Int32Array(control);
const job = new Int32Array(jobBuffer);
const FUNCTIONS = ${JSON.stringify(functions)};
const instances = new Map();
const args = new Array(8).fill(0);

/** Claims and runs chunks of the current job until none is left; returns how many it ran. */
function work() {
  let ran = 0;
  for (;;) {
    const x = Atomics.load(job, ${JOB.NEXT});
    if (x < 0) return ran;
    const chunk = x & 255;
    const n = job[${JOB.NCHUNKS}];
    if (chunk >= n) return ran;
    if (Atomics.compareExchange(job, ${JOB.NEXT}, x, x + 1) !== x) continue;
    // chunk is ours: the job cannot change until it is counted in FINISHED
    try {
      const ex = instances.get(job[${JOB.CTX}]);
      if (!ex) throw new Error("context " + job[${JOB.CTX}] + " is not attached");
      const rowsPer = job[${JOB.CHUNK}];
      const start = chunk * rowsPer;
      const count = Math.min(rowsPer, job[${JOB.ROWS}] - start);
      const argc = job[${JOB.ARGC}];
      for (let i = 0; i < argc; i++) args[i] = job[${JOB.BASE} + i] + start * job[${JOB.STRIDE} + i];
      args[job[${JOB.COUNT_ARG}]] = count;
      ex[FUNCTIONS[job[${JOB.FN}]]](args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7]);
    } catch (e) {
      job[${JOB.STATUS}] = 1;
      port.postMessage({ error: e && e.message ? e.message : String(e) });
    }
    ran++;
    if (Atomics.add(job, ${JOB.FINISHED}, 1) + 1 === n) Atomics.notify(job, ${JOB.FINISHED});
  }
}

let seen = 0;
// spin before sleeping only while spinning pays: after a job in which this worker got no chunk
// (it woke too late: its core is busy with other work), it sleeps at once and leaves the CPU
let spinNow = spin;
for (;;) {
  let b = Atomics.load(ctl, ${CTL.BELL});
  for (let i = 0; b === seen && i < spinNow; i++) b = Atomics.load(ctl, ${CTL.BELL});
  while (b === seen) {
    Atomics.wait(ctl, ${CTL.BELL}, seen);
    b = Atomics.load(ctl, ${CTL.BELL});
  }
  seen = b;
  const cmd = b & 7;
  if (cmd === ${CMD.WORK}) {
    spinNow = work() > 0 ? spin : 0;
    continue;
  }
  if (cmd === ${CMD.EXIT}) {
    Atomics.store(ctl, ${CTL.DONE}, b);
    Atomics.notify(ctl, ${CTL.DONE});
    break;
  }
  try {
    if (cmd === ${CMD.ATTACH}) {
      const msg = receiveMessageOnPort(port);
      if (!msg) throw new Error("ATTACH without a memory message");
      instances.set(ctl[${CTL.CTX}], new WebAssembly.Instance(module, { env: { memory: msg.message.memory } }).exports);
    } else if (cmd === ${CMD.DETACH}) {
      instances.delete(ctl[${CTL.CTX}]);
    }
    ctl[${CTL.STATUS}] = 0;
  } catch (e) {
    ctl[${CTL.STATUS}] = 1;
    port.postMessage({ error: e && e.message ? e.message : String(e) });
  }
  Atomics.store(ctl, ${CTL.DONE}, b);
  Atomics.notify(ctl, ${CTL.DONE});
}
`;
}
