import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'

// A stand-in for the Ray dashboard's Jobs REST API, for tests: this machine's Ray (pip's `ray`, without the
// `ray[default]` dashboard dependencies) runs real Ray work but serves no HTTP API. The routes, JSON bodies, status
// codes and token check follow Ray 2.58's own (ray/dashboard/modules/job/job_head.py, common.py, pydantic_models.py,
// ray/_private/authentication/http_token_authentication.py); each submitted job really runs on a local Ray head
// started with `ray start --head --include-dashboard=false`, through ray-job-supervisor.py, which does what Ray's
// JobSupervisor does (an actor with the job's runtime_env and entrypoint resources runs the entrypoint).

/** A local Ray head, started with `--block` so that stopping this one process stops the head's processes. */
export interface RayHead {
  /** host:port of the GCS, what RAY_ADDRESS is inside the cluster. */
  address: string
  rayVersion: string
  stop: () => Promise<void>
}

/** Starts `ray start --head --include-dashboard=false --block` with one (declared) GPU and waits until it answers. */
export async function startRayHead(python: string, env: NodeJS.ProcessEnv): Promise<RayHead> {
  const bin = path.dirname(python)
  const temp = mkdtempSync(path.join(tmpdir(), 'tg-ray-'))
  const port = 20_000 + Math.floor(Math.random() * 20_000)
  const head = spawn(
    path.join(bin, 'ray'),
    [
      'start',
      '--head',
      '--block',
      '--include-dashboard=false',
      '--disable-usage-stats',
      `--port=${port}`,
      '--num-cpus=4',
      // A GPU Ray schedules by (entrypoint_num_gpus) and charges for; the trainer itself runs on the CPU here.
      '--num-gpus=1',
      `--temp-dir=${temp}`
    ],
    { env: { ...env, PATH: `${bin}:${env.PATH ?? ''}` }, stdio: ['ignore', 'pipe', 'pipe'], detached: true }
  )
  const output: string[] = []
  head.stdout?.on('data', (c: Buffer) => output.push(c.toString()))
  head.stderr?.on('data', (c: Buffer) => output.push(c.toString()))
  const address = `127.0.0.1:${port}`
  const stop = async () => {
    if (head.exitCode !== null || head.signalCode !== null) return
    const exited = new Promise(resolve => head.once('exit', resolve))
    try {
      process.kill(head.pid!, 'SIGTERM')
    } catch {
      return
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-head.pid!, 'SIGKILL')
      } catch {
        // gone
      }
    }, 20_000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + 120_000
  for (;;) {
    if (head.exitCode !== null) throw new Error(`ray start exited ${head.exitCode}:\n${output.join('')}`)
    const probe = spawnSync(
      python,
      ['-c', `import ray; ray.init(address="${address}", logging_level="ERROR"); print(ray.__version__)`],
      { encoding: 'utf8', timeout: 60_000, env: { ...env, PATH: `${bin}:${env.PATH ?? ''}` } }
    )
    if (probe.status === 0) return { address, rayVersion: probe.stdout.trim().split('\n').at(-1)!, stop }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`the Ray head did not answer within 120 s:\n${output.join('')}\n${probe.stderr}`)
    }
    await new Promise(r => setTimeout(r, 2000))
  }
}

interface StandInJob {
  submission_id: string
  status: 'PENDING' | 'RUNNING' | 'STOPPED' | 'SUCCEEDED' | 'FAILED'
  entrypoint: string
  message: string
  start_time: number
  end_time: number | null
  metadata: Record<string, string>
  runtime_env: Record<string, unknown>
  entrypoint_num_cpus: number | null
  entrypoint_num_gpus: number | null
  driver_exit_code: number | null
  logFile: string
  supervisor?: ChildProcess
  pid?: number
  stopping?: boolean
}

