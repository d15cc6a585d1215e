import { describe, expect, it } from 'vitest'
import { hash53, normaliseText } from '../src/data/hash-index.js'
import { bandKey, estimatedJaccard, signature } from '../src/data/minhash.js'
import { KEY_GAP_MARK, keyMarksPerLine, NearDuplicateIndex, TextScanner } from '../src/data/text-scan.js'

describe('the text scanner', () => {
  it("counts the '\":' pairs of each line, as parseJsonLine would, wherever the 16-byte steps cut them", () => {
    let seed = 11
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
    const pieces = ['"', ':', '":', 'a', ' ', 'é', '🎉', '\r', '{"k":1}', '\\"', '::', '""']
    for (let round = 0; round < 50; round++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
        Array.from({ length: Math.floor(random() * 60) }, () => pieces[Math.floor(random() * pieces.length)]).join('')
      )
      const marks = keyMarksPerLine(Buffer.from(lines.join('\n') + '\n'))!
      expect(Array.from(marks)).toEqual(lines.map(l => l.split('":').length - 1))
    }
    // One long line (many steps) and empty lines (one count each).
    const long = '{"a":"b",'.repeat(5000) + '"z":0}'
    expect(Array.from(keyMarksPerLine(Buffer.from(`${long}\n\n\n{"x":1}\n`))!)).toEqual([5001, 0, 0, 1])
    expect(keyMarksPerLine(Buffer.alloc(300 * 1024, 10))).toBeUndefined()
    // With gaps: a line where whitespace separates a quote from a colon (a key written `"a" :`) is marked, so
    // parseJsonLine scans it exactly; the others keep their counts.
    const gapped = ['{"a" :1,"a":2}', '{"a":1}', '{"a"\t:1}', '{"b": "x :"}', '{"c":"\\" :"}', '']
    expect(Array.from(keyMarksPerLine(Buffer.from(gapped.join('\n') + '\n'), true)!)).toEqual([
      KEY_GAP_MARK,
      1,
      KEY_GAP_MARK,
      1,
      KEY_GAP_MARK,
      0
    ])
  })

  it('keeps the MinHash of the former TypeScript implementation (signatures compare across versions)', () => {
    // Values of minhash.ts's signature() and bandKey() since its first version (the WebAssembly gave the same).
    const pinned: [string, number[], number][] = [
      ['one', [100960439, 49693829, 132644947, 81378337, 30111726, 113062844], 629221010],
      ['two words', [35559289, 118510407, 67243797, 15977186, 98928304, 47661694], 546051343],
      ['the cat sat on the mat', [7985756, 90936873, 39670263, 122621381, 71354771, 20088160], 469341348],
      ['écrit à paris 🎉', [71233593, 19966983, 102918101, 51651491, 12316188, 52603836], 878307273]
    ]
    for (const [text, bins, band3] of pinned) {
      const sig = signature(text)!
      expect([...sig.slice(0, 6)], text).toEqual(bins)
      expect(bandKey(sig, 3), text).toBe(band3)
    }
  })

  it('grows its word and text areas for long texts, before and after an index is loaded', () => {
    const scanner = new TextScanner()
    const check = (text: string) => {
      scanner.scan(text, true)
      const norm = normaliseText(text)
      expect(scanner.hash).toBe(hash53(norm))
      expect(scanner.hasSignature).toBe(true)
      expect([...scanner.signature]).toEqual([...signature(norm)!])
    }
    // Words with a tab and line break now and then, which the normalised form turns into one space.
    const words = (n: number, seed: number) =>
      Array.from({ length: n }, (_, i) => `w${(i * seed) % 997}${i % 7 ? ' ' : '\t\n'}`).join('')
    const eval1 = signature(normaliseText(words(200, 3)))!
    const index = new NearDuplicateIndex([
      { signature: eval1, item: 'eval-1' },
      { signature: signature('something else entirely here')!, item: 'eval-2' }
    ])
    // One-letter words: the most words a text of its length can have (the word area's bound).
    check('a '.repeat(40_000))
    check(words(30_000, 7))
    expect(index.query(eval1, 0.8)).toEqual({ item: 'eval-1', similarity: 1 })
    // The index moved the word and text areas up; texts longer still grow them again behind it.
    check('b '.repeat(300_000) + 'end')
    check(`Émile ${'ü x '.repeat(100_000)}`)
    check(words(200_000, 11))
    expect(index.query(eval1, 0.8)).toEqual({ item: 'eval-1', similarity: 1 })
    const near = signature(normaliseText(words(200, 3).replace('w3 ', 'changed ')))!
    expect(index.query(near, 0.5)?.item).toBe('eval-1')
    expect(index.query(near, 0.5)?.similarity).toBe(estimatedJaccard(near, eval1))
    // And short texts still scan right after the growth.
    check('Short again.')
  })
})
