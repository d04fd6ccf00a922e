// Types for scripts/book.js.
export interface BookEntry {
  input: string | null;
  number: string;
  title: string;
  href: string;
  status: string;
  seconds: number;
  checks: string;
}
export function buildBook(opts?: {
  notebooks?: string[];
  outDir?: string;
  executedDir?: string;
  reuse?: boolean | "run";
  jobs?: number;
  log?: (line: string) => void;
}): Promise<{ ok: boolean; entries: BookEntry[]; bookDir: string; seconds: number }>;
export function notebookTitle(nb: { cells?: Array<{ cell_type: string; source: string | string[] }> }, fallback: string): string;
export const MATHJAX_PARTS: string[];
