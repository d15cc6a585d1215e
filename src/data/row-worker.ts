import { availableParallelism } from 'node:os'
import { ConfigurationError, isUserError } from '../errors.js'
import { fileURLToPath } from 'node:url'
import { parentPort, Worker } from 'node:worker_threads'
import {
  isTemplateSandbox,
  serveTemplateRenders,
  TemplateLimitError,
  type MeasureOutcome,
  type RenderOutcome
} from '../prompts/sandbox.js'
import {
  checkRange,
  renderRemotely,
  sandboxFor,
  type EvalIndex,
  type RangeResult,
  type RangeTask,
  type SandboxKey
} from './row-checks.js'

/**
 * What a worker receives: a range to check, the eval index that the train ranges after it check leakage
 * against, or the answer to a render it asked the main thread for.
 */
type ToWorker = RangeTask | { evalIndex: EvalIndex | undefined } | Rendered
type Rendered =
  | { rendered: number; outcomes: RenderOutcome[] | MeasureOutcome[] }
  | { rendered: number; limit: { message: string; row: number } }
  | { rendered: number; error: string }
/** Rows a worker asks the main thread's sandbox to render (`text`) or to measure. */
type RenderRequest = { render: number; key: SandboxKey; rows: Record<string, unknown>[]; text: boolean }
/** What a worker sends: a range's result, or rows to render (or a sandbox to start) in the main thread's sandbox. */
type FromWorker =
  | { ok: true; result: RangeResult }
  | { ok: false; error: string; user?: boolean }
  | RenderRequest
  | { warm: SandboxKey }

/** A worker's failure as an error of this thread: a user's error (a broken tokenizer file) stays one. */
const workerError = (msg: { error: string; user?: boolean }): Error =>
  msg.user ? new ConfigurationError(msg.error) : new Error(msg.error)

/**
 * The worker side: answers each task message with its RangeResult. A bundled action's worker entry
 * (src/actions/<action>.worker.ts) calls this; under TypeScript, row-worker.main.ts does. The same entry
 * serves as the prompt-template sandbox process (src/prompts/sandbox.ts) when started as one.
 */
export function serveRangeTasks(): void {
  if (isTemplateSandbox()) return serveTemplateRenders()
  const port = parentPort
  if (!port) throw new Error('serveRangeTasks runs in a worker thread only')
  // Sampled rows render in the main thread's sandbox: one process for all threads.
  const renders = new Map<
    number,
    { resolve: (o: RenderOutcome[] | MeasureOutcome[]) => void; reject: (e: Error) => void }
  >()
  let renderId = 0
  const ask = (key: SandboxKey, rows: Record<string, unknown>[], text: boolean) =>
    new Promise<RenderOutcome[] | MeasureOutcome[]>((resolve, reject) => {
      const id = renderId++
      renders.set(id, { resolve, reject })
      port.postMessage({ render: id, key, rows, text } satisfies FromWorker)
    })
  renderRemotely(key => ({
    warm: () => port.postMessage({ warm: key } satisfies FromWorker),
    renderAll: rows => ask(key, rows, true) as Promise<RenderOutcome[]>,
    measureAll: rows => ask(key, rows, false) as Promise<MeasureOutcome[]>
  }))
  // The eval index arrives once, not with every range.
  let shared: EvalIndex | undefined
  // Tasks are handled one after another: the next one may arrive while a range is checked (see RangeWorkers).
  let queue = Promise.resolve()
  port.on('message', (m: ToWorker) => {
    if ('rendered' in m) {
      const waiting = renders.get(m.rendered)!
      renders.delete(m.rendered)
      if ('outcomes' in m) waiting.resolve(m.outcomes)
      else if ('limit' in m) waiting.reject(new TemplateLimitError(m.limit.message, m.limit.row))
      else waiting.reject(new Error(m.error))
      return
    }
    queue = queue.then(() => ('evalIndex' in m ? void (shared = m.evalIndex) : checkOne(m)))
  })
  const checkOne = (task: RangeTask): Promise<void> =>
    checkRange(task, shared).then(
      result => {
        const transfer = [
          result.rowLines.buffer,
          result.idHashes.buffer,
          result.dupKeys.buffer,
          result.tokenLengths.buffer
        ]
        if (result.inputHashes) transfer.push(result.inputHashes.buffer)
        if (result.signatures) transfer.push(result.signatures.buffer)
        port.postMessage({ ok: true, result } satisfies FromWorker, transfer as ArrayBuffer[])
      },
      (e: unknown) =>
        port.postMessage({
          ok: false,
          error: e instanceof Error ? e.message : String(e),
          user: isUserError(e)
        } satisfies FromWorker)
    )
}

