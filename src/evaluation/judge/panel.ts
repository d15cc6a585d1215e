// The debiasing, as pure functions over stored verdicts so that promotion recomputes exactly what evaluation
// decided: each pair is judged in both orders and a verdict that flips with the order is a tie; a panel of
// judges is combined by majority.

/** Which output a judge was shown first: the candidate as A, or production as A. */
export type Order = 'candidate-first' | 'production-first'
export const ORDERS: readonly Order[] = ['candidate-first', 'production-first']

/** One judge's answer for one pair in one order, as the record stores it. `reason` is untrusted text. */
export interface StoredVerdict {
  id: string
  judge: string
  order: Order
  /** sha256 of (judge model, rubric digest, input, reference, output A, output B, order): the cache key. */
  key: string
  winner: 'A' | 'B' | 'tie' | null
  reason: string
  /** Why there is no winner: the call failed, or the budget ran out before it. */
  error: string | null
  prompt_tokens: number
  completion_tokens: number
}

/** One example's pair as the record stores it: digests and lengths of both outputs, never the texts. */
export interface StoredPair {
  id: string
  use_case: string
  candidate_sha256: string
  production_sha256: string
  candidate_chars: number
  production_chars: number
  /** Equal outputs: a tie without a call. */
  identical: boolean
  /** The candidate's output tries to steer the judge (src/evaluation/judge/injection.ts). */
  injection: boolean
}

/** Which system a verdict prefers. */
export type Preference = 'candidate' | 'production' | 'tie'

/** The system a shown winner stands for in an order. */
export function preferenceOf(winner: 'A' | 'B' | 'tie', order: Order): Preference {
  if (winner === 'tie') return 'tie'
  const candidateIsA = order === 'candidate-first'
  return (winner === 'A') === candidateIsA ? 'candidate' : 'production'
}

/** One judge on one pair: its two orders combined, and whether its verdict survived the swap. */
export interface JudgeOnPair {
  preference: Preference | null
  /** Both orders answered and named the same system (or both a tie); null when an order has no answer. */
  consistent: boolean | null
}

/** Both orders of one judge combined: agreement stands, a flip with the order is a tie, a missing order an error. */
export function combineOrders(first: StoredVerdict | undefined, second: StoredVerdict | undefined): JudgeOnPair {
  if (!first?.winner || !second?.winner) return { preference: null, consistent: null }
  const a = preferenceOf(first.winner, first.order)
  const b = preferenceOf(second.winner, second.order)
  return a === b ? { preference: a, consistent: true } : { preference: 'tie', consistent: false }
}

/**
 * A panel's preference by majority of the judges that answered: the preference more than half of them hold,
 * else a tie (no majority is no evidence either way). Null when no judge answered.
 */
export function panelMajority(preferences: (Preference | null)[]): Preference | null {
  const valid = preferences.filter((p): p is Preference => p !== null)
  if (!valid.length) return null
  for (const p of ['candidate', 'production', 'tie'] as const)
    if (2 * valid.filter(v => v === p).length > valid.length) return p
  return 'tie'
}

/** One pair's result: the candidate's outcome (1, ½, 0; null when no judge could decide) and each judge's. */
export interface PairOutcome {
  pair: StoredPair
  outcome: 0 | 0.5 | 1 | null
  judges: Map<string, JudgeOnPair>
}

/** Every pair's outcome from the stored verdicts: identical outputs tie, other pairs go through the panel. */
export function pairOutcomes(pairs: StoredPair[], verdicts: StoredVerdict[], judges: string[]): PairOutcome[] {
  const byKey = new Map<string, StoredVerdict>()
  for (const v of verdicts) byKey.set(`${v.id}\u0000${v.judge}\u0000${v.order}`, v)
  return pairs.map(pair => {
    const perJudge = new Map<string, JudgeOnPair>()
    if (pair.identical) return { pair, outcome: 0.5, judges: perJudge }
    for (const j of judges) {
      const get = (o: Order) => byKey.get(`${pair.id}\u0000${j}\u0000${o}`)
      perJudge.set(j, combineOrders(get('candidate-first'), get('production-first')))
    }
    const panel = panelMajority([...perJudge.values()].map(v => v.preference))
    const outcome = panel === null ? null : panel === 'candidate' ? 1 : panel === 'production' ? 0 : 0.5
    return { pair, outcome, judges: perJudge }
  })
}
