import { PII_ANY, PII_NUMERIC, PII_NUMERIC_SEEN } from './pii.js'
import { LSH_BANDS, MINHASH_BINS } from './text-scan-constants.js'
import { TEXT_SCAN_WASM } from './text-scan.wasm.js'

const encoder = new TextEncoder()

/** What text-scan.as.ts exports: its functions, and the addresses of its results and signature. */
interface KernelExports {
  memory: WebAssembly.Memory
  RESULT_H1: { value: number }
  RESULT_H2: { value: number }
  RESULT_FAMILIES: { value: number }
  RESULT_BEST_SAME: { value: number }
  SIGNATURE: { value: number }
  callerArea(): number
  scan(text: number, len: number, words: number): number
  scan16(text: number, len: number, words: number): number
  signature(words: number, at: number): void
  keyMarks(text: number, len: number, out: number): number
  bandKey(band: number): number
  query(
    sigs: number,
    keys: number,
    heads: number,
    items: number,
    nexts: number,
    stamps: number,
    mask: number,
    needed: number,
    stamp: number
  ): number
}

/**
 * The WebAssembly module, one per thread. Its memory: its own tables, results and signature (addresses from its
 * exports), then from `callerArea()` on what this class lays out: the loaded LSH index (if any), the word hashes
 * and the text, grown on demand.
 */
class Kernel {
  private readonly wasm: KernelExports
  /** Where the caller's area starts: the loaded index, then the words, then the text. */
  private readonly indexAt: number
  private readonly addresses: { h1: number; h2: number; families: number; bestSame: number; signature: number }
  private memory32!: Int32Array
  private signatureView!: Uint32Array
  private text!: Uint8Array
  private text16!: Buffer
  /** Characters the text area holds (two bytes each, for UTF-16). */
  private capacity = 0
  private wordsAt = 0
  private textAt = 0
  private indexBytes = 0
  /** The index whose data is in memory, and its stamp counter. */
  loaded: NearDuplicateIndex<unknown> | undefined
  stamp = 0

