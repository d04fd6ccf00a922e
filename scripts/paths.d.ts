// Types for scripts/paths.js.
export const ROOT: string;
export const JUPYTER_PREFIX: string;
export const JUPYTER_PATH: string;
export const KERNEL_NAME: string;
export const KERNEL_DISPLAY_NAME: string;
export const NOTEBOOKS: string;
export const BUILD: string;
export function jupyterEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
