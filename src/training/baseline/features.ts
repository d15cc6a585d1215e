/** Words of a text: lower-cased runs of letters and digits. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
}

/** FNV-1a (32-bit) of a string with a seed, for feature hashing. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

/**
 * fastText's features, hashed into `buckets`: word unigrams and bigrams, and character n-grams
 * (3 to 5) of each word with boundary marks — so unseen words still share sub-word evidence.
 */
export function hashedFeatures(text: string, buckets: number): number[] {
  const ws = words(text)
  const out: number[] = []
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!
    out.push(hash32(`w:${w}`) % buckets)
    if (i + 1 < ws.length) out.push(hash32(`b:${w} ${ws[i + 1]}`) % buckets)
    const marked = `<${w}>`
    for (let n = 3; n <= 5; n++)
      for (let j = 0; j + n <= marked.length; j++) out.push(hash32(marked.slice(j, j + n), 0x9747b28c) % buckets)
  }
  return out
}