/** A worker's render request, in this (the main) thread's sandbox for the template; the answer goes back to it. */
function renderFor(worker: Worker, msg: RenderRequest | { warm: SandboxKey }): void {
  if ('warm' in msg) return sandboxFor(msg.warm).warm()
  const id = msg.render
  const answer = (m: Rendered) => worker.postMessage(m satisfies ToWorker)
  const sandbox = sandboxFor(msg.key)
  // Lengths only where the worker counts tokens by length (and through the main thread's cache of them).
  ;(msg.text ? sandbox.renderAll(msg.rows) : sandbox.measureAll(msg.rows)).then(
    outcomes => answer({ rendered: id, outcomes }),
    (e: unknown) =>
      answer(
        e instanceof TemplateLimitError
          ? { rendered: id, limit: { message: e.message, row: e.row } }
          : { rendered: id, error: e instanceof Error ? e.message : String(e) }
      )
  )
}

/** How many threads to check ranges with: the cores, at most 8. */
export function workerCount(): number {
  return Math.max(1, Math.min(8, availableParallelism()))
}

/** Where build.mjs puts an action's worker bundle, relative to the action's bundle. */
const WORKER_BUNDLE = './worker/index.js'

function workerScript(): { url: URL; execArgv: string[] } {
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    // Run from TypeScript sources (CLI from a clone, tests): a JavaScript bootstrap registers tsx first.
    return { url: new URL('./row-worker.bootstrap.mjs', here), execArgv: [] }
  }
  // In an ncc bundle: the action's own small worker bundle beside it (dist/<action>/worker/index.js,
  // from src/actions/<action>.worker.ts), which starts in a fraction of the time the whole action's
  // bundle would take.
  return { url: new URL(WORKER_BUNDLE, here), execArgv: [] }
}

/**
 * A worker's heap limits. Rows die young (each is parsed when reached and dropped after its checks), so a worker
 * needs a young generation large enough for a chunk's garbage (16 MB measured best: 8 MB doubles the GC work) and
 * a small old one; a capped old generation makes V8 collect early, which keeps the process under ~300 MB. The cap
 * grows with the line limit, since one line is held whole.
 */
function workerLimits(maxLineBytes: number): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  return {
    maxYoungGenerationSizeMb: 16,
    maxOldGenerationSizeMb: Math.max(128, Math.ceil((8 * maxLineBytes) / 2 ** 20) + 64)
  }
}

/** A data-checking worker thread. */
function startWorker(maxLineBytes: number): Worker {
  const { url, execArgv } = workerScript()
  return new Worker(fileURLToPath(url), { execArgv, resourceLimits: workerLimits(maxLineBytes) })
}

/**
 * Worker threads that check whole small files, each a task answered by its own promise, for many models at once:
 * a registry-wide change checks hundreds of models of a few hundred kilobytes each, too small to split, and one
 * thread checking them all leaves the other cores idle. Several model checks share the pool (validateRegistry
 * runs a few at a time); each worker answers its tasks in the order it received them. The threads start when
 * the pool is made, so that they load while the registry's specs are read.
 */
export class FileTaskPool {
  private readonly threads: {
    worker: Worker
    waiting: { resolve: (r: RangeResult) => void; reject: (e: Error) => void }[]
  }[] = []

  constructor(
    size: number,
    private readonly maxLineBytes: number
  ) {
    for (let i = 0; i < size; i++) this.threads.push(this.start())
  }

  private start(): FileTaskPool['threads'][number] {
    const worker = startWorker(this.maxLineBytes)
    const thread = { worker, waiting: [] as FileTaskPool['threads'][number]['waiting'] }
    const fail = (e: Error) => {
      // The thread is gone (a crash, or out of memory): its tasks fail with the reason, and a new one takes its place.
      for (const w of thread.waiting.splice(0)) w.reject(e)
      const at = this.threads.indexOf(thread)
      if (at >= 0) this.threads[at] = this.start()
    }
    worker.on('message', (msg: FromWorker) => {
      if ('render' in msg || 'warm' in msg) return renderFor(worker, msg)
      const waiting = thread.waiting.shift()
      if (msg.ok) waiting?.resolve(msg.result)
      else waiting?.reject(workerError(msg))
    })
    worker.on('error', fail)
    worker.on('exit', code => fail(new Error(`a data-checking worker thread ended (exit code ${code})`)))
    return thread
  }

  /** Checks one range (a whole small file) on the thread with the fewest tasks waiting. */
  run(task: RangeTask, evalIndex: EvalIndex | undefined): Promise<RangeResult> {
    const thread = this.threads.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a))
    return new Promise<RangeResult>((resolve, reject) => {
      thread.waiting.push({ resolve, reject })
      // The index first: the worker takes each message in turn, so the task is checked against this index.
      thread.worker.postMessage({ evalIndex } satisfies ToWorker)
      thread.worker.postMessage(task satisfies ToWorker)
    })
  }

  /** Ends the threads. */
  async close(): Promise<void> {
    const threads = this.threads.splice(0)
    await Promise.all(
      threads.map(t => {
        t.worker.removeAllListeners('exit')
        t.worker.on('error', () => undefined)
        return t.worker.terminate()
      })
    )
  }
}

