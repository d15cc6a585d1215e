// GitHub's OIDC provider and AWS STS, stood in for on 127.0.0.1: the workflow runner mints a job's OIDC token
// (its claims as GitHub sets them) and configure-aws-credentials exchanges it at STS for a role's credentials.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type http from 'node:http'
import { startServer, type S3Credentials, type TestServer } from './external-servers.js'

/** The claims of a GitHub Actions OIDC token that a trust policy reads. */
export interface IdTokenClaims {
  sub: string
  aud: string
  repository: string
  ref: string
  event_name: string
  job_workflow_ref: string
  environment?: string
}

/** A role: the `sub` patterns its trust policy allows (StringLike: `*` matches anything) and its credentials. */
export interface StsRole {
  subjects: string[]
  credentials: S3Credentials
}

/** One AssumeRoleWithWebIdentity call and how STS answered it. */
export interface Assumption {
  roleArn: string
  sub: string
  granted: boolean
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url')

/**
 * The OIDC issuer and STS in one: tokens are JWTs signed with HS256 under a key only this stand-in holds
 * (GitHub signs with RS256 and STS fetches its JWKS; the check is the same: a token this issuer made, unaltered,
 * unexpired, for audience sts.amazonaws.com, whose `sub` the role's trust policy allows).
 */
export class StsStandIn {
  readonly roles = new Map<string, StsRole>()
  readonly assumptions: Assumption[] = []
  private readonly key = randomBytes(32)
  server?: TestServer

  /** Starts STS on 127.0.0.1; returns its URL. */
  async start(): Promise<string> {
    this.server = await startServer((req, res) => void this.handle(req, res))
    return this.server.origin
  }

  async close(): Promise<void> {
    await this.server?.close()
  }

  /** A signed OIDC token with these claims, valid for five minutes (GitHub's are). */
  issue(claims: IdTokenClaims): string {
    const now = Math.floor(Date.now() / 1000)
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
    const body = b64url(
      JSON.stringify({ ...claims, iss: 'https://token.actions.githubusercontent.com', iat: now, exp: now + 300 })
    )
    return `${header}.${body}.${b64url(createHmac('sha256', this.key).update(`${header}.${body}`).digest())}`
  }

  /** The token's claims if this issuer signed it and it is still valid, else undefined. */
  private verify(token: string): (IdTokenClaims & { exp: number }) | undefined {
    const [header, body, signature] = token.split('.')
    if (!header || !body || !signature) return undefined
    const expected = createHmac('sha256', this.key).update(`${header}.${body}`).digest()
    const given = Buffer.from(signature, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
    let claims: IdTokenClaims & { exp: number }
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as IdTokenClaims & { exp: number }
    } catch {
      return undefined
    }
    return claims.exp > Date.now() / 1000 ? claims : undefined
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
    const fail = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'text/xml' })
      res.end(
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>` +
          `<Code>${code}</Code><Message>${message}</Message></Error></ErrorResponse>`
      )
    }
    if (req.method !== 'POST' || form.get('Action') !== 'AssumeRoleWithWebIdentity')
      return fail(400, 'InvalidAction', 'Only AssumeRoleWithWebIdentity is stood in for')
    const roleArn = form.get('RoleArn') ?? ''
    const claims = this.verify(form.get('WebIdentityToken') ?? '')
    if (!claims || claims.aud !== 'sts.amazonaws.com')
      return fail(400, 'InvalidIdentityToken', 'Incorrect token audience, signature or expiry')
    const role = this.roles.get(roleArn)
    const granted = !!role?.subjects.some(p => likePattern(p).test(claims.sub))
    this.assumptions.push({ roleArn, sub: claims.sub, granted })
    if (!role || !granted) return fail(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity')
    const c = role.credentials
    res.writeHead(200, { 'content-type': 'text/xml' })
    res.end(
      `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
        `<AssumeRoleWithWebIdentityResult><SubjectFromWebIdentityToken>${claims.sub}</SubjectFromWebIdentityToken>` +
        `<Credentials><AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${c.secretAccessKey}</SecretAccessKey>` +
        `<SessionToken>${c.sessionToken ?? ''}</SessionToken>` +
        `<Expiration>${new Date(Date.now() + 3600_000).toISOString()}</Expiration></Credentials>` +
        `</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`
    )
  }
}

/** IAM's StringLike: `*` any run of characters, `?` one character, everything else literal. */
function likePattern(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${body}$`)
}
