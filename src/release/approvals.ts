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

/** What GitHub knows about the reviewers and the last push, read before judging (the judging stays pure). */
export interface ReviewAccess {
  /** Each reviewer's access by lower-case login (`admin`, `write`, `read`, `none`); a reviewer not in it has none. */
  access: ReadonlyMap<string, string>
  /** Who pushed the head commit; empty when it cannot be told. */
  lastPushers: readonly string[]
}

/** Access levels whose reviews GitHub counts toward required approvals. */
const WRITE_ACCESS = new Set(['admin', 'write'])

// States GitHub reports for a review; COMMENTED and PENDING carry no opinion.
const OPINIONATED = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'])

/**
 * Judges a pull request's reviews against a tier: distinct reviewers other than the author, each counted
 * by their latest opinionated review (COMMENTED ignored, a later CHANGES_REQUESTED overrides an earlier
 * APPROVED, a DISMISSED review counts for nothing), and, when the tier says so, only approvals of the head commit.
 * As GitHub's own rules: only reviewers with write access count, for approving and for requesting changes, and
 * whoever pushed the head commit cannot approve it (on a bot's pull request, the person who pushed onto it);
 * when who pushed it cannot be told, no approval counts.
 */
export function judgeApprovals(
  reviews: Review[],
  pr: { author: string; headSha: string },
  rule: ApprovalRule,
  access: ReviewAccess
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
  const pushers = new Set(access.lastPushers.map(p => p.toLowerCase()))
  for (const [who, r] of latest) {
    if (who === pr.author.toLowerCase()) {
      if (r.state === 'APPROVED') ignored.push(`${r.user}: the pull request's author cannot approve it`)
      continue
    }
    const level = access.access.get(who) ?? 'none'
    if (!WRITE_ACCESS.has(level)) {
      if (r.state !== 'DISMISSED')
        ignored.push(
          `${r.user}: has ${level === 'none' ? 'no' : level} access to the repository, not write; GitHub does not count the review`
        )
      continue
    }
    if (r.state === 'APPROVED' && pushers.has(who)) {
      ignored.push(`${r.user}: pushed the head commit ${pr.headSha.slice(0, 7)}, so cannot approve it`)
      continue
    }
    if (r.state === 'APPROVED' && !pushers.size) {
      ignored.push(
        `${r.user}: who pushed the head commit ${pr.headSha.slice(0, 7)} cannot be told, so no approval counts`
      )
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
