/**
 * Moby-Dick as token sequences for a character model: lower-cased, ASCII (em dash → "-"),
 * one vocabulary for the whole book (54 characters), and a split by chapter: the held-out
 * chapters are 10, 20, …, 130 (13 chapters spread over the book), the other 122 train.
 */
import { badArgument, requireInt } from "../core/errors";
import { checkOptions } from "../core/options";
import { CharVocabulary, charVocabulary, encodeText } from "../generation/data";
import { MOBY_DICK_CHAPTERS, loadMobyDick } from "../realdata/mobyDick";

/** The chapters held out for testing: every tenth (10, 20, …, 130). */
export const MOBY_DICK_TEST_CHAPTERS: readonly number[] = Array.from({ length: 13 }, (_, i) => 10 * (i + 1));

/** Options of `mobyDickSplit`. */
export interface MobyDickSplitOptions {
  /** Use only the first `trainChapters` training chapters (in book order; default all 122). */
  trainChapters?: number;
  /** Use only the first `testChapters` held-out chapters (default all 13). */
  testChapters?: number;
}

/** Tokens of the training and held-out chapters, and the book's vocabulary. */
export interface MobyDickSplit {
  vocab: CharVocabulary;
  train: number[];
  test: number[];
  trainChapterNumbers: number[];
  testChapterNumbers: number[];
}

/** The character vocabulary of the whole book, lower-cased ASCII (54 characters). */
export function mobyDickVocabulary(): CharVocabulary {
  return charVocabulary(loadMobyDick({ lowercase: true, ascii: true }).text);
}

/** The book as tokens, split by chapter (chapters joined by a blank line within each part). */
export function mobyDickSplit(options: MobyDickSplitOptions = {}): MobyDickSplit {
  const where = "mobyDickSplit";
  checkOptions(where, options, ["trainChapters", "testChapters"]);
  const allTrain = Array.from({ length: MOBY_DICK_CHAPTERS }, (_, i) => i + 1).filter((n) => !MOBY_DICK_TEST_CHAPTERS.includes(n));
  const nTrain = requireInt(where, "options.trainChapters", options.trainChapters ?? allTrain.length, 1);
  const nTest = requireInt(where, "options.testChapters", options.testChapters ?? MOBY_DICK_TEST_CHAPTERS.length, 1);
  if (nTrain > allTrain.length) badArgument(where, "options.trainChapters", `at most ${allTrain.length}`, nTrain);
  if (nTest > MOBY_DICK_TEST_CHAPTERS.length) badArgument(where, "options.testChapters", `at most ${MOBY_DICK_TEST_CHAPTERS.length}`, nTest);
  const book = loadMobyDick({ lowercase: true, ascii: true });
  const vocab = charVocabulary(book.text);
  const trainChapterNumbers = allTrain.slice(0, nTrain);
  const testChapterNumbers = MOBY_DICK_TEST_CHAPTERS.slice(0, nTest);
  const join = (ns: number[]) => ns.map((n) => book.chapters[n - 1].text).join("\n\n");
  return { vocab, train: encodeText(join(trainChapterNumbers), vocab), test: encodeText(join(testChapterNumbers), vocab), trainChapterNumbers, testChapterNumbers };
}
