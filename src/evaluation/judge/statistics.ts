// The judge's statistics, each as the tool it is named after computes it: the win rate with ties as ½ and its
// paired-bootstrap interval (src/evaluation/paired-bootstrap.ts, sacreBLEU's --paired-bs), scipy's exact
// two-sided binomial test (`scipy.stats.binomtest`), Holm's step-down adjustment (statsmodels' `multipletests`,
// method 'holm'), and scikit-learn's `cohen_kappa_score`. Written by hand: no maintained JavaScript library
// has these in a form that works on the bootstrap module's series.
import { pairedBootstrap } from '../paired-bootstrap.js'

/** One example's outcome for the candidate: 1 a win, ½ a tie, 0 a loss. */
export type Outcome = 0 | 0.5 | 1

/** The win rate with its interval: the share of examples the candidate wins, a tie counted as half a win. */
export interface WinRate {
  wins: number
  ties: number
  losses: number
  n: number
  /** (wins + ties/2) / n; NaN without examples. */
  rate: number
  low: number
  high: number
  confidence: number
}

/**
 * The win rate of outcomes and its paired-bootstrap percentile interval over examples: the candidate's
 * per-example score (1, ½, 0) against the even score ½, resampled as the regression gates' intervals are.
 */
export function winRate(
  outcomes: ArrayLike<Outcome>,
  options: { resamples: number; seed: number; confidence: number }
): WinRate {
  const n = outcomes.length
  const values = Float64Array.from(outcomes as ArrayLike<number>)
  let wins = 0
  let ties = 0
  for (let i = 0; i < n; i++) {
    if (values[i] === 1) wins++
    else if (values[i] === 0.5) ties++
  }
  const even = new Float64Array(n).fill(0.5)
  const b = pairedBootstrap({ kind: 'mean', values }, { kind: 'mean', values: even }, options)
  return {
    wins,
    ties,
    losses: n - wins - ties,
    n,
    rate: n ? b.candidate : NaN,
    low: b.low + 0.5,
    high: b.high + 0.5,
    confidence: options.confidence
  }
}

/** log Γ by Lanczos' approximation (g = 7, 9 terms): exact to about 15 digits, enough for binomial tails. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  x -= 1
  let a = c[0]!
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

/** The probability of k successes in n trials of probability ½. */
function binomialHalf(k: number, n: number): number {
  return Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) - n * Math.LN2)
}

/**
 * The exact two-sided sign test of wins against losses (ties left out), as `scipy.stats.binomtest(wins,
 * wins + losses, 0.5)` computes it: the sum of the probabilities of every outcome no likelier than the one
 * observed. With p = ½ the distribution is symmetric, so that is twice the smaller tail, capped at 1.
 */
export function signTest(wins: number, losses: number): number {
  const n = wins + losses
  if (n === 0) return 1
  const k = Math.min(wins, losses)
  if (2 * k === n) return 1
  let tail = 0
  for (let i = 0; i <= k; i++) tail += binomialHalf(i, n)
  return Math.min(1, 2 * tail)
}

/**
 * Holm's step-down adjusted p-values, in the order given: the i-th smallest p times (m − i), made monotone
 * and capped at 1 (statsmodels' `multipletests(p, method='holm')[1]`).
 */
export function holm(pValues: number[]): number[] {
  const m = pValues.length
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p)
  const adjusted = new Array<number>(m)
  let running = 0
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p))
    adjusted[i] = running
  })
  return adjusted
}

/**
 * Cohen's κ between two raters' labels of the same items, as scikit-learn's `cohen_kappa_score` (unweighted):
 * (p_o − p_e) / (1 − p_e), p_e from each rater's label frequencies. NaN when p_e is 1 (scikit-learn says the
 * same: both raters gave one label to everything).
 */
export function cohenKappa<L extends string>(a: L[], b: L[]): number {
  if (a.length !== b.length) throw new Error(`Cohen's kappa needs paired labels: ${a.length} and ${b.length}`)
  const n = a.length
  if (n === 0) return NaN
  const labels = [...new Set([...a, ...b])]
  const countA = new Map<L, number>()
  const countB = new Map<L, number>()
  let agree = 0
  for (let i = 0; i < n; i++) {
    countA.set(a[i]!, (countA.get(a[i]!) ?? 0) + 1)
    countB.set(b[i]!, (countB.get(b[i]!) ?? 0) + 1)
    if (a[i] === b[i]) agree++
  }
  const po = agree / n
  let pe = 0
  for (const l of labels) pe += ((countA.get(l) ?? 0) / n) * ((countB.get(l) ?? 0) / n)
  return pe === 1 ? NaN : (po - pe) / (1 - pe)
}

/**
 * The mean of candidate length ÷ production length (in characters) over the examples the candidate won; NaN
 * without wins. Well above 1 says the wins went to longer answers: a judge's verbosity preference shows here.
 */
export function lengthRatioOfWins(pairs: { outcome: Outcome; candidate: number; production: number }[]): number {
  let sum = 0
  let n = 0
  for (const p of pairs) {
    if (p.outcome !== 1) continue
    sum += p.candidate / Math.max(1, p.production)
    n++
  }
  return n ? sum / n : NaN
}
