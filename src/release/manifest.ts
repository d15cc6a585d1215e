import path from 'node:path'
import { contentDigest } from '../registry/digest.js'
import { whatIsTrained, type ModelIdentity } from '../registry/fingerprint.js'
import type { LoadedModel, RegistryFile } from '../registry/loader.js'
import type { EvaluationRecord } from '../evaluation/record.js'
import type { RunManifest } from '../training/contract.js'
import type { VersionChoice, VersionInputs } from './versioning.js'

/** The release asset that holds a version's lineage. */
export const MANIFEST_ASSET = 'manifest.json'

/** `tunegate.manifest/v1`: a version's lineage, as released in manifest.json and summarised in its tag. */
export interface ReleaseManifest {
  schema: 'tunegate.manifest/v1'
  model: string
  version: string
  tag: string
  commit: string
  /** The tagger time of the version tag (ISO 8601): the release is byte-identical on a re-run. */
  registered_at: string
  bump: { level: VersionChoice['bump']; reason: string }
  parent: { version: string; tag: string } | null
  pull_request: { number: number; url: string; author: string; head_sha: string; approvers: string[] } | null
  training_fingerprint: string
  evaluation_fingerprint: string
  training_inputs: Record<string, unknown>
  evaluation_inputs: Record<string, unknown>
  prompt_variables: string[]
  base_model: { id: string; revision: string; architecture: string }
  task_family: string
  method: string
  trainer: { name: string; version: string }
  /** Every file the version was made from, repository-relative, with its sha256. */
  files: { path: string; role: string; sha256: string }[]
  runner: RunManifest['runner']
  gpu_seconds: number
  cost: RunManifest['cost']
  /**
   * The training outputs (adapter, predictions, events) with their digests, as released: the trainer's files,
   * with the adapter's config, labels and card made to work outside the runner (the archive's run.json agrees).
   */
  outputs: RunManifest['outputs']
  /** The release archive of the outputs, or its parts when it is over the asset size limit. */
  archive: { name: string; sha256: string; bytes: number; parts: { name: string; sha256: string; bytes: number }[] }
  evaluation: { verdict: string; predictions_sha256: string; baseline: string | null }
}

/** The repository-relative digests of every file a model's version depends on. */
export async function modelFiles(model: LoadedModel, repoRoot: string): Promise<ReleaseManifest['files']> {
  const entries: [string, RegistryFile][] = [
    ['spec', model.file],
    ['prompt', model.prompt.file],
    ...model.train.map(f => ['train', f] as [string, RegistryFile]),
    ...model.eval.map(f => ['eval', f] as [string, RegistryFile]),
    ...(model.outputSchemaFile ? [['output_schema', model.outputSchemaFile] as [string, RegistryFile]] : []),
    ...(model.tokenizer ? [['tokenizer', model.tokenizer] as [string, RegistryFile]] : []),
    ...(model.bannedTerms ? [['banned_terms', model.bannedTerms] as [string, RegistryFile]] : []),
    ...(model.injectionProbes ? [['injection_probes', model.injectionProbes] as [string, RegistryFile]] : [])
  ]
  // An external dataset is named by its URI and pinned by its declared digest (it is not in the repository).
  return Promise.all(
    entries.map(async ([role, f]) => {
      const external = f.external
      return {
        path: external ? external.uri : path.relative(repoRoot, f.absolute).split(path.sep).join('/'),
        role,
        sha256: external ? external.sha256 : await contentDigest(f.absolute)
      }
    })
  )
}

/** The inputs the bump rule compares, from the merged tree's identity. */
export function versionInputs(model: LoadedModel, identity: ModelIdentity): VersionInputs {
  return {
    training_fingerprint: identity.training_fingerprint,
    training_inputs: identity.training_inputs,
    prompt_variables: model.prompt.spec.variables.map(v => v.name)
  }
}

