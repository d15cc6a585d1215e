// The regression gate as a non-inferiority test, and one verdict (src/evaluation/verdict.ts) for every reader.
import { describe, expect, it } from 'vitest'
import { judgeGate, type GateResult } from '../src/evaluation/gates.js'
import { pairedBootstrap, type BootstrapResult } from '../src/evaluation/paired-bootstrap.js'
import {
  EVALUATE_EXIT,
  evaluateExitCode,
  examplesNeeded,
  modelVerdict,
  nonInferiority,
  recordVerdict
} from '../src/evaluation/verdict.js'

const comparison = (delta: number, low: number, high: number, n = 197, baseline = 0.5): BootstrapResult => ({
  delta,
  low,
  high,
  candidate: baseline + delta,
  baseline,
  n,
  resamples: 1000,
  confidence: 0.95
})
const regression = (tolerance: number, metric: 'macro_f1' | 'pii_leak' = 'macro_f1') => ({
  metric,
  max_regression: tolerance,
  slice: 'each-use-case' as const
})
const judge = (c: BootstrapResult, tolerance: number, higherIsBetter = true, slice = 'all'): GateResult =>
  judgeGate(
    regression(tolerance, higherIsBetter ? 'macro_f1' : 'pii_leak'),
    slice,
    { value: c.candidate, n: c.n, comparison: c },
    higherIsBetter,
    'model'
  )[0]!
const state = (g: GateResult) => (!g.passed ? 'fail' : g.inconclusive ? 'inconclusive' : 'pass')
const withProduction = {
  version: 'v1.0.0',
  evaluation_fingerprint: 'x',
  shared_examples: 197,
  only_candidate: 0,
  only_baseline: 0
}

describe('the regression gate is a non-inferiority test', () => {
  it('passes a clear improvement whose interval is wider than the tolerance (the reported case)', () => {
    // Production macro-F1 0.257, candidate 0.555: Δ +0.297, 95% CI [+0.231, +0.360], tolerance 0.03.
    const c = { ...comparison(0.297, 0.231, 0.36, 197, 0.257), candidate: 0.555 }
    for (const slice of ['all', 'content-refresh']) {
      const g = judge(c, 0.03, true, slice)
      expect(g).toMatchObject({ kind: 'max_regression', slice, passed: true, inconclusive: false })
      expect(g.reason).toBe(
        'Δ +0.2970 (95% CI +0.2310 to +0.3600): the lower bound is ≥ −0.03, no regression beyond the tolerance 0.03'
      )
      const verdict = modelVerdict({ baseline: withProduction, gates: [g] }, 'block')
      expect(verdict).toMatchObject({ state: 'pass', blocks: false })
      expect(recordVerdict({ baseline: withProduction, gates: [g] }, 'block')).toBe('pass')
    }
  })

  it('decides on where −tolerance lies against the interval, boundaries included', () => {
    const tol = 0.03
    const cases: [number, number, string][] = [
      [-0.03, 0.05, 'pass'], // the lower bound at −tolerance: a regression beyond it is ruled out
      [-0.01, 0.01, 'pass'],
      [-0.0301, 0.05, 'inconclusive'], // contains −tolerance
      [-0.2, -0.03, 'inconclusive'], // the upper bound at −tolerance: not shown beyond it
      [-0.2, -0.0301, 'fail'],
      [-0.09, -0.04, 'fail']
    ]
    for (const [low, high, expected] of cases) {
      expect(nonInferiority({ low, high }, tol, true), `[${low}, ${high}]`).toBe(expected)
      expect(state(judge(comparison((low + high) / 2, low, high), tol)), `[${low}, ${high}]`).toBe(expected)
      // Lower is better: the same test on the mirrored interval, against +tolerance.
      expect(nonInferiority({ low: -high, high: -low }, tol, false), `[${-high}, ${-low}]`).toBe(expected)
      expect(state(judge(comparison(-(low + high) / 2, -high, -low), tol, false)), `[${-high}, ${-low}]`).toBe(expected)
    }
  })

  it('mirrors the rule where lower is better, and says which bound it compared', () => {
    // pii_leak rose by +0.01 at most 0.025 with the tolerance 0.03: within it, though the interval is wide.
    expect(judge(comparison(-0.01, -0.05, 0.025), 0.03, false).reason).toBe(
      'Δ −0.0100 (95% CI −0.0500 to +0.0250): the upper bound is ≤ +0.03, no regression beyond the tolerance 0.03'
    )
    expect(judge(comparison(0.05, 0.031, 0.07), 0.03, false)).toMatchObject({
      passed: false,
      reason: 'regressed by 0.0500 (95% CI 0.0310 to 0.0700), beyond the tolerance 0.03: the lower bound is > +0.03'
    })
    expect(judge(comparison(0.02, 0.0, 0.04), 0.03, false).reason).toMatch(
      /^Δ \+0\.0200 \(95% CI 0\.0000 to \+0\.0400\) contains \+0\.03: 197 examples are too few to detect a regression of 0\.03; about \d+ would be needed/
    )
  })

  it('says "too few examples" only when inconclusive, with the examples needed', () => {
    const tol = 0.02
    const reasons = [
      judge(comparison(0.297, 0.231, 0.36), tol),
      judge(comparison(-0.01, -0.02, 0), tol),
      judge(comparison(-0.05, -0.07, -0.03), tol),
      judge(comparison(0.01, -0.05, 0.07, 200), tol)
    ].map(g => [state(g), /too few/.test(g.reason)])
    expect(reasons).toEqual([
      ['pass', false],
      ['pass', false],
      ['fail', false],
      ['inconclusive', true]
    ])
    // Reach from the change to the lower bound 0.06, allowed 0.03 (the change to −tolerance): 200 × 2² = 800.
    expect(judge(comparison(0.01, -0.05, 0.07, 200), tol).reason).toBe(
      'Δ +0.0100 (95% CI −0.0500 to +0.0700) contains −0.02: 200 examples are too few to detect a regression of ' +
        '0.02; about 800 would be needed for the interval to clear −0.02 if the change stays +0.0100'
    )
    // A change beyond −tolerance: the upper side must shrink, from 0.04 to 0.01: 100 × 4² = 1,600.
    expect(examplesNeeded({ delta: -0.03, low: -0.07, high: 0.01, n: 100 }, 0.02)).toBe(1600)
    // A change on −tolerance itself: no number of examples settles it.
    expect(examplesNeeded({ delta: -0.02, low: -0.05, high: 0.01, n: 100 }, 0.02)).toBeUndefined()
  })

  it('estimates examples that do settle a real paired bootstrap, and fewer that do not', () => {
    // Per-example accuracy differences: 30 improved, 28 regressed, 142 unchanged (Δ = +0.01 on 200 examples).
    const diffs = [...Array<number>(30).fill(1), ...Array<number>(28).fill(-1), ...Array<number>(142).fill(0)]
    const tol = 0.02
    const bootstrap = (copies: number) => {
      const candidate = new Float64Array(diffs.length * copies)
      const baseline = new Float64Array(diffs.length * copies)
      for (let k = 0; k < copies; k++)
        diffs.forEach((d, i) => {
          candidate[k * diffs.length + i] = d > 0 ? 1 : 0
          baseline[k * diffs.length + i] = d < 0 ? 1 : 0
        })
      return pairedBootstrap(
        { kind: 'mean', values: candidate },
        { kind: 'mean', values: baseline },
        { resamples: 2000, seed: 7, confidence: 0.95 }
      )
    }
    const now = bootstrap(1)
    expect(nonInferiority(now, tol, true)).toBe('inconclusive')
    const needed = examplesNeeded(now, tol)!
    expect(needed).toBeGreaterThan(800)
    expect(needed).toBeLessThan(2000)
    // The same examples repeated: the interval narrows as 1/√n around the same change.
    const enough = Math.ceil((1.3 * needed) / diffs.length)
    const tooFew = Math.floor((0.6 * needed) / diffs.length)
    expect(nonInferiority(bootstrap(enough), tol, true)).toBe('pass')
    expect(nonInferiority(bootstrap(tooFew), tol, true)).toBe('inconclusive')
  })
})

