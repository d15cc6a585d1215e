// The loop that asks a judge panel, shared by pairwise verdicts (judge.ts) and pointwise scores (pointwise.ts):
// the cache consulted first, a bounded number of calls in flight, no new call once the budget is spent, and each
// call's tokens and cost counted whether it answered or not.
import { JudgeCallError } from './client.js'
import type { PanelJudge } from './judge.js'

/** One call the panel may make: the judge, the record's fields that name the call (with its cache key), how to ask. */
export interface PanelCall<Base extends { key: string }, Answer> {
  judge: PanelJudge
  base: Base
  ask: () => Promise<Answer & { promptTokens: number; completionTokens: number }>
}

/** What came of one call: the parsed answer, or why there is none. */
export type CallOutcome<Answer> = { answer: Answer; error: null } | { answer: null; error: string }

/** The counts of one run of the panel, as JudgeRun and ScoreRun report them. */
export interface PanelCallCounts {
  /** Calls made in this run (a retried call counts once). */
  calls: number
  /** Results taken from the cache. */
  cached: number
  tokens: { prompt: number; completion: number }
  /** What this run's calls cost, in USD. */
  costUsd: number
  /** The budget ran out: some calls were not made. */
  budgetReached: boolean
}

/**
 * Makes the panel's calls numbered 0..total-1 (`callAt` says what each is; undefined: none to make), at most
 * `concurrency` at a time, and returns their stored results in that order (so that a record's digest is
 * reproducible, however the calls finish). A cached result stands for its call; once the calls made have cost
 * `maxCostUsd`, the rest are stored unanswered with that reason.
 */
export async function callPanel<Base extends { key: string }, Answer, Stored extends object>({
  total,
  callAt,
  concurrency,
  maxCostUsd,
  cached,
  stored,
  onCall
}: {
  total: number
  callAt: (t: number) => PanelCall<Base, Answer> | undefined
  concurrency: number
  maxCostUsd: number
  /** An earlier run's result that may stand for the call with this key (the cache), or undefined. */
  cached: (key: string) => Stored | undefined
  /** The result the record stores for a call, answered or not, with the tokens it spent. */
  stored: (base: Base, outcome: CallOutcome<Answer>, tokens: { prompt: number; completion: number }) => Stored
  /** Called after each call returns (for progress). */
  onCall?: (done: number) => void
}): Promise<{ results: Stored[] } & PanelCallCounts> {
  const results: (Stored | undefined)[] = new Array<Stored | undefined>(total)
  const run: PanelCallCounts = {
    calls: 0,
    cached: 0,
    tokens: { prompt: 0, completion: 0 },
    costUsd: 0,
    budgetReached: false
  }
  const spend = (judge: PanelJudge, prompt: number, completion: number) => {
    run.tokens.prompt += prompt
    run.tokens.completion += completion
    run.costUsd += (prompt * judge.price.input_per_million + completion * judge.price.output_per_million) / 1e6
  }
  let next = 0
  const worker = async () => {
    while (next < total) {
      const t = next++
      const call = callAt(t)
      if (!call) continue
      const { judge, base } = call
      const hit = cached(base.key)
      if (hit) {
        run.cached++
        results[t] = { ...hit, ...base }
        continue
      }
      const none = { prompt: 0, completion: 0 }
      if (run.costUsd >= maxCostUsd) {
        run.budgetReached = true
        results[t] = stored(base, { answer: null, error: `not asked: the budget of ${maxCostUsd} USD was spent` }, none)
        continue
      }
      run.calls++
      try {
        const answer = await call.ask()
        spend(judge, answer.promptTokens, answer.completionTokens)
        results[t] = stored(
          base,
          { answer, error: null },
          {
            prompt: answer.promptTokens,
            completion: answer.completionTokens
          }
        )
      } catch (e) {
        const tokens = e instanceof JudgeCallError ? e.tokens : none
        spend(judge, tokens.prompt, tokens.completion)
        results[t] = stored(base, { answer: null, error: e instanceof Error ? e.message : String(e) }, tokens)
      }
      onCall?.(run.calls)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, total)) }, worker))
  return { results: results.filter((r): r is Stored => r !== undefined), ...run }
}
