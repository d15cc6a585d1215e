import { MINHASH_BINS, signatureOfWords } from './minhash.js'
import { PII_ANY } from './pii.js'
import { TEXT_SCAN_WASM } from './text-scan.wasm.js'

// Per ASCII code: its lower-case code, or 32 for JavaScript's \s (tab, line breaks, vertical tab, form
// feed, space).
const LOWER = new Uint8Array(128)
for (let c = 0; c < 128; c++) LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c
for (const c of [9, 10, 11, 12, 13, 32]) LOWER[c] = 32

// Per ASCII code: what it can start or continue in personal data (see findPii's own hints); the
// families found are findPii's PII_EMAIL ('@'), PII_NUMERIC (six digits joined by single separators,
// as NUMERIC_HINT) and PII_SECRET ('_', '-' after one of 'abprsk-', 'K' or 'I' after 'A').
const DIGIT = 1
/** Joins digits in NUMERIC_HINT: /\d(?:[ .()-]?\d){5}/. */
const SEPARATOR = 2
/** '@' (emails), '_' (gh?_, github_pat_, sk_live_), '-' (xox?-, sk-, -----BEGIN), 'K' and 'I' (AKIA, AIza). */
const SPECIAL = 4
const FLAGS = new Uint8Array(128)
for (let c = 48; c <= 57; c++) FLAGS[c] = DIGIT
for (const c of ' .()-') FLAGS[c.charCodeAt(0)]! |= SEPARATOR
for (const c of '@_-KI') FLAGS[c.charCodeAt(0)]! |= SPECIAL
/** Characters before a '-' that can make a secret's prefix: xox[abprs]-, sk-, -----. */
const BEFORE_DASH = new Uint8Array(128)
for (const c of 'abprsk-') BEFORE_DASH[c.charCodeAt(0)] = 1

// Memory of the WebAssembly scanner (text-scan.wat): the three tables above, the results, the
// signature, the words.
const RESULTS = 384
const SIGNATURE = 400
const WORDS = 528
const encoder = new TextEncoder()

/** The WebAssembly scanner of ASCII text, one per thread, with the text and word areas grown on demand. */
class AsciiKernel {
  private readonly memory: WebAssembly.Memory
  private readonly run: (text: number, len: number) => number
  private readonly sign: (words: number) => void
  private results!: Int32Array
  private signatureView!: Uint32Array
  private text!: Uint8Array
  private textAt = 0

  constructor() {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(TEXT_SCAN_WASM, 'base64')), {})
    const exports = instance.exports as unknown as { memory: WebAssembly.Memory; scan: (text: number, len: number) => number; signature: (words: number) => void }
    this.memory = exports.memory
    this.run = exports.scan
    this.sign = exports.signature
    this.layout(1 << 14)
  }

  /** Room for a text of `capacity` characters and its words (at most one per two characters, plus one). */
  private layout(capacity: number): void {
    const wordCapacity = (capacity >> 1) + 2
    this.textAt = WORDS + 4 * wordCapacity
    const needed = this.textAt + capacity
    const pages = Math.ceil((needed - this.memory.buffer.byteLength) / 65536)
    if (pages > 0) this.memory.grow(pages)
    const bytes = new Uint8Array(this.memory.buffer)
    bytes.set(LOWER, 0)
    bytes.set(FLAGS, 128)
    bytes.set(BEFORE_DASH, 256)
    this.results = new Int32Array(this.memory.buffer, RESULTS, 3)
    this.signatureView = new Uint32Array(this.memory.buffer, SIGNATURE, MINHASH_BINS)
    this.text = new Uint8Array(this.memory.buffer, this.textAt, capacity)
  }

  /** Scans an ASCII text: its word count, with hash lanes and families in `results`; -1 for other text. */
  scan(text: string): number {
    if (text.length > this.text.length) this.layout(Math.max(text.length, 2 * this.text.length))
    // Every character took one byte only when the text is ASCII (UTF-8 takes 2 to 4 for any other).
    const { read, written } = encoder.encodeInto(text, this.text)
    if (read !== text.length || written !== text.length) return -1
    return this.run(this.textAt, text.length)
  }

  /** Copies the MinHash signature of the words of the last scan (at least one) into `into`. */
  signature(words: number, into: Uint32Array): void {
    this.sign(words)
    into.set(this.signatureView)
  }

  get h1(): number {
    return this.results[0]!
  }
  get h2(): number {
    return this.results[1]!
  }
  get families(): number {
    return this.results[2]!
  }
}

