import { execFile } from 'node:child_process'
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { mkdtemp, readFile } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

/** A certificate for 127.0.0.1 made at test time with openssl; trusted only where a test passes it as a CA. */
export interface TestCertificate {
  cert: string
  key: string
  /** The certificate's file, for NODE_EXTRA_CA_CERTS in a child process. */
  certFile: string
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid for a day. */
export async function selfSignedCertificate(): Promise<TestCertificate> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-tls-'))
  const certFile = path.join(dir, 'cert.pem')
  const keyFile = path.join(dir, 'key.pem')
  await promisify(execFile)('openssl', [
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
    ...['-keyout', keyFile, '-out', certFile, '-subj', '/CN=127.0.0.1'],
    ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']
  ])
  return { cert: await readFile(certFile, 'utf8'), key: await readFile(keyFile, 'utf8'), certFile }
}

/** A request a test server received: what the fetcher sent. */
export interface SeenRequest {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
}

/** A local server on 127.0.0.1 (https with a certificate, else http) that records every request. */
export interface TestServer {
  origin: string
  requests: SeenRequest[]
  close(): Promise<void>
}

/** Starts a server on 127.0.0.1 on a free port. */
export async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  certificate?: TestCertificate
): Promise<TestServer> {
  const requests: SeenRequest[] = []
  const record = (req: http.IncomingMessage, res: http.ServerResponse) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    handler(req, res)
  }
  const server = certificate
    ? https.createServer({ cert: certificate.cert, key: certificate.key }, record)
    : http.createServer(record)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `${certificate ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Credentials the S3 stand-in accepts. */
export interface S3Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/**
 * An S3-compatible stand-in (GetObject, path-style: /<bucket>/<key>) that checks AWS Signature Version 4
 * on every request, with its own implementation of the algorithm (written from AWS's documentation, "Create
 * a signed AWS API request", so it does not share the fetcher's signing library). Answers as S3 does:
 * 403 SignatureDoesNotMatch / InvalidAccessKeyId / AccessDenied, 404 NoSuchKey, XML bodies.
 */
export class S3StandIn {
  readonly objects = new Map<string, Buffer>()
  /** Keys (bucket/key) the credentials may not read: answered 403 AccessDenied. */
  readonly denied = new Set<string>()
  server?: TestServer

  constructor(
    readonly credentials: S3Credentials,
    readonly region = 'us-east-1'
  ) {}

  /** Starts the stand-in (https when a certificate is given). */
  async start(certificate?: TestCertificate): Promise<string> {
    this.server = await startServer((req, res) => this.handle(req, res), certificate)
    return this.server.origin
  }

  async close(): Promise<void> {
    await this.server?.close()
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const fail = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/xml' })
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`)
    }
    const problem = this.signatureProblem(req)
    if (problem) return fail(403, problem.code, problem.message)
    const key = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1))
    if (this.denied.has(key)) return fail(403, 'AccessDenied', 'Access Denied')
    const body = this.objects.get(key)
    if (!body) return fail(404, 'NoSuchKey', 'The specified key does not exist.')
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' })
    res.end(body)
  }

  /** Why the request's SigV4 signature is not valid for the stand-in's credentials, or undefined. */
  private signatureProblem(req: http.IncomingMessage): { code: string; message: string } | undefined {
    const auth = req.headers.authorization ?? ''
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
        auth
      )
    if (!m) return { code: 'AccessDenied', message: 'Anonymous access is not allowed' }
    const [, keyId, date, region, signedHeaders, signature] = m as unknown as string[]
    if (keyId !== this.credentials.accessKeyId)
      return {
        code: 'InvalidAccessKeyId',
        message: 'The AWS Access Key Id you provided does not exist in our records.'
      }
    const amzDate = String(req.headers['x-amz-date'] ?? '')
    if (!amzDate.startsWith(date!) || region !== this.region)
      return { code: 'AuthorizationHeaderMalformed', message: 'The date or region of the credential is wrong' }
    const names = signedHeaders!.split(';')
    if (!names.includes('host') || !names.includes('x-amz-date'))
      return { code: 'AccessDenied', message: 'host and x-amz-date must be signed' }
    if (this.credentials.sessionToken && req.headers['x-amz-security-token'] !== this.credentials.sessionToken)
      return { code: 'InvalidToken', message: 'The provided token is malformed or otherwise invalid.' }
    const url = new URL(req.url ?? '/', 'http://x')
    const query = [...url.searchParams]
      .map(([k, v]) => [rfc3986(k), rfc3986(v)])
      .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&')
    const header = (name: string) => {
      const v = req.headers[name]
      return (Array.isArray(v) ? v.join(',') : (v ?? '')).trim().replace(/\s+/g, ' ')
    }
    const canonicalRequest = [
      req.method,
      url.pathname,
      query,
      names.map(n => `${n}:${header(n)}\n`).join(''),
      signedHeaders,
      header('x-amz-content-sha256') || 'UNSIGNED-PAYLOAD'
    ].join('\n')
    const scope = `${date}/${region}/s3/aws4_request`
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n')
    let key: Buffer = hmac(`AWS4${this.credentials.secretAccessKey}`, date!)
    for (const part of [region!, 's3', 'aws4_request']) key = hmac(key, part)
    const expected = hmac(key, stringToSign)
    const given = Buffer.from(signature!, 'hex')
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return {
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided.'
      }
    return undefined
  }
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest()
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex')
}

function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}
