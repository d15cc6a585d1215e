/** An answer larger than the caller's bound: it was not read past the bound. */
export class AnswerTooLargeError extends Error {
  constructor(
    readonly url: string,
    readonly limitBytes: number
  ) {
    super(`the answer of ${url} is larger than ${limitBytes} bytes; not read past that`)
    this.name = 'AnswerTooLargeError'
  }
}

/**
 * A fetch for octokit's `request.fetch` that bounds each call in time (connecting, waiting and reading the
 * whole body: a silent server cannot hold it) and in size (the body is read up to `limitBytes`, so a huge
 * answer never lands in memory). The body is buffered here, inside both bounds, before octokit parses it.
 */
export function boundedFetch(options: { timeoutMs: number; limitBytes: number }): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(options.timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    const response = await fetch(input, { ...init, signal })
    const url = response.url || String(input)
    const declared = Number(response.headers.get('content-length') ?? NaN)
    if (declared > options.limitBytes) {
      await response.body?.cancel().catch(() => undefined)
      throw new AnswerTooLargeError(url, options.limitBytes)
    }
    const chunks: Uint8Array[] = []
    let size = 0
    if (response.body) {
      const reader = response.body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        size += value.byteLength
        if (size > options.limitBytes) {
          await reader.cancel().catch(() => undefined)
          throw new AnswerTooLargeError(url, options.limitBytes)
        }
        chunks.push(value)
      }
    }
    const body = response.status === 204 || response.status === 304 ? null : Buffer.concat(chunks)
    const copy = new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers
    })
    // Response's constructor leaves `url` empty; octokit reads it for errors.
    Object.defineProperty(copy, 'url', { value: url })
    return copy
  }
}
