// Tunegate's text scanner, in AssemblyScript: the one implementation of the normalised-text hash lanes, the word
// hashes, the MinHash signature and the LSH query. `npm run build` (scripts/build-wasm.mjs) compiles it into the
// committed text-scan.wasm.ts; text-scan.ts runs it, and minhash.ts's signature() and bandKey() are this code too.
// AssemblyScript, not TypeScript: its 32-bit multiplies go through Math.imul in JavaScript, which AssemblyScript can
// only emulate with floats, so the two cannot share one source. The speed-up this was written for is not what
// `npm run bench -- text-scan` measures (about 1.3 times the TypeScript scanner alone, 1.05 times on the hot path).
//
// Memory: the tables, the results and the signature below are this module's static data; the caller's area (an LSH
// index, the word hashes, the text) starts at `callerArea`. The caller reads every address from the exports.
import { LSH_BANDS, LSH_ROWS, MINHASH_BINS } from './text-scan-constants'

/** Per ASCII code: its lower-case code, or 32 for JavaScript's \s (tab, line breaks, vertical tab, form feed, space). */
const LOWER = memory.data(128)
/** Per ASCII code: what it can start or continue in personal data (findPii's hints in pii.ts). */
const FLAGS = memory.data(128)
/** Per ASCII code: whether it can come before '-' in a secret's prefix: xox[abprs]-, sk-, -----. */
const BEFORE_DASH = memory.data(128)
/** A digit; six joined by single separators are NUMERIC_HINT: /\d(?:[ .()-]?\d){5}/. */
const DIGIT: u8 = 1
/** Joins digits in NUMERIC_HINT. */
const SEPARATOR: u8 = 2
/** '@' (emails), '_' (gh?_, github_pat_, sk_live_), '-' (xox?-, sk-, -----BEGIN), 'K' and 'I' (AKIA, AIza). */
const SPECIAL: u8 = 4
/** findPii's families (PII_EMAIL, PII_NUMERIC, PII_SECRET in pii.ts). */
const FAMILY_EMAIL = 1
const FAMILY_NUMERIC = 2
const FAMILY_SECRET = 4

/** Where scan and query leave their results, one i32 each (read by text-scan.ts through these exports). */
export const RESULT_H1: usize = memory.data(4, 4)
export const RESULT_H2: usize = memory.data(4, 4)
export const RESULT_FAMILIES: usize = memory.data(4, 4)
export const RESULT_BEST_SAME: usize = memory.data(4, 4)
/** The MinHash signature: written by signature(), read by bandKey() and query(). */
export const SIGNATURE: usize = memory.data(MINHASH_BINS * 4, 16)

/** The first address the caller may use: everything above the static data. */
export function callerArea(): usize {
  return (__heap_base + 15) & ~15
}

for (let c = 0; c < 128; c++) store<u8>(LOWER + c, c >= 65 && c <= 90 ? c + 32 : c)
for (let c = 9; c <= 13; c++) store<u8>(LOWER + c, 32)
store<u8>(LOWER + 32, 32)
for (let c = 48; c <= 57; c++) store<u8>(FLAGS + c, DIGIT)
store<u8>(FLAGS + 32, SEPARATOR) // ' '
store<u8>(FLAGS + 46, SEPARATOR) // '.'
store<u8>(FLAGS + 40, SEPARATOR) // '('
store<u8>(FLAGS + 41, SEPARATOR) // ')'
store<u8>(FLAGS + 45, SEPARATOR | SPECIAL) // '-'
store<u8>(FLAGS + 64, SPECIAL) // '@'
store<u8>(FLAGS + 95, SPECIAL) // '_'
store<u8>(FLAGS + 75, SPECIAL) // 'K'
store<u8>(FLAGS + 73, SPECIAL) // 'I'
for (let i = 0; i < 7; i++) store<u8>(BEFORE_DASH + 'abprsk-'.charCodeAt(i), 1)

