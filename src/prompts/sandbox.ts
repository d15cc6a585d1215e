import { readFile } from 'node:fs/promises'
import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { isMainThread } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import { ConfigurationError } from '../errors.js'
import { LineIndex } from '../registry/source-text.js'
import { compileTemplate, render } from './template.js'

/** Time, memory and output a template may take per row, in a process the caller can end. */
export interface TemplateLimits {
  /** Milliseconds one row's rendering may take. */
  timeMs: number
  /** The sandbox process's heap (V8 old generation), in MiB. */
  memoryMb: number
  /** Characters one row's rendering may have: a huge output is built cheaply as a rope, and copying it out would not be. */
  outputChars: number
}

/** Defaults: a sound template renders a row in microseconds and a few MiB; rows can be max_line_bytes long. */
export function defaultTemplateLimits(maxLineBytes: number): TemplateLimits {
  return {
    timeMs: Number(process.env.TUNEGATE_TEMPLATE_TIME_MS) || 2000,
    memoryMb:
      Number(process.env.TUNEGATE_TEMPLATE_MEMORY_MB) || Math.max(128, Math.ceil((8 * maxLineBytes) / 2 ** 20) + 64),
    outputChars: 4 * maxLineBytes
  }
}

export type RenderOutcome = { ok: true; text: string } | { ok: false; message: string }
/** A rendering measured in the sandbox: its length in characters, without the text crossing back. */
export type MeasureOutcome = { ok: true; length: number } | { ok: false; message: string }

/** A template that ran past its time or memory limit on a row; `row` is the row's index in the batch. */
export class TemplateLimitError extends ConfigurationError {
  constructor(
    message: string,
    readonly row: number
  ) {
    super(message)
    this.name = 'TemplateLimitError'
  }
}

/** Set in the environment of a sandbox process, so the shared worker entry serves templates. */
const SANDBOX_ENV = 'TUNEGATE_TEMPLATE_SANDBOX'

/**
 * The sandbox script: the TypeScript bootstrap from sources; in an ncc bundle the action's worker bundle
 * (dist/<action>/worker/index.js), which is this very file when the caller is itself a worker thread.
 */
export function workerScriptUrl(moduleUrl: string): URL {
  if (moduleUrl.endsWith('.ts')) return new URL('../data/row-worker.bootstrap.mjs', moduleUrl)
  return isMainThread ? new URL('./worker/index.js', moduleUrl) : new URL(moduleUrl)
}

/** True in a process started as a template sandbox (see serveRangeTasks). */
export function isTemplateSandbox(): boolean {
  return process.env[SANDBOX_ENV] === '1' && typeof process.send === 'function' && isMainThread
}

type ToSandbox = { source: string; outputChars: number } | { rows: Record<string, unknown>[]; text: boolean }
type FromSandbox = { ready: true } | { results: RenderOutcome[] | MeasureOutcome[] } | { tooLong: number; row: number }

/** The sandbox side: compiles the template once, then answers each batch of rows with their renderings (or lengths). */
export function serveTemplateRenders(): void {
  let compiled: ReturnType<typeof compileTemplate> | undefined
  let outputChars = 0
  const send = (m: FromSandbox): void => void process.send!(m)
  process.on('disconnect', () => process.exit(0))
  process.on('message', (m: ToSandbox) => {
    if ('source' in m) {
      compiled = compileTemplate(m.source)
      outputChars = m.outputChars
      return send({ ready: true })
    }
    const results: (RenderOutcome | MeasureOutcome)[] = []
    for (let i = 0; i < m.rows.length; i++) {
      const r = compiled?.ok ? render(compiled.prompt, m.rows[i]!) : { ok: false as const, message: 'no template' }
      // The length of a rope is known without flattening it; sending it would flatten it.
      if (r.ok && r.text.length > outputChars) return send({ tooLong: r.text.length, row: i })
      results.push(r.ok && !m.text ? { ok: true, length: r.text.length } : r)
    }
    return send({ results } as FromSandbox)
  })
}

