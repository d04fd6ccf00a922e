import { Rng } from "../../../lib/core/random";
import { countParameters, zeroGrad } from "../../../lib/core/parameter";
import { gradCheck } from "../../../lib/nn/gradCheck";
import { RecurrentClassifier, generateProteins, hiddenSizeForParameterCount, labeledBatch, laggedCopyChain, markovChainModel, palindromeBatch, recurrentClassifierParameterCount, sampleMarkovSequences, trainClassifier } from "../../../lib/tasks";
import { meanAccuracyByModel, palindromeModel, parseSweepCsv, sweepRecordsToCsv } from "../../../course/experiments";

describe("RecurrentClassifier", () => {
  const data = labeledBatch(generateProteins(3, { separation: 3, flank: 0 }, new Rng(1)), 20);
  for (const cfg of [
    { cell: "lstm" as const, bidirectional: true, readAt: "last" as const },
    { cell: "gru" as const, readAt: "last" as const },
    { cell: "rnn" as const, bidirectional: true, readAt: "middle" as const, compareHalves: true },
    { cell: "lstm" as const, readoutHidden: 0 },
  ]) {
    test(`gradient check: ${JSON.stringify(cfg)}`, () => {
      const m = new RecurrentClassifier({ inputSize: 20, hiddenSize: 3, readoutHidden: 4, rng: new Rng(2), ...cfg });
      const res = gradCheck(m.parameters(), () => m.lossAndGrad(data.batch, data.labels), { order: 4 });
      expect(res.worstRelError).toBeLessThan(1e-5);
    });
  }
  test("parameter-count formula matches the built model; matching hidden sizes", () => {
    for (const cfg of [
      { cell: "lstm" as const, inputSize: 4, hiddenSize: 7, bidirectional: true },
      { cell: "gru" as const, inputSize: 20, hiddenSize: 5, readoutHidden: 0 },
      { cell: "lstm" as const, inputSize: 2, hiddenSize: 12, bidirectional: true, tieDirections: true, compareHalves: true, readAt: "middle" as const },
    ]) {
      const m = new RecurrentClassifier({ ...cfg, rng: new Rng(1) });
      expect(m.parameterCount()).toBe(recurrentClassifierParameterCount(cfg));
    }
    const H = hiddenSizeForParameterCount({ cell: "lstm", inputSize: 2 }, 993);
    expect(recurrentClassifierParameterCount({ cell: "lstm", inputSize: 2, hiddenSize: H })).toBe(993);
    const uni = palindromeModel("lstm", 2, new Rng(1));
    const mid = palindromeModel("bilstm-middle", 2, new Rng(1));
    expect(Math.abs(uni.parameterCount() - mid.parameterCount()) / mid.parameterCount()).toBeLessThan(0.05);
  });
  test("tied directions: a palindrome gives identical states at the middle, and training keeps the tie", () => {
    const m = new RecurrentClassifier({ cell: "lstm", inputSize: 2, hiddenSize: 5, bidirectional: true, tieDirections: true, compareHalves: true, readAt: "middle", readoutHidden: 4, rng: new Rng(3) });
    const pal = palindromeBatch(40, { alphabet: "ab", minLength: 7, maxLength: 8 }, new Rng(4));
    trainClassifier(m, pal, pal, { epochs: 2, rng: new Rng(5) });
    const params = m.parameters();
    const byName = new Map(params.map((p) => [p.name, p]));
    for (const p of params) {
      const rev = byName.get(p.name + "_reverse");
      if (rev) expect(Array.from(rev.data)).toEqual(Array.from(p.data));
    }
    // the (h→ − h←)² features vanish exactly for palindromes
    const out = m.recurrent.forward(pal.batch).output;
    const { B } = pal.batch;
    pal.examples.forEach((e, b) => {
      const L = e.tokens.length;
      const tf = Math.ceil(L / 2) - 1;
      const tb = Math.floor(L / 2);
      let d = 0;
      for (let j = 0; j < 5; j++) d += Math.abs(out[(tf * B + b) * 10 + j] - out[(tb * B + b) * 10 + 5 + j]);
      if (e.label === 1) expect(d).toBeLessThan(1e-12);
      else expect(d).toBeGreaterThan(1e-6);
    });
    zeroGrad(params);
    expect(() => new RecurrentClassifier({ cell: "lstm", inputSize: 2, hiddenSize: 3, tieDirections: true })).toThrow(/tieDirections/);
    expect(() => new RecurrentClassifier({ cell: "lstm", inputSize: 2, hiddenSize: 3, bidirectional: true, compareHalves: true })).toThrow(/compareHalves/);
  });
  test("memory biases: GRU update gate and LSTM forget/input gates shifted, and the first input is remembered longer", () => {
    const make = (cell: "gru" | "lstm", extra: object) => new RecurrentClassifier({ cell, inputSize: 20, hiddenSize: 6, rng: new Rng(11), ...extra });
    const biasIh = (m: RecurrentClassifier) => Array.from(m.recurrent.parameters().find((p) => p.name === "rnn.bias_ih_l0")!.data);
    const H = 6;
    const gru0 = biasIh(make("gru", {}));
    const gru3 = biasIh(make("gru", { forgetBias: 3 }));
    gru3.forEach((v, j) => expect(v - gru0[j]).toBeCloseTo(j >= H && j < 2 * H ? 3 : 0, 12)); // [r | z | n]: only z
    const lstm0 = biasIh(make("lstm", {}));
    const lstm3 = biasIh(make("lstm", { forgetBias: 3, inputGateBias: -3 }));
    lstm3.forEach((v, j) => expect(v - lstm0[j]).toBeCloseTo(j < H ? -3 : j < 2 * H ? 3 : 0, 12)); // [i | f | g | o]
    // sensitivity of the last state to the first residue after 24 more residues
    const rng = new Rng(12);
    const tail = Array.from({ length: 24 }, () => rng.int(0, 20));
    const twoSeqs = labeledBatch([{ tokens: [8, ...tail], label: 0 }, { tokens: [2, ...tail], label: 1 }], 20); // K … vs D …
    const memory = (m: RecurrentClassifier) => {
      const { output } = m.recurrent.forward(twoSeqs.batch);
      const last = (twoSeqs.batch.T - 1) * 2 * H;
      let d = 0;
      for (let j = 0; j < H; j++) d += Math.abs(output[last + j] - output[last + H + j]);
      return d;
    };
    expect(memory(make("gru", { forgetBias: 3 }))).toBeGreaterThan(20 * memory(make("gru", {})));
    expect(memory(make("lstm", { forgetBias: 3, inputGateBias: -3 }))).toBeGreaterThan(10 * memory(make("lstm", { forgetBias: 1 })));
    expect(() => make("lstm", { forgetBias: NaN })).toThrow(/forgetBias/);
    expect(() => make("gru", { inputGateBias: -3 })).toThrow(/inputGateBias.*LSTM only/);
    expect(() => new RecurrentClassifier({ cell: "rnn", inputSize: 20, hiddenSize: 4, forgetBias: 1 })).toThrow(/forgetBias.*"rnn"/);
  });
  test("training learns an easy case (separation 2) above chance", () => {
    const tr = labeledBatch(generateProteins(400, { separation: 2, flank: 0 }, new Rng(6)), 20);
    const te = labeledBatch(generateProteins(200, { separation: 2, flank: 0 }, new Rng(7)), 20);
    const m = new RecurrentClassifier({ cell: "lstm", inputSize: 20, hiddenSize: 8, forgetBias: 1, rng: new Rng(8) });
    const res = trainClassifier(m, tr, te, { epochs: 15, stopAtAccuracy: 0.99, rng: new Rng(9) });
    expect(res.testAccuracy).toBeGreaterThan(0.8);
    expect(res.parameterCount).toBe(countParameters(m.parameters()));
  }, 60000);
});

