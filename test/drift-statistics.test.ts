import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../src/data/seeded-random.js'
import { compareSides } from '../src/drift/compare.js'
import { SideProfile, type ProfileRow } from '../src/drift/profile.js'
import {
  chiSquareGoodnessOfFit,
  chiSquareLogSf,
  chiSquareSf,
  jensenShannonDistance,
  ksTwoSample,
  normalisedWasserstein,
  pValueText,
  rocAuc,
  twoProportionZTest
} from '../src/drift/statistics.js'
import { missingPythonModules, testPython } from './helpers/python.js'

const COMMON = (
  'the a of and for with to in on our this new best your quality design fast easy light soft strong ' +
  'shoe jacket bag watch lamp chair table mug bottle scarf hat glove sock shirt dress belt wallet tent'
).split(' ')
const RARE = Array.from({ length: 400 }, (_, i) => `w${i}`)
const GARDEN = 'lawnmower hedge trimmer compost seeds fertiliser rake hose sprinkler greenhouse shears'.split(' ')

interface Shape {
  minWords: number
  maxWords: number
  /** Share of rows from the new garden product line. */
  garden: number
  /** Share of rows with use case product-description (the rest meta-title). */
  description: number
  /** Share of rows labelled refresh (the rest keep). */
  refresh: number
}
const BASE: Shape = { minWords: 8, maxWords: 24, garden: 0, description: 0.6, refresh: 0.3 }

function rowsOf(n: number, seed: number, shape: Shape): ProfileRow[] {
  const r = mulberry32(seed)
  const out: ProfileRow[] = []
  for (let i = 0; i < n; i++) {
    const len = shape.minWords + Math.floor(r() * (shape.maxWords - shape.minWords + 1))
    const garden = r() < shape.garden
    const ws: string[] = []
    for (let k = 0; k < len; k++) {
      const x = r()
      if (garden && x < 0.4) ws.push(GARDEN[Math.floor(r() * GARDEN.length)]!)
      // Zipf-like: common words most of the time, a long tail of rare ones.
      else if (x < 0.85) ws.push(COMMON[Math.floor(r() ** 2 * COMMON.length)]!)
      else ws.push(RARE[Math.floor(r() ** 1.5 * RARE.length)]!)
    }
    out.push({
      text: ws.join(' '),
      useCase: r() < shape.description ? 'product-description' : 'meta-title',
      label: r() < shape.refresh ? 'refresh' : 'keep'
    })
  }
  return out
}

function profile(rows: ProfileRow[], seed = 7): SideProfile {
  const p = new SideProfile(10_000, seed)
  for (const row of rows) p.add(row)
  return p
}

function compare(ref: Shape, cur: Shape, n: number, seed: number, labels = true) {
  return compareSides(profile(rowsOf(n, seed, ref)), profile(rowsOf(n, seed + 100_000, cur)), { seed, labels })
}

const drifted = (c: ReturnType<typeof compare>) => new Set(c.statistics.filter(s => s.drifted).map(s => s.name))

