// Types for scripts/system-deps.js.
export const PYTHON: string;
export const CHROMIUM: string;
export function ensureJupyter(): void;
export function ensureChromium(): void;
export function ensureMathJax(): string;
export function findMathJax(): string | null;
export function pythonHas(mod: string): boolean;
export function isRoot(): boolean;
