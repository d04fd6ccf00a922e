import { Rng, seed, defaultRng } from "../../../lib/core/random";

describe("Rng", () => {
  test("the same seed gives the same stream", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let i = 0; i < 100; i++) expect(a.random()).toBe(b.random());
    expect(new Rng(1).random()).not.toBe(new Rng(2).random());
  });

  test("seed() resets the shared default generator", () => {
    seed(7);
    const first = [defaultRng.normal(), defaultRng.int(0, 100), defaultRng.uniform()];
    seed(7);
    expect([defaultRng.normal(), defaultRng.int(0, 100), defaultRng.uniform()]).toEqual(first);
  });

  test("uniform and normal have the right moments", () => {
    const r = new Rng(3);
    const n = 200000;
    let su = 0, sn = 0, sn2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.random();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      su += u;
      const z = r.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 2);
    expect(sn2 / n).toBeCloseTo(1, 1);
  });

  test("int covers [low, high) uniformly; shuffle permutes; choice honours weights", () => {
    const r = new Rng(5);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40000; i++) counts[r.int(0, 4)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
    const xs = r.shuffle([1, 2, 3, 4, 5, 6]);
    expect([...xs].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    let heads = 0;
    for (let i = 0; i < 10000; i++) if (r.choice(["a", "b"], [3, 1]) === "a") heads++;
    expect(Math.abs(heads - 7500)).toBeLessThan(300);
  });

  test("bad arguments name themselves", () => {
    const r = new Rng(0);
    expect(() => r.int(3, 3)).toThrow(/Rng.int: high must be an integer >= 4, got 3/);
    expect(() => r.choice([])).toThrow(/items must be a non-empty array/);
    expect(() => r.choice([1, 2], [1, NaN])).toThrow(/weights\[1\] must be a finite number >= 0, got NaN/);
    expect(() => r.bernoulli(1.5)).toThrow(/p must be a number in \[0, 1\], got 1.5/);
    expect(() => new Rng(0.5)).toThrow(/seed must be an integer/);
  });
});

describe("Rng: exact stream, state, permutations", () => {
  test("xoshiro128** matches the reference recurrence from state [1, 2, 3, 4]", () => {
    // outputs of Blackman & Vigna's reference C code (xoshiro128starstar.c) compiled with gcc, s = {1, 2, 3, 4}
    const r = new Rng().setState({ words: [1, 2, 3, 4] });
    expect(Array.from({ length: 6 }, () => r.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  test("getState/setState continue the same stream, including a pending normal", () => {
    const a = new Rng(11);
    a.normal(); // leaves a spare normal sample pending
    const saved = a.getState();
    const next = [a.normal(), a.random(), a.int(0, 1000)];
    const b = new Rng(0).setState(saved);
    expect([b.normal(), b.random(), b.int(0, 1000)]).toEqual(next);
    expect(() => new Rng().setState({ words: [0, 0, 0, 0] })).toThrow(/not all zero/);
    expect(() => new Rng().setState({ words: [1, 2, 3] })).toThrow(/Rng.setState: words must be four integers/);
  });

  test("permutation and sample", () => {
    const r = new Rng(9);
    const p = r.permutation(10);
    expect([...p].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Rng(9).permutation(10)).toEqual(p);
    const s = r.sample(["a", "b", "c", "d", "e"], 3);
    expect(new Set(s).size).toBe(3);
    expect(() => r.sample([1, 2], 3)).toThrow(/Rng.sample: k must be an integer <= 2/);
    // every element equally likely to be picked
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20000; i++) for (const x of r.sample([0, 1, 2, 3], 2)) counts[x]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400);
  });

  test("prints as one short line", () => {
    const { inspect } = require("util") as typeof import("util");
    expect(inspect(new Rng(1))).toMatch(/^Rng\(xoshiro128\*\*, state [0-9a-f]{12}…\)$/);
  });

  test("fork gives an independent, reproducible stream", () => {
    const a = new Rng(3).fork();
    const b = new Rng(3).fork();
    expect(a.random()).toBe(b.random());
    const parent = new Rng(3);
    const child = parent.fork();
    expect(child.random()).not.toBe(parent.random());
  });
});
