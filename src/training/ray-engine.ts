import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import yazl from 'yazl'
import { ConfigurationError } from '../errors.js'
import type { ModelSpec } from '../registry/schema.js'
import type { RunSpec } from './contract.js'
import { trainersDir } from './backends.js'
import {
  isTerminal,
  RayApiError,
  rayConnectionFromEnv,
  RayJobsClient,
  type RayConnection,
  type RayJob
} from './ray-jobs.js'
import {
  describeDuration,
  eventHandler,
  LineFollower,
  MAX_EVENT_LINE_BYTES,
  openRegularFile,
  runTrainer,
  StderrTail,
  type ProgressView,
  type RunOptions,
  type RunOutcome,
  type RunStatus
} from './runner.js'

/** The `ray` engine of a model.yaml. */
export type RayEngine = Extract<NonNullable<ModelSpec['training']['engine']>, { type: 'ray' }>

/** The manifest the job writes beside its outputs (trainers/ray/tunegate_ray_job.py), in sha256sum's format. */
export const RAY_OUTPUT_MANIFEST = 'tunegate-outputs.sha256'
/** Submissions of one fingerprint: a failed or stopped job is followed by `-retry2`, `-retry3`... up to this. */
const MAX_ATTEMPTS = 20
/** The job's log is fetched whole (Ray's HTTP API has no ranged read); past this size it is no longer streamed. */
const MAX_LOG_BYTES = 16 << 20
/** The manifest is one line per output file. */
const MAX_MANIFEST_BYTES = 1 << 20
/** Failed status requests in a row before the run is given up (a dashboard restart takes a few). */
const MAX_POLL_FAILURES = 10
/** How long a stopped job may take to reach STOPPED after `graceMs` (Ray's own stop waits 3 s, then SIGKILL). */
const STOP_WAIT_MS = 30_000

export interface RayRunOptions {
  engine: RayEngine
  /** The run spec as prepared on the runner (its paths are the runner's; the job gets storage paths). */
  runSpec: RunSpec
  /** The run's folder on the runner, where the verified outputs are copied. */
  outputDir: string
  /** Default: from the environment (RAY_ADDRESS, RAY_AUTH_TOKEN). */
  connection?: RayConnection
  /** Never attach to a finished job of the same fingerprint: submit a new attempt. */
  force?: boolean
  timeoutMs?: number
  maxGpuSeconds?: number
  /** Time the job has to stop after the stop request before the run stops waiting (default 30 s). */
  graceMs?: number
  signal?: AbortSignal
  pollMs?: number
  onProgress?: (p: ProgressView) => void
  onWarning?: (message: string) => void
  /** Lines of the job's log, as they come. */
  onLog?: (line: string) => void
}

/** What a Ray run did, beyond the runner's outcome. */
export interface RayRunOutcome extends RunOutcome {
  submissionId: string
  /** True when an existing job of the same fingerprint was followed instead of a new one submitted. */
  attached: boolean
}

/** The Ray submission id of a fingerprint's `attempt`-th job: the same for a resubmission, so it attaches. */
export function raySubmissionId(model: string, fingerprint: string, attempt = 1): string {
  const base = `tunegate-${model}-${fingerprint.slice(0, 32)}`
  return attempt === 1 ? base : `${base}-retry${attempt}`
}

/**
 * Trains on a Ray cluster through the Ray Jobs REST API: attaches to the running (or finished) job of the same
 * training fingerprint, or stages the data and the trainer in the shared storage and submits one; follows its status,
 * log and events; stops it when the run is cancelled or over its budget; and copies its outputs into `outputDir`
 * once they match the sha256 manifest the job wrote. GPU-seconds are Ray's: (end_time − start_time) ×
 * entrypoint_num_gpus.
 */
