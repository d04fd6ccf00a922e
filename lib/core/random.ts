/**
 * One seeded random number generator for the whole library.
 *
 * Every function in rnnlab that needs randomness takes an optional `rng`; when
 * it is left out, the shared default generator is used. `seed(n)` resets the
 * default, so re-running a notebook from the top gives identical numbers.
 *
 * The generator is xoshiro128** (Blackman & Vigna), a 32-bit generator with a
 * period of 2^128 - 1; a double in [0, 1) is made from 53 random bits.
 */
import { inspect } from "util";
import { badArgument, requireFinite, requireInt } from "./errors";

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A seeded pseudo-random generator: uniform, normal, integer, shuffle, choice.
 *
 * @example
 * ```ts
 * import { Rng } from "rnnlab";
 * const rng = new Rng(42);            // the same seed gives the same numbers
 * const z = rng.normal();             // N(0, 1)
 * const u = rng.uniformArray(3, -1, 1);
 * const k = rng.int(0, 10);           // an integer in [0, 10)
 * ```
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | null = null;

  constructor(seedValue = 0) {
    this.reseed(seedValue);
  }

  /** Resets the generator to the stream of `seedValue` (an integer). */
  reseed(seedValue: number): this {
    if (!Number.isInteger(seedValue)) badArgument("Rng.reseed", "seed", "an integer", seedValue);
    const mix = splitmix32(seedValue ^ Math.floor(seedValue / 2 ** 32));
    this.s0 = mix();
    this.s1 = mix();
    this.s2 = mix();
    this.s3 = mix();
    this.spareNormal = null;
    return this;
  }

  /**
   * The generator's full state (four 32-bit words and a pending normal sample),
   * to save and later continue the exact same stream with `setState`.
   */
  getState(): { words: [number, number, number, number]; spareNormal: number | null } {
    return { words: [this.s0, this.s1, this.s2, this.s3], spareNormal: this.spareNormal };
  }

  /** Restores a state from `getState` (or sets the raw xoshiro128** words; not all zero). */
  setState(state: { words: readonly number[]; spareNormal?: number | null }): this {
    const w = state.words;
    if (!Array.isArray(w) || w.length !== 4 || !w.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)) {
      badArgument("Rng.setState", "words", "four integers in [0, 2^32)", w);
    }
    if (w.every((x) => x === 0)) badArgument("Rng.setState", "words", "not all zero (a stuck state)", w);
    [this.s0, this.s1, this.s2, this.s3] = [w[0] >>> 0, w[1] >>> 0, w[2] >>> 0, w[3] >>> 0];
    this.spareNormal = state.spareNormal ?? null;
    return this;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(((Math.imul(this.s1, 5) << 7) | (Math.imul(this.s1, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = ((this.s3 << 11) | (this.s3 >>> 21)) >>> 0;
    return result;
  }

  /** A double uniform in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A double uniform in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.random();
  }

  /** A normal sample N(mean, std^2) (Marsaglia's polar method). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mean + std * u * f;
  }

  /** An integer uniform in [low, high) (high exclusive, like Python's randrange). */
  int(low: number, high: number): number {
    requireInt("Rng.int", "low", low, -Number.MAX_SAFE_INTEGER);
    requireInt("Rng.int", "high", high, low + 1);
    return low + Math.floor(this.random() * (high - low));
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    requireFinite("Rng.bernoulli", "p", p, 0, 1);
    return this.random() < p;
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** One element of `items`, uniformly or with the given (unnormalised) weights. */
  choice<T>(items: readonly T[], weights?: ArrayLike<number>): T {
    if (items.length === 0) badArgument("Rng.choice", "items", "a non-empty array", items);
    if (!weights) return items[Math.floor(this.random() * items.length)];
    if (weights.length !== items.length) {
      badArgument("Rng.choice", "weights", `an array of length ${items.length} (one per item)`, weights);
    }
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || !Number.isFinite(weights[i])) {
        badArgument("Rng.choice", `weights[${i}]`, "a finite number >= 0", weights[i]);
      }
      total += weights[i];
    }
    if (total <= 0) badArgument("Rng.choice", "weights", "weights with a positive sum", total);
    let r = this.random() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** A random permutation of 0, 1, ..., n-1 (e.g. to shuffle a data set's indices). */
  permutation(n: number): number[] {
    requireInt("Rng.permutation", "n", n, 0);
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** k distinct elements of `items`, in random order (sampling without replacement). */
  sample<T>(items: readonly T[], k: number): T[] {
    requireInt("Rng.sample", "k", k, 0);
    if (k > items.length) badArgument("Rng.sample", "k", `an integer <= ${items.length} (the number of items)`, k);
    const pool = [...items];
    // partial Fisher-Yates: the first k positions end up a uniform random sample
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.random() * (pool.length - i));
      const tmp = pool[i];
      pool[i] = pool[j];
      pool[j] = tmp;
    }
    return pool.slice(0, k);
  }

  /** A Float64Array of n normal samples N(mean, std^2). */
  normalArray(n: number, mean = 0, std = 1): Float64Array {
    const out = new Float64Array(requireInt("Rng.normalArray", "n", n, 0));
    for (let i = 0; i < n; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /** A Float64Array of n uniform samples in [low, high). */
  uniformArray(n: number, low = 0, high = 1): Float64Array {
    const out = new Float64Array(requireInt("Rng.uniformArray", "n", n, 0));
    for (let i = 0; i < n; i++) out[i] = this.uniform(low, high);
    return out;
  }

  /** How Node prints a generator (e.g. `seed(0)` as a cell's last value): one short line. */
  [inspect.custom](): string {
    const hex = [this.s0, this.s1, this.s2, this.s3].map((w) => w.toString(16).padStart(8, "0")).join("");
    return `Rng(xoshiro128**, state ${hex.slice(0, 12)}…)`;
  }

  /** A new generator seeded from this one: an independent stream for a sub-task. */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

/** The shared default generator; `seed(n)` resets it. */
export const defaultRng = new Rng(0);

/** Resets the shared default generator: call it at the top of a notebook. */
export function seed(seedValue: number): Rng {
  return defaultRng.reseed(seedValue);
}

/**
 * The generator to use: the one given, or the shared default. Anything else than an Rng or
 * undefined is an error naming rng (and `where`, the caller).
 */
export function rngOrDefault(rng?: Rng, where = "rngOrDefault"): Rng {
  if (rng === undefined) return defaultRng;
  if (!(rng instanceof Rng)) badArgument(where, "rng", "an Rng (e.g. new Rng(0)) or undefined (the shared default)", rng);
  return rng;
}
