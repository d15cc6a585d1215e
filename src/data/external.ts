import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import path from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AwsV4Signer } from 'aws4fetch'
import { ConfigurationError, errorMessage } from '../errors.js'
import { fileDigest } from '../registry/digest.js'
import type { RegistryFile } from '../registry/loader.js'
import { MAX_EXTERNAL_BYTES, type ExternalData } from '../registry/schema.js'

/** How the fetcher reaches the network; every field has a default fit for a CI runner. */
export interface FetchSettings {
  /** Where credentials and the S3 endpoint are read from (default: process.env). Never from model.yaml. */
  env?: NodeJS.ProcessEnv
  /** Extra certificate authorities to trust for https (a private CA); the system's are trusted as well. */
  ca?: string | Buffer
  /** Until the TCP and TLS handshakes are done. */
  connectTimeoutMs?: number
  /** The longest silence while waiting for headers or bytes. */
  idleTimeoutMs?: number
  /** The whole download, redirects included (default: 10 minutes plus the declared size at 1 MiB/s). */
  totalTimeoutMs?: number
  /** Redirects followed before giving up. */
  maxRedirects?: number
  /** The absolute cap on one download, whatever model.yaml declares. */
  maxBytes?: number
  /** Progress lines for long downloads (default: none). */
  log?: (line: string) => void
}

const DEFAULTS = {
  connectTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  maxRedirects: 5,
  maxBytes: MAX_EXTERNAL_BYTES
}
/** Below this a download is quick: no progress lines. */
const PROGRESS_MIN_BYTES = 8 * 2 ** 20
/** The most of an error response's body read for its message (S3 answers with a short XML document). */
const ERROR_BODY_BYTES = 16 * 1024
/** Headers that carry credentials: never sent to a host other than the one the URI names. */
const CREDENTIAL_HEADER = /^(authorization|cookie|proxy-authorization|x-amz-.*)$/i

/** Fetches in flight in this process, by cache path: a second caller waits for the first. */
const inFlight = new Map<string, Promise<void>>()
/** Cache files this process has verified, with the size, mtime and inode they had then. */
const verified = new Map<string, string>()

/**
 * Makes every external file of the list present in the dataset cache, fetched and verified; local files
 * are left alone. Call it before reading a model's data.
 */
export async function ensureExternalFiles(files: RegistryFile[], settings: FetchSettings = {}): Promise<void> {
  for (const file of files) if (file.external) await ensureExternalFile(file.external, file.absolute, settings)
}

/**
 * The external dataset at its cache path, downloaded when missing or when the cached copy's sha256 is not
 * the declared one (checked once per process): streamed to a temporary file in the
 * cache's `.incoming/` folder, its size bounded by the declared `bytes`, its sha256 and size checked,
 * then renamed into place, so the cache never holds a partial or unverified file under a digest's name.
 * Concurrent fetches of one digest (threads or processes) each write their own temporary file; the
 * rename is atomic and both are the same verified bytes.
 */
export async function ensureExternalFile(entry: ExternalData, cachePath: string, settings: FetchSettings = {}) {
  const pending = inFlight.get(cachePath)
  if (pending) return pending
  const job = fetchIfMissing(entry, cachePath, settings).finally(() => inFlight.delete(cachePath))
  inFlight.set(cachePath, job)
  return job
}

async function fetchIfMissing(entry: ExternalData, cachePath: string, settings: FetchSettings): Promise<void> {
  const cached = await stat(cachePath).catch(() => undefined)
  // A cache restored between runs (actions/cache) is checked like a download before its first use in a
  // process: what another job saved is not trusted by its name alone.
  const stamp = cached ? `${cached.size}:${cached.mtimeMs}:${cached.ino}` : undefined
  if (cached?.isFile() && cached.size === entry.bytes) {
    if (verified.get(cachePath) === stamp) return
    if ((await fileDigest(cachePath)) === entry.sha256) {
      verified.set(cachePath, stamp!)
      return
    }
    settings.log?.(`${entry.uri}: the cached copy does not match sha256 ${entry.sha256}; fetching it again`)
  }
  if (cached) await rm(cachePath, { force: true })
  const maxBytes = settings.maxBytes ?? DEFAULTS.maxBytes
  if (entry.bytes > maxBytes)
    throw new ConfigurationError(
      `${entry.uri}: model.yaml declares ${entry.bytes} bytes; expected at most ${maxBytes} (the download cap)`
    )
  const incoming = path.join(path.dirname(cachePath), '.incoming')
  await mkdir(incoming, { recursive: true })
  const temp = path.join(incoming, `${path.basename(cachePath)}.${randomBytes(6).toString('hex')}`)
  try {
    const actual = await download(entry, temp, settings)
    if (actual !== entry.sha256)
      throw new ConfigurationError(
        `${entry.uri}: sha256 mismatch: model.yaml declares ${entry.sha256}, the downloaded bytes have ${actual}. ` +
          'The file changed at its source or the digest is wrong; expected the digest `sha256sum` prints for it.'
      )
    await rename(temp, cachePath)
    const done = await stat(cachePath)
    verified.set(cachePath, `${done.size}:${done.mtimeMs}:${done.ino}`)
  } finally {
    await rm(temp, { force: true })
  }
}

