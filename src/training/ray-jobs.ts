import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { ConfigurationError } from '../errors.js'

// A client of the Ray Jobs REST API, as Ray's dashboard serves it (python/ray/dashboard/modules/job/job_head.py,
// common.py, pydantic_models.py). Written by hand: Ray ships no JavaScript client, and the five routes used here
// are plain JSON over HTTP.

/** Bound of one request, from connecting to the last byte. */
const REQUEST_TIMEOUT_MS = 30_000
/** A job's JSON answer is a few kilobytes; anything larger is refused. */
const MAX_JSON_BYTES = 1 << 20

/** A job's status, Ray's JobStatus. */
export const RAY_JOB_STATUSES = ['PENDING', 'RUNNING', 'STOPPED', 'SUCCEEDED', 'FAILED'] as const
export type RayJobStatus = (typeof RAY_JOB_STATUSES)[number]

/** True for STOPPED, SUCCEEDED and FAILED: states a job never leaves (JobStatus.is_terminal). */
export function isTerminal(status: RayJobStatus): boolean {
  return status === 'STOPPED' || status === 'SUCCEEDED' || status === 'FAILED'
}

/** The fields of Ray's JobDetails that Tunegate reads; others are kept as they come. */
export const rayJobSchema = z.looseObject({
  type: z.string().optional(),
  submission_id: z.string().nullable().optional(),
  status: z.enum(RAY_JOB_STATUSES),
  entrypoint: z.string(),
  message: z.string().nullable().optional(),
  /** Unix time in ms: when the job was submitted. */
  start_time: z.number().nullable().optional(),
  /** Unix time in ms: when it reached a terminal status. */
  end_time: z.number().nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  entrypoint_num_gpus: z.number().nullable().optional(),
  driver_exit_code: z.number().nullable().optional()
})
export type RayJob = z.infer<typeof rayJobSchema>

/** The body of POST /api/jobs/ (Ray's JobSubmitRequest). */
export interface RayJobSubmission {
  entrypoint: string
  submission_id: string
  runtime_env: Record<string, unknown>
  metadata: Record<string, string>
  entrypoint_num_gpus?: number
  entrypoint_num_cpus?: number
}

/** Where the dashboard is and the token it wants, from the environment variables Ray's own clients read. */
export interface RayConnection {
  /** The dashboard's URL, e.g. http://head:8265. */
  address: string
  token?: string
}

/** A refusal or failure of the Ray dashboard: the HTTP status and Ray's own text. */
export class RayApiError extends ConfigurationError {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
    this.name = 'RayApiError'
  }
}

/**
 * The dashboard address and token: RAY_API_SERVER_ADDRESS, else RAY_ADDRESS (as `ray job submit` reads them),
 * which must be an http(s) URL; the token from RAY_AUTH_TOKEN, else the file RAY_AUTH_TOKEN_PATH names (Ray's
 * token authentication).
 */
