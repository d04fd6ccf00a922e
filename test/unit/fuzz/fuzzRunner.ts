/**
 * The fuzz runner: builds bad-input cases for every export of rnnlab and runs them in child
 * processes (two at a time), each case under a time limit and a memory limit (the parent
 * polls the child's resident memory and kills it above the limit), and classifies outcomes.
 */
import { ChildProcess, fork } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { BAD } = require("./fuzzValues.js") as { BAD: Record<string, () => unknown> };

export const ROOT = path.join(__dirname, "..", "..", "..");
export const CASE_TIMEOUT_MS = 4000;
export const CASE_MEMORY_MB = 1500;
export const PARALLEL = 2;
/** At most this many argument positions per export are fuzzed. */
export const MAX_POSITIONS = 4;

export type ExportKind = "function" | "class" | "value";

export interface FuzzCase {
  id: string;
  name: string;
  kind: "function" | "class";
  params: string[];
  position: number;
  bad: string;
}

export type Outcome = "clear" | "unclear" | "silentNonFinite" | "ignoredOption" | "accepted" | "hang" | "crash";

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

/** Splits a parameter list at top-level commas. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  let quote = "";
  for (const ch of s) {
    if (quote) {
      cur += ch;
      if (ch === quote) quote = "";
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    if ("([{".includes(ch)) depth++;
    if (")]}".includes(ch)) depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts;
}

/** The parameter names of a function or of a class's constructor (from the built JavaScript). */
export function parameterNames(value: (...args: never[]) => unknown, kind: "function" | "class"): string[] {
  const src = Function.prototype.toString.call(value);
  let start: number;
  if (kind === "class") {
    const m = /\bconstructor\s*\(/.exec(src);
    if (!m) return [];
    start = m.index + m[0].length;
  } else {
    start = src.indexOf("(") + 1;
  }
  let depth = 1;
  let end = start;
  for (; end < src.length && depth > 0; end++) {
    if (src[end] === "(") depth++;
    if (src[end] === ")") depth--;
  }
  const list = src.slice(start, end - 1);
  return splitTopLevel(list).map((p) => {
    const t = p.trim().replace(/^\.\.\./, "");
    if (t.startsWith("{")) return "options";
    if (t.startsWith("[")) return "values";
    return t.split("=")[0].trim();
  });
}

/** Every case for one export. */
export function casesFor(name: string, value: unknown): FuzzCase[] {
  const kind = exportKind(value);
  if (kind === "value") return [];
  const params = parameterNames(value as (...args: never[]) => unknown, kind);
  const cases: FuzzCase[] = [];
  const positions = Math.max(1, Math.min(params.length, MAX_POSITIONS));
  for (let position = 0; position < positions; position++) {
    for (const bad of Object.keys(BAD)) {
      cases.push({ id: `${name}#${position}:${bad}`, name, kind, params: params.length ? params : ["x"], position, bad });
    }
  }
  return cases;
}

const OPTIONS_NAME = /^(options|opts|config|layout|tol|settings)$/i;

/** Classifies what a case did. */
export function classify(c: FuzzCase, o: { threw?: string; rnnlab?: boolean; message?: string; returned?: string; detail?: string }): CaseResult {
  if (o.threw !== undefined) {
    const msg = o.message ?? "";
    const param = c.params[c.position] ?? "";
    const names = (param && msg.includes(param)) || msg.includes("zzUnknownKey") || /[\w.\][)]+ (must|is|has|became|cannot)\b/.test(msg);
    return { c, outcome: o.rnnlab && names ? "clear" : "unclear", detail: `${o.threw}: ${msg}` };
  }
  if (o.returned === "nonfinite") return { c, outcome: "silentNonFinite", detail: o.detail ?? "" };
  if (c.bad === "unknownKey" && OPTIONS_NAME.test(c.params[c.position] ?? "")) return { c, outcome: "ignoredOption", detail: "zzUnknownKey ignored" };
  return { c, outcome: "accepted", detail: "" };
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
  const lane = async (): Promise<void> => {
    let child: ChildProcess | null = null;
    const start = (): Promise<ChildProcess> =>
      new Promise((resolve, reject) => {
        const ch = fork(path.join(__dirname, "fuzzChild.js"), [], { cwd, stdio: ["ignore", "ignore", "ignore", "ipc"], execArgv: ["--max-old-space-size=1024"] });
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