/**
 * A pool of worker threads that check range tasks. It starts when made, so that the threads load their
 * code while this thread does other work (the eval split, before the large train file), and serves every
 * large file of a model.
 */
export class RangeWorkers {
  private workers: Worker[] = []
  private sentIndex: EvalIndex | undefined
  /** A thread of the pool has ended (a crash, or out of memory): the next call starts new ones. */
  private broken = false

  constructor(
    private readonly threads: number,
    private readonly maxLineBytes: number
  ) {
    this.start()
  }

  private start(): void {
    if (this.workers.length) return
    this.workers = Array.from({ length: this.threads }, () => {
      const w = startWorker(this.maxLineBytes)
      // Between calls nothing listens: an error then is the next call's to report (see `broken`).
      w.on('error', () => undefined)
      w.once('exit', () => void (this.workers.includes(w) && (this.broken = true)))
      return w
    })
    this.sentIndex = undefined
    this.broken = false
  }

  /** Ends the threads. */
  async close(): Promise<void> {
    const workers = this.workers
    this.workers = []
    await Promise.all(workers.map(w => w.terminate()))
  }

  /**
   * Checks range tasks and yields the results in task order, each as soon as it and all before it are
   * done — so the caller merges while the workers go on. `evalIndex`: what train ranges check leakage against.
   */
  async *check(tasks: RangeTask[], evalIndex?: EvalIndex): AsyncGenerator<RangeResult> {
    if (this.broken) await this.close()
    this.start()
    const workers = this.workers.slice(0, Math.min(this.workers.length, tasks.length))
    if (this.sentIndex !== evalIndex) {
      for (const w of this.workers) w.postMessage({ evalIndex } satisfies ToWorker)
      this.sentIndex = evalIndex
    }
    const settled: { result?: RangeResult; error?: Error }[] = []
    let wake: (() => void) | undefined
    const notify = () => {
      wake?.()
      wake = undefined
    }
    let next = 0
    let consumed = 0
    // Each worker holds the task it checks and the next one, so it never waits for this thread (busy merging a
    // result) to send it more; the last tasks go only to workers with nothing queued, so no worker is left with
    // two while another has none. Backpressure: a task is sent only while few results wait for the caller to
    // merge them, so memory stays bounded when the workers are faster than the caller. Few, but not too few:
    // the first merge of a large file is slow (its tables are new: measured 0.3-0.45 s for 30,000 rows, against
    // 20 ms for each later one), and the workers should go on meanwhile; a result is about 1 MB.
    const perWorker = 2
    const maxAhead = 6 * workers.length
    const idle: Worker[] = []
    const queued = new Map<Worker, number[]>()
    const give = (worker: Worker, depth = perWorker) => {
      const mine = queued.get(worker)!
      while (next < tasks.length && mine.length < (tasks.length - next > workers.length ? depth : 1)) {
        if (next - consumed >= maxAhead) {
          if (!idle.includes(worker)) idle.push(worker)
          return
        }
        const i = next++
        mine.push(i)
        worker.postMessage(tasks[i]! satisfies ToWorker)
      }
    }
    const listeners = workers.map(w => {
      queued.set(w, [])
      const onMessage = (msg: FromWorker) => {
        if ('render' in msg || 'warm' in msg) return renderFor(w, msg)
        const i = queued.get(w)!.shift()!
        settled[i] = msg.ok ? { result: msg.result } : { error: workerError(msg) }
        notify()
        give(w)
      }
      const onError = (e: Error) => {
        settled[queued.get(w)![0] ?? next] ??= { error: e }
        notify()
      }
      const onExit = (code: number) => onError(new Error(`a data-checking worker thread ended (exit code ${code})`))
      w.on('message', onMessage)
      w.on('error', onError)
      w.on('exit', onExit)
      return { w, onMessage, onError, onExit }
    })
    // One task each first, then the second.
    for (const w of workers) give(w, 1)
    for (const w of workers) give(w)
    let complete = false
    try {
      for (let i = 0; i < tasks.length; i++) {
        while (!settled[i]) {
          const failed = settled.find(s => s?.error)
          if (failed) throw failed.error
          await new Promise<void>(resolve => (wake = resolve))
        }
        const s = settled[i]!
        if (s.error) throw s.error
        settled[i] = {}
        consumed = i + 1
        while (idle.length && next - consumed < maxAhead) give(idle.pop()!)
        yield s.result!
      }
      complete = true
    } finally {
      for (const { w, onMessage, onError, onExit } of listeners) {
        w.off('message', onMessage)
        w.off('error', onError)
        w.off('exit', onExit)
      }
      // Tasks still on a thread would answer the next call: the threads go, and the next call starts new ones.
      if (!complete) await this.close()
    }
  }
}
