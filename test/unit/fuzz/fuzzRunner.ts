/**
 * The fuzz runner: builds bad-input cases for every export of rnnlab and runs them in child
 * processes (two at a time), each case under a time limit and a memory limit (the parent
 * polls the child's resident memory and kills it above the limit), and classifies outcomes.
 */
import { ChildProcess, fork } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

import type { FuzzSpec } from "./coverage";

 
const values = require("./fuzzValues.js") as {
  BAD: Record<string, () => unknown>;
  inDomain: (bad: string, domain: string, exampleArg: unknown) => boolean;
  parseDomain: (domain: string) => { optional: boolean; base: string };
  paramNames: (key: string) => string[];
  optionKeyDomains: (domain: string) => Record<string, string>;
};
export const BAD = values.BAD;

export const ROOT = path.join(__dirname, "..", "..", "..");
export const CASE_TIMEOUT_MS = 4000;
export const CASE_MEMORY_MB = 1500;
export const PARALLEL = 2;
/** At most this many argument positions per export are fuzzed. */
export const MAX_POSITIONS = 6;

export type ExportKind = "function" | "class" | "value";

export interface FuzzCase {
  id: string;
  name: string;
  kind: "function" | "class";
  /** -1 for the control case (the spec's example call, which must succeed). */
  position: number;
  bad: string;
  /** The parameter's names (the first is its own, the others aliases an error may use). */
  names: string[];
  domain: string;
  /** Whether the bad value lies in the parameter's domain (then accepting it is correct). */
  valid: boolean;
  /** The example call must throw an RnnlabError (spec.throws). */
  throws?: boolean;
  /** Set when the bad value replaces one key of an options argument (the others as in the example). */
  optionKey?: string;
}

/**
 * clear: an RnnlabError naming the argument; valid: an in-domain value accepted with a finite result;
 * control: the example call succeeded. The others fail the test: unclear (an error that is not an
 * RnnlabError naming the argument), silentNonFinite, ignoredOption (an unknown key accepted),
 * acceptedBad (a value outside the domain accepted: a silent wrong result), controlFailed (the
 * spec's example call failed, so the export's bad inputs were not run), hang, crash.
 */
export type Outcome = "control" | "clear" | "valid" | "unclear" | "silentNonFinite" | "ignoredOption" | "acceptedBad" | "controlFailed" | "hang" | "crash";
export const FAILING: Outcome[] = ["hang", "crash", "silentNonFinite", "ignoredOption", "acceptedBad", "unclear", "controlFailed"];

export interface CaseResult {
  c: FuzzCase;
  outcome: Outcome;
  detail: string;
}

/** What an export is at run time. */
export function exportKind(value: unknown): ExportKind {
  if (typeof value !== "function") return "value";
  return /^class\b/.test(Function.prototype.toString.call(value)) ? "class" : "function";
}

/** The control case of an export: its spec's example call. */
export function controlCase(name: string, spec: FuzzSpec): FuzzCase {
  return { id: `${name}#control`, name, kind: spec.kind as "function" | "class", position: -1, bad: "", names: [], domain: "", valid: true, throws: spec.throws === true };
}

