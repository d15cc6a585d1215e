/**
 * cyrb53: a fast, well-distributed 53-bit string hash (public domain, bryc). 53 bits fit a JS number
 * exactly, so hashes are Set and typed-array keys without BigInt.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** A 53-bit hash of an ordered pair of 53-bit hashes. */
export function combine53(a: number, b: number): number {
  const alo = a >>> 0
  const ahi = (a / 4294967296) >>> 0
  const blo = b >>> 0
  const bhi = (b / 4294967296) >>> 0
  let h1 = Math.imul(alo ^ Math.imul(bhi, 0x85ebca6b), 2654435761) ^ Math.imul(blo, 0x27d4eb2f)
  let h2 = Math.imul(ahi ^ Math.imul(blo, 0xc2b2ae35), 1597334677) ^ Math.imul(bhi, 0x165667b1)
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/**
 * A map from 53-bit hashes to 32-bit integers in two typed arrays (open addressing, linear probing).
 * A million entries take about 24 MB here against well over 80 MB in a Map; hand-written for that reason.
 */
export class HashIndex {
  private keys: Float64Array
  private values: Int32Array
  private used: Uint8Array
  private count = 0

  constructor(capacity = 1 << 16) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)))
    this.keys = new Float64Array(size)
    this.values = new Int32Array(size)
    this.used = new Uint8Array(size)
  }

  get size(): number {
    return this.count
  }

  /** The value stored for a key, or -1. */
  get(key: number): number {
    const mask = this.keys.length - 1
    for (let i = (key >>> 0) & mask; ; i = (i + 1) & mask) {
      if (!this.used[i]) return -1
      if (this.keys[i] === key) return this.values[i]!
    }
  }

  /** Stores a value unless the key is present; returns the value already there, or -1 when inserted. */
  setIfAbsent(key: number, value: number): number {
    if ((this.count + 1) * 2 > this.keys.length) this.grow()
    const mask = this.keys.length - 1
    for (let i = (key >>> 0) & mask; ; i = (i + 1) & mask) {
      if (!this.used[i]) {
        this.used[i] = 1
        this.keys[i] = key
        this.values[i] = value
        this.count++
        return -1
      }
      if (this.keys[i] === key) return this.values[i]!
    }
  }

  private grow(): void {
    const { keys, values, used } = this
    this.keys = new Float64Array(keys.length * 2)
    this.values = new Int32Array(keys.length * 2)
    this.used = new Uint8Array(keys.length * 2)
    this.count = 0
    for (let i = 0; i < keys.length; i++) if (used[i]) this.setIfAbsent(keys[i]!, values[i]!)
  }
}

/** Text as compared for duplicates and leakage: Unicode NFKC, lower case, whitespace collapsed. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}
