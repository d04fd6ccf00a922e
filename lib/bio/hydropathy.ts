/**
 * Kyte–Doolittle hydropathy and the sliding-window transmembrane baseline.
 *
 * Kyte & Doolittle (1982, J. Mol. Biol. 157:105) give each amino acid a hydropathy
 * h(a) from −4.5 (R) to +4.5 (I). A membrane-spanning helix is ~20 hydrophobic residues,
 * so the window mean
 *
 *     H_i = (1 / |W_i|) Σ_{j ∈ W_i} h(x_j),     W_i = {i−⌊w/2⌋, …, i+⌊w/2⌋} ∩ {0, …, L−1}
 *
 * (w = 19, clipped at the ends) above a threshold (1.6 in their paper) marks residue i
 * as transmembrane. Letters outside the 20 amino acids (B, Z, X, U) count as 0.
 */
import { badArgument, requireFinite, requireInt } from "../core/errors";
import { checkOptions } from "../core/options";

/** Kyte–Doolittle hydropathy of each amino acid (one-letter code). */
export const KYTE_DOOLITTLE: Readonly<Record<string, number>> = {
  A: 1.8, R: -4.5, N: -3.5, D: -3.5, C: 2.5, Q: -3.5, E: -3.5, G: -0.4, H: -3.2, I: 4.5,
  L: 3.8, K: -3.9, M: 1.9, F: 2.8, P: -1.6, S: -0.8, T: -0.7, W: -0.9, Y: -1.3, V: 4.2,
};

/** Options of `hydropathyProfile` and `kyteDoolittleTags`. */
export interface HydropathyOptions {
  /** Window width w, odd (default 19). */
  window?: number;
  /** Threshold on H_i for `kyteDoolittleTags` (default 1.6). */
  threshold?: number;
}

function checkSequence(where: string, sequence: unknown): string {
  if (typeof sequence !== "string" || sequence.length === 0) badArgument(where, "sequence", "a non-empty one-letter amino-acid string", sequence);
  return sequence.toUpperCase();
}

/** The window-mean hydropathy H_i of every residue (see the module comment). */
export function hydropathyProfile(sequence: string, options: HydropathyOptions = {}): Float64Array {
  const where = "hydropathyProfile";
  checkOptions(where, options, ["window", "threshold"]);
  const s = checkSequence(where, sequence);
  const w = requireInt(where, "window", options.window ?? 19, 1);
  if (w % 2 === 0) badArgument(where, "window", "an odd width (the window is centred on the residue)", w);
  const half = (w - 1) / 2;
  const h = Float64Array.from(s, (a) => KYTE_DOOLITTLE[a] ?? 0);
  // prefix sums: the window sum is prefix[hi+1] − prefix[lo]
  const prefix = new Float64Array(h.length + 1);
  for (let i = 0; i < h.length; i++) prefix[i + 1] = prefix[i] + h[i];
  const out = new Float64Array(h.length);
  for (let i = 0; i < h.length; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(h.length - 1, i + half);
    out[i] = (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
  }
  return out;
}

/** 0/1 per residue: 1 where the window-mean hydropathy exceeds the threshold. */
export function kyteDoolittleTags(sequence: string, options: HydropathyOptions = {}): Uint8Array {
  checkOptions("kyteDoolittleTags", options, ["window", "threshold"]);
  const threshold = requireFinite("kyteDoolittleTags", "threshold", options.threshold ?? 1.6);
  const H = hydropathyProfile(sequence, { window: options.window ?? 19 });
  return Uint8Array.from(H, (v) => (v > threshold ? 1 : 0));
}
