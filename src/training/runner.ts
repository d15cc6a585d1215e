import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { StringDecoder } from 'node:string_decoder'
import { ConfigurationError } from '../errors.js'
import { trainerEventSchema, type TrainerEvent } from './contract.js'

/** The process that trains: a command and its arguments, never run through a shell. */
export interface TrainerCommand {
  command: string
  args: string[]
  env?: Record<string, string>
  cwd?: string
}

export interface ProgressView {
  step: number
  totalSteps: number
  loss?: number
  tokensPerSecond?: number
  /** Seconds left, from the pace so far. */
  etaSeconds?: number
}

export interface RunOptions {
  trainer: TrainerCommand
  specPath: string
  eventsPath: string
  /** Wall-clock limit; the trainer is asked to stop (SIGTERM), then killed after `graceMs`. */
  timeoutMs?: number
  /** GPU-seconds budget (wall seconds × GPUs); enforced like the timeout. */
  maxGpuSeconds?: number
  gpuCount: number
  graceMs?: number
  signal?: AbortSignal
  onEvent?: (event: TrainerEvent) => void
  onProgress?: (p: ProgressView) => void
  onWarning?: (message: string) => void
  /** How often events.jsonl is read for new lines. */
  pollMs?: number
  /** Longest events.jsonl line (default MAX_EVENT_LINE_BYTES). */
  maxEventLineBytes?: number
  /** How long the stdio pipes may stay open after the trainer exited (default 2 s). */
  pipeGraceMs?: number
  /**
   * Start the trainer in a PID namespace of its own (see isolationLauncher), so it cannot read this process's
   * environment through /proc; when this machine cannot make one, the run fails saying what is missing.
   */
  isolate?: boolean
}

export type RunStatus = 'done' | 'failed' | 'timeout' | 'budget' | 'cancelled'

export interface RunOutcome {
  status: RunStatus
  exitCode: number | null
  signal: NodeJS.Signals | null
  wallSeconds: number
  gpuSeconds: number
  progress: { step: number; loss?: number; learning_rate?: number; tokens_per_second?: number }[]
  checkpoints: { path: string; step: number }[]
  metrics: { name: string; value: number; step?: number }[]
  stderrTail: string[]
  message: string
}

const STDERR_LINES = 40
/** Characters kept of one stderr line: a trainer can write hundreds of MB without a newline. */
const STDERR_LINE_CHARS = 2000
/** Longest events.jsonl line read; a longer one is reported and skipped. */
export const MAX_EVENT_LINE_BYTES = 1 << 20
/** How long the stdio pipes may stay open after the trainer exited (a process it left behind holds them). */
const PIPE_GRACE_MS = 2000

/**
 * Variables a trainer never gets: the Actions runtime (with ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL it
 * could upload artifacts under any name, a forged cache hit among them), OIDC token requests, GitHub tokens,
 * the action's own inputs, and the files through which a step changes later steps (GITHUB_ENV, GITHUB_PATH...).
 */
const WITHHELD = [
  /^ACTIONS_/,
  /^INPUT_/,
  /^(GITHUB_TOKEN|GH_TOKEN|GITHUB_PAT|GH_ENTERPRISE_TOKEN|GITHUB_ENTERPRISE_TOKEN)$/,
  /^GITHUB_(ENV|PATH|OUTPUT|STATE|STEP_SUMMARY)$/,
  /^TUNEGATE_GITHUB_TOKEN$/
]

/** The environment a trainer starts with: this process's, less what it must not see. */
export function trainerEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(env))
    if (v !== undefined && !WITHHELD.some(r => r.test(k.toUpperCase()))) out[k] = v
  return out
}

/** True when this process's environment holds something a trainer must not see (see WITHHELD). */
export function holdsSecrets(env: NodeJS.ProcessEnv = process.env): boolean {
  return Object.keys(env).some(k => WITHHELD.some(r => r.test(k.toUpperCase())))
}

/**
 * Scrubbing the trainer's own environment is not enough: /proc/<pid>/environ of any process of the same user
 * (this one, the runner's) can be read, tokens included. A trainer started in a PID namespace of its own, with
 * its own /proc, sees no process but its own. util-linux `unshare` makes one: as root directly, otherwise
 * inside a user namespace (which the kernel or AppArmor may refuse to unprivileged users). `sh` is the
 * namespace's first process because that one ignores signals it has no handler for: the trainer, second,
 * gets SIGTERM from the group signal as any process does.
 */
const NAMESPACE = ['--pid', '--fork', '--mount-proc', '--kill-child']
const SIGNAL_SHIM = ['sh', '-c', '"$@"; exit $?', 'tunegate-trainer']
let launcherProbe: { prefix?: string[]; problem?: string } | undefined

