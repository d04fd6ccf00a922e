/** R-peak detection, beat templates, prematurity and ROC AUC on synthetic and real signals. */
import { beatWindows, detectRPeaks, medianBeat, pearson, removeBaseline, rocAuc, rrPrematurity } from "../../../lib/ecg";
import { loadEcg } from "../../../lib/realdata";

describe("ECG beats", () => {
  test("detectRPeaks finds spikes on a drifting baseline, and nothing else", () => {
    const fs = 200;
    const truth = [100, 260, 400, 560, 700, 900];
    const x = Array.from({ length: 1100 }, (_, t) => 0.5 * Math.sin(t / 150) + (truth.includes(t) ? 3 : 0) + (truth.includes(t - 1) || truth.includes(t + 1) ? 1.5 : 0));
    expect(detectRPeaks(x, fs)).toEqual(truth);
    expect(() => detectRPeaks(x, fs, { window: 1 } as never)).toThrow(/unknown options key "window" \(did you mean "baselineWindow"\?\)/);
  });

  test("removeBaseline removes a constant", () => {
    expect(Array.from(removeBaseline([5, 5, 5, 5], 3))).toEqual([0, 0, 0, 0]);
  });

  test("pearson, medianBeat, beatWindows and rrPrematurity", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 14);
    expect(pearson([1, 2, 3], [1, 1, 1])).toBe(0);
    const beats = beatWindows([0, 1, 2, 3, 4, 5, 6, 7], [1, 4, 7], 1, 2);
    expect(beats.map((b) => Array.from(b.window))).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(Array.from(medianBeat([{ peak: 0, window: Float64Array.of(1, 5) }, { peak: 0, window: Float64Array.of(3, 1) }, { peak: 0, window: Float64Array.of(2, 2) }]))).toEqual([2, 2]);
    const prem = rrPrematurity([0, 100, 200, 300, 360, 500], 3);
    expect(prem.slice(0, 4)).toEqual([null, null, null, null]);
    expect(prem[4]).toBeCloseTo(0.6, 14);
    expect(prem[5]).toBeCloseTo(1.4, 14);
  });

  test("rocAuc equals pair counting, with ties", () => {
    const s = [0.3, 0.7, 0.7, 0.2, 0.9, 0.1, 0.5];
    const y = [0, 1, 0, 0, 1, 1, 0];
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) if (y[i] === 1 && y[j] === 0) {
      pairs++;
      wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
    expect(rocAuc(s, y)).toBeCloseTo(wins / pairs, 14);
    expect(() => rocAuc([1, 2], [1, 1])).toThrow(/at least one positive and one negative/);
  });

  test("on record 208: about 100 beats/min and a distinct group of low-correlation beats", () => {
    const ecg = loadEcg();
    const peaks = detectRPeaks(ecg.signal, ecg.samplingRate);
    const bpm = (60 * peaks.length) / ecg.duration;
    expect(bpm).toBeGreaterThan(85);
    expect(bpm).toBeLessThan(115);
    const b = removeBaseline(ecg.signal, 180);
    const beats = beatWindows(b, peaks, 90, 144);
    const tmpl = medianBeat(beats);
    const r = beats.map((bt) => pearson(bt.window, tmpl));
    const low = r.filter((v) => v < 0.8).length;
    // record 208 has many PVCs: a sizeable minority of beats does not look like the median beat
    expect(low / beats.length).toBeGreaterThan(0.15);
    expect(low / beats.length).toBeLessThan(0.4);
  });
});