/** The inputs of an earlier version, from its manifest; undefined when it is not a tunegate.manifest/v1. */
export function inputsOfManifest(value: unknown): VersionInputs | undefined {
  const m = value as Partial<ReleaseManifest> | undefined
  if (m?.schema !== 'tunegate.manifest/v1' || typeof m.training_fingerprint !== 'string' || !m.training_inputs)
    return undefined
  return {
    training_fingerprint: m.training_fingerprint,
    training_inputs: m.training_inputs,
    prompt_variables: Array.isArray(m.prompt_variables) ? m.prompt_variables.map(String) : []
  }
}

/** The annotated tag's message: a title line, then `key: value` lines that `fingerprintOfTagMessage` reads back. */
export function tagMessage(m: ReleaseManifest): string {
  const lines = [
    `${m.model} ${m.version} (${m.bump.level}: ${m.bump.reason})`,
    '',
    `training_fingerprint: ${m.training_fingerprint}`,
    `evaluation_fingerprint: ${m.evaluation_fingerprint}`,
    `base_model: ${m.base_model.id}@${m.base_model.revision}`,
    `trainer: ${m.trainer.name} ${m.trainer.version}`,
    `parent: ${m.parent?.version ?? 'none'}`,
    `pull_request: ${m.pull_request ? `#${m.pull_request.number} by ${m.pull_request.author}` : 'none'}`,
    `approved_by: ${m.pull_request?.approvers.join(', ') || 'none'}`,
    `evaluation: ${m.evaluation.verdict}${m.evaluation.baseline ? ` against ${m.evaluation.baseline}` : ''}`
  ]
  return lines.join('\n') + '\n'
}

/** The training fingerprint a version tag's message records, if it has one. */
export function fingerprintOfTagMessage(message: string): string | undefined {
  return /^training_fingerprint: ([0-9a-f]{64})$/m.exec(message)?.[1]
}

/** A version's manifest before its archive is made: what the model card is written from. */
export type VersionLineage = Omit<ReleaseManifest, 'outputs' | 'archive'>

/** Builds the lineage of a new version from what was verified. */
export function buildLineage({
  model,
  identity,
  files,
  choice,
  tag,
  commit,
  registeredAt,
  parent,
  pullRequest,
  run,
  record
}: {
  model: LoadedModel
  identity: ModelIdentity
  files: ReleaseManifest['files']
  choice: VersionChoice
  tag: string
  commit: string
  registeredAt: number
  parent: { version: string; tag: string } | null
  pullRequest: ReleaseManifest['pull_request']
  run: RunManifest
  record: EvaluationRecord
}): VersionLineage {
  const spec = model.spec
  return {
    schema: 'tunegate.manifest/v1',
    model: spec.name,
    version: choice.version,
    tag,
    commit,
    registered_at: new Date(registeredAt * 1000).toISOString(),
    bump: { level: choice.bump, reason: choice.reason },
    parent,
    pull_request: pullRequest,
    training_fingerprint: identity.training_fingerprint,
    evaluation_fingerprint: identity.evaluation_fingerprint,
    training_inputs: identity.training_inputs,
    evaluation_inputs: identity.evaluation_inputs,
    prompt_variables: model.prompt.spec.variables.map(v => v.name),
    ...whatIsTrained(spec),
    trainer: run.trainer,
    files,
    runner: run.runner,
    gpu_seconds: run.gpu_seconds,
    cost: run.cost,
    evaluation: {
      verdict: record.verdict,
      predictions_sha256: record.predictions_sha256,
      baseline: record.baseline?.version ?? null
    }
  }
}

/** The manifest of a new version: its lineage, the outputs as released and the archive that holds them. */
export function buildManifest(
  lineage: VersionLineage,
  outputs: ReleaseManifest['outputs'],
  archive: ReleaseManifest['archive']
): ReleaseManifest {
  const { evaluation, ...rest } = lineage
  return { ...rest, outputs, archive, evaluation }
}
