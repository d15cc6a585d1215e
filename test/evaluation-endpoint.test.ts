import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { generateWithEndpoint } from '../src/evaluation/endpoint.js'

let server: Server | undefined
afterEach(async () => {
  await new Promise<void>(r => (server ? server.close(() => r()) : r()))
  server = undefined
})

/** A small OpenAI-compatible server on 127.0.0.1 that answers in upper case and misbehaves on cue. */
async function fakeLlm(
  behave: (
    body: Record<string, unknown>,
    attempt: number
  ) => { status?: number; delayMs?: number; headers?: Record<string, string> } = () => ({})
) {
  const attempts = new Map<string, number>()
  let inFlight = 0
  let maxInFlight = 0
  server = createServer((req, res) => {
    let raw = ''
    req.on('data', c => (raw += c))
    req.on('end', () => {
      const body = JSON.parse(raw) as { messages?: { content: string }[]; prompt?: string }
      const text = body.messages ? body.messages.at(-1)!.content : body.prompt!
      const n = (attempts.get(text) ?? 0) + 1
      attempts.set(text, n)
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      const b = behave(body as Record<string, unknown>, n)
      setTimeout(() => {
        inFlight--
        if (res.destroyed) return
        if (b.status && b.status !== 200) {
          res.writeHead(b.status, b.headers ?? {}).end('{"error":"busy"}')
          return
        }
        const answer = text.toUpperCase()
        const payload = req.url!.endsWith('/chat/completions')
          ? {
              choices: [{ message: { role: 'assistant', content: answer } }],
              usage: { prompt_tokens: 5, completion_tokens: 3 }
            }
          : { choices: [{ text: ` ${answer}` }], usage: { prompt_tokens: 4, completion_tokens: 2 } }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload))
      }, b.delayMs ?? 5)
    })
  })
  await new Promise<void>(r => server!.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1`, maxInFlight: () => maxInFlight }
}

const requests = Array.from({ length: 20 }, (_, i) => ({
  id: `r${i}`,
  messages: [{ role: 'user', content: `write title ${i}` }]
}))

describe('the OpenAI-compatible endpoint client', () => {
  it('generates through chat/completions with bounded concurrency, latency and token counts', async () => {
    const llm = await fakeLlm(() => ({ delayMs: 20 }))
    const r = await generateWithEndpoint(requests, { baseUrl: llm.url, model: 'tiny', api: 'chat', concurrency: 3 })
    expect(r.predictions.get('r7')).toBe('WRITE TITLE 7')
    expect(r.predictions.size).toBe(20)
    expect(llm.maxInFlight()).toBeLessThanOrEqual(3)
    expect(r.tokens).toEqual({ prompt: 100, completion: 60 })
    expect(r.latency.p50).toBeGreaterThan(10)
    expect(r.latency.p95).toBeGreaterThanOrEqual(r.latency.p50)
  })

  it('uses /completions with a prompt', async () => {
    const llm = await fakeLlm()
    const r = await generateWithEndpoint([{ id: 'a', prompt: 'hello' }], {
      baseUrl: llm.url,
      model: 'tiny',
      api: 'completions'
    })
    expect(r.predictions.get('a')).toBe('HELLO')
  })

  it('retries 429 (honouring retry-after) and 503 with backoff, and times out a hung request', async () => {
    const llm = await fakeLlm((body, attempt) => {
      const text = (body.messages as { content: string }[]).at(-1)!.content
      if (text.endsWith(' 1') && attempt === 1) return { status: 429, headers: { 'retry-after': '0.05' } }
      if (text.endsWith(' 2') && attempt <= 2) return { status: 503 }
      if (text.endsWith(' 3') && attempt === 1) return { delayMs: 2000 }
      return {}
    })
    const r = await generateWithEndpoint(requests.slice(0, 5), {
      baseUrl: llm.url,
      model: 'tiny',
      api: 'chat',
      backoffMs: 10,
      timeoutMs: 300
    })
    expect(r.failures).toEqual([])
    expect(r.predictions.size).toBe(5)
    expect(r.retries).toBe(4)
  })

  it('gives up after its retries and reports which examples failed, never a 400 retried', async () => {
    const llm = await fakeLlm((body, attempt) =>
      (body.messages as { content: string }[]).at(-1)!.content.endsWith(' 0')
        ? { status: attempt > 0 ? 503 : 200 }
        : { status: 400 }
    )
    const r = await generateWithEndpoint(requests.slice(0, 2), {
      baseUrl: llm.url,
      model: 'tiny',
      api: 'chat',
      retries: 2,
      backoffMs: 5
    })
    expect(r.failures.map(f => f.id).sort()).toEqual(['r0', 'r1'])
    expect(r.failures.find(f => f.id === 'r1')!.error).toMatch(/HTTP 400/)
    expect(r.retries).toBe(2)
  })
})

describe('evaluating a served candidate', () => {
  it('generates the eval predictions through the endpoint and records latency and tokens', async () => {
    const { mkdtemp } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const { makeRepo } = await import('./helpers/git-repo.js')
    const { trainModel } = await import('../src/training/train.js')
    const { runEvaluation } = await import('../src/evaluation/evaluate.js')
    const { evaluationOutcomeReport } = await import('../src/report/evaluation-report.js')
    const { LocalHost } = await import('../src/host/local-host.js')
    // A "model" that answers every classification prompt with one label.
    server = createServer((req, res) => {
      req.resume()
      req.on('end', () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            choices: [{ text: 'refresh-urgent' }],
            usage: { prompt_tokens: 12, completion_tokens: 2 }
          })
        )
      )
    })
    await new Promise<void>(r => server!.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
    const repo = await makeRepo({ withRegistry: true })
    const work = await mkdtemp(path.join(tmpdir(), 'tg-served-'))
    const run = await trainModel({
      registryDir: path.join(repo, 'registry'),
      model: 'content-classifier',
      workDir: work
    })
    const outcome = await runEvaluation({
      registryDir: path.join(repo, 'registry'),
      model: 'content-classifier',
      host: new LocalHost(path.join(work, 'state'), repo),
      workDir: path.join(work, 'eval'),
      runDir: run.outputDir,
      endpoint: { baseUrl: url, model: 'served-candidate', api: 'completions', concurrency: 4 }
    })
    expect(outcome.record.serving).toMatchObject({
      endpoint: url,
      model: 'served-candidate',
      tokens: { prompt: 197 * 12, completion: 197 * 2 }
    })
    // Always the same label: accuracy is that label's share of the eval set, and the gate fails.
    expect(outcome.record.metrics.accuracy!.slices.all!.value).toBeLessThan(0.3)
    expect(outcome.record.verdict).toBe('fail')
    expect(evaluationOutcomeReport(outcome).markdown).toMatch(/Predictions served by `served-candidate`/)
  })
})
