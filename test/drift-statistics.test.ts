import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../src/data/seeded-random.js'
import { compareSides } from '../src/drift/compare.js'
import { SideProfile, type ProfileRow } from '../src/drift/profile.js'
import {
  chiSquareHomogeneity,
  jensenShannonDistance,
  ksTwoSample,
  normalisedWasserstein,
  rocAuc
} from '../src/drift/statistics.js'

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
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(1, 10)
    expect(jensenShannonDistance([3, 1], [3, 1])).toBe(0)
    // scipy.stats.chi2_contingency([[30,20,50],[35,15,50]], correction=False): chi2 1.0989, p 0.5773
    const chi = chiSquareHomogeneity([30, 20, 50], [35, 15, 50])
    expect(chi.statistic).toBeCloseTo(1.0989, 3)
    expect(chi.pValue).toBeCloseTo(0.5773, 3)
    const ks = ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
    expect(ks.d).toBe(1)
    expect(ks.pValue).toBeLessThan(0.01)
    expect(ksTwoSample([1, 2, 3], [1, 2, 3]).d).toBe(0)
    // The distance of a shift by one standard deviation is one.
    const x = Array.from({ length: 1000 }, (_, i) => i / 100)
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - 4.995) ** 2, 0) / 999)
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
    expect(stat.method).toMatch(/chi-square/)
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
