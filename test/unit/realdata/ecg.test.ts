/**
 * The ECG loader against the real SciPy file of Debian's python3-scipy (a missing package
 * fails here; the set-up installs it), and its zip / .npy readers on hand-made archives.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { SCIPY_ECG_FILE, loadEcg, parseNpy1d, zipMember } from "../../../lib/realdata";

function npy(values: number[]): Buffer {
  let header = `{'descr': '<u2', 'fortran_order': False, 'shape': (${values.length},), }`;
  while ((10 + header.length + 1) % 64 !== 0) header += " ";
  header += "\n";
  const head = Buffer.alloc(10);
  head[0] = 0x93;
  head.write("NUMPY", 1, "latin1");
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const data = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => data.writeUInt16LE(v, 2 * i));
  return Buffer.concat([head, Buffer.from(header, "latin1"), data]);
}

/** A one-member zip (deflated), enough for zipMember. */
function zip(name: string, content: Buffer): Buffer {
  const deflated = zlib.deflateRawSync(content);
  const nameBuf = Buffer.from(name, "utf8");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBuf.length + deflated.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + nameBuf.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, deflated, central, nameBuf, eocd]);
}

describe("loadEcg (python3-scipy)", () => {
  test("MIT-BIH record 208 excerpt: 5 min at 360 Hz, in mV", () => {
    const ecg = loadEcg();
    expect(ecg.samplingRate).toBe(360);
    expect(ecg.signal.length).toBe(108000);
    expect(ecg.duration).toBe(300);
    // first ADC values of ecg.npy: 975 981 987 (scipy: (v − 1024)/200 mV)
    expect(Array.from(ecg.signal.subarray(0, 3))).toEqual([(975 - 1024) / 200, (981 - 1024) / 200, (987 - 1024) / 200]);
    let min = Infinity;
    let max = -Infinity;
    for (const v of ecg.signal) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeCloseTo(-3.485, 9);
    expect(max).toBeCloseTo(3.65, 9);
    expect(SCIPY_ECG_FILE).toMatch(/scipy\/misc\/ecg\.dat$/);
  });

  test("a missing file names the Debian package and the command", () => {
    expect(() => loadEcg({ file: "/nonexistent/ecg.dat" })).toThrow(/not found.*python3-scipy.*npm install.*apt-get install -y python3-scipy/);
    expect(() => loadEcg({ path: "x" } as never)).toThrow(/unknown options key "path"/);
  });

  test("zip and .npy readers: round trip and clear errors", () => {
    const archive = zip("ecg.npy", npy([1024, 1224, 824]));
    expect(Array.from(parseNpy1d("t", zipMember("t", archive, "ecg.npy")))).toEqual([1024, 1224, 824]);
    expect(() => zipMember("t", archive, "other.npy")).toThrow(/no member "other.npy".*"ecg.npy"/);
    expect(() => zipMember("t", Buffer.from("not a zip at all, just some bytes, long enough"), "x")).toThrow(/not a zip archive/);
    expect(() => parseNpy1d("t", Buffer.from("hello world"))).toThrow(/bad magic/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-ecg-"));
    const file = path.join(dir, "ecg.dat");
    fs.writeFileSync(file, archive);
    expect(Array.from(loadEcg({ file }).signal)).toEqual([0, 1, -1]);
    fs.rmSync(dir, { recursive: true });
  });
});
