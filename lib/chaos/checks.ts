/** Argument checks shared by the chaos routines. */
import { badArgument, requireAllFinite, requireInt } from "../core/errors";

/** Checks a row-major N×N coupling matrix `j` (a Float64Array of length n²); returns n. */
export function requireCoupling(where: string, j: unknown, n: unknown): number {
  requireInt(where, "n", n, 1);
  const size = n as number;
  if (!(j instanceof Float64Array)) badArgument(where, "j", `a Float64Array of length n² = ${size * size} (row-major coupling matrix)`, j);
  const arr = j as Float64Array;
  if (arr.length !== size * size) {
    badArgument(where, "j", `a square n×n matrix: length n² = ${size * size}${Number.isInteger(Math.sqrt(arr.length)) ? "" : " (this length is not a square)"}`, j);
  }
  requireAllFinite(where, "j", arr);
  return size;
}

/** Checks an optional initial state of length n. */
export function requireState(where: string, name: string, h: unknown, n: number): Float64Array {
  if (!(h instanceof Float64Array) || h.length !== n) badArgument(where, name, `a Float64Array of length n = ${n}`, h);
  requireAllFinite(where, name, h as Float64Array);
  return h as Float64Array;
}
