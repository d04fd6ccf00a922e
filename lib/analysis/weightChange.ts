/**
 * Is learning a low-rank change of the connectivity? The singular values of
 * ΔW = W_trained − W_init: if a few of them carry most of ‖ΔW‖²_F = Σ σ_k², training
 * changed W along a few directions only (Schuessler et al. 2020).
 */
import { RnnlabError, badArgument, requireAllFinite, requireInt } from "../core/errors";
import { singularValues } from "../linalg/singularValues";

/** What `weightChangeSpectrum` returns. */
export interface WeightChangeSpectrum {
  /** σ₁ ≥ σ₂ ≥ … of ΔW. */
  singularValues: Float64Array;
  /** Σ_{j≤k} σ_j² / Σ σ_j², for k = 1, 2, … (fraction of ‖ΔW‖²_F in the top k directions). */
  cumulativeEnergy: Float64Array;
  /** ‖ΔW‖_F / ‖W_init‖_F: how large the change is. */
  relativeChange: number;
}

/** Singular values of W_trained − W_init (both rows×cols, row-major). */
export function weightChangeSpectrum(trained: ArrayLike<number>, initial: ArrayLike<number>, rows: number, cols: number): WeightChangeSpectrum {
  const where = "weightChangeSpectrum";
  requireAllFinite(where, "trained", trained);
  requireAllFinite(where, "initial", initial);
  requireInt(where, "rows", rows, 1);
  requireInt(where, "cols", cols, 1);
  if (!trained || trained.length !== rows * cols) badArgument(where, "trained", `an array of rows·cols = ${rows * cols} numbers`, trained);
  if (!initial || initial.length !== rows * cols) badArgument(where, "initial", `an array of rows·cols = ${rows * cols} numbers`, initial);
  const delta = new Float64Array(rows * cols);
  let initNorm = 0;
  for (let i = 0; i < delta.length; i++) {
    delta[i] = trained[i] - initial[i];
    initNorm += initial[i] * initial[i];
  }
  const s = singularValues(delta, rows, cols);
  let total = 0;
  for (const v of s) total += v * v;
  if (!(total > 0)) throw new RnnlabError(`${where}: trained and initial are equal (ΔW = 0)`);
  const cumulativeEnergy = new Float64Array(s.length);
  let acc = 0;
  for (let k = 0; k < s.length; k++) {
    acc += s[k] * s[k];
    cumulativeEnergy[k] = acc / total;
  }
  return { singularValues: s, cumulativeEnergy, relativeChange: Math.sqrt(total) / Math.sqrt(initNorm || Number.MIN_VALUE) };
}
