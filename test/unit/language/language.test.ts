/**
 * Character language models: n-gram counts and smoothing against hand computations, the
 * bits per character of a recurrent model against its own unroll loss, temperature, and
 * the Moby-Dick split.
 */
import { Rng } from "../../../lib/core/random";
import { NextStepModel } from "../../../lib/generation/nextStepModel";
import { generateSequence } from "../../../lib/generation/evaluation";
import { MOBY_DICK_TEST_CHAPTERS, fitCharNGram, loadMobyDickRun, mobyDickSplit, mobyDickVocabulary, nextStepBitsPerChar, overlappingWindows } from "../../../lib/language";

describe("fitCharNGram", () => {
  // tokens over V = 3: "0 1 0 1 0 2"
  const tokens = [0, 1, 0, 1, 0, 2];

  test("add-α: (n(c, a) + α) / (n(c) + αV), order 0 and 1", () => {
    const m0 = fitCharNGram(tokens, { order: 0, vocabularySize: 3, alpha: 1 });
    expect(Array.from(m0.probabilities(tokens, 0))).toEqual([4 / 9, 3 / 9, 2 / 9]);
    const m1 = fitCharNGram(tokens, { order: 1, vocabularySize: 3, alpha: 0.5 });
    // after 0: 1, 1, 2 (n = 3); after 1: 0, 0 (n = 2); after 2: never seen
    const after0 = m1.probabilities([0], 1);
    expect(after0[0]).toBeCloseTo(0.5 / 4.5, 15);
    expect(after0[1]).toBeCloseTo(2.5 / 4.5, 15);
    expect(after0[2]).toBeCloseTo(1.5 / 4.5, 15);
    expect(Array.from(m1.probabilities([2], 1))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(m1.contexts).toBe(2);
    const s = m1.score([0, 1, 0, 2]);
    const bits = -(Math.log2(2.5 / 4.5) + Math.log2(2.5 / 3.5) + Math.log2(1.5 / 4.5)) / 3;
    expect(s.bitsPerChar).toBeCloseTo(bits, 12);
    expect(s.perplexity).toBeCloseTo(2 ** bits, 12);
    expect(s.count).toBe(3);
  });

  test("interpolated: p_k = (n(c, a) + β p_{k−1}) / (n(c) + β), sums to one, backs off on unseen contexts", () => {
    const m = fitCharNGram(tokens, { order: 1, vocabularySize: 3, smoothing: "interpolated", alpha: 2 });
    // order 0 counts over t ≥ 1: 1, 0, 1, 0, 2 → n = (2, 2, 1), n = 5
    const p0 = [(2 + 2 / 3) / 7, (2 + 2 / 3) / 7, (1 + 2 / 3) / 7];
    const after0 = m.probabilities([0], 1);
    expect(after0[1]).toBeCloseTo((2 + 2 * p0[1]) / 5, 15);
    expect(after0.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    const after2 = m.probabilities([2], 1);
    p0.forEach((v, a) => expect(after2[a]).toBeCloseTo(v, 15));
    expect(m.score([0, 1, 2, 0]).bitsPerChar).toBeCloseTo(-(Math.log2(m.probabilities([0], 1)[1]) + Math.log2(m.probabilities([1], 1)[2]) + Math.log2(m.probabilities([2], 1)[0])) / 3, 12);
  });

  test("bad arguments name what is wrong", () => {
    expect(() => fitCharNGram(tokens, { order: 1, vocabularySize: 3, smothing: "x" } as never)).toThrow(/smothing/);
    expect(() => fitCharNGram([0, 5], { order: 0, vocabularySize: 3 })).toThrow(/tokens\[1\] must be a token in 0\.\.2, got 5/);
    expect(() => fitCharNGram(tokens, { order: -1, vocabularySize: 3 })).toThrow(/config\.order/);
    expect(() => fitCharNGram(tokens, { order: 1, vocabularySize: 3, smoothing: "interpolated", alpha: 0 })).toThrow(/config\.alpha/);
    const m = fitCharNGram(tokens, { order: 1, vocabularySize: 3, alpha: 0 });
    expect(() => m.score([1, 2])).toThrow(/probability 0/);
    expect(() => m.score([0], 0)).toThrow(/from/);
  });
});

describe("nextStepBitsPerChar", () => {
  const rng = new Rng(4);
  const model = new NextStepModel({ kind: "categorical", size: 5, hiddenSize: 6, rng });
  const tokens = Array.from({ length: 61 }, () => rng.int(0, 5));

  test("overlapping windows predict every position t ≥ 1 once", () => {
    const w = overlappingWindows(tokens, 11);
    expect(w).toHaveLength(6);
    expect(w[1][0]).toBe(tokens[10]);
    expect(w[5][10]).toBe(tokens[60]);
    expect(() => overlappingWindows([1, 2], 3)).toThrow(/at least length = 3/);
  });

  test("at T = 1 it is the unroll's teacher-forced loss in bits; T changes likelihood and entropy", () => {
    const w = overlappingWindows(tokens, 11);
    const loss = model.unroll(w, { feedTruth: () => true }).loss;
    const s = nextStepBitsPerChar(model, tokens, { window: 11, batchSize: 4 });
    expect(s.count).toBe(60);
    expect(s.bitsPerChar).toBeCloseTo(loss / Math.LN2, 12);
    expect(s.perplexity).toBeCloseTo(2 ** s.bitsPerChar, 12);
    const hot = nextStepBitsPerChar(model, tokens, { window: 11, temperature: 100 });
    expect(hot.entropyBits).toBeGreaterThan(s.entropyBits);
    expect(hot.entropyBits).toBeCloseTo(Math.log2(5), 2); // T → ∞: uniform
    expect(hot.bitsPerChar).toBeCloseTo(Math.log2(5), 2);
    const cold = nextStepBitsPerChar(model, tokens, { window: 11, temperature: 0.05 });
    expect(cold.entropyBits).toBeLessThan(s.entropyBits);
    expect(() => nextStepBitsPerChar(model, tokens, { temperature: 0 })).toThrow(/options\.temperature/);
    expect(() => nextStepBitsPerChar(model, tokens, { windw: 3 } as never)).toThrow(/windw/);
  });

  test("sampling temperature: a cold sampler follows the argmax, stateDict round-trips", () => {
    const prompt = tokens.slice(0, 5);
    const greedy = generateSequence(model, prompt, 20);
    expect(generateSequence(model, prompt, 20, { sampling: "sample", temperature: 1e-9, rng: new Rng(1) })).toEqual(greedy);
    expect(() => generateSequence(model, prompt, 3, { sampling: "sample", temperature: -1 })).toThrow(/options\.temperature/);
    const copy = new NextStepModel({ kind: "categorical", size: 5, hiddenSize: 6, rng: new Rng(99) });
    copy.loadStateDict(model.stateDict());
    expect(generateSequence(copy, prompt, 20)).toEqual(greedy);
    expect(() => copy.loadStateDict({ "head.weight": [[1]] })).toThrow(/missing parameters|must have shape/);
  });
});

describe("mobyDickSplit", () => {
  test("every tenth chapter held out; one 54-character vocabulary", () => {
    const s = mobyDickSplit({ trainChapters: 2, testChapters: 1 });
    expect(MOBY_DICK_TEST_CHAPTERS).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130]);
    expect(s.trainChapterNumbers).toEqual([1, 2]);
    expect(s.testChapterNumbers).toEqual([10]);
    expect(s.vocab.chars).toHaveLength(54);
    expect(s.vocab.chars.slice(0, 2)).toEqual(["\n", " "]);
    const text = s.train.map((t) => s.vocab.chars[t]).join("");
    expect(text.startsWith("call me ishmael.")).toBe(true);
    expect(() => mobyDickSplit({ trainChapters: 123 })).toThrow(/options\.trainChapters must be at most 122/);
  });
});

