/**
 * A shared-memory context: one shared WebAssembly memory, the main thread's instance of the
 * shared kernels over it, and its registration with the worker pool. Threaded kernel sets and
 * threaded resident matrices each own one.
 */
import { KernelThreadPool, kernelThreadPool, existingKernelThreadPool, newContextId } from "./threadPool";
import { SharedArena, SharedKernelExports, WorkerFunction, instantiateShared, newSharedMemory } from "./sharedModule";

export class SharedContext {
  readonly id = newContextId();
  readonly memory = newSharedMemory(1);
  readonly ex: SharedKernelExports = instantiateShared(this.memory);
  readonly arena = new SharedArena(this.memory, this.ex);

  /** The pool, with this context attached and `threads − 1` workers running. */
  pool(threads: number): KernelThreadPool {
    const p = kernelThreadPool(threads);
    p.attach(this.id, this.memory);
    return p;
  }

  /**
   * Runs kernel `fn` over `rows` rows split between `threads` threads: `argsOf(start, count)` gives
   * the arguments for rows [start, start + count) and must be affine in start (pointers advance by
   * a fixed number of bytes per row) with the row count as one argument. The rows are cut into
   * chunks of multiples of 4 rows that the main thread and the workers claim as they become free.
   */
  runSplit(threads: number, fn: WorkerFunction, rows: number, argsOf: (start: number, count: number) => number[]): void {
    const call = this.ex[fn] as (...a: number[]) => void;
    if (threads < 2 || rows < 8) {
      call(...argsOf(0, rows));
      return;
    }
    const base = argsOf(0, 0);
    const next = argsOf(1, 0);
    const counted = argsOf(0, 1);
    const countArg = counted.findIndex((v, i) => v !== base[i]);
    const stride = next.map((v, i) => v - base[i]);
    this.pool(threads).run(this.id, threads, { fn, rows, base, stride, countArg }, (args) => call(...args));
  }

  /** Forgets this context in the workers. */
  release(): void {
    existingKernelThreadPool()?.detach(this.id);
  }
}
