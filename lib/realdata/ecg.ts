/**
 * An electrocardiogram: 5 minutes of MIT-BIH Arrhythmia Database record 208 (lead MLII,
 * 19:35–24:35), sampled at 360 Hz, as shipped by SciPy 1.10 (`scipy/misc/ecg.dat`, Debian
 * `python3-scipy`). The file is a NumPy `.npz` archive (a zip holding `ecg.npy`, uint16 ADC
 * values); like `scipy.misc.electrocardiogram()` we return millivolts, (v − 1024)/200.
 * The file carries no beat annotations: record 208 has many premature ventricular beats,
 * but which beats they are is not in the data (see notebook 18).
 */
import * as zlib from "zlib";
import { RnnlabError } from "../core/errors";
import { readSystemDataBytes } from "./systemFiles";
import { checkOptions } from "../core/options";

/** Default location of SciPy's ECG file on Debian. */
export const SCIPY_ECG_FILE = "/usr/lib/python3/dist-packages/scipy/misc/ecg.dat";

/** The ECG and its sampling rate. */
export interface Electrocardiogram {
  /** Voltage in mV, one sample every 1/samplingRate s. */
  signal: Float64Array;
  /** Samples per second (360). */
  samplingRate: number;
  /** Duration in seconds. */
  duration: number;
}

/** Options of `loadEcg`. */
export interface EcgOptions {
  /** Path of the `.npz` file (default: SciPy's on Debian). */
  file?: string;
}

/** The bytes of one member of a zip archive (stored or deflated), found through the central directory. */
export function zipMember(where: string, zip: Buffer, name: string): Buffer {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new RnnlabError(`${where}: not a zip archive (no end-of-central-directory record)`);
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let e = 0; e < entries; e++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new RnnlabError(`${where}: corrupt zip central directory at byte ${p}`);
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.toString("utf8", p + 46, p + 46 + nameLen);
    names.push(entryName);
    if (entryName === name) {
      if (zip.readUInt32LE(local) !== 0x04034b50) throw new RnnlabError(`${where}: corrupt zip local header for ${name}`);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(start, start + compressed);
      const out = method === 0 ? Buffer.from(raw) : method === 8 ? zlib.inflateRawSync(raw) : null;
      if (out === null) throw new RnnlabError(`${where}: zip member ${name} uses compression method ${method}; only stored (0) and deflate (8) are supported`);
      if (out.length !== size) throw new RnnlabError(`${where}: zip member ${name} inflated to ${out.length} bytes, the directory says ${size}`);
      return out;
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new RnnlabError(`${where}: the archive has no member ${JSON.stringify(name)} (it has ${names.map((n) => JSON.stringify(n)).join(", ")})`);
}

/** A 1-D array from a NumPy `.npy` file (format 1.0/2.0; little-endian uint16, int16, int32, float32, float64). */
export function parseNpy1d(where: string, npy: Buffer): Float64Array {
  if (npy.length < 10 || npy[0] !== 0x93 || npy.toString("latin1", 1, 6) !== "NUMPY") throw new RnnlabError(`${where}: not a .npy array (bad magic)`);
  const major = npy[6];
  const headerLen = major === 1 ? npy.readUInt16LE(8) : npy.readUInt32LE(8);
  const offset = (major === 1 ? 10 : 12) + headerLen;
  const header = npy.toString("latin1", major === 1 ? 10 : 12, offset);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape':\s*\((\d+),?\s*\)/.exec(header)?.[1];
  if (!descr || !fortran || shape === undefined) throw new RnnlabError(`${where}: cannot read the .npy header ${JSON.stringify(header.trim())} (expected a 1-D array)`);
  const n = Number(shape);
  const readers: Record<string, [number, (o: number) => number]> = {
    "<u2": [2, (o) => npy.readUInt16LE(o)],
    "<i2": [2, (o) => npy.readInt16LE(o)],
    "<i4": [4, (o) => npy.readInt32LE(o)],
    "<f4": [4, (o) => npy.readFloatLE(o)],
    "<f8": [8, (o) => npy.readDoubleLE(o)],
  };
  const reader = readers[descr];
  if (!reader) throw new RnnlabError(`${where}: .npy dtype ${descr} is not supported (known: ${Object.keys(readers).join(", ")})`);
  const [bytes, read] = reader;
  if (npy.length !== offset + n * bytes) throw new RnnlabError(`${where}: .npy holds ${npy.length - offset} data bytes, expected ${n} × ${bytes}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = read(offset + i * bytes);
  return out;
}

/**
 * Loads SciPy's ECG (MIT-BIH record 208, 5 min at 360 Hz) in mV. Throws, naming
 * `python3-scipy` and the install command, when the file is missing.
 */
export function loadEcg(options: EcgOptions = {}): Electrocardiogram {
  const where = "loadEcg";
  checkOptions(where, options, ["file"]);
  const file = options.file ?? SCIPY_ECG_FILE;
  const zip = readSystemDataBytes(where, { path: file, debianPackage: "python3-scipy" });
  const adc = parseNpy1d(`${where}: ${file}`, zipMember(`${where}: ${file}`, zip, "ecg.npy"));
  const samplingRate = 360;
  const signal = Float64Array.from(adc, (v) => (v - 1024) / 200);
  return { signal, samplingRate, duration: signal.length / samplingRate };
}
