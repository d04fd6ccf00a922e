/**
 * Synthetic proteins whose label is decided by two residues far apart.
 *
 * ## Generative process
 * A sequence of length L over the 20 amino acids `AMINO_ACIDS` ("ACDEFGHIKLMNPQRSTVWY").
 * Two *sites* sit near opposite ends: site₁ = `flank`, site₂ = `flank + separation`
 * (default L = separation + 1 + 2·flank, so each site is `flank` residues from its end).
 * Every other residue is drawn i.i.d. from the UniProtKB/Swiss-Prot background
 * composition `SWISSPROT_COMPOSITION`. The two sites decide the label:
 *
 * - `interaction: "salt-bridge"` (default, long-range by construction). Each site holds a
 *   charged residue, K or R (+) or D or E (−). Positive (label 1): opposite charges, a salt
 *   bridge forms. Negative: equal charges, they repel. In both classes each site is
 *   uniform over {K, R, D, E}, so **one site alone carries no information**: the label is
 *   the XOR of the two charge signs. Any classifier that looks at a window of width
 *   w ≤ separation sees at most one site, and every feature it can compute has the same
 *   distribution in both classes: it is at chance (tested in `test/unit/tasks`).
 * - `interaction: "disulfide"`: a disulfide bond needs two cysteines. Background residues
 *   are drawn without cysteine (composition renormalised). Positive: C at both sites.
 *   Negative: C at one site and S (serine, cysteine's oxygen isostere that cannot bond)
 *   at the other. Here one site *does* leak the label (a C at site₁ is more frequent in
 *   positives: P = 1 vs ½), so a local window reaches 75% — a lesson in how a task can
 *   accidentally be local.
 *
 * Classes are balanced exactly (⌈n/2⌉ positives) and shuffled. Per-residue labels mark
 * the residues that take part in a formed bond (1 at both sites of a positive, 0 elsewhere).
 *
 * ## Background composition
 * Percentages of each amino acid in UniProtKB/Swiss-Prot, from the release statistics
 * published by the SIB/ExPASy (https://web.expasy.org/docs/relnotes/relstat.html,
 * "Amino acid composition"; values of the 2020s releases, which change only in the second
 * decimal between releases). They sum to 99.93%; we renormalise.
 *
 * The table was written from memory (offline), so it is checked against real sequences on
 * this machine (`test/unit/tasks/composition.test.ts`, notebook 06): the pooled counts of
 * 100 Swiss-Prot entries (37,224 standard residues, 2012) from Debian's emboss-test package
 * (`datasets/composition/`, counts only) differ from the renormalised table by at most
 * 1.07 percentage points (S: 7.72% observed against 6.65%), mean |difference| 0.38 points;
 * next come K (−0.84), R (−0.63), P (+0.59), C (+0.57) and E (−0.56). That sample is not random
 * (29 flavodoxins, opsins and other membrane receptors, 27 pufferfish proteins), so differences
 * of this size are expected: its bootstrap standard errors over proteins are 0.1–0.4 points,
 * and the largest relative gaps, C (+41%) and W (+37%), are the residues that membrane
 * receptors are rich in. A mistyped or swapped entry would stand out (swapping the S and W
 * entries would make the largest difference 6.6 points). The five zinc fingers of
 * `datasets/pdb` (157 residues) are no background sample: DNA-binding R 14.6% and
 * zinc-binding H 9.6% and C 7.0%, against 5.5%, 2.3% and 1.4% in the table.
 */
import { RnnlabError, badArgument, requireInt, requireOneOf, requireString } from "../core/errors";
import { Rng, rngOrDefault } from "../core/random";
import { checkOptions, requireAllocation, requireOptions } from "../core/options";
import { requireIntArray, requireRecords } from "../core/argChecks";

/** The 20 amino acids in one-letter code, alphabetical. Symbol index = position here. */
export const AMINO_ACIDS = "ACDEFGHIKLMNPQRSTVWY";

/** Percent composition of UniProtKB/Swiss-Prot (see the module comment for the source). */
export const SWISSPROT_COMPOSITION: Readonly<Record<string, number>> = {
  A: 8.25, C: 1.38, D: 5.46, E: 6.72, F: 3.86, G: 7.07, H: 2.27, I: 5.91, K: 5.8, L: 9.65,
  M: 2.41, N: 4.06, P: 4.74, Q: 3.93, R: 5.53, S: 6.65, T: 5.36, V: 6.86, W: 1.1, Y: 2.92,
};

/** Which residue pair decides the label. */
export type ProteinInteraction = "salt-bridge" | "disulfide";

/** Configuration of the synthetic protein task. */
export interface ProteinTaskConfig {
  /** Distance in residues between the two sites (>= 1). The dial. */
  separation: number;
  /** Residues before site₁ (and after site₂ by default), >= 0 (default 2). */
  flank?: number;
  /** Total length (default separation + 1 + 2·flank); must be > flank + separation. */
  length?: number;
  /** "salt-bridge" (default, XOR of charges) or "disulfide" (leaky; see module comment). */
  interaction?: ProteinInteraction;
}

/** One synthetic protein. */
export interface ProteinExample {
  /** Residue indices into AMINO_ACIDS. */
  tokens: number[];
  /** Sequence-level label: 1 when the two sites interact. */
  label: 0 | 1;
  /** Per-residue label: 1 at both sites of a formed bond, 0 elsewhere. */
  residueLabels: number[];
  /** The two site positions (0-based). */
  sites: [number, number];
}

const POSITIVE = ["K", "R"];
const NEGATIVE = ["D", "E"];

