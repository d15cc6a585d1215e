import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import * as core from '@actions/core'
import { ConfigurationError } from '../errors.js'
import type { Host, PullRequestInfo } from '../registry/host.js'
import { defaultBranchGovernance } from '../registry/default-branch.js'
import { git } from '../registry/git.js'
import { assertValid, loadRegistry } from '../registry/loader.js'
import { protectedStage, runStageCommand, STAGE_ACTIONS, type StageAction } from '../release/assign.js'
import { promote } from '../release/promote.js'
import { promotionMarkdown, stateChangeMarkdown } from '../release/report.js'
import { artifactEvidence } from '../release/verify.js'
import { githubHost, isPermissionError, readEvent, runUrl, stringInput } from './common.js'

export type PromoteMode = 'promote' | StageAction

export interface PromoteSettings {
  registry: string
  token: string
  mode: PromoteMode
  model?: string
  stage?: string
  version?: string
  /** Seconds to keep asking GitHub for the pull request of a pushed commit (its index lags behind merges). */
  pullRequestWait: number
  workDir: string
  workspace: string
}

/** Reads and checks the action's inputs. */
export function promoteSettings(): PromoteSettings {
  const mode = stringInput('action', { required: true })
  if (mode !== 'promote' && !STAGE_ACTIONS.includes(mode as StageAction))
    throw new ConfigurationError(`Invalid action '${mode}'. Expected promote, ${STAGE_ACTIONS.join(', ')}.`)
  const wait = Number(stringInput('pull-request-wait-seconds', { required: true }))
  if (!Number.isFinite(wait) || wait < 0 || wait > 600)
    throw new ConfigurationError(
      `Invalid pull-request-wait-seconds '${stringInput('pull-request-wait-seconds')}'. Expected 0 to 600.`
    )
  const s: PromoteSettings = {
    registry: stringInput('registry', { required: true }),
    token: stringInput('token', { required: true }),
    mode: mode as PromoteMode,
    ...(stringInput('model') ? { model: stringInput('model') } : {}),
    ...(stringInput('stage') ? { stage: stringInput('stage') } : {}),
    ...(stringInput('version') ? { version: stringInput('version') } : {}),
    pullRequestWait: wait,
    workDir: path.join(process.env.RUNNER_TEMP ?? '.tunegate', 'tunegate-promote'),
    workspace: process.env.GITHUB_WORKSPACE ?? process.cwd()
  }
  for (const [k, v] of Object.entries({ ...s, token: '***' })) core.debug(`${k}: ${String(v)}`)
  return s
}

/**
 * The merged pull request of this run: from a `pull_request: closed` event, or for a push the one GitHub
 * associates with the commit — asked again with backoff, since the association appears seconds after a merge —
 * keeping only a pull request that was merged with exactly this commit (squash, rebase and merge commits alike)
 * into the default branch: a pull request merged into `dev`, whose commit then reached main by a push, was
 * approved for `dev`, and its approvals are not counted for main.
 */
async function mergedPullRequest(
  host: Host,
  event: Record<string, unknown>,
  waitSeconds: number,
  defaultBranch: string
): Promise<{ pr?: PullRequestInfo; commit: string; reason?: string }> {
  const name = process.env.GITHUB_EVENT_NAME
  const intoDefault = (pr: PullRequestInfo) =>
    pr.baseRef === defaultBranch
      ? undefined
      : `pull request #${pr.number} was merged into '${pr.baseRef}', not the default branch '${defaultBranch}': its approvals were given for '${pr.baseRef}'. Open a pull request from '${pr.baseRef}' into '${defaultBranch}' and merge it with the approvals its tiers need`
  if (name === 'pull_request' || name === 'pull_request_target') {
    const p = event.pull_request as { number?: number; merged?: boolean; merge_commit_sha?: string } | undefined
    if (!p?.number) throw new ConfigurationError('The pull_request event has no pull request number.')
    if (event.action !== 'closed' || !p.merged || !p.merge_commit_sha)
      return { commit: '', reason: `pull request #${p.number} was not merged (event '${String(event.action)}')` }
    const pr = await host.getPullRequest(p.number)
    const elsewhere = intoDefault(pr)
    return elsewhere ? { commit: p.merge_commit_sha, reason: elsewhere } : { pr, commit: p.merge_commit_sha }
  }
  if (name !== 'push')
    throw new ConfigurationError(`The promote action runs on pull_request (closed) or push, not '${name}'.`)
  const commit = String(event.after ?? process.env.GITHUB_SHA ?? '')
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new ConfigurationError(`The push event has no commit ('${commit}').`)
  const deadline = Date.now() + waitSeconds * 1000
  let elsewhere: string | undefined
  for (let delay = 1000; ; delay *= 2) {
    for (const found of (await host.listPullRequestsForCommit(commit)).filter(
      p => p.mergedAt && p.mergeCommitSha === commit
    )) {
      const pr = await host.getPullRequest(found.number)
      elsewhere = intoDefault(pr)
      if (!elsewhere) return { pr, commit }
    }
    if (elsewhere) return { commit, reason: elsewhere }
    const left = deadline - Date.now()
    if (left <= 0) break
    core.info(`No merged pull request for ${commit.slice(0, 12)} yet; asking again in ${Math.min(delay, left)} ms`)
    await sleep(Math.min(delay, left))
  }
  return { commit, reason: `${commit.slice(0, 12)} is not the merge commit of a merged pull request` }
}