export interface RayJobsStandIn {
  /** The dashboard URL (http://127.0.0.1:<port>), what RAY_ADDRESS is for the Jobs API. */
  url: string
  /** Every accepted POST /api/jobs/, in order. */
  submissions: string[]
  /** Every request, `METHOD path status`. */
  requests: string[]
  close: () => Promise<void>
}

/**
 * Serves Ray's Jobs API on 127.0.0.1 in front of a real Ray head. With `token`, every route but Ray's public ones
 * needs `authorization: Bearer <token>` (or `x-ray-authorization`): 401 without one, 403 with another, as Ray's
 * token_auth_middleware answers.
 */
export async function startRayJobsStandIn(o: {
  head: RayHead
  python: string
  token?: string
  env: NodeJS.ProcessEnv
}): Promise<RayJobsStandIn> {
  const jobs = new Map<string, StandInJob>()
  const submissions: string[] = []
  const requests: string[] = []
  const work = mkdtempSync(path.join(tmpdir(), 'tg-ray-jobs-'))
  const supervisorScript = path.resolve('test/helpers/ray-job-supervisor.py')
  const bin = path.dirname(o.python)

  const details = (j: StandInJob) => ({
    type: 'SUBMISSION',
    job_id: null,
    submission_id: j.submission_id,
    driver_info: null,
    status: j.status,
    entrypoint: j.entrypoint,
    message: j.message,
    error_type: null,
    start_time: j.start_time,
    end_time: j.end_time,
    metadata: j.metadata,
    runtime_env: j.runtime_env,
    driver_agent_http_address: null,
    driver_node_id: null,
    driver_exit_code: j.driver_exit_code,
    entrypoint_num_cpus: j.entrypoint_num_cpus,
    entrypoint_num_gpus: j.entrypoint_num_gpus,
    entrypoint_memory: null,
    entrypoint_resources: null
  })

  const finish = (j: StandInJob, status: StandInJob['status'], message: string) => {
    if (j.status === 'SUCCEEDED' || j.status === 'FAILED' || j.status === 'STOPPED') return
    j.status = status
    j.message = message
    j.end_time = Date.now()
  }

  const run = (j: StandInJob) => {
    const request = path.join(work, `${j.submission_id}.json`)
    writeFileSync(
      request,
      JSON.stringify({
        entrypoint: j.entrypoint,
        runtime_env: j.runtime_env,
        metadata: j.metadata,
        entrypoint_num_gpus: j.entrypoint_num_gpus,
        entrypoint_num_cpus: j.entrypoint_num_cpus,
        log_file: j.logFile
      })
    )
    const child = spawn(o.python, [supervisorScript, o.head.address, request], {
      env: { ...o.env, PATH: `${bin}:${o.env.PATH ?? ''}` },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    j.supervisor = child
    const errors: string[] = []
    child.stderr?.on('data', (c: Buffer) => errors.push(c.toString()))
    createInterface({ input: child.stdout! }).on('line', line => {
      const e = JSON.parse(line) as { event: string; pid?: number; code?: number }
      if (e.event === 'running' && j.status === 'PENDING') {
        j.pid = e.pid
        j.status = 'RUNNING'
        j.message = 'Job is currently running.'
      } else if (e.event === 'exit') {
        j.driver_exit_code = e.code ?? null
        if (j.stopping) finish(j, 'STOPPED', 'Job was intentionally stopped.')
        else if (e.code === 0) finish(j, 'SUCCEEDED', 'Job finished successfully.')
        else finish(j, 'FAILED', `Job entrypoint command failed with exit code ${e.code}`)
      }
    })
    child.on('exit', code => {
      if (j.stopping) finish(j, 'STOPPED', 'Job was intentionally stopped.')
      else finish(j, 'FAILED', `Job supervisor exited with code ${code}: ${errors.join('').slice(-2000)}`)
    })
  }

  // Ray's stop: SIGTERM to the entrypoint's process group, SIGKILL 3 s later (RAY_JOB_STOP_WAIT_TIME_S).
  const stop = (j: StandInJob): boolean => {
    if (j.status !== 'PENDING' && j.status !== 'RUNNING') return false
    j.stopping = true
    const signal = (sig: NodeJS.Signals) => {
      try {
        if (j.pid) process.kill(-j.pid, sig)
        else j.supervisor?.kill(sig)
      } catch {
        // already gone
      }
    }
    signal('SIGTERM')
    setTimeout(() => signal('SIGKILL'), 3000).unref()
    return true
  }

  const public_ = new Set(['/', '/favicon.ico', '/api/authentication_mode', '/api/authenticate', '/api/healthz'])
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const send = (status: number, body: unknown, json = true) => {
      requests.push(`${req.method} ${url.pathname} ${status}`)
      res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain' })
      res.end(json ? JSON.stringify(body) : String(body))
    }
    if (o.token && !public_.has(url.pathname)) {
      const auth = req.headers.authorization ?? req.headers['x-ray-authorization']
      if (!auth) return send(401, 'Unauthorized: Missing authentication token', false)
      if (auth !== `Bearer ${o.token}`) return send(403, 'Forbidden: Invalid authentication token', false)
    }
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const m = /^\/api\/jobs\/([^/]+)(\/logs|\/stop)?$/.exec(url.pathname)
    const job = m ? jobs.get(decodeURIComponent(m[1]!)) : undefined
    if (req.method === 'GET' && url.pathname === '/api/version')
      return send(200, { version: '4', ray_version: o.head.rayVersion, ray_commit: '', session_name: 'stand-in' })
    if (req.method === 'GET' && url.pathname === '/api/jobs/') return send(200, [...jobs.values()].map(details))
    if (req.method === 'POST' && url.pathname === '/api/jobs/') {
      let body: Record<string, unknown>
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
      } catch (e) {
        return send(400, `Failed to parse request body: ${String(e)}`, false)
      }
      if (typeof body.entrypoint !== 'string')
        return send(400, `TypeError: entrypoint must be a string, got ${typeof body.entrypoint}`, false)
      const id = typeof body.submission_id === 'string' ? body.submission_id : `raysubmit_${jobs.size + 1}`
      if (jobs.has(id))
        return send(
          400,
          `ValueError: Job with submission_id ${id} already exists. Please use a different submission_id.`,
          false
        )
      const j: StandInJob = {
        submission_id: id,
        status: 'PENDING',
        entrypoint: body.entrypoint,
        message: 'Job has not started yet. It may be waiting for the runtime environment to be set up.',
        start_time: Date.now(),
        end_time: null,
        metadata: (body.metadata as Record<string, string>) ?? {},
        runtime_env: (body.runtime_env as Record<string, unknown>) ?? {},
        entrypoint_num_cpus: (body.entrypoint_num_cpus as number) ?? null,
        entrypoint_num_gpus: (body.entrypoint_num_gpus as number) ?? null,
        driver_exit_code: null,
        logFile: path.join(work, `${id}.log`)
      }
      writeFileSync(j.logFile, '')
      jobs.set(id, j)
      submissions.push(id)
      run(j)
      return send(200, { job_id: id, submission_id: id })
    }
    if (m && !job) return send(404, `Job ${decodeURIComponent(m[1]!)} does not exist`, false)
    if (job && req.method === 'GET' && !m![2]) return send(200, details(job))
    if (job && req.method === 'GET' && m![2] === '/logs') return send(200, { logs: readFileSync(job.logFile, 'utf8') })
    if (job && req.method === 'POST' && m![2] === '/stop') return send(200, { stopped: stop(job) })
    return send(404, 'Not Found', false)
  }
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500)
      res.end(String(e))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    submissions,
    requests,
    close: async () => {
      for (const j of jobs.values()) {
        stop(j)
        j.supervisor?.kill('SIGTERM')
      }
      await new Promise(resolve => server.close(resolve))
    }
  }
}
