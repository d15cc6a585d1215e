import type { Gate } from '../registry/schema.js'
import type { BootstrapResult } from './paired-bootstrap.js'

export interface GateResult {
  metric: string
  slice: string
  kind: 'min' | 'max' | 'max_regression' | 'beat_baseline_trainer'
  threshold: number
  value: number
  passed: boolean
  /** True when the data cannot tell: the slice is too small for the tolerance, or there is no baseline. */
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

/**
 * Judges one gate on one slice. A regression gate fails only when the whole confidence interval of the
 * change lies below −tolerance (for metrics where lower is better, above +tolerance): the regression is
 * beyond the tolerance at the chosen confidence. When the interval is wider than the tolerance on both
 * sides, the slice is too small to tell, and the report says so.
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
  if (gate.max_regression !== undefined) {
    const tol = gate.max_regression
    const c = s.comparison
    if (!c || Number.isNaN(c.delta)) {
      out.push({
        ...base,
        kind: 'max_regression',
        threshold: tol,
        value: s.value,
        passed: true,
        inconclusive: true,
        reason:
          'nothing to compare with (no production version, or no eval example shared with it): absolute gates only'
      })
    } else {
      // Express the change so that negative is worse.
      const [lo, hi] = higherIsBetter ? [c.low, c.high] : [-c.high, -c.low]
      const delta = higherIsBetter ? c.delta : -c.delta
      const worse = hi < -tol
      const halfWidth = (c.high - c.low) / 2
      const tooSmall = !worse && halfWidth > tol
      const pct = Math.round(c.confidence * 100)
      out.push({
        ...base,
        kind: 'max_regression',
        threshold: tol,
        value: delta,
        passed: !worse,
        inconclusive: tooSmall,
        reason: worse
          ? `regressed by ${fmt(-delta)} (${pct}% CI ${fmt(-hi)} to ${fmt(-lo)}), beyond the tolerance ${tol}`
          : tooSmall
            ? `change ${fmt(delta)} (${pct}% CI ${fmt(lo)} to ${fmt(hi)}): ` +
              `${c.n} examples are too few to detect a regression of ${tol}`
            : `change ${fmt(delta)} (${pct}% CI ${fmt(lo)} to ${fmt(hi)}) within the tolerance ${tol}`
      })
    }
  }
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