/** Streams the entry's bytes to `temp`, bounded in size and time; returns their sha256. */
async function download(entry: ExternalData, temp: string, settings: FetchSettings): Promise<string> {
  const total = settings.totalTimeoutMs ?? 600_000 + Math.ceil(entry.bytes / 2 ** 20) * 1000
  const abort = new AbortController()
  const timer = setTimeout(
    () => abort.abort(new ConfigurationError(`${entry.uri}: download took longer than ${total / 1000} s; gave up`)),
    total
  )
  try {
    const first = await requestFor(entry, settings.env ?? process.env)
    const response = await follow(entry, first, settings, abort.signal)
    const length = Number(response.headers['content-length'] ?? NaN)
    if (Number.isFinite(length) && length !== entry.bytes)
      throw new ConfigurationError(
        `${entry.uri}: the server announces ${length} bytes, model.yaml declares ${entry.bytes}; ` +
          'expected the size `wc -c` prints for the file (or the file changed at its source)'
      )
    return await save(entry, response, temp, settings)
  } catch (e) {
    if (abort.signal.aborted) throw abort.signal.reason
    throw e instanceof ConfigurationError
      ? e
      : new ConfigurationError(`${entry.uri}: download failed: ${errorMessage(e)}`)
  } finally {
    clearTimeout(timer)
  }
}

/** Writes the response to `temp` while hashing it; stops as soon as it runs past the declared size. */
async function save(entry: ExternalData, response: http.IncomingMessage, temp: string, settings: FetchSettings) {
  const hash = createHash('sha256')
  let received = 0
  let nextReport = entry.bytes >= PROGRESS_MIN_BYTES ? entry.bytes / 10 : Infinity
  if (nextReport !== Infinity) settings.log?.(`Fetching ${entry.uri} (${mib(entry.bytes)}) to the dataset cache`)
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length
      if (received > entry.bytes) {
        done(
          new ConfigurationError(
            `${entry.uri}: the server sent more than the ${entry.bytes} bytes model.yaml declares; stopped there`
          )
        )
        return
      }
      hash.update(chunk)
      if (received >= nextReport) {
        settings.log?.(`  ${entry.uri}: ${mib(received)} of ${mib(entry.bytes)}`)
        nextReport += entry.bytes / 10
      }
      done(null, chunk)
    }
  })
  await pipeline(response, meter, createWriteStream(temp, { flags: 'wx' }))
  if (received !== entry.bytes)
    throw new ConfigurationError(
      `${entry.uri}: the server sent ${received} bytes, model.yaml declares ${entry.bytes}; ` +
        'the download was cut short or the size is wrong'
    )
  return hash.digest('hex')
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`
}

/** One HTTP request: its URL and headers (signed ones for S3). */
interface Request {
  url: URL
  headers: Record<string, string>
}

/** The first request for an entry: the https URI as is, or an S3 GetObject, signed when credentials are set. */
async function requestFor(entry: ExternalData, env: NodeJS.ProcessEnv): Promise<Request> {
  const uri = new URL(entry.uri)
  if (uri.protocol === 'https:') return { url: uri, headers: {} }
  const url = s3ObjectUrl(uri, env)
  const accessKeyId = env.AWS_ACCESS_KEY_ID
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY
  // Without credentials the object is read anonymously (a public bucket); with half of them, that is a mistake.
  if (!accessKeyId !== !secretAccessKey)
    throw new ConfigurationError(
      `${entry.uri}: only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set; expected both, or neither for a public bucket`
    )
  if (!accessKeyId || !secretAccessKey) return { url, headers: {} }
  const signed = await new AwsV4Signer({
    method: 'GET',
    url: url.toString(),
    accessKeyId,
    secretAccessKey,
    sessionToken: env.AWS_SESSION_TOKEN || undefined,
    service: 's3',
    region: s3Region(env)
  }).sign()
  return { url, headers: Object.fromEntries(signed.headers.entries()) }
}

function s3Region(env: NodeJS.ProcessEnv): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'
}

/**
 * The GetObject URL of `s3://bucket/key`. A custom endpoint (AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL:
 * MinIO, R2, Ceph…) is addressed path-style, which they all accept; AWS itself virtual-hosted style.
 */
