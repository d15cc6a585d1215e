import path from 'node:path'
import { ConfigurationError, errorMessage } from '../errors.js'
import { modelIdentity } from '../registry/fingerprint.js'
import { formatTag, nextCounter, parseTag } from '../registry/gto-tags.js'
import type { EnvironmentApproval, Host, PullRequestInfo } from '../registry/host.js'
import { assertValid, loadRegistry, type LoadedModel, type LoadedRegistry } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import { nextTagTime, resolveState } from '../registry/state.js'
import { withoutForeignStageTags } from '../registry/tag-provenance.js'
import { trainerIdentity } from '../training/backends.js'
import { tagMessage, type ReleaseManifest } from './manifest.js'
import { approvalsFor } from './promote-approvals.js'
import { releaseAssets } from './promote-assets.js'
import type { ModelOutcome, ModelPromotion } from './promote-context.js'
import { verifiedEvidence } from './promote-evidence.js'
import { nextVersion, startingPoint, type NextVersion } from './promote-version.js'
import { publishRelease, type AssetFile } from './release.js'
import type { EvidenceSource } from './verify.js'

export type { ModelOutcome } from './promote-context.js'

export interface PromoteOptions {
  /** The registry folder of the merged tree (a checkout of `commit`). */
  registryDir: string
  host: Host
  /** The merge commit: what gets tagged. */
  commit: string
  /** The merged pull request; undefined for a local promotion without one. */
  pullRequest?: PullRequestInfo
  evidence: EvidenceSource
  workDir: string
  /** Local promotions without a pull request have no reviews to check: said in the report and the manifest. */
  checkApprovals: boolean
  /** This run's environment approvals (GitHub); undefined where none can be read. */
  environmentApprovals?: () => Promise<EnvironmentApproval[]>
  /** The command that re-evaluates the merge commit, shown when the evaluation is of another tree. */
  reevaluate: (model: string) => string
  /** Only these models (default: every model whose training fingerprint changed). */
  models?: string[]
  /** Largest release asset; bigger archives are split into parts. */
  maxAssetBytes?: number
  now?: () => number
  log?: (m: string) => void
}

/** The stage a merge of this model lands in: its tier's, else the registry's, else the first stage. */
export function landingStage(config: RegistryConfig, tier: string): string {
  const stage = config.risk_tiers[tier]?.landing_stage ?? config.promotion.landing_stage ?? config.stages[0]!
  if (!config.stages.includes(stage))
    throw new ConfigurationError(
      `registry.yaml: landing stage '${stage}' (risk tier '${tier}') is not one of the stages ${config.stages.join(', ')}`
    )
  return stage
}

/**
 * Promotes what a merge changed: for each model whose training fingerprint differs from its latest version's,
 * verifies the evaluation evidence against the merged tree and the approvals against its risk tier, and only
 * then tags the version, publishes its release and assigns its landing stage. A re-run resumes: an existing
 * tag on the merge commit is reused, a draft release is resumed, a published release is left alone.
 */
export async function promote({ models, log: logTo, ...options }: PromoteOptions): Promise<ModelOutcome[]> {
  const log = logTo ?? (() => undefined)
  const registry = await loadRegistry(options.registryDir)
  assertValid(registry)
  const names = models ?? registry.models.map(m => m.spec.name)
  const outcomes: ModelOutcome[] = []
  for (const name of names) {
    const model = registry.models.find(m => m.spec.name === name)
    if (!model) throw new ConfigurationError(`No model '${name}' in ${options.registryDir}`)
    try {
      outcomes.push(await promoteModel({ ...options, registry, model, log }))
    } catch (e) {
      outcomes.push({
        model: name,
        status: 'blocked',
        reason: 'promotion failed',
        partial: true,
        problems: [errorMessage(e)],
        fix: 'Fix the cause and re-run the job: a re-run finishes what this one started, without duplicates.',
        notes: []
      })
    }
  }
  return outcomes
}

/**
 * One model's promotion, step by step: where it starts (resumed, unchanged or new), the evidence verified,
 * the approvals counted, the version chosen, the release's assets built, then the writes. Each step before the
 * writes may stop it with a blocked outcome, nothing written.
 */
