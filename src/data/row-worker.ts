import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parentPort, Worker, workerData } from 'node:worker_threads'
import { isTemplateSandbox, serveTemplateRenders } from '../prompts/sandbox.js'
import { checkRange, type EvalIndex, type RangeResult, type RangeTask } from './row-checks.js'

/**
 * The worker side: answers each task message with its RangeResult. A bundled action's worker entry
 * (src/actions/<action>.worker.ts) calls this; under TypeScript, row-worker.main.ts does. The same entry
 * serves as the prompt-template sandbox process (src/prompts/sandbox.ts) when started as one.
 */
export function serveRangeTasks(): void {
  if (isTemplateSandbox()) return serveTemplateRenders()
  const port = parentPort
  if (!port) throw new Error('serveRangeTasks runs in a worker thread only')
  // The eval index arrives once with the worker, not with every range.
  const shared = (workerData as { evalIndex?: EvalIndex } | null)?.evalIndex
  // Tasks run one after another: the next one may arrive while one runs (see rangeResultsInWorkers).
  let queue = Promise.resolve()
  port.on('message', (task: RangeTask) => {
    queue = queue.then(() => checkOne(task))
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
        port.postMessage({ ok: true, result }, transfer as ArrayBuffer[])
      },
      (e: unknown) => port.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) })
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
 * Checks range tasks on one pool of worker threads and yields the results in task order, each as soon
 * as it and all before it are done — so the caller merges while the workers go on.
 */
export async function* rangeResultsInWorkers(
  tasks: RangeTask[],
  threads = workerCount(),
  evalIndex?: EvalIndex
): AsyncGenerator<RangeResult> {
  // Rows die young (each is parsed when reached and dropped after its checks), so a worker needs a
  // young generation large enough for a chunk's garbage (16 MB measured best: 8 MB doubles the GC
  // work) and a small old one; a capped old generation makes V8 collect early, which keeps the process
  // under ~300 MB. The cap grows with the line limit, since one line is held whole.
  const maxLine = Math.max(...tasks.map(t => t.maxLineBytes))
  const resourceLimits = {
    maxYoungGenerationSizeMb: 16,
    maxOldGenerationSizeMb: Math.max(128, Math.ceil((8 * maxLine) / 2 ** 20) + 64)
  }
  const { url, execArgv } = workerScript()
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
  // merge them, so memory stays bounded when the workers are faster than the caller.
  const perWorker = 2
  const maxAhead = 3 * threads
  const idle: Worker[] = []
  const queued = new Map<Worker, number[]>()
  const workers = Array.from(
    { length: Math.min(threads, tasks.length) },
    () => new Worker(fileURLToPath(url), { execArgv, resourceLimits, workerData: { evalIndex } })
  )
  const give = (worker: Worker, depth = perWorker) => {
    const mine = queued.get(worker)!
    while (next < tasks.length && mine.length < (tasks.length - next > workers.length ? depth : 1)) {
      if (next - consumed >= maxAhead) {
        if (!idle.includes(worker)) idle.push(worker)
        return
      }
      const i = next++
      mine.push(i)
      worker.postMessage(tasks[i])
    }
  }
  for (const w of workers) {
    queued.set(w, [])
    w.on('message', (msg: { ok: true; result: RangeResult } | { ok: false; error: string }) => {
      const i = queued.get(w)!.shift()!
      settled[i] = msg.ok ? { result: msg.result } : { error: new Error(msg.error) }
      notify()
      give(w)
    })
    w.on('error', e => {
      settled[queued.get(w)![0] ?? next] ??= { error: e }
      notify()
    })
  }
  // One task each first, then the second.
  for (const w of workers) give(w, 1)
  for (const w of workers) give(w)
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
  } finally {
    await Promise.all(workers.map(w => w.terminate()))
  }
}
