import { stat } from 'node:fs/promises'
import path from 'node:path'
import { errorMessage, isUserError, type Problem } from '../errors.js'
import { affectedModels, changedPaths, matrixJson, type AffectedModel } from '../registry/changes.js'
import { git, gitTopLevel, resolveCommit } from '../registry/git.js'
import { readLfsPointer } from '../registry/lfs.js'
import { governanceProblems } from '../registry/governance.js'
import { loadRegistry, type LoadedModel, type LoadedRegistry } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import { checkModelData, FileStats, PARALLEL_MIN_BYTES, type ModelDataReport } from './dataset-check.js'
import { FileTaskPool, workerCount } from './row-worker.js'
import { diffDataset, diffExternalDataset, externalEntriesAt, type DatasetDiff } from './dataset-diff.js'
import type { FetchSettings } from './external.js'

export interface ModelValidation {
  model: string
  reasons: string[]
  data: ModelDataReport
  diff: DatasetDiff[]
}

export interface ValidationResult {
  valid: boolean
  /** Spec, registry and governance problems (data problems are per model). */
  registryProblems: Problem[]
  models: ModelValidation[]
  affected: AffectedModel[]
  /** Models in the registry that this change does not touch. */
  untouched: string[]
  base?: string
  head?: string
  matrix: string
  counts: { errors: number; warnings: number }
}

export interface ValidateOptions {
  registryDir: string
  /** Compare with this commit: only affected models are checked, and dataset diffs are made. */
  base?: string
  head?: string
  displayBase?: string
  onProgress?: (file: string, bytesRead: number, totalBytes: number) => void
  /** A model's check starts: its name, its place among the models to check, and their number. */
  onModel?: (model: string, index: number, total: number) => void
  /** A model's check is done: how many are, of how many. */
  onModelDone?: (done: number, total: number) => void
  /** How external datasets are fetched (default: the environment's settings). */
  fetch?: FetchSettings
}

/** Validates a registry: specs, governance, and every data file of each affected model. */
export async function validateRegistry(options: ValidateOptions): Promise<ValidationResult> {
  const displayBase = options.displayBase ?? process.cwd()
  // Many models: their small files are checked on worker threads, several models at once (see FileTaskPool). The
  // threads start while the specs load (on one core: the others are free to load the threads' code).
  const threads = workerCount()
  let pool: FileTaskPool | undefined
  const registry = await loadRegistry(options.registryDir, {
    displayBase,
    onConfig: (config, models) => {
      if (threads > 1 && models >= POOL_MIN_MODELS) pool = new FileTaskPool(threads, config.policy.max_line_bytes)
    }
  }).catch(async (e: unknown) => {
    await pool?.close()
    throw e
  })
  try {
    return await validateLoaded(options, registry, pool)
  } finally {
    await pool?.close()
  }
}

