import { afterEach, describe, expect, it } from 'vitest'
import { mulberry32 } from '../src/data/seeded-random.js'
import type { PanelJudge } from '../src/evaluation/judge/judge.js'
import {
  meanScore,
  panelScores,
  parseScore,
  scoreGateDecision,
  scoreOutputs,
  summarisePointwise,
  type PointInput,
  type StoredScore
} from '../src/evaluation/judge/pointwise.js'
import { rubricDigest, rubricProblems } from '../src/evaluation/judge/rubric.js'
import { drawScore, startJudgeStandIn, type StandIn, type StandInOptions } from '../scripts/judge-stand-in.js'

const BOOT = { resamples: 1000, seed: 7, confidence: 0.95 }
const TEMPLATE = [
  'How well does the output describe the product for a web shop?',
  '<input>{{ input }}</input>',
  '<reference>{{ reference }}</reference>',
  '<output>{{ output }}</output>'
].join('\n')
const RUBRIC = { digest: rubricDigest({ name: 'pw', version: 1, template: TEMPLATE }), template: TEMPLATE }
/** Scores 3, 4, 5 with probabilities ¼, ½, ¼: a true mean of exactly 4.0. */
const MEAN_FOUR = { 3: 0.25, 4: 0.5, 5: 0.25 }

describe('pointwise scores, parsed strictly', () => {
  it('accepts an integer in 1..k and refuses out of range, fractions, strings and prose — never clamps', () => {
    expect(parseScore('{"score": 4, "reason": "good"}', 5)).toEqual({ score: 4, reason: 'good' })
    expect(parseScore('```json\n{"score": 1}\n```', 5)).toEqual({ score: 1, reason: '' })
    for (const bad of ['{"score": 9}', '{"score": 0}', '{"score": 3.5}', '{"score": "4"}', 'I give it 4', '[4]'])
      expect(parseScore(bad, 5), bad).toBeUndefined()
    expect(parseScore('{"score": 9}', 10)).toEqual({ score: 9, reason: '' })
  })

  it('checks a pointwise rubric for its own variables', () => {
    expect(rubricProblems(TEMPLATE, 'pointwise')).toEqual([])
    const problems = rubricProblems('{{ input }} {{ output_a }}', 'pointwise')
    expect(problems).toContain(
      "unknown variable '{{ output_a }}' for mode pointwise; expected one of input, reference, output"
    )
    expect(problems).toContain(
      "the template never uses '{{ output }}'; a pointwise judge must see the input and the output"
    )
    expect(rubricProblems(TEMPLATE, 'pairwise').length).toBeGreaterThan(0)
  })

  it('a panel is the mean of the judges that answered, per example', () => {
    const s = (id: string, judge: string, score: number | null): StoredScore => ({
      id,
      judge,
      key: '',
      score,
      reason: '',
      error: score === null ? 'x' : null,
      prompt_tokens: 0,
      completion_tokens: 0
    })
    const panel = panelScores(['a', 'b', 'c'], [s('a', 'j1', 2), s('a', 'j2', 5), s('b', 'j1', 4), s('b', 'j2', null)])
    expect([...panel.entries()]).toEqual([
      ['a', 3.5],
      ['b', 4],
      ['c', null]
    ])
  })
})

describe('the mean score and its interval', () => {
  it('the interval covers a true mean of 4.0 in at least 93% of 200 seeded simulations of the stand-in', () => {
    const random = mulberry32(2026)
    let covered = 0
    for (let sim = 0; sim < 200; sim++) {
      const values = Array.from({ length: 100 }, () => drawScore(MEAN_FOUR, random()))
      const m = meanScore(values, { ...BOOT, seed: sim })
      expect(m.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 12)
      if (m.low <= 4 && 4 <= m.high) covered++
    }
    expect(covered / 200).toBeGreaterThanOrEqual(0.93)
  })

  it('errors over the threshold make a gate inconclusive whatever its interval, never a pass', () => {
    const slice = { n: 100, errors: 0, mean: 4.5, low: 4.3, high: 4.7 }
    expect(scoreGateDecision(slice, 3, []).decision).toBe('pass')
    expect(scoreGateDecision(slice, 4.8, []).decision).toBe('fail')
    expect(scoreGateDecision(slice, 4.5, []).decision).toBe('inconclusive')
    const blocked = scoreGateDecision(slice, 3, ['30.0% of the examples could not be scored'])
    expect(blocked.decision).toBe('inconclusive')
    expect(blocked.reason).toMatch(/could not be scored/)
    expect(scoreGateDecision(undefined, 3, []).decision).toBe('inconclusive')
  })
})