/** The bad-input cases of an export (its control case aside); `lib` evaluates the example. */
export function casesFor(name: string, spec: FuzzSpec, lib: Record<string, unknown>): FuzzCase[] {
  if (spec.kind === "value" || !spec.params) return [];
  let example: unknown[] = [];
  try {
    example = spec.example ? spec.example(lib as never) : [];
  } catch {
    example = [];
  }
  const cases: FuzzCase[] = [];
  const keys = Object.keys(spec.params).slice(0, MAX_POSITIONS);
  keys.forEach((key, position) => {
    const domain = spec.params![key];
    if (values.parseDomain(domain).base === "any") return;
    for (const bad of Object.keys(BAD)) {
      const valid = values.inDomain(bad, domain, example[position]);
      cases.push({ id: `${name}#${position}:${bad}`, name, kind: spec.kind as "function" | "class", position, bad, names: values.paramNames(key), domain, valid });
    }
    // options keys with their own domain: each bad value as that key's value
    const exampleOptions = (example[position] ?? {}) as Record<string, unknown>;
    for (const [optionKey, keyDomain] of Object.entries(values.optionKeyDomains(domain))) {
      for (const bad of Object.keys(BAD)) {
        // an optional key set to null means "the default", as undefined does
        const valid = values.inDomain(bad, keyDomain, exampleOptions[optionKey]) || (bad === "null" && values.parseDomain(keyDomain).optional);
        const names = [optionKey, ...values.paramNames(key).map((n) => `${n}.${optionKey}`)];
        cases.push({ id: `${name}#${position}.${optionKey}:${bad}`, name, kind: spec.kind as "function" | "class", position, bad, names, domain: keyDomain, valid, optionKey });
      }
    }
  });
  return cases;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether an error message names one of the parameter's names (as a word, or as `name.key`/`name[i]`). */
export function namesArgument(message: string, names: string[]): boolean {
  return names.some((n) => new RegExp(`(^|[^\\w$])${escapeRegExp(n)}($|[^\\w$])`).test(message));
}

/** Classifies what a case did. */
export function classify(
  c: FuzzCase,
  o: { threw?: string; rnnlab?: boolean; message?: string; returned?: string; detail?: string; setup?: string },
): CaseResult {
  if (o.setup !== undefined) return { c, outcome: "controlFailed", detail: o.setup };
  if (c.position < 0 && c.throws) {
    if (o.threw !== undefined && o.rnnlab) return { c, outcome: "control", detail: "" };
    return { c, outcome: "controlFailed", detail: `the example call must throw an RnnlabError, got ${o.threw ?? "no error"} ${o.message ?? ""}` };
  }
  if (c.position < 0) {
    if (o.threw !== undefined) return { c, outcome: "controlFailed", detail: `the example call threw ${o.threw}: ${o.message}` };
    if (o.returned === "nonfinite") return { c, outcome: "controlFailed", detail: `the example call returned a non-finite value: ${o.detail}` };
    return { c, outcome: "control", detail: "" };
  }
  if (o.threw !== undefined) {
    const msg = o.message ?? "";
    // an unknown key must be named; an in-domain value may also fail with a non-finite result that says where and why
    const named = c.bad === "unknownKey" && !c.valid ? msg.includes("zzUnknownKey") || namesArgument(msg, c.names) : namesArgument(msg, c.names);
    const finiteReport = c.valid && /non-finite/.test(msg) && /likely cause/.test(msg);
    return { c, outcome: o.rnnlab && (named || finiteReport) ? "clear" : "unclear", detail: `${o.threw}: ${msg}` };
  }
  if (o.returned === "nonfinite") return { c, outcome: "silentNonFinite", detail: o.detail ?? "" };
  if (c.valid) return { c, outcome: "valid", detail: "" };
  if (c.bad === "unknownKey" && /^options/.test(values.parseDomain(c.domain).base)) return { c, outcome: "ignoredOption", detail: "zzUnknownKey ignored" };
  return { c, outcome: "acceptedBad", detail: `accepted outside its domain ${c.domain}` };
}

function residentMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs the cases on `PARALLEL` child processes; resolves with one result per case. */
export async function runCases(cases: FuzzCase[], timeoutMs = CASE_TIMEOUT_MS): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let next = 0;
  // children run in a scratch folder: a case may write files (e.g. a data set to a path "zz")
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-fuzz-"));
  // the children read the specs (their example calls) from coverage.ts and the coverage*.ts files it imports, transpiled once here
  const specsJs = path.join(cwd, "coverage.js");
  for (const file of fs.readdirSync(__dirname).filter((f) => /^coverage\w*\.ts$/.test(f))) {
    const source = fs.readFileSync(path.join(__dirname, file), "utf8");
    fs.writeFileSync(path.join(cwd, file.replace(/\.ts$/, ".js")), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021 } }).outputText);
  }
  const lane = async (): Promise<void> => {
    let child: ChildProcess | null = null;
    const start = (): Promise<ChildProcess> =>
      new Promise((resolve, reject) => {
        const ch = fork(path.join(__dirname, "fuzzChild.js"), [], { cwd, env: { ...process.env, FUZZ_SPECS_JS: specsJs }, stdio: ["ignore", "ignore", "ignore", "ipc"], execArgv: ["--max-old-space-size=1024"] });
        ch.once("message", () => resolve(ch));
        ch.once("error", reject);
      });
    while (next < cases.length) {
      const c = cases[next++];
      if (!child || child.exitCode !== null || child.killed) child = await start();
      const ch: ChildProcess = child;
      const r = await new Promise<CaseResult>((resolve) => {
        let done = false;
        const finish = (res: CaseResult, kill: boolean): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          clearInterval(poll);
          ch.removeListener("message", onMessage);
          ch.removeListener("exit", onExit);
          if (kill) {
            ch.kill("SIGKILL");
            child = null;
          }
          resolve(res);
        };
        const onMessage = (m: { id: string; outcome: Record<string, string | boolean> }): void => {
          if (m.id === c.id) finish(classify(c, m.outcome as Parameters<typeof classify>[1]), false);
        };
        const onExit = (code: number | null, signal: string | null): void => finish({ c, outcome: "crash", detail: `child exited (code ${code}, signal ${signal})` }, true);
        const timer = setTimeout(() => finish({ c, outcome: "hang", detail: `no answer in ${timeoutMs} ms` }, true), timeoutMs);
        const poll = setInterval(() => {
          const mb = residentMb(ch.pid ?? 0);
          if (mb > CASE_MEMORY_MB) finish({ c, outcome: "crash", detail: `resident memory ${mb.toFixed(0)} MB > ${CASE_MEMORY_MB} MB` }, true);
        }, 100);
        ch.on("message", onMessage);
        ch.once("exit", onExit);
        ch.send(c);
      });
      results.push(r);
    }
    if (child) (child as ChildProcess).kill("SIGKILL");
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL }, lane));
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
  return results;
}
