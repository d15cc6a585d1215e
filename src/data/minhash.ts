/**
 * Near-duplicate detection by MinHash with one-permutation hashing (Li, Owen & Zhang 2012) and
 * banded LSH. Shingles are word 3-grams of the normalised text (the whole text when shorter).
 *
 * K = 32 bins, in B = 8 bands of R = 4 rows: a pair with Jaccard similarity s becomes a candidate with
 * probability 1 - (1 - s^4)^8 — 0.985 at s = 0.8, 0.44 at s = 0.5. Candidates are then kept only when
 * their estimated Jaccard similarity (the share of equal bins) reaches the threshold
 * (policy.near_duplicate_jaccard, 0.8 by default).
 */
export const MINHASH_BINS = 32
export const LSH_BANDS = 8
export const LSH_ROWS = 4

const EMPTY = 0xffffffff

/** FNV-1a (32-bit) of a word: the per-word hash the shingles are built from. */
function wordHash(word: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619)
  return h >>> 0
}

/** The hash of the i-th shingle (word 3-gram, or all words when fewer than three). */
function shingleHash(hashes: number[], i: number, n: number): number {
  if (n < 3) {
    let h = hashes[0] ?? 0
    for (let j = 1; j < n; j++) h = Math.imul(h ^ hashes[j]!, 0x9e3779b1) >>> 0
    return h
  }
  const h =
    Math.imul(
      hashes[i]! ^ Math.imul(hashes[i + 1]!, 0x85ebca6b) ^ Math.imul(hashes[i + 2]!, 0xc2b2ae35),
      0x27d4eb2f
    ) >>> 0
  return (h ^ (h >>> 15)) >>> 0
}

/** Fills empty bins from the next non-empty bin (rotation densification), so short texts still compare. */
function densify(sig: Uint32Array): void {
  for (let b = 0; b < MINHASH_BINS; b++) {
    if (sig[b] !== EMPTY) continue
    for (let k = 1; k < MINHASH_BINS; k++) {
      const v = sig[(b + k) % MINHASH_BINS]!
      if (v !== EMPTY) {
        sig[b] = (v + k * 0x61c88647) >>> 5
        break
      }
    }
  }
}

/** The MinHash signature of a normalised text, or null when it is empty. The reference for the
 * WebAssembly scanner (text-scan.wat), which computes the same signature in its own pass. */
export function signature(normalised: string): Uint32Array | null {
  if (normalised === '') return null
  const hashes = normalised.split(' ').map(wordHash)
  const n = hashes.length
  const sig = new Uint32Array(MINHASH_BINS).fill(EMPTY)
  const shingles = n < 3 ? 1 : n - 2
  for (let i = 0; i < shingles; i++) {
    const h = shingleHash(hashes, i, n)
    const bin = h & (MINHASH_BINS - 1)
    const value = h >>> 5
    if (value < sig[bin]!) sig[bin] = value
  }
  densify(sig)
  return sig
}

/** Estimated Jaccard similarity of two signatures: the share of equal bins. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0
  for (let i = 0; i < MINHASH_BINS; i++) if (a[i] === b[i]) same++
  return same / MINHASH_BINS
}

/** The LSH bucket key of one band of a signature (NearDuplicateIndex in text-scan.ts hashes it the same way). */
export function bandKey(sig: Uint32Array, band: number): number {
  const o = band * LSH_ROWS
  let h = Math.imul(band + 1, 0x9e3779b1)
  for (let r = 0; r < LSH_ROWS; r++) h = Math.imul(h ^ sig[o + r]!, 0x85ebca6b) ^ (h >>> 13)
  // 30 bits: a small integer, which a Map hashes without allocating. A bucket shared by chance only
  // adds a candidate, and every candidate is compared bin by bin.
  return (h ^ (h >>> 15)) & 0x3fffffff
}
