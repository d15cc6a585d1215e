// Tunegate's text scanner: the one implementation of the normalised-text hash lanes, the word hashes, the MinHash
// signature, the LSH query and the duplicate-key count. Hand-written: no library fuses these passes over a text.
// It was AssemblyScript compiled to WebAssembly until `npm run bench -- text-scan` measured that at 1.26 times
// this TypeScript alone and 1.05 times on the row checks' hot path (the bar was 1.5): see README, Benchmarks.
import { PII_ANY, PII_NUMERIC, PII_NUMERIC_SEEN } from './pii.js'

/** Bins of a MinHash signature (a power of two: a hash picks its bin by its low bits); minhash.ts explains the shape. */
export const MINHASH_BINS = 32
/** LSH bands of a signature. */
export const LSH_BANDS = 8
/** Bins per LSH band (LSH_BANDS * LSH_ROWS = MINHASH_BINS). */
export const LSH_ROWS = 4

/** Per ASCII code: its lower-case code, or 32 for JavaScript's \s (tab, line breaks, vertical tab, form feed, space). */
const LOWER = new Uint8Array(128)
/** Per ASCII code: what it can start or continue in personal data (findPii's hints in pii.ts). */
const FLAGS = new Uint8Array(128)
/** Per ASCII code: whether it can come before '-' in a secret's prefix: xox[abprs]-, sk-, -----. */
const BEFORE_DASH = new Uint8Array(128)
/** A digit; six joined by single separators are NUMERIC_HINT: /\d(?:[ .()-]?\d){5}/. */
const DIGIT = 1
/** Joins digits in NUMERIC_HINT. */
const SEPARATOR = 2
/** '@' (emails), '_' (gh?_, github_pat_, sk_live_), '-' (xox?-, sk-, -----BEGIN), 'K' and 'I' (AKIA, AIza). */
const SPECIAL = 4
/** findPii's families (PII_EMAIL, PII_NUMERIC, PII_SECRET in pii.ts). */
const FAMILY_EMAIL = 1
const FAMILY_NUMERIC = 2
const FAMILY_SECRET = 4
for (let c = 0; c < 128; c++) LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c
for (let c = 9; c <= 13; c++) LOWER[c] = 32
LOWER[32] = 32
for (let c = 48; c <= 57; c++) FLAGS[c] = DIGIT
for (const c of ' .()') FLAGS[c.charCodeAt(0)] = SEPARATOR
FLAGS[45] = SEPARATOR | SPECIAL // '-'
for (const c of '@_KI') FLAGS[c.charCodeAt(0)] = SPECIAL
for (const c of 'abprsk-') BEFORE_DASH[c.charCodeAt(0)] = 1

// cyrb53's two lanes (hash53 in hash-index.ts, finished by finish() below) and FNV-1a for the words.
const H1_SEED = 0xdeadbeef
const H2_SEED = 0x41c6ce57
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 16777619
/** An empty MinHash bin. */
const EMPTY = 0xffffffff

/**
 * A UTF-16 code unit as the normalised text sees it: 32 when it is JavaScript's \s beyond ASCII (no-break, Ogham,
 * the U+2000 spaces, line and paragraph separators, narrow no-break, medium mathematical, ideographic, BOM; after
 * NFKC only Ogham, the separators and the BOM are left, the rest kept to match \s exactly), else itself.
 */
function class16(u: number): number {
  if (u < 128) return LOWER[u]!
  const space =
    u === 0xa0 ||
    u === 0x1680 ||
    (u >= 0x2000 && u <= 0x200a) ||
    u === 0x2028 ||
    u === 0x2029 ||
    u === 0x202f ||
    u === 0x205f ||
    u === 0x3000 ||
    u === 0xfeff
  return space ? 32 : u
}

/**
 * The word hashes and hash lanes of one scan: the state the scanning functions below share. `words` grows to one
 * hash per two characters plus one (the most words a text can have), kept between scans.
 */
class ScanState {
  words = new Uint32Array(1024)
  h1 = 0
  h2 = 0
  families = 0

  room(length: number): void {
    if (this.words.length < (length >> 1) + 2)
      this.words = new Uint32Array(Math.max((length >> 1) + 2, 2 * this.words.length))
  }
}

/**
 * Scans a text: the hash lanes of its normalised form (lower case, whitespace runs as one space, trimmed) go to
 * `s`, each word's FNV-1a hash to `s.words`; returns the number of words. `ascii`: the text is taken as it is and
 * its personal-data families go to `s` too, or -1 is returned when it is not ASCII (which NFKC could change);
 * otherwise the text must be normalised (NFKC) and lower-cased already, and gets no personal-data hints (the
 * caller assumes all families). One function for both, so that the two cannot hash differently.
 */
