/**
 * Strict option objects and allocation guards: the one shared helper for option checking.
 *
 * `checkOptions` rejects unknown keys (naming the nearest valid key) and PyTorch spellings
 * that rnnlab does not support (saying what to do instead). `requireAllocation` checks the
 * memory a call would allocate against `MAX_ALLOCATION_BYTES` before any work is done.
 */
import { RnnlabError, badArgument, describeValue } from "./errors";

/** Largest single allocation rnnlab will attempt, in bytes (1 GiB). */
export const MAX_ALLOCATION_BYTES = 1024 * 1024 * 1024;

/** PyTorch (and other) spellings that rnnlab does not support, with what to do instead. */
const COMMON_UNSUPPORTED_OPTIONS: Readonly<Record<string, string>> = {
  dropout: "rnnlab layers have no dropout; regularise with weight decay or noise on the inputs instead",
  batch_first: "rnnlab sequences are arrays of time steps, each a [batch, features] tensor; reorder your data instead",
  batchFirst: "rnnlab sequences are arrays of time steps, each a [batch, features] tensor; reorder your data instead",
  proj_size: "rnnlab LSTMs have no projection; add a Linear layer after the LSTM instead",
  projSize: "rnnlab LSTMs have no projection; add a Linear layer after the LSTM instead",
  bidirectional: "not supported here; only the RNN, LSTM and GRU layers take bidirectional",
  device: "rnnlab runs on the CPU; choose kernels with setKernels instead",
  dtype: "rnnlab computes in float64 throughout",
};

/** Settings for `checkOptions`. */
export interface CheckOptionsConfig {
  /** Keys that are recognised but not supported, with what to do instead (added to the common ones). */
  unsupported?: Readonly<Record<string, string>>;
  /** Name of the options argument in messages (default "options"). */
  name?: string;
}

/** Levenshtein distance between two strings (small strings only: option names). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/** Lower-cases and drops `_` and `-` so that camelCase, snake_case and kebab-case compare equal. */
function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, "");
}

/** Well-known aliases: a spelling users type from memory -> the rnnlab key it means. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  learningrate: ["lr"],
  lr: ["learningRate"],
  maxnorm: ["maxNorm"],
  hiddensize: ["hidden", "hiddenSize"],
  inputsize: ["inputSize", "input"],
  numlayers: ["layers", "numLayers"],
  weightdecay: ["weightDecay", "decay"],
  xlabel: ["xTitle", "xLabel", "xtitle"],
  ylabel: ["yTitle", "yLabel", "ytitle"],
  xtitle: ["xLabel", "xTitle"],
  ytitle: ["yLabel", "yTitle"],
};

/** The valid key closest to `key`, or undefined when none is close. */
export function nearestKey(key: string, allowed: readonly string[]): string | undefined {
  const norm = normaliseKey(key);
  const exact = allowed.find((k) => normaliseKey(k) === norm);
  if (exact !== undefined) return exact;
  for (const alias of ALIASES[norm] ?? []) {
    const hit = allowed.find((k) => normaliseKey(k) === normaliseKey(alias));
    if (hit !== undefined) return hit;
  }
  let best: string | undefined;
  let bestDist = Infinity;
  for (const k of allowed) {
    const d = editDistance(norm, normaliseKey(k));
    if (d < bestDist) {
      bestDist = d;
      best = k;
    }
  }
  const limit = norm.length <= 3 ? 1 : Math.max(2, Math.floor(norm.length / 3));
  if (best !== undefined && bestDist <= limit) return best;
  // A key that contains (or is contained in) a valid key, e.g. "rate" in "learningRate".
  const sub = allowed.find((k) => {
    const nk = normaliseKey(k);
    return nk.length >= 2 && norm.length >= 2 && (nk.includes(norm) || norm.includes(nk));
  });
  return sub;
}

/**
 * Checks an options object: it must be a plain object (or undefined, which gives `{}`) whose
 * keys are all in `allowed`. An unknown key throws an RnnlabError naming it and the nearest
 * valid key; a key listed as unsupported throws with what to do instead. Keys whose value is
 * `undefined` set nothing and are skipped. Returns the options (typed) for chaining.
 */
