// Bad values of the fuzz suite and the parameter domains that judge them, shared by the parent
// (which names and classifies the cases) and the child (which builds the arguments).
"use strict";

/** Bad values, by name: each becomes one case per argument position. */
const BAD = {
  undefined: () => undefined,
  null: () => null,
  string: () => "zz",
  NaN: () => NaN,
  Infinity: () => Infinity,
  negative: () => -3,
  zero: () => 0,
  fraction: () => 2.5,
  huge: () => 1e9,
  hostile: () => 1e200,
  empty: () => [],
  nanArray: () => Float64Array.from([1, NaN, 2, 3]),
  bigArray: () => new Float64Array(7),
  unknownKey: () => ({ zzUnknownKey: 1 }),
};

/** Length of the bigArray value: a parameter whose example has this length accepts it as in-domain. */
const BIG_ARRAY_LENGTH = 7;

/**
 * The domains a parameter can declare (suffix "?": undefined is accepted too, the parameter is optional):
 *   any                  every value (not fuzzed)
 *   real                 a finite number;  real>0, real>=0, real[a,b] restrict it
 *   int                  an integer;       int>=0, int>=1 restrict it
 *   size, size>=0        an integer >= 1 (>= 0) small enough to allocate (1e9 and 1e200 are outside)
 *   array=               a finite numeric array of the example's length (its length is tied to other arguments)
 *   array                a non-empty finite numeric array of any length; array* may also be empty
 *   string               any string;  enum{a,b} one of the listed strings
 *   norm                 the order of a norm: a number > 0 or Infinity
 *   nested               a finite number or a (possibly empty) nested plain array of finite numbers
 *   options{a,b}         an options object with these keys (an unknown key is outside); a key may
 *                        state its own domain, options{lr:real>0,momentum:real[0,1]}: then each bad
 *                        value is also tried as that key's value (other keys as in the example)
 *   bool, fn, rng, object, matrix, list  a value none of the bad values is (a boolean, a function,
 *                        an Rng, a structured object, an array of rows, an array of records)
 */
function parseDomain(domain) {
  const optional = domain.endsWith("?");
  const base = optional ? domain.slice(0, -1) : domain;
  return { optional, base };
}

/** Whether the bad value `bad` (a key of BAD) lies in `domain`; `exampleArg` is the valid argument it replaced. */
function inDomain(bad, domain, exampleArg) {
  const { optional, base } = parseDomain(domain);
  const v = BAD[bad]();
  if (v === undefined) return optional || base === "any";
  if (base === "any") return true;
  let m;
  if ((m = /^real(?:(>=|>)(-?[\d.e]+)|\[(-?[\d.e]+),(-?[\d.e]+)\])?$/.exec(base))) {
    if (typeof v !== "number" || !Number.isFinite(v)) return false;
    if (m[1] === ">") return v > Number(m[2]);
    if (m[1] === ">=") return v >= Number(m[2]);
    if (m[3] !== undefined) return v >= Number(m[3]) && v <= Number(m[4]);
    return true;
  }
  if ((m = /^int(?:>=(-?\d+))?(?:<=(\d+(?:e\d+)?))?$/.exec(base))) {
    if (typeof v !== "number" || !Number.isInteger(v)) return false;
    if (m[1] !== undefined && v < Number(m[1])) return false;
    if (m[2] !== undefined && v > Number(m[2])) return false;
    return true;
  }
  if ((m = /^size(?:>=(\d+))?$/.exec(base))) {
    const min = m[1] === undefined ? 1 : Number(m[1]);
    return typeof v === "number" && Number.isInteger(v) && v >= min && v <= 1e6;
  }
  const isArray = Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  const finite = isArray && Array.from(v).every((x) => typeof x === "number" && Number.isFinite(x));
  if (base === "array=") {
    const len = exampleArg && typeof exampleArg.length === "number" ? exampleArg.length : -1;
    return isArray && finite && v.length === len;
  }
  if (base === "array") return isArray && finite && v.length > 0;
  if (base === "array*") return isArray && finite;
  if (base === "norm") return typeof v === "number" && (v === Infinity || (Number.isFinite(v) && v > 0));
  if (base === "list*") return Array.isArray(v) && v.length === 0;
  if (base === "string") return typeof v === "string";
  if (base === "nested") return (typeof v === "number" && Number.isFinite(v)) || (Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isFinite(x)));
  if (/^enum\{/.test(base)) return base.slice(5, -1).split(",").includes(v);
  return false; // options, bool, fn, rng, object, matrix, list: no bad value is one
}

/** The keys of an options domain with their own domains: {key: domain} (keys without one left out). */
function optionKeyDomains(domain) {
  const { base } = parseDomain(domain);
  const m = /^options\{(.*)\}$/.exec(base);
  if (!m) return {};
  const out = {};
  let depth = 0;
  let cur = "";
  const parts = [];
  for (const ch of m[1]) {
    if (ch === "[" || ch === "{") depth++;
    if (ch === "]" || ch === "}") depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) parts.push(cur);
  for (const part of parts) {
    const i = part.indexOf(":");
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** The names a clear error may use for a parameter: its own name (a key "a|b" lists aliases). */
function paramNames(key) {
  return key.split("|").filter(Boolean);
}

module.exports = { BAD, BIG_ARRAY_LENGTH, parseDomain, inDomain, paramNames, optionKeyDomains };