function scanText(text: string, s: ScanState, ascii: boolean): number {
  s.room(text.length)
  const words = s.words
  let h1 = H1_SEED
  let h2 = H2_SEED
  let w = FNV_OFFSET
  let n = 0
  let families = 0
  let numeric = 0 // 0: not after a digit; 1: after a digit; 2: after a digit and one separator
  let run = 0
  let prev = 0
  // Trailing whitespace is never part of the normalised text: stop before it.
  let end = text.length
  while (end > 0) {
    const c = text.charCodeAt(end - 1)
    if (ascii && c > 127) return -1
    if (class16(c) !== 32) break
    end--
  }
  // Leading whitespace is skipped as if it followed whitespace.
  let prevSpace = true
  for (let i = 0; i < end; i++) {
    const raw = text.charCodeAt(i)
    let c: number
    if (ascii) {
      if (raw > 127) return -1
      const f = FLAGS[raw]!
      // Only a digit or a special character, or whatever follows a digit, can change the personal-data state.
      if ((f & (DIGIT | SPECIAL)) | numeric) {
        if (f === 0) numeric = 0
        else if (f & DIGIT) {
          run = numeric === 0 ? 1 : run + 1
          numeric = 1
          if (run >= 6) families |= FAMILY_NUMERIC
        } else {
          numeric = f & SEPARATOR && numeric === 1 ? 2 : 0
          if (f & SPECIAL) {
            if (raw === 64) families |= FAMILY_EMAIL
            else if (raw === 95 || (raw === 45 && BEFORE_DASH[prev]) || (prev === 65 && (raw === 75 || raw === 73)))
              families |= FAMILY_SECRET
          }
        }
      }
      prev = raw
      c = LOWER[raw]!
    } else c = class16(raw)
    const space = c === 32
    // The hash takes every character but whitespace after whitespace: one space between words.
    if (!(space && prevSpace)) {
      h1 = Math.imul(h1 ^ c, 2654435761)
      h2 = Math.imul(h2 ^ c, 1597334677)
    }
    if (space) {
      if (!prevSpace) words[n++] = w
      w = FNV_OFFSET
    } else w = Math.imul(w ^ c, FNV_PRIME)
    prevSpace = space
  }
  // The text (trimmed) ends with a word, unless it was all whitespace.
  if (end > 0) words[n++] = w
  s.h1 = h1
  s.h2 = h2
  s.families = families
  return n
}

/**
 * The MinHash signature of the first n (at least one) word hashes, into `sig`: one-permutation hashing (Li, Owen
 * & Zhang 2012) of word 3-grams (all words as one shingle when fewer than three) into MINHASH_BINS bins, then
 * rotation densification (an empty bin takes the next non-empty bin's value, mixed with the distance), so short
 * texts still compare.
 */
function signWords(words: Uint32Array, n: number, sig: Uint32Array): void {
  sig.fill(EMPTY)
  const shingles = n < 3 ? 1 : n - 2
  for (let i = 0; i < shingles; i++) {
    let h: number
    if (n < 3) {
      h = words[0]!
      for (let j = 1; j < n; j++) h = Math.imul(h ^ words[j]!, 0x9e3779b1)
    } else {
      h = Math.imul(words[i]! ^ Math.imul(words[i + 1]!, 0x85ebca6b) ^ Math.imul(words[i + 2]!, 0xc2b2ae35), 0x27d4eb2f)
      h ^= h >>> 15
    }
    const bin = h & (MINHASH_BINS - 1)
    const value = h >>> 5
    if (value < sig[bin]!) sig[bin] = value
  }
  for (let b = 0; b < MINHASH_BINS; b++) {
    if (sig[b] !== EMPTY) continue
    for (let k = 1; k < MINHASH_BINS; k++) {
      const v = sig[(b + k) & (MINHASH_BINS - 1)]!
      if (v !== EMPTY) {
        sig[b] = (v + Math.imul(k, 0x61c88647)) >>> 5
        break
      }
    }
  }
}

/** cyrb53's finish: the two lanes into a 53-bit hash (as hash53 in hash-index.ts). */
function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

const shared = new ScanState()

/** The MinHash signature of a text already normalised (normaliseText in hash-index.ts), or null when it is empty. */
export function signatureOfNormalised(normalised: string): Uint32Array | null {
  const words = scanText(normalised, shared, false)
  if (words === 0) return null
  const sig = new Uint32Array(MINHASH_BINS)
  signWords(shared.words, words, sig)
  return sig
}