export async function runOnRay(run: RayRunOptions): Promise<RayRunOutcome> {
  const client = new RayJobsClient(run.connection ?? (await rayConnectionFromEnv()))
  const warn = (m: string) => run.onWarning?.(m)
  const { job: found, submissionId } = await findOrSubmit(client, run)
  const outcome: RayRunOutcome = {
    status: 'failed',
    exitCode: null,
    signal: null,
    wallSeconds: 0,
    gpuSeconds: 0,
    progress: [],
    checkpoints: [],
    metrics: [],
    stderrTail: [],
    message: '',
    submissionId,
    attached: found !== undefined
  }
  run.onLog?.(
    found
      ? `Attached to Ray job ${submissionId} (${found.status}) on ${client.address}: the same training fingerprint was submitted before`
      : `Submitted Ray job ${submissionId} to ${client.address}`
  )
  const dir = stagingDir(run.engine, submissionId)
  const eventsPath = path.join(dir, 'out', 'events.jsonl')
  const follower = new LineFollower(eventsPath, MAX_EVENT_LINE_BYTES, warn)
  const events = eventHandler({ eventsPath, onProgress: run.onProgress, onWarning: warn }, outcome, Date.now())
  const logs = new LogStream(client, submissionId, run.onLog, warn)
  const job = await follow(client, submissionId, run, { follower, events, logs }, outcome)
  await follower.poll(events.handle)
  await logs.poll()
  outcome.stderrTail = logs.tail()
  charge(job, run.engine, outcome)
  outcome.exitCode = job.driver_exit_code ?? null
  if (outcome.status === 'failed' && !outcome.message) conclude(job, events.state.done, outcome)
  if (outcome.status === 'done') {
    const problems = await collectOutputs(path.join(dir, 'out'), run.outputDir)
    if (problems.length) {
      outcome.status = 'failed'
      outcome.message = `the outputs of Ray job ${submissionId} do not match its manifest:\n${problems.map(p => `  ${p}`).join('\n')}`
    }
  }
  return outcome
}

/** The job's folder in the shared storage: data, the submitted package and the outputs. */
function stagingDir(engine: RayEngine, submissionId: string): string {
  return path.join(engine.storage, submissionId)
}

/**
 * The job to follow: the first attempt of this fingerprint that is pending, running or (unless forced) succeeded;
 * otherwise a new one, submitted under the next free id. Found by GET, never by reading Ray's refusal text; a
 * submission refused because another run submitted the same id a moment before attaches to that one.
 */
async function findOrSubmit(
  client: RayJobsClient,
  run: RayRunOptions
): Promise<{ job?: RayJob; submissionId: string }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const submissionId = raySubmissionId(run.runSpec.model, run.runSpec.fingerprint, attempt)
    const job = await client.job(submissionId)
    if (job) {
      const reusable =
        job.status === 'PENDING' || job.status === 'RUNNING' || (job.status === 'SUCCEEDED' && !run.force)
      if (reusable) return { job, submissionId }
      continue
    }
    const request = await stage(run, submissionId)
    try {
      await client.submit(request)
      return { submissionId }
    } catch (e) {
      const raced = e instanceof RayApiError && e.status === 400 ? await client.job(submissionId) : undefined
      if (raced) return { job: raced, submissionId }
      throw e
    }
  }
  throw new ConfigurationError(
    `model '${run.runSpec.model}': ${MAX_ATTEMPTS} Ray jobs of fingerprint ${run.runSpec.fingerprint.slice(0, 12)} failed or were stopped; ` +
      `expected one to succeed (their logs: ray job logs ${raySubmissionId(run.runSpec.model, run.runSpec.fingerprint)}...)`
  )
}

/**
 * Writes the job's inputs into the shared storage — the data, and a zip of the run spec, the trainer and the
 * entrypoint that Ray unpacks as the job's working_dir (a file:// URI, which Ray's runtime_env accepts) — and
 * returns the submission. No job has this id yet, so nothing reads the folder that is replaced.
 */
