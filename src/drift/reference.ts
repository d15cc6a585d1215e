import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises'
import path from 'node:path'
import { ConfigurationError } from '../errors.js'
import { git, GitError, gitTopLevel } from '../registry/git.js'
import { assertValid, loadRegistry, type LoadedModel } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import { readTags, resolveState, type ModelState } from '../registry/state.js'

/** The version at the production stage and the registry as it was at that version's commit. */
export interface ProductionReference {
  model: string
  version: string
  /** The commit the production version's tags point at. */
  commit: string
  tag: string
  /** The model as specified at that commit; its train files are read from a copy of that commit's registry. */
  spec: LoadedModel
  config: RegistryConfig
}

/** The models that have a version at a stage, from the repository's GTO tags. */
export async function modelsAtStage(repo: string, stage: string): Promise<Map<string, ModelState>> {
  const state = resolveState(await readTags(repo))
  return new Map([...state].filter(([, s]) => s.stages[stage] !== undefined && !s.deprecated))
}

/**
 * Writes the registry folder as it is at a commit into `destination` (git plumbing with a private
 * index: the checkout, its index and later edits to main play no part).
 */
export async function materialiseRegistry(
  repo: string,
  registryDir: string,
  commit: string,
  destination: string
): Promise<string> {
  const top = await gitTopLevel(registryDir)
  const relative = path
    .relative(top, await realpath(registryDir))
    .split(path.sep)
    .join('/')
  const index = path.join(path.dirname(destination), `index-${path.basename(destination)}`)
  await mkdir(destination, { recursive: true })
  const env = { GIT_INDEX_FILE: index }
  try {
    await git(repo, ['read-tree', `${commit}:${relative}`], { env })
    await git(repo, ['checkout-index', '-a', '-f', `--prefix=${destination}${path.sep}`], { env })
  } catch (e) {
    throw new ConfigurationError(
      `Cannot read ${relative || 'the registry'} at commit ${commit.slice(0, 12)}: ${e instanceof GitError ? e.stderr.trim() : String(e)}. Expected the production version's commit in the checkout (use fetch-depth: 0).`
    )
  } finally {
    await rm(index, { force: true })
  }
  return destination
}

/** The production version of a model and its spec and data at the version's commit, under `workDir`. */
export async function productionReference(
  registryDir: string,
  model: string,
  stage: string,
  workDir: string
): Promise<ProductionReference> {
  const repo = await gitTopLevel(registryDir)
  const state = resolveState(await readTags(repo)).get(model)
  const at = state?.stages[stage]
  if (!state || !at)
    throw new ConfigurationError(
      `${model} has no version at the '${stage}' stage (no ${model}#${stage}#N tag); drift compares production inputs with the production version's training data.`
    )
  const version = state.versions.find(v => v.version === at.version)
  await mkdir(workDir, { recursive: true })
  const dir = await materialiseRegistry(
    repo,
    registryDir,
    at.commit,
    await mkdtemp(path.join(workDir, `reference-${model}-`))
  )
  const registry = await loadRegistry(dir, { displayBase: dir })
  assertValid(registry)
  const spec = registry.models.find(m => m.spec.name === model)
  if (!spec)
    throw new ConfigurationError(
      `${model} ${at.version} is in ${stage}, but commit ${at.commit.slice(0, 12)} has no models/${model}/model.yaml.`
    )
  return {
    model,
    version: at.version,
    commit: at.commit,
    tag: version?.tag ?? `${model}@${at.version}`,
    spec,
    config: registry.config
  }
}