  constructor() {
    if (typeof WebAssembly === 'undefined')
      throw new Error(
        'validating data needs WebAssembly, which this Node.js has turned off (was it started with --jitless?); run it without that flag'
      )
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(TEXT_SCAN_WASM, 'base64')), {})
    this.wasm = instance.exports as unknown as KernelExports
    const w = this.wasm
    this.addresses = {
      h1: w.RESULT_H1.value,
      h2: w.RESULT_H2.value,
      families: w.RESULT_FAMILIES.value,
      bestSame: w.RESULT_BEST_SAME.value,
      signature: w.SIGNATURE.value
    }
    this.indexAt = w.callerArea()
    this.layout(1 << 14)
  }

  /** Room for the loaded index and a text of `capacity` characters with its words (one per two characters, plus one). */
  private layout(capacity: number): void {
    const wordCapacity = (capacity >> 1) + 2
    this.capacity = capacity
    this.wordsAt = this.indexAt + this.indexBytes
    this.textAt = this.wordsAt + 4 * wordCapacity
    const memory = this.wasm.memory
    const pages = Math.ceil((this.textAt + 2 * capacity - memory.buffer.byteLength) / 65536)
    if (pages > 0) memory.grow(pages)
    // Views are remade after every layout: growing the memory detaches the old ones.
    this.memory32 = new Int32Array(memory.buffer)
    this.signatureView = new Uint32Array(memory.buffer, this.addresses.signature, MINHASH_BINS)
    this.text = new Uint8Array(memory.buffer, this.textAt, 2 * capacity)
    this.text16 = Buffer.from(memory.buffer, this.textAt, 2 * capacity)
  }

  private room(length: number): void {
    if (length > this.capacity) this.layout(Math.max(length, 2 * this.capacity))
  }

  /** Scans an ASCII text: its word count, with hash lanes and families in the results; -1 for other text. */
  scan(text: string): number {
    this.room(text.length)
    // Every character took one byte only when the text is ASCII (UTF-8 takes 2 to 4 for any other).
    const { read, written } = encoder.encodeInto(text, this.text)
    if (read !== text.length || written !== text.length) return -1
    return this.wasm.scan(this.textAt, text.length, this.wordsAt)
  }

  /** Scans any text already normalised (NFKC) and lower-cased: its word count, with the hash lanes in the results. */
  scan16(normalised: string): number {
    this.room(normalised.length)
    this.text16.write(normalised, 0, 'utf16le')
    return this.wasm.scan16(this.textAt, normalised.length, this.wordsAt)
  }

  /** Copies the MinHash signature of the words of the last scan (at least one) into `into`. */
  signature(words: number, into: Uint32Array): void {
    this.wasm.signature(words, this.wordsAt)
    into.set(this.signatureView)
  }

  /** The '":' pairs in each line of `bytes` (whole lines, each ending with '\n'). */
  keyMarks(bytes: Uint8Array): Int32Array {
    // One count per line, at most one line per byte, in the words area: it holds a word per two characters.
    this.room(2 * bytes.length)
    this.text.set(bytes)
    const lines = this.wasm.keyMarks(this.textAt, bytes.length, this.wordsAt)
    return this.memory32.slice(this.wordsAt >> 2, (this.wordsAt >> 2) + lines)
  }

  /** The LSH bucket key of one band of a signature. */
  bandKey(sig: Uint32Array, band: number): number {
    this.signatureView.set(sig)
    return this.wasm.bandKey(band)
  }

  /** Puts an index's data (and zeroed stamps) into memory, before the words and the text. */
  load(index: NearDuplicateIndex<unknown>, data: Int32Array, stampsBytes: number): void {
    this.indexBytes = data.byteLength + stampsBytes
    this.layout(this.capacity)
    const memory = new Int32Array(this.wasm.memory.buffer, this.indexAt, this.indexBytes >> 2)
    memory.set(data)
    memory.fill(0, data.length)
    this.loaded = index
    this.stamp = 0
  }

  /** Runs a query of `sig` on the loaded index: the best item number, or -1. */
  query(
    sig: Uint32Array,
    layout: { keys: number; heads: number; items: number; nexts: number; stamps: number; mask: number },
    needed: number
  ): number {
    this.signatureView.set(sig)
    const at = this.indexAt
    if (++this.stamp === 0x7fffffff) {
      new Int32Array(this.wasm.memory.buffer, at + layout.stamps * 4, (this.indexBytes >> 2) - layout.stamps).fill(0)
      this.stamp = 1
    }
    const l = layout
    const a = [at, at + 4 * l.keys, at + 4 * l.heads, at + 4 * l.items, at + 4 * l.nexts, at + 4 * l.stamps] as const
    return this.wasm.query(a[0], a[1], a[2], a[3], a[4], a[5], l.mask, needed, this.stamp)
  }

  get h1(): number {
    return this.memory32[this.addresses.h1 >> 2]!
  }
  get h2(): number {
    return this.memory32[this.addresses.h2 >> 2]!
  }
  get families(): number {
    return this.memory32[this.addresses.families >> 2]!
  }
  get bestSame(): number {
    return this.memory32[this.addresses.bestSame >> 2]!
  }
}

let kernel: Kernel | undefined
const theKernel = () => (kernel ??= new Kernel())

/** The MinHash signature of a text already normalised (normaliseText in hash-index.ts), or null when it is empty. */
export function signatureOfNormalised(normalised: string): Uint32Array | null {
  if (normalised === '') return null
  const k = theKernel()
  const words = k.scan16(normalised)
  if (words === 0) return null
  const sig = new Uint32Array(MINHASH_BINS)
  k.signature(words, sig)
  return sig
}

/** Past this, a run of lines has its key marks counted by parseJsonLine instead (see keyMarksPerLine). */
const KEY_MARKS_MAX_BYTES = 256 * 1024

/**
 * The number of '":' pairs in each line of a run of whole lines (UTF-8, each ending with '\n'), for
 * parseJsonLine's duplicate-key check; undefined for a run over KEY_MARKS_MAX_BYTES (a long line), which
 * would grow the module's memory for good.
 */
export function keyMarksPerLine(bytes: Uint8Array): Int32Array | undefined {
  return bytes.length > KEY_MARKS_MAX_BYTES ? undefined : theKernel().keyMarks(bytes)
}

/** The LSH bucket key of one band of a signature (the one the index's queries use). */
export function bandKey(sig: Uint32Array, band: number): number {
  return theKernel().bandKey(sig, band)
}