const GITHUB_TOKEN_WARNING =
  'This ran with GITHUB_TOKEN: tags and releases it makes start no workflows (a deploy workflow on `push: tags` will not run). Pass a GitHub App token in `token` (actions/create-github-app-token).'

/** Inputs → verify and promote the merge (or run a stage command) → tags, release, summary, one PR comment. */
export async function run(): Promise<void> {
  const s = promoteSettings()
  // The job checks out with fetch-depth: 0, so the model's tags are read from git, not one API call each.
  const host = githubHost(s.token, { checkout: s.workspace })
  const event = readEvent()
  if (s.mode !== 'promote') return await stageCommand(s, host, event)
  const defaultBranch = defaultBranchOf(event)
  const { pr, commit, reason } = await mergedPullRequest(host, event, s.pullRequestWait, defaultBranch)
  if (!pr) {
    const text = `Nothing to promote: ${reason ?? 'no merged pull request'}.`
    core.notice(text)
    await core.summary.addRaw(`### Tunegate: nothing to promote\n\n${text}\n`, true).write()
    core.setOutput('promoted', '[]')
    return
  }
  const head = (await git(s.workspace, ['rev-parse', 'HEAD'])).trim()
  if (head !== commit)
    throw new ConfigurationError(
      `The checkout is ${head.slice(0, 12)}, not the merge commit ${commit.slice(0, 12)}: check it out (actions/checkout with ref: ${commit}) so the fingerprints are derived from what was merged.`
    )
  const runId = Number(process.env.GITHUB_RUN_ID)
  const outcomes = await promote({
    registryDir: path.resolve(s.workspace, s.registry),
    host,
    commit,
    pullRequest: pr,
    checkApprovals: true,
    evidence: artifactEvidence(host, [pr.headSha, commit], path.join(s.workDir, 'evidence'), m => core.info(m)),
    ...(Number.isInteger(runId) ? { environmentApprovals: () => host.listEnvironmentApprovals(runId) } : {}),
    reevaluate: model =>
      `run the pull-request workflow (train and evaluate ${model}) on ${defaultBranch} at ${commit.slice(0, 12)}, e.g. \`gh workflow run <workflow> --ref ${defaultBranch}\`, or locally \`tunegate train --model ${model} && tunegate evaluate --model ${model}\``,
    ...(s.model ? { models: [s.model] } : {}),
    workDir: s.workDir,
    log: m => core.info(m)
  })
  const warnings: string[] = []
  for (const o of outcomes.filter(x => x.tag)) {
    const release = await host.getRelease(o.tag!)
    if (release?.author === 'github-actions[bot]' && !warnings.length) warnings.push(GITHUB_TOKEN_WARNING)
  }
  for (const w of warnings) core.warning(w)
  const url = runUrl()
  const markdown = promotionMarkdown(outcomes, { commit, pr: pr.number, warnings, ...(url ? { runUrl: url } : {}) })
  await core.summary.addRaw(markdown, true).write()
  try {
    await host.upsertCommentSection(pr.number, 'promote', markdown)
  } catch (e) {
    if (!isPermissionError(e)) throw e
    core.warning(
      `The token cannot comment on #${pr.number}: grant \`pull-requests: write\`. The report is in the job summary.`
    )
  }
  const promoted = outcomes.filter(o => o.status === 'promoted')
  core.setOutput(
    'promoted',
    JSON.stringify(promoted.map(o => ({ model: o.model, version: o.version, tag: o.tag, stage: o.stage })))
  )
  core.setOutput('tags', promoted.flatMap(o => [o.tag!, o.stageTag!]).join('\n'))
  const blocked = outcomes.filter(o => o.status === 'blocked')
  if (blocked.length)
    core.setFailed(
      `Promotion blocked: ${blocked.map(b => `${b.model}: ${b.reason} (${b.problems[0] ?? ''})`).join('; ')}`
    )
}