/** Milliseconds a sandbox may take to start (load the template engine) before it counts as failed. */
const START_MS = 60_000

/**
 * Renders a prompt template in a separate process with a heap limit, and ends it when a batch of rows takes
 * longer than the time limit: a template from a pull request can loop (nested range()), recurse (a macro
 * calling itself twice per level) or allocate (tojson(indent=100000000)) without end, which no static check
 * of the template catches in full. A process, not a worker thread: V8 ends the whole process when a worker
 * thread's single allocation passes its heap limit. The sandbox starts on first use and again after a limit
 * ended it; a batch that hits a limit is rendered again row by row to name the row.
 */
export class TemplateSandbox {
  private child: Promise<ChildProcess> | undefined
  /** Batches run one at a time (several threads may share a sandbox): a batch's time starts when it is sent. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly source: string,
    private readonly limits: TemplateLimits,
    /** Named in the limit messages: the template's file and line. */
    private readonly where: string
  ) {}

  /** Renders each row; throws TemplateLimitError when a row runs past a limit. */
  renderAll(rows: Record<string, unknown>[]): Promise<RenderOutcome[]> {
    return this.queued(rows, true) as Promise<RenderOutcome[]>
  }

  /**
   * Each row's rendered length, the text left in the sandbox (the data checks need only the length); rows with
   * the same variables as one measured before are answered from a bounded cache without crossing to the sandbox
   * (a registry-wide change checks many models whose prompt and rows are the same). Throws TemplateLimitError as
   * renderAll does.
   */
  async measureAll(rows: Record<string, unknown>[]): Promise<MeasureOutcome[]> {
    const keys = rows.map(cacheKey)
    const out: (MeasureOutcome | undefined)[] = keys.map(k => (k === undefined ? undefined : this.measured.get(k)))
    // The rows to send, each distinct key once; `from` maps each row still without an answer to its place in them.
    const send: number[] = []
    const from = new Map<number, number>()
    const sentKey = new Map<string, number>()
    for (let i = 0; i < rows.length; i++) {
      if (out[i]) continue
      const key = keys[i]
      const earlier = key === undefined ? undefined : sentKey.get(key)
      if (earlier !== undefined) from.set(i, earlier)
      else {
        if (key !== undefined) sentKey.set(key, send.length)
        from.set(i, send.length)
        send.push(i)
      }
    }
    if (send.length) {
      let fresh: MeasureOutcome[]
      try {
        fresh = (await this.queued(
          send.map(i => rows[i]!),
          false
        )) as MeasureOutcome[]
      } catch (e) {
        // The row is named by its place in the caller's batch.
        throw e instanceof TemplateLimitError ? new TemplateLimitError(e.message, send[e.row] ?? 0) : e
      }
      for (const [i, j] of from) out[i] = fresh[j]!
      send.forEach((i, j) => {
        const key = keys[i]
        if (key !== undefined) this.remember(key, fresh[j]!)
      })
    }
    return out as MeasureOutcome[]
  }

  /** Rows sent to the sandbox process so far (the measure cache answers the others). */
  get rowsSent(): number {
    return this.sent
  }
  private sent = 0

  /** Characters of keys the measure cache holds at most (16 MiB of text, 20-odd MB with the map). */
  static readonly CACHE_CHARS = 16 * 2 ** 20
  private readonly measured = new Map<string, MeasureOutcome>()
  private measuredChars = 0

  /** Keeps an outcome; past CACHE_CHARS the oldest go first. */
  private remember(key: string, outcome: MeasureOutcome): void {
    if (key.length > TemplateSandbox.CACHE_CHARS / 64 || this.measured.has(key)) return
    this.measured.set(key, outcome)
    this.measuredChars += key.length
    for (const old of this.measured.keys()) {
      if (this.measuredChars <= TemplateSandbox.CACHE_CHARS) break
      this.measured.delete(old)
      this.measuredChars -= old.length
    }
  }

  private queued(rows: Record<string, unknown>[], text: boolean): Promise<RenderOutcome[] | MeasureOutcome[]> {
    this.pending++
    const done = this.queue.then(() => this.renderNow(rows, text))
    this.queue = done
      .catch(() => undefined)
      .finally(() => {
        if (--this.pending === 0 && this.released) void this.end()
      })
    return done
  }

  /** Batches queued or running. */
  private pending = 0
  /** Set by release(): the process ends whenever no batch is queued. */
  private released = false

  /**
   * Ends the process as soon as no batch is queued, and again after any later batch: for a sandbox its owner no
   * longer keeps (one per template, and a registry-wide change meets hundreds of templates), whose caller may
   * still have batches in flight. A later batch still renders (the process starts again).
   */
  release(): void {
    this.released = true
    if (this.pending === 0) void this.end()
  }

  private async renderNow(rows: Record<string, unknown>[], text: boolean): Promise<RenderOutcome[] | MeasureOutcome[]> {
    if (!rows.length) return []
    try {
      return await this.batch(rows, text)
    } catch (e) {
      if (!(e instanceof TemplateLimitError) || rows.length === 1) throw e
    }
    const out: (RenderOutcome | MeasureOutcome)[] = []
    for (let i = 0; i < rows.length; i++) {
      try {
        out.push(...(await this.batch([rows[i]!], text)))
      } catch (e) {
        throw e instanceof TemplateLimitError ? new TemplateLimitError(e.message, i) : e
      }
    }
    return out as RenderOutcome[] | MeasureOutcome[]
  }

  /** Starts the sandbox process now, without waiting for it: a start that fails is reported by the next render. */
  warm(): void {
    this.start().catch(() => undefined)
  }

  /** Ends the sandbox process; a later render starts a new one. */
  async end(): Promise<void> {
    const c = this.child
    this.child = undefined
    if (!c) return
    const child = await c.catch(() => undefined)
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = once(child, 'exit')
      // An idle sandbox is unreferenced; the wait for its exit must keep the process alive.
      child.ref()
      child.kill('SIGKILL')
      await gone
    }
  }

  private async batch(rows: Record<string, unknown>[], text: boolean): Promise<RenderOutcome[] | MeasureOutcome[]> {
    const child = await this.start()
    return new Promise<RenderOutcome[] | MeasureOutcome[]>((resolve, reject) => {
      let settled = false
      // The caller's thread may be busy when the time is up, with the answer already waiting in the channel:
      // the check phase comes after the poll phase, which reads it, so an answer in time is never taken for late.
      const timer = setTimeout(
        () =>
          setImmediate(() => {
            if (settled) return
            settle()
            void this.end()
            reject(this.limitError(`ran past its time limit of ${seconds(this.limits.timeMs)}`, 0))
          }),
        this.limits.timeMs
      )
      const onMessage = (m: FromSandbox) => {
        settle()
        if ('results' in m) resolve(m.results)
        else if ('tooLong' in m)
          reject(
            this.limitError(
              `renders one row as ${m.tooLong} characters, past its output limit of ${this.limits.outputChars}`,
              m.row
            )
          )
      }
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        settle()
        this.child = undefined
        // V8 aborts a process whose heap passes its limit.
        reject(
          signal === 'SIGABRT' || signal === 'SIGTRAP' || code === 134 || code === 133
            ? this.limitError(`ran past its memory limit of ${this.limits.memoryMb} MiB`, 0)
            : new Error(`the prompt template sandbox exited (${signal ?? `exit code ${code}`})`)
        )
      }
      const settle = () => {
        settled = true
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
        child.unref()
        child.channel?.unref()
      }
      child.ref()
      child.channel?.ref()
      child.on('message', onMessage)
      child.once('exit', onExit)
      this.sent += rows.length
      child.send({ rows, text } satisfies ToSandbox)
    })
  }

  private limitError(what: string, row: number): TemplateLimitError {
    const expected = what.includes('time') ? 'work' : 'output'
    return new TemplateLimitError(
      `the prompt template (${this.where}) ${what} on one row; expected a template whose ${expected} is bounded by the row`,
      row
    )
  }

  private start(): Promise<ChildProcess> {
    this.child ??= new Promise<ChildProcess>((resolve, reject) => {
      const child = fork(fileURLToPath(workerScriptUrl(import.meta.url)), [], {
        execArgv: [`--max-old-space-size=${this.limits.memoryMb}`],
        env: { ...process.env, [SANDBOX_ENV]: '1' },
        // V8's report of an exhausted heap is not the user's business; the limit message says it.
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        serialization: 'advanced'
      })
      const timer = setTimeout(() => fail(new Error('the prompt template sandbox did not start')), START_MS)
      const fail = (e: Error) => {
        clearTimeout(timer)
        child.kill('SIGKILL')
        this.child = undefined
        reject(e)
      }
      child.once('error', fail)
      child.once('exit', code => fail(new Error(`the prompt template sandbox exited on start (exit code ${code})`)))
      child.once('message', () => {
        clearTimeout(timer)
        child.removeAllListeners('exit')
        child.removeAllListeners('error')
        child.on('error', () => undefined)
        // Idle, it keeps nobody waiting (a batch holds it while it runs): a sandbox started early and never
        // used must not keep the process alive.
        child.unref()
        child.channel?.unref()
        resolve(child)
      })
      child.send({ source: this.source, outputChars: this.limits.outputChars } satisfies ToSandbox)
    })
    return this.child
  }
}

