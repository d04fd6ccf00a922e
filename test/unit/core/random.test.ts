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
