import path from 'node:path'
import type { Problem } from '../errors.js'
import { affectedModels, changedPaths, matrixJson, type AffectedModel } from '../registry/changes.js'
import { gitTopLevel, resolveCommit } from '../registry/git.js'
import { readLfsPointer } from '../registry/lfs.js'
import { governanceProblems } from '../registry/governance.js'
import { loadRegistry, type LoadedModel } from '../registry/loader.js'
import { checkModelData, type ModelDataReport } from './dataset-check.js'
import { diffDataset, type DatasetDiff } from './dataset-diff.js'

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
  if (options.base) {
    top = await gitTopLevel(registry.root)
    base = await resolveCommit(top, options.base)
    head = await resolveCommit(top, options.head ?? 'HEAD')
    affected = await affectedModels(registry, base, head)
    for (const c of await changedPaths(top, base, head)) if (c.from) renames.set(c.path, c.from)
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
    const data = await checkModelData(model, registry.config, { onProgress: options.onProgress })
    const diff: DatasetDiff[] = []
    if (top && base) {
      const rules = {
        format: model.spec.data.format,
        labels: model.spec.data.labels,
        useCases: model.spec.use_cases,
        target: model.spec.data.target
      }
      for (const f of [...model.train, ...model.eval]) {
        const rel = path.relative(top, f.absolute).split(path.sep).join('/')
        // An LFS pointer in the checkout is reported by the data check; there are no rows to compare.
        if (await readLfsPointer(f.absolute)) continue
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
