// Jest resolver: course/ imports the library as "rnnlab" (and "rnnlab/<folder>"). Under ts-jest a
// course source file gets lib/'s sources for it (as tsconfig.json's paths do for the type check),
// so a test, the library sources it imports and the course files they load share one copy of the
// library (one question registry). Everything else, compiled dist/ files included, resolves as usual.
"use strict";
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const COURSE = path.join(ROOT, "course") + path.sep;

module.exports = (request, options) => {
  const m = /^rnnlab(?:\/(.+))?$/.exec(request);
  if (m && options.basedir.startsWith(COURSE)) return options.defaultResolver(path.join(ROOT, "lib", m[1] ?? "index"), options);
  return options.defaultResolver(request, options);
};