/**
 * A row's variables as a cache key: JSON, which tells apart every value a JSON row holds; undefined (not cached)
 * for a row with a value JSON would blur — a bigint (JSON has none) or -0 (written as 0, yet 1/-0 renders apart).
 * Strings, most rows' values, are not walked.
 */
function cacheKey(variables: Record<string, unknown>): string | undefined {
  for (const name in variables) {
    const v = variables[name]
    if (typeof v !== 'string' && !exactInJson(v)) return undefined
  }
  return JSON.stringify(variables)
}

/** Whether JSON writes a value so that no other value has the same text (see cacheKey). */
function exactInJson(v: unknown): boolean {
  if (typeof v === 'bigint') return false
  if (typeof v === 'number') return !Object.is(v, -0)
  if (Array.isArray(v)) return v.every(exactInJson)
  if (v !== null && typeof v === 'object') return Object.values(v).every(exactInJson)
  return true
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${ms / 1000} s`)

/** `file:line` of a loaded prompt's `template:` key: the line the loader found, else read from the file. */
export async function promptTemplateLocation(prompt: {
  file: { absolute: string; display: string }
  templateLine?: number
}): Promise<string> {
  if (prompt.templateLine !== undefined) return `${prompt.file.display}:${prompt.templateLine}`
  return templateLocation(prompt.file.absolute, prompt.file.display)
}

/** `file:line` of the `template:` key of a prompt file, for messages (the file alone when it cannot be found). */
export async function templateLocation(absolute: string, display: string): Promise<string> {
  try {
    const text = await readFile(absolute, 'utf8')
    // Loaded here only: the sandbox and data-checking threads, which share this module, never need it.
    const { parseDocument } = await import('yaml')
    const doc = parseDocument(text)
    const pair = doc.contents && 'items' in doc.contents ? doc.contents.items : []
    for (const item of pair as { key?: { value?: unknown; range?: [number, number, number] } }[])
      if (item.key?.value === 'template' && item.key.range)
        return `${display}:${new LineIndex(text).position(item.key.range[0]).line}`
  } catch {
    // the loader reported the file already
  }
  return display
}