export async function rayConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<RayConnection> {
  const name = env.RAY_API_SERVER_ADDRESS ? 'RAY_API_SERVER_ADDRESS' : 'RAY_ADDRESS'
  const address = env[name]?.trim()
  if (!address)
    throw new ConfigurationError(
      'training.engine is ray, but RAY_ADDRESS is not set; expected the Ray dashboard URL, e.g. RAY_ADDRESS=http://ray-head:8265'
    )
  let url: URL
  try {
    url = new URL(address)
  } catch {
    url = new URL('invalid:')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigurationError(
      `${name} '${address}' is not a dashboard URL; expected http(s)://<head>:8265 (the Jobs API, not the GCS port 6379)`
    )
  let token = env.RAY_AUTH_TOKEN?.trim()
  if (!token && env.RAY_AUTH_TOKEN_PATH) {
    try {
      token = (await readFile(env.RAY_AUTH_TOKEN_PATH, 'utf8')).trim()
    } catch (e) {
      throw new ConfigurationError(
        `RAY_AUTH_TOKEN_PATH '${env.RAY_AUTH_TOKEN_PATH}' cannot be read (${e instanceof Error ? e.message : String(e)}); expected a file holding the cluster's token`
      )
    }
  }
  return { address: address.replace(/\/+$/, ''), ...(token ? { token } : {}) }
}

/** Calls the Ray Jobs REST API with Ray's bearer token, every call bounded in time and answer size. */
export class RayJobsClient {
  constructor(
    private readonly connection: RayConnection,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS
  ) {}

  /** The dashboard's address, for messages. */
  get address(): string {
    return this.connection.address
  }

  /** GET /api/version: Ray's version and the Jobs API version. */
  async version(): Promise<{ version: string; ray_version: string }> {
    const body = await this.json('GET', '/api/version')
    const parsed = z.looseObject({ version: z.string(), ray_version: z.string() }).safeParse(body)
    if (!parsed.success) throw new RayApiError(200, `${this.address}/api/version: not Ray's version answer`)
    return parsed.data
  }

  /** GET /api/jobs/{id}: the job, or undefined when there is none with that id. */
  async job(submissionId: string): Promise<RayJob | undefined> {
    const body = await this.json('GET', `/api/jobs/${encodeURIComponent(submissionId)}`, undefined, [404])
    if (body === undefined) return undefined
    const parsed = rayJobSchema.safeParse(body)
    if (!parsed.success)
      throw new RayApiError(
        200,
        `${this.address}/api/jobs/${submissionId}: not a Ray job (${parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')})`
      )
    return parsed.data
  }

  /** POST /api/jobs/: submits a job; Ray refuses (400) a submission_id that exists already. */
  async submit(job: RayJobSubmission): Promise<string> {
    const body = await this.json('POST', '/api/jobs/', job)
    const parsed = z.looseObject({ submission_id: z.string() }).safeParse(body)
    if (!parsed.success) throw new RayApiError(200, `${this.address}/api/jobs/: no submission_id in Ray's answer`)
    return parsed.data.submission_id
  }

  /** POST /api/jobs/{id}/stop: asks Ray to stop the job; true when it was running. */
  async stop(submissionId: string): Promise<boolean> {
    const body = await this.json('POST', `/api/jobs/${encodeURIComponent(submissionId)}/stop`)
    return (body as { stopped?: unknown } | undefined)?.stopped === true
  }

  /**
   * GET /api/jobs/{id}/logs: the job's whole log so far (Ray has no ranged read over HTTP); an answer over
   * `maxBytes` is refused rather than held.
   */
  async logs(submissionId: string, maxBytes: number): Promise<string> {
    const body = await this.json('GET', `/api/jobs/${encodeURIComponent(submissionId)}/logs`, undefined, [], maxBytes)
    const logs = (body as { logs?: unknown } | undefined)?.logs
    if (typeof logs !== 'string') throw new RayApiError(200, `${this.address}: no logs in Ray's answer`)
    return logs
  }

  /** One request; the statuses in `absent` resolve to undefined, any other non-2xx throws with Ray's text. */
  async json(
    method: 'GET' | 'POST',
    route: string,
    body?: unknown,
    absent: number[] = [],
    maxBytes = MAX_JSON_BYTES,
    withToken = true
  ): Promise<unknown> {
    const url = `${this.address}${route}`
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    // Ray's token authentication: `authorization: Bearer <token>` (ray/_private/authentication).
    if (withToken && this.connection.token) headers.authorization = `Bearer ${this.connection.token}`
    let res: Response
    try {
      res = await fetch(url, {
        method,
        headers,
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
        ...(body !== undefined ? { body: JSON.stringify(body) } : {})
      })
    } catch (e) {
      const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e)
      throw new RayApiError(0, `${method} ${url}: the Ray dashboard did not answer (${cause})`)
    }
    let text: string
    try {
      text = await readCapped(res, maxBytes)
    } catch (e) {
      throw new RayApiError(res.status, `${method} ${url}: ${e instanceof Error ? e.message : String(e)}`)
    }
    if (absent.includes(res.status)) return undefined
    if (!res.ok) throw new RayApiError(res.status, `${method} ${url}: HTTP ${res.status}: ${refusal(res.status, text)}`)
    try {
      return JSON.parse(text) as unknown
    } catch {
      throw new RayApiError(res.status, `${method} ${url}: the answer is not JSON`)
    }
  }
}

/**
 * The answer's text, refused once it passes `max` bytes. (evaluation/endpoint.ts has the same bound for endpoints,
 * but training sits below evaluation in the core's layers, so it cannot import it.)
 */
async function readCapped(res: Response, max: number): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader) return ''
  const parts: Uint8Array[] = []
  let total = 0
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    total += r.value.length
    if (total > max) {
      await reader.cancel()
      throw new Error(`the answer is over the limit of ${max} bytes`)
    }
    parts.push(r.value)
  }
  return Buffer.concat(parts).toString('utf8')
}

/** Ray's text for a refused request, with what to do about a missing or wrong token. */
function refusal(status: number, text: string): string {
  const said = text.trim().split('\n').slice(-3).join(' ').slice(0, 500)
  if (status === 401)
    return `${said}. The cluster uses token authentication: set RAY_AUTH_TOKEN (or RAY_AUTH_TOKEN_PATH)`
  if (status === 403) return `${said}. RAY_AUTH_TOKEN is not the cluster's token`
  return said
}

/** What `tunegate doctor` learns of a Ray dashboard. */
export interface RayDashboardProbe {
  /** True when GET /api/jobs/ without a token is answered 200: anyone who reaches it can run code. */
  open: boolean
  /** Status of the unauthenticated probe. */
  probeStatus: number
  rayVersion?: string
  /** Why the version could not be read. */
  problem?: string
}

/** Probes a dashboard: the job list without a token (200 = open to anyone), then the version with it. */
export async function probeRayDashboard(connection: RayConnection, timeoutMs = 10_000): Promise<RayDashboardProbe> {
  const client = new RayJobsClient(connection, timeoutMs)
  let probeStatus = 0
  try {
    await client.json('GET', '/api/jobs/', undefined, [], 8 << 20, false)
    probeStatus = 200
  } catch (e) {
    if (!(e instanceof RayApiError) || e.status === 0) throw e
    probeStatus = e.status
  }
  try {
    const v = await client.version()
    return { open: probeStatus === 200, probeStatus, rayVersion: v.ray_version }
  } catch (e) {
    return { open: probeStatus === 200, probeStatus, problem: e instanceof Error ? e.message : String(e) }
  }
}
