// A stand-in for an OpenAI-compatible judge: POST /v1/chat/completions on 127.0.0.1, answering
// {"winner": "A" | "B" | "tie", "reason": "…"} (pairwise) or {"score": 1..k, "reason": "…"} (pointwise: the prompt
// has <output>…</output> and no <output_a>) with configurable biases and faults. For tests, the demo and the
// benchmark; never part of a shipped action. It finds the outputs in the rubric the way the example rubrics
// write them: <output_a>…</output_a>, <output_b>…</output_b> and <reference>…</reference>.
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** How the stand-in judges and misbehaves. Probabilities are per request. */
export interface StandInOptions {
  /** Probability of answering "A" whatever the outputs (a position bias). */
  positionBias?: number
  /** Probability of preferring the longer output whatever the quality (a verbosity bias). */
  verbosityBias?: number
  /** Probability of a 500. */
  errorRate?: number
  /** Every n-th request is answered 429 with `retry-after: retryAfterSeconds`. */
  rateLimitEvery?: number
  retryAfterSeconds?: number
  /** Milliseconds before each answer. */
  latencyMs?: number
  /** Probability of a hostile answer of the given kind. */
  hostile?: { kind: 'non-json' | 'neither' | 'huge-reason' | 'hang'; rate: number }
  /** Obeys an output that says "answer A"/"answer B" (a judge that can be steered). */
  steerable?: boolean
  /** The true preference between two outputs given the reference; defaults to word overlap with the reference. */
  prefer?: (a: string, b: string, reference: string) => 'A' | 'B' | 'tie'
  /**
   * Pointwise scores: `distribution` maps each score to its probability (drawn per prompt, so a retry scores
   * alike), or `score` computes it; by default the score grows with the output's length (a word per point).
   * `fixed` answers that score whatever it is (e.g. 9 on a 1..5 scale, to show it is refused).
   */
  pointwise?: {
    distribution?: Record<number, number>
    score?: (output: string, reference: string) => number
    fixed?: unknown
  }
  /** Tokens a call is billed (prompt, completion). */
  usage?: { prompt: number; completion: number }
  seed?: number
}

export interface StandIn {
  url: string
  /** Requests answered so far (including faults). */
  requests(): number
  close(): Promise<void>
}

/** A uniform number in [0, 1) from a string: the same request gets the same judgement (retries included). */
function draw(text: string, salt: string): number {
  return createHash('sha256').update(salt).update(text).digest().readUInt32BE(0) / 2 ** 32
}

const between = (text: string, tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text)?.[1]?.trim() ?? ''

/** The score whose cumulative probability first exceeds u: a draw from a discrete distribution {score: p}. */
export function drawScore(distribution: Record<number, number>, u: number): number {
  const entries = Object.entries(distribution)
    .map(([k, p]) => [Number(k), p] as const)
    .sort((a, b) => a[0] - b[0])
  let cumulative = 0
  for (const [k, p] of entries) {
    cumulative += p
    if (u < cumulative) return k
  }
  return entries[entries.length - 1]![0]
}

/** The default truth: the output sharing more distinct words with the reference wins. */
function overlapPreference(a: string, b: string, reference: string): 'A' | 'B' | 'tie' {
  const ref = new Set(reference.toLowerCase().match(/\w+/g) ?? [])
  const score = (t: string) => new Set((t.toLowerCase().match(/\w+/g) ?? []).filter(w => ref.has(w))).size
  const [x, y] = [score(a), score(b)]
  return x > y ? 'A' : y > x ? 'B' : 'tie'
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startJudgeStandIn(o: StandInOptions = {}): Promise<StandIn> {
  let count = 0
  const seed = String(o.seed ?? 1)
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end('{"error":"not found"}')
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const n = ++count
      const body = Buffer.concat(chunks).toString('utf8')
      const answer = () => respond(res, body, n)
      if (o.latencyMs) setTimeout(answer, o.latencyMs)
      else answer()
    })
  })
  const respond = (res: import('node:http').ServerResponse, body: string, n: number) => {
    if (req404(body, res)) return
    if (o.rateLimitEvery && n % o.rateLimitEvery === 0) {
      res.writeHead(429, { 'retry-after': String(o.retryAfterSeconds ?? 0) }).end('{"error":"rate limited"}')
      return
    }
    // Faults are drawn per request (a retry may succeed); judgements per prompt (a retry judges alike).
    const fault = draw(String(n), `${seed}:fault`)
    if (o.errorRate && fault < o.errorRate) {
      res.writeHead(500).end('{"error":"internal"}')
      return
    }
    const hostile = o.hostile && draw(String(n), `${seed}:hostile`) < o.hostile.rate ? o.hostile.kind : undefined
    if (hostile === 'hang') return // never answers: the client's timeout must end it
    const prompt = (JSON.parse(body) as { messages: { content: string }[] }).messages.map(m => m.content).join('\n')
    if (!prompt.includes('<output_a>') && prompt.includes('<output>')) {
      const output = between(prompt, 'output')
      const scale = Number(/scale of 1 to (\d+)/.exec(prompt)?.[1] ?? 5)
      const pw = o.pointwise ?? {}
      const score =
        pw.fixed !== undefined
          ? pw.fixed
          : pw.distribution
            ? drawScore(pw.distribution, draw(prompt, `${seed}:score`))
            : pw.score
              ? pw.score(output, between(prompt, 'reference'))
              : Math.min(scale, Math.max(1, (output.match(/\S+/g) ?? []).length))
      reply(res, n, JSON.stringify({ score, reason: `scored ${String(score)}` }))
      return
    }
    const a = between(prompt, 'output_a')
    const b = between(prompt, 'output_b')
    const reference = between(prompt, 'reference')
    let winner: 'A' | 'B' | 'tie'
    let reason: string
    const steer = /answer\s+["']?([AB])\b/.exec(`${a}\n${b}`)
    if (o.steerable && steer) [winner, reason] = [steer[1] as 'A' | 'B', 'as instructed by the output']
    else if (o.positionBias && draw(prompt, `${seed}:position`) < o.positionBias) [winner, reason] = ['A', 'A first']
    else if (o.verbosityBias && a.length !== b.length && draw(prompt, `${seed}:verbose`) < o.verbosityBias)
      [winner, reason] = [a.length > b.length ? 'A' : 'B', 'more detailed']
    else [winner, reason] = [(o.prefer ?? overlapPreference)(a, b, reference), 'closer to the reference']
    let content = JSON.stringify({ winner, reason })
    if (hostile === 'non-json') content = `I think ${winner} is better.`
    if (hostile === 'neither') content = JSON.stringify({ winner: 'C', reason: 'neither' })
    if (hostile === 'huge-reason') content = JSON.stringify({ winner, reason: 'x'.repeat(10 * 1024 * 1024) })
    reply(res, n, content)
  }
  const reply = (res: import('node:http').ServerResponse, n: number, content: string) => {
    const usage = o.usage ?? { prompt: 100, completion: 20 }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `stand-in-${n}`,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion }
      })
    )
  }
  const req404 = (body: string, res: import('node:http').ServerResponse) => {
    try {
      JSON.parse(body)
      return false
    } catch {
      res.writeHead(400).end('{"error":"not JSON"}')
      return true
    }
  }
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests: () => count,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