async function stage(run: RayRunOptions, submissionId: string) {
  const dir = stagingDir(run.engine, submissionId)
  await rm(dir, { recursive: true, force: true })
  await mkdir(path.join(dir, 'data'), { recursive: true })
  await mkdir(path.join(dir, 'out'), { recursive: true })
  const trainFile = path.join(dir, 'data', 'train.jsonl')
  const evalFile = path.join(dir, 'data', 'eval.jsonl')
  await copyFile(run.runSpec.train_file, trainFile)
  await copyFile(run.runSpec.eval_file, evalFile)
  const spec: RunSpec = {
    ...run.runSpec,
    train_file: trainFile,
    eval_file: evalFile,
    output_dir: path.join(dir, 'out'),
    // A new attempt starts afresh: a failed attempt's checkpoints are in its own folder.
    resume_from_checkpoint: null
  }
  const zipFile = path.join(dir, 'package.zip')
  await writePackage(zipFile, spec)
  return {
    entrypoint: 'python tunegate_ray_job.py',
    submission_id: submissionId,
    runtime_env: {
      working_dir: `file://${zipFile}`,
      env_vars: { TUNEGATE_RUN_SPEC: 'run-spec.json', TUNEGATE_RAY_GPUS: String(run.engine.gpus) }
    },
    metadata: { tunegate_model: spec.model, tunegate_training_fingerprint: spec.fingerprint },
    entrypoint_num_gpus: run.engine.gpus,
    ...(run.engine.cpus !== undefined ? { entrypoint_num_cpus: run.engine.cpus } : {})
  }
}

/** The job's working_dir: the entrypoint, the hf-peft trainer (without its tests) and the run spec. */
async function writePackage(zipFile: string, spec: RunSpec): Promise<void> {
  const zip = new yazl.ZipFile()
  zip.addFile(path.join(trainersDir(), 'ray', 'tunegate_ray_job.py'), 'tunegate_ray_job.py')
  const trainer = path.join(trainersDir(), 'hf-peft')
  for (const e of await readdir(trainer, { withFileTypes: true }))
    if (e.isFile()) zip.addFile(path.join(trainer, e.name), `hf-peft/${e.name}`)
  zip.addBuffer(Buffer.from(JSON.stringify(spec, null, 2)), 'run-spec.json')
  zip.end()
  await pipeline(zip.outputStream, createWriteStream(zipFile))
}

/** Streams the job's log: each new line once, the last ones kept for a failure message. */
class LogStream {
  private printed = 0
  private over = false
  private readonly tailLines = new StderrTail()
  constructor(
    private readonly client: RayJobsClient,
    private readonly submissionId: string,
    private readonly onLog: ((line: string) => void) | undefined,
    private readonly warn: (m: string) => void
  ) {}
  async poll(): Promise<void> {
    if (this.over) return
    let logs: string
    try {
      logs = await this.client.logs(this.submissionId, MAX_LOG_BYTES)
    } catch (e) {
      if (!(e instanceof RayApiError) || e.status === 0) return
      this.over = true
      this.warn(`the log of Ray job ${this.submissionId} is no longer streamed: ${e.message}`)
      return
    }
    // Only whole lines are passed on; the unfinished last one waits for the next poll.
    const end = logs.lastIndexOf('\n') + 1
    if (end <= this.printed) return
    const fresh = logs.slice(this.printed, end)
    this.printed = end
    this.tailLines.add(Buffer.from(fresh))
    for (const line of fresh.split('\n').slice(0, -1)) this.onLog?.(line)
  }
  tail(): string[] {
    return this.tailLines.result()
  }
}

/**
 * Polls the job until it is terminal, streaming its log and events; stops it (POST stop) when the run is cancelled,
 * past its timeout or over its GPU-seconds budget, and then waits a bounded time for Ray to say STOPPED.
 */
