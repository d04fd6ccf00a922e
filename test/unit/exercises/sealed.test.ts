/**
 * Sealed checks (the released course's check()): for every question, the sealed check
 * accepts the expected answers, rejects wrong ones with specific messages, and its JSON
 * holds no expected value in clear. Also the fixes of 06.siteAlone and 10.growthRate, and
 * the audit: no question passes a constant guess.
 */
import { FunctionCase, RecordedCheck, listQuestions, recordChecks, runCheck } from "../../../lib/exercises";
import { SealedQuestion, decodeArgument, encodeArgument, runSealedCheck, sealQuestion } from "../../../lib/exercises/sealed";

const questions = listQuestions();

function recordingOf(id: string): RecordedCheck {
  const q = questions.find((x) => x.id === id)!;
  const rec = recordChecks(() => q.test(() => undefined));
  expect(rec).toHaveLength(1);
  return rec[0];
}

/** An answer that gives exactly the recorded expected values (a function looks its arguments up). */
function perfectAnswer(r: RecordedCheck): unknown {
  if (r.kind !== "function") return r.expected;
  const table = new Map(r.cases.map((c: FunctionCase) => [JSON.stringify(encodeArgument(c.args)), c.expected]));
  return (...args: unknown[]) => table.get(JSON.stringify(encodeArgument(args)));
}

/** Every number in a sealed question's JSON, except the function arguments (which are public). */
function numbersIn(q: SealedQuestion): number[] {
  const out: number[] = [];
  const walk = (v: unknown, key = ""): void => {
    if (key === "args") return;
    if (typeof v === "number") out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(q.check);
  return out;
}

function expectedNumbers(r: RecordedCheck): number[] {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "number") out.push(v);
    else if (ArrayBuffer.isView(v)) out.push(...Array.from(v as unknown as ArrayLike<number>));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  if (r.kind === "function") r.cases.forEach((c) => walk(c.expected));
  else walk(r.expected);
  return out;
}

describe("every question seals", () => {
  test.each(questions.map((q) => q.id))("%s: the sealed check passes the expected answer and keeps no expected value in clear", (id) => {
    const q = questions.find((x) => x.id === id)!;
    const r = recordingOf(id);
    // Through JSON, as the release writes it.
    const sealed = JSON.parse(JSON.stringify(sealQuestion(q, "test-salt"))) as SealedQuestion;
    const answer = perfectAnswer(r);
    expect(runCheck(id, answer)).toMatchObject({ pass: true });
    expect(runSealedCheck(sealed, answer)).toMatchObject({ pass: true });
    // The sealed JSON has only tolerances and shapes as numbers, never an expected value
    // (unless that value is also a tolerance or a shape, like 0 or 1).
    const clear = new Set(numbersIn(sealed));
    const leaked = expectedNumbers(r).filter((x) => clear.has(x) && !Number.isInteger(x) && x !== sealed.check.tol.rtol && x !== sealed.check.tol.atol);
    expect(leaked).toEqual([]);
    const text = JSON.stringify(sealed.check, (k, v) => (k === "args" || k === "label" ? undefined : v)); // arguments (and labels naming them) are public
    for (const x of expectedNumbers(r)) if (!Number.isInteger(x) && Math.abs(x) > 1e-6) expect(text).not.toContain(String(x).slice(0, 8));
  });
});

