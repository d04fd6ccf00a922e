/**
 * The forward-Euler integrator of rate networks, written once (lib/chaos, lib/dynamics and the
 * resident product's WebAssembly loop all follow it):
 *
 *   τ dh/dt = −h + v(h, t)   →   h ← (1 − α)·h + α·v(h, t),   α = Δt/τ      (`leakyEulerStep`)
 *
 * For the random networks of the transition to chaos v = J tanh(h):
 *
 *   dh/dt = −h + J tanh(h)   →   h ← (1 − Δt)·h + Δt·J tanh(h)   (`eulerTanhSteps`)
 *
 * (`eulerTanhStepsF64` of `wasm/matmul.as.ts` has the same steps in WebAssembly, in the same order, with a SIMD
 * tanh; the rate networks of lib/dynamics use v = φ(W h + I(t)).)
 */
import { badArgument, requireFinite, requireInt } from "../core/errors";

/** A matrix–vector product y += M x on a fixed matrix M [rows, cols]. */
export interface MatVec {
  readonly rows: number;
  readonly cols: number;
  /** y[rows] += M · x[cols] (y is added to). */
  multiplyAccumulate(y: Float64Array, x: Float64Array): void;
}

/**
 * y += M x by plain loops over the row-major M [rows, cols] (two partial sums per row, even and
 * odd columns, added at the end).
 */
export function plainMatVec(M: Float64Array, rows: number, cols: number): MatVec {
  requireInt("plainMatVec", "rows", rows, 1);
  requireInt("plainMatVec", "cols", cols, 1);
  if (!(M instanceof Float64Array) || M.length < rows * cols) badArgument("plainMatVec", "M", `a Float64Array of at least rows·cols = ${rows * cols} values`, M);
  return {
    rows,
    cols,
    multiplyAccumulate(y, x) {
      for (let i = 0; i < rows; i++) {
        const row = i * cols;
        let s0 = 0;
        let s1 = 0;
        let c = 0;
        for (; c + 1 < cols; c += 2) {
          s0 += M[row + c] * x[c];
          s1 += M[row + c + 1] * x[c + 1];
        }
        if (c < cols) s0 += M[row + c] * x[c];
        y[i] += s0 + s1;
      }
    },
  };
}

/** One leaky Euler update in place: h[i] ← (1 − α)·h[i] + α·v[i] for i < n. */
export function leakyEulerStep(h: Float64Array, v: Float64Array, alpha: number, n: number): void {
  if (!(h instanceof Float64Array) || !(n <= h.length)) badArgument("leakyEulerStep", "h", `a Float64Array of at least n = ${n} values`, h);
  if (!(v instanceof Float64Array) || v.length < n) badArgument("leakyEulerStep", "v", `a Float64Array of at least n = ${n} values`, v);
  requireInt("leakyEulerStep", "n", n, 0);
  requireFinite("leakyEulerStep", "alpha", alpha);
  const decay = 1 - alpha;
  for (let i = 0; i < n; i++) h[i] = decay * h[i] + alpha * v[i];
}

/** Checks the arguments of an `eulerTanhSteps` call on M [rows, cols]. */
export function checkEulerTanhSteps(where: string, rows: number, cols: number, h: Float64Array, dt: number, steps: number): void {
  if (rows !== cols) badArgument(where, "M", `a square matrix (rows = cols) for a rate network`, `${rows}×${cols}`);
  if (!(h instanceof Float64Array) || h.length < rows) badArgument(where, "h", `a Float64Array of at least ${rows} values`, h);
  requireFinite(where, "dt", dt);
  requireInt(where, "steps", steps, 0);
}

/** Scratch vectors of `eulerTanhSteps` (length ≥ n each), to step without allocating. */
export interface EulerTanhScratch {
  r: Float64Array;
  jr: Float64Array;
}

/**
 * `steps` forward-Euler steps of dh/dt = −h + J tanh(h) in place on h[0..n) (n = J.rows):
 * r = tanh(h), v = J r, h ← (1 − Δt)·h + Δt·v. `scratch` avoids allocating when it is called
 * once per step.
 */
export function eulerTanhSteps(J: MatVec, h: Float64Array, dt: number, steps: number, scratch?: EulerTanhScratch): void {
  if (J === null || typeof J !== "object" || typeof J.multiplyAccumulate !== "function") badArgument("eulerTanhSteps", "J", "a matrix–vector product (plainMatVec or a resident one)", J);
  checkEulerTanhSteps("eulerTanhSteps", J.rows, J.cols, h, dt, steps);
  const n = J.rows;
  const r = scratch?.r ?? new Float64Array(n);
  const v = scratch?.jr ?? new Float64Array(n);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < n; i++) r[i] = Math.tanh(h[i]);
    v.fill(0);
    J.multiplyAccumulate(v, r);
    leakyEulerStep(h, v, dt, n);
  }
}
