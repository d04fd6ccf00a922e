// Types for scripts/student.js (used by the tooling tests).
export const TODO_LINE: string;
export const MARKDOWN_ANSWER: string;
export class SolutionMarkerError extends Error {
  notebook?: string;
  cell?: number;
  line: number;
}
export interface Where {
  notebook?: string;
  cell?: number;
}
export function studentCode(text: string, where?: Where): { source: string; changed: boolean; warnings: string[] };
export function studentMarkdown(text: string, where?: Where): { source: string; changed: boolean };
export interface NotebookJson {
  cells: Array<{ cell_type: string; source: string | string[]; metadata?: Record<string, unknown>; outputs?: unknown[]; execution_count?: number | null }>;
  metadata?: Record<string, unknown>;
  nbformat?: number;
  nbformat_minor?: number;
}
export function studentNotebook(nb: NotebookJson, opts?: { name?: string }): { notebook: NotebookJson; exercises: number; warnings: string[] };
export function sourceText(source: string | string[]): string;
export function toLines(text: string): string[];
