import { spawnSync } from "child_process";
import * as path from "path";

// The benchmark runner and its helpers (scripts/bench.js, scripts/bench/_common.js).
const common = require("../../../scripts/bench/_common.js") as {
  median(xs: number[]): number;
  timeRepeated(fn: () => void, reps: number, warmup: number): { medianMs: number; cpuMedianMs: number; reps: number; timesMs: number[]; cpuMs: number[] };
  printTable(rows: Record<string, unknown>[]): void;
};
const ROOT = path.resolve(__dirname, "..", "..", "..");

describe("benchmark harness", () => {
  test("median and repeated timing", () => {
    expect(common.median([3, 1, 2])).toBe(2);
    expect(common.median([4, 1, 3, 2])).toBe(2.5);
    let calls = 0;
    // each call lasts at least 2 ms of wall time and burns at least 2 ms of this process's CPU time
    // (however busy the machine is; the process's CPU time also counts V8's helper threads, so
    // neither bound implies the other)
    const burn = (): void => {
      calls++;
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      while (process.cpuUsage(c0).user + process.cpuUsage(c0).system < 2000 || performance.now() - w0 < 2);
    };
    const t = common.timeRepeated(burn, 5, 2);
    expect(calls).toBe(7);
    expect(t.reps).toBe(5);
    expect(t.timesMs).toHaveLength(5);
    expect(t.cpuMs).toHaveLength(5);
    expect(t.medianMs).toBe(common.median(t.timesMs));
    expect(t.cpuMedianMs).toBe(common.median(t.cpuMs));
    // every repetition is timed: ≥ the 2 ms of CPU burnt and ≥ the 2 ms of wall time waited
    for (let i = 0; i < 5; i++) {
      expect(t.cpuMs[i]).toBeGreaterThanOrEqual(1.9);
      expect(t.timesMs[i]).toBeGreaterThanOrEqual(1.9);
    }
  });

  test("printTable aligns columns and marks missing values", () => {
    const out: string[] = [];
    const spy = jest.spyOn(console, "log").mockImplementation((s: unknown) => void out.push(String(s)));
    common.printTable([{ a: 1.23456, b: null }, { a: 1234.5, b: "x" }]);
    spy.mockRestore();
    expect(out).toEqual(["   a  b", "----  -", "1.23  –", "1235  x"]);
  });

  test("the runner lists the benchmarks and rejects unknown names", () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "bench.js"), "no_such_bench", "--no-build"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bench: unknown benchmark\(s\) no_such_bench; available: .*bptt/);
  });
});