describe('drift statistics', () => {
  it('computes the textbook values', () => {
    // Natural logarithm (scipy's default): disjoint distributions are √ln 2 apart, not 1.
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 12)
    expect(jensenShannonDistance([3, 1], [3, 1])).toBe(0)
    // scipy.stats.chisquare([35, 15, 50], [30, 20, 50]): 25/30 + 25/20 = 2.0833 on 2 d.f., p = e^(−2.0833/2).
    const chi = chiSquareGoodnessOfFit([30, 20, 50], [35, 15, 50])
    expect(chi.statistic).toBeCloseTo(25 / 30 + 25 / 20, 12)
    expect(chi.pValue).toBeCloseTo(Math.exp(-(25 / 30 + 25 / 20) / 2), 12)
    const ks = ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
    expect(ks.d).toBe(1)
    expect(ks.pValue).toBeLessThan(0.01)
    expect(ksTwoSample([1, 2, 3], [1, 2, 3]).d).toBe(0)
    // The distance of a shift by one standard deviation is one.
    const x = Array.from({ length: 1000 }, (_, i) => i / 100)
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - 4.995) ** 2, 0) / 1000)
    expect(
      normalisedWasserstein(
        x,
        x.map(v => v + sd)
      )
    ).toBeCloseTo(1, 6)
    expect(rocAuc([3, 4], [1, 2])).toBe(1)
    expect(rocAuc([1, 2], [1, 2])).toBe(0.5)
  })

  it('detects longer inputs', () => {
    const c = compare(BASE, { ...BASE, minWords: 20, maxWords: 40 }, 300, 1)
    expect(drifted(c)).toContain('token_length')
    expect(c.verdict).toBe('drift')
  })

  it("detects a new product line's vocabulary, and names its words", () => {
    const c = compare(BASE, { ...BASE, garden: 0.5 }, 300, 2)
    // Garden words are longer too, so the approximate token length may move as well.
    for (const name of ['vocabulary', 'oov_share', 'domain_classifier'] as const) expect(drifted(c)).toContain(name)
    expect(drifted(c)).not.toContain('use_case_mix')
    expect(c.verdict).toBe('drift')
    expect(c.tellingWords.slice(0, 5).every(t => GARDEN.includes(t.word))).toBe(true)
    expect(c.examples.length).toBeGreaterThan(0)
  })

  it('shows no example row that holds personal data', () => {
    const cur = rowsOf(300, 12, { ...BASE, garden: 0.5 }).map((r, i) => ({
      ...r,
      text: i % 2 ? `${r.text} write to buyer${i}@example.com` : r.text
    }))
    const c = compareSides(profile(rowsOf(300, 11, BASE)), profile(cur), { seed: 3 })
    expect(drifted(c)).toContain('domain_classifier')
    expect(c.examples.length).toBeGreaterThan(0)
    for (const e of c.examples) expect(e).not.toContain('@')
  })

  it('detects a use-case mix change', () => {
    const c = compare(BASE, { ...BASE, description: 0.2 }, 300, 3)
    expect(drifted(c)).toContain('use_case_mix')
    const stat = c.statistics.find(s => s.name === 'use_case_mix')!
    // Two use cases on a small reference: Evidently's two-proportion z-test.
    expect(stat.method).toBe('two-proportion z-test')
    expect(stat.pValue).toBeLessThan(0.001)
  })

  it('detects a predicted-label mix change', () => {
    const c = compare(BASE, { ...BASE, refresh: 0.7 }, 300, 4)
    expect(drifted(c)).toEqual(new Set(['label_mix']))
  })

  it('uses effect-size thresholds on large samples, and still detects shifts there', () => {
    const same = compare(BASE, BASE, 3000, 5)
    expect(same.small).toBe(false)
    expect(same.statistics.find(s => s.name === 'token_length')!.method).toMatch(/Wasserstein/)
    expect(same.statistics.find(s => s.name === 'use_case_mix')!.method).toBe('Jensen–Shannon distance')
    expect(drifted(same).size).toBe(0)
    const longer = compare(BASE, { ...BASE, minWords: 12, maxWords: 28, garden: 0.3, description: 0.3 }, 3000, 6)
    expect(drifted(longer)).toEqual(
      new Set(['token_length', 'vocabulary', 'oov_share', 'use_case_mix', 'domain_classifier'])
    )
  })

  it("the reference's size alone picks the tests, as Evidently's get_stattest does", () => {
    const largeReference = compareSides(profile(rowsOf(1001, 17, BASE)), profile(rowsOf(200, 18, BASE)), { seed: 1 })
    expect(largeReference.small).toBe(false)
    expect(largeReference.statistics.find(s => s.name === 'use_case_mix')!.method).toBe('Jensen–Shannon distance')
    const smallReference = compareSides(profile(rowsOf(1000, 19, BASE)), profile(rowsOf(5000, 20, BASE)), {
      seed: 1,
      labels: true
    })
    expect(smallReference.small).toBe(true)
    expect(smallReference.statistics.find(s => s.name === 'token_length')!.method).toBe('Kolmogorov–Smirnov')
    expect(smallReference.statistics.find(s => s.name === 'label_mix')!.method).toBe('two-proportion z-test')
  })

  it('tests input lengths with at most 5 distinct values as categories, as Evidently tests such columns', () => {
    const texts = ['a b', 'a b c d e', 'a b c d e f g h i']
    const side = (n: number, seed: number, long: number) =>
      rowsOf(n, seed, BASE).map((r, i) => ({ ...r, text: texts[i % 10 < long ? 2 : i % 2]! }))
    const c = compareSides(profile(side(300, 21, 1)), profile(side(300, 22, 5)), { seed: 1 })
    const length = c.statistics.find(s => s.name === 'token_length')!
    expect(length.method).toBe('chi-square test (2 d.f.)')
    expect(length.drifted).toBe(true)
  })

  it("against a constant reference length, any change of length is drift (Evidently's 0.001 floor on the s.d.)", () => {
    const ref = rowsOf(1200, 15, BASE).map(r => ({ ...r, text: 'the quick brown fox jumps over the lazy dog' }))
    const cur = rowsOf(300, 16, BASE).map((r, i) => ({
      ...r,
      text: `${r.text
        .split(' ')
        .slice(0, 9 + (i % 3))
        .join(' ')}`
    }))
    const c = compareSides(profile(ref), profile(cur), { seed: 1 })
    const length = c.statistics.find(s => s.name === 'token_length')!
    expect(length.method).toMatch(/Wasserstein/)
    expect(length.effectSize).toBeGreaterThan(100)
    expect(length.drifted).toBe(true)
  })

  it('raises no alarm on same-distribution resamples (false-alarm rate under 5% over 100 seeds)', () => {
    let alarms = 0
    const perStatistic = new Map<string, number>()
    const runs = 100
    for (let seed = 1; seed <= runs; seed++) {
      const c = compare(BASE, BASE, 150, seed * 7919)
      if (c.verdict === 'drift') alarms++
      for (const name of drifted(c)) perStatistic.set(name, (perStatistic.get(name) ?? 0) + 1)
    }
    console.log(`false alarms: ${alarms}/${runs}; per statistic: ${JSON.stringify(Object.fromEntries(perStatistic))}`)
    expect(alarms / runs).toBeLessThan(0.05)
    // Each test alone holds its level too (about 5% by construction, with room for seeds).
    for (const [name, n] of perStatistic) expect(n / runs, name).toBeLessThanOrEqual(0.1)
  })
})

