import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { ConfigurationError } from '../errors.js'
import { git, GitError, gitTopLevel } from '../registry/git.js'
import { readLfsPointer, smudgeLfsObject } from '../registry/lfs.js'
import { readTextFile } from '../registry/source-text.js'
import { ensureExternalFiles, type FetchSettings } from '../data/external.js'
import { assertValid, loadRegistry, type LoadedModel, type RegistryFile } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import { readTags, resolveState, type ModelState } from '../registry/state.js'
import { withoutForeignStageTags } from '../registry/tag-provenance.js'

/** The version at the production stage and the registry as it was at that version's commit. */
export interface ProductionReference {
  model: string
  version: string
  /** The commit the production version's tags point at. */
  commit: string
  tag: string
  /** The model as specified at that commit; its files are read from a copy of that commit's model files only. */
  spec: LoadedModel
  config: RegistryConfig
}

/** The models that have a version at a stage, from the repository's GTO tags. */
export async function modelsAtStage(repo: string, stage: string): Promise<Map<string, ModelState>> {
  const state = resolveState(withoutForeignStageTags(await readTags(repo)).tags)
  return new Map([...state].filter(([, s]) => s.stages[stage] !== undefined && !s.deprecated))
}

/** model.yaml is read at most this large (the loader's limit for a spec). */
const MODEL_YAML_MAX_BYTES = 1024 * 1024

/** The paths a model.yaml refers to (relative to the registry folder), read leniently: the loader checks them. */
function referencedPaths(modelYaml: string): string[] {
  let spec: unknown
  try {
    spec = parseYaml(modelYaml)
  } catch {
    return []
  }
  const at = (...keys: string[]): unknown =>
    keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), spec)
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v])
  const paths = [
    ...list(at('data', 'train')),
    ...list(at('data', 'eval')),
    at('prompt'),
    at('output_schema'),
    at('base_model', 'tokenizer'),
    at('evaluation', 'banned_terms'),
    at('evaluation', 'injection_probes')
  ].filter((p): p is string => typeof p === 'string' && p !== '')
  const tokenizer = at('base_model', 'tokenizer')
  if (typeof tokenizer === 'string') paths.push(path.posix.join(path.posix.dirname(tokenizer), 'tokenizer_config.json'))
  return paths.map(p => path.posix.normalize(p)).filter(p => !p.startsWith('../') && !path.posix.isAbsolute(p))
}

/**
 * Writes one model's files as they are at a commit into `destination`: registry.yaml, the model's
 * model.yaml and the files it refers to — never the rest of the registry (git plumbing with a private
 * index: the checkout, its index and later edits to main play no part). Git LFS files are written as
 * their pointers; the caller resolves the ones it reads.
 */
export async function materialiseModel(
  repo: string,
  registryDir: string,
  commit: string,
  model: string,
  destination: string
): Promise<string> {
  const top = await gitTopLevel(registryDir)
  const relative = path
    .relative(top, await realpath(registryDir))
    .split(path.sep)
    .join('/')
  const index = path.join(path.dirname(destination), `index-${path.basename(destination)}`)
  await mkdir(destination, { recursive: true })
  // A configured LFS filter would download every LFS file checked out here; pointers are enough.
  const env = { GIT_INDEX_FILE: index, GIT_LFS_SKIP_SMUDGE: '1' }
  const checkout = async (paths: string[]) => {
    const present = (await git(repo, ['ls-files', '-z', '--cached', '--', ...paths], { env }))
      .split('\0')
      .filter(Boolean)
    if (present.length)
      await git(repo, ['checkout-index', '-f', `--prefix=${destination}${path.sep}`, '--', ...present], { env })
  }
  try {
    await git(repo, ['read-tree', `${commit}:${relative}`], { env })
    const modelYaml = `models/${model}/model.yaml`
    await checkout(['registry.yaml', modelYaml])
    // Bounded like the loader's read of a spec; a missing or oversized one is the loader's to report.
    const text = await readTextFile(path.join(destination, modelYaml), modelYaml, MODEL_YAML_MAX_BYTES).catch(() => '')
    const referenced = referencedPaths(text)
    if (referenced.length) await checkout(referenced)
  } catch (e) {
    throw new ConfigurationError(
      `Cannot read ${model}'s files in ${relative || 'the registry'} at commit ${commit.slice(0, 12)}: ${e instanceof GitError ? e.stderr.trim() : String(e)}. Expected the production version's commit in the checkout (use fetch-depth: 0).`
    )
  } finally {
    await rm(index, { force: true })
  }
  return destination
}

/** Replaces the LFS pointers among `files` with their objects' content, through git-lfs; fails loudly when it cannot. */
async function resolveLfsFiles(
  repo: string,
  files: Pick<RegistryFile, 'absolute' | 'relative'>[],
  commit: string
): Promise<void> {
  for (const file of files) {
    const pointer = await readLfsPointer(file.absolute)
    if (pointer) await smudgeLfsObject(repo, pointer, file.absolute, `${file.relative}@${commit.slice(0, 12)}`)
  }
}

/** The production version of a model and its spec and data at the version's commit, under `workDir`. */
export async function productionReference(
  registryDir: string,
  model: string,
  stage: string,
  workDir: string,
  fetch: FetchSettings = {}
): Promise<ProductionReference> {
  const repo = await gitTopLevel(registryDir)
  // Only stage tags Tunegate made: a hand-pushed `model#production#N` does not choose the reference.
  const state = resolveState(withoutForeignStageTags(await readTags(repo)).tags).get(model)
  const at = state?.stages[stage]
  if (!state || !at)
    throw new ConfigurationError(
      `${model} has no version at the '${stage}' stage (no ${model}#${stage}#N tag); drift compares production inputs with the production version's training data.`
    )
  const version = state.versions.find(v => v.version === at.version)
  await mkdir(workDir, { recursive: true })
  const dir = await materialiseModel(
    repo,
    registryDir,
    at.commit,
    model,
    await mkdtemp(path.join(workDir, `reference-${model}-`))
  )
  const registry = await loadRegistry(dir, { displayBase: dir })
  assertValid(registry)
  const spec = registry.models.find(m => m.spec.name === model)
  if (!spec)
    throw new ConfigurationError(
      `${model} ${at.version} is in ${stage}, but commit ${at.commit.slice(0, 12)} has no models/${model}/model.yaml.`
    )
  // The reference is the production version's training data: read in full, so LFS objects are fetched.
  const tokenizerFiles = spec.tokenizer
    ? [
        spec.tokenizer,
        {
          absolute: path.join(path.dirname(spec.tokenizer.absolute), 'tokenizer_config.json'),
          relative: path.posix.join(path.posix.dirname(spec.tokenizer.relative), 'tokenizer_config.json')
        }
      ]
    : []
  await resolveLfsFiles(repo, [...spec.train.filter(f => !f.external), ...tokenizerFiles], at.commit)
  // An external dataset is the production version's only through its pinned digest, fetched into the cache.
  await ensureExternalFiles(spec.train, fetch)
  return {
    model,
    version: at.version,
    commit: at.commit,
    tag: version?.tag ?? `${model}@${at.version}`,
    spec,
    config: registry.config
  }
}
