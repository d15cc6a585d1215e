import { MINHASH_BINS, signatureOfWords } from './minhash.js'

/**
 * One pass over a text that yields everything the row checks need: the hash of its normalised form
 * (NFKC, lower case, whitespace collapsed — the same value as hash53(normaliseText(text))), its MinHash
 * signature over word 3-grams (the same as signature(normaliseText(text))), . Fused by hand because these were several passes and the largest cost of validating a big dataset.
 */
export class TextScanner {
  /** cyrb53 of the normalised text. */
  hash = 0
  /** MinHash signature of the normalised text (reused between calls; copy it to keep it). */
  readonly signature = new Uint32Array(MINHASH_BINS)
  hasSignature = false

  private words: number[] = []

  /** Scans a text; `withSignature` also computes the MinHash signature. */
  scan(text: string, withSignature: boolean): void {
    // NFKC changes only non-ASCII text; ASCII takes the fast path.
    let s = text
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 127) {
        s = text.normalize('NFKC').toLowerCase()
        break
      }
    }
    let h1 = 0xdeadbeef
    let h2 = 0x41c6ce57
    let w = 0x811c9dc5
    let inWord = false
    let pendingSpace = false
    let started = false
    const words = this.words
    words.length = 0
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i)
      if (c <= 32 || c >= 127) {
        // JavaScript's \s: space, tab, line breaks, vertical tab, form feed, NBSP and the Unicode spaces.
        if (c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) {
          if (started) pendingSpace = true
          if (inWord) {
            words.push(w >>> 0)
            inWord = false
          }
          continue
        }
      } else if (c >= 65 && c <= 90) c += 32
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
    if (inWord) words.push(w >>> 0)
    this.hash = finish(h1, h2)
    this.hasSignature = false
    if (!withSignature) return
    // An empty text has no signature, as signature('') is null.
    if (words.length === 0) return
    signatureOfWords(words, this.signature)
    this.hasSignature = true
  }
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}
