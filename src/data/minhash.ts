/**
 * Near-duplicate detection by MinHash with one-permutation hashing (Li, Owen & Zhang 2012) and
 * banded LSH. Shingles are word 3-grams of the normalised text (the whole text when shorter).
 *
 * K = 32 bins, in B = 8 bands of R = 4 rows: a pair with Jaccard similarity s becomes a candidate with
 * probability 1 - (1 - s^4)^8 — 0.985 at s = 0.8, 0.44 at s = 0.5. Candidates are then kept only when
 * their estimated Jaccard similarity (the share of equal bins) reaches the threshold
 * (policy.near_duplicate_jaccard, 0.8 by default).
 *
 * The hashing itself is written once, in the text scanner (text-scan.ts): signature() and bandKey() here
 * run that same code on a normalised text, as the fused TextScanner does on raw text.
 */
import { MINHASH_BINS, signatureOfNormalised } from './text-scan.js'

export { bandKey, LSH_BANDS, LSH_ROWS, MINHASH_BINS } from './text-scan.js'

/** The MinHash signature of a normalised text (normaliseText in hash-index.ts), or null when it is empty. */
export function signature(normalised: string): Uint32Array | null {
  return signatureOfNormalised(normalised)
}

/** Estimated Jaccard similarity of two signatures: the share of equal bins. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0
  for (let i = 0; i < MINHASH_BINS; i++) if (a[i] === b[i]) same++
  return same / MINHASH_BINS
}