async function promoteModel({
  registryDir,
  host,
  commit,
  pullRequest,
  evidence: source,
  workDir,
  checkApprovals,
  environmentApprovals,
  reevaluate,
  maxAssetBytes,
  now,
  registry,
  model,
  log
}: Omit<PromoteOptions, 'models' | 'log'> & {
  registry: LoadedRegistry & { config: RegistryConfig }
  model: LoadedModel
  log: (m: string) => void
}): Promise<ModelOutcome> {
  const promotion = await modelPromotion(host, registry.config, model)
  const start = startingPoint(promotion, commit)
  if ('outcome' in start) return start.outcome

  // Verify before any write.
  const verified = await verifiedEvidence({ promotion, registryDir, host, evidence: source, workDir, reevaluate, log })
  if ('outcome' in verified) return verified.outcome
  const approval = await approvalsFor({
    promotion,
    host,
    commit,
    pullRequest,
    checkApprovals,
    environmentApprovals
  })
  if ('outcome' in approval) return approval.outcome

  const releaseDir = path.join(workDir, promotion.name, 'release')
  const next = await nextVersion({
    promotion,
    host,
    resumed: start.resumed,
    workDir: releaseDir,
    ...(now ? { now } : {})
  })
  log(`${promotion.name}: ${next.version} (${next.bump.level}: ${next.bump.reason})`)
  const { assets, manifest, card } = await releaseAssets({
    promotion,
    registryRoot: registry.root,
    evidence: verified.evidence,
    next,
    commit,
    pullRequest,
    approvers: approval.approvers,
    workDir: releaseDir,
    maxAssetBytes
  })
  return writeVersion({
    promotion,
    host,
    commit,
    next,
    manifest,
    card,
    assets,
    approvers: approval.approvers,
    now,
    log
  })
}

/** What every step reads of one model: its tier, identity, tags and state, and the notes on foreign stage tags. */
async function modelPromotion(host: Host, config: RegistryConfig, model: LoadedModel): Promise<ModelPromotion> {
  const name = model.spec.name
  const tier = config.risk_tiers[model.spec.risk_tier]
  if (!tier)
    throw new ConfigurationError(`${model.file.display}: risk tier '${model.spec.risk_tier}' is not in registry.yaml`)
  const identity = await modelIdentity(model, trainerIdentity(model.spec))
  const tags = await host.listTags(name)
  const notes: string[] = withoutForeignStageTags(tags).foreign.map(
    f => `${f.tag} was not made by Tunegate's promotion (${f.reason}): it is not taken for the stage`
  )
  return {
    name,
    model,
    config,
    tier,
    identity,
    fp: identity.training_fingerprint,
    tags,
    state: resolveState(tags).get(name),
    notes,
    blocked: (reason, problems, fix) => ({
      model: name,
      status: 'blocked',
      reason,
      problems,
      ...(fix ? { fix } : {}),
      notes
    })
  }
}

/** The writes, each one reused on a re-run: the version tag, the release, the landing stage's tag. */
async function writeVersion({
  promotion: { name, model, config, notes },
  host,
  commit,
  next: { version, bump, tag, taggedAt },
  manifest,
  card,
  assets,
  approvers,
  now,
  log
}: {
  promotion: ModelPromotion
  host: Host
  commit: string
  next: NextVersion
  manifest: ReleaseManifest
  card: string
  assets: AssetFile[]
  approvers: string[]
  now: (() => number) | undefined
  log: (m: string) => void
}): Promise<ModelOutcome> {
  const created = await host.createTag(tag, commit, tagMessage(manifest), { taggedAt })
  log(`${name}: tag ${tag} ${created === 'created' ? 'created' : 'already there (reused)'}`)
  const release = await publishRelease(host, { tag, title: `${name} ${version}`, body: card, assets }, log)
  const stage = landingStage(config, model.spec.risk_tier)
  const after = await host.listTags(name)
  const assigned = after.find(t => {
    const p = parseTag(t.name)
    return t.annotated && p.ok && p.model === name && p.action === 'assign' && p.stage === stage && t.commit === commit
  })
  let stageTag = assigned?.name
  if (!stageTag) {
    stageTag = formatTag({
      action: 'assign',
      model: name,
      stage,
      counter: nextCounter(
        name,
        after.map(t => t.name)
      )
    })
    await host.createTag(stageTag, commit, `${name} ${version} lands in ${stage}\n`, {
      taggedAt: nextTagTime(name, after, now?.())
    })
    log(`${name}: ${stageTag}`)
  } else log(`${name}: already assigned to ${stage} by ${stageTag}`)
  return {
    model: name,
    status: 'promoted',
    reason: `${bump.level}: ${bump.reason}`,
    problems: [],
    version,
    bump: bump.level,
    tag,
    stage,
    stageTag,
    releaseUrl: release.url,
    approvers,
    notes: release.state === 'already published' ? [...notes, 'release was already published: left alone'] : notes
  }
}
