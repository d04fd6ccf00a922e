/**
 * Argument checks shared by the linear-algebra routines: a square matrix given
 * as a row-major Float64Array of length n*n.
 */
import { badArgument, requireAllFinite, requireInt } from "../core/errors";

/**
 * Checks that `a` is a finite row-major n×n matrix: an array of length n*n.
 * Returns n.
 */
export function requireSquareMatrix(where: string, a: unknown, n: unknown): number {
  const name = "a";
  requireInt(where, "n", n, 1);
  const size = n as number;
  if (!(a instanceof Float64Array) && !Array.isArray(a) && !ArrayBuffer.isView(a)) {
    badArgument(where, name, `a Float64Array of length n*n = ${size * size} (a row-major ${size}×${size} matrix)`, a);
  }
  const arr = a as ArrayLike<number>;
  if (arr.length !== size * size) {
    badArgument(
      where,
      name,
      `of length n*n = ${size * size} (a square, row-major ${size}×${size} matrix)` +
        (Number.isInteger(Math.sqrt(arr.length)) ? ` — for a ${Math.sqrt(arr.length)}×${Math.sqrt(arr.length)} matrix pass n = ${Math.sqrt(arr.length)}` : " — not a square matrix"),
      a,
    );
  }
  requireAllFinite(where, name, arr);
  return size;
}

/** Checks that `a` is a finite row-major rows×cols matrix. */
export function requireMatrix(where: string, a: unknown, rows: unknown, cols: unknown, name = "a"): void {
  requireInt(where, "rows", rows, 1);
  requireInt(where, "cols", cols, 1);
  const r = rows as number;
  const c = cols as number;
  if (!ArrayBuffer.isView(a) && !Array.isArray(a)) badArgument(where, name, `a Float64Array of length rows*cols = ${r * c}`, a);
  const arr = a as ArrayLike<number>;
  if (arr.length !== r * c) badArgument(where, name, `of length rows*cols = ${r}*${c} = ${r * c} (row-major)`, a);
  requireAllFinite(where, name, arr);
}
