import { JUDGE_METRIC, type Gate } from '../registry/schema.js'
import type { JudgeSlice } from './judge/summary.js'
import type { BootstrapResult } from './paired-bootstrap.js'
import { examplesNeeded, minimumOnInterval, nonInferiority } from './verdict.js'

export interface GateResult {
  metric: string
  slice: string
  kind: 'min' | 'max' | 'max_regression' | 'beat_baseline_trainer'
  threshold: number
  value: number
  /** False only when the gate fails; an inconclusive gate has `passed` and `inconclusive` both true. */
  passed: boolean
  /** True when the data cannot tell: the interval contains −tolerance, or there is nothing to compare with. */
  inconclusive: boolean
  reason: string
  source: 'model' | 'risk tier'
}

export interface SliceScores {
  value: number
  /** Candidate against production, when there is a production version sharing examples. */
  comparison?: BootstrapResult
  /** The baseline trainer's score on the same examples. */
  baselineTrainer?: number
  n: number
}

const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(2) : v.toFixed(4))
/** A signed figure: `+0.2970`, `−0.0300`. */
const signed = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '') + fmt(Math.abs(v))

/**
 * Judges one gate on one slice. A regression gate is a non-inferiority test on the paired-bootstrap interval
 * of candidate − production (see `nonInferiority`): pass when the interval rules out a regression beyond the
 * tolerance, fail when it shows one, inconclusive only when it contains −tolerance (+tolerance where lower is
 * better) — then the reason says how many examples would settle it.
 */
export function judgeGate(
  gate: Gate,
  slice: string,
  s: SliceScores,
  higherIsBetter: boolean,
  source: GateResult['source']
): GateResult[] {
  const out: GateResult[] = []
  const base = { metric: gate.metric, slice, source }
  if (gate.min !== undefined) {
    const passed = s.value >= gate.min
    out.push({
      ...base,
      kind: 'min',
      threshold: gate.min,
      value: s.value,
      passed,
      inconclusive: false,
      reason: passed ? `${fmt(s.value)} ≥ ${gate.min}` : `${fmt(s.value)} is below the minimum ${gate.min}`
    })
  }
  if (gate.max !== undefined) {
    const passed = s.value <= gate.max
    out.push({
      ...base,
      kind: 'max',
      threshold: gate.max,
      value: s.value,
      passed,
      inconclusive: false,
      reason: passed ? `${fmt(s.value)} ≤ ${gate.max}` : `${fmt(s.value)} is above the maximum ${gate.max}`
    })
  }
  if (gate.max_regression !== undefined) out.push(regressionGate(gate.max_regression, s, higherIsBetter, base))
  if (gate.beat_baseline_trainer) {
    const bt = s.baselineTrainer
    if (bt === undefined)
      out.push({
        ...base,
        kind: 'beat_baseline_trainer',
        threshold: NaN,
        value: s.value,
        passed: false,
        inconclusive: true,
        reason: "the baseline trainer's score is not available"
      })
    else {
      const passed = higherIsBetter ? s.value > bt : s.value < bt
      out.push({
        ...base,
        kind: 'beat_baseline_trainer',
        threshold: bt,
        value: s.value,
        passed,
        inconclusive: false,
        reason: passed
          ? `${fmt(s.value)} beats the baseline trainer's ${fmt(bt)}`
          : `${fmt(s.value)} does not beat the baseline trainer's ${fmt(bt)}`
      })
    }
  }
  return out
}

/**
 * A `max_regression` gate. `value` is the change signed so that negative is worse (candidate − production where
 * higher is better, production − candidate where lower is better); the reason quotes the change and its interval
 * as measured, and the bound the rule compared with the tolerance.
 */