/** The LSH bucket key of one band of a signature: its LSH_ROWS bins mixed, 30 bits. */
export function bandKey(sig: Uint32Array, band: number): number {
  let h = Math.imul(band + 1, 0x9e3779b1)
  for (let r = 0; r < LSH_ROWS; r++) h = Math.imul(h ^ sig[band * LSH_ROWS + r]!, 0x85ebca6b) ^ (h >>> 13)
  // 30 bits: a small integer, which a JavaScript Map hashes without allocating.
  return (h ^ (h >>> 15)) & 0x3fffffff
}

/** Past this, a run of lines has its key marks counted by parseJsonLine instead (see keyMarksPerLine). */
const KEY_MARKS_MAX_BYTES = 256 * 1024

/** keyMarksPerLine's counts, reused between runs (KEY_MARKS_MAX_BYTES bounds it). */
let lineCounts = new Int32Array(4096)

/** keyMarksPerLine's count for a line with whitespace between a quote and a colon: the exact scan must run. */
export const KEY_GAP_MARK = -1

/**
 * The number of '":' pairs in each line of a run of whole lines (UTF-8, each ending with '\n'), for
 * parseJsonLine's duplicate-key check; with `gaps`, KEY_GAP_MARK instead for a line where whitespace separates a
 * quote from a colon (so parseJsonLine need not search each line for one). Undefined for a run over
 * KEY_MARKS_MAX_BYTES (a long line), so that the counts never take more than a bounded array.
 */
export function keyMarksPerLine(bytes: Uint8Array, gaps = false): Int32Array | undefined {
  if (bytes.length > KEY_MARKS_MAX_BYTES) return undefined
  // At most one line per byte.
  if (lineCounts.length < bytes.length) lineCounts = new Int32Array(Math.max(bytes.length, 2 * lineCounts.length))
  const counts = lineCounts
  let lines = 0
  let count = 0
  let gap = false
  const last = bytes.length - 1
  for (let i = 0; i <= last; i++) {
    const c = bytes[i]!
    if (c === 10) {
      counts[lines++] = gap ? KEY_GAP_MARK : count
      count = 0
      gap = false
    } else if (c === 34 && i < last) {
      const next = bytes[i + 1]!
      if (next === 58) count++
      else if (gaps && (next === 32 || next === 9 || next === 13)) {
        // A quote, whitespace, a colon: a key written as `"a" : 1` hides its pair (parseJsonLine's KEY_GAP).
        let j = i + 2
        while (j <= last && (bytes[j] === 32 || bytes[j] === 9 || bytes[j] === 13)) j++
        if (j <= last && bytes[j] === 58) gap = true
      }
    }
  }
  return counts.slice(0, lines)
}

/**
 * One pass over a text that yields everything the row checks need: the hash of its normalised form
 * (NFKC, lower case, whitespace collapsed — the same value as hash53(normaliseText(text))), its MinHash
 * signature over word 3-grams (the same as signature(normaliseText(text))), and which personal-data
 * patterns it can match (none: findPii(text) finds nothing and need not run). Fused because these were
 * several passes and the largest cost of validating a large dataset (`npm run bench -- text-scan` measures the
 * fused scan against those passes). ASCII text, the common case, is scanned as it is; other text after NFKC and
 * lower-casing.
 */
export class TextScanner {
  /** cyrb53 of the normalised text. */
  hash = 0
  /** MinHash signature of the normalised text (reused between calls; copy it to keep it). */
  readonly signature = new Uint32Array(MINHASH_BINS)
  hasSignature = false
  /** The findPii families the text can match (0: findPii is certain to find nothing), with PII_NUMERIC_SEEN. */
  piiFamilies = 0
  private readonly state = new ScanState()

  /** Scans a text; `withSignature` also computes the MinHash signature. */
  scan(text: string, withSignature: boolean): void {
    const s = this.state
    let count = scanText(text, s, true)
    if (count >= 0) {
      // On ASCII text the numeric family is exactly NUMERIC_HINT's match (six digits joined by single separators).
      this.piiFamilies = s.families & PII_NUMERIC ? s.families | PII_NUMERIC_SEEN : s.families
    } else {
      // NFKC changes only non-ASCII text: such text is normalised here, then scanned; findPii uses its own
      // hints on it.
      count = scanText(text.normalize('NFKC').toLowerCase(), s, false)
      this.piiFamilies = PII_ANY
    }
    this.hash = finish(s.h1, s.h2)
    this.hasSignature = false
    // An empty text has no signature, as signature('') is null.
    if (!withSignature || count === 0) return
    signWords(s.words, count, this.signature)
    this.hasSignature = true
  }
}

