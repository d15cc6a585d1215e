import { hash53 } from './hash-index.js'

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

/** The MinHash signature of a normalised text, or null when it has no words. */
export function signature(normalised: string): Uint32Array | null {
  const words = normalised.split(' ')
  if (words.length === 0 || (words.length === 1 && words[0] === '')) return null
  const sig = new Uint32Array(MINHASH_BINS).fill(EMPTY)
  const hashes = words.map(w => hash53(w) >>> 0)
  const n = hashes.length
  const shingles = n < 3 ? 1 : n - 2
  for (let i = 0; i < shingles; i++) {
    let h: number
    if (n < 3) {
      h = hashes[0]!
      for (let j = 1; j < n; j++) h = Math.imul(h ^ hashes[j]!, 0x9e3779b1) >>> 0
    } else {
      h = Math.imul(hashes[i]! ^ Math.imul(hashes[i + 1]!, 0x85ebca6b) ^ Math.imul(hashes[i + 2]!, 0xc2b2ae35), 0x27d4eb2f) >>> 0
      h = (h ^ (h >>> 15)) >>> 0
    }
    const bin = h & (MINHASH_BINS - 1)
    const value = h >>> 5
    if (value < sig[bin]!) sig[bin] = value
  }
  // Densification: an empty bin borrows the next non-empty bin's value (rotation), so short texts still compare.
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
  return sig
}

/** Estimated Jaccard similarity of two signatures: the share of equal bins. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0
  for (let i = 0; i < MINHASH_BINS; i++) if (a[i] === b[i]) same++
  return same / MINHASH_BINS
}

function bandKey(sig: Uint32Array, band: number): string {
  const o = band * LSH_ROWS
  return `${band}:${sig[o]}:${sig[o + 1]}:${sig[o + 2]}:${sig[o + 3]}`
}

/** An LSH index of signatures; query returns the best match over the threshold. */
export class LshIndex<T> {
  private readonly buckets = new Map<string, number[]>()
  private readonly signatures: Uint32Array[] = []
  private readonly items: T[] = []

  add(sig: Uint32Array, item: T): void {
    const idx = this.signatures.push(sig) - 1
    this.items.push(item)
    for (let b = 0; b < LSH_BANDS; b++) {
      const key = bandKey(sig, b)
      const list = this.buckets.get(key)
      if (list) list.push(idx)
      else this.buckets.set(key, [idx])
    }
  }

  get size(): number {
    return this.items.length
  }

  /** The most similar indexed item with estimated Jaccard >= threshold, or undefined. */
  query(sig: Uint32Array, threshold: number): { item: T; similarity: number } | undefined {
    let best: { item: T; similarity: number } | undefined
    const seen = new Set<number>()
    for (let b = 0; b < LSH_BANDS; b++) {
      const list = this.buckets.get(bandKey(sig, b))
      if (!list) continue
      for (const idx of list) {
        if (seen.has(idx)) continue
        seen.add(idx)
        const s = estimatedJaccard(sig, this.signatures[idx]!)
        if (s >= threshold && (!best || s > best.similarity)) best = { item: this.items[idx]!, similarity: s }
      }
    }
    return best
  }
}
