// Runs the judge panel over candidate/production pairs: both orders per judge, identical outputs skipped, the
// cache consulted first, a bounded number of calls in flight, and no new call once the budget is spent.
import { canonicalJson, sha256 } from '../../registry/digest.js'
import { callJudge, type JudgeEndpoint } from './client.js'
import { steersJudge } from './injection.js'
import { ORDERS, type Order, type StoredPair, type StoredVerdict } from './panel.js'
import { callPanel, type PanelCallCounts } from './panel-calls.js'
import { JUDGE_SYSTEM, renderRubric } from './rubric.js'

/** One example to judge: its input, its reference when the row has one, and both systems' outputs. */
export interface PairInput {
  id: string
  useCase: string
  input: string
  reference?: string
  candidate: string
  production: string
}

/** A judge of the panel: its endpoint, and its price per million tokens (0 when registry.yaml names none). */
export interface PanelJudge extends JudgeEndpoint {
  name: string
  price: { input_per_million: number; output_per_million: number }
}

export interface JudgeRunOptions {
  judges: PanelJudge[]
  /** The rubric of a use case: its digest (for the cache key) and its template. */
  rubricFor: (useCase: string) => { digest: string; template: string }
  concurrency: number
  maxCostUsd: number
  /** Verdicts of earlier runs by cache key: a hit makes no call. */
  cache?: Map<string, StoredVerdict>
  /** Called after each call returns (for progress). */
  onCall?: (done: number) => void
}

/** A run of the panel over pairs: the pairs and verdicts the record stores, with the run's calls, tokens and cost. */
export interface JudgeRun extends PanelCallCounts {
  pairs: StoredPair[]
  verdicts: StoredVerdict[]
}

/** The cache key of one ordered verdict: sha256 of the judge model, the rubric, the input, both outputs, the order. */
export function verdictKey(
  model: string,
  rubricDigest: string,
  p: Pick<PairInput, 'input' | 'reference'>,
  a: string,
  b: string,
  order: Order
): string {
  return sha256(canonicalJson([model, rubricDigest, p.input, p.reference ?? null, a, b, order]))
}

/** Judges every pair with every judge in both orders (see the file's header), under the budget. */
export async function judgePairs(
  inputs: PairInput[],
  { judges, rubricFor, concurrency, maxCostUsd, cache, onCall }: JudgeRunOptions
): Promise<JudgeRun> {
  const pairs: StoredPair[] = inputs.map(p => ({
    id: p.id,
    use_case: p.useCase,
    candidate_sha256: sha256(p.candidate),
    production_sha256: sha256(p.production),
    candidate_chars: p.candidate.length,
    production_chars: p.production.length,
    identical: p.candidate === p.production,
    injection: steersJudge(p.candidate)
  }))
  const perPair = judges.length * ORDERS.length
  // Call t: pair t / perPair, then each judge in both orders; the record lists verdicts in that order.
  const { results, ...run } = await callPanel({
    total: inputs.length * perPair,
    callAt: t => {
      const p = inputs[Math.floor(t / perPair)]!
      if (p.candidate === p.production) return undefined
      const judge = judges[Math.floor((t % perPair) / ORDERS.length)]!
      const order = ORDERS[t % ORDERS.length]!
      const [a, b] = order === 'candidate-first' ? [p.candidate, p.production] : [p.production, p.candidate]
      const rubric = rubricFor(p.useCase)
      const key = verdictKey(judge.model, rubric.digest, p, a, b, order)
      // The rubric is rendered only for a call that is made (not for a cached verdict).
      const ask = () => {
        const content = renderRubric(rubric.template, { ...p, output_a: a, output_b: b })
        return callJudge(
          [
            { role: 'system', content: JUDGE_SYSTEM },
            { role: 'user', content }
          ],
          judge
        )
      }
      return { judge, base: { id: p.id, judge: judge.name, order, key }, ask }
    },
    concurrency,
    maxCostUsd,
    cached: key => cache?.get(key),
    stored: (base, { answer, error }, tokens): StoredVerdict => ({
      ...base,
      winner: answer?.winner ?? null,
      reason: answer?.reason ?? '',
      error,
      prompt_tokens: tokens.prompt,
      completion_tokens: tokens.completion
    }),
    onCall
  })
  return { pairs, verdicts: results, ...run }
}