const python = testPython()
const missing = missingPythonModules(python, ['scipy', 'numpy', 'mpmath'])

/** Integer "token lengths" around `mean`, spread ± `spread`, and continuous values from the same generator. */
function lengths(n: number, seed: number, mean: number, spread: number): number[] {
  const r = mulberry32(seed)
  return Array.from({ length: n }, () => Math.max(1, Math.round(mean + (r() + r() + r() - 1.5) * spread)))
}
function counts(k: number, seed: number, total: number, skew = 0): number[] {
  const r = mulberry32(seed)
  const weights = Array.from({ length: k }, (_, i) => r() + (i === 0 ? skew : 0))
  const sum = weights.reduce((s, w) => s + w, 0)
  return weights.map(w => Math.round((w / sum) * total))
}

interface DriftReference {
  ks: { d: number; p: number }[]
  wasserstein: number[]
  js: number[]
  chisquare: { statistic: number | null; p: number }[]
  z: { z: number; p: number; evidently_p: number }[]
  chi2: { sf: number; logsf: number }[]
}

/** Relative agreement: |ours − theirs| ≤ tolerance × |theirs| (and exact zeros agree). */
const near = (ours: number, theirs: number, tolerance = 1e-9) =>
  ours === theirs || Math.abs(ours - theirs) <= tolerance * Math.abs(theirs)

