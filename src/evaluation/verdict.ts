// The one place that decides pass / fail / inconclusive: the regression gate's non-inferiority rule, a gate's
// state, a model's verdict under registry.yaml's `policy.inconclusive`, and the exit code of `tunegate evaluate`.
// Evaluation, the report, the CLI, the evaluate action and promotion all take their decision from here.
import type { EvaluationRecord } from './record.js'

/** What registry.yaml's `policy.inconclusive` says an inconclusive gate does to the merge. */
export type InconclusivePolicy = 'block' | 'warn'

/** A gate's one state: `not applicable` is a regression gate with no production version to compare with. */
export type GateState = 'pass' | 'fail' | 'inconclusive' | 'not applicable'

/** A model's one state. */
export type ModelState = 'pass' | 'fail' | 'inconclusive'

/** What the verdict reads of a gate: the record's gate, or a gate just judged. */
export interface JudgedGate {
  metric?: string
  kind: string
  passed: boolean
  inconclusive: boolean
}

/** What the verdict reads of a record: whether it compares with production, and its gates. */
export type JudgedRecord<G extends JudgedGate = JudgedGate> = {
  baseline: EvaluationRecord['baseline']
  gates: G[]
  verdict?: EvaluationRecord['verdict']
}

/**
 * The regression gate as a non-inferiority test on the paired-bootstrap interval [low, high] of
 * candidate − production. Where higher is better: pass when low ≥ −tolerance (a regression beyond the tolerance
 * is ruled out), fail when high < −tolerance (a regression beyond it is shown), inconclusive only when the
 * interval contains −tolerance (low < −tolerance ≤ high). Where lower is better, mirrored: pass when
 * high ≤ +tolerance, fail when low > +tolerance, inconclusive when low ≤ +tolerance < high.
 */
export function nonInferiority(
  interval: { low: number; high: number },
  tolerance: number,
  higherIsBetter: boolean
): 'pass' | 'fail' | 'inconclusive' {
  // Oriented so that negative is worse: the lower-is-better case is the same test on the negated interval.
  const [low, high] = higherIsBetter ? [interval.low, interval.high] : [-interval.high, -interval.low]
  if (low >= -tolerance) return 'pass'
  if (high < -tolerance) return 'fail'
  return 'inconclusive'
}

/**
 * A minimum on a quantity known by its interval (the judge's win rate): pass when the whole interval is at or
 * above the minimum, fail when it is wholly below, inconclusive when it contains the minimum. It is the
 * non-inferiority rule on the interval measured from the minimum, with no further tolerance.
 */
export function minimumOnInterval(
  interval: { low: number; high: number },
  min: number
): 'pass' | 'fail' | 'inconclusive' {
  return nonInferiority({ low: interval.low - min, high: interval.high - min }, 0, true)
}

/**
 * About how many shared examples an inconclusive regression gate needs for its interval to clear −tolerance,
 * if the change stays what it is. The interval's reach on either side of the change scales as 1/√n, so the side
 * that must shrink — from the change down to the lower bound when the change is above −tolerance, up to the
 * upper bound when it is below — needs n × (reach now / reach allowed)² examples, where the reach allowed is the
 * distance from the change to −tolerance. Undefined when the change sits on −tolerance itself (no n settles it).
 * Arguments are oriented so that negative is worse.
 */
export function examplesNeeded(
  c: { delta: number; low: number; high: number; n: number },
  tolerance: number
): number | undefined {
  const limit = -tolerance
  const [reach, allowed] = c.delta > limit ? [c.delta - c.low, c.delta - limit] : [c.high - c.delta, limit - c.delta]
  if (!(allowed > 0) || !(reach > 0) || !Number.isFinite(reach / allowed)) return undefined
  // Rounded up, less a hair of floating-point noise (0.06 / 0.03 is 2.0000000000000004).
  const needed = Math.ceil(c.n * (reach / allowed) ** 2 - 1e-9)
  return Number.isFinite(needed) ? Math.max(needed, c.n + 1) : undefined
}

/** The state of one gate of a record. */
export function gateState(r: Pick<JudgedRecord, 'baseline'>, g: JudgedGate): GateState {
  if (!g.passed) return 'fail'
  // With a production version but no examples shared with it, a regression cannot be ruled out: inconclusive.
  // The judge's win rate against production means nothing without production, as a regression does.
  if ((g.kind === 'max_regression' || g.metric === 'judge_win_rate') && !r.baseline) return 'not applicable'
  return g.inconclusive ? 'inconclusive' : 'pass'
}

/** A model's verdict: its state, whether it blocks the merge, its gates by state, and the gates that decide it. */
export interface ModelVerdict<G extends JudgedGate = JudgedGate> {
  state: ModelState
  /** Whether the merge is blocked: a failing model always, an inconclusive one under `policy.inconclusive: block`. */
  blocks: boolean
  policy: InconclusivePolicy
  counts: Record<GateState, number>
  /** The failing gates of a failing model, the inconclusive gates of an inconclusive one; none for a pass. */
  deciding: G[]
}

/**
 * A model's verdict from its gates under the registry's policy: fail when a gate fails (or the record says fail),
 * else inconclusive when a gate is inconclusive — blocking under `block`, passing with a warning under `warn` —
 * else pass. Gates that are not applicable (no production version yet) count for neither.
 */
export function modelVerdict<G extends JudgedGate>(r: JudgedRecord<G>, policy: InconclusivePolicy): ModelVerdict<G> {
  const counts: Record<GateState, number> = { pass: 0, fail: 0, inconclusive: 0, 'not applicable': 0 }
  for (const g of r.gates) counts[gateState(r, g)]++
  const of = (s: GateState) => r.gates.filter(g => gateState(r, g) === s)
  if (r.verdict === 'fail' || counts.fail) return { state: 'fail', blocks: true, policy, counts, deciding: of('fail') }
  if (counts.inconclusive)
    return { state: 'inconclusive', blocks: policy === 'block', policy, counts, deciding: of('inconclusive') }
  return { state: 'pass', blocks: false, policy, counts, deciding: [] }
}

/**
 * The `verdict` an evaluation record stores: `fail`, `inconclusive` when an inconclusive model blocks under the
 * policy, else `pass` (an inconclusive model under `warn` passes, its gates still marked inconclusive).
 */
export function recordVerdict(r: JudgedRecord, policy: InconclusivePolicy): EvaluationRecord['verdict'] {
  const v = modelVerdict(r, policy)
  return v.state === 'pass' || !v.blocks ? 'pass' : v.state
}

/**
 * The exit codes of `tunegate evaluate`: 0 when the model may merge (it passes, or it is inconclusive under
 * `policy.inconclusive: warn`), 1 when a gate fails, 3 when it is inconclusive under `block` (2 is the CLI's
 * usage error).
 */
export const EVALUATE_EXIT = { pass: 0, fail: 1, inconclusive: 3 } as const

/** The exit code of `tunegate evaluate` for a verdict. */
export function evaluateExitCode(v: Pick<ModelVerdict, 'state' | 'blocks'>): number {
  if (!v.blocks) return EVALUATE_EXIT.pass
  return v.state === 'fail' ? EVALUATE_EXIT.fail : EVALUATE_EXIT.inconclusive
}
