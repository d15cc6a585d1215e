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
 * A map from 53-bit hashes (non-negative) to 32-bit integers: open addressing with linear probing in
 * one Float64Array of [key + 1, value] pairs (0: a free slot, so a new table needs no filling), so a
 * probe touches one cache line. A million entries take 32 MB here against well over 80 MB in a Map;
 * hand-written for that reason.
 */
export class HashIndex {
  private slots: Float64Array
  private count = 0

  constructor(capacity = 1 << 16) {
    this.slots = HashIndex.table(capacity)
  }

  private static table(capacity: number): Float64Array {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)))
    return new Float64Array(size * 2)
  }

  get size(): number {
    return this.count
  }

  /** Makes room for `capacity` entries at once, instead of doubling step by step as they come. */
  reserve(capacity: number): void {
    if (capacity * 2 > this.slots.length / 2) this.rehash(HashIndex.table(capacity))
  }

  /** The value stored for a key, or -1. */
  get(key: number): number {
    const slots = this.slots
    const mask = (slots.length >> 1) - 1
    const stored = key + 1
    for (let i = (key >>> 0) & mask; ; i = (i + 1) & mask) {
      const k = slots[2 * i]!
      if (k === stored) return slots[2 * i + 1]!
      if (k === 0) return -1
    }
  }

  /** Stores a value unless the key is present; returns the value already there, or -1 when inserted. */
  setIfAbsent(key: number, value: number): number {
    if ((this.count + 1) * 2 > this.slots.length >> 1) this.rehash(HashIndex.table(this.count * 2 + 2))
    const slots = this.slots
    const mask = (slots.length >> 1) - 1
    const stored = key + 1
    for (let i = (key >>> 0) & mask; ; i = (i + 1) & mask) {
      const k = slots[2 * i]!
      if (k === 0) {
        slots[2 * i] = stored
        slots[2 * i + 1] = value
        this.count++
        return -1
      }
      if (k === stored) return slots[2 * i + 1]!
    }
  }

  private rehash(bigger: Float64Array): void {
    const old = this.slots
    this.slots = bigger
    this.count = 0
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.setIfAbsent(old[i]! - 1, old[i + 1]!)
  }
}

/** Text as compared for duplicates and leakage: Unicode NFKC, lower case, whitespace collapsed. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}