/** The `unshare` command line that isolates a trainer here, or why there is none. */
export function isolationLauncher(): { prefix?: string[]; problem?: string } {
  if (launcherProbe) return launcherProbe
  if (process.platform !== 'linux') return (launcherProbe = { problem: `${process.platform} has no PID namespaces` })
  const tries = process.getuid?.() === 0 ? [NAMESPACE] : [['--user', '--map-current-user', ...NAMESPACE]]
  const problems: string[] = []
  for (const flags of tries) {
    const probe = spawnSync('unshare', [...flags, '--', 'true'], {
      encoding: 'utf8',
      timeout: 10_000,
      env: { PATH: process.env.PATH ?? '' }
    })
    if (probe.status === 0) return (launcherProbe = { prefix: ['unshare', ...flags, '--', ...SIGNAL_SHIM] })
    problems.push(
      `unshare ${flags.join(' ')}: ${probe.error?.message ?? (probe.stderr.trim().split('\n').at(-1) || `exit code ${probe.status}`)}`
    )
  }
  return (launcherProbe = { problem: problems.join('; ') })
}

/** "45 s", "2.5 minutes", "3.0 hours": a limit in words. */
export function describeDuration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`
  if (ms < 3_600_000) return `${Math.round(ms / 6000) / 10} minutes`
  return `${(ms / 3_600_000).toFixed(1)} hours`
}

/** GPUs this process may use: CUDA_VISIBLE_DEVICES if set, else `nvidia-smi -L`, else none. */
export function detectGpuCount(env: NodeJS.ProcessEnv = process.env): number {
  const visible = env.CUDA_VISIBLE_DEVICES
  if (visible !== undefined)
    return visible.trim() === '' || visible.trim() === '-1' ? 0 : visible.split(',').filter(s => s.trim()).length
  try {
    return execFileSync('nvidia-smi', ['-L'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 })
      .split('\n')
      .filter(l => l.startsWith('GPU ')).length
  } catch {
    return 0
  }
}

/** The last lines of a stream, each cut to a length: bounded memory, linear in what is written. */
export class StderrTail {
  private readonly lines: string[] = []
  private partial = ''
  private readonly decoder = new StringDecoder('utf8')
  add(chunk: Buffer): void {
    const text = this.decoder.write(chunk)
    let from = 0
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      this.push(this.partial + text.slice(from, Math.min(nl, from + STDERR_LINE_CHARS)))
      this.partial = ''
      from = nl + 1
    }
    // Only the start of an over-long line is kept.
    if (this.partial.length < STDERR_LINE_CHARS)
      this.partial += text.slice(from, from + STDERR_LINE_CHARS - this.partial.length)
  }
  /** The kept lines, the unfinished last one included. */
  result(): string[] {
    return this.partial ? [...this.lines, this.partial] : [...this.lines]
  }
  private push(line: string): void {
    this.lines.push(line.length > STDERR_LINE_CHARS ? line.slice(0, STDERR_LINE_CHARS) : line)
    if (this.lines.length > STDERR_LINES) this.lines.shift()
  }
}

/**
 * Opens a file for reading only if it is a regular file: O_NONBLOCK so that a FIFO left by a trainer cannot
 * block the open, O_NOFOLLOW so a link is not followed, then fstat on the open handle (no race with a rename).
 */
export async function openRegularFile(file: string): Promise<FileHandle> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW)
  try {
    const st = await handle.stat()
    if (!st.isFile())
      throw new ConfigurationError(`${file}: not a regular file; a trainer's outputs must be files and folders`)
    return handle
  } catch (e) {
    await handle.close()
    throw e
  }
}

/**
 * Follows a file as it grows and hands over each complete new line, working on bytes so that a long line
 * costs time in proportion to its length; a line over `maxLineBytes` is reported and skipped.
 */
