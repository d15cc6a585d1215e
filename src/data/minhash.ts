
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
export function wordHash(word: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619)
  return h >>> 0
}

/** The hash of the i-th shingle (word 3-gram, or all words when fewer than three). */
export function shingleHash(hashes: ArrayLike<number>, i: number, n: number): number {
  if (n < 3) {
    let h = hashes[0] ?? 0
    for (let j = 1; j < n; j++) h = Math.imul(h ^ hashes[j]!, 0x9e3779b1) >>> 0
    return h
  }
  const h = Math.imul(hashes[i]! ^ Math.imul(hashes[i + 1]!, 0x85ebca6b) ^ Math.imul(hashes[i + 2]!, 0xc2b2ae35), 0x27d4eb2f) >>> 0
  return (h ^ (h >>> 15)) >>> 0
}

/** Fills empty bins from the next non-empty bin (rotation densification), so short texts still compare. */
export function densify(sig: Uint32Array): void {
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

/** Fills `sig` with the signature of a text given as its first `n` word hashes (at least one word). */
export function signatureOfWords(hashes: ArrayLike<number>, n: number, sig: Uint32Array): void {
  sig.fill(EMPTY)
  const shingles = n < 3 ? 1 : n - 2
  for (let i = 0; i < shingles; i++) {
    const h = shingleHash(hashes, i, n)
    const bin = h & (MINHASH_BINS - 1)
    const value = h >>> 5
    if (value < sig[bin]!) sig[bin] = value
  }
  densify(sig)
}

/** The MinHash signature of a normalised text, or null when it is empty. */
export function signature(normalised: string): Uint32Array | null {
  if (normalised === '') return null
  const sig = new Uint32Array(MINHASH_BINS)
  const words = normalised.split(' ').map(wordHash)
  signatureOfWords(words, words.length, sig)
  return sig
}

/** Estimated Jaccard similarity of two signatures: the share of equal bins. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0
  for (let i = 0; i < MINHASH_BINS; i++) if (a[i] === b[i]) same++
  return same / MINHASH_BINS
}

function bandKey(sig: Uint32Array, band: number): number {
  const o = band * LSH_ROWS
  let h = Math.imul(band + 1, 0x9e3779b1)
  for (let r = 0; r < LSH_ROWS; r++) h = Math.imul(h ^ sig[o + r]!, 0x85ebca6b) ^ (h >>> 13)
  // 30 bits: a small integer, which a Map hashes without allocating. A bucket shared by chance only
  // adds a candidate, and every candidate is compared bin by bin.
  return (h ^ (h >>> 15)) & 0x3fffffff
}

/**
 * An LSH index of signatures; query returns the best match over the threshold. Buckets live in typed
 * arrays (open addressing, chains in insertion order): a query is eight probes with no allocation.
 */
export class LshIndex<T> {
  private signatures = new Uint32Array(64 * MINHASH_BINS)
  private readonly items: T[] = []
  // Bucket table: key (-1 when free), first and last entry of its chain.
  private keys = new Int32Array(64).fill(-1)
  private heads = new Int32Array(64)
  private tails = new Int32Array(64)
  private buckets = 0
  // Entries: the indexed item and the next entry of the same bucket (-1 at the end).
  private entryItem = new Int32Array(256)
  private entryNext = new Int32Array(256)
  private entries = 0
  private stamps = new Int32Array(0)
  private stamp = 0

  add(sig: Uint32Array, item: T): void {
    const idx = this.items.push(item) - 1
    if ((idx + 1) * MINHASH_BINS > this.signatures.length) {
      const bigger = new Uint32Array(this.signatures.length * 2)
      bigger.set(this.signatures)
      this.signatures = bigger
    }
    this.signatures.set(sig.subarray(0, MINHASH_BINS), idx * MINHASH_BINS)
    for (let b = 0; b < LSH_BANDS; b++) this.link(bandKey(sig, b), idx)
  }

  get size(): number {
    return this.items.length
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1
    let i = Math.imul(key, 0x9e3779b1) & mask
    while (this.keys[i] !== -1 && this.keys[i] !== key) i = (i + 1) & mask
    return i
  }

  private link(key: number, idx: number): void {
    if ((this.buckets + 1) * 2 > this.keys.length) this.rehash()
    if (this.entries === this.entryItem.length) {
      const item = new Int32Array(this.entries * 2)
      const next = new Int32Array(this.entries * 2)
      item.set(this.entryItem)
      next.set(this.entryNext)
      this.entryItem = item
      this.entryNext = next
    }
    const e = this.entries++
    this.entryItem[e] = idx
    this.entryNext[e] = -1
    const s = this.slot(key)
    if (this.keys[s] === -1) {
      this.keys[s] = key
      this.heads[s] = e
      this.buckets++
    } else this.entryNext[this.tails[s]!] = e
    this.tails[s] = e
  }

  private rehash(): void {
    const { keys, heads, tails } = this
    this.keys = new Int32Array(keys.length * 2).fill(-1)
    this.heads = new Int32Array(keys.length * 2)
    this.tails = new Int32Array(keys.length * 2)
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === -1) continue
      const s = this.slot(keys[i]!)
      this.keys[s] = keys[i]!
      this.heads[s] = heads[i]!
      this.tails[s] = tails[i]!
    }
  }

  /** The most similar indexed item with estimated Jaccard >= threshold, or undefined. */
  query(sig: Uint32Array, threshold: number): { item: T; similarity: number } | undefined {
    if (this.items.length === 0) return undefined
    if (this.stamps.length < this.items.length) this.stamps = new Int32Array(this.items.length * 2)
    const stamp = ++this.stamp
    const needed = Math.ceil(threshold * MINHASH_BINS - 1e-9)
    const allowedMisses = MINHASH_BINS - needed
    const signatures = this.signatures
    let bestIdx = -1
    let bestSame = needed - 1
    for (let b = 0; b < LSH_BANDS; b++) {
      const s = this.slot(bandKey(sig, b))
      if (this.keys[s] === -1) continue
      for (let e = this.heads[s]!; e !== -1; e = this.entryNext[e]!) {
        const idx = this.entryItem[e]!
        if (this.stamps[idx] === stamp) continue
        this.stamps[idx] = stamp
        const o = idx * MINHASH_BINS
        let misses = 0
        let i = 0
        for (; i < MINHASH_BINS && misses <= allowedMisses; i++) if (sig[i] !== signatures[o + i]) misses++
        const same = MINHASH_BINS - misses
        if (i === MINHASH_BINS && misses <= allowedMisses && same > bestSame) {
          bestSame = same
          bestIdx = idx
        }
      }
    }
    return bestIdx < 0 ? undefined : { item: this.items[bestIdx]!, similarity: bestSame / MINHASH_BINS }
  }
}
