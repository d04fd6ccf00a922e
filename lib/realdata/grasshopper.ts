/**
 * Locust (grasshopper) auditory receptor neuron: a white-noise sound-amplitude stimulus
 * and the spike times it evoked (Rokem et al., 2006), as shipped by nitime
 * (Debian `python3-nitime`, BSD-3).
 *
 * Two recordings of the same neuron: recording 1 with a stimulus low-pass filtered at
 * 200 Hz, recording 2 at 800 Hz. Each stimulus lasts 10 s, sampled every 50 µs
 * (20 kHz; file column 1 = time in µs, column 2 = amplitude, relative units in (0, 1]);
 * each spike file lists spike times in µs after a `#` header of recording settings.
 */
import { RnnlabError, badArgument } from "../core/errors";
import { NITIME_DATA_DIR, readSystemDataFile } from "./systemFiles";
import { checkOptions } from "../core/options";

/** One recording: stimulus samples and spike times. */
export interface GrasshopperRecording {
  /** 1 (stimulus cut-off 200 Hz) or 2 (800 Hz). */
  recording: 1 | 2;
  /** Stimulus amplitude at t = k · sampleInterval, k = 0..n−1. */
  stimulus: Float64Array;
  /** Seconds between stimulus samples (50e-6). */
  sampleInterval: number;
  /** Stimulus duration in seconds (n · sampleInterval). */
  duration: number;
  /** Spike times in seconds, increasing. */
  spikeTimes: Float64Array;
  /** The `# key: value` header of the spike file (e.g. "cut-off frequency (Hz)": "200"). */
  header: Record<string, string>;
}

/** Options of `loadGrasshopper`. */
export interface GrasshopperOptions {
  /** Folder holding the nitime files (default: Debian's nitime/data). */
  dir?: string;
}

function parseNumber(where: string, file: string, lineNo: number, token: string): number {
  const v = Number(token);
  if (token === "" || !Number.isFinite(v)) throw new RnnlabError(`${where}: ${file} line ${lineNo}: expected a number, got ${JSON.stringify(token)}`);
  return v;
}

/**
 * Loads recording 1 or 2 of the grasshopper receptor neuron from nitime's data folder.
 * Throws (naming `python3-nitime`) when the files are missing, and on any malformed line.
 */
export function loadGrasshopper(recording: 1 | 2, options: GrasshopperOptions = {}): GrasshopperRecording {
  const where = "loadGrasshopper";
  checkOptions(where, options, ["dir"]);
  if (recording !== 1 && recording !== 2) badArgument(where, "recording", "1 (200 Hz stimulus) or 2 (800 Hz stimulus)", recording);
  const dir = options.dir ?? NITIME_DATA_DIR;
  if (typeof dir !== "string") badArgument(where, "options.dir", "a folder path", dir);

  const stimFile = `${dir}/grasshopper_stimulus${recording}.txt`;
  const stimText = readSystemDataFile(where, { path: stimFile, debianPackage: "python3-nitime" });
  const times: number[] = [];
  const values: number[] = [];
  stimText.split("\n").forEach((line, i) => {
    const s = line.trim();
    if (s === "") return;
    const parts = s.split(/\s+/);
    if (parts.length !== 2) throw new RnnlabError(`${where}: ${stimFile} line ${i + 1}: expected "time_us amplitude", got ${JSON.stringify(s)}`);
    times.push(parseNumber(where, stimFile, i + 1, parts[0]));
    values.push(parseNumber(where, stimFile, i + 1, parts[1]));
  });
  if (values.length < 2) throw new RnnlabError(`${where}: ${stimFile} holds ${values.length} samples, expected thousands`);
  const stepUs = times[1] - times[0];
  for (let k = 1; k < times.length; k++) {
    if (Math.abs(times[k] - times[k - 1] - stepUs) > 1e-6) {
      throw new RnnlabError(`${where}: ${stimFile} line ${k + 1}: samples must be evenly spaced (${stepUs} µs), got a step of ${times[k] - times[k - 1]} µs`);
    }
  }

  const spikeFile = `${dir}/grasshopper_spike_times${recording}.txt`;
  const spikeText = readSystemDataFile(where, { path: spikeFile, debianPackage: "python3-nitime" });
  const header: Record<string, string> = {};
  const spikes: number[] = [];
  spikeText.split("\n").forEach((line, i) => {
    const s = line.trim();
    if (s === "") return;
    if (s.startsWith("#")) {
      const m = /^#\s*([^:]+):\s*(.*)$/.exec(s);
      if (m) header[m[1].trim()] = m[2].trim();
      return;
    }
    const t = parseNumber(where, spikeFile, i + 1, s) / 1e6;
    if (spikes.length && t <= spikes[spikes.length - 1]) throw new RnnlabError(`${where}: ${spikeFile} line ${i + 1}: spike times must increase, got ${s} µs after ${Math.round(spikes[spikes.length - 1] * 1e6)} µs`);
    spikes.push(t);
  });
  const sampleInterval = stepUs / 1e6;
  const duration = values.length * sampleInterval;
  if (spikes.length === 0) throw new RnnlabError(`${where}: ${spikeFile} holds no spike times`);
  if (spikes[0] < 0 || spikes[spikes.length - 1] >= duration) {
    throw new RnnlabError(`${where}: spike times must lie in [0, ${duration}) s (the stimulus), got ${spikes[0]} … ${spikes[spikes.length - 1]} s`);
  }
  return { recording, stimulus: Float64Array.from(values), sampleInterval, duration, spikeTimes: Float64Array.from(spikes), header };
}
