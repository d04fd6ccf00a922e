/**
 * Option checking for the analysis functions: an unknown key is an error that
 * names it and lists the known ones (never silently ignored).
 *
 * (A shared `checkOptions` helper in lib/core is planned; until it lands, this
 * local check uses lib/core/errors.)
 */
import { RnnlabError, badArgument } from "../core/errors";

/** Throws if `options` is not a plain object or has a key outside `known`. */
export function requireKnownOptions(where: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) badArgument(where, "options", "an object", options);
  for (const key of Object.keys(options as object)) {
    if (!known.includes(key)) {
      throw new RnnlabError(`${where}: unknown option ${JSON.stringify(key)}; known options are ${known.map((k) => JSON.stringify(k)).join(", ")}`);
    }
  }
}
