// The judge's figures per slice, recomputed the same way from stored verdicts by evaluation and by promotion.
import type { ScoreSlice } from './pointwise.js'
import { pairOutcomes, type PairOutcome, type StoredPair, type StoredVerdict } from './panel.js'
import { cohenKappa, holm, lengthRatioOfWins, signTest, winRate, type Outcome } from './statistics.js'

/** One slice (all examples, or one use case) as the record and the comment show it. */
export interface JudgeSlice {
  /** Pairs with an outcome (wins + ties + losses); pairs no judge decided are `errors`. */
  n: number
  wins: number
  ties: number
  losses: number
  errors: number
  /** Win rate with ties as ½, and its paired-bootstrap interval; null without decided pairs. */
  win_rate: number | null
  low: number | null
  high: number | null
  /** Exact two-sided sign test of wins against losses, and Holm's adjustment across use cases ('all': unadjusted). */
  p_value: number
  p_holm: number
  /** Share of judged (judge, pair) verdicts that named the same system in both orders; null when none was judged. */
  swap_consistency: number | null
  /** Mean candidate ÷ production length over the candidate's wins; null without wins. */
  length_ratio_of_wins: number | null
}

/** One human label of the calibration file. */
export interface CalibrationRow {
  id: string
  preferred: 'candidate' | 'production' | 'tie'
}

export interface JudgeSummary {
  slices: Record<string, JudgeSlice>
  /** Share of non-identical pairs no judge could decide (errors, budget). */
  error_share: number
  /** Cohen's κ between the panel and the calibration file's humans on the ids both have; null without one. */
  kappa: number | null
  kappa_n: number
  /** Ids whose candidate output tries to steer the judge. */
  injections: string[]
  /** Pointwise: the mean score per slice with its bootstrap interval (the pairwise `slices` are then empty). */
  scores?: Record<string, ScoreSlice>
}

const nullable = (v: number) => (Number.isFinite(v) ? v : null)

/** The statistics of one set of outcomes. */
function sliceOf(
  outcomes: PairOutcome[],
  options: { resamples: number; seed: number; confidence: number }
): Omit<JudgeSlice, 'p_holm'> {
  const decided = outcomes.filter(o => o.outcome !== null)
  const values = decided.map(o => o.outcome as Outcome)
  const w = winRate(values, options)
  let judged = 0
  let consistent = 0
  for (const o of outcomes)
    for (const j of o.judges.values())
      if (j.consistent !== null) {
        judged++
        if (j.consistent) consistent++
      }
  const lengths = decided.map(o => ({
    outcome: o.outcome as Outcome,
    candidate: o.pair.candidate_chars,
    production: o.pair.production_chars
  }))
  return {
    n: w.n,
    wins: w.wins,
    ties: w.ties,
    losses: w.losses,
    errors: outcomes.length - decided.length,
    win_rate: nullable(w.rate),
    low: nullable(w.low),
    high: nullable(w.high),
    p_value: signTest(w.wins, w.losses),
    swap_consistency: judged ? consistent / judged : null,
    length_ratio_of_wins: nullable(lengthRatioOfWins(lengths))
  }
}

/**
 * Every figure of the judge from the stored pairs and verdicts: per slice ('all' and each use case that has
 * pairs) the win/tie/loss counts, the win rate and its interval, the sign test with Holm's correction across
 * the use cases, swap consistency and the length ratio of wins; the error share; κ against the calibration.
 */
export function summariseJudge(
  pairs: StoredPair[],
  verdicts: StoredVerdict[],
  judges: string[],
  useCases: string[],
  options: { resamples: number; seed: number; confidence: number },
  calibration?: CalibrationRow[]
): JudgeSummary {
  const outcomes = pairOutcomes(pairs, verdicts, judges)
  const slices: Record<string, JudgeSlice> = {}
  const all = sliceOf(outcomes, options)
  slices.all = { ...all, p_holm: all.p_value }
  const perUseCase = useCases
    .map(u => ({
      u,
      slice: sliceOf(
        outcomes.filter(o => o.pair.use_case === u),
        options
      )
    }))
    .filter(s => s.slice.n + s.slice.errors > 0)
  const adjusted = holm(perUseCase.map(s => s.slice.p_value))
  perUseCase.forEach((s, i) => (slices[s.u] = { ...s.slice, p_holm: adjusted[i]! }))
  const judged = outcomes.filter(o => !o.pair.identical)
  const undecided = judged.filter(o => o.outcome === null).length
  let kappa: number | null = null
  let kappaN = 0
  if (calibration?.length) {
    const panel = new Map(outcomes.filter(o => o.outcome !== null).map(o => [o.pair.id, o.outcome]))
    const label = (v: Outcome) => (v === 1 ? 'candidate' : v === 0 ? 'production' : 'tie')
    const both = calibration.filter(c => panel.has(c.id))
    kappaN = both.length
    if (both.length)
      kappa = nullable(
        cohenKappa(
          both.map(c => label(panel.get(c.id)!)),
          both.map(c => c.preferred)
        )
      )
  }
  return {
    slices,
    error_share: judged.length ? undecided / judged.length : 0,
    kappa,
    kappa_n: kappaN,
    injections: pairs.filter(p => p.injection).map(p => p.id)
  }
}
