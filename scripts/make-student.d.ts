// Types for scripts/make-student.js.
export function makeStudent(notebooks: string[], outDir: string): Array<{ source: string; output: string; exercises: number; warnings: string[] }>;
export function main(argv: string[]): number;
