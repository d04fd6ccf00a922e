/**
 * The codon 3-periodicity of coding DNA.
 *
 * For each base b, the indicator u_b(j) = 1 when x_j = b. Its discrete Fourier sum at
 * frequency f (cycles per base) is U_b(f) = Σ_j u_b(j) e^{−2πi f j}, and the spectrum of
 * the sequence is S(f) = Σ_b |U_b(f)|². By Parseval, S averages to N over the N DFT
 * frequencies (Σ_b Σ_j u_b(j)² = N). We use
 *
 *     P₃ = S(1/3) / N.
 *
 * For an i.i.d. sequence with base frequencies p_b, E|U_b(f)|² = N p_b (1 − p_b) at f ≠ 0,
 * so P₃ ≈ 1 − Σ_b p_b² ≈ 0.75 (the rest of the mean sits at f = 0); it is larger in
 * protein-coding DNA, where the three codon positions have different base compositions
 * (Fickett 1982; Tiwari et al. 1997).
 * Positions holding other letters (n, …) contribute to no indicator but count in N.
 */
import { badArgument, requireFinite } from "../core/errors";
import { requireNumberArray } from "../core/argChecks";

/** S(f) = Σ_b |Σ_j u_b(j) e^{−2πi f j}|² of a DNA string (f in cycles per base). */
export function baseSpectrum(sequence: string, frequency: number): number {
  const where = "baseSpectrum";
  if (typeof sequence !== "string" || sequence.length === 0) badArgument(where, "sequence", "a non-empty DNA string", sequence);
  const f = requireFinite(where, "frequency", frequency, 0, 0.5);
  const re = [0, 0, 0, 0];
  const im = [0, 0, 0, 0];
  const s = sequence.toLowerCase();
  for (let j = 0; j < s.length; j++) {
    const b = "acgt".indexOf(s[j]);
    if (b < 0) continue;
    re[b] += Math.cos(2 * Math.PI * f * j);
    im[b] -= Math.sin(2 * Math.PI * f * j);
  }
  let total = 0;
  for (let b = 0; b < 4; b++) total += re[b] * re[b] + im[b] * im[b];
  return total;
}

/** P₃ = S(1/3)/N: the period-3 power relative to the mean of the spectrum (≈ 1 − Σ_b p_b² when random). */
export function period3Power(sequence: string): number {
  return baseSpectrum(sequence, 1 / 3) / sequence.length;
}

/**
 * The share of a real signal's power at one period: with x̃ = x − mean(x),
 *
 *     Q_p = |Σ_j x̃_j e^{−2πi j/p}|² / Σ_j x̃_j²
 *
 * ≈ 1 on average for white noise (Parseval: the mean of |X̃(f)|² over the DFT frequencies
 * is Σ x̃²), ≫ 1 when x oscillates with period p. Used on a network's hidden states.
 * A constant signal gives 0.
 */
export function signalPeriodPower(values: ArrayLike<number>, period: number): number {
  const where = "signalPeriodPower";
  requireNumberArray(where, "values", values, { minLength: 2 });
  const p = requireFinite(where, "period", period, 2);
  let mean = 0;
  for (let j = 0; j < values.length; j++) mean += values[j];
  mean /= values.length;
  let re = 0;
  let im = 0;
  let energy = 0;
  for (let j = 0; j < values.length; j++) {
    const v = values[j] - mean;
    re += v * Math.cos((2 * Math.PI * j) / p);
    im -= v * Math.sin((2 * Math.PI * j) / p);
    energy += v * v;
  }
  return energy > 0 ? (re * re + im * im) / energy : 0;
}
