/**
 * Scheduled sampling (Bengio et al. 2015): during training step i, each input
 * token is the ground truth with probability ε_i and the model's own previous
 * prediction otherwise. ε_i decays from 1 (teacher forcing) toward 0 (free running):
 *
 *   linear:          ε_i = max(ε_min, k − c·i)        (k ≤ 1 offset, c > 0 slope)
 *   exponential:     ε_i = k^i                         (0 < k < 1)
 *   inverse sigmoid: ε_i = k / (k + exp(i / k))        (k ≥ 1: the larger, the later the decay)
 *
 * plus "constant" ε_i = ε: 1 is teacher forcing, 0 is free running throughout.
 */
import { badArgument, requireFinite, requireInt, requireOneOf, requirePositive } from "../core/errors";

/** A schedule of the probability of feeding the ground truth. */
export type SamplingSchedule =
  | { kind: "constant"; epsilon: number }
  | { kind: "linear"; k?: number; c: number; epsilonMin?: number }
  | { kind: "exponential"; k: number }
  | { kind: "inverse-sigmoid"; k: number };

/** Checks a schedule's fields; returns it. */
export function validateSamplingSchedule(where: string, name: string, s: unknown): SamplingSchedule {
  if (typeof s !== "object" || s === null) badArgument(where, name, "a schedule {kind, ...}", s);
  const sch = s as SamplingSchedule;
  const kind = requireOneOf(where, `${name}.kind`, sch.kind, ["constant", "linear", "exponential", "inverse-sigmoid"] as const);
  if (kind === "constant") requireFinite(where, `${name}.epsilon`, (sch as { epsilon: number }).epsilon, 0, 1);
  if (kind === "linear") {
    const l = sch as { k?: number; c: number; epsilonMin?: number };
    requireFinite(where, `${name}.k`, l.k ?? 1, 0, 1);
    requirePositive(where, `${name}.c`, l.c);
    requireFinite(where, `${name}.epsilonMin`, l.epsilonMin ?? 0, 0, 1);
  }
  if (kind === "exponential") {
    const k = requireFinite(where, `${name}.k`, (sch as { k: number }).k, 0, 1);
    if (k <= 0 || k >= 1) badArgument(where, `${name}.k`, "a number strictly between 0 and 1", k);
  }
  if (kind === "inverse-sigmoid") requireFinite(where, `${name}.k`, (sch as { k: number }).k, 1);
  return sch;
}

/**
 * ε_i: the probability of feeding the ground truth at training step i (i ≥ 0).
 * @example teacherForcingProbability(100, { kind: "inverse-sigmoid", k: 50 }) // 50/(50+e²) ≈ 0.871
 */
export function teacherForcingProbability(step: number, schedule: SamplingSchedule): number {
  const where = "teacherForcingProbability";
  const i = requireInt(where, "step", step, 0);
  const s = validateSamplingSchedule(where, "schedule", schedule);
  switch (s.kind) {
    case "constant":
      return s.epsilon;
    case "linear":
      return Math.max(s.epsilonMin ?? 0, (s.k ?? 1) - s.c * i);
    case "exponential":
      return Math.pow(s.k, i);
    case "inverse-sigmoid":
      return s.k / (s.k + Math.exp(i / s.k));
  }
}

/** A readable name of a schedule, e.g. "inverse-sigmoid (k=50)". */
export function describeSchedule(schedule: SamplingSchedule): string {
  const s = validateSamplingSchedule("describeSchedule", "schedule", schedule);
  switch (s.kind) {
    case "constant":
      return s.epsilon === 1 ? "teacher forcing" : s.epsilon === 0 ? "free running" : `constant ε=${s.epsilon}`;
    case "linear":
      return `linear (k=${s.k ?? 1}, c=${s.c}, ε_min=${s.epsilonMin ?? 0})`;
    case "exponential":
      return `exponential (k=${s.k})`;
    case "inverse-sigmoid":
      return `inverse sigmoid (k=${s.k})`;
  }
}
