import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ConfigurationError, errorMessage } from '../errors.js'
import { EVALUATION_ASSET } from '../evaluation/production.js'
import { modelVerdict } from '../evaluation/verdict.js'
import { fileDigest, sha256 } from '../registry/digest.js'
import { modelIdentity } from '../registry/fingerprint.js'
import { formatTag, nextCounter, parseTag } from '../registry/gto-tags.js'
import type { EnvironmentApproval, Host, PullRequestInfo } from '../registry/host.js'
import { assertValid, loadRegistry, type LoadedModel, type LoadedRegistry } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import { nextTagTime, resolveState, type TagRecord } from '../registry/state.js'
import { withoutForeignStageTags } from '../registry/tag-provenance.js'
import { trainerIdentity } from '../training/backends.js'
import type { RunManifest } from '../training/contract.js'
import { trainReleaseAssetName } from '../training/train.js'
import { judgeApprovals, type ReviewAccess } from './approvals.js'
import { MAX_ASSET_BYTES, sha256sums, splitFile, zipOutputs } from './archive.js'
import {
  buildLineage,
  buildManifest,
  fingerprintOfTagMessage,
  inputsOfManifest,
  MANIFEST_ASSET,
  modelFiles,
  tagMessage,
  versionInputs,
  type ReleaseManifest
} from './manifest.js'
import { modelCard } from './model-card.js'
import { releasedOutputs } from './released-outputs.js'
import { publishRelease, type AssetFile } from './release.js'
import { MissingEvidenceError, verifyEvidence, type EvidenceSource } from './verify.js'
import { chooseVersion } from './versioning.js'

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

