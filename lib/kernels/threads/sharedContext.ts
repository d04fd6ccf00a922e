/**
 * A shared-memory context: one shared WebAssembly memory, the main thread's instance of the
 * shared kernels over it, and its registration with the worker pool. Threaded kernel sets and
 * threaded resident matrices each own one.
 */
import { KernelThreadPool, kernelThreadPool, existingKernelThreadPool, newContextId } from "./threadPool";
import { SharedArena, SharedKernelExports, WorkerFunction, instantiateShared, newSharedMemory } from "./sharedModule";

/** Splits `m` rows into at most `parts` consecutive shares (multiples of 4 rows but the last). */
export function splitRows(m: number, parts: number): Array<[start: number, count: number]> {
  const out: Array<[number, number]> = [];
  const per = Math.ceil(m / parts / 4) * 4;
  for (let start = 0; start < m; start += per) out.push([start, Math.min(per, m - start)]);
  return out;
}

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
   * Runs kernel `fn` over row shares: `argsOf(start, count)` gives the arguments of one share;
   * share 0 runs here, the others on workers.
   */
  runSplit(threads: number, fn: WorkerFunction, rows: number, argsOf: (start: number, count: number) => number[]): void {
    const shares = splitRows(rows, threads);
    const parts = shares.map(([s, c]) => argsOf(s, c));
    if (parts.length === 1) {
      (this.ex[fn] as (...a: number[]) => void)(...parts[0]);
      return;
    }
    this.pool(threads).run(this.id, fn, parts, (args) => (this.ex[fn] as (...a: number[]) => void)(...args));
  }

  /** Forgets this context in the workers. */
  release(): void {
    existingKernelThreadPool()?.detach(this.id);
  }
}
