/**
 * The code of a kernel worker thread, as a string for `new Worker(code, { eval: true })` (no
 * file path: it runs the same from lib/ under ts-jest, from dist/ and from node_modules).
 *
 * Protocol (one Int32Array control block per worker, in a SharedArrayBuffer; slot names below):
 * the main thread writes a command and its arguments, increments SEQ and notifies; the worker
 * (spinning briefly, then in `Atomics.wait` on SEQ) runs it, stores the sequence number in
 * DONE and notifies. Commands: RUN a kernel of a context on the given arguments, ATTACH a
 * context (its shared memory arrives through `receiveMessageOnPort`, synchronously), DETACH a
 * context, EXIT. Errors set STATUS = 1 and send the message through the port.
 */

/** Control-block slots (Int32 indices). */
export const CTL = {
  SEQ: 0,
  DONE: 1,
  CMD: 2,
  CTX: 3,
  FN: 4,
  STATUS: 5,
  ARGC: 6,
  ARGS: 8, // up to 8 integer arguments
  LENGTH: 16,
} as const;

/** Commands. */
export const CMD = { RUN: 1, ATTACH: 2, DETACH: 3, EXIT: 4 } as const;

/** Spins (Atomics.load polls) before a worker falls asleep in Atomics.wait (see threadPool.ts). */
export const WORKER_SPIN = 20000;

/** The worker's code (plain JavaScript). */
export function kernelWorkerSource(functions: readonly string[]): string {
  return `"use strict";
const { workerData, receiveMessageOnPort } = require("worker_threads");
const { module, control, port, spin } = workerData;
const ctl = new Int32Array(control);
const FUNCTIONS = ${JSON.stringify(functions)};
const SEQ = ${CTL.SEQ}, DONE = ${CTL.DONE}, CMDS = ${CTL.CMD}, CTX = ${CTL.CTX}, FN = ${CTL.FN}, STATUS = ${CTL.STATUS}, ARGC = ${CTL.ARGC}, ARGS = ${CTL.ARGS};
const instances = new Map();
let seen = 0;
for (;;) {
  let s = Atomics.load(ctl, SEQ);
  for (let i = 0; s === seen && i < spin; i++) s = Atomics.load(ctl, SEQ);
  while (s === seen) {
    Atomics.wait(ctl, SEQ, seen);
    s = Atomics.load(ctl, SEQ);
  }
  seen = s;
  const cmd = ctl[CMDS];
  if (cmd === ${CMD.EXIT}) {
    Atomics.store(ctl, DONE, seen);
    Atomics.notify(ctl, DONE);
    break;
  }
  try {
    if (cmd === ${CMD.RUN}) {
      const ex = instances.get(ctl[CTX]);
      if (!ex) throw new Error("context " + ctl[CTX] + " is not attached");
      const f = ex[FUNCTIONS[ctl[FN]]];
      const a = ctl.subarray(ARGS, ARGS + ctl[ARGC]);
      if (a.length === 5) f(a[0], a[1], a[2], a[3], a[4]);
      else if (a.length === 6) f(a[0], a[1], a[2], a[3], a[4], a[5]);
      else f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    } else if (cmd === ${CMD.ATTACH}) {
      const msg = receiveMessageOnPort(port);
      if (!msg) throw new Error("ATTACH without a memory message");
      instances.set(ctl[CTX], new WebAssembly.Instance(module, { env: { memory: msg.message.memory } }).exports);
    } else if (cmd === ${CMD.DETACH}) {
      instances.delete(ctl[CTX]);
    }
    ctl[STATUS] = 0;
  } catch (e) {
    ctl[STATUS] = 1;
    port.postMessage({ error: e && e.message ? e.message : String(e) });
  }
  Atomics.store(ctl, DONE, seen);
  Atomics.notify(ctl, DONE);
}
`;
}
