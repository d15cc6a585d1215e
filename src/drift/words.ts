import { hash53 } from '../data/hash-index.js'

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu

/** Lower-cased words (letters and digits, with inner apostrophes and hyphens) of a text. */
export function words(text: string, max = 2000): string[] {
  const out: string[] = []
  const lower = text.toLowerCase()
  WORD.lastIndex = 0
  for (let m = WORD.exec(lower); m && out.length < max; m = WORD.exec(lower)) out.push(m[0])
  return out
}

/** Interns words as small integers, so counting over permutations works on typed arrays. */
export class Vocabulary {
  private readonly ids = new Map<string, number>()
  readonly words: string[] = []

  id(word: string): number {
    let id = this.ids.get(word)
    if (id === undefined) {
      id = this.words.length
      this.ids.set(word, id)
      this.words.push(word)
    }
    return id
  }

  get size(): number {
    return this.words.length
  }
}

/** A word's feature index in a hashed space of 2^bits dimensions. */
export function featureIndex(token: string, bits: number): number {
  return hash53(token) % 2 ** bits
}
