import { setTimeout as sleep } from 'node:timers/promises'
import { ConfigurationError } from '../errors.js'

/** An OpenAI-compatible server (vLLM, TGI, Ollama, llama.cpp server) and how to call it. */
export interface EndpointOptions {
  /** e.g. http://127.0.0.1:8000/v1 */
  baseUrl: string
  model: string
  apiKey?: string
  /** chat: /chat/completions with messages; completions: /completions with a prompt. */
  api: 'chat' | 'completions'
  concurrency?: number
  retries?: number
  timeoutMs?: number
  maxTokens?: number
  /** Milliseconds before the first retry; doubled each time, with jitter. */
  backoffMs?: number
  /** Longest wait a `retry-after` may ask for; a server that asks for longer fails the request (default 60 s). */
  maxRetryAfterMs?: number
  /** Deadline for the whole evaluation, all requests and retries together (default 2 hours). */
  deadlineMs?: number
  /** Largest answer body read (default 8 MiB); a larger one fails the request. */
  maxBodyBytes?: number
  onProgress?: (done: number, total: number) => void
}

export interface EndpointRequest {
  id: string
  messages?: { role: string; content: string }[]
  prompt?: string
}

export interface EndpointResult {
  predictions: Map<string, string>
  latency: { p50: number; p95: number; mean: number }
  tokens: { prompt: number; completion: number }
  retries: number
  failures: { id: string; error: string }[]
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

/** Status codes worth another try: rate limits, timeouts and server errors. */
const RETRYABLE = new Set([408, 409, 425, 429, 500, 502, 503, 504])
const MAX_RETRY_AFTER_MS = 60_000
const DEADLINE_MS = 2 * 3600_000
const MAX_BODY_BYTES = 8 << 20
/** Redirects followed within the configured origin. */
const MAX_REDIRECTS = 3

/** The evaluation ran past its overall deadline. */
export class EndpointDeadlineError extends ConfigurationError {
  constructor(message: string) {
    super(message)
    this.name = 'EndpointDeadlineError'
  }
}

/** Milliseconds a `retry-after` header asks for (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header?.trim()) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined
  const date = Date.parse(header)
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined
}

/** Reads a response body as text, failing once it passes `max` bytes instead of holding all of it. */
export async function boundedText(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel()
    throw new Error(`the answer is ${declared} bytes, more than the limit of ${max}`)
  }
  if (!res.body) return ''
  const chunks: Uint8Array[] = []
  let bytes = 0
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length
    if (bytes > max) {
      await res.body.cancel().catch(() => undefined)
      throw new Error(`the answer is more than the limit of ${max} bytes`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * POSTs to the endpoint; a redirect is followed only within the configured origin (the eval prompts are
 * not re-sent to another host).
 */
export async function post(url: string, init: RequestInit): Promise<Response> {
  const origin = new URL(url).origin
  let target = url
  for (let hop = 0; ; hop++) {
    const res = await fetch(target, { ...init, redirect: 'manual' })
    if (res.status < 300 || res.status >= 400 || res.status === 304) return res
    const location = res.headers.get('location')
    await res.body?.cancel()
    if (!location) throw new HttpError(res.status, `HTTP ${res.status} without a location`)
    const next = new URL(location, target)
    if (next.origin !== origin)
      throw new HttpError(
        res.status,
        `HTTP ${res.status}: redirected to ${next.origin}, another origin than the configured ${origin}; not followed`
      )
    if (hop >= MAX_REDIRECTS) throw new HttpError(res.status, `more than ${MAX_REDIRECTS} redirects`)
    target = next.href
  }
}

/**
 * Generates predictions through an OpenAI-compatible API with bounded concurrency, timeouts, and retries
 * with exponential backoff (honouring retry-after up to a cap); the whole evaluation has a deadline and
 * each answer a size cap. Records latency percentiles and token counts.
 */
export async function generateWithEndpoint(
  requests: EndpointRequest[],
  {
    baseUrl,
    api,
    concurrency: workers,
    retries,
    maxRetryAfterMs,
    maxBodyBytes,
    deadlineMs: deadlineAfter,
    onProgress,
    ...request
  }: EndpointOptions
): Promise<EndpointResult> {
  const url = `${baseUrl.replace(/\/$/, '')}/${api === 'chat' ? 'chat/completions' : 'completions'}`
  const concurrency = Math.max(1, workers ?? 8)
  const deadlineMs = deadlineAfter ?? DEADLINE_MS
  const deadline = AbortSignal.timeout(deadlineMs)
  const predictions = new Map<string, string>()
  const failures: { id: string; error: string }[] = []
  const stats: CallStats = { latencies: [], tokens: { prompt: 0, completion: 0 }, retried: 0 }
  let next = 0
  let done = 0
  const deadlineError = () =>
    new EndpointDeadlineError(
      `the endpoint evaluation ran past its deadline of ${Math.round(deadlineMs / 1000)} s (${done} of ${requests.length} requests done)`
    )
  const run: EndpointRun = {
    url,
    api,
    request,
    retries: retries ?? 4,
    maxRetryAfter: maxRetryAfterMs ?? MAX_RETRY_AFTER_MS,
    maxBody: maxBodyBytes ?? MAX_BODY_BYTES,
    deadline,
    deadlineError,
    stats
  }

  let stopped: EndpointDeadlineError | undefined
  const worker = async () => {
    while (next < requests.length && !stopped) {
      const req = requests[next++]!
      try {
        predictions.set(req.id, await callEndpoint(req, run))
      } catch (e) {
        if (e instanceof EndpointDeadlineError) stopped ??= e
        else failures.push({ id: req.id, error: e instanceof Error ? e.message : String(e) })
      }
      onProgress?.(++done, requests.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker))
  if (stopped) throw stopped
  return {
    predictions,
    latency: latencySummary(stats.latencies),
    tokens: stats.tokens,
    retries: stats.retried,
    failures
  }
}

/** What the workers of one evaluation add up: latencies of answered requests, token counts, retries. */
interface CallStats {
  latencies: number[]
  tokens: { prompt: number; completion: number }
  retried: number
}

/** One evaluation's endpoint, limits and deadline, shared by its requests. */
interface EndpointRun {
  url: string
  api: EndpointOptions['api']
  request: Pick<EndpointOptions, 'model' | 'apiKey' | 'maxTokens' | 'timeoutMs' | 'backoffMs'>
  retries: number
  maxRetryAfter: number
  maxBody: number
  deadline: AbortSignal
  deadlineError: () => EndpointDeadlineError
  stats: CallStats
}

/** One request's answer text, retried on rate limits, timeouts, network and server errors. */
async function callEndpoint(req: EndpointRequest, run: EndpointRun): Promise<string> {
  const {
    url,
    api,
    request: { model, apiKey, maxTokens, timeoutMs, backoffMs },
    retries,
    maxRetryAfter,
    maxBody,
    deadline,
    deadlineError,
    stats
  } = run
  const pause = async (ms: number) => {
    await sleep(ms, undefined, { signal: deadline }).catch(() => undefined)
  }
  const body = requestBody(req, api, model, maxTokens)
  for (let attempt = 0; ; attempt++) {
    if (deadline.aborted) throw deadlineError()
    const started = performance.now()
    try {
      const res = await post(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs ?? 60_000), deadline])
      })
      if (!res.ok) {
        const wait = retryAfterMs(res.headers.get('retry-after'))
        const text = (await boundedText(res, 64 << 10).catch(() => '')).slice(0, 300)
        const error = new HttpError(res.status, `HTTP ${res.status}: ${text}`)
        if (RETRYABLE.has(res.status) && attempt < retries) {
          if (wait !== undefined && wait > maxRetryAfter)
            throw new HttpError(
              res.status,
              `HTTP ${res.status}: the server asks to retry after ${Math.round(wait / 1000)} s, more than the limit of ${Math.round(maxRetryAfter / 1000)} s`
            )
          stats.retried++
          await pause(wait ?? (backoffMs ?? 500) * 2 ** attempt * (0.5 + Math.random()))
          continue
        }
        throw error
      }
      const json = JSON.parse(await boundedText(res, maxBody)) as {
        choices?: { message?: { content?: string }; text?: string }[]
        usage?: { prompt_tokens?: number; completion_tokens?: number }
      }
      stats.latencies.push(performance.now() - started)
      stats.tokens.prompt += json.usage?.prompt_tokens ?? 0
      stats.tokens.completion += json.usage?.completion_tokens ?? 0
      const choice = json.choices?.[0]
      const text = api === 'chat' ? choice?.message?.content : choice?.text
      if (typeof text !== 'string') throw new Error('the response has no choices[0] text')
      return text.trim()
    } catch (e) {
      if (deadline.aborted) throw deadlineError()
      const timeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')
      const network = e instanceof TypeError
      if ((timeout || network) && attempt < retries) {
        stats.retried++
        await pause((backoffMs ?? 500) * 2 ** attempt * (0.5 + Math.random()))
        continue
      }
      throw timeout ? new Error(`no answer within ${(timeoutMs ?? 60_000) / 1000} s`) : e
    }
  }
}

/** The JSON body of one request: messages for the chat API, one prompt for the completions API; greedy decoding. */
function requestBody(req: EndpointRequest, api: EndpointOptions['api'], model: string, maxTokens: number | undefined) {
  return api === 'chat'
    ? {
        model,
        messages: req.messages ?? [{ role: 'user', content: req.prompt ?? '' }],
        temperature: 0,
        max_tokens: maxTokens ?? 256
      }
    : {
        model,
        prompt: req.prompt ?? (req.messages ?? []).map(m => m.content).join('\n'),
        temperature: 0,
        max_tokens: maxTokens ?? 256
      }
}

/** Median, 95th percentile (nearest rank) and mean of the answered requests' latencies; zeros when none. */
function latencySummary(latencies: number[]): EndpointResult['latency'] {
  const sorted = [...latencies].sort((a, b) => a - b)
  const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0)
  return { p50: q(0.5), p95: q(0.95), mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length) }
}
