import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { EndpointDeadlineError, generateWithEndpoint } from '../src/evaluation/endpoint.js'

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise<void>(r => s.close(() => r()))
  }
})

/** A server on 127.0.0.1 answering every request with `answer`; returns its /v1 URL and a request count. */
async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  let count = 0
  const server = createServer((req, res) => {
    count++
    req.resume()
    req.on('end', () => answer(req, res))
  })
  servers.push(server)
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, count: () => count }
}

const ok = (res: ServerResponse) =>
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ choices: [{ message: { content: 'fine' } }] }))
const one = [{ id: 'a', messages: [{ role: 'user', content: 'hello' }] }]
const base = { model: 'm', api: 'chat' as const, backoffMs: 1 }

describe('a hostile endpoint cannot stall or flood the evaluation', () => {
  it('retry-after: 999999 fails the request instead of sleeping 11 days', async () => {
    const s = await serve((_req, res) => res.writeHead(429, { 'retry-after': '999999' }).end('slow down'))
    const r = await generateWithEndpoint(one, { ...base, baseUrl: s.url, maxRetryAfterMs: 2000 })
    expect(r.failures).toEqual([
      { id: 'a', error: 'HTTP 429: the server asks to retry after 999999 s, more than the limit of 2 s' }
    ])
  })

  it('the whole evaluation has a deadline, retries included', async () => {
    const s = await serve((_req, res) => setTimeout(() => ok(res), 20_000))
    const many = Array.from({ length: 50 }, (_, i) => ({ id: `r${i}`, prompt: `p${i}` }))
    const error = await generateWithEndpoint(many, {
      ...base,
      baseUrl: s.url,
      deadlineMs: 600,
      timeoutMs: 60_000
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EndpointDeadlineError)
    expect((error as Error).message).toMatch(
      /^the endpoint evaluation ran past its deadline of 1 s \(\d+ of 50 requests done\)/
    )
  })

  it('an answer over the body cap fails its request without being held whole', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(1 << 16, 0x61)
      let left = 512 // 32 MiB, streamed without a content-length
      const more = (): void => {
        while (left > 0 && !res.destroyed) {
          left--
          if (!res.write(chunk)) {
            res.once('drain', more)
            return
          }
        }
        res.end()
      }
      res.write('{"choices":[{"message":{"content":"')
      more()
    })
    const r = await generateWithEndpoint(one, { ...base, baseUrl: s.url, maxBodyBytes: 1 << 20 })
    expect(r.failures).toEqual([{ id: 'a', error: 'the answer is more than the limit of 1048576 bytes' }])
  })

  it('a redirect to another origin is not followed; one within the origin is', async () => {
    const elsewhere = await serve((_req, res) => ok(res))
    const s = await serve((req, res) =>
      req.url === '/v2/chat/completions'
        ? ok(res)
        : req.url === '/same/v1/chat/completions'
          ? res.writeHead(307, { location: '/v2/chat/completions' }).end()
          : res.writeHead(307, { location: `${elsewhere.url}/chat/completions` }).end()
    )
    const r = await generateWithEndpoint(one, { ...base, baseUrl: s.url })
    expect(r.failures).toEqual([
      {
        id: 'a',
        error: `HTTP 307: redirected to ${new URL(elsewhere.url).origin}, another origin than the configured ${new URL(s.url).origin}; not followed`
      }
    ])
    expect(elsewhere.count()).toBe(0)
    const same = await generateWithEndpoint(one, { ...base, baseUrl: s.url.replace('/v1', '/same/v1') })
    expect(same.predictions.get('a')).toBe('fine')
  })
})
