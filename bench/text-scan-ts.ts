// The text scanner of src/data/text-scan.as.ts (scan, scan16, signature) in plain TypeScript, for the benchmark
// that decides whether the WebAssembly earns its keep: the same tables, the same hashes, the same results.
import { PII_ANY, PII_NUMERIC, PII_NUMERIC_SEEN } from '../src/data/pii.js'
import { MINHASH_BINS } from '../src/data/text-scan-constants.js'

/** Per ASCII code: its lower-case code, or 32 for JavaScript's \s. */
const LOWER = new Uint8Array(128)
/** Per ASCII code: what it can start or continue in personal data (findPii's hints in pii.ts). */
const FLAGS = new Uint8Array(128)
/** Per ASCII code: whether it can come before '-' in a secret's prefix: xox[abprs]-, sk-, -----. */
const BEFORE_DASH = new Uint8Array(128)
const DIGIT = 1
const SEPARATOR = 2
const SPECIAL = 4
const FAMILY_EMAIL = 1
const FAMILY_NUMERIC = 2
const FAMILY_SECRET = 4
for (let c = 0; c < 128; c++) LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c
for (let c = 9; c <= 13; c++) LOWER[c] = 32
LOWER[32] = 32
for (let c = 48; c <= 57; c++) FLAGS[c] = DIGIT
for (const c of [32, 46, 40, 41]) FLAGS[c] = SEPARATOR
FLAGS[45] = SEPARATOR | SPECIAL
for (const c of [64, 95, 75, 73]) FLAGS[c] = SPECIAL
for (const ch of 'abprsk-') BEFORE_DASH[ch.charCodeAt(0)] = 1

const H1_SEED = 0xdeadbeef
const H2_SEED = 0x41c6ce57
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 16777619
const EMPTY = 0xffffffff

/** A UTF-16 code unit as the normalised text sees it: 32 for JavaScript's \s, else itself. */
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

/** The same results as src/data/text-scan.ts's TextScanner, computed in TypeScript. */
export class TypeScriptTextScanner {
  hash = 0
  readonly signature = new Uint32Array(MINHASH_BINS)
  hasSignature = false
  piiFamilies = 0
  private words = new Uint32Array(1024)
  private h1 = 0
  private h2 = 0

  /** Scans a text; `withSignature` also computes the MinHash signature. */
  scan(text: string, withSignature: boolean): void {
    let count = this.scanAscii(text)
    if (count < 0) {
      count = this.scanOther(text.normalize('NFKC').toLowerCase())
      this.piiFamilies = PII_ANY
    }
    this.hash = finish(this.h1, this.h2)
    this.hasSignature = false
    if (!withSignature || count === 0) return
    this.sign(count)
    this.hasSignature = true
  }

  private room(length: number): void {
    if (this.words.length < (length >> 1) + 2) this.words = new Uint32Array(Math.max(length, 2 * this.words.length))
  }

  /** scan() of text-scan.as.ts: -1 for a text that is not ASCII. */
  private scanAscii(text: string): number {
    this.room(text.length)
    const words = this.words
    let h1 = H1_SEED
    let h2 = H2_SEED
    let w = FNV_OFFSET
    let n = 0
    let families = 0
    let numeric = 0
    let run = 0
    let prev = 0
    let end = text.length
    while (end > 0) {
      const c = text.charCodeAt(end - 1)
      if (c > 127) return -1
      if (LOWER[c] !== 32) break
      end--
    }
    let prevSpace = true
    for (let i = 0; i < end; i++) {
      const raw = text.charCodeAt(i)
      if (raw > 127) return -1
      const f = FLAGS[raw]!
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
      const c = LOWER[raw]!
      const space = c === 32
      if (!(space && prevSpace)) {
        h1 = Math.imul(h1 ^ c, 2654435761)
        h2 = Math.imul(h2 ^ c, 1597334677)
      }
      if (space) {
        if (!prevSpace) words[n++] = w >>> 0
        w = FNV_OFFSET
      } else w = Math.imul(w ^ c, FNV_PRIME)
      prevSpace = space
    }
    if (end > 0) words[n++] = w >>> 0
    // Text-scan.ts sets PII_NUMERIC_SEEN with PII_NUMERIC on ASCII text.
    this.piiFamilies = families & PII_NUMERIC ? families | PII_NUMERIC_SEEN : families
    this.h1 = h1
    this.h2 = h2
    return n
  }

  /** scan16() of text-scan.as.ts, on text already normalised and lower-cased. */
  private scanOther(s: string): number {
    this.room(s.length)
    const words = this.words
    let h1 = H1_SEED
    let h2 = H2_SEED
    let w = FNV_OFFSET
    let n = 0
    let end = s.length
    while (end > 0 && class16(s.charCodeAt(end - 1)) === 32) end--
    let prevSpace = true
    for (let i = 0; i < end; i++) {
      const c = class16(s.charCodeAt(i))
      const space = c === 32
      if (!(space && prevSpace)) {
        h1 = Math.imul(h1 ^ c, 2654435761)
        h2 = Math.imul(h2 ^ c, 1597334677)
      }
      if (space) {
        if (!prevSpace) words[n++] = w >>> 0
        w = FNV_OFFSET
      } else w = Math.imul(w ^ c, FNV_PRIME)
      prevSpace = space
    }
    if (end > 0) words[n++] = w >>> 0
    this.h1 = h1
    this.h2 = h2
    return n
  }

  /** signature() of text-scan.as.ts over the first `n` word hashes. */
  private sign(n: number): void {
    const sig = this.signature
    const words = this.words
    sig.fill(EMPTY)
    const shingles = n < 3 ? 1 : n - 2
    for (let i = 0; i < shingles; i++) {
      let h: number
      if (n < 3) {
        h = words[0]!
        for (let j = 1; j < n; j++) h = Math.imul(h ^ words[j]!, 0x9e3779b1)
        h >>>= 0
      } else {
        const x = Math.imul(
          words[i]! ^ Math.imul(words[i + 1]!, 0x85ebca6b) ^ Math.imul(words[i + 2]!, 0xc2b2ae35),
          0x27d4eb2f
        )
        h = (x ^ (x >>> 15)) >>> 0
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
          sig[b] = ((v + Math.imul(k, 0x61c88647)) >>> 0) >>> 5
          break
        }
      }
    }
  }
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}