// cyrb53's two lanes (hash53 in hash-index.ts, finished by text-scan.ts) and FNV-1a for the words.
const H1_SEED: u32 = 0xdeadbeef
const H2_SEED: u32 = 0x41c6ce57
const FNV_OFFSET: u32 = 0x811c9dc5
const FNV_PRIME: u32 = 16777619

/**
 * Scans the ASCII bytes [text, text + len): the hash lanes of its normalised form (lower case, whitespace runs as
 * one space, trimmed) and its personal-data families go to the results; each word's FNV-1a hash is written at
 * `words`; returns the number of words. Branch-free but for the rare personal-data characters: whitespace is
 * handled with selects, since a branch on it mispredicts at most word boundaries.
 */
export function scan(text: usize, len: usize, words: usize): u32 {
  let h1 = H1_SEED
  let h2 = H2_SEED
  let w = FNV_OFFSET
  let wp = words
  let families = 0
  let numeric = 0 // 0: not after a digit; 1: after a digit; 2: after a digit and one separator
  let run = 0
  let prev: u32 = 0
  // Trailing whitespace is never part of the normalised text: stop before it.
  let end = text + len
  while (end > text && load<u8>(LOWER + load<u8>(end - 1)) == 32) end--
  // Leading whitespace is skipped as if it followed whitespace.
  let prevSpace = true
  for (let i = text; i < end; i++) {
    const raw: u32 = load<u8>(i)
    // The tables' addresses are constants, given as the loads' offsets: one instruction fewer per table.
    const f: u32 = load<u8>(raw, FLAGS)
    // Only a digit or a special character, or whatever follows a digit, can change the personal-data state: the
    // common letter or space skips it in one well-predicted branch.
    if ((f & (DIGIT | SPECIAL)) | numeric) {
      if (f == 0) numeric = 0
      else if (f & DIGIT) {
        run = numeric == 0 ? 1 : run + 1
        numeric = 1
        if (run >= 6) families |= FAMILY_NUMERIC
      } else {
        numeric = f & SEPARATOR && numeric == 1 ? 2 : 0
        if (f & SPECIAL) {
          if (raw == 64) families |= FAMILY_EMAIL
          else if (raw == 95 || (raw == 45 && load<u8>(BEFORE_DASH + prev)) || (prev == 65 && (raw == 75 || raw == 73)))
            families |= FAMILY_SECRET
        }
      }
    }
    prev = raw
    const c: u32 = load<u8>(raw, LOWER)
    const space = c == 32
    // The hash takes every character but whitespace after whitespace: one space between words.
    const skip = space && prevSpace
    h1 = select<u32>(h1, (h1 ^ c) * 2654435761, skip)
    h2 = select<u32>(h2, (h2 ^ c) * 1597334677, skip)
    // The word in progress is stored at every step, and kept (the pointer moves on) where it ends.
    store<u32>(wp, w)
    wp += usize(space && !prevSpace) << 2
    w = select<u32>(FNV_OFFSET, (w ^ c) * FNV_PRIME, space)
    prevSpace = space
  }
  // The text (trimmed) ends with a word, unless it was all whitespace.
  if (end > text) {
    store<u32>(wp, w)
    wp += 4
  }
  store<u32>(RESULT_H1, h1)
  store<u32>(RESULT_H2, h2)
  store<u32>(RESULT_FAMILIES, families)
  return u32((wp - words) >> 2)
}

/**
 * A UTF-16 code unit as the normalised text sees it: 32 when it is JavaScript's \s beyond ASCII (no-break, Ogham,
 * the U+2000 spaces, line and paragraph separators, narrow no-break, medium mathematical, ideographic, BOM; after
 * NFKC only Ogham, the separators and the BOM are left, the rest kept to match \s exactly), else itself.
 */
function class16(u: u32): u32 {
  if (u < 128) return load<u8>(LOWER + u)
  const space =
    u == 0xa0 ||
    u == 0x1680 ||
    u - 0x2000 < 11 ||
    u == 0x2028 ||
    u == 0x2029 ||
    u == 0x202f ||
    u == 0x205f ||
    u == 0x3000 ||
    u == 0xfeff
  return select<u32>(32, u, space)
}

