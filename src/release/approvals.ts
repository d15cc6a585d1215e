import type { Review } from '../registry/host.js'

/** What a risk tier asks of the reviews of a merged pull request. */
export interface ApprovalRule {
  tier: string
  approvals: number
  /** Only approvals of the head commit count (an approval given before the last push is stale). */
  headCommitOnly: boolean
}

export interface ApprovalVerdict {
  ok: boolean
  /** Reviewers whose latest opinionated review approves (and counts). */
  approvers: string[]
  /** Why it fails, one line each; empty when ok. */
  problems: string[]
  /** Reviews that were left out and why: shown so a reviewer sees why their approval did not count. */
  ignored: string[]
}

// States GitHub reports for a review; COMMENTED and PENDING carry no opinion.
const OPINIONATED = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'])

/**
 * Judges a pull request's reviews against a tier: distinct reviewers other than the author, each counted
 * by their latest opinionated review (COMMENTED ignored, a later CHANGES_REQUESTED overrides an earlier
 * APPROVED, a DISMISSED review counts for nothing), and, when the tier says so, only approvals of the head commit.
 */
export function judgeApprovals(
  reviews: Review[],
  pr: { author: string; headSha: string },
  rule: ApprovalRule
): ApprovalVerdict {
  const latest = new Map<string, Review>()
  const ignored: string[] = []
  // GitHub lists reviews oldest first; submitted_at orders them when present.
  const ordered = reviews
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.submittedAt ?? '').localeCompare(b.r.submittedAt ?? '') || a.i - b.i)
    .map(x => x.r)
  for (const r of ordered) {
    const who = r.user.toLowerCase()
    if (!who) continue
    if (!OPINIONATED.has(r.state)) continue
    latest.set(who, r)
  }
  const approvers: string[] = []
  const blocking: string[] = []
  for (const [who, r] of latest) {
    if (who === pr.author.toLowerCase()) {
      if (r.state === 'APPROVED') ignored.push(`${r.user}: the pull request's author cannot approve it`)
      continue
    }
    if (r.state === 'CHANGES_REQUESTED') blocking.push(r.user)
    else if (r.state === 'DISMISSED') ignored.push(`${r.user}: review dismissed`)
    else if (r.state === 'APPROVED') {
      if (rule.headCommitOnly && r.commitId !== pr.headSha)
        ignored.push(
          `${r.user}: approved ${r.commitId.slice(0, 7) || 'an earlier commit'}, not the head commit ${pr.headSha.slice(0, 7)} (stale)`
        )
      else approvers.push(r.user)
    }
  }
  const problems: string[] = []
  if (blocking.length) problems.push(`changes requested by ${blocking.join(', ')} (their latest review)`)
  if (approvers.length < rule.approvals)
    problems.push(
      `risk tier '${rule.tier}' needs ${rule.approvals} approval${rule.approvals === 1 ? '' : 's'} from reviewers other than the author${rule.headCommitOnly ? ' of the head commit' : ''}; it has ${approvers.length}${approvers.length ? ` (${approvers.join(', ')})` : ''}`
    )
  return { ok: problems.length === 0, approvers: approvers.sort(), problems, ignored }
}