async function validateLoaded(
  options: ValidateOptions,
  registry: LoadedRegistry,
  loadedPool: FileTaskPool | undefined
): Promise<ValidationResult> {
  const registryProblems = [...registry.problems, ...governanceProblems(registry.models, registry)]
  let affected: AffectedModel[]
  let base: string | undefined
  let head: string | undefined
  const renames = new Map<string, string>()
  let top: string | undefined
  // Files whose bytes on disk are the base commit's: their diff is empty without reading either copy.
  let sameAsBase = new Set<string>()
  if (options.base) {
    top = await gitTopLevel(registry.root)
    base = await resolveCommit(top, options.base)
    head = await resolveCommit(top, options.head ?? 'HEAD')
    affected = await affectedModels(registry, base, head)
    for (const c of await changedPaths(top, base, head)) if (c.from) renames.set(c.path, c.from)
    sameAsBase = await unchangedSinceBase(top, base)
  } else {
    affected = registry.models.map(m => ({
      model: m.spec.name,
      spec: m.file.display,
      runner: m.spec.training.runner,
      reasons: ['validated in full (no base ref)']
    }))
  }
  const byName = new Map(registry.models.map(m => [m.spec.name, m] as [string, LoadedModel]))
  const config = registry.config
  const toCheck = config
    ? affected.flatMap(a => (byName.has(a.model) ? [{ model: byName.get(a.model)!, reasons: a.reasons }] : []))
    : []
  // Few models to check (a change to one model of many): the threads would not repay their start.
  const pool = toCheck.length >= POOL_MIN_MODELS ? loadedPool : undefined
  const atOnce = pool ? Math.max(SMALL_MODELS_AT_ONCE, 3 * workerCount()) : SMALL_MODELS_AT_ONCE
  const stats = new FileStats()
  let started = 0
  let done = 0
  const models = await inModelOrder(toCheck, atOnce, stats, async ({ model, reasons }): Promise<ModelValidation> => {
    options.onModel?.(model.spec.name, started++, toCheck.length)
    const data = await checkModelData(model, config!, {
      ...{ onProgress: options.onProgress, fetch: options.fetch },
      pool,
      stats
    })
    const diff =
      top && base
        ? await diffModel({ model, data, top, base, config: config!, sameAsBase, renames, fetch: options.fetch, stats })
        : []
    options.onModelDone?.(++done, toCheck.length)
    return { model: model.spec.name, reasons, data, diff }
  })
  const counts = { errors: 0, warnings: 0 }
  for (const p of registryProblems) counts[p.severity === 'error' ? 'errors' : 'warnings']++
  for (const m of models) {
    counts.errors += m.data.counts.errors
    counts.warnings += m.data.counts.warnings
  }
  const affectedNames = new Set(affected.map(a => a.model))
  const untouched = registry.models.map(m => m.spec.name).filter(n => !affectedNames.has(n))
  return {
    valid: counts.errors === 0 && Boolean(registry.config),
    registryProblems,
    models,
    affected,
    untouched,
    base,
    head,
    matrix: matrixJson(affected),
    counts
  }
}

/** Models whose data files together are smaller than this are checked a few at a time (see inModelOrder). */
const SMALL_MODEL_BYTES = PARALLEL_MIN_BYTES
/** How many small models are checked at once (without worker threads; with them, three per thread). */
const SMALL_MODELS_AT_ONCE = 4
/** From this many models to check, their small files go to worker threads: fewer do not repay the threads' start. */
const POOL_MIN_MODELS = 8

/**
 * Checks each model, the results in the models' order. Small models are checked a few at a time: while one waits
 * (for its files, or for the template sandbox to render its sampled rows), another's rows are checked — a
 * registry-wide change checks every model, and one after another most of the time went in such waits. A model
 * with a large file is checked alone, since its check has worker threads of its own.
 */
async function inModelOrder<M extends { model: LoadedModel }, T>(
  models: M[],
  atOnce: number,
  stats: FileStats,
  check: (model: M) => Promise<T>
): Promise<T[]> {
  const results: Promise<T>[] = []
  const running = new Set<Promise<unknown>>()
  for (const m of models) {
    const small = (await dataBytes(m.model, stats)) < SMALL_MODEL_BYTES
    while (running.size >= (small ? atOnce : 1)) await Promise.race(running)
    const result = check(m)
    results.push(result)
    const settled: Promise<unknown> = result.then(
      () => running.delete(settled),
      () => running.delete(settled)
    )
    running.add(settled)
    // A failed check ends the validation now rather than after the models still to start.
    if (!small) await result
  }
  return Promise.all(results)
}

/** The bytes of a model's data files (0 for one that cannot be read: its check reports it). */
async function dataBytes(model: LoadedModel, stats: FileStats): Promise<number> {
  let bytes = 0
  for (const f of [...model.train, ...model.eval]) bytes += await stats.size(f.absolute)
  return bytes
}

