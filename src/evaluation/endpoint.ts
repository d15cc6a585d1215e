import { setTimeout as sleep } from 'node:timers/promises'

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

/**
 * Generates predictions through an OpenAI-compatible API with bounded concurrency, timeouts, and retries
 * with exponential backoff (honouring retry-after); records latency percentiles and token counts.
 */
export async function generateWithEndpoint(requests: EndpointRequest[], o: EndpointOptions): Promise<EndpointResult> {
  const url = `${o.baseUrl.replace(/\/$/, '')}/${o.api === 'chat' ? 'chat/completions' : 'completions'}`
  const concurrency = Math.max(1, o.concurrency ?? 8)
  const retries = o.retries ?? 4
  const predictions = new Map<string, string>()
  const latencies: number[] = []
  const tokens = { prompt: 0, completion: 0 }
  const failures: { id: string; error: string }[] = []
  let retried = 0
  let next = 0
  let done = 0

  const call = async (req: EndpointRequest): Promise<string> => {
    const body =
      o.api === 'chat'
        ? {
            model: o.model,
            messages: req.messages ?? [{ role: 'user', content: req.prompt ?? '' }],
            temperature: 0,
            max_tokens: o.maxTokens ?? 256
          }
        : {
            model: o.model,
            prompt: req.prompt ?? (req.messages ?? []).map(m => m.content).join('\n'),
            temperature: 0,
            max_tokens: o.maxTokens ?? 256
          }
    for (let attempt = 0; ; attempt++) {
      const started = performance.now()
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(o.timeoutMs ?? 60_000)
        })
        if (!res.ok) {
          const retryAfter = Number(res.headers.get('retry-after'))
          const text = (await res.text()).slice(0, 300)
          const error = new HttpError(res.status, `HTTP ${res.status}: ${text}`)
          if (RETRYABLE.has(res.status) && attempt < retries) {
            retried++
            await sleep(
              Number.isFinite(retryAfter) && retryAfter > 0
                ? retryAfter * 1000
                : (o.backoffMs ?? 500) * 2 ** attempt * (0.5 + Math.random())
            )
            continue
          }
          throw error
        }
        const json = (await res.json()) as {
          choices?: { message?: { content?: string }; text?: string }[]
          usage?: { prompt_tokens?: number; completion_tokens?: number }
        }
        latencies.push(performance.now() - started)
        tokens.prompt += json.usage?.prompt_tokens ?? 0
        tokens.completion += json.usage?.completion_tokens ?? 0
        const choice = json.choices?.[0]
        const text = o.api === 'chat' ? choice?.message?.content : choice?.text
        if (typeof text !== 'string') throw new Error('the response has no choices[0] text')
        return text.trim()
      } catch (e) {
        const timeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')
        const network = e instanceof TypeError
        if ((timeout || network) && attempt < retries) {
          retried++
          await sleep((o.backoffMs ?? 500) * 2 ** attempt * (0.5 + Math.random()))
          continue
        }
        throw timeout ? new Error(`no answer within ${(o.timeoutMs ?? 60_000) / 1000} s`) : e
      }
    }
  }

  const worker = async () => {
    while (next < requests.length) {
      const req = requests[next++]!
      try {
        predictions.set(req.id, await call(req))
      } catch (e) {
        failures.push({ id: req.id, error: e instanceof Error ? e.message : String(e) })
      }
      o.onProgress?.(++done, requests.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker))
  const sorted = [...latencies].sort((a, b) => a - b)
  const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0)
  return {
    predictions,
    latency: { p50: q(0.5), p95: q(0.95), mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length) },
    tokens,
    retries: retried,
    failures
  }
}
