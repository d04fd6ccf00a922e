/**
 * The grasshopper loader against the real files of Debian's python3-nitime. A machine
 * without the package fails here (the set-up installs it); nothing is skipped.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NITIME_DATA_DIR, loadGrasshopper, readSystemDataFile } from "../../../lib/realdata";

describe("loadGrasshopper (python3-nitime)", () => {
  const rec1 = loadGrasshopper(1);
  const rec2 = loadGrasshopper(2);

  test("stimulus: 10 s at 20 kHz, amplitudes in (0, 1]", () => {
    for (const r of [rec1, rec2]) {
      expect(r.stimulus.length).toBe(200000);
      expect(r.sampleInterval).toBeCloseTo(50e-6, 12);
      expect(r.duration).toBeCloseTo(10, 9);
      expect(r.stimulus.reduce((a, b) => Math.min(a, b))).toBeGreaterThan(0);
      expect(r.stimulus.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(1);
    }
    // first and last lines of grasshopper_stimulus1.txt: "0  0.242911", "9999950  0.240229"
    expect(rec1.stimulus[0]).toBe(0.242911);
    expect(rec1.stimulus[199999]).toBe(0.240229);
    expect(rec2.stimulus[0]).toBe(0.203889);
  });

  test("spike times: counts, order, range, header", () => {
    expect(rec1.spikeTimes.length).toBe(929);
    expect(rec2.spikeTimes.length).toBe(868);
    expect(rec1.spikeTimes[0]).toBeCloseTo(6700e-6, 12);
    expect(rec1.spikeTimes[928]).toBeCloseTo(9999300e-6, 12);
    for (const r of [rec1, rec2]) {
      for (let i = 1; i < r.spikeTimes.length; i++) expect(r.spikeTimes[i]).toBeGreaterThan(r.spikeTimes[i - 1]);
    }
    expect(rec1.header["cut-off frequency (Hz)"]).toBe("200");
    expect(rec2.header["cut-off frequency (Hz)"]).toBe("800");
    expect(rec1.recording).toBe(1);
  });

  test("a missing file names the Debian package and the command", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-nitime-"));
    expect(() => loadGrasshopper(1, { dir: empty })).toThrow(/python3-nitime.*npm install.*apt-get install -y python3-nitime/);
    expect(() => readSystemDataFile("x", { path: path.join(empty, "nope.csv"), debianPackage: "python3-scipy" })).toThrow(/nope\.csv not found.*python3-scipy/);
    fs.rmSync(empty, { recursive: true });
  });

  test("malformed files and bad arguments are errors that say what is wrong", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-nitime-"));
    fs.writeFileSync(path.join(dir, "grasshopper_stimulus1.txt"), "0 0.1\n50 0.2\n100 abc\n");
    fs.writeFileSync(path.join(dir, "grasshopper_spike_times1.txt"), "# x: 1\n50\n");
    expect(() => loadGrasshopper(1, { dir })).toThrow(/line 3: expected a number, got "abc"/);
    fs.writeFileSync(path.join(dir, "grasshopper_stimulus1.txt"), "0 0.1\n50 0.2\n100 0.3\n");
    fs.writeFileSync(path.join(dir, "grasshopper_spike_times1.txt"), "# x: 1\n100\n50\n");
    expect(() => loadGrasshopper(1, { dir })).toThrow(/spike times must increase/);
    fs.rmSync(dir, { recursive: true });
    expect(() => loadGrasshopper(3 as 1)).toThrow(/recording/);
    expect(() => loadGrasshopper(1, { folder: "/tmp" } as never)).toThrow(/unknown options key "folder"/);
    expect(NITIME_DATA_DIR).toMatch(/nitime\/data$/);
  });
});