describe('one verdict under policy.inconclusive', () => {
  const pass = judge(comparison(0.02, 0.0, 0.04), 0.03)
  const inconclusive = judge(comparison(-0.01, -0.08, 0.06), 0.03)
  const fail = judge(comparison(-0.09, -0.12, -0.05), 0.03)

  it('blocks an inconclusive model under block: record verdict inconclusive, exit code 3', () => {
    const r = { baseline: withProduction, gates: [pass, inconclusive] }
    expect(modelVerdict(r, 'block')).toMatchObject({ state: 'inconclusive', blocks: true, deciding: [inconclusive] })
    expect(recordVerdict(r, 'block')).toBe('inconclusive')
    expect(evaluateExitCode(modelVerdict(r, 'block'))).toBe(EVALUATE_EXIT.inconclusive)
    expect(EVALUATE_EXIT).toEqual({ pass: 0, fail: 1, inconclusive: 3 })
  })

  it('lets it pass under warn, still inconclusive in its gates', () => {
    const r = { baseline: withProduction, gates: [pass, inconclusive] }
    expect(modelVerdict(r, 'warn')).toMatchObject({ state: 'inconclusive', blocks: false })
    expect(recordVerdict(r, 'warn')).toBe('pass')
    expect(evaluateExitCode(modelVerdict(r, 'warn'))).toBe(0)
  })

  it('fails whatever the policy when a gate fails; a first version has no regression to judge', () => {
    for (const policy of ['block', 'warn'] as const) {
      const r = { baseline: withProduction, gates: [inconclusive, fail] }
      expect(modelVerdict(r, policy)).toMatchObject({ state: 'fail', blocks: true, deciding: [fail] })
      expect(recordVerdict(r, policy)).toBe('fail')
      expect(evaluateExitCode(modelVerdict(r, policy))).toBe(1)
    }
    const first = judgeGate(regression(0.03), 'all', { value: 0.5, n: 10 }, true, 'model')
    expect(modelVerdict({ baseline: null, gates: first }, 'block')).toMatchObject({
      state: 'pass',
      counts: { 'not applicable': 1 }
    })
  })
})
