import path from 'node:path'
import { stat } from 'node:fs/promises'
import { errorMessage, isUserError, type Problem } from '../errors.js'
import { affectedModels, changedPaths, matrixJson, type AffectedModel } from '../registry/changes.js'
import { git, gitTopLevel, resolveCommit } from '../registry/git.js'
import { readLfsPointer } from '../registry/lfs.js'
import { governanceProblems } from '../registry/governance.js'
import { loadRegistry, type LoadedModel } from '../registry/loader.js'
import { checkModelData, type ModelDataReport } from './dataset-check.js'
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
  onModel?: (model: string) => void
  /** How external datasets are fetched (default: the environment's settings). */
  fetch?: FetchSettings
}

/** Validates a registry: specs, governance, and every data file of each affected model. */
export async function validateRegistry(options: ValidateOptions): Promise<ValidationResult> {
  const displayBase = options.displayBase ?? process.cwd()
  const registry = await loadRegistry(options.registryDir, { displayBase })
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
  const models: ModelValidation[] = []
  for (const a of affected) {
    const model = byName.get(a.model)
    if (!model || !registry.config) continue
    options.onModel?.(a.model)
    const data = await checkModelData(model, registry.config, { onProgress: options.onProgress, fetch: options.fetch })
    const diff: DatasetDiff[] = []
    if (top && base) {
      const rules = {
        format: model.spec.data.format,
        labels: model.spec.data.labels,
        useCases: model.spec.use_cases,
        target: model.spec.data.target
      }
      const modelYaml = path.relative(top, model.file.absolute).split(path.sep).join('/')
      const baseExternal = model.train.concat(model.eval).some(f => f.external)
        ? await externalEntriesAt(top, base, modelYaml)
        : []
      for (const f of [...model.train, ...model.eval]) {
        if (f.external) {
          const rows = data.files.find(x => x.display === f.display)?.rows
          // A dataset that could not be fetched is reported by the data check; there are no rows to compare.
          if (rows === undefined || !(await stat(f.absolute).catch(() => undefined))) continue
          const maxLineBytes = registry.config.policy.max_line_bytes
          try {
            diff.push(
              await diffExternalDataset(
                { ...f, external: f.external },
                rows,
                baseExternal,
                rules,
                maxLineBytes,
                options.fetch
              )
            )
          } catch (e) {
            if (!isUserError(e)) throw e
            const { line, column } = model.locate(['data'])
            data.problems.push({
              file: model.file.display,
              line,
              column,
              severity: 'warning',
              message: errorMessage(e)
            })
            data.counts.warnings++
          }
          continue
        }
        const rel = path.relative(top, f.absolute).split(path.sep).join('/')
        // An LFS pointer in the checkout is reported by the data check; there are no rows to compare.
        if (await readLfsPointer(f.absolute)) continue
        const rows = data.files.find(x => x.display === f.display)?.rows
        if (sameAsBase.has(rel) && rows !== undefined) {
          diff.push(unchangedDiff(rel, rows))
          continue
        }
        diff.push(
          await diffDataset(top, base, f.absolute, rel, rules, registry.config.policy.max_line_bytes, renames.get(rel))
        )
      }
    }
    models.push({ model: a.model, reasons: a.reasons, data, diff })
  }
  const counts = { errors: 0, warnings: 0 }
  for (const p of registryProblems) counts[p.severity === 'error' ? 'errors' : 'warnings']++
  for (const m of models) {
    counts.errors += m.data.counts.errors
    counts.warnings += m.data.counts.warnings
  }
  const untouched = registry.models.map(m => m.spec.name).filter(n => !affected.some(a => a.model === n))
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