export function checkOptions<T extends object>(
  where: string,
  options: T | undefined,
  allowed: readonly string[],
  config: CheckOptionsConfig = {},
): T {
  for (const key of Object.keys(config ?? {})) {
    if (key !== "name" && key !== "unsupported") throw new RnnlabError(`checkOptions: unknown config key ${JSON.stringify(key)}; valid keys: "name", "unsupported"`);
  }
  const name = config.name ?? "options";
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== "object" || Array.isArray(options) || ArrayBuffer.isView(options)) {
    badArgument(where, name, "an object", options);
  }
  const unsupported = { ...COMMON_UNSUPPORTED_OPTIONS, ...(config.unsupported ?? {}) };
  for (const key of Object.keys(options)) {
    // a key set to undefined sets nothing (internal code forwards optional fields this way)
    if (allowed.includes(key) || (options as Record<string, unknown>)[key] === undefined) continue;
    if (Object.prototype.hasOwnProperty.call(unsupported, key)) {
      throw new RnnlabError(`${where}: ${name}.${key} is not supported by rnnlab: ${unsupported[key]}`);
    }
    const near = nearestKey(key, allowed);
    const hint = near !== undefined ? ` (did you mean ${JSON.stringify(near)}?)` : "";
    const list = allowed.length > 0 ? `; valid keys: ${allowed.map((k) => JSON.stringify(k)).join(", ")}` : "; it takes no options";
    throw new RnnlabError(`${where}: unknown ${name} key ${JSON.stringify(key)}${hint}${list}`);
  }
  return options;
}

/**
 * Like `checkOptions`, for an options object that is required (it has required keys): undefined,
 * null or a non-object (a number, an array) is an error naming it (`config.name`, default
 * "options") and what was expected (`config.expected`, default "an object with keys among ...").
 */
export function requireOptions<T extends object>(where: string, options: T | undefined, allowed: readonly string[], config: CheckOptionsConfig & { expected?: string } = {}): T {
  const { expected = `an object with keys among ${allowed.join(", ")}`, ...checkConfig } = config;
  if (options === null || typeof options !== "object" || Array.isArray(options) || ArrayBuffer.isView(options)) badArgument(where, config.name ?? "options", expected, options);
  return checkOptions(where, options, allowed, checkConfig);
}

/** Formats a byte count for messages: "6.8 GB". */
function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes) + " bytes";
  const units = ["bytes", "kB", "MB", "GB", "TB", "PB"];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${Math.round(v)} bytes` : `${v.toPrecision(3)} ${units[u]}`;
}

/**
 * Checks, before allocating, that `elements` float64 values (8 bytes each) fit under
 * MAX_ALLOCATION_BYTES. The error names `name` (the argument that sets the size) and the bytes
 * the call would need. Returns `elements`.
 */
export function requireAllocation(where: string, name: string, elements: number): number {
  if (typeof elements !== "number" || Number.isNaN(elements) || elements < 0) {
    badArgument(where, name, "a size giving a non-negative element count", elements);
  }
  const bytes = elements * 8;
  if (!Number.isFinite(bytes) || bytes > MAX_ALLOCATION_BYTES) {
    throw new RnnlabError(
      `${where}: ${name} is too large: the call would allocate ${formatBytes(bytes)} (${describeValue(elements)} values), ` +
        `more than the limit of ${formatBytes(MAX_ALLOCATION_BYTES)}; use a smaller ${name}`,
    );
  }
  return elements;
}

/** Checks that an integer is in [min, max] (both inclusive). */
export function requireIntInRange(where: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    badArgument(where, name, `an integer in [${min}, ${max}]`, value);
  }
  return value;
}

/** Largest size (number of units, steps, ...) a single dimension may have. */
export const MAX_DIMENSION = 1 << 24;

/** Checks that a size is an integer in [min, MAX_DIMENSION]. */
export function requireSize(where: string, name: string, value: unknown, min = 1): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) badArgument(where, name, `an integer >= ${min}`, value);
  if (value > MAX_DIMENSION) badArgument(where, name, `an integer <= ${MAX_DIMENSION} (a larger size cannot be allocated)`, value);
  return value;
}

/**
 * Checks that every entry of `values` is finite; otherwise throws naming the first non-finite
 * value's index and the likely cause (`cause`, e.g. "the step dt is too large").
 */
export function requireFiniteResult(where: string, what: string, values: ArrayLike<number>, cause: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) {
      throw new RnnlabError(
        `${where}: ${what} became non-finite (${describeValue(v)}) at index ${i}; likely cause: ${cause}`,
      );
    }
  }
}

/** Checks that two lengths agree, naming both arguments. */
export function requireSameLength(where: string, nameA: string, lengthA: number, nameB: string, lengthB: number): void {
  if (lengthA !== lengthB) {
    throw new RnnlabError(`${where}: ${nameA} has length ${lengthA} but ${nameB} has length ${lengthB}; they must match`);
  }
}
