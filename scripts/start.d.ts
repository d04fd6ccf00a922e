// Types for scripts/start.js.
export interface StartOptions {
  port?: number;
  ip: string;
  ui?: "lab" | "notebook";
  token?: string;
  browser: boolean;
  notebookDir: string;
  extraArgs: string[];
  help?: boolean;
}
export function parseArgs(argv: string[], env?: Record<string, string | undefined>): StartOptions;
