import type { LoadedModel } from '../registry/loader.js'
import { PARALLEL_MIN_BYTES, type FileStats } from './dataset-check.js'

/** Models whose data files together are smaller than this are checked several at a time. */
const SMALL_MODEL_BYTES = PARALLEL_MIN_BYTES

/**
 * The data checks of a validation, started as the models load rather than after: a registry-wide change loads
 * hundreds of specs (on this thread) while the worker threads that check the rows would wait. Each model is
 * offered as it loads; `affected` says whether (and why) it is checked at all, which may wait for git. Small
 * models are checked several at a time, in the order they are offered; a model with a large file is checked
 * alone, once loading is done and the small ones are, since its check has worker threads of its own.
 */
export class ModelChecks<T> {
  private readonly checks = new Map<LoadedModel, { promise: Promise<T>; start: () => void }>()
  /** Models whose check is queued (or begun): the small ones wait in `ready`, the large in `large`. */
  private readonly queued = new Set<LoadedModel>()
  private readonly ready: LoadedModel[] = []
  private readonly large: LoadedModel[] = []
  private readonly offers: Promise<void>[] = []
  private running = 0
  private loaded = false
  private failure: { error: unknown } | undefined

  constructor(
    private readonly check: (model: LoadedModel) => Promise<T>,
    /** Whether a loaded model is to be checked (false: the change does not affect it). */
    private readonly affected: (model: LoadedModel) => Promise<boolean>,
    private readonly stats: FileStats,
    private readonly atOnce: number
  ) {}

  /** A model that has loaded: queued for its check if the change affects it. */
  offer(model: LoadedModel): void {
    if (this.checks.has(model)) return
    let start!: () => void
    const begun = new Promise<void>(resolve => (start = resolve))
    const promise = begun.then(() => this.run(model))
    // A check that fails is reported by whoever awaits it (see result); one never awaited fails no one.
    promise.catch(() => undefined)
    this.checks.set(model, { promise, start })
    this.offers.push(
      (async () => {
        if (await this.affected(model)) await this.enqueue(model)
      })().catch((e: unknown) => void (this.failure ??= { error: e }))
    )
  }

  /**
   * Loading is done and `models` are the ones to check (loaded and affected): those not offered or not queued yet
   * are queued now, and from here the queues go in the models' order, the large ones after the small ones.
   */
  async finish(models: LoadedModel[]): Promise<void> {
    for (const m of models) this.offer(m)
    await Promise.all(this.offers)
    // Whether a model is affected could not be told (git failed): the caller reports that failure first.
    if (this.failure) throw this.failure.error
    for (const m of models) await this.enqueue(m)
    this.loaded = true
    const order = new Map(models.map((m, i) => [m, i]))
    const byOrder = (a: LoadedModel, b: LoadedModel) => (order.get(a) ?? 0) - (order.get(b) ?? 0)
    this.ready.sort(byOrder)
    this.large.sort(byOrder)
    this.pump()
  }

  /** A model's check (after finish, for one of its models). */
  result(model: LoadedModel): Promise<T> {
    return this.checks.get(model)!.promise
  }

  private async enqueue(model: LoadedModel): Promise<void> {
    if (this.queued.has(model)) return
    this.queued.add(model)
    if ((await dataBytes(model, this.stats)) < SMALL_MODEL_BYTES) this.ready.push(model)
    else this.large.push(model)
    this.pump()
  }

  private pump(): void {
    while (this.running < this.atOnce && this.ready.length) this.begin(this.ready.shift()!)
    if (this.loaded && this.running === 0 && !this.ready.length && this.large.length) this.begin(this.large.shift()!)
  }

  private begin(model: LoadedModel): void {
    this.running++
    this.checks.get(model)!.start()
  }

  private async run(model: LoadedModel): Promise<T> {
    try {
      return await this.check(model)
    } finally {
      this.running--
      this.pump()
    }
  }
}

/**
 * The bytes of a model's data files: an external dataset's declared size (it may not be fetched yet), a file's
 * size on disk (0 for one that cannot be read: its check reports it).
 */
export async function dataBytes(model: LoadedModel, stats: FileStats): Promise<number> {
  let bytes = 0
  for (const f of [...model.train, ...model.eval]) bytes += f.external?.bytes ?? (await stats.size(f.absolute))
  return bytes
}