async function follow(
  client: RayJobsClient,
  submissionId: string,
  run: RayRunOptions,
  streams: {
    follower: LineFollower
    events: ReturnType<typeof eventHandler>
    logs: LogStream
  },
  outcome: RayRunOutcome
): Promise<RayJob> {
  const started = Date.now()
  const pollMs = run.pollMs ?? 1000
  let stopReason: RunStatus | undefined
  let stopAt = 0
  let failures = 0
  let last: RayJob | undefined
  const sleep = () =>
    new Promise<void>(resolve => {
      const wake = () => {
        clearTimeout(timer)
        run.signal?.removeEventListener('abort', wake)
        resolve()
      }
      const timer = setTimeout(wake, pollMs)
      run.signal?.addEventListener('abort', wake, { once: true })
    })
  for (;;) {
    let job: RayJob | undefined
    try {
      job = await client.job(submissionId)
      failures = 0
      last = job
    } catch (e) {
      if (!(e instanceof RayApiError) || e.status !== 0 || ++failures >= MAX_POLL_FAILURES) throw e
      run.onWarning?.(`${e.message}; trying again`)
    }
    if (job === undefined && failures === 0)
      throw new ConfigurationError(`Ray job ${submissionId} is gone from ${client.address} (deleted while followed)`)
    await streams.logs.poll()
    await streams.follower.poll(streams.events.handle)
    if (job && isTerminal(job.status)) {
      if (stopReason) {
        outcome.status = stopReason
        outcome.message = stopMessage(stopReason, run, submissionId)
      }
      return job
    }
    const reason = !job
      ? undefined
      : run.signal?.aborted
        ? 'cancelled'
        : run.timeoutMs !== undefined && Date.now() - started > run.timeoutMs
          ? 'timeout'
          : run.maxGpuSeconds !== undefined && gpuSecondsSoFar(job, run.engine) > run.maxGpuSeconds
            ? 'budget'
            : undefined
    if (reason && !stopReason) {
      stopReason = reason
      stopAt = Date.now()
      run.onLog?.(`Stopping Ray job ${submissionId}: ${stopMessage(reason, run, submissionId)}`)
      await client.stop(submissionId)
    }
    if (stopReason && last && Date.now() - stopAt > (run.graceMs ?? 0) + STOP_WAIT_MS) {
      outcome.status = stopReason
      outcome.message = `${stopMessage(stopReason, run, submissionId)}, but Ray did not report it stopped within ${describeDuration((run.graceMs ?? 0) + STOP_WAIT_MS)}`
      return last
    }
    await sleep()
  }
}

function stopMessage(reason: RunStatus, run: RayRunOptions, submissionId: string): string {
  if (reason === 'timeout')
    return `the Ray job ran past its timeout of ${describeDuration(run.timeoutMs ?? 0)} and was stopped`
  if (reason === 'budget')
    return `the Ray job used its budget of ${((run.maxGpuSeconds ?? 0) / 3600).toFixed(2)} GPU-hours and was stopped`
  return `the run was cancelled; Ray job ${submissionId} was stopped`
}

/** GPUs the job holds: its entrypoint_num_gpus as Ray reports it, else the engine's. */
function jobGpus(job: RayJob, engine: RayEngine): number {
  return job.entrypoint_num_gpus ?? engine.gpus
}

function gpuSecondsSoFar(job: RayJob, engine: RayEngine): number {
  if (!job.start_time) return 0
  return ((Date.now() - job.start_time) / 1000) * jobGpus(job, engine)
}

/** Wall and GPU seconds from Ray's own start and end times (ms) and the GPUs reserved for the entrypoint. */
function charge(job: RayJob, engine: RayEngine, outcome: RunOutcome): void {
  if (!job.start_time) return
  const end = job.end_time ?? Date.now()
  outcome.wallSeconds = Math.max(0, (end - job.start_time) / 1000)
  outcome.gpuSeconds = outcome.wallSeconds * jobGpus(job, engine)
}

function conclude(job: RayJob, sawDone: boolean, outcome: RayRunOutcome): void {
  const said = job.message ? `: ${job.message}` : ''
  if (job.status === 'SUCCEEDED' && sawDone) {
    outcome.status = 'done'
    outcome.message = 'the Ray job finished'
  } else if (job.status === 'SUCCEEDED')
    outcome.message = `Ray job ${outcome.submissionId} succeeded without a {"type":"done"} event in its events.jsonl`
  else if (job.status === 'STOPPED')
    outcome.message = `Ray job ${outcome.submissionId} was stopped outside this run${said}`
  else outcome.message = `Ray job ${outcome.submissionId} failed${said}`
}

