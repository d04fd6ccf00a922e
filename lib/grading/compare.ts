/**
 * Compares what a submission handed out with the expected values, in the
 * grading process. The kernel's encoding: non-finite numbers as {$num: "NaN"},
 * undefined as {$undefined: true}, typed arrays as arrays.
 */

export interface CaseVerdict {
  pass: boolean;
  message: string;
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.$num === "string") return Number(o.$num);
    if (o.$undefined === true) return undefined;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = decode(o[k]);
    return out;
  }
  return v;
}

function normaliseExpected(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(normaliseExpected);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = normaliseExpected((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

function fmt(x: unknown): string {
  if (typeof x === "number") return Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (x === undefined) return "undefined";
  if (x === null) return "null";
  return typeof x === "object" ? "an object" : JSON.stringify(x);
}

/** Deep comparison with numeric tolerances; the message names the first difference. */
export function compareValues(got: unknown, expected: unknown, rtol = 1e-6, atol = 1e-8, where = "result"): CaseVerdict {
  if (typeof expected === "number") {
    if (typeof got !== "number") return { pass: false, message: `${where} should be a number, got ${fmt(got)}` };
    if (Number.isNaN(expected)) return Number.isNaN(got) ? { pass: true, message: "ok" } : { pass: false, message: `${where} should be NaN` };
    if (Number.isNaN(got)) return { pass: false, message: `${where} is NaN, expected ${fmt(expected)}` };
    if (!Number.isFinite(expected) || !Number.isFinite(got)) {
      return got === expected ? { pass: true, message: "ok" } : { pass: false, message: `${where} is ${fmt(got)}, expected ${fmt(expected)}` };
    }
    return Math.abs(got - expected) <= atol + rtol * Math.abs(expected)
      ? { pass: true, message: "ok" }
      : { pass: false, message: `${where} is ${fmt(got)}, expected ${fmt(expected)}` };
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(got)) return { pass: false, message: `${where} should be an array of length ${expected.length}, got ${fmt(got)}` };
    if (got.length !== expected.length) return { pass: false, message: `${where} has length ${got.length}, expected ${expected.length}` };
    for (let i = 0; i < expected.length; i++) {
      const v = compareValues(got[i], expected[i], rtol, atol, `${where}[${i}]`);
      if (!v.pass) return v;
    }
    return { pass: true, message: "ok" };
  }
  if (expected && typeof expected === "object") {
    if (!got || typeof got !== "object" || Array.isArray(got)) return { pass: false, message: `${where} should be an object, got ${fmt(got)}` };
    for (const k of Object.keys(expected)) {
      const v = compareValues((got as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], rtol, atol, `${where}.${k}`);
      if (!v.pass) return v;
    }
    return { pass: true, message: "ok" };
  }
  return got === expected ? { pass: true, message: "ok" } : { pass: false, message: `${where} is ${fmt(got)}, expected ${fmt(expected)}` };
}

/** Compares a kernel-encoded outcome with the expected value. */
export function judgeOutcome(outcome: unknown, expected: unknown, rtol?: number, atol?: number): CaseVerdict {
  if (!outcome || typeof outcome !== "object") return { pass: false, message: "no result was produced" };
  const o = outcome as { ok?: unknown; value?: unknown; error?: unknown };
  if (o.ok !== true) {
    const msg = typeof o.error === "string" ? o.error : "an error";
    return { pass: false, message: /^TODO\b/.test(msg) ? "not written yet (the placeholder still throws)" : `raised: ${msg}` };
  }
  return compareValues(decode(o.value), normaliseExpected(expected), rtol, atol);
}
