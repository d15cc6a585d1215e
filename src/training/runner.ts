import { spawn } from 'node:child_process'
import { open } from 'node:fs/promises'
import { execFileSync } from 'node:child_process'
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

/** Follows a file as it grows and hands over each complete new line. */
class LineFollower {
  private offset = 0
  private partial = ''
  private lineNo = 0
  constructor(private readonly file: string) {}
  async poll(onLine: (line: string, lineNo: number) => void): Promise<void> {
    let handle
    try {
      handle = await open(this.file, 'r')
    } catch {
      return
    }
    try {
      const { size } = await handle.stat()
      if (size < this.offset) {
        this.offset = 0
        this.partial = ''
      }
      while (this.offset < size) {
        const buf = Buffer.alloc(Math.min(1 << 20, size - this.offset))
        const { bytesRead } = await handle.read(buf, 0, buf.length, this.offset)
        if (bytesRead === 0) break
        this.offset += bytesRead
        const text = this.partial + buf.subarray(0, bytesRead).toString('utf8')
        const lines = text.split('\n')
        this.partial = lines.pop() ?? ''
        for (const l of lines) {
          this.lineNo++
          if (l.trim()) onLine(l, this.lineNo)
        }
      }
    } finally {
      await handle.close()
    }
  }
}

/**
 * Runs a trainer as a child process in its own process group, follows its events.jsonl, enforces the
 * timeout and the GPU budget (SIGTERM, then SIGKILL), passes cancellation on, and keeps the last
 * stderr lines for the failure message.
 */
export async function runTrainer(o: RunOptions): Promise<RunOutcome> {
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
  let sawDone = false
  let stopReason: RunStatus | undefined
  const follower = new LineFollower(o.eventsPath)
  const handleLine = (line: string, lineNo: number) => {
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      o.onWarning?.(`${o.eventsPath}:${lineNo}: not JSON; expected one event object per line`)
      return
    }
    const parsed = trainerEventSchema.safeParse(value)
    if (!parsed.success) {
      o.onWarning?.(
        `${o.eventsPath}:${lineNo}: not a trainer event (${parsed.error.issues.map(i => `${i.path.join('.') || 'type'}: ${i.message}`).join('; ')})`
      )
      return
    }
    const e = parsed.data
    o.onEvent?.(e)
    if (e.type === 'progress') {
      outcome.progress.push({
        step: e.step,
        ...(e.loss !== undefined ? { loss: e.loss } : {}),
        ...(e.learning_rate !== undefined ? { learning_rate: e.learning_rate } : {}),
        ...(e.tokens_per_second !== undefined ? { tokens_per_second: e.tokens_per_second } : {})
      })
      const elapsed = (Date.now() - started) / 1000
      const eta = e.step > 0 ? (elapsed / e.step) * (e.total_steps - e.step) : undefined
      o.onProgress?.({
        step: e.step,
        totalSteps: e.total_steps,
        ...(e.loss !== undefined ? { loss: e.loss } : {}),
        ...(e.tokens_per_second !== undefined ? { tokensPerSecond: e.tokens_per_second } : {}),
        ...(eta !== undefined ? { etaSeconds: eta } : {})
      })
    } else if (e.type === 'checkpoint') outcome.checkpoints.push({ path: e.path, step: e.step })
    else if (e.type === 'metric')
      outcome.metrics.push({ name: e.name, value: e.value, ...(e.step !== undefined ? { step: e.step } : {}) })
    else sawDone = true
  }

  const child = spawn(o.trainer.command, o.trainer.args, {
    cwd: o.trainer.cwd,
    env: { ...process.env, ...o.trainer.env, TUNEGATE_RUN_SPEC: o.specPath },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  let stderrBuffer = ''
  const keep = (chunk: Buffer) => {
    stderrBuffer += chunk.toString('utf8')
    const lines = stderrBuffer.split('\n')
    stderrBuffer = lines.pop() ?? ''
    outcome.stderrTail.push(...lines)
    if (outcome.stderrTail.length > STDERR_LINES) outcome.stderrTail.splice(0, outcome.stderrTail.length - STDERR_LINES)
  }
  child.stderr.on('data', keep)
  child.stdout.on('data', () => undefined)

  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      // The whole group: `accelerate launch` and data loaders start processes of their own.
      if (child.pid) process.kill(-child.pid, sig)
    } catch {
      try {
        child.kill(sig)
      } catch {
        // already gone
      }
    }
  }
  let killTimer: NodeJS.Timeout | undefined
  const stop = (reason: RunStatus) => {
    if (stopReason) return
    stopReason = reason
    signalGroup('SIGTERM')
    killTimer = setTimeout(() => signalGroup('SIGKILL'), o.graceMs ?? 30_000)
  }
  const onAbort = () => stop('cancelled')
  o.signal?.addEventListener('abort', onAbort)
  if (o.signal?.aborted) onAbort()

  const exited = new Promise<void>(resolve => {
    child.on('error', e => {
      outcome.message = `cannot start the trainer '${o.trainer.command}': ${e.message}`
      resolve()
    })
    child.on('close', (code, signal) => {
      outcome.exitCode = code
      outcome.signal = signal
      resolve()
    })
  })
  let running = true
  void exited.then(() => (running = false))
  const pollMs = o.pollMs ?? 250
  while (running) {
    await Promise.race([exited, new Promise(r => setTimeout(r, pollMs))])
    await follower.poll(handleLine)
    const wall = (Date.now() - started) / 1000
    if (o.timeoutMs !== undefined && wall * 1000 > o.timeoutMs) stop('timeout')
    if (o.maxGpuSeconds !== undefined && o.gpuCount > 0 && wall * o.gpuCount > o.maxGpuSeconds) stop('budget')
  }
  await follower.poll(handleLine)
  if (stderrBuffer) outcome.stderrTail.push(stderrBuffer)
  clearTimeout(killTimer)
  o.signal?.removeEventListener('abort', onAbort)
  outcome.wallSeconds = (Date.now() - started) / 1000
  outcome.gpuSeconds = outcome.wallSeconds * o.gpuCount
  if (stopReason) {
    outcome.status = stopReason
    outcome.message =
      stopReason === 'timeout'
        ? `the trainer ran past its timeout of ${((o.timeoutMs ?? 0) / 60000).toFixed(1)} minutes and was stopped`
        : stopReason === 'budget'
          ? `the trainer used its budget of ${((o.maxGpuSeconds ?? 0) / 3600).toFixed(2)} GPU-hours and was stopped`
          : 'the run was cancelled'
  } else if (outcome.message) outcome.status = 'failed'
  else if (outcome.exitCode === 0 && sawDone) {
    outcome.status = 'done'
    outcome.message = 'the trainer finished'
  } else if (outcome.exitCode === 0) outcome.message = 'the trainer exited without writing a {"type":"done"} event'
  else
    outcome.message = `the trainer failed (${outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode}`})`
  return outcome
}