/**
 * The same hash lanes and words as scan() for any text already normalised (NFKC) and lower-cased, given as the
 * `len` UTF-16 code units at `text`. No personal-data hints: the caller assumes all families.
 */
export function scan16(text: usize, len: usize, words: usize): u32 {
  let h1 = H1_SEED
  let h2 = H2_SEED
  let w = FNV_OFFSET
  let wp = words
  let end = text + (len << 1)
  while (end > text && class16(load<u16>(end - 2)) == 32) end -= 2
  let prevSpace = true
  for (let i = text; i < end; i += 2) {
    const u: u32 = load<u16>(i)
    // ASCII inline (the table); the rare other character through the call.
    const c = u < 128 ? u32(load<u8>(LOWER + u)) : class16(u)
    const space = c == 32
    const skip = space && prevSpace
    h1 = select<u32>(h1, (h1 ^ c) * 2654435761, skip)
    h2 = select<u32>(h2, (h2 ^ c) * 1597334677, skip)
    store<u32>(wp, w)
    wp += usize(space && !prevSpace) << 2
    w = select<u32>(FNV_OFFSET, (w ^ c) * FNV_PRIME, space)
    prevSpace = space
  }
  if (end > text) {
    store<u32>(wp, w)
    wp += 4
  }
  store<u32>(RESULT_H1, h1)
  store<u32>(RESULT_H2, h2)
  return u32((wp - words) >> 2)
}

const EMPTY: u32 = 0xffffffff

/** The hash of the i-th shingle of the n word hashes at `words`: word 3-grams, or all words when fewer than three. */
function shingleHash(words: usize, i: u32, n: u32): u32 {
  if (n < 3) {
    let h = load<u32>(words)
    for (let j: u32 = 1; j < n; j++) h = (h ^ load<u32>(words + (j << 2))) * 0x9e3779b1
    return h
  }
  const at = words + (i << 2)
  const h = (load<u32>(at) ^ (load<u32>(at, 4) * 0x85ebca6b) ^ (load<u32>(at, 8) * 0xc2b2ae35)) * 0x27d4eb2f
  return h ^ (h >>> 15)
}

/**
 * The MinHash signature of the n (at least one) word hashes at `words`, written at SIGNATURE: one-permutation
 * hashing (Li, Owen & Zhang 2012) into MINHASH_BINS bins, then rotation densification (an empty bin takes the next
 * non-empty bin's value, mixed with the distance), so short texts still compare.
 */
export function signature(n: u32, words: usize): void {
  for (let b = 0; b < MINHASH_BINS; b++) store<u32>(SIGNATURE + (b << 2), EMPTY)
  const shingles: u32 = n < 3 ? 1 : n - 2
  for (let i: u32 = 0; i < shingles; i++) {
    const h = shingleHash(words, i, n)
    const at = SIGNATURE + ((h & (MINHASH_BINS - 1)) << 2)
    const value = h >>> 5
    if (value < load<u32>(at)) store<u32>(at, value)
  }
  for (let b = 0; b < MINHASH_BINS; b++) {
    if (load<u32>(SIGNATURE + (b << 2)) != EMPTY) continue
    for (let k = 1; k < MINHASH_BINS; k++) {
      const v = load<u32>(SIGNATURE + (((b + k) & (MINHASH_BINS - 1)) << 2))
      if (v != EMPTY) {
        store<u32>(SIGNATURE + (b << 2), (v + u32(k) * 0x61c88647) >>> 5)
        break
      }
    }
  }
}

/** The LSH bucket key of one band of the signature at SIGNATURE: its LSH_ROWS bins mixed, 30 bits. */
export function bandKey(band: u32): u32 {
  let h = (band + 1) * 0x9e3779b1
  for (let r: u32 = 0; r < <u32>LSH_ROWS; r++)
    h = ((h ^ load<u32>(SIGNATURE + ((band * <u32>LSH_ROWS + r) << 2))) * 0x85ebca6b) ^ (h >>> 13)
  // 30 bits: a small integer, which a JavaScript Map hashes without allocating.
  return (h ^ (h >>> 15)) & 0x3fffffff
}