describe("experiment helpers", () => {
  test("lagged-copy chain: rows are distributions that favour x_{t−k}", () => {
    const chain = laggedCopyChain({ alphabet: "abc", order: 2, noise: 0.3 });
    const seqs = sampleMarkovSequences(chain, 20, 50, new Rng(1));
    let same = 0;
    let n = 0;
    for (const s of seqs) for (let t = 2; t < s.length; t++, n++) same += s[t] === s[t - 2] ? 1 : 0;
    expect(Math.abs(same / n - (0.7 + 0.1))).toBeLessThan(0.05);
    expect(markovChainModel(chain).score(seqs).accuracy).toBeGreaterThan(0.7);
    expect(() => laggedCopyChain({ order: 0 })).toThrow(/order must be an integer >= 1/);
  });
  test("sweep CSV round trip and per-model means", () => {
    const recs = [
      { model: "lstm", dial: 5, seed: 0, testAccuracy: 0.9, trainAccuracy: 1, parameters: 100, seconds: 1.5 },
      { model: "lstm", dial: 5, seed: 1, testAccuracy: 0.7, trainAccuracy: 1, parameters: 100, seconds: 1.5 },
      { model: "rnn", dial: 9, seed: 0, testAccuracy: 0.5, trainAccuracy: 0.5, parameters: 50, seconds: 0.5 },
    ];
    const back = parseSweepCsv(sweepRecordsToCsv(recs));
    expect(back).toEqual(recs);
    const means = meanAccuracyByModel(back);
    expect(means[0]).toEqual({ model: "lstm", dials: [5], accuracy: [0.8] });
    expect(() => parseSweepCsv("model,dial,seed,test_accuracy,train_accuracy,parameters,seconds\nlstm,5,0,x,1,100,1\n", "f.csv")).toThrow(/f\.csv\): line 2/);
  });
});