let kernel: AsciiKernel | undefined

/**
 * One pass over a text that yields everything the row checks need: the hash of its normalised form
 * (NFKC, lower case, whitespace collapsed — the same value as hash53(normaliseText(text))), its MinHash
 * signature over word 3-grams (the same as signature(normaliseText(text))), and which personal-data
 * patterns it can match (none: findPii(text) finds nothing and need not run). Fused because these were
 * several passes and the largest cost of validating a large dataset; ASCII text, the common case, is
 * scanned by a small WebAssembly module (text-scan.wat), about twice as fast as the same loop in
 * JavaScript; other text is normalised (NFKC) and scanned here.
 */
export class TextScanner {
  /** cyrb53 of the normalised text. */
  hash = 0
  /** MinHash signature of the normalised text (reused between calls; copy it to keep it). */
  readonly signature = new Uint32Array(MINHASH_BINS)
  hasSignature = false
  /** The findPii families the text can match (0: findPii is certain to find nothing). */
  piiFamilies = 0

  private words = new Uint32Array(256)
  private wordCount = 0

  /** Scans a text; `withSignature` also computes the MinHash signature. */
  scan(text: string, withSignature: boolean): void {
    const k = (kernel ??= new AsciiKernel())
    const count = k.scan(text)
    this.hasSignature = false
    if (count >= 0) {
      this.hash = finish(k.h1, k.h2)
      this.piiFamilies = k.families
      // An empty text has no signature, as signature('') is null.
      if (!withSignature || count === 0) return
      k.signature(count, this.signature)
    } else {
      // NFKC changes only non-ASCII text; such text takes the general path, and findPii its own hints.
      this.scanGeneral(text.normalize('NFKC').toLowerCase())
      this.piiFamilies = PII_ANY
      if (!withSignature || this.wordCount === 0) return
      signatureOfWords(this.words, this.wordCount, this.signature)
    }
    this.hasSignature = true
  }

  private pushWord(w: number): void {
    if (this.wordCount === this.words.length) {
      const bigger = new Uint32Array(this.words.length * 2)
      bigger.set(this.words)
      this.words = bigger
    }
    this.words[this.wordCount++] = w
  }

  /** Any normalised (NFKC, lower-cased) text, with JavaScript's full \s. */
  private scanGeneral(s: string): void {
    let h1 = 0xdeadbeef
    let h2 = 0x41c6ce57
    let w = 0x811c9dc5
    let inWord = false
    let pendingSpace = false
    let started = false
    this.wordCount = 0
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) {
        if (started) pendingSpace = true
        if (inWord) {
          this.pushWord(w >>> 0)
          inWord = false
        }
        continue
      }
      if (pendingSpace) {
        h1 = Math.imul(h1 ^ 32, 2654435761)
        h2 = Math.imul(h2 ^ 32, 1597334677)
        pendingSpace = false
      }
      started = true
      h1 = Math.imul(h1 ^ c, 2654435761)
      h2 = Math.imul(h2 ^ c, 1597334677)
      if (!inWord) {
        inWord = true
        w = 0x811c9dc5
      }
      w = Math.imul(w ^ c, 16777619)
    }
    if (inWord) this.pushWord(w >>> 0)
    this.hash = finish(h1, h2)
  }
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}
