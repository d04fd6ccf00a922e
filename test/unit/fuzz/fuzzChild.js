// Child process of the fuzz suite: loads the built library (dist/) once, then runs the cases
// it is sent one at a time and reports each outcome. The parent enforces the time and memory
// limits (it kills this process and starts a new one).
"use strict";
const path = require("path");
const lib = require(path.join(__dirname, "..", "..", "..", "dist", "index.js"));
const { makeArgs } = require("./fuzzValues.js");

function firstNonFinite(value, depth = 0) {
  if (typeof value === "number") return Number.isFinite(value) ? null : String(value);
  if (depth > 3 || value === null || typeof value !== "object") return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    for (let i = 0; i < value.length && i < 1e7; i++) if (!Number.isFinite(value[i])) return `${value[i]} at [${i}]`;
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && i < 1e5; i++) {
      const r = firstNonFinite(value[i], depth + 1);
      if (r) return r;
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

process.on("message", (c) => {
  const target = lib[c.name];
  let outcome;
  try {
    const args = makeArgs(c);
    const result = c.kind === "class" ? new target(...args) : target(...args);
    if (result && typeof result.then === "function") result.catch(() => undefined);
    const bad = firstNonFinite(result);
    outcome = bad ? { returned: "nonfinite", detail: bad } : { returned: "ok" };
  } catch (e) {
    outcome = { threw: e && e.name ? e.name : typeof e, rnnlab: !!(e && lib.RnnlabError && e instanceof lib.RnnlabError), message: String(e && e.message ? e.message : e).slice(0, 400) };
  }
  process.send({ id: c.id, outcome });
});
process.send({ ready: true });
