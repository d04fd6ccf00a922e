/**
 * Course experiments: the sweeps behind notebooks 01, 05 and 06 (and `scripts/sweep_*.js`).
 * Course content, not library (course/, compiled to dist/experiments): notebooks import them from
 * "rnnlab/experiments"; they use the library through "rnnlab" and "rnnlab/<folder>" only (lib/README.md).
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