/** A model's dataset diffs against the base commit: empty without reading either copy where the bytes are the base's. */
async function diffModel(args: {
  model: LoadedModel
  data: ModelDataReport
  top: string
  base: string
  config: RegistryConfig
  sameAsBase: Set<string>
  renames: Map<string, string>
  fetch: FetchSettings | undefined
  stats: FileStats
}): Promise<DatasetDiff[]> {
  const { model, data, top, base, config, sameAsBase, renames, fetch, stats } = args
  const rules = {
    format: model.spec.data.format,
    labels: model.spec.data.labels,
    useCases: model.spec.use_cases,
    target: model.spec.data.target
  }
  const diff: DatasetDiff[] = []
  const modelYaml = path.relative(top, model.file.absolute).split(path.sep).join('/')
  const baseExternal = model.train.concat(model.eval).some(f => f.external)
    ? await externalEntriesAt(top, base, modelYaml)
    : []
  for (const f of [...model.train, ...model.eval]) {
    if (f.external) {
      const rows = data.files.find(x => x.display === f.display)?.rows
      // A dataset that could not be fetched is reported by the data check; there are no rows to compare.
      if (rows === undefined || !(await stat(f.absolute).catch(() => undefined))) continue
      try {
        diff.push(
          await diffExternalDataset(
            { ...f, external: f.external },
            rows,
            baseExternal,
            rules,
            config.policy.max_line_bytes,
            fetch
          )
        )
      } catch (e) {
        if (!isUserError(e)) throw e
        const { line, column } = model.locate(['data'])
        data.problems.push({ file: model.file.display, line, column, severity: 'warning', message: errorMessage(e) })
        data.counts.warnings++
      }
      continue
    }
    const rel = path.relative(top, f.absolute).split(path.sep).join('/')
    // An LFS pointer in the checkout is reported by the data check; there are no rows to compare.
    if (await readLfsPointer(f.absolute, await stats.of(f.absolute))) continue
    const rows = data.files.find(x => x.display === f.display)?.rows
    if (sameAsBase.has(rel) && rows !== undefined) {
      diff.push(unchangedDiff(rel, rows))
      continue
    }
    diff.push(await diffDataset(top, base, f.absolute, rel, rules, config.policy.max_line_bytes, renames.get(rel)))
  }
  return diff
}

/**
 * The files tracked at `base` whose working-tree bytes are the same (two git calls for the whole registry):
 * a registry-wide change (registry.yaml) would otherwise read every dataset twice to find no difference.
 */
async function unchangedSinceBase(top: string, base: string): Promise<Set<string>> {
  const split = (out: string) => out.split('\0').filter(Boolean)
  const differ = new Set(split(await git(top, ['diff', '--name-only', '-z', '--no-renames', base, '--'])))
  const tracked = split(await git(top, ['ls-tree', '-r', '-z', '--name-only', base]))
  return new Set(tracked.filter(p => !differ.has(p)))
}

/** The diff of a file whose bytes are the base's. */
function unchangedDiff(file: string, rows: number): DatasetDiff {
  const none = { added: 0, removed: 0, changed: 0 }
  return { file, status: 'unchanged', baseRows: rows, headRows: rows, total: none, byUseCase: {}, byLabel: {} }
}

/** Models named one by one as their checks start, up to this many; past it, progress is a line per tenth. */
const NAMED_MODELS_MAX = 20
/** Files smaller than this are checked in well under a second: no progress of their own. */
export const FILE_PROGRESS_MIN_BYTES = 8 * 2 ** 20

/**
 * What a validation prints as it goes, in a terminal or a CI log: each model by name when there are few; when
 * there are many (a registry-wide change checks hundreds), their number, then a line per tenth done — not a
 * line per model and file. A large file's own progress is the caller's (see FILE_PROGRESS_MIN_BYTES).
 */
export class ValidationProgress {
  private lastTenth = 0

  constructor(
    private readonly log: (line: string) => void,
    private readonly verb: 'checking' | 'Checking' = 'checking'
  ) {}

  readonly onModel = (model: string, index: number, total: number): void => {
    if (total <= NAMED_MODELS_MAX) this.log(`${this.verb} ${model}`)
    else if (index === 0) this.log(`${this.verb} ${total.toLocaleString('en-US')} models`)
  }

  readonly onModelDone = (done: number, total: number): void => {
    if (total <= NAMED_MODELS_MAX) return
    const tenth = Math.floor((done * 10) / total)
    if (tenth <= this.lastTenth) return
    this.lastTenth = tenth
    this.log(`  ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} models checked (${tenth * 10}%)`)
  }
}