/**
 * The near-duplicate query of NearDuplicateIndex (text-scan.ts) for the signature at SIGNATURE, on an index laid out
 * by it: signatures (MINHASH_BINS per item), bucket keys (-1 free) and first entries in a table of mask + 1 slots,
 * each entry's item and next entry (-1: the last), and a stamp per item. Every item that shares a band is compared
 * bin by bin, once; returns the first item with the most equal bins, at least `needed`, or -1; its number of equal
 * bins goes to RESULT_BEST_SAME.
 */
export function query(
  sigs: usize,
  keys: usize,
  heads: usize,
  items: usize,
  nexts: usize,
  stamps: usize,
  mask: u32,
  needed: i32,
  stamp: i32
): i32 {
  const allowed = MINHASH_BINS - needed
  let best = -1
  let bestSame = needed - 1
  for (let b: u32 = 0; b < <u32>LSH_BANDS; b++) {
    const key = bandKey(b)
    let slot = (key * 0x9e3779b1) & mask
    let k: u32
    while ((k = load<u32>(keys + (slot << 2))) != key) {
      if (k == EMPTY) break
      slot = (slot + 1) & mask
    }
    if (k != key) continue
    for (let e = load<i32>(heads + (slot << 2)); e != -1; e = load<i32>(nexts + ((<usize>e) << 2))) {
      const idx = load<i32>(items + ((<usize>e) << 2))
      const stampAt = stamps + ((<usize>idx) << 2)
      if (load<i32>(stampAt) == stamp) continue
      store<i32>(stampAt, stamp)
      const o = sigs + <usize>idx * MINHASH_BINS * 4
      // Four bins per SIMD comparison: the bitmask has a bit per equal bin.
      let misses = 0
      let i = 0
      for (; i < MINHASH_BINS && misses <= allowed; i += 4)
        misses += 4 - popcnt<i32>(i32x4.bitmask(i32x4.eq(v128.load(SIGNATURE + (i << 2)), v128.load(o + (i << 2)))))
      if (i == MINHASH_BINS && misses <= allowed && MINHASH_BINS - misses > bestSame) {
        bestSame = MINHASH_BINS - misses
        best = idx
      }
    }
  }
  store<i32>(RESULT_BEST_SAME, bestSame)
  return best
}

/**
 * For each '\n'-ended line of the `len` bytes at `text` (UTF-8; the last byte is '\n'), the number of '":' pairs
 * in it, written as one u32 per line at `out`; returns the number of lines. parseJsonLine compares this with the
 * number of keys JSON.parse made, to rule out duplicate keys without a scan of its own. Sixteen bytes per step:
 * a bit per '"' followed by ':', and a bit per '\n' that ends a line's count.
 */
export function keyMarks(text: usize, len: usize, out: usize): u32 {
  const quote = i8x16.splat(34)
  const colon = i8x16.splat(58)
  const newline = i8x16.splat(10)
  let lines: u32 = 0
  let count: u32 = 0
  let i: usize = 0
  // The second load reads one byte past the sixteen: a pair that straddles two steps is counted in the first.
  for (; i + 17 <= len; i += 16) {
    const a = v128.load(text + i)
    let marks = u32(i8x16.bitmask(v128.and(i8x16.eq(a, quote), i8x16.eq(v128.load(text + i + 1), colon))))
    let ends = u32(i8x16.bitmask(i8x16.eq(a, newline)))
    while (ends) {
      const below = (ends & (0 - ends)) - 1
      store<u32>(out + (usize(lines) << 2), count + popcnt<u32>(marks & below))
      lines++
      count = 0
      marks &= ~below
      ends &= ends - 1
    }
    count += popcnt<u32>(marks)
  }
  for (; i < len; i++) {
    const c = load<u8>(text + i)
    if (c == 10) {
      store<u32>(out + (usize(lines) << 2), count)
      lines++
      count = 0
    } else if (c == 34 && i + 1 < len && load<u8>(text + i + 1) == 58) count++
  }
  return lines
}
