/**
 * Suites that need something from the system (Debian's Python/Jupyter packages, emboss-test,
 * root for daemons and accounts). In CI (`CI` set, as `.ci/run` does) a missing dependency FAILS
 * the suite, since CI must install it; elsewhere the suite is skipped with one printed line
 * that names what is missing.
 */

/** True in CI: `CI` is set to anything but "", "0" or "false". */
export function inCI(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
}

/** `describe` when `available`; else a failing test in CI, a printed reason and `describe.skip` elsewhere. */
export function describeWith(available: boolean, missing: string, name: string, fn: () => void): void {
  if (available) return describe(name, fn);
  if (inCI()) {
    describe(name, () => {
      test(`needs ${missing}`, () => {
        throw new Error(`${name}: ${missing} is missing; CI must provide it (.ci/run installs the system packages and runs as root)`);
      });
    });
    return;
  }
  console.warn(`skipped "${name}": ${missing} is missing (in CI this fails)`);
  describe.skip(name, fn);
}

/** `test` when `available`; else a failing test in CI, a printed reason and `test.skip` elsewhere. */
export function testWith(available: boolean, missing: string, name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (available) return test(name, fn, timeout);
  if (inCI()) {
    test(name, () => {
      throw new Error(`${name}: ${missing} is missing; CI must provide it (.ci/run installs the system packages and runs as root)`);
    });
    return;
  }
  console.warn(`skipped "${name}": ${missing} is missing (in CI this fails)`);
  test.skip(name, fn);
}
