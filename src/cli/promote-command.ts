import path from 'node:path'
import { ConfigurationError } from '../errors.js'
import { LocalHost } from '../host/local-host.js'
import { git, gitTopLevel, resolveCommit } from '../registry/git.js'
import { promote } from '../release/promote.js'
import { localEvidence } from '../release/verify.js'
import type { Output } from './output.js'
import { registryShow } from './registry-commands.js'

export interface PromoteCommandOptions {
  registry: string
  model?: string
  pr?: number
  commit: string
  workDir: string
  stateDir: string
  reportDir: string
}

/**
 * `tunegate promote`: the promote action with the local host — tags in the local repository, releases in
 * .tunegate/releases, the record `tunegate evaluate` wrote and the run `tunegate train` left as evidence.
 */
export async function promoteCommand(
  {
    registry: registryDir,
    model: onlyModel,
    pr,
    commit: revision,
    workDir,
    stateDir,
    reportDir
  }: PromoteCommandOptions,
  out: Output
): Promise<number> {
  const repo = await gitTopLevel(path.resolve(registryDir))
  const commit = await resolveCommit(repo, revision)
  const head = await resolveCommit(repo, 'HEAD')
  // The fingerprints are derived from the working tree: it must be the commit that gets tagged.
  const dirty = (
    await git(repo, ['status', '--porcelain', '--', path.relative(repo, path.resolve(registryDir)) || '.'])
  ).trim()
  if (commit !== head || dirty)
    throw new ConfigurationError(
      `The registry's working tree is not ${revision} as committed (${commit !== head ? `HEAD is ${head.slice(0, 12)}` : 'uncommitted changes'}); check out and commit what you promote.`
    )
  const host = new LocalHost(path.resolve(stateDir), repo)
  const prNumber = pr ?? (await host.findPullRequestForCommit(commit))
  const pullRequest = prNumber !== undefined ? await host.getPullRequest(prNumber) : undefined
  const outcomes = await promote({
    registryDir,
    host,
    commit,
    ...(pullRequest ? { pullRequest } : {}),
    checkApprovals: pullRequest !== undefined,
    evidence: localEvidence(
      model => path.join(reportDir, 'evaluate', `evaluation-${model}.json`),
      (model, fp) => path.join(workDir, `${model}-${fp.slice(0, 16)}`)
    ),
    workDir: path.join(stateDir, 'promote'),
    reevaluate: model => `tunegate train --model ${model} && tunegate evaluate --model ${model}`,
    ...(onlyModel ? { models: [onlyModel] } : {}),
    log: m => out.error(m)
  })
  for (const r of outcomes) {
    if (r.status === 'promoted')
      out.line(`${r.model}: promoted ${r.tag} (${r.reason}); ${r.stageTag}; release ${r.releaseUrl}`)
    else if (r.status === 'unchanged') out.line(`${r.model}: unchanged (${r.reason})`)
    else {
      out.line(`${r.model}: BLOCKED — ${r.reason}`)
      for (const p of r.problems) out.line(`  - ${p}`)
      if (r.fix) out.line(`  fix: ${r.fix}`)
    }
    for (const n of r.notes) out.line(`  note: ${n}`)
  }
  await registryShow(registryDir, false, out, repo)
  return outcomes.some(r => r.status === 'blocked') ? 1 : 0
}
