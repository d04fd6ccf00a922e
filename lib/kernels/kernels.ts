/**
 * The narrow kernel interface that every recurrent hot path goes through.
 *
 * Layers never loop over matrices themselves: they call these few functions on
 * flat, contiguous, row-major Float64Arrays (with element offsets), so a faster
 * implementation (e.g. WebAssembly SIMD) can replace the plain typed-array one
 * with `setKernels()` without touching the cells or layers.
 *
 * Conventions for every kernel:
 * - matrices are row-major and contiguous; `xOff` is the element offset of the
 *   first entry of `x` inside its array;
 * - kernels never allocate and never resize; outputs are written (or, where the
 *   name says `Accumulate`, added) in place;
 * - shapes are given as integers; kernels do not check them (callers do).
 *
 * Gate layouts follow PyTorch: a row of LSTM gates is [i | f | g | o] (4·H),
 * a row of GRU gates is [r | z | n] (3·H).
 */

/** The kernel set used by the recurrent layers. */
export interface Kernels {
  /** A short name, e.g. "typed-array" or "wasm-simd". */
  readonly name: string;

  /**
   * General matrix product, accumulating: C[m, n] += op(A)[m, k] · op(B)[k, n].
   *
   * op(A) = A when `transA` is false (A stored [m, k]) and Aᵀ when true (A stored
   * [k, m]); likewise op(B) = B (stored [k, n]) or Bᵀ (stored [n, k]).
   */
  matmulAccumulate(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number, transA: boolean, transB: boolean): void;

  /** Adds the row vector v[cols] to every row of M[rows, cols]. */
  addRowVector(M: Float64Array, mOff: number, rows: number, cols: number, v: Float64Array, vOff: number): void;

  /** out[cols] += Σ_rows M[row, :]  (bias gradients). */
  sumRowsAccumulate(out: Float64Array, outOff: number, M: Float64Array, mOff: number, rows: number, cols: number): void;

  /**
   * Vanilla RNN pointwise forward, in place on `pre` [n]: pre ← φ(pre),
   * φ = tanh or ReLU.
   */
  rnnActivate(pre: Float64Array, off: number, n: number, relu: boolean): void;

  /**
   * Vanilla RNN pointwise backward: dPre[i] = dh[i] · φ'(·), expressed through the
   * activation h = φ(pre): tanh' = 1 − h², ReLU' = [h > 0].
   */
  rnnActivateBackward(h: Float64Array, hOff: number, dh: Float64Array, dhOff: number, dPre: Float64Array, dPreOff: number, n: number, relu: boolean): void;

  /**
   * LSTM pointwise forward for B rows. `gates` [B, 4H] holds the pre-activations
   * on entry and the activations (i, f, g, o) = (σ, σ, tanh, σ) on exit;
   * c = f ⊙ cPrev + i ⊙ g and h = o ⊙ tanh(c) are written to `c` and `h` [B, H].
   */
  lstmPointwise(gates: Float64Array, gOff: number, cPrev: Float64Array, cPrevOff: number, c: Float64Array, cOff: number, h: Float64Array, hOff: number, B: number, H: number): void;

  /**
   * LSTM pointwise backward for B rows, from the stored activations.
   * Inputs: gates (activations) [B, 4H], cPrev, c [B, H], dh [B, H] (= ∂L/∂h_t),
   * dc [B, H] (= ∂L/∂c_t coming from t+1). Outputs: dGates [B, 4H] (gradient of
   * the pre-activations) and dcPrev [B, H] (= ∂L/∂c_{t−1} through this step).
   * `dcPrev` may alias `dc`.
   */
  lstmPointwiseBackward(gates: Float64Array, gOff: number, cPrev: Float64Array, cPrevOff: number, c: Float64Array, cOff: number, dh: Float64Array, dhOff: number, dc: Float64Array, dcOff: number, dGates: Float64Array, dgOff: number, dcPrev: Float64Array, dcPrevOff: number, B: number, H: number): void;

  /**
   * GRU pointwise forward for B rows. `gi` [B, 3H] holds W_ih x + b_ih on entry
   * and the activations (r, z, n) on exit; `gh` [B, 3H] holds W_hh h + b_hh.
   * r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r ⊙ gh_n),
   * h = (1 − z) ⊙ n + z ⊙ hPrev. The n-slice of gh is copied to `hn` [B, H]
   * (the backward pass needs it).
   */
  gruPointwise(gi: Float64Array, giOff: number, gh: Float64Array, ghOff: number, hn: Float64Array, hnOff: number, hPrev: Float64Array, hPrevOff: number, h: Float64Array, hOff: number, B: number, H: number): void;

  /**
   * GRU pointwise backward for B rows. Inputs: gates (r, z, n) [B, 3H], hn [B, H],
   * hPrev [B, H], dh [B, H]. Outputs: dGi [B, 3H] (∂L/∂(W_ih x + b_ih)), dGh [B, 3H]
   * (∂L/∂(W_hh h + b_hh)) and dhPrev [B, H] = dh ⊙ z (the direct path only; the
   * caller adds dGh · W_hh).
   */
  gruPointwiseBackward(gates: Float64Array, gOff: number, hn: Float64Array, hnOff: number, hPrev: Float64Array, hPrevOff: number, dh: Float64Array, dhOff: number, dGi: Float64Array, dGiOff: number, dGh: Float64Array, dGhOff: number, dhPrev: Float64Array, dhPrevOff: number, B: number, H: number): void;
}

import { typedArrayKernels } from "./typedArrayKernels";
import { RnnlabError, badArgument } from "../core/errors";

let activeKernels: Kernels = typedArrayKernels;

/** The functions every kernel set must have (those of the plain typed-array set). */
const KERNEL_METHODS: readonly (keyof Kernels)[] = [
  "matmulAccumulate", "addRowVector", "sumRowsAccumulate", "rnnActivate", "rnnActivateBackward",
  "lstmPointwise", "lstmPointwiseBackward", "gruPointwise", "gruPointwiseBackward",
];

/** The kernel set the layers use now (the plain typed-array one by default). */
export function getKernels(): Kernels {
  return activeKernels;
}

/**
 * Replaces the kernel set used by every layer from now on (e.g. a WebAssembly
 * implementation); returns the previous one so it can be restored.
 */
export function setKernels(kernels: Kernels): Kernels {
  if (kernels === null || typeof kernels !== "object") badArgument("setKernels", "kernels", "a kernel set (e.g. typedArrayKernels)", kernels);
  const missing = KERNEL_METHODS.filter((m) => typeof (kernels as unknown as Record<string, unknown>)[m] !== "function");
  if (missing.length > 0) {
    throw new RnnlabError(
      `setKernels: kernels is missing ${missing.length} of the ${KERNEL_METHODS.length} kernel functions (${missing.slice(0, 4).join(", ")}${missing.length > 4 ? ", ..." : ""}); ` +
        `start from an existing set, e.g. setKernels({ ...typedArrayKernels, matmulAccumulate: myMatmul })`,
    );
  }
  const previous = activeKernels;
  activeKernels = kernels;
  return previous;
}