describe.skipIf(missing !== undefined)(
  `drift statistics equal scipy's, as Evidently calls it (${missing ?? python})`,
  () => {
    const ks: [number[], number[]][] = [
      [lengths(120, 1, 30, 20), lengths(200, 2, 31, 20)],
      [lengths(300, 3, 30, 20), lengths(300, 4, 30, 20)],
      [lengths(50, 5, 30, 10), lengths(70, 6, 30, 10)],
      [lengths(5, 7, 30, 10), lengths(7, 8, 40, 10)],
      [lengths(1000, 9, 30, 20), lengths(1500, 10, 60, 20)],
      [lengths(799, 11, 30, 20), lengths(1500, 12, 32, 20)],
      [lengths(1000, 13, 30, 20), lengths(10_000, 14, 30.5, 20)],
      [Array.from({ length: 40 }, (_, i) => i / 7), Array.from({ length: 64 }, (_, i) => i / 9 + 0.3)]
    ]
    const wasserstein: [number[], number[]][] = [
      [lengths(800, 21, 30, 20), lengths(1500, 22, 33, 20)],
      [lengths(3000, 23, 30, 20), lengths(3000, 24, 30, 20)],
      // A constant reference: Evidently divides by 0.001, so any change is drift; none is 0.
      [Array<number>(1200).fill(12), lengths(900, 25, 12, 2)],
      [Array<number>(1200).fill(12), Array<number>(50).fill(12)]
    ]
    const js: [number[], number[]][] = [
      [counts(2, 31, 1100), counts(2, 32, 1500)],
      [counts(9, 33, 1100), counts(9, 34, 1500, 0.5)],
      [
        [1, 0],
        [0, 1]
      ],
      [
        [5, 0, 3],
        [0, 2, 3]
      ],
      [counts(200, 35, 50_000), counts(200, 36, 20_000)]
    ]
    const chisquare: [number[], number[]][] = [
      [counts(3, 41, 700), counts(3, 42, 300)],
      [counts(9, 43, 799), counts(9, 44, 1500, 0.3)],
      [
        [300, 300, 200],
        [100, 100, 900]
      ],
      // A category the reference never had: Evidently's statistic is infinite, p 0.
      [
        [300, 300, 0],
        [100, 100, 50]
      ],
      [
        [5000, 10, 10],
        [10, 5000, 10]
      ]
    ]
    const z: [number[], number[]][] = [
      [
        [491, 308],
        [735, 765]
      ],
      [
        [500, 500],
        [510, 490]
      ],
      [
        [600, 400],
        [400, 600]
      ],
      [
        [990, 10],
        [100, 900]
      ]
    ]
    const chi2: [number, number][] = [
      [0.5, 1],
      [3, 2],
      [10, 5],
      [100, 8],
      [50, 100],
      [200, 100],
      [1500, 8],
      [1e4, 3],
      [0, 4]
    ]
    const dir = mkdtempSync(path.join(tmpdir(), 'tunegate-drift-reference-'))
    const input = path.join(dir, 'input.json')
    writeFileSync(input, JSON.stringify({ ks, wasserstein, js, chisquare, z, chi2 }))
    const run = spawnSync(python, [path.resolve('test/helpers/reference-drift.py'), input], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      timeout: 120_000
    })
    rmSync(dir, { recursive: true, force: true })
    const want = (run.status === 0 ? JSON.parse(run.stdout) : {}) as DriftReference

    it('runs scipy', () => expect(run.status, run.stderr).toBe(0))

    it("Kolmogorov–Smirnov: ks_2samp's D and exact two-sided p-value, tiny ones included", () => {
      ks.forEach(([a, b], i) => {
        const ours = ksTwoSample(a, b)
        expect({ i, d: ours.d }).toEqual({ i, d: expect.closeTo(want.ks[i]!.d, 12) })
        expect({ i, p: ours.pValue, scipy: want.ks[i]!.p, near: near(ours.pValue, want.ks[i]!.p, 1e-8) }).toMatchObject(
          {
            near: true
          }
        )
      })
      expect(Math.min(...want.ks.map(k => k.p))).toBeLessThan(1e-100)
    })

    it("normalised Wasserstein: wasserstein_distance over Evidently's max(np.std(reference), 0.001)", () => {
      wasserstein.forEach(([r, c], i) => {
        expect({ i, w: normalisedWasserstein(r, c) }).toEqual({ i, w: expect.closeTo(want.wasserstein[i]!, 9) })
      })
      expect(normalisedWasserstein(wasserstein[2]![0], wasserstein[2]![1])).toBeGreaterThan(100)
    })

    it('Jensen–Shannon distance: scipy.spatial.distance.jensenshannon with its natural logarithm', () => {
      js.forEach(([p, q], i) => {
        expect({ i, js: jensenShannonDistance(p, q) }).toEqual({ i, js: expect.closeTo(want.js[i]!, 12) })
      })
    })

    it("chi-square: Evidently's scipy.stats.chisquare against reference shares scaled to the current total", () => {
      chisquare.forEach(([r, c], i) => {
        const ours = chiSquareGoodnessOfFit(r, c)
        const theirs = want.chisquare[i]!
        expect({ i, statistic: ours.statistic }).toEqual({
          i,
          statistic: theirs.statistic === null ? Infinity : expect.closeTo(theirs.statistic, 9)
        })
        expect({ i, p: ours.pValue, scipy: theirs.p, near: near(ours.pValue, theirs.p) }).toMatchObject({ near: true })
      })
    })

    it("two-proportion z-test: Evidently's pooled z, its p-value from the survival function", () => {
      z.forEach(([r, c], i) => {
        const ours = twoProportionZTest(r, c)
        expect({ i, z: Math.abs(ours.z) }).toEqual({ i, z: expect.closeTo(Math.abs(want.z[i]!.z), 9) })
        expect({ i, p: ours.pValue, scipy: want.z[i]!.p, near: near(ours.pValue, want.z[i]!.p) }).toMatchObject({
          near: true
        })
      })
      // Where Evidently's 2·(1 − cdf) has underflowed to 0, the survival function still has the value.
      expect(want.z[2]!.evidently_p).toBe(0)
      expect(twoProportionZTest(z[2]![0], z[2]![1]).pValue).toBeGreaterThan(1e-20)
      // z ≈ 40: below what a double holds, shown as a bound rather than 0.
      expect(pValueText(twoProportionZTest(z[3]![0], z[3]![1]).pValue)).toBe('p < 1e-300')
    })

    it('chi-square tail: chi2.sf and chi2.logsf, and an underflowed p-value is never shown as 0', () => {
      chi2.forEach(([x, df], i) => {
        const logsf = chiSquareLogSf(x, df)
        expect({ x, df, logsf, near: near(logsf, want.chi2[i]!.logsf, 1e-9) || Math.abs(logsf) < 1e-15 }).toMatchObject(
          {
            near: true
          }
        )
        const sf = chiSquareSf(x, df)
        const agrees = want.chi2[i]!.sf > 1e-300 ? near(sf, want.chi2[i]!.sf) : sf < 1e-300
        expect({ x, df, sf, agrees }).toMatchObject({ agrees: true })
      })
      // 1,500 on 8 d.f.: scipy's chi2.sf underflows to 0; the text says how small.
      expect(want.chi2[6]!.sf).toBe(0)
      expect(pValueText(chiSquareSf(1500, 8))).toBe('p < 1e-300')
      expect(pValueText(chiSquareSf(200, 100))).toMatch(/^p = \d\.\de-\d+$/)
      expect(pValueText(0.5)).toBe('p = 0.5000')
    })
  }
)
