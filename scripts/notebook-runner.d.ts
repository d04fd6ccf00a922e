// Types for scripts/notebook-runner.js (used by the e2e tests).
export interface Failure {
  cell: number;
  kind: "error" | "aborted" | "stderr" | "error-output";
  source: string;
  text: string;
}
export interface CheckBlock {
  cell: number;
  result: "pass" | "fail";
  text: string;
}
export interface NotebookResult {
  notebook: string;
  name: string;
  status: "ok" | "error" | "timeout" | "dead-kernel" | "crash";
  seconds: number;
  message: string;
  failures: Failure[];
  checks: { pass: number; fail: number; blocks: CheckBlock[] };
  cells?: number;
  output: string | null;
  cached?: boolean;
  runId?: string;
}
export interface RunOptions {
  outDir: string;
  jobs?: number;
  timeout?: number;
  allowErrors?: boolean;
  /** Environment of the runner (default: the checkout's Jupyter path; a released course passes its own). */
  env?: NodeJS.ProcessEnv;
  reuse?: boolean | "run";
  onResult?: (r: NotebookResult, done: number, total: number) => void;
}
export const BUDGET_SECONDS: number;
export function defaultJobs(): number;
export function listNotebooks(dir: string): string[];
export function distFingerprint(): string;
export function runNotebooks(notebooks: string[], opts: RunOptions): Promise<NotebookResult[]>;
export function progressLine(r: NotebookResult, done: number, total: number): string;