describe("loadMobyDickRun (the committed results of npm run train:moby)", () => {
  test("both runs load, use the book's vocabulary, and their weights are trained (over a bit below uniform on held-out text)", () => {
    const vocab = mobyDickVocabulary().chars.join("");
    const split = mobyDickSplit({ trainChapters: 1 });
    for (const regime of ["teacher-forcing", "scheduled-sampling"] as const) {
      const run = loadMobyDickRun(regime);
      expect(run.vocabulary).toBe(vocab);
      expect(run.curve.length).toBeGreaterThan(0);
      const last = run.curve[run.curve.length - 1];
      expect(last.step).toBe(run.stepsDone);
      expect(last.heldOutBitsPerChar).toBeLessThan(Math.log2(54) - 1);
      // the loaded weights (rounded to 5 significant digits) predict held-out text: 1500 characters of chapter 10
      const s = nextStepBitsPerChar(run.model, split.test.slice(0, 1500), { window: 100 });
      expect(s.bitsPerChar).toBeLessThan(Math.log2(54) - 1);
    }
    expect(() => loadMobyDickRun("free-running" as never)).toThrow(/regime must be one of/);
    expect(() => loadMobyDickRun("teacher-forcing", { file: "/nonexistent.json" })).toThrow(/not found; run `npm run train:moby`/);
  });
});
