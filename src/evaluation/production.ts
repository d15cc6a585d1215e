import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ConfigurationError } from '../errors.js'
import type { Host } from '../registry/host.js'
import { readTags, resolveState } from '../registry/state.js'
import { withoutForeignStageTags } from '../registry/tag-provenance.js'
import { parseEvaluationRecord, type EvaluationRecord } from './record.js'

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
  // Only stage tags Tunegate made: a hand-pushed `model#production#N` does not choose the baseline.
  const state = resolveState(withoutForeignStageTags(await readTags(repoDir)).tags).get(model)
  const at = state?.stages[stage]
  if (!at) return undefined
  const version = state.versions.find(v => v.version === at.version)
  const tag = version?.tag ?? `${model}@${at.version}`
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-baseline-'))
  try {
    const file = path.join(dir, EVALUATION_ASSET)
    // A version registered by hand (a tag pushed without Tunegate's promotion) has no release to compare with:
    // the user's to fix, so a ConfigurationError naming the version and the way out, never "internal error".
    if (!(await host.downloadReleaseAsset(tag, EVALUATION_ASSET, file)))
      throw new ConfigurationError(
        `${model} ${at.version} is in ${stage} (${at.tag}), but ${tag} has no GitHub release with ${EVALUATION_ASSET}: ` +
          'it was not released by Tunegate’s promotion (a version or stage tag pushed by hand?), so there is no evaluation to compare with. ' +
          `Assign ${stage} to a version Tunegate released (the promote workflow's rollback or assign), or promote ${model} through a merged pull request.`
      )
    let json: unknown
    try {
      json = JSON.parse(await readFile(file, 'utf8'))
    } catch {
      json = undefined
    }
    const parsed = parseEvaluationRecord(json)
    if (!parsed.success)
      throw new ConfigurationError(
        `${tag}/${EVALUATION_ASSET} (${model} ${at.version} in ${stage}) is not a tunegate.evaluation/v1 record: ${parsed.error.issues[0]?.message ?? ''}`
      )
    return { version: at.version, tag, record: parsed.data }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