/** The one-letter string of a protein's tokens. */
export function proteinString(tokens: readonly number[]): string {
  requireIntArray("proteinString", "tokens", tokens, 0, AMINO_ACIDS.length - 1);
  return tokens.map((t) => AMINO_ACIDS[t]).join("");
}

/** Background probabilities over AMINO_ACIDS (normalised), optionally without some residues. */
export function backgroundProbabilities(exclude = ""): Float64Array {
  requireString("backgroundProbabilities", "exclude", exclude, true);
  for (const ch of exclude) if (!AMINO_ACIDS.includes(ch)) badArgument("backgroundProbabilities", "exclude", `one-letter amino-acid codes from "${AMINO_ACIDS}"`, exclude);
  if ([...AMINO_ACIDS].every((a) => exclude.includes(a))) badArgument("backgroundProbabilities", "exclude", "a string that leaves at least one amino acid", exclude);
  const p = new Float64Array(20);
  let total = 0;
  for (let i = 0; i < 20; i++) {
    const a = AMINO_ACIDS[i];
    p[i] = exclude.includes(a) ? 0 : SWISSPROT_COMPOSITION[a];
    total += p[i];
  }
  for (let i = 0; i < 20; i++) p[i] /= total;
  return p;
}

/** Validated geometry of the task: sites and length. */
function proteinTaskLayout(config: ProteinTaskConfig): { site1: number; site2: number; length: number; flank: number } {
  const where = "generateProteins";
  requireOptions(where, config, ["separation", "flank", "length", "interaction"], { name: "config", expected: "an object { separation, ... }" });
  const sep = config.separation;
  if (typeof sep === "number" && sep < 0) badArgument(where, "separation", "a positive distance in residues", sep);
  requireInt(where, "separation", sep, 1);
  const flank = requireInt(where, "flank", config.flank ?? 2, 0);
  const length = config.length ?? sep + 1 + 2 * flank;
  if (typeof length === "number" && length < 0) badArgument(where, "length", "a non-negative length", length);
  requireInt(where, "length", length, 2);
  if (flank + sep >= length) {
    throw new RnnlabError(
      `${where}: separation ${sep} does not fit in a sequence of length ${length} with flank ${flank}: ` +
        `site₂ = flank + separation = ${flank + sep} must be < length; use separation <= ${length - 1 - flank}`,
    );
  }
  return { site1: flank, site2: flank + sep, length, flank };
}

/**
 * Generates `n` synthetic proteins (exactly ⌈n/2⌉ positives), see the module comment.
 */
export function generateProteins(n: number, config: ProteinTaskConfig, rng?: Rng): ProteinExample[] {
  checkOptions("generateProteins", config, ["separation", "flank", "length", "interaction"], { name: "config" });
  const where = "generateProteins";
  requireInt(where, "n", n, 1);
  const { site1, site2, length } = proteinTaskLayout(config);
  const interaction = requireOneOf(where, "interaction", config.interaction ?? "salt-bridge", ["salt-bridge", "disulfide"] as const);
  requireAllocation(where, "n", n * length * 3);
  const r = rngOrDefault(rng, where);
  const bg = backgroundProbabilities(interaction === "disulfide" ? "C" : "");
  const indices = Array.from({ length: 20 }, (_, i) => i);
  const idx = (a: string) => AMINO_ACIDS.indexOf(a);
  const nPos = Math.ceil(n / 2);
  const out: ProteinExample[] = [];
  for (let e = 0; e < n; e++) {
    const label: 0 | 1 = e < nPos ? 1 : 0;
    const tokens = new Array<number>(length);
    for (let i = 0; i < length; i++) tokens[i] = r.choice(indices, bg);
    let a: string;
    let b: string;
    if (interaction === "salt-bridge") {
      const sign1 = r.bernoulli(0.5);
      const sign2 = label === 1 ? !sign1 : sign1; // opposite charges bond
      a = r.choice(sign1 ? POSITIVE : NEGATIVE);
      b = r.choice(sign2 ? POSITIVE : NEGATIVE);
    } else if (label === 1) {
      a = "C";
      b = "C";
    } else {
      [a, b] = r.bernoulli(0.5) ? ["C", "S"] : ["S", "C"];
    }
    tokens[site1] = idx(a);
    tokens[site2] = idx(b);
    const residueLabels = new Array<number>(length).fill(0);
    if (label === 1) residueLabels[site1] = residueLabels[site2] = 1;
    out.push({ tokens, label, residueLabels, sites: [site1, site2] });
  }
  return r.shuffle(out);
}

/** Checks an amino-acid composition argument (used by tests and notebooks). */
export function compositionOf(examples: readonly { tokens: number[] }[], skipPositions: readonly number[] = []): Float64Array {
  const where = "compositionOf";
  requireRecords<{ tokens: number[] }>(where, "examples", examples, "examples {tokens}").forEach((e, i) =>
    requireIntArray(where, `examples[${i}].tokens`, e.tokens, 0, AMINO_ACIDS.length - 1),
  );
  requireIntArray(where, "skipPositions", skipPositions, 0, Number.MAX_SAFE_INTEGER);
  const counts = new Float64Array(20);
  let total = 0;
  for (const e of examples) {
    e.tokens.forEach((t, i) => {
      if (skipPositions.includes(i)) return;
      counts[t]++;
      total++;
    });
  }
  if (total < 1) badArgument("compositionOf", "examples", "examples with at least one residue outside skipPositions", examples);
  for (let i = 0; i < 20; i++) counts[i] /= total;
  return counts;
}
