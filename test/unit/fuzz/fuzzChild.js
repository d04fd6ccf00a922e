// Child process of the fuzz suite: loads the built library (dist/) and the specs (coverage.ts,
// transpiled by the parent to the file named in FUZZ_SPECS_JS) once, then runs the cases it is
// sent one at a time and reports each outcome. A case calls an export with its spec's example
// arguments, one of them replaced by a bad value (a control case replaces none). The parent
// enforces the time and memory limits (it kills this process and starts a new one).
"use strict";
const path = require("path");
const lib = require(path.join(__dirname, "..", "..", "..", "dist", "index.js"));
const { BAD } = require("./fuzzValues.js");
const { FUZZ_SPECS } = require(process.env.FUZZ_SPECS_JS);

function firstNonFinite(value, depth = 0) {
  if (typeof value === "number") return Number.isFinite(value) ? null : String(value);
  if (depth > 3 || value === null || typeof value !== "object") return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    for (let i = 0; i < value.length && i < 1e7; i++) if (!Number.isFinite(Number(value[i]))) return `${value[i]} at [${i}]`;
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && i < 1e5; i++) {
      const r = firstNonFinite(value[i], depth + 1);
      if (r) return `${r} at [${i}]`;
    }
    return null;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return null;
  for (const k of Object.keys(value)) {
    const r = firstNonFinite(value[k], depth + 1);
    if (r) return `${r} in .${k}`;
  }
  return null;
}

function thrown(e) {
  return { threw: e && e.name ? e.name : typeof e, rnnlab: !!(e && lib.RnnlabError && e instanceof lib.RnnlabError), message: String(e && e.message ? e.message : e).slice(0, 400) };
}

async function run(c) {
  const target = lib[c.name];
  const spec = FUZZ_SPECS[c.name];
  let args;
  try {
    args = spec.example(lib);
  } catch (e) {
    return { setup: `the spec's example threw: ${thrown(e).threw}: ${thrown(e).message}` };
  }
  if (c.position >= 0) {
    while (args.length <= c.position) args.push(undefined);
    if (c.optionKey) args[c.position] = { ...(args[c.position] || {}), [c.optionKey]: BAD[c.bad]() };
    else args[c.position] = BAD[c.bad]();
  }
  try {
    let result = c.kind === "class" ? new target(...args) : target(...args);
    if (result && typeof result.then === "function") result = await result;
    const bad = firstNonFinite(result);
    return bad ? { returned: "nonfinite", detail: bad } : { returned: "ok" };
  } catch (e) {
    return thrown(e);
  }
}

process.on("message", (c) => {
  run(c).then((outcome) => process.send({ id: c.id, outcome }));
});
process.send({ ready: true });
