import type { EnvironmentApproval, Host, PullRequestInfo } from '../registry/host.js'
import { judgeApprovals, type ReviewAccess } from './approvals.js'
import type { ModelOutcome, ModelPromotion } from './promote-context.js'

/** Each reviewer's access to the repository and who pushed the head commit, as GitHub tells them. */
async function reviewAccess(host: Host, pr: PullRequestInfo): Promise<ReviewAccess> {
  const reviewers = [...new Set(pr.reviews.map(r => r.user.toLowerCase()).filter(Boolean))]
  const levels = await Promise.all(reviewers.map(async u => [u, await host.repositoryAccess(u)] as const))
  return { access: new Map(levels), lastPushers: await host.headPushers(pr) }
}

/**
 * The approvers the model's risk tier asks for, from the merged pull request's reviews and, where the tier
 * names an environment, this run's deployment approvals; a promotion without enough of them is blocked.
 */
export async function approvalsFor({
  promotion: { model, tier, notes, blocked },
  host,
  commit,
  pullRequest: pr,
  checkApprovals,
  environmentApprovals
}: {
  promotion: ModelPromotion
  host: Host
  commit: string
  pullRequest: PullRequestInfo | undefined
  checkApprovals: boolean
  environmentApprovals: (() => Promise<EnvironmentApproval[]>) | undefined
}): Promise<{ outcome: ModelOutcome } | { approvers: string[] }> {
  let approvers: string[] = []
  if (checkApprovals) {
    if (!pr)
      return { outcome: blocked('no pull request', [`${commit.slice(0, 12)} is not the merge of a pull request`]) }
    const verdict = judgeApprovals(
      pr.reviews,
      pr,
      { tier: model.spec.risk_tier, approvals: tier.approvals, headCommitOnly: tier.head_commit_approvals },
      await reviewAccess(host, pr)
    )
    notes.push(...verdict.ignored.map(i => `not counted: ${i}`))
    if (!verdict.ok)
      return {
        outcome: blocked(
          'not enough approvals',
          verdict.problems,
          `Approvals are read from the merged pull request #${pr.number}: an approval after the fact does not count here; open a new pull request (or revert and re-merge) with the approvals, then it promotes.`
        )
      }
    approvers = verdict.approvers
    if (tier.environment) {
      const env = tier.environment
      const reviews = (await environmentApprovals?.()) ?? []
      const ok = reviews.filter(
        r => r.state === 'approved' && r.environments.includes(env) && r.user.toLowerCase() !== pr.author.toLowerCase()
      )
      if (!ok.length)
        return {
          outcome: blocked(
            `environment '${env}' not approved`,
            [
              `risk tier '${model.spec.risk_tier}' needs this run's deployment to environment '${env}' approved by someone other than the author; ${reviews.length ? `found: ${reviews.map(r => `${r.user} ${r.state} ${r.environments.join('+')}`).join(', ')}` : 'this run has no environment approval'}`
            ],
            `Run the promote job with \`environment: ${env}\` (with required reviewers) and approve the deployment.`
          )
        }
      notes.push(`environment ${env} approved by ${ok.map(r => r.user).join(', ')}`)
    }
  } else notes.push('approvals not checked: a local promotion without a pull request')
  return { approvers }
}