describe("sealed feedback", () => {
  const seal = (id: string): SealedQuestion => sealQuestion(questions.find((x) => x.id === id)!, "s");

  test("a wrong number: how far, never the value", () => {
    const q = seal("03.decay50");
    const near = runSealedCheck(q, 0.9 ** 49 * 1.3);
    expect(near.pass).toBe(false);
    expect(near.message).toMatch(/right sign and size/);
    expect(near.message).not.toContain(String(0.9 ** 49).slice(0, 6));
    expect(runSealedCheck(q, 42).message).toMatch(/far from the expected value/);
    expect(runSealedCheck(q, -(0.9 ** 49)).message).toMatch(/wrong sign/);
    expect(runSealedCheck(q, 0.9 ** 50).message).toMatch(/49 transitions/);
    expect(runSealedCheck(q, NaN).message).toMatch(/NaN/);
    expect(runSealedCheck(q, "0.005").message).toMatch(/should be a number/);
    // within the tolerance (rtol 1e-12): passes
    expect(runSealedCheck(q, 0.9 ** 49 * (1 + 5e-13)).pass).toBe(true);
    expect(runSealedCheck(q, 0.9 ** 49 * (1 + 1e-10)).pass).toBe(false);
  });

  test("a function: unfinished, wrong entries, shape, shift, purity", () => {
    const sig = seal("00.sigmoid");
    expect(runSealedCheck(sig, () => {
      throw new Error("TODO: write your solution here");
    }).message).toMatch(/not written yet/);
    expect(runSealedCheck(sig, (x: number) => 1 / (1 + Math.exp(x))).pass).toBe(false);
    expect(runSealedCheck(sig, (x: number) => 1 / (1 + Math.exp(-x))).pass).toBe(true);
    expect(runSealedCheck(sig, 3).message).toMatch(/should be a function/);
    const clip = seal("03.clipByGlobalNorm");
    const inPlace = (grads: number[][], maxNorm: number): number[][] => {
      const n = Math.sqrt(grads.flat().reduce((s, v) => s + v * v, 0));
      const s = maxNorm / (n + 1e-6);
      if (s < 1) for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= s;
      return grads;
    };
    expect(runSealedCheck(clip, inPlace).message).toMatch(/changed its input arrays/);
    expect(runSealedCheck(clip, (g: number[][], m: number) => inPlace(g.map((x) => x.slice()), m)).pass).toBe(true);
    const leaky = seal("08.leakyStep");
    expect(runSealedCheck(leaky, (w: number[][], h: number[]) => h.slice(0, 1)).message).toMatch(/has shape \[1\], expected \[2\]/);
  });

  test("arguments survive JSON: typed arrays, NaN, objects", () => {
    const v = { a: Float64Array.from([1, NaN]), b: [Infinity, { c: Float32Array.from([2]) }], d: null };
    const back = decodeArgument(JSON.parse(JSON.stringify(encodeArgument(v)))) as typeof v;
    expect(back.a).toBeInstanceOf(Float64Array);
    expect(Number.isNaN(back.a[1])).toBe(true);
    expect(back.b[0]).toBe(Infinity);
    expect((back.b[1] as { c: Float32Array }).c).toBeInstanceOf(Float32Array);
  });
});

describe("the fixed checks", () => {
  const sealed = (id: string): SealedQuestion => sealQuestion(questions.find((x) => x.id === id)!, "s");

  test("06.siteAlone: a typed-in 0.5 and the second site fail, with what they are", () => {
    const r = recordingOf("06.siteAlone");
    const right = (r as { expected: number }).expected;
    for (const check of [(a: unknown) => runCheck("06.siteAlone", a), (a: unknown) => runSealedCheck(sealed("06.siteAlone"), a)]) {
      expect(check(right).pass).toBe(true);
      expect(check(0.5)).toMatchObject({ pass: false, message: expect.stringMatching(/theory/) });
      expect(check(0.5033816425120773)).toMatchObject({ pass: false, message: expect.stringMatching(/second site/) });
      expect(check(right + 0.01).pass).toBe(false);
    }
  });

  test("10.growthRate: a forgotten −1 is named as such, not as a sign error", () => {
    const forgot = (re: ArrayLike<number>): number => Math.max(...Array.from(re));
    const smallest = (re: ArrayLike<number>): number => Math.min(...Array.from(re)) - 1;
    const right = (re: ArrayLike<number>): number => Math.max(...Array.from(re)) - 1;
    for (const check of [(a: unknown) => runCheck("10.growthRate", a), (a: unknown) => runSealedCheck(sealed("10.growthRate"), a)]) {
      expect(check(right).pass).toBe(true);
      const m = check(forgot);
      expect(m.pass).toBe(false);
      expect(m.message).toMatch(/forget the −1/);
      expect(m.message).not.toMatch(/wrong sign/);
      expect(check(smallest).message).toMatch(/smallest/);
    }
  });
});

/**
 * The audit: constant guesses (a constant number, a constant function, a function returning
 * its first argument) must pass no question. The list of guesses is broad on purpose.
 */
describe("audit: no question passes a guessed constant", () => {
  const constants = [0, 1, -1, 0.5, 2, 0.25, 0.1, 0.9, 10, 100, true, false];
  const guesses: [string, unknown][] = [
    ...constants.map((c) => [`the value ${c}`, c] as [string, unknown]),
    ...constants.map((c) => [`a function returning ${c}`, () => c] as [string, unknown]),
    ["a function returning its first argument", (x: unknown) => x],
    ["a function returning [0, 0]", () => [0, 0]],
    ["a function returning [1, 1]", () => [1, 1]],
  ];
  test.each(questions.map((q) => q.id))("%s", (id) => {
    const passing = guesses.filter(([, g]) => runCheck(id, g).pass).map(([what]) => what);
    expect(passing).toEqual([]);
  });
});
