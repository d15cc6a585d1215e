import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { errorMessage, isUserError, type Problem } from '../errors.js'
import {
  affectedModel,
  affectedModels,
  changedPaths,
  matrixJson,
  type AffectedModel,
  type ChangedPath
} from '../registry/changes.js'
import { git, gitTopLevel, resolveCommit } from '../registry/git.js'
import { readLfsPointer } from '../registry/lfs.js'
import { governanceProblems } from '../registry/governance.js'
import { loadRegistry, type LoadedModel, type LoadedRegistry } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import { checkModelData, FileStats, type ModelDataReport } from './dataset-check.js'
import { ModelChecks } from './model-checks.js'
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
  /**
   * A model is reached, in the models' order: its name, its place among the models to check, and their number
   * (its check may have begun earlier, while the specs loaded).
   */
  onModel?: (model: string, index: number, total: number) => void
  /** A model's check is done: how many are, of how many. */
  onModelDone?: (done: number, total: number) => void
  /** How external datasets are fetched (default: the environment's settings). */
  fetch?: FetchSettings
}

/** Validates a registry: specs, governance, and every data file of each affected model. */
export async function validateRegistry(options: ValidateOptions): Promise<ValidationResult> {
  const displayBase = options.displayBase ?? process.cwd()
  // The comparison with the base commit needs git, not the specs: it runs while they load.
  const comparison = options.base ? compareWithBase(options.registryDir, options.base, options.head) : undefined
  comparison?.catch(() => undefined)
  // Many models: their small files are checked on worker threads (see FileTaskPool), which start while the specs
  // load (on this thread: the other cores are free to load the threads' code). Each model's check starts as soon
  // as it has loaded (see ModelChecks).
  const threads = workerCount()
  const stats = new FileStats()
  let pool: FileTaskPool | undefined
  let checks: ModelChecks<ModelData> | undefined
  try {
    const registry = await loadRegistry(options.registryDir, {
      displayBase,
      onConfig: (config, models, root) => {
        if (threads > 1 && models >= POOL_MIN_MODELS) pool = new FileTaskPool(threads, config.policy.max_line_bytes)
        const atOnce = pool ? Math.max(SMALL_MODELS_AT_ONCE, 3 * threads) : SMALL_MODELS_AT_ONCE
        const context = { config, pool, stats, comparison, options }
        checks = new ModelChecks(
          model => checkModel(model, context),
          async model => {
            const c = await comparison
            return !c || affectedModel(model, root, c.top, c.changes) !== undefined
          },
          stats,
          atOnce
        )
      },
      onModel: model => checks?.offer(model)
    })
    return await validateLoaded(options, registry, checks, await comparison)
  } finally {
    await pool?.close()
  }
}

/** A model's data check and dataset diffs. */
interface ModelData {
  data: ModelDataReport
  diff: DatasetDiff[]
}

async function checkModel(
  model: LoadedModel,
  context: {
    config: RegistryConfig
    pool: FileTaskPool | undefined
    stats: FileStats
    comparison: Promise<Comparison> | undefined
    options: ValidateOptions
  }
): Promise<ModelData> {
  const { config, pool, stats, options } = context
  const data = await checkModelData(model, config, {
    ...{ onProgress: options.onProgress, fetch: options.fetch },
    pool,
    stats
  })
  const c = await context.comparison
  const diff = c ? await diffModel({ model, data, config, comparison: c, fetch: options.fetch, stats }) : []
  return { data, diff }
}

async function validateLoaded(
  options: ValidateOptions,
  registry: LoadedRegistry,
  checks: ModelChecks<ModelData> | undefined,
  comparison: Comparison | undefined
): Promise<ValidationResult> {
  const registryProblems = [...registry.problems, ...governanceProblems(registry.models, registry)]
  const affected = comparison
    ? await affectedModels(registry, comparison.base, comparison.head, comparison)
    : registry.models.map(m => ({
        model: m.spec.name,
        spec: m.file.display,
        runner: m.spec.training.runner,
        reasons: ['validated in full (no base ref)']
      }))
  const byName = new Map(registry.models.map(m => [m.spec.name, m] as [string, LoadedModel]))
  const toCheck =
    registry.config && checks
      ? affected.flatMap(a => (byName.has(a.model) ? [{ model: byName.get(a.model)!, reasons: a.reasons }] : []))
      : []
  const models: ModelValidation[] = []
  if (checks && toCheck.length) {
    await checks.finish(toCheck.map(t => t.model))
    // In the models' order (many may be done already); the first that fails ends the validation.
    for (const [i, { model, reasons }] of toCheck.entries()) {
      options.onModel?.(model.spec.name, i, toCheck.length)
      const { data, diff } = await checks.result(model)
      options.onModelDone?.(i + 1, toCheck.length)
      models.push({ model: model.spec.name, reasons, data, diff })
    }
  }
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
    base: comparison?.base,
    head: comparison?.head,
    matrix: matrixJson(affected),
    counts
  }
}

/** How many small models are checked at once (without worker threads; with them, three per thread). */
const SMALL_MODELS_AT_ONCE = 4
/** From this many models in the registry, their small files go to worker threads: fewer do not repay the threads' start. */
const POOL_MIN_MODELS = 8

/** A model's dataset diffs against the base commit: empty without reading either copy where the bytes are the base's. */
async function diffModel(args: {
  model: LoadedModel
  data: ModelDataReport
  config: RegistryConfig
  comparison: Comparison
  fetch: FetchSettings | undefined
  stats: FileStats
}): Promise<DatasetDiff[]> {
  const { model, data, config, fetch, stats } = args
  const { top, base, sameAsBase, renames } = args.comparison
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

/** What a comparison with the base commit needs from git. */
interface Comparison {
  top: string
  base: string
  head: string
  changes: ChangedPath[]
  /** Files whose bytes on disk are the base commit's (see unchangedSinceBase). */
  sameAsBase: Set<string>
  /** Renamed files: each new path's path at base. */
  renames: Map<string, string>
}

/** The repository's top folder, both commits resolved, the changed paths and the files unchanged since base. */
async function compareWithBase(registryDir: string, baseRef: string, headRef = 'HEAD'): Promise<Comparison> {
  // The registry folder's real path, as loadRegistry takes it (a folder that is not there is its error to report).
  const root = await realpath(registryDir).catch(() => registryDir)
  const top = await gitTopLevel(root)
  const [base, head] = await Promise.all([resolveCommit(top, baseRef), resolveCommit(top, headRef)])
  const [changes, sameAsBase] = await Promise.all([changedPaths(top, base, head), unchangedSinceBase(top, base)])
  const renames = new Map(changes.flatMap(c => (c.from ? [[c.path, c.from] as [string, string]] : [])))
  return { top, base, head, changes, sameAsBase, renames }
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
