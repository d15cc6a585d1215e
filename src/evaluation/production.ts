import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Host } from '../registry/host.js'
import { readTags, resolveState } from '../registry/state.js'
import { evaluationRecordSchema, type EvaluationRecord } from './record.js'

/** The release asset that holds a version's evaluation record. */
export const EVALUATION_ASSET = 'evaluation.json'

/**
 * The version at the production stage (resolved from the repository's GTO tags) and its evaluation
 * record from the release's assets; undefined for a model's first version.
 */
export async function productionBaseline(
  host: Host,
  repoDir: string,
  model: string,
  stage: string
): Promise<{ version: string; tag: string; record: EvaluationRecord } | undefined> {
  const state = resolveState(await readTags(repoDir)).get(model)
  const at = state?.stages[stage]
  if (!at) return undefined
  const version = state.versions.find(v => v.version === at.version)
  const tag = version?.tag ?? `${model}@${at.version}`
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-baseline-'))
  try {
    const file = path.join(dir, EVALUATION_ASSET)
    if (!(await host.downloadReleaseAsset(tag, EVALUATION_ASSET, file))) {
      throw new Error(
        `${model} ${at.version} is in ${stage}, but its release ${tag} has no ${EVALUATION_ASSET}; ` +
          'cannot compare with it'
      )
    }
    const parsed = evaluationRecordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')))
    if (!parsed.success)
      throw new Error(
        `${tag}/${EVALUATION_ASSET} is not a tunegate.evaluation/v1 record: ${parsed.error.issues[0]?.message ?? ''}`
      )
    return { version: at.version, tag, record: parsed.data }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