export function s3ObjectUrl(uri: URL, env: NodeJS.ProcessEnv = process.env): URL {
  const bucket = uri.hostname
  // Each key segment percent-encoded as S3 expects (RFC 3986 unreserved characters kept).
  const key = decodeURIComponent(uri.pathname.slice(1))
    .split('/')
    .map(s => encodeURIComponent(s).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/')
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL
  if (endpoint) {
    let base: URL
    try {
      base = new URL(endpoint)
    } catch {
      throw new ConfigurationError(
        `AWS_ENDPOINT_URL '${endpoint}' is not a URL; expected e.g. https://minio.example:9000`
      )
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:')
      throw new ConfigurationError(`AWS_ENDPOINT_URL '${endpoint}': expected an http:// or https:// URL`)
    return new URL(`${base.origin}${base.pathname.replace(/\/$/, '')}/${bucket}/${key}`)
  }
  const region = s3Region(env)
  return bucket.includes('.')
    ? new URL(`https://s3.${region}.amazonaws.com/${bucket}/${key}`)
    : new URL(`https://${bucket}.s3.${region}.amazonaws.com/${key}`)
}

/**
 * Sends the request and follows redirects, at most `maxRedirects`: never from https to http, and the
 * credential headers only to the origin they were made for.
 */
async function follow(
  entry: ExternalData,
  first: Request,
  settings: FetchSettings,
  signal: AbortSignal
): Promise<http.IncomingMessage> {
  let current = first
  const maxRedirects = settings.maxRedirects ?? DEFAULTS.maxRedirects
  for (let redirects = 0; ; redirects++) {
    const response = await send(entry, current, settings, signal)
    const status = response.statusCode ?? 0
    if (status >= 200 && status < 300) {
      if (status !== 200) throw await httpError(entry, response, 'expected 200 with the whole file')
      return response
    }
    if (![301, 302, 303, 307, 308].includes(status) || !response.headers.location)
      throw await httpError(entry, response)
    response.resume()
    if (redirects >= maxRedirects)
      throw new ConfigurationError(`${entry.uri}: more than ${maxRedirects} redirects; gave up`)
    const next = new URL(response.headers.location, current.url)
    if (current.url.protocol === 'https:' && next.protocol !== 'https:')
      throw new ConfigurationError(
        `${entry.uri}: redirected from https to ${next.protocol}//${next.host}; refused (expected https all the way)`
      )
    if (next.protocol !== 'https:' && next.protocol !== 'http:')
      throw new ConfigurationError(`${entry.uri}: redirected to ${next.protocol}//; expected https`)
    const headers =
      next.origin === first.url.origin
        ? current.headers
        : Object.fromEntries(Object.entries(current.headers).filter(([k]) => !CREDENTIAL_HEADER.test(k)))
    current = { url: next, headers }
  }
}

/** One GET with its connect and idle timeouts; resolves with the response once its headers arrive. */
function send(
  entry: ExternalData,
  request: Request,
  settings: FetchSettings,
  signal: AbortSignal
): Promise<http.IncomingMessage> {
  const connectMs = settings.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs
  const idleMs = settings.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs
  const where = `${request.url.protocol}//${request.url.host}`
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = { method: 'GET', headers: request.headers, signal, timeout: idleMs }
    if (request.url.protocol === 'https:' && settings.ca) options.ca = settings.ca
    const req = (request.url.protocol === 'https:' ? https : http).request(request.url, options, resolve)
    const connectTimer = setTimeout(
      () => req.destroy(new ConfigurationError(`${entry.uri}: no connection to ${where} within ${connectMs / 1000} s`)),
      connectMs
    )
    req.on('socket', socket => {
      const connected = () => clearTimeout(connectTimer)
      if (request.url.protocol === 'https:') socket.once('secureConnect', connected)
      else socket.once('connect', connected)
      // A reused or already connected socket fires neither event.
      if (!socket.connecting && !(socket as { pending?: boolean }).pending) connected()
    })
    // The socket's idle timer covers both the wait for headers and the silences inside the body.
    let response: http.IncomingMessage | undefined
    req.on('timeout', () => {
      const e = new ConfigurationError(`${entry.uri}: ${where} sent nothing for ${idleMs / 1000} s; gave up`)
      response?.destroy(e)
      req.destroy(e)
    })
    req.on('error', e => {
      clearTimeout(connectTimer)
      reject(
        e instanceof ConfigurationError || signal.aborted
          ? e
          : new ConfigurationError(`${entry.uri}: cannot fetch from ${where}: ${errorMessage(e)}`)
      )
    })
    req.on('response', r => {
      response = r
      clearTimeout(connectTimer)
    })
    req.end()
  })
}

/** A clear error for a response that is not the file: S3's error code and message when it sends one. */
async function httpError(entry: ExternalData, response: http.IncomingMessage, expected?: string) {
  const status = response.statusCode ?? 0
  let body = ''
  try {
    for await (const chunk of response) {
      body += (chunk as Buffer).toString('utf8')
      if (body.length >= ERROR_BODY_BYTES) break
    }
  } catch {
    // The status alone still says what went wrong.
  }
  response.destroy()
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1]
  const message = /<Message>([^<]{1,300})<\/Message>/.exec(body)?.[1]
  const detail = [code, message].filter(Boolean).join(': ')
  const said = `HTTP ${status}${detail ? ` (${detail})` : ''}`
  const s3 = entry.uri.startsWith('s3:')
  let hint = expected ?? 'expected 200 with the file'
  if (status === 403 && s3)
    hint =
      'access denied: check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the environment, ' +
      'the bucket policy, and AWS_REGION / AWS_ENDPOINT_URL'
  else if (status === 401 || status === 403) hint = 'access denied; expected a URL readable without credentials'
  else if (status === 404) hint = 'no such file; expected the URI of an existing file'
  return new ConfigurationError(`${entry.uri}: ${said}; ${hint}`)
}
