import path from 'node:path'
import type { LoadedModel, LoadedRegistry } from './loader.js'
import { git, gitTopLevel, resolveCommit } from './git.js'
import { planMatrix } from './matrix-plan.js'

/** One changed path between two commits, as git reports it (renames followed). */
export interface ChangedPath {
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed'
  path: string
  /** The path before a rename or copy. */
  from?: string
}

export interface AffectedModel {
  model: string
  spec: string
  /** `runs-on`: one name (a scale set's) or a label set, as training.runner has it. */
  runner: string | string[]
  reasons: string[]
}

/** Every path that changed between base and head, repository-relative, renames detected. */
export async function changedPaths(repoDir: string, base: string, head: string): Promise<ChangedPath[]> {
  const [b, h] = await Promise.all([resolveCommit(repoDir, base), resolveCommit(repoDir, head)])
  const out = await git(repoDir, ['diff', '--name-status', '-M', '-z', b, h])
  const fields = out.split('\0')
  const changes: ChangedPath[] = []
  const kinds: Record<string, ChangedPath['status']> = {
    A: 'added',
    M: 'modified',
    D: 'deleted',
    R: 'renamed',
    C: 'copied',
    T: 'type-changed'
  }
  for (let i = 0; i < fields.length - 1;) {
    const code = fields[i++]!
    const status = kinds[code[0]!] ?? 'modified'
    if (status === 'renamed' || status === 'copied') {
      const from = fields[i++]!
      changes.push({ status, path: fields[i++]!, from })
    } else changes.push({ status, path: fields[i++]! })
  }
  return changes
}

/** Paths (repository-relative) that a model depends on, each with what it is to the model. */
export function modelDependencies(model: LoadedModel, registryRel: string): Map<string, string> {
  const rel = (relative: string) => path.posix.join(registryRel, relative)
  const deps = new Map<string, string>()
  deps.set(rel(model.file.relative), 'model spec')
  // An external dataset is pinned in model.yaml: a new digest is a change to the spec, already listed.
  for (const f of model.train) if (!f.external) deps.set(rel(f.relative), 'train data')
  for (const f of model.eval) if (!f.external) deps.set(rel(f.relative), 'eval data')
  deps.set(rel(model.prompt.file.relative), 'prompt')
  if (model.outputSchemaFile) deps.set(rel(model.outputSchemaFile.relative), 'output schema')
  if (model.tokenizer) deps.set(rel(model.tokenizer.relative), 'tokenizer')
  if (model.bannedTerms) deps.set(rel(model.bannedTerms.relative), 'banned terms')
  if (model.injectionProbes) deps.set(rel(model.injectionProbes.relative), 'injection probes')
  return deps
}

/**
 * The models a change between two commits affects, loaded from the head tree.
 * A shared dataset affects every model using it; registry.yaml affects all models.
 */
export async function affectedModels(
  registry: LoadedRegistry,
  base: string,
  head: string,
  /** The repository's top folder and the changes between base and head, where the caller has them already. */
  known?: { top: string; changes: ChangedPath[] }
): Promise<AffectedModel[]> {
  const top = known?.top ?? (await gitTopLevel(registry.root))
  const changes = known?.changes ?? (await changedPaths(top, base, head))
  const affected: AffectedModel[] = []
  for (const model of registry.models) {
    const a = affectedModel(model, registry.root, top, changes)
    if (a) affected.push(a)
  }
  return affected
}

/** How a change affects one model of the registry at `root` (in the repository at `top`), or undefined. */
export function affectedModel(
  model: LoadedModel,
  root: string,
  top: string,
  changes: ChangedPath[]
): AffectedModel | undefined {
  const registryRel = path.relative(top, root).split(path.sep).join('/')
  const configPath = path.posix.join(registryRel, 'registry.yaml')
  const deps = modelDependencies(model, registryRel)
  const reasons: string[] = []
  for (const c of changes) {
    if (c.path === configPath) reasons.push('registry.yaml changed')
    const what = deps.get(c.path)
    if (what) reasons.push(c.from ? `${what} ${c.status} from ${c.from} to ${c.path}` : `${what} ${c.path} ${c.status}`)
  }
  if (!reasons.length) return undefined
  return {
    model: model.spec.name,
    spec: path.posix.join(registryRel, model.file.relative),
    runner: model.spec.training.runner,
    reasons
  }
}

/**
 * GitHub Actions matrix JSON: `{"include":[{model, spec, runner}]}`, ready for `fromJSON`; past GitHub's 256 jobs
 * per matrix, a job's `model` is a batch of models (see planMatrix).
 */
export function matrixJson(affected: AffectedModel[]): string {
  return JSON.stringify({ include: planMatrix(affected).legs })
}
