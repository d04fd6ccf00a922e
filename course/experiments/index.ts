/**
 * Course experiments: the sweeps behind notebooks 01, 05 and 06 (and `scripts/sweep_*.js`).
 * Course content, not library: notebooks import them from "rnnlab/experiments", and they may use
 * any lower layer (tasks, attention, nn, training).
 */
export {
  PROTEIN_MEMORY_BIAS,
  proteinModel,
  proteinSeparationSweep,
  palindromeModel,
  palindromeLengthSweep,
  markovOrderSweep,
  trainNextSymbolGru,
  sweepRecordsToCsv,
  parseSweepCsv,
  meanAccuracyByModel,
  reachByModel,
} from "./sweeps";
export type { SweepRecord, SweepBudget, ProteinModelName, PalindromeModelName, MarkovSweepRecord } from "./sweeps";
