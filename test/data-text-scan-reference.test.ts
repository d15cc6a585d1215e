import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { normaliseText } from '../src/data/hash-index.js'
import { bandKey, LSH_BANDS, signature } from '../src/data/minhash.js'
import { keyMarksPerLine, NearDuplicateIndex, TextScanner } from '../src/data/text-scan.js'

/** Texts of every length up to ~300 characters: ASCII words, digits, personal-data pieces, Unicode spaces and letters. */
function corpus(): string[] {
  let seed = 2024
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!
  const ascii =
    'the a cat sat on mat Trail RUNNING shoe 42 GBP x-1 sk- xoxb- AKIA ghp_ jane@example.com 555 123 4567 k:v "q": "" ::'
  const words = ascii.split(' ')
  const other = ['écrit', 'ＦＵＬＬ', 'ﬁle', '🎉', 'Émile', 'straße', 'İstanbul', 'ǅ', '\u0301', 'Ω']
  const spaces = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2028', '\u1680', '\ufeff', '\u0085']
  const texts: string[] = ['', ' ', '\t\n', 'one', 'two words']
  for (let i = 0; i < 3000; i++) {
    const n = Math.floor(random() * 60)
    const unicode = random() < 0.3
    let t = random() < 0.2 ? pick(spaces) : ''
    for (let k = 0; k < n; k++)
      t += (unicode && random() < 0.2 ? pick(other) : pick(words)) + pick(unicode ? spaces : [' ', ' ', '  ', '\t'])
    texts.push(random() < 0.5 ? t.trimEnd() : t)
  }
  // Near-duplicates of the first texts (the index's items): one or two words changed, at the end.
  for (let i = 0; i < 800; i += 2)
    texts.push(texts[i]!.replace(/\S+/, 'changed').replace(/ \S+ /, random() < 0.5 ? ' x ' : ' '))
  return texts
}

describe('the text scanner against the former WebAssembly scanner', () => {
  it('gives, bit for bit, the hashes, signatures, band keys, key marks and index answers the WebAssembly gave', () => {
    const texts = corpus()
    const digest = createHash('sha256')
    const scanner = new TextScanner()
    const signatures: Uint32Array[] = []
    for (const t of texts) {
      scanner.scan(t, true)
      digest.update(`${scanner.hash},${scanner.piiFamilies},${scanner.hasSignature},${scanner.signature.join()}\n`)
      scanner.scan(t, false)
      digest.update(`${scanner.hash},${scanner.piiFamilies}\n`)
      const sig = signature(normaliseText(t))
      if (!sig) continue
      signatures.push(sig)
      digest.update(`${Array.from({ length: LSH_BANDS }, (_, b) => bandKey(sig, b)).join()}\n`)
    }
    const lines = texts.map((t, i) => JSON.stringify({ [`k${i % 7}`]: t, 'a":b': i, n: { x: t.slice(0, 9) } }))
    // Runs of 100 lines: each under keyMarksPerLine's bound, with lines cut anywhere by its steps.
    for (let i = 0; i < lines.length; i += 100)
      digest.update(`${keyMarksPerLine(Buffer.from(lines.slice(i, i + 100).join('\n') + '\n'))!.join()}\n`)
    const index = new NearDuplicateIndex(signatures.slice(0, 800).map((s, item) => ({ signature: s, item })))
    const answered = [0, 0.3, 0.5, 0.8, 1].map(threshold => {
      let n = 0
      for (const s of signatures.slice(800)) {
        const found = index.query(s, threshold)
        digest.update(found ? `${found.item}:${found.similarity};` : '-;')
        if (found) n++
      }
      return n
    })
    // Queries that find an item at each threshold, and every text but the empty ones signed.
    expect(answered).toEqual([422, 361, 339, 253, 26])
    expect(signatures.length).toBe(3349)
    // Recorded from the AssemblyScript scanner (text-scan.as.ts compiled to WebAssembly) before it was removed.
    expect(digest.digest('hex')).toBe('4d8e35801ac48ca2f491142a8fb441bb1c681c712e1186eb5a4e6a9d2b8147ca')
  })
})