export class LineFollower {
  private offset = 0
  private parts: Buffer[] = []
  private partBytes = 0
  private overLong = 0
  private lineNo = 0
  private warnedKind = false
  constructor(
    private readonly file: string,
    private readonly maxLineBytes: number,
    private readonly onWarning: (message: string) => void
  ) {}
  async poll(onLine: (line: string, lineNo: number) => void, signal?: AbortSignal): Promise<void> {
    let handle: FileHandle
    try {
      handle = await openRegularFile(this.file)
    } catch (e) {
      if (e instanceof ConfigurationError && !this.warnedKind) {
        this.warnedKind = true
        this.onWarning(e.message)
      }
      return
    }
    try {
      const { size } = await handle.stat()
      if (size < this.offset) {
        this.offset = 0
        this.parts = []
        this.partBytes = 0
        this.overLong = 0
      }
      const buf = Buffer.alloc(Math.min(1 << 20, Math.max(1, size - this.offset)))
      while (this.offset < size && !signal?.aborted) {
        const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, size - this.offset), this.offset)
        if (bytesRead === 0) break
        this.offset += bytesRead
        this.take(buf.subarray(0, bytesRead), onLine)
      }
    } finally {
      await handle.close()
    }
  }
  private take(chunk: Buffer, onLine: (line: string, lineNo: number) => void): void {
    let from = 0
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
      this.append(chunk.subarray(from, nl))
      this.lineNo++
      if (this.overLong)
        this.onWarning(
          `${this.file}:${this.lineNo}: line of ${this.overLong} bytes is over ${this.maxLineBytes} bytes; skipped (expected one event object per line)`
        )
      else {
        const line = Buffer.concat(this.parts, this.partBytes).toString('utf8')
        if (line.trim()) onLine(line, this.lineNo)
      }
      this.parts = []
      this.partBytes = 0
      this.overLong = 0
      from = nl + 1
    }
    this.append(chunk.subarray(from))
  }
  private append(bytes: Buffer): void {
    if (!bytes.length) return
    if (this.overLong) {
      this.overLong += bytes.length
      return
    }
    if (this.partBytes + bytes.length > this.maxLineBytes) {
      this.overLong = this.partBytes + bytes.length
      this.parts = []
      this.partBytes = 0
      return
    }
    // A copy: the read buffer is reused.
    this.parts.push(Buffer.from(bytes))
    this.partBytes += bytes.length
  }
}

/** Turns events.jsonl lines into the outcome's progress, checkpoints and metrics; `done` once it saw one. */
export function eventHandler(
  options: Pick<RunOptions, 'eventsPath' | 'onEvent' | 'onProgress' | 'onWarning'>,
  outcome: RunOutcome,
  started: number
) {
  const state = { done: false }
  const handle = (line: string, lineNo: number) => {
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      options.onWarning?.(`${options.eventsPath}:${lineNo}: not JSON; expected one event object per line`)
      return
    }
    const parsed = trainerEventSchema.safeParse(value)
    if (!parsed.success) {
      options.onWarning?.(
        `${options.eventsPath}:${lineNo}: not a trainer event (${parsed.error.issues.map(i => `${i.path.join('.') || 'type'}: ${i.message}`).join('; ')})`
      )
      return
    }
    const e = parsed.data
    options.onEvent?.(e)
    if (e.type === 'progress') {
      outcome.progress.push({
        step: e.step,
        ...(e.loss !== undefined ? { loss: e.loss } : {}),
        ...(e.learning_rate !== undefined ? { learning_rate: e.learning_rate } : {}),
        ...(e.tokens_per_second !== undefined ? { tokens_per_second: e.tokens_per_second } : {})
      })
      const elapsed = (Date.now() - started) / 1000
      const eta = e.step > 0 ? (elapsed / e.step) * (e.total_steps - e.step) : undefined
      options.onProgress?.({
        step: e.step,
        totalSteps: e.total_steps,
        ...(e.loss !== undefined ? { loss: e.loss } : {}),
        ...(e.tokens_per_second !== undefined ? { tokensPerSecond: e.tokens_per_second } : {}),
        ...(eta !== undefined ? { etaSeconds: eta } : {})
      })
    } else if (e.type === 'checkpoint') outcome.checkpoints.push({ path: e.path, step: e.step })
    else if (e.type === 'metric')
      outcome.metrics.push({ name: e.name, value: e.value, ...(e.step !== undefined ? { step: e.step } : {}) })
    else state.done = true
  }
  return { handle, state }
}

/** Sends a signal to the trainer's whole process group (`accelerate launch` and data loaders start their own). */
function signalGroup(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, sig)
  } catch {
    try {
      child.kill(sig)
    } catch {
      // already gone
    }
  }
}

/**
 * Resolves once the trainer has exited and its stdio pipes closed — or, when a process it left behind (in a
 * session of its own, out of reach of the group signal) holds them open, `pipeGraceMs` after the exit: then
 * the group is killed and the pipes are let go, so the step's wall time stays bounded.
 */
function exitOf(child: ChildProcess, outcome: RunOutcome, pipeGraceMs: number): Promise<void> {
  return new Promise<void>(resolve => {
    let graceTimer: NodeJS.Timeout | undefined
    const finish = () => {
      clearTimeout(graceTimer)
      resolve()
    }
    child.on('error', e => {
      outcome.message = `cannot start the trainer '${child.spawnfile}': ${e.message}`
      finish()
    })
    child.on('exit', (code, signal) => {
      outcome.exitCode = code
      outcome.signal = signal
      graceTimer = setTimeout(() => {
        signalGroup(child, 'SIGKILL')
        child.stdout?.destroy()
        child.stderr?.destroy()
        finish()
      }, pipeGraceMs)
    })
    child.on('close', finish)
  })
}

