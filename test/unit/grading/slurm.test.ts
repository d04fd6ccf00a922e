import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defaultShards, parseSlurmArgs, planShards } from "../../../lib/grading/slurm";

describe("Slurm grading: shards and options", () => {
  test("planShards deals sorted files round-robin, never an empty shard", () => {
    const files = ["e", "a", "d", "c", "b"];
    expect(planShards(files, 2)).toEqual([["a", "c", "e"], ["b", "d"]]);
    expect(planShards(files, 9)).toEqual([["a"], ["b"], ["c"], ["d"], ["e"]]);
    expect(planShards(files, 1)).toEqual([["a", "b", "c", "d", "e"]]);
    expect(() => planShards(files, 0)).toThrow(/shards must be a positive whole number, got 0/);
  });

  test("defaultShards: one task per 10 submissions, 1 to 50", () => {
    expect(defaultShards(1)).toBe(1);
    expect(defaultShards(10)).toBe(1);
    expect(defaultShards(11)).toBe(2);
    expect(defaultShards(200)).toBe(20);
    expect(defaultShards(10000)).toBe(50);
  });

  test("parseSlurmArgs splits Slurm options from the grader's", () => {
    const a = parseSlurmArgs(["subs", "--assignment", "00_getting_started", "--scheduler", "slurm", "--shards", "4", "--cpus-per-task=2", "--sbatch-arg=--time=01:00:00", "--sbatch-arg", "--qos=low", "--no-wait", "--cell-timeout", "10"]);
    if (a === "help") throw new Error("unexpected help");
    expect(a.shards).toBe(4);
    expect(a.cpusPerTask).toBe(2);
    expect(a.sbatchArgs).toEqual(["--time=01:00:00", "--qos=low"]);
    expect(a.wait).toBe(false);
    expect(a.grade.files).toEqual(["subs"]);
    expect(a.grade.cellTimeout).toBe(10);
  });

  test("parseSlurmArgs rejects what it cannot honour, naming the option", () => {
    const base = ["subs", "--assignment", "00_getting_started"];
    expect(() => parseSlurmArgs([...base, "--scheduler", "pbs"])).toThrow(/--scheduler must be "slurm".*"pbs"/);
    expect(() => parseSlurmArgs([...base, "--scheduler", "slurm", "--shards", "1.5"])).toThrow(/--shards needs a positive whole number, got "1.5"/);
    expect(() => parseSlurmArgs([...base, "--scheduler", "slurm", "--workers", "3"])).toThrow(/--workers is set per task/);
    expect(() => parseSlurmArgs([...base, "--scheduler", "slurm", "--bogus"])).toThrow(/unknown option --bogus/);
    expect(() => parseSlurmArgs([...base, "--scheduler", "slurm", "--files-from", "/nonexistent/list"])).toThrow(/--files-from: no such file/);
  });

  test("--files-from adds one submission per line", () => {
    const list = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-slurm-unit-")), "all.txt");
    fs.writeFileSync(list, "/x/a.ipynb\n/x/b.ipynb\n\n");
    const a = parseSlurmArgs(["--assignment", "00_getting_started", "--scheduler", "slurm", "--merge-only", "--files-from", list]);
    if (a === "help") throw new Error("unexpected help");
    expect(a.mergeOnly).toBe(true);
    expect(a.grade.files).toEqual(["/x/a.ipynb", "/x/b.ipynb"]);
  });
});
