/**
 * Scores of a per-position tagger: per-position accuracy and per-segment recall, precision, F1.
 *
 * A segment is a maximal run of 1s (`labelSegments`). A true segment is **found** when some
 * predicted segment overlaps it by at least `minOverlap` positions; a predicted segment is
 * **correct** when it overlaps some true segment by at least `minOverlap`:
 *
 *     recall = found / #true,   precision = correct / #predicted,   F1 = 2PR / (P + R)
 *
 * (0 when undefined: no segments on that side). Scores pool the counts over all sequences.
 */
import { badArgument, requireInt } from "../core/errors";
import { checkOptions } from "../core/options";
import { labelSegments } from "../realdata/labels";

/** Pooled scores of a tagger over several sequences. */
export interface TaggingScores {
  /** Fraction of positions whose predicted label equals the true one. */
  accuracy: number;
  /** Found true segments / true segments. */
  segmentRecall: number;
  /** Correct predicted segments / predicted segments. */
  segmentPrecision: number;
  /** Harmonic mean of segment recall and precision. */
  segmentF1: number;
  /** Counts behind the fractions. */
  positions: number;
  trueSegments: number;
  predictedSegments: number;
  found: number;
  correct: number;
}

/** Options of `taggingScores`. */
export interface TaggingScoreOptions {
  /** Overlap (positions) that counts as a match (default 5). */
  minOverlap?: number;
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * Scores predicted 0/1 labels against true ones, pooled over sequences.
 * @param truth true labels, one array per sequence
 * @param predicted predicted labels, same lengths
 */
export function taggingScores(truth: readonly ArrayLike<number>[], predicted: readonly ArrayLike<number>[], options: TaggingScoreOptions = {}): TaggingScores {
  const where = "taggingScores";
  checkOptions(where, options, ["minOverlap"]);
  const minOverlap = requireInt(where, "minOverlap", options.minOverlap ?? 5, 1);
  if (!Array.isArray(truth) || truth.length === 0) badArgument(where, "truth", "a non-empty array of label arrays", truth);
  if (!Array.isArray(predicted) || predicted.length !== truth.length) badArgument(where, "predicted", `${truth.length} label arrays (one per sequence of truth)`, predicted);
  let positions = 0;
  let right = 0;
  let nTrue = 0;
  let nPred = 0;
  let found = 0;
  let correct = 0;
  truth.forEach((t, s) => {
    const p = predicted[s];
    if (!p || p.length !== t.length) badArgument(where, `predicted[${s}]`, `${t.length} labels (as truth[${s}])`, p?.length);
    for (let i = 0; i < t.length; i++) {
      positions++;
      if ((t[i] !== 0) === (p[i] !== 0)) right++;
    }
    const ts = labelSegments(t);
    const ps = labelSegments(p);
    nTrue += ts.length;
    nPred += ps.length;
    found += ts.filter((a) => ps.some((b) => overlap(a, b) >= minOverlap)).length;
    correct += ps.filter((b) => ts.some((a) => overlap(a, b) >= minOverlap)).length;
  });
  const recall = nTrue ? found / nTrue : 0;
  const precision = nPred ? correct / nPred : 0;
  return {
    accuracy: right / positions,
    segmentRecall: recall,
    segmentPrecision: precision,
    segmentF1: recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0,
    positions,
    trueSegments: nTrue,
    predictedSegments: nPred,
    found,
    correct,
  };
}
