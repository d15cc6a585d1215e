import { describe, expect, it } from 'vitest'
import { bleuFromStats, bleuStats, BLEU_STATS, chrfFromStats, chrfStats, CHRF_STATS, tokenize13a } from '../src/evaluation/sacrebleu.js'

const sum = (rows: Float64Array[], width: number) => rows.reduce((acc, r) => acc.map((v, i) => v + r[i]!), new Float64Array(width))

describe('sacreBLEU conventions', () => {
  // The example of sacreBLEU's README, with its published values.
  const refs = [
    ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
    ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.']
  ]
  const sys = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.']
  const refsOf = (i: number) => refs.map(stream => stream[i]!)

  it('BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)', () => {
    const r = bleuFromStats(sum(sys.map((h, i) => bleuStats(h, refsOf(i))), BLEU_STATS))
    expect(r.score.toFixed(2)).toBe('48.53')
    expect(r.precisions.map(p => p.toFixed(1))).toEqual(['82.4', '50.0', '45.5', '37.5'])
    expect(r.bp.toFixed(3)).toBe('0.943')
    expect([r.sysLen, r.refLen]).toEqual([17, 18])
  })

  it('chrF2 = 59.73', () => {
    expect(chrfFromStats(sum(sys.map((h, i) => chrfStats(h, refsOf(i))), CHRF_STATS)).toFixed(2)).toBe('59.73')
  })

  it('tokenises like 13a: punctuation split, numbers kept together', () => {
    expect(tokenize13a("It wasn't surprising.")).toEqual(['It', "wasn't", 'surprising', '.'])
    expect(tokenize13a('Price: 1,299.50 GBP (in-stock)')).toEqual(['Price', ':', '1,299.50', 'GBP', '(', 'in-stock', ')'])
    expect(tokenize13a('a &amp; b')).toEqual(['a', '&', 'b'])
  })

  it('is 100 for identical text and 0 for nothing in common; exp smoothing keeps partial credit', () => {
    expect(bleuFromStats(bleuStats('the cat sat on the mat', ['the cat sat on the mat'])).score).toBeCloseTo(100, 10)
    expect(bleuFromStats(bleuStats('xyz', ['the cat'])).score).toBeLessThan(1)
    const short = bleuFromStats(bleuStats('the cat', ['the cat sat']))
    // 2 unigrams matched of 2, 1 bigram of 1, no trigrams or 4-grams: smoothed, with a brevity penalty.
    expect(short.precisions).toEqual([100, 100, 0, 0])
    expect(short.bp).toBeCloseTo(Math.exp(1 - 3 / 2), 12)
    expect(chrfFromStats(chrfStats('abc def', ['abcdef']))).toBeCloseTo(100, 10)
  })
})
