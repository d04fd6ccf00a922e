import { Rng } from "../../../lib/core/random";
import {
  DEPRESSING_SYNAPSE,
  FACILITATING_SYNAPSE,
  regularSpikeTrain,
  silentMemoryDemo,
  tsodyksMarkramRate,
  tsodyksMarkramSpikes,
} from "../../../lib/dynamics/plasticity";
import { simulateBalancedNetwork } from "../../../lib/dynamics/balancedNetwork";

describe("Tsodyks–Markram short-term plasticity", () => {
  test("event-driven update by hand for two spikes", () => {
    const p = { U: 0.3, tauF: 0.5, tauD: 0.2 };
    const r = tsodyksMarkramSpikes([0, 0.1], p);
    const u1 = 0.3 + 0.3 * 0.7;
    expect(r.u[0]).toBeCloseTo(u1, 15);
    expect(r.efficacy[0]).toBeCloseTo(u1, 15);
    const x1 = 1 - u1;
    const uPre = 0.3 + (u1 - 0.3) * Math.exp(-0.1 / 0.5);
    const xPre = 1 + (x1 - 1) * Math.exp(-0.1 / 0.2);
    const u2 = uPre + 0.3 * (1 - uPre);
    expect(r.u[1]).toBeCloseTo(u2, 15);
    expect(r.x[1]).toBeCloseTo(xPre, 15);
    expect(r.efficacy[1]).toBeCloseTo(u2 * xPre, 15);
  });

  test("facilitating synapses grow over a 5 Hz train, depressing ones shrink over a 20 Hz train", () => {
    const f = tsodyksMarkramSpikes(regularSpikeTrain(5, 10), FACILITATING_SYNAPSE).efficacy;
    const d = tsodyksMarkramSpikes(regularSpikeTrain(20, 10), DEPRESSING_SYNAPSE).efficacy;
    expect(f[9]).toBeGreaterThan(1.3 * f[0]);
    expect(d[9]).toBeLessThan(0.5 * d[0]);
  });

  test("the rate version reaches the analytic steady state", () => {
    const p = FACILITATING_SYNAPSE;
    const r = 10;
    const traj = tsodyksMarkramRate(new Float64Array(20000).fill(r), 0.0005, p);
    const uStar = (p.U / p.tauF + p.U * r) / (1 / p.tauF + p.U * r);
    const xStar = 1 / (1 + uStar * r * p.tauD);
    expect(traj.u[19999]).toBeCloseTo(uStar, 3);
    expect(traj.x[19999]).toBeCloseTo(xStar, 3);
  });

  test("silent working memory: baseline activity in the delay, but the probe reads out the cued item", () => {
    const r = silentMemoryDemo();
    // in the delay the cued population is as quiet as the others ...
    expect(r.delayRate[0]).toBeLessThan(1);
    expect(r.delayRate[0]).toBeLessThan(1.5 * r.delayRate[1]);
    // ... but its synapses remember (u elevated), and the probe reactivates it selectively
    expect(r.uAtProbe[0]).toBeGreaterThan(1.8 * r.uAtProbe[1]);
    expect(r.probeResponse[0]).toBeGreaterThan(5 * r.probeResponse[1]);
    // without a cue there is nothing to read out
    const none = silentMemoryDemo({ cue: { strength: 0, start: 0.1, end: 0.35 } });
    expect(none.probeResponse[0]).toBeLessThan(1.2 * none.probeResponse[1]);
  });

  test("bad input names the argument", () => {
    expect(() => tsodyksMarkramSpikes([0.2, 0.1], FACILITATING_SYNAPSE)).toThrow(/spikeTimes must be sorted/);
    expect(() => tsodyksMarkramSpikes([0], { U: 0, tauF: 1, tauD: 1 })).toThrow(/U must be a number in \(0, 1\]/);
    expect(() => tsodyksMarkramRate([1], 0, FACILITATING_SYNAPSE)).toThrow(/dt must be a finite number > 0/);
    expect(() => silentMemoryDemo({ cued: 4 })).toThrow(/cued must be < populations = 4/);
  });
});

describe("balanced E–I networks", () => {
  test("E and I inputs grow like √K and cancel; rates approach the balance prediction", () => {
    const small = simulateBalancedNetwork({ excitatory: 400, inhibitory: 100, K: 25, steps: 400, rng: new Rng(2) });
    const large = simulateBalancedNetwork({ excitatory: 400, inhibitory: 100, K: 100, steps: 400, rng: new Rng(2) });
    expect(large.meanExcitatoryInput / small.meanExcitatoryInput).toBeGreaterThan(1.6);
    expect(large.meanInhibitoryInput).toBeLessThan(0);
    for (const m of [small, large]) {
      expect(m.cancellationRatio).toBeLessThan(0.15);
      expect(Math.abs(m.rateE - m.predictedRateE) / m.predictedRateE).toBeLessThan(0.3);
    }
    expect(large.predictedRateE).toBeCloseTo(0.1, 12);
  });

  test("bad input names the argument", () => {
    expect(() => simulateBalancedNetwork({ excitatory: 50, inhibitory: 10, K: 20 })).toThrow(/K must be an integer <= min/);
    expect(() => simulateBalancedNetwork({ JEI: 1 })).toThrow(/JEI must be a number <= 0/);
    expect(() => simulateBalancedNetwork({ dt: 0 })).toThrow(/dt must be a finite number > 0/);
  });
});