describe('the pointwise judge against the stand-in', () => {
  let standIns: StandIn[] = []
  afterEach(async () => {
    await Promise.all(standIns.map(s => s.close()))
    standIns = []
  })
  const start = async (o: StandInOptions) => {
    const s = await startJudgeStandIn(o)
    standIns.push(s)
    return s
  }
  const judge = (s: StandIn): PanelJudge => ({
    name: 'stand-in',
    baseUrl: s.url,
    model: 'stand-in-judge',
    price: { input_per_million: 1, output_per_million: 2 },
    timeoutMs: 2000,
    backoffMs: 1
  })
  const outputsOf = (n: number): PointInput[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `e${i}`,
      useCase: i % 2 ? 'meta-title' : 'alt-text',
      input: `product ${i}`,
      reference: `red leather boots size ${i}`,
      output: `red leather boots ${i}`
    }))
  const options = (s: StandIn, extra = {}) => ({
    judges: [judge(s)],
    rubricFor: () => RUBRIC,
    scale: 5,
    concurrency: 8,
    maxCostUsd: 100,
    ...extra
  })

  it('a true mean of 4.0 passes a gate at min 3 and fails one at 4.5; a re-run from the cache makes 0 calls', async () => {
    const s = await start({ pointwise: { distribution: MEAN_FOUR } })
    const inputs = outputsOf(120)
    const run = await scoreOutputs(inputs, options(s))
    expect(run.calls).toBe(120)
    expect(run.scores.every(x => x.score !== null && x.score >= 3 && x.score <= 5)).toBe(true)
    const rows = inputs.map(i => ({ id: i.id, use_case: i.useCase }))
    const summary = summarisePointwise(rows, run.scores, ['alt-text', 'meta-title'], BOOT)
    const all = summary.slices.all!
    expect(all.n).toBe(120)
    expect(all.low! <= 4 && 4 <= all.high!).toBe(true)
    expect(summary.slices['alt-text']!.n + summary.slices['meta-title']!.n).toBe(120)
    expect(scoreGateDecision(all, 3, []).decision).toBe('pass')
    expect(scoreGateDecision(all, 4.5, []).decision).toBe('fail')

    const before = s.requests()
    const cache = new Map(run.scores.map(x => [x.key, x]))
    const again = await scoreOutputs(inputs, options(s, { cache }))
    expect(again.calls).toBe(0)
    expect(again.cached).toBe(120)
    expect(s.requests()).toBe(before)
    expect(again.scores).toEqual(run.scores)
  })

  it('a reply of score 9 on a 1..5 scale is asked again once, then an error — not clamped to 5', async () => {
    const s = await start({ pointwise: { fixed: 9 } })
    const run = await scoreOutputs(outputsOf(4), options(s))
    expect(s.requests()).toBe(8)
    expect(run.scores.every(x => x.score === null)).toBe(true)
    expect(run.scores[0]!.error).toMatch(/not a JSON score \{"score": <an integer from 1 to 5>/)
    const summary = summarisePointwise(
      outputsOf(4).map(i => ({ id: i.id, use_case: i.useCase })),
      run.scores,
      ['alt-text', 'meta-title'],
      BOOT
    )
    expect(summary.error_share).toBe(1)
    expect(summary.slices.all!.mean).toBeNull()
  })

  it('the budget stops the calls and leaves the rest unasked', async () => {
    const s = await start({ pointwise: { distribution: MEAN_FOUR }, usage: { prompt: 1_000_000, completion: 0 } })
    const run = await scoreOutputs(outputsOf(10), options(s, { concurrency: 1, maxCostUsd: 2.5 }))
    expect(run.calls).toBe(3)
    expect(run.budgetReached).toBe(true)
    expect(run.scores.filter(x => x.error?.startsWith('not asked')).length).toBe(7)
  })
})