/** sha256 of a file, streamed. */
async function fileDigest(file: string): Promise<string> {
  const handle = await openRegularFile(file)
  try {
    const hash = createHash('sha256')
    for await (const chunk of handle.createReadStream({ highWaterMark: 1 << 20, autoClose: false }))
      hash.update(chunk as Buffer)
    return hash.digest('hex')
  } finally {
    await handle.close()
  }
}

/** The manifest's lines, `<sha256>  <relative path>`; a malformed line is named with its number. */
export function parseOutputManifest(text: string, where: string): Map<string, string> {
  const files = new Map<string, string>()
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line)
    const rel = m?.[2]
    if (!m || !rel || path.isAbsolute(rel) || rel.split('/').some(p => p === '..' || p === '' || p === '.'))
      throw new ConfigurationError(
        `${where}:${i + 1}: expected '<sha256>  <relative path>' (sha256sum's format), got '${line.slice(0, 200)}'`
      )
    files.set(rel, m[1]!)
  })
  return files
}

/**
 * Copies the job's outputs into the run's folder and checks each copy against the manifest the job wrote: a file
 * whose digest differs is named with both digests; a listed file that is missing, or an adapter file that is not
 * listed, is a problem too. The copies are what is checked, so what is used is what was verified.
 */
export async function collectOutputs(from: string, to: string): Promise<string[]> {
  const manifestFile = path.join(from, RAY_OUTPUT_MANIFEST)
  let text: string
  try {
    const handle = await openRegularFile(manifestFile)
    try {
      const { size } = await handle.stat()
      if (size > MAX_MANIFEST_BYTES)
        return [`${manifestFile}: ${size} bytes, over the ${MAX_MANIFEST_BYTES} bytes of a manifest`]
      text = await handle.readFile('utf8')
    } finally {
      await handle.close()
    }
  } catch (e) {
    if (e instanceof ConfigurationError) return [e.message]
    return [`${manifestFile}: missing; the job writes it when its trainer succeeded`]
  }
  let listed: Map<string, string>
  try {
    listed = parseOutputManifest(text, manifestFile)
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)]
  }
  const problems: string[] = []
  for (const stale of ['adapter', 'predictions.jsonl', 'events.jsonl'])
    await rm(path.join(to, stale), { recursive: true, force: true })
  for (const [rel, expected] of listed) {
    const target = path.join(to, rel)
    try {
      await mkdir(path.dirname(target), { recursive: true })
      await copyFile(path.join(from, rel), target)
    } catch {
      problems.push(`${rel}: listed in ${RAY_OUTPUT_MANIFEST} but missing from ${from}`)
      continue
    }
    const actual = await fileDigest(target)
    if (actual !== expected) problems.push(`${rel}: sha256 ${actual}, but ${RAY_OUTPUT_MANIFEST} says ${expected}`)
  }
  for (const rel of await listFiles(path.join(from, 'adapter'), 'adapter'))
    if (!listed.has(rel)) problems.push(`${rel}: in ${from} but not listed in ${RAY_OUTPUT_MANIFEST}`)
  await writeFile(path.join(to, RAY_OUTPUT_MANIFEST), text)
  return problems
}

async function listFiles(dir: string, rel: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return []
  }
  const out: string[] = []
  for (const e of entries)
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), `${rel}/${e.name}`)))
    else out.push(`${rel}/${e.name}`)
  return out
}

/**
 * The function that runs a trainer: runTrainer on this runner, or, with a `ray` engine, runOnRay given the same
 * limits, cancellation and progress callbacks.
 */
export function trainOn(
  engine: RayEngine | undefined,
  run: Pick<RayRunOptions, 'runSpec' | 'outputDir' | 'force' | 'onLog'>
): (o: RunOptions) => Promise<RunOutcome> {
  if (!engine) return runTrainer
  return o =>
    runOnRay({
      engine,
      ...run,
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.maxGpuSeconds !== undefined ? { maxGpuSeconds: o.maxGpuSeconds } : {}),
      ...(o.graceMs !== undefined ? { graceMs: o.graceMs } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      ...(o.onWarning ? { onWarning: o.onWarning } : {})
    })
}
