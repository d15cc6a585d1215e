// Runs the judge panel over candidate/production pairs: both orders per judge, identical outputs skipped, the
// cache consulted first, a bounded number of calls in flight, and no new call once the budget is spent.
import { canonicalJson, sha256 } from '../../registry/digest.js'
import { callJudge, JudgeCallError, type JudgeEndpoint } from './client.js'
import { steersJudge } from './injection.js'
import { ORDERS, type Order, type StoredPair, type StoredVerdict } from './panel.js'
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

export interface JudgeRun {
  pairs: StoredPair[]
  verdicts: StoredVerdict[]
  /** Calls made in this run (a retried call counts once). */
  calls: number
  /** Verdicts taken from the cache. */
  cached: number
  tokens: { prompt: number; completion: number }
  /** What this run's calls cost, in USD. */
  costUsd: number
  /** The budget ran out: some orders were not asked. */
  budgetReached: boolean
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
export async function judgePairs(inputs: PairInput[], o: JudgeRunOptions): Promise<JudgeRun> {
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
  const verdicts: StoredVerdict[] = []
  const run = { calls: 0, cached: 0, tokens: { prompt: 0, completion: 0 }, costUsd: 0, budgetReached: false }
  const perPair = o.judges.length * ORDERS.length
  const total = inputs.length * perPair
  let next = 0
  const worker = async () => {
    while (next < total) {
      const t = next++
      const p = inputs[Math.floor(t / perPair)]!
      if (p.candidate === p.production) continue
      const judge = o.judges[Math.floor((t % perPair) / ORDERS.length)]!
      const order = ORDERS[t % ORDERS.length]!
      const [a, b] = order === 'candidate-first' ? [p.candidate, p.production] : [p.production, p.candidate]
      const rubric = o.rubricFor(p.useCase)
      const key = verdictKey(judge.model, rubric.digest, p, a, b, order)
      const base = { id: p.id, judge: judge.name, order, key }
      const hit = o.cache?.get(key)
      if (hit) {
        run.cached++
        verdicts.push({ ...hit, ...base })
        continue
      }
      if (run.costUsd >= o.maxCostUsd) {
        run.budgetReached = true
        verdicts.push({ ...base, ...empty, error: `not asked: the budget of ${o.maxCostUsd} USD was spent` })
        continue
      }
      const content = renderRubric(rubric.template, { ...p, output_a: a, output_b: b })
      const messages = [
        { role: 'system' as const, content: JUDGE_SYSTEM },
        { role: 'user' as const, content }
      ]
      run.calls++
      try {
        const answer = await callJudge(messages, judge)
        spend(judge, answer.promptTokens, answer.completionTokens)
        verdicts.push({
          ...base,
          winner: answer.winner,
          reason: answer.reason,
          error: null,
          prompt_tokens: answer.promptTokens,
          completion_tokens: answer.completionTokens
        })
      } catch (e) {
        const tokens = e instanceof JudgeCallError ? e.tokens : { prompt: 0, completion: 0 }
        spend(judge, tokens.prompt, tokens.completion)
        const error = e instanceof Error ? e.message : String(e)
        verdicts.push({ ...base, ...empty, error, prompt_tokens: tokens.prompt, completion_tokens: tokens.completion })
      }
      o.onCall?.(run.calls)
    }
  }
  const spend = (judge: PanelJudge, prompt: number, completion: number) => {
    run.tokens.prompt += prompt
    run.tokens.completion += completion
    run.costUsd += (prompt * judge.price.input_per_million + completion * judge.price.output_per_million) / 1e6
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, total)) }, worker))
  // Workers finish out of order: the record lists verdicts in a fixed order, so its digest is reproducible.
  const rank = new Map(inputs.map((p, i) => [p.id, i]))
  const judgeRank = new Map(o.judges.map((j, i) => [j.name, i]))
  verdicts.sort(
    (x, y) =>
      rank.get(x.id)! - rank.get(y.id)! ||
      judgeRank.get(x.judge)! - judgeRank.get(y.judge)! ||
      ORDERS.indexOf(x.order) - ORDERS.indexOf(y.order)
  )
  return { pairs, verdicts, ...run }
}

const empty = { winner: null, reason: '', prompt_tokens: 0, completion_tokens: 0 }