/** The repository's default branch, from the event's payload (every event that runs this action carries it). */
function defaultBranchOf(event: Record<string, unknown>): string {
  const branch = (event.repository as { default_branch?: unknown } | undefined)?.default_branch
  if (typeof branch !== 'string' || !branch)
    throw new ConfigurationError(
      `The ${process.env.GITHUB_EVENT_NAME ?? ''} event names no repository.default_branch: the default branch's registry.yaml decides who may promote, so it must be known.`
    )
  return branch
}

/**
 * workflow_dispatch: assign, unassign, roll back, deregister or deprecate, with the state before and after. The
 * dispatcher picks the branch; the stages, protected stages and tiers are the default branch's, never that one's.
 */
async function stageCommand(s: PromoteSettings, host: Host, event: Record<string, unknown>): Promise<void> {
  if (!s.model) throw new ConfigurationError(`The '${s.mode}' action needs the model input.`)
  const registry = await loadRegistry(path.resolve(s.workspace, s.registry))
  assertValid(registry)
  const model = registry.models.find(m => m.spec.name === s.model)
  if (!model) throw new ConfigurationError(`No model '${s.model}' in ${s.registry}.`)
  const branch = defaultBranchOf(event)
  const governance = await defaultBranchGovernance(path.resolve(s.workspace, s.registry), branch, model.file.relative)
  core.info(
    `Governance (stages, protected stages, risk tier '${governance.riskTier}') from ${governance.ref} at ${governance.commit.slice(0, 12)}`
  )
  const config = governance.config
  const command = {
    action: s.mode as StageAction,
    model: s.model,
    ...(s.stage ? { stage: s.stage } : {}),
    ...(s.version ? { version: s.version } : {}),
    // A deprecation tag goes on the default branch's head, not on the dispatched branch's.
    commit: governance.commit,
    ...(process.env.GITHUB_ACTOR ? { actor: process.env.GITHUB_ACTOR } : {})
  }
  const guarded = protectedStage(config, command)
  const env = config.risk_tiers[governance.riskTier]?.environment
  if (guarded) {
    if (!env)
      throw new ConfigurationError(
        `Stage '${guarded}' is protected (registry.yaml promotion.protected_stages on ${branch}), but risk tier '${governance.riskTier}' names no environment whose approval could allow the move. Add \`environment:\` to the tier.`
      )
    const actor = (process.env.GITHUB_ACTOR ?? '').toLowerCase()
    const approvals = await host.listEnvironmentApprovals(Number(process.env.GITHUB_RUN_ID))
    const ok = approvals.filter(
      a => a.state === 'approved' && a.environments.includes(env) && a.user.toLowerCase() !== actor
    )
    if (!ok.length)
      throw new ConfigurationError(
        `Stage '${guarded}' is protected: this run's deployment to environment '${env}' must be approved by someone other than ${process.env.GITHUB_ACTOR ?? 'the actor'}. Run the job with \`environment: ${env}\`.`
      )
  }
  const result = await runStageCommand(host, config, command)
  const markdown = [
    `### Tunegate: ${s.mode} ${s.model}`,
    '',
    `Created \`${result.tag}\`.`,
    '',
    stateChangeMarkdown(s.model, config.stages, result.before, result.after),
    ''
  ].join('\n')
  await core.summary.addRaw(markdown, true).write()
  core.setOutput('tags', result.tag)
}