/** The outcome's status and message, from how the run ended. */
function conclude(options: RunOptions, outcome: RunOutcome, stopReason: RunStatus | undefined, sawDone: boolean): void {
  if (stopReason) {
    outcome.status = stopReason
    outcome.message =
      stopReason === 'timeout'
        ? `the trainer ran past its timeout of ${describeDuration(options.timeoutMs ?? 0)} and was stopped`
        : stopReason === 'budget'
          ? `the trainer used its budget of ${((options.maxGpuSeconds ?? 0) / 3600).toFixed(2)} GPU-hours and was stopped`
          : 'the run was cancelled'
  } else if (outcome.message) outcome.status = 'failed'
  else if (outcome.exitCode === 0 && sawDone) {
    outcome.status = 'done'
    outcome.message = 'the trainer finished'
  } else if (outcome.exitCode === 0) outcome.message = 'the trainer exited without writing a {"type":"done"} event'
  else
    outcome.message = `the trainer failed (${outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode}`})`
}

/**
 * Runs a trainer as a child process in its own process group, with the Actions runtime variables and tokens
 * withheld from its environment; follows its events.jsonl, enforces the timeout and the GPU budget (SIGTERM,
 * then SIGKILL), passes cancellation on, and keeps the last stderr lines for the failure message.
 */
export async function runTrainer(options: RunOptions): Promise<RunOutcome> {
  const started = Date.now()
  const outcome: RunOutcome = {
    status: 'failed',
    exitCode: null,
    signal: null,
    wallSeconds: 0,
    gpuSeconds: 0,
    progress: [],
    checkpoints: [],
    metrics: [],
    stderrTail: [],
    message: ''
  }
  const warn = (m: string) => options.onWarning?.(m)
  const follower = new LineFollower(options.eventsPath, options.maxEventLineBytes ?? MAX_EVENT_LINE_BYTES, warn)
  const events = eventHandler(options, outcome, started)
  let launch = [options.trainer.command, ...options.trainer.args]
  if (options.isolate) {
    const launcher = isolationLauncher()
    if (!launcher.prefix) {
      outcome.message = `the trainer cannot be kept from this job's tokens: ${launcher.problem}. The runner must let it run in a PID namespace of its own (run the job as root, or allow unprivileged user namespaces); see the train action's README`
      return outcome
    }
    launch = [...launcher.prefix, ...launch]
  }
  const child = spawn(launch[0]!, launch.slice(1), {
    cwd: options.trainer.cwd,
    env: { ...trainerEnvironment(), ...options.trainer.env, TUNEGATE_RUN_SPEC: options.specPath },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  const tail = new StderrTail()
  child.stderr?.on('data', (chunk: Buffer) => tail.add(chunk))
  child.stdout?.on('data', () => undefined)

  let stopReason: RunStatus | undefined
  let killTimer: NodeJS.Timeout | undefined
  const stop = (reason: RunStatus) => {
    // Once the trainer has exited, what is left is the wait for its pipes, which exitOf bounds.
    if (stopReason || child.exitCode !== null || child.signalCode !== null) return
    stopReason = reason
    signalGroup(child, 'SIGTERM')
    killTimer = setTimeout(() => signalGroup(child, 'SIGKILL'), options.graceMs ?? 30_000)
  }
  const onAbort = () => stop('cancelled')
  options.signal?.addEventListener('abort', onAbort)
  if (options.signal?.aborted) onAbort()

  const exited = exitOf(child, outcome, options.pipeGraceMs ?? PIPE_GRACE_MS)
  let running = true
  void exited.then(() => (running = false))
  const pollMs = options.pollMs ?? 250
  while (running) {
    await Promise.race([exited, new Promise(r => setTimeout(r, pollMs))])
    await follower.poll(events.handle, options.signal)
    const wall = (Date.now() - started) / 1000
    if (options.timeoutMs !== undefined && wall * 1000 > options.timeoutMs) stop('timeout')
    if (options.maxGpuSeconds !== undefined && options.gpuCount > 0 && wall * options.gpuCount > options.maxGpuSeconds)
      stop('budget')
  }
  if (!options.signal?.aborted) await follower.poll(events.handle, options.signal)
  outcome.stderrTail = tail.result()
  clearTimeout(killTimer)
  options.signal?.removeEventListener('abort', onAbort)
  outcome.wallSeconds = (Date.now() - started) / 1000
  outcome.gpuSeconds = outcome.wallSeconds * options.gpuCount
  conclude(options, outcome, stopReason, events.state.done)
  return outcome
}
