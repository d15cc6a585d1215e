import { describe, expect, it } from 'vitest'
import {
  bleuFromStats,
  bleuStats,
  BLEU_STATS,
  chrfFromStats,
  chrfStats,
  CHRF_STATS,
  tokenize13a
} from '../src/evaluation/sacrebleu.js'

const sum = (rows: Float64Array[], width: number) =>
  rows.reduce((acc, r) => acc.map((v, i) => v + r[i]!), new Float64Array(width))

describe('sacreBLEU conventions', () => {
  // The example of sacreBLEU's README, with its published values.
  const refs = [
    ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
    ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.']
  ]
  const sys = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.']
  const refsOf = (i: number) => refs.map(stream => stream[i]!)

  it('BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)', () => {
    const r = bleuFromStats(
      sum(
        sys.map((h, i) => bleuStats(h, refsOf(i))),
        BLEU_STATS
      )
    )
    expect(r.score.toFixed(2)).toBe('48.53')
    expect(r.precisions.map(p => p.toFixed(1))).toEqual(['82.4', '50.0', '45.5', '37.5'])
    expect(r.bp.toFixed(3)).toBe('0.943')
    expect([r.sysLen, r.refLen]).toEqual([17, 18])
  })

  it('chrF2 = 59.73', () => {
    expect(
      chrfFromStats(
        sum(
          sys.map((h, i) => chrfStats(h, refsOf(i))),
          CHRF_STATS
        )
      ).toFixed(2)
    ).toBe('59.73')
  })

  it('tokenises like 13a: punctuation split, numbers kept together', () => {
    expect(tokenize13a("It wasn't surprising.")).toEqual(['It', "wasn't", 'surprising', '.'])
    expect(tokenize13a('Price: 1,299.50 GBP (in-stock)')).toEqual([
      'Price',
      ':',
      '1,299.50',
      'GBP',
      '(',
      'in-stock',
      ')'
    ])
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

  // sacreBLEU 2.6's own values; test/evaluation-reference-tools.test.ts checks thousands more against it.
  it('follows sacreBLEU where it differs from the textbook: no match is 0, trailing whitespace, empty references', () => {
    expect(bleuFromStats(bleuStats('a b c d', ['e f g h'])).score).toBe(0)
    expect(bleuFromStats(bleuStats('the quick brown fox-\n', ['the quick brown fox'])).score.toFixed(2)).toBe('59.46')
    const corpus = sum([chrfStats('abcdef', ['abcdef']), chrfStats('xyz', [''])], CHRF_STATS)
    expect(chrfFromStats(corpus)).toBeCloseTo(100, 10)
  })

  it("splits on Python's whitespace: U+001C and U+0085 separate words, U+FEFF does not", () => {
    expect(tokenize13a('a\x1cb\x85c')).toEqual(['a', 'b', 'c'])
    expect(tokenize13a('a\ufeffb')).toEqual(['a\ufeffb'])
    expect(bleuStats('x\ufeff', ['x'])[0]).toBe(1)
    expect(chrfFromStats(chrfStats('ab\x1fcd', ['abcd']))).toBeCloseTo(100, 10)
  })
})

import { METRIC_DEFS, macroF1Def, perClass, rougeL, type Scored } from '../src/evaluation/metrics.js'
import { pairedBootstrap, score } from '../src/evaluation/paired-bootstrap.js'
import { judgeGate } from '../src/evaluation/gates.js'

const one = (name: keyof typeof METRIC_DEFS, x: Partial<Scored>, ctx = { bannedTerms: ['miracle', 'risk-free'] }) => {
  const out = new Float64Array(METRIC_DEFS[name].width)
  METRIC_DEFS[name].example({ id: '1', useCase: 'a', input: '', prediction: '', reference: '', ...x }, ctx, out)
  return out[0]
}

describe('metrics on hand-computed cases', () => {
  it('ROUGE-L F1 from the longest common subsequence', () => {
    // LCS of "the cat sat on the mat" / "the cat is on the mat" = the cat on the mat (5): P = R = 5/6.
    expect(rougeL('the cat sat on the mat', 'the cat is on the mat')).toBeCloseTo(5 / 6, 12)
    // rouge-score's canonical example: LCS "the fox" ... "quick brown fox jumps over the lazy dog" vs "the quick brown dog jumps on the log"
    expect(rougeL('The quick brown fox jumps over the lazy dog', 'The quick brown dog jumps on the log.')).toBeCloseTo(
      (2 * (5 / 9) * (5 / 8)) / (5 / 9 + 5 / 8),
      12
    )
    expect(rougeL('', 'x')).toBe(0)
  })
  it('token F1 and exact match with SQuAD normalisation; JSON compared as values', () => {
    expect(one('token_f1', { prediction: 'The Cork Yoga Mat!', reference: 'cork yoga mat by Acme' })).toBeCloseTo(
      (2 * 1 * 0.6) / 1.6,
      12
    )
    expect(one('exact_match', { prediction: ' {"b":1,"a":[1,2]} ', reference: '{"a": [1, 2], "b": 1}' })).toBe(1)
    expect(one('exact_match', { prediction: 'Mat', reference: 'mat' })).toBe(0)
    // SQuAD deletes ASCII punctuation and keeps other symbols; articles go only as whole words in any script.
    expect(one('token_f1', { prediction: 'dont', reference: "don't" })).toBe(1)
    expect(one('token_f1', { prediction: '«cat»', reference: 'cat' })).toBe(0)
    expect(one('token_f1', { prediction: 'éthe', reference: 'é' })).toBe(0)
    expect(one('token_f1', { prediction: 'The', reference: 'a' })).toBe(1)
    expect(one('json_valid', { prediction: '{"a":' })).toBe(0)
  })
  it('safety: PII the input did not have, banned terms on word boundaries, injection probes', () => {
    expect(one('pii_leak', { input: 'email jane@example.com', prediction: 'Reply to jane@example.com' })).toBe(0)
    expect(one('pii_leak', { input: 'write alt text', prediction: 'Contact bob@example.com' })).toBe(1)
    expect(one('banned_terms', { prediction: 'A Miracle mat!' })).toBe(1)
    expect(one('banned_terms', { prediction: 'miracles happen' })).toBe(0)
    // Any occurrence that stands as a word counts, not only the first one found.
    expect(one('banned_terms', { prediction: 'Miracles happen with this miracle mat' })).toBe(1)
    expect(one('banned_terms', { prediction: 'miraclemiracle, risk-freely' })).toBe(0)
    expect(one('banned_terms', { prediction: 'nonmiracle then ÉMIRACLE then Miracle!' })).toBe(1)
    expect(one('banned_terms', { prediction: 'a 100% risk-free trial' })).toBe(1)
    expect(one('injection_resistance', { prediction: 'Here is your title', reference: 'PWNED' })).toBe(1)
    expect(one('injection_resistance', { prediction: 'pwned', reference: 'PWNED' })).toBe(0)
  })
  it('macro-F1 from summed per-class counts, and per-class precision and recall', () => {
    const labels = ['a', 'b', 'c']
    const def = macroF1Def(labels)
    const pairs: [string, string][] = [
      ['a', 'a'],
      ['a', 'b'],
      ['b', 'b'],
      ['c', 'b'],
      ['c', 'c']
    ]
    const stats = new Float64Array(pairs.length * def.width)
    const row = new Float64Array(def.width)
    pairs.forEach(([p, g], i) => {
      def.example({ id: String(i), useCase: 'x', input: '', prediction: p, reference: g }, { bannedTerms: [] }, row)
      stats.set(row, i * def.width)
    })
    // a: tp1 fp1 fn0 → 2/3; b: tp1 fp0 fn2 → 1/2; c: tp1 fp1 fn0 → 2/3.
    expect(score({ kind: 'corpus', width: def.width, stats, aggregate: def.aggregate! })).toBeCloseTo(
      (2 / 3 + 1 / 2 + 2 / 3) / 3,
      12
    )
    expect(
      perClass(
        labels,
        pairs.map(([p, g], i) => ({ id: String(i), useCase: 'x', input: '', prediction: p, reference: g }))
      )[1]
    ).toEqual({ label: 'b', precision: 1, recall: 1 / 3, support: 3 })
  })
})

describe('the paired bootstrap', () => {
  it('a 95% interval covers the true difference in about 95% of simulated evaluations', () => {
    // Paired Bernoulli scores: each example is easy or hard for both systems, the candidate is 5 points better.
    let seed = 12345
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296
    const trueDelta = 0.05
    let covered = 0
    const runs = 300
    for (let s = 0; s < runs; s++) {
      const n = 300
      const a = new Float64Array(n)
      const b = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        const difficulty = rand() < 0.5 ? 0.5 : 0.8
        b[i] = rand() < difficulty ? 1 : 0
        a[i] = rand() < difficulty + trueDelta ? 1 : 0
      }
      const r = pairedBootstrap(
        { kind: 'mean', values: a },
        { kind: 'mean', values: b },
        { resamples: 500, seed: s + 1, confidence: 0.95 }
      )
      if (r.low <= trueDelta && trueDelta <= r.high) covered++
    }
    expect(covered / runs).toBeGreaterThan(0.91)
    expect(covered / runs).toBeLessThan(0.985)
  })

  it('is seeded, and resamples corpus metrics at corpus level', () => {
    const values = Float64Array.from({ length: 50 }, (_, i) => (i % 3 ? 1 : 0))
    const other = Float64Array.from({ length: 50 }, (_, i) => (i % 2 ? 1 : 0))
    const o = { resamples: 200, seed: 7, confidence: 0.9 }
    expect(pairedBootstrap({ kind: 'mean', values }, { kind: 'mean', values: other }, o)).toEqual(
      pairedBootstrap({ kind: 'mean', values }, { kind: 'mean', values: other }, o)
    )
    const sys = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.']
    const ref = ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.']
    const stats = (hyps: string[]) => Float64Array.from(hyps.flatMap((h, i) => [...bleuStats(h, [ref[i]!])]))
    const r = pairedBootstrap(
      { kind: 'corpus', width: BLEU_STATS, stats: stats(sys), aggregate: s => bleuFromStats(s).score },
      { kind: 'corpus', width: BLEU_STATS, stats: stats(ref), aggregate: s => bleuFromStats(s).score },
      o
    )
    expect(r.baseline).toBeCloseTo(100, 8)
    expect(r.delta).toBeLessThan(0)
    expect(r.high).toBeLessThanOrEqual(0.000001)
  })
})

describe('regression gates', () => {
  const comparison = (delta: number, low: number, high: number, n = 500) => ({
    delta,
    low,
    high,
    candidate: 0.8 + delta,
    baseline: 0.8,
    n,
    resamples: 1000,
    confidence: 0.95
  })
  const gate = { metric: 'rouge_l' as const, max_regression: 0.02, slice: 'all' as const }
  it('fail only when the whole interval is beyond the tolerance, pass when it rules such a regression out', () => {
    expect(
      judgeGate(gate, 'all', { value: 0.75, n: 500, comparison: comparison(-0.05, -0.07, -0.03) }, true, 'model')[0]
    ).toMatchObject({
      passed: false,
      reason: expect.stringMatching(/regressed by 0.0500 \(95% CI 0.0300 to 0.0700\), beyond the tolerance 0.02/)
    })
    expect(
      judgeGate(gate, 'all', { value: 0.78, n: 500, comparison: comparison(-0.01, -0.02, 0) }, true, 'model')[0]
    ).toMatchObject({ passed: true, inconclusive: false })
  })
  it('say when a slice is too small to tell', () => {
    expect(
      judgeGate(
        gate,
        'meta-title',
        { value: 0.7, n: 12, comparison: comparison(-0.03, -0.2, 0.14, 12) },
        true,
        'model'
      )[0]
    ).toMatchObject({
      passed: true,
      inconclusive: true,
      reason: expect.stringMatching(/12 examples are too few to detect a regression of 0.02/)
    })
  })
  it('treat lower-is-better metrics the other way round, and absolute gates plainly', () => {
    const leak = { metric: 'pii_leak' as const, max_regression: 0.01, max: 0.05, slice: 'all' as const }
    const results = judgeGate(
      leak,
      'all',
      { value: 0.06, n: 500, comparison: { ...comparison(0.04, 0.02, 0.06), baseline: 0.02, candidate: 0.06 } },
      false,
      'risk tier'
    )
    expect(results.map(r => [r.kind, r.passed])).toEqual([
      ['max', false],
      ['max_regression', false]
    ])
  })
})
