import { setTimeout as sleep } from 'node:timers/promises'
import { boundedText, post, retryAfterMs } from '../endpoint.js'

/** What a judge answers for one ordered pair: which shown output is better, and why (untrusted text). */
export interface JudgeAnswer {
  winner: 'A' | 'B' | 'tie'
  reason: string
  promptTokens: number
  completionTokens: number
}

/** One OpenAI-compatible judge endpoint and its bounds. */
export interface JudgeEndpoint {
  baseUrl: string
  model: string
  apiKey?: string
  /** Per request (default 60 s). */
  timeoutMs?: number
  /** Largest answer body read (default 1 MiB): a 10 MB reason is refused, not held. */
  maxBodyBytes?: number
  /** Longest `retry-after` honoured (default 30 s); a server asking for longer fails the call. */
  maxRetryAfterMs?: number
  /** 429 answers retried, each after its `retry-after` (default 3). */
  rateLimitRetries?: number
  /** Wait before retrying a 5xx or a timeout (default 200 ms). */
  backoffMs?: number
}

/** A judge call that failed after its retries; `kind` says which bound or fault ended it. */
export class JudgeCallError extends Error {
  constructor(
    readonly kind: 'timeout' | 'http' | 'rate-limit' | 'parse' | 'size' | 'network',
    message: string,
    readonly tokens = { prompt: 0, completion: 0 }
  ) {
    super(message)
    this.name = 'JudgeCallError'
  }
}

/** The longest reason kept from an answer: the comment shows a few hundred characters of it at most. */
export const MAX_REASON_CHARS = 2000

/** A judge's answer as one JSON object (optionally in a ```json fence); undefined for anything else. */
export function parseAnswerObject(content: string): Record<string, unknown> | undefined {
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/.exec(content.trim())
  let value: unknown
  try {
    value = JSON.parse(fenced ? fenced[1]! : content.trim())
  } catch {
    return undefined
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

/**
 * Parses a judge's message strictly: one JSON object (optionally in a ```json fence) whose `winner` is A, B or
 * tie (any case) and whose `reason`, when present, is a string. Anything else — prose, a verdict naming neither
 * output — is undefined.
 */
export function parseVerdict(content: string): { winner: 'A' | 'B' | 'tie'; reason: string } | undefined {
  const value = parseAnswerObject(content)
  if (!value) return undefined
  const { winner, reason } = value as { winner?: unknown; reason?: unknown }
  if (typeof winner !== 'string' || (reason !== undefined && typeof reason !== 'string')) return undefined
  const w = winner.trim().toLowerCase()
  const choice = w === 'a' ? 'A' : w === 'b' ? 'B' : w === 'tie' ? 'tie' : undefined
  if (!choice) return undefined
  return { winner: choice, reason: (reason ?? '').slice(0, MAX_REASON_CHARS) }
}

/**
 * Asks a judge for one verdict. Bounded: each request has a timeout and a body cap; a 429 is retried after its
 * `retry-after` (capped) up to `rateLimitRetries` times; a 5xx, a timeout or a network error is retried once;
 * an unparsable answer (not JSON, no winner A/B/tie, over the size cap) is asked again once. Tokens of failed
 * answers are still counted on the error, since they cost.
 */
export async function callJudge(
  messages: { role: 'system' | 'user'; content: string }[],
  e: JudgeEndpoint,
  signal?: AbortSignal
): Promise<JudgeAnswer> {
  return callJudgeFor(messages, e, parseVerdict, 'a JSON verdict {"winner": "A" | "B" | "tie", "reason": "…"}', signal)
}

/** `callJudge` with the answer's parser and its expected form given: pairwise verdicts and pointwise scores. */
export async function callJudgeFor<T extends object>(
  messages: { role: 'system' | 'user'; content: string }[],
  e: JudgeEndpoint,
  parse: (content: string) => T | undefined,
  expected: string,
  signal?: AbortSignal
): Promise<T & { promptTokens: number; completionTokens: number }> {
  const url = `${e.baseUrl.replace(/\/$/, '')}/chat/completions`
  const body = JSON.stringify({ model: e.model, messages, temperature: 0, max_tokens: 512 })
  const timeoutMs = e.timeoutMs ?? 60_000
  const maxRetryAfter = e.maxRetryAfterMs ?? 30_000
  const tokens = { prompt: 0, completion: 0 }
  let rateLimited = 0
  let transient = 0
  let unparsable = 0
  for (;;) {
    let res: Response
    try {
      res = await post(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(e.apiKey ? { authorization: `Bearer ${e.apiKey}` } : {}) },
        body,
        signal: signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]) : AbortSignal.timeout(timeoutMs)
      })
    } catch (err) {
      if (signal?.aborted) throw err
      const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
      if (transient++ < 1) {
        await sleep(e.backoffMs ?? 200)
        continue
      }
      throw timeout
        ? new JudgeCallError('timeout', `no answer within ${timeoutMs / 1000} s (tried twice)`, tokens)
        : new JudgeCallError('network', err instanceof Error ? err.message : String(err), tokens)
    }
    if (res.status === 429) {
      const wait = retryAfterMs(res.headers.get('retry-after')) ?? 1000
      await res.body?.cancel().catch(() => undefined)
      if (wait > maxRetryAfter)
        throw new JudgeCallError(
          'rate-limit',
          `HTTP 429: retry after ${Math.round(wait / 1000)} s is more than the limit of ${maxRetryAfter / 1000} s`,
          tokens
        )
      if (rateLimited++ >= (e.rateLimitRetries ?? 3))
        throw new JudgeCallError('rate-limit', `HTTP 429 after ${rateLimited} tries`, tokens)
      await sleep(wait)
      continue
    }
    if (res.status >= 500 || !res.ok) {
      const text = (await boundedText(res, 4096).catch(() => '')).slice(0, 200)
      if (res.status >= 500 && transient++ < 1) {
        await sleep(e.backoffMs ?? 200)
        continue
      }
      throw new JudgeCallError('http', `HTTP ${res.status}: ${text}`, tokens)
    }
    let content: unknown
    let sizeError: string | undefined
    try {
      const json = JSON.parse(await boundedText(res, e.maxBodyBytes ?? 1 << 20)) as {
        choices?: { message?: { content?: unknown } }[]
        usage?: { prompt_tokens?: unknown; completion_tokens?: unknown }
      }
      tokens.prompt += count(json.usage?.prompt_tokens)
      tokens.completion += count(json.usage?.completion_tokens)
      content = json.choices?.[0]?.message?.content
    } catch (err) {
      if (err instanceof Error && /limit/.test(err.message)) sizeError = err.message
    }
    const verdict = typeof content === 'string' ? parse(content) : undefined
    if (verdict) return { ...verdict, promptTokens: tokens.prompt, completionTokens: tokens.completion }
    if (unparsable++ < 1) continue
    throw sizeError
      ? new JudgeCallError('size', `${sizeError} (asked twice)`, tokens)
      : new JudgeCallError('parse', `the answer is not ${expected} (asked twice)`, tokens)
  }
}

/** A token count from a usage field: a non-negative integer, else 0 (a hostile server cannot make it negative). */
function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0
}