function regressionGate(
  tolerance: number,
  s: SliceScores,
  higherIsBetter: boolean,
  base: Pick<GateResult, 'metric' | 'slice' | 'source'>
): GateResult {
  const c = s.comparison
  const gate = { ...base, kind: 'max_regression' as const, threshold: tolerance }
  if (!c || Number.isNaN(c.delta) || Number.isNaN(c.low) || Number.isNaN(c.high))
    return {
      ...gate,
      value: s.value,
      passed: true,
      inconclusive: true,
      reason: 'nothing to compare with (no production version, or no eval example shared with it): absolute gates only'
    }
  const decision = nonInferiority(c, tolerance, higherIsBetter)
  const pct = Math.round(c.confidence * 100)
  const measured = `Δ ${signed(c.delta)} (${pct}% CI ${signed(c.low)} to ${signed(c.high)})`
  // The limit on the metric's own scale: −tolerance where higher is better, +tolerance where lower is.
  const limit = higherIsBetter ? `−${tolerance}` : `+${tolerance}`
  const oriented = higherIsBetter
    ? { delta: c.delta, low: c.low, high: c.high, n: c.n }
    : { delta: -c.delta, low: -c.high, high: -c.low, n: c.n }
  const judged = { ...gate, value: oriented.delta }
  if (decision === 'pass')
    return {
      ...judged,
      passed: true,
      inconclusive: false,
      reason: `${measured}: the ${higherIsBetter ? 'lower' : 'upper'} bound is ${higherIsBetter ? '≥' : '≤'} ${limit}, no regression beyond the tolerance ${tolerance}`
    }
  if (decision === 'fail')
    return {
      ...judged,
      passed: false,
      inconclusive: false,
      reason: `regressed by ${fmt(-oriented.delta)} (${pct}% CI ${fmt(-oriented.high)} to ${fmt(-oriented.low)}), beyond the tolerance ${tolerance}: the ${higherIsBetter ? 'upper' : 'lower'} bound is ${higherIsBetter ? '<' : '>'} ${limit}`
    }
  const needed = examplesNeeded(oriented, tolerance)
  return {
    ...judged,
    passed: true,
    inconclusive: true,
    reason:
      `${measured} contains ${limit}: ${c.n} examples are too few to detect a regression of ${tolerance}` +
      (needed === undefined
        ? ' (the change sits at the tolerance: no number of examples would settle it)'
        : `; about ${needed.toLocaleString('en-US')} would be needed for the interval to clear ${limit} if the change stays ${signed(c.delta)}`)
  }
}

/**
 * The judge_win_rate gates on the judge's slices. With reasons the judge cannot decide (too many errors, the
 * budget spent, swap consistency or κ below their minimum, production's outputs missing) a gate is inconclusive
 * whatever its interval says — never a pass. Otherwise `minimumOnInterval`: pass when the win rate's interval is
 * at or above `min`, fail when it is wholly below, inconclusive when it contains `min`. Without a judged pair (no
 * production version) the gate is inconclusive, which the verdict reads as not applicable.
 */
export function judgeWinRateGates(
  gates: { gate: Gate; source: GateResult['source'] }[],
  slices: Record<string, JudgeSlice> | undefined,
  useCases: string[],
  blockers: string[]
): GateResult[] {
  const out: GateResult[] = []
  for (const { gate, source } of gates) {
    if (gate.metric !== JUDGE_METRIC || gate.min === undefined) continue
    const min = gate.min
    const names = gate.slice === 'each-use-case' ? useCases.filter(u => slices?.[u]) : ['all']
    for (const slice of names) {
      const s = slices?.[slice]
      const base = { metric: JUDGE_METRIC, slice, source, kind: 'min' as const, threshold: min }
      if (!s || s.win_rate === null || s.low === null || s.high === null) {
        const why = blockers.length ? blockers.join('; ') : 'no judged pair: no production version to judge against'
        out.push({ ...base, value: NaN, passed: true, inconclusive: true, reason: why })
        continue
      }
      const measured = `win rate ${fmt(s.win_rate)} (${s.wins} won, ${s.ties} tied, ${s.losses} lost; CI ${fmt(s.low)} to ${fmt(s.high)})`
      if (blockers.length) {
        out.push({
          ...base,
          value: s.win_rate,
          passed: true,
          inconclusive: true,
          reason: `${measured}, but ${blockers.join('; ')}`
        })
        continue
      }
      const decision = minimumOnInterval({ low: s.low, high: s.high }, min)
      out.push({
        ...base,
        value: s.win_rate,
        passed: decision !== 'fail',
        inconclusive: decision === 'inconclusive',
        reason:
          decision === 'pass'
            ? `${measured}: the lower bound is ≥ ${min}`
            : decision === 'fail'
              ? `${measured}: the whole interval is below the minimum ${min}`
              : `${measured} contains the minimum ${min}: ${s.n} judged examples are too few to tell`
      })
    }
  }
  return out
}
