// Bad values of the fuzz suite and the plausible arguments they replace, shared by the
// parent (which names the cases) and the child (which builds the arguments).
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

/** A plausible value for a parameter from its name (the other arguments of a case). */
function plausible(name) {
  if (/^(options|opts|config|layout|tol|settings|init)$/i.test(name)) return {};
  if (/^(n|N|T|B|D|H|k|k1|k2|m|M|size|steps|count|bins|rows|cols|dim|hidden|index|i|j|b|t|seed)$/.test(name) || /(Size|Steps|Count|Length|Index)$/.test(name)) return 4;
  if (/^(dt|lr|tau|g|alpha|beta|scale|eps|sigma|value|rate|lo|hi|threshold|gain)$/.test(name)) return 0.5;
  if (/^(text|alphabet|name|title|label|where|source|kind|id)$/.test(name)) return "ab";
  return Float64Array.from([0.1, -0.2, 0.3, 0.4]);
}

function makeArgs(c) {
  const args = c.params.map((p) => plausible(p));
  if (c.position >= 0) args[c.position] = BAD[c.bad]();
  return args;
}

module.exports = { BAD, plausible, makeArgs };