/**
 * A near-duplicate index of MinHash signatures (banded LSH, as described in minhash.ts): the best indexed item
 * whose estimated Jaccard similarity reaches the threshold. Built once (the eval split's inputs), queried for
 * every train row. Its buckets are an open-addressing table in typed arrays (a bucket's entries chained through
 * `nexts`), not a Map of arrays: a query allocates nothing and the index takes a few arrays however large.
 */
export class NearDuplicateIndex<T> {
  private readonly items: T[] = []
  /** MINHASH_BINS per item. */
  private readonly sigs: Uint32Array
  /** Per slot: the band key held (-1: free) and the first entry of its bucket. */
  private readonly keys: Int32Array
  private readonly heads: Int32Array
  /** Per entry (an item in one band's bucket): its item and the next entry of the bucket (-1: the last). */
  private readonly entryItems: Int32Array
  private readonly nexts: Int32Array
  /** Per item: the query that last compared it, so that an item found in several bands is compared once. */
  private readonly stamps: Int32Array
  private stamp = 0
  private readonly mask: number

  constructor(entries: readonly { signature: Uint32Array; item: T }[]) {
    const n = entries.length
    const links = n * LSH_BANDS
    const slots = 1 << Math.ceil(Math.log2(Math.max(64, 2 * links)))
    this.mask = slots - 1
    this.sigs = new Uint32Array(n * MINHASH_BINS)
    this.keys = new Int32Array(slots).fill(-1)
    this.heads = new Int32Array(slots)
    this.entryItems = new Int32Array(links)
    this.nexts = new Int32Array(links)
    this.stamps = new Int32Array(n)
    const tails = new Int32Array(slots)
    let e = 0
    entries.forEach(({ signature, item }, idx) => {
      this.items.push(item)
      this.sigs.set(signature.subarray(0, MINHASH_BINS), idx * MINHASH_BINS)
      for (let b = 0; b < LSH_BANDS; b++) {
        const key = bandKey(signature, b)
        const slot = this.slotOf(key)
        this.entryItems[e] = idx
        this.nexts[e] = -1
        if (this.keys[slot] === -1) {
          this.keys[slot] = key
          this.heads[slot] = e
        } else this.nexts[tails[slot]!] = e
        tails[slot] = e
        e++
      }
    })
  }

  /** The slot of a band key: the one holding it, or the free one where it would go. */
  private slotOf(key: number): number {
    const keys = this.keys
    let slot = Math.imul(key, 0x9e3779b1) & this.mask
    while (keys[slot] !== -1 && keys[slot] !== key) slot = (slot + 1) & this.mask
    return slot
  }

  get size(): number {
    return this.items.length
  }

  /**
   * The most similar indexed item with estimated Jaccard >= threshold, or undefined. Every item that shares a band
   * is compared bin by bin, once; of those with the most equal bins, the first found (by band, then bucket order).
   */
  query(sig: Uint32Array, threshold: number): { item: T; similarity: number } | undefined {
    if (this.items.length === 0) return undefined
    const needed = Math.ceil(threshold * MINHASH_BINS - 1e-9)
    const allowed = MINHASH_BINS - needed
    if (++this.stamp === 0x7fffffff) {
      this.stamps.fill(0)
      this.stamp = 1
    }
    const { sigs, keys, heads, nexts, entryItems, stamps, stamp } = this
    let best = -1
    let bestSame = needed - 1
    for (let b = 0; b < LSH_BANDS; b++) {
      const key = bandKey(sig, b)
      const slot = this.slotOf(key)
      if (keys[slot] !== key) continue
      for (let e = heads[slot]!; e !== -1; e = nexts[e]!) {
        const idx = entryItems[e]!
        if (stamps[idx] === stamp) continue
        stamps[idx] = stamp
        // Stops at the first bin past the misses the threshold allows.
        const at = idx * MINHASH_BINS
        let misses = 0
        for (let i = 0; i < MINHASH_BINS && misses <= allowed; i++) if (sig[i] !== sigs[at + i]) misses++
        if (misses <= allowed && MINHASH_BINS - misses > bestSame) {
          bestSame = MINHASH_BINS - misses
          best = idx
        }
      }
    }
    return best < 0 ? undefined : { item: this.items[best]!, similarity: bestSame / MINHASH_BINS }
  }
}