/**
 * One pass over a text that yields everything the row checks need: the hash of its normalised form
 * (NFKC, lower case, whitespace collapsed — the same value as hash53(normaliseText(text))), its MinHash
 * signature over word 3-grams (the same as signature(normaliseText(text))), and which personal-data
 * patterns it can match (none: findPii(text) finds nothing and need not run). Fused because these were
 * several passes and the largest cost of validating a large dataset. A small WebAssembly module compiled
 * from AssemblyScript (text-scan.as.ts) does the scanning: ASCII text, the common case, as it is; other text after
 * NFKC and lower-casing here. `npm run bench -- text-scan` measures it against the same scanner in TypeScript:
 * about 1.3 times as fast alone, about 1.05 times on the row checks' hot path (see README, Benchmarks).
 */
export class TextScanner {
  /** cyrb53 of the normalised text. */
  hash = 0
  /** MinHash signature of the normalised text (reused between calls; copy it to keep it). */
  readonly signature = new Uint32Array(MINHASH_BINS)
  hasSignature = false
  /** The findPii families the text can match (0: findPii is certain to find nothing), with PII_NUMERIC_SEEN. */
  piiFamilies = 0

  /** Scans a text; `withSignature` also computes the MinHash signature. */
  scan(text: string, withSignature: boolean): void {
    const k = theKernel()
    let count = k.scan(text)
    if (count >= 0) {
      // On ASCII text the module's numeric family is exactly NUMERIC_HINT's match (six digits joined by single separators).
      const families = k.families
      this.piiFamilies = families & PII_NUMERIC ? families | PII_NUMERIC_SEEN : families
    } else {
      // NFKC changes only non-ASCII text: such text is normalised here, then scanned as UTF-16; findPii
      // uses its own hints on it.
      count = k.scan16(text.normalize('NFKC').toLowerCase())
      this.piiFamilies = PII_ANY
    }
    this.hash = finish(k.h1, k.h2)
    this.hasSignature = false
    // An empty text has no signature, as signature('') is null.
    if (!withSignature || count === 0) return
    k.signature(count, this.signature)
    this.hasSignature = true
  }
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/**
 * A near-duplicate index of MinHash signatures (banded LSH, as described in minhash.ts) whose queries
 * run in the WebAssembly module: the best indexed item whose estimated Jaccard similarity reaches the
 * threshold. Built once (the eval split's inputs), queried for every train row.
 */
export class NearDuplicateIndex<T> {
  private readonly items: T[] = []
  private readonly data: Int32Array
  private readonly layout: { keys: number; heads: number; items: number; nexts: number; stamps: number; mask: number }

  constructor(entries: readonly { signature: Uint32Array; item: T }[]) {
    const n = entries.length
    const links = n * LSH_BANDS
    const slots = 1 << Math.ceil(Math.log2(Math.max(64, 2 * links)))
    // Int32 offsets: signatures, bucket keys, bucket heads, entry items, entry nexts; stamps follow.
    const keys = n * MINHASH_BINS
    const heads = keys + slots
    const items = heads + slots
    const nexts = items + links
    const stamps = nexts + links
    this.layout = { keys, heads, items, nexts, stamps, mask: slots - 1 }
    const data = new Int32Array(stamps)
    data.fill(-1, keys, heads)
    const tails = new Int32Array(slots)
    let e = 0
    entries.forEach(({ signature, item }, idx) => {
      this.items.push(item)
      data.set(new Int32Array(signature.buffer, signature.byteOffset, MINHASH_BINS), idx * MINHASH_BINS)
      for (let b = 0; b < LSH_BANDS; b++) {
        const key = bandKey(signature, b)
        let slot = Math.imul(key, 0x9e3779b1) & (slots - 1)
        while (data[keys + slot] !== -1 && data[keys + slot] !== key) slot = (slot + 1) & (slots - 1)
        data[items + e] = idx
        data[nexts + e] = -1
        if (data[keys + slot] === -1) {
          data[keys + slot] = key
          data[heads + slot] = e
        } else data[nexts + tails[slot]!] = e
        tails[slot] = e
        e++
      }
    })
    this.data = data
  }

  get size(): number {
    return this.items.length
  }

  /** The most similar indexed item with estimated Jaccard >= threshold, or undefined. */
  query(sig: Uint32Array, threshold: number): { item: T; similarity: number } | undefined {
    if (this.items.length === 0) return undefined
    const k = theKernel()
    if (k.loaded !== this) k.load(this, this.data, 4 * this.items.length)
    const best = k.query(sig, this.layout, Math.ceil(threshold * MINHASH_BINS - 1e-9))
    return best < 0 ? undefined : { item: this.items[best]!, similarity: k.bestSame / MINHASH_BINS }
  }
}