export interface ModelOutcome {
  model: string
  status: 'promoted' | 'unchanged' | 'blocked'
  reason: string
  problems: string[]
  fix?: string
  version?: string
  bump?: string
  tag?: string
  stage?: string
  stageTag?: string
  releaseUrl?: string
  approvers?: string[]
  notes: string[]
  /** Blocked after some writes (a tag, a draft): a re-run finishes them. */
  partial?: boolean
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

/** Each reviewer's access to the repository and who pushed the head commit, as GitHub tells them. */
async function reviewAccess(host: Host, pr: PullRequestInfo): Promise<ReviewAccess> {
  const reviewers = [...new Set(pr.reviews.map(r => r.user.toLowerCase()).filter(Boolean))]
  const levels = await Promise.all(reviewers.map(async u => [u, await host.repositoryAccess(u)] as const))
  return { access: new Map(levels), lastPushers: await host.headPushers(pr) }
}

const registerTags = (model: string, tags: TagRecord[]) =>
  tags.flatMap(t => {
    const p = parseTag(t.name)
    return t.annotated && p.ok && p.model === model && p.action === 'register' ? [{ ...t, version: p.version! }] : []
  })

/** The version numbers any tag of the model holds, and the tags among them that GTO does not count. */
function takenVersions(model: string, tags: TagRecord[]): { versions: string[]; foreign: string[] } {
  const versions: string[] = []
  const foreign: string[] = []
  for (const t of tags) {
    const p = parseTag(t.name)
    if (!p.ok || p.model !== model || (p.action !== 'register' && p.action !== 'deregister')) continue
    versions.push(p.version!)
    if (!t.annotated) foreign.push(t.name)
  }
  return { versions, foreign }
}

/**
 * Promotes what a merge changed: for each model whose training fingerprint differs from its latest version's,
 * verifies the evaluation evidence against the merged tree and the approvals against its risk tier, and only
 * then tags the version, publishes its release and assigns its landing stage. A re-run resumes: an existing
 * tag on the merge commit is reused, a draft release is resumed, a published release is left alone.
 */
export async function promote(o: PromoteOptions): Promise<ModelOutcome[]> {
  const log = o.log ?? (() => undefined)
  const registry = await loadRegistry(o.registryDir)
  assertValid(registry)
  const names = o.models ?? registry.models.map(m => m.spec.name)
  const outcomes: ModelOutcome[] = []
  for (const name of names) {
    const model = registry.models.find(m => m.spec.name === name)
    if (!model) throw new ConfigurationError(`No model '${name}' in ${o.registryDir}`)
    try {
      outcomes.push(await promoteModel(o, registry, model, log))
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

async function promoteModel(
  o: PromoteOptions,
  registry: LoadedRegistry & { config: RegistryConfig },
  model: LoadedModel,
  log: (m: string) => void
): Promise<ModelOutcome> {
  const name = model.spec.name
  const config = registry.config
  const tier = config.risk_tiers[model.spec.risk_tier]
  if (!tier)
    throw new ConfigurationError(`${model.file.display}: risk tier '${model.spec.risk_tier}' is not in registry.yaml`)
  const identity = await modelIdentity(model, trainerIdentity(model.spec))
  const fp = identity.training_fingerprint
  const tags = await o.host.listTags(name)
  const state = resolveState(tags).get(name)
  const registrations = registerTags(name, tags)
  const notes: string[] = withoutForeignStageTags(tags).foreign.map(
    f => `${f.tag} was not made by Tunegate's promotion (${f.reason}): it is not taken for the stage`
  )
  const blocked = (reason: string, problems: string[], fix?: string): ModelOutcome => ({
    model: name,
    status: 'blocked',
    reason,
    problems,
    ...(fix ? { fix } : {}),
    notes
  })

  // A version of this model already on the merge commit: ours from an interrupted run (resume), or a conflict.
  const here = registrations.filter(r => r.commit === o.commit)
  if (here.length > 1)
    return blocked('several versions on one commit', [
      `${here.map(h => h.name).join(', ')} all point at ${o.commit.slice(0, 12)}`
    ])
  const resumed = here[0]
  if (resumed && fingerprintOfTagMessage(resumed.message) !== fp)
    return blocked('the merge commit already has a version', [
      `${resumed.name} is already on ${o.commit.slice(0, 12)} with another training fingerprint; gto allows one version of a model per commit`
    ])
  const latest = state?.latest
  const latestTag = latest ? registrations.find(r => r.name === latest.tag) : undefined
  if (!resumed && latestTag && fingerprintOfTagMessage(latestTag.message) === fp)
    return {
      model: name,
      status: 'unchanged',
      reason: `training fingerprint unchanged since ${latest!.version}`,
      problems: [],
      notes
    }

  // Verify before any write.
  let evidence
  try {
    evidence = await o.evidence(name)
  } catch (e) {
    if (e instanceof MissingEvidenceError)
      return blocked(
        'no evaluation to verify',
        [e.message],
        'Run the pull request workflow (train, evaluate) and re-run this job.'
      )
    throw e
  }
  log(`${name}: evaluation record from ${evidence.recordSource}; outputs from ${evidence.runSource}`)
  const failure = await verifyEvidence({
    registryDir: o.registryDir,
    model: name,
    identity,
    evidence,
    host: o.host,
    workDir: path.join(o.workDir, 'verify'),
    hasBaselineTrainerGate: model.spec.evaluation.gates.some(g => g.beat_baseline_trainer),
    policy: config.policy.inconclusive,
    reevaluate: o.reevaluate(name),
    log
  })
  if (failure) return blocked('verification failed', failure.problems, failure.fix)
  // Verified above: a blocking verdict never gets here, so an inconclusive one is let through by `warn`.
  const evaluated = modelVerdict(evidence.record, config.policy.inconclusive)
  if (evaluated.state === 'inconclusive')
    notes.push(
      `inconclusive, promoted under registry.yaml's policy.inconclusive: warn: ${evaluated.deciding
        .map(g => `${g.metric}${g.slice !== 'all' ? ` on ${g.slice}` : ''}: ${g.reason}`)
        .join('; ')}`
    )
  log(`${name}: fingerprints, predictions, metrics and gates verified against the merged tree`)

  let approvers: string[] = []
  const pr = o.pullRequest
  if (o.checkApprovals) {
    if (!pr) return blocked('no pull request', [`${o.commit.slice(0, 12)} is not the merge of a pull request`])
    const verdict = judgeApprovals(
      pr.reviews,
      pr,
      { tier: model.spec.risk_tier, approvals: tier.approvals, headCommitOnly: tier.head_commit_approvals },
      await reviewAccess(o.host, pr)
    )
    notes.push(...verdict.ignored.map(i => `not counted: ${i}`))
    if (!verdict.ok)
      return blocked(
        'not enough approvals',
        verdict.problems,
        `Approvals are read from the merged pull request #${pr.number}: an approval after the fact does not count here; open a new pull request (or revert and re-merge) with the approvals, then it promotes.`
      )
    approvers = verdict.approvers
    if (tier.environment) {
      const env = tier.environment
      const reviews = (await o.environmentApprovals?.()) ?? []
      const ok = reviews.filter(
        r => r.state === 'approved' && r.environments.includes(env) && r.user.toLowerCase() !== pr.author.toLowerCase()
      )
      if (!ok.length)
        return blocked(
          `environment '${env}' not approved`,
          [
            `risk tier '${model.spec.risk_tier}' needs this run's deployment to environment '${env}' approved by someone other than the author; ${reviews.length ? `found: ${reviews.map(r => `${r.user} ${r.state} ${r.environments.join('+')}`).join(', ')}` : 'this run has no environment approval'}`
          ],
          `Run the promote job with \`environment: ${env}\` (with required reviewers) and approve the deployment.`
        )
      notes.push(`environment ${env} approved by ${ok.map(r => r.user).join(', ')}`)
    }
  } else notes.push('approvals not checked: a local promotion without a pull request')

  // The version.
  let version: string
  let bump: { level: ReleaseManifest['bump']['level']; reason: string }
  const workDir = path.join(o.workDir, name, 'release')
  await rm(workDir, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })
  let previousManifest: ReleaseManifest | undefined
  // The version this one follows: the newest active one that is not this merge's own (on a resumed run).
  const previous = state?.versions.find(v => v.registered && v.active && v.tag && v.version !== resumed?.version)
  const parent = previous ? { version: previous.version, tag: previous.tag! } : null
  if (resumed) {
    // The interrupted run chose the version; its release manifest (if it got that far) holds the reason.
    version = resumed.version
    const title = resumed.message.split('\n')[0] ?? ''
    const m = /\((major|minor|patch|first): (.*)\)$/.exec(title)
    bump = { level: (m?.[1] as ReleaseManifest['bump']['level']) ?? 'minor', reason: m?.[2] ?? 'resumed' }
    notes.push(`resuming: ${resumed.name} is already on the merge commit`)
  } else {
    if (parent) {
      const file = path.join(workDir, 'previous-manifest.json')
      if (await o.host.downloadReleaseAsset(parent.tag, MANIFEST_ASSET, file))
        previousManifest = JSON.parse(await readFile(file, 'utf8')) as ReleaseManifest
    }
    // Every version name a tag already holds is taken, a lightweight or hand-made one included: GTO ignores
    // those tags, but the name is theirs, and choosing it would block this model's every promotion.
    const taken = takenVersions(name, tags)
    for (const t of taken.foreign)
      notes.push(`${t} is not a version Tunegate registered (a lightweight or hand-made tag): its number is skipped`)
    const choice = chooseVersion(
      parent ? { version: parent.version, inputs: inputsOfManifest(previousManifest) } : undefined,
      versionInputs(model, identity),
      taken.versions
    )
    version = choice.version
    bump = { level: choice.bump, reason: choice.reason }
  }
  const tag = formatTag({ action: 'register', model: name, version })
  const taggedAt = resumed?.taggedAt ?? nextTagTime(name, tags, o.now?.())
  log(`${name}: ${version} (${bump.level}: ${bump.reason})`)

  // The assets, byte-identical on a re-run.
  const run = JSON.parse(await readFile(path.join(evidence.runDir, 'run.json'), 'utf8')) as RunManifest
  const archiveName = trainReleaseAssetName(name, fp)
  const archivePath = path.join(workDir, archiveName)
  const repoRoot = path.dirname(path.resolve(registry.root))
  const lineage = buildLineage({
    model,
    identity,
    files: await modelFiles(model, repoRoot),
    choice: { version, bump: bump.level, reason: bump.reason },
    tag,
    commit: o.commit,
    registeredAt: taggedAt,
    parent,
    pullRequest: pr ? { number: pr.number, url: pr.url, author: pr.author, head_sha: pr.headSha, approvers } : null,
    run,
    record: evidence.record
  })
  const card = modelCard(model, lineage, evidence.record)
  // The archive carries the card, the registry's base model and the label names, whatever the trainer left.
  const released = await releasedOutputs(evidence.runDir, model.spec, card)
  const archive = await zipOutputs(evidence.runDir, archivePath, released)
  const maxBytes = o.maxAssetBytes ?? MAX_ASSET_BYTES
  const parts = archive.bytes > maxBytes ? await splitFile(archivePath, maxBytes) : []
  const releasedRun = released.get('run.json')
  const manifest = buildManifest(
    lineage,
    releasedRun ? (JSON.parse(releasedRun.toString('utf8')) as RunManifest).outputs : run.outputs,
    {
      name: archiveName,
      sha256: archive.sha256,
      bytes: archive.bytes,
      parts: parts.map(p => ({ name: p.name, sha256: p.sha256, bytes: p.bytes }))
    }
  )
  const write = async (file: string, text: string): Promise<AssetFile> => {
    const p = path.join(workDir, file)
    await writeFile(p, text)
    return { name: file, path: p, sha256: sha256(text) }
  }
  const assets: AssetFile[] = [
    { ...(await write('README.md', card)), contentType: 'text/markdown' },
    { ...(await write(MANIFEST_ASSET, JSON.stringify(manifest, null, 2) + '\n')), contentType: 'application/json' },
    {
      ...(await write(EVALUATION_ASSET, JSON.stringify(evidence.record, null, 2) + '\n')),
      contentType: 'application/json'
    },
    ...(parts.length
      ? parts.map(p => ({ name: p.name, path: p.path, sha256: p.sha256 }))
      : [
          {
            name: archiveName,
            path: archivePath,
            sha256: await fileDigest(archivePath),
            contentType: 'application/zip'
          }
        ])
  ]
  // SHA256SUMS lists every asset, and for a split archive the whole archive too (checked after joining).
  const sums = sha256sums([
    ...assets.map(a => ({ name: a.name, sha256: a.sha256 })),
    ...(parts.length ? [{ name: archiveName, sha256: archive.sha256 }] : [])
  ])
  assets.push({ ...(await write('SHA256SUMS', sums)), contentType: 'text/plain' })

  // Writes: the version tag, the release, the stage tag.
  const created = await o.host.createTag(tag, o.commit, tagMessage(manifest), { taggedAt })
  log(`${name}: tag ${tag} ${created === 'created' ? 'created' : 'already there (reused)'}`)
  const release = await publishRelease(o.host, { tag, title: `${name} ${version}`, body: card, assets }, log)
  const stage = landingStage(config, model.spec.risk_tier)
  const after = await o.host.listTags(name)
  const assigned = after.find(t => {
    const p = parseTag(t.name)
    return (
      t.annotated && p.ok && p.model === name && p.action === 'assign' && p.stage === stage && t.commit === o.commit
    )
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
    await o.host.createTag(stageTag, o.commit, `${name} ${version} lands in ${stage}\n`, {
      taggedAt: nextTagTime(name, after, o.now?.())
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
