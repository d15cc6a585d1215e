// A stand-in for the Actions results service (ACTIONS_RESULTS_URL) on 127.0.0.1: the Twirp artifact API
// that @actions/artifact speaks, and the blob storage its signed URLs point to. Finalized artifacts are
// also published to the GitHub stand-in, so a later job finds them through the REST API.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { GitHubStandIn } from './stand-in.js'

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/'

interface Pending {
  id: number
  name: string
  runBackendId: string
  jobBackendId: string
  blocks: Map<string, Buffer>
  data?: Buffer
}

/** An unsigned JWT with the scope the artifact client reads its run and job ids from. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const scp = `Actions.GenericRead:00000000 Actions.Results:${runBackendId}:${jobBackendId}`
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ scp })}.sig`
}

class TwirpError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string
  ) {}
}

export class ResultsServiceStandIn {
  url = ''
  readonly problems: string[] = []
  private server?: Server
  private readonly pending = new Map<number, Pending>()
  readonly finalized = new Map<
    number,
    { id: number; name: string; runBackendId: string; data: Buffer; hash?: string }
  >()

  /** `runId` is the GitHub run the artifacts belong to; a backend id `run-<n>` names run n instead. */
  constructor(
    private readonly github: GitHubStandIn,
    private readonly runId: number
  ) {}

  private runOf(backendId: string): number {
    const m = /^run-(\d+)$/.exec(backendId)
    return m ? Number(m[1]) : this.runId
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const url = new URL(req.url ?? '/', this.url)
        const body = Buffer.concat(chunks)
        const json = (status: number, value: unknown) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
        try {
          if (req.method === 'POST' && url.pathname.startsWith(SERVICE)) {
            if (!/^Bearer .+\..+\..+$/.test(String(req.headers.authorization)))
              return json(401, { code: 'unauthenticated', msg: 'no runtime token' })
            const msg = JSON.parse(body.toString('utf8')) as Record<string, unknown>
            const answer = this.twirp(url.pathname.slice(SERVICE.length), msg)
            return answer instanceof TwirpError
              ? json(answer.status, { code: answer.code, msg: answer.message })
              : json(200, answer)
          }
          const upload = /^\/blob\/upload\/(\d+)$/.exec(url.pathname)
          if (req.method === 'PUT' && upload) {
            const p = this.pending.get(Number(upload[1]))
            if (!p) return res.writeHead(404).end()
            const comp = url.searchParams.get('comp')
            if (comp === 'block') p.blocks.set(url.searchParams.get('blockid')!, body)
            else if (comp === 'blocklist') {
              const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map(
                m => m[1]!
              )
              p.data = Buffer.concat(ids.map(id => p.blocks.get(id) ?? Buffer.alloc(0)))
            } else p.data = body
            return res
              .writeHead(201, {
                etag: '"0x1"',
                'last-modified': new Date().toUTCString(),
                'x-ms-request-id': String(p.id),
                'x-ms-version': '2021-08-06',
                'x-ms-request-server-encrypted': 'true',
                'content-length': '0'
              })
              .end()
          }
          const download = /^\/blob\/download\/(\d+)$/.exec(url.pathname)
          if (req.method === 'GET' && download) {
            const a = this.finalized.get(Number(download[1]))
            return a
              ? res
                  .writeHead(200, { 'content-type': 'application/zip', 'content-length': String(a.data.length) })
                  .end(a.data)
              : res.writeHead(404).end()
          }
          this.problems.push(`unexpected ${req.method} ${url.pathname}`)
          return res.writeHead(404).end()
        } catch (e) {
          this.problems.push(`results service failed on ${req.method} ${url.pathname}: ${String(e)}`)
          return res.writeHead(500).end()
        }
      })
    })
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`
    return this
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private twirp(method: string, msg: Record<string, unknown>): unknown {
    switch (method) {
      case 'CreateArtifact': {
        // As GitHub's service: one artifact of a name per workflow run, whichever attempt or job uploads it.
        const run = String(msg.workflow_run_backend_id)
        if (
          [...this.finalized.values(), ...this.pending.values()].some(
            a => a.name === msg.name && a.runBackendId === run
          )
        )
          return new TwirpError(409, 'already_exists', 'an artifact with this name already exists on the workflow run')
        const id = this.github.id()
        for (const k of ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name'])
          if (typeof msg[k] !== 'string') this.problems.push(`CreateArtifact without ${k}`)
        this.pending.set(id, {
          id,
          name: String(msg.name),
          runBackendId: String(msg.workflow_run_backend_id),
          jobBackendId: String(msg.workflow_job_run_backend_id),
          blocks: new Map()
        })
        return { ok: true, signed_upload_url: `${this.url}blob/upload/${id}?sig=test` }
      }
      case 'FinalizeArtifact': {
        const p = [...this.pending.values()].find(
          x => x.name === msg.name && x.runBackendId === msg.workflow_run_backend_id
        )
        if (!p?.data) {
          this.problems.push(`FinalizeArtifact for '${String(msg.name)}' before its upload`)
          return { ok: false }
        }
        if (Number(msg.size) !== p.data.length)
          this.problems.push(`FinalizeArtifact size ${String(msg.size)} but ${p.data.length} bytes arrived`)
        this.pending.delete(p.id)
        const gid = this.github.seedArtifact(p.name, this.runOf(p.runBackendId), p.data)
        this.finalized.set(gid, {
          id: gid,
          name: p.name,
          runBackendId: p.runBackendId,
          data: p.data,
          ...(typeof msg.hash === 'string' ? { hash: msg.hash } : {})
        })
        return { ok: true, artifact_id: String(gid) }
      }
      case 'ListArtifacts': {
        const name = (msg.name_filter as string | undefined) ?? undefined
        const id = msg.id_filter !== undefined ? Number(msg.id_filter) : undefined
        const list = [...this.finalized.values()].filter(
          a =>
            a.runBackendId === msg.workflow_run_backend_id &&
            (name === undefined || a.name === name) &&
            (id === undefined || a.id === id)
        )
        return {
          artifacts: list.map(a => ({
            workflow_run_backend_id: a.runBackendId,
            workflow_job_run_backend_id: 'job',
            database_id: String(a.id),
            name: a.name,
            size: String(a.data.length),
            created_at: new Date().toISOString()
          }))
        }
      }
      case 'GetSignedArtifactURL': {
        const a = [...this.finalized.values()].find(
          x => x.name === msg.name && x.runBackendId === msg.workflow_run_backend_id
        )
        return { signed_url: a ? `${this.url}blob/download/${a.id}?sig=test` : '' }
      }
      default:
        this.problems.push(`unknown Twirp method ${method}`)
        return {}
    }
  }
}
