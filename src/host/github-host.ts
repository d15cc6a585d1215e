import { artifactAttempt, attemptArtifactName, STATUS_CONTEXT } from '../constants.js'
import { readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { ConfigurationError } from '../errors.js'
import { sha256 } from '../registry/digest.js'
import { appendToLfsObject, parseLfsPointer, pushLfsObject } from '../registry/lfs.js'
import { mergeSection, readSections, STICKY_MARKER, stickyBody, type StickyWrite } from '../report/sticky-comment.js'
import { readTagObjects, type TagRecord } from '../registry/state.js'
import type {
  ArtifactInfo,
  AssetInfo,
  CommitPullRequest,
  CommitStatus,
  CommitStatusRecord,
  EnvironmentApproval,
  ReleaseInfo,
  TagOptions,
  WorkflowRunInfo,
  WorkflowRunOrigin,
  Host,
  IssueChange,
  PullRequestChange,
  PullRequestInfo,
  ReleaseAsset,
  ReleaseRef,
  Written
} from '../registry/host.js'
import { appendNewLines, episodeBranch, keyMarker, MAX_EPISODES } from '../registry/host.js'
import type { GitHubClient } from './octokit-client.js'
import { TUNEGATE_TAGGER } from '../registry/tag-provenance.js'
import { unzipTo } from '../registry/unzip.js'

export interface GitHubHostOptions {
  owner: string
  repo: string
  /** Milliseconds to wait before re-reading a written comment to check no parallel job overwrote it. */
  settleMs?: number
  log?: (message: string) => void
  /** The workflow run this host works for: its artifacts of every attempt are found by name. */
  run?: { id: number; attempt: number }
  /**
   * A checkout of the repository (remote 'origin'): git-lfs makes and uploads LFS objects for appends there, and
   * tag objects found there (actions/checkout with fetch-depth: 0) are read from git, so listing a model's tags
   * costs one API call however many it has.
   */
  checkout?: string
}

/** Tag objects read one API call each when the checkout lacks them; past this, listing tags fails. */
export const MAX_TAG_OBJECT_READS = 20

interface CommentLike {
  id: number
  body?: string | null
  html_url: string
  user: { type?: string; login?: string } | null
}

/** The Host on GitHub's REST API through the retrying, throttled octokit client. */
export class GitHubHost implements Host {
  private readonly repoParams: { owner: string; repo: string }
  private readonly settleMs: number
  private readonly log: (message: string) => void

  constructor(
    private readonly octokit: GitHubClient,
    options: GitHubHostOptions
  ) {
    this.repoParams = { owner: options.owner, repo: options.repo }
    this.settleMs = options.settleMs ?? 1500
    this.log = options.log ?? (() => undefined)
    this.run = options.run
    this.checkout = options.checkout
  }

  private readonly checkout: string | undefined
  /** Annotated tags by tag object id: the checkout's (read once), then each one written or read here. */
  private tagObjects: Promise<Map<string, TagRecord>> | undefined

  private knownTagObjects(): Promise<Map<string, TagRecord>> {
    const dir = this.checkout
    return (this.tagObjects ??= dir
      ? readTagObjects(dir).catch((e: unknown) => {
          this.log(`No tags read from the checkout at ${dir}: ${e instanceof Error ? e.message : String(e)}`)
          return new Map<string, TagRecord>()
        })
      : Promise.resolve(new Map<string, TagRecord>()))
  }

  private readonly run: { id: number; attempt: number } | undefined

  private self: Promise<string | undefined> | undefined

  /** The login of a user token (PAT); undefined for workflow and App tokens, which GET /user refuses. */
  private tokenLogin(): Promise<string | undefined> {
    this.self ??= this.octokit.rest.users.getAuthenticated().then(
      r => r.data.login,
      () => undefined
    )
    return this.self
  }

  /**
   * Bot comments opening with the marker that this token may not edit (GitHub answered 403): another App's.
   * Which bot this token is cannot be asked of GitHub for an App's installation token; an edit it refuses can.
   */
  private readonly othersComments = new Set<number>()

  /** Edits a sticky comment; false (and never again) when GitHub refuses because it is another identity's. */
  private async editSticky(id: number, body: string): Promise<boolean> {
    try {
      await this.octokit.rest.issues.updateComment({ ...this.repoParams, comment_id: id, body })
      return true
    } catch (e) {
      if ((e as { status?: number }).status !== 403) throw e
      this.log(`comment ${id} opens with Tunegate's marker but is not this token's to edit: it is left alone`)
      this.othersComments.add(id)
      return false
    }
  }

  private async stickyComments(pr: number): Promise<CommentLike[]> {
    const comments = (
      await this.octokit.paginate(this.octokit.rest.issues.listComments, {
        ...this.repoParams,
        issue_number: pr,
        per_page: 100
      })
    )
      // The marker opens Tunegate's comment: one that only quotes it further down is someone else's.
      .filter(c => (c.body ?? '').startsWith(STICKY_MARKER) && !this.othersComments.has(c.id))
    // Only comments this token could have written — a bot's, or the token's own user's — count:
    // a person quoting the marker must not take the report over. GET /user only when a person's comment
    // holds the marker: with a workflow or App token it is a refused call on every write.
    const login = comments.some(c => c.user?.type !== 'Bot') ? await this.tokenLogin() : undefined
    return comments
      .filter(c => c.user?.type === 'Bot' || (login !== undefined && c.user?.login === login))
      .sort((a, b) => a.id - b.id)
  }

  async upsertCommentSection(
    pr: number,
    section: string,
    markdown: string
  ): Promise<{ url: string; changed: boolean }> {
    let changed = false
    for (let attempt = 1; attempt <= 6; attempt++) {
      const written = await this.writeSticky(pr, { section, markdown })
      const target = written.comment
      changed ||= written.changed
      if (written.created) {
        // Two jobs may create the comment at the same moment: the oldest wins, the others fold into it.
        const again = await this.stickyComments(pr)
        if (again[0] && again[0].id !== target.id) {
          await this.octokit.rest.issues.deleteComment({ ...this.repoParams, comment_id: target.id })
          continue
        }
      }
      // GitHub has no conditional update: re-read after the other jobs' writes have landed, and write again if ours was lost.
      if (await this.sectionHolds(target.id, section, markdown)) {
        await sleep(this.settleMs)
        if (await this.sectionHolds(target.id, section, markdown)) return { url: target.html_url, changed }
      }
      this.log(`comment section '${section}' was overwritten by a parallel job; writing it again (attempt ${attempt})`)
      await sleep(Math.floor(Math.random() * this.settleMs))
    }
    throw new Error(
      `Could not keep section '${section}' in the pull request comment after 6 attempts; another job keeps overwriting it.`
    )
  }

  async upsertCommentSections(
    pr: number,
    sections: Map<string, string>,
    footer = ''
  ): Promise<{ url: string; changed: boolean }> {
    const { comment, changed } = await this.writeSticky(pr, { sections, footer })
    return { url: comment.html_url, changed }
  }

  /**
   * The one write of the sticky comment: create it, or update the oldest one (sections of the same author's
   * duplicates folded in by a section write) when its body would change. A comment GitHub refuses to let this
   * token edit is another identity's: it is left alone and the next one (or a new one) is ours.
   */
  private async writeSticky(
    pr: number,
    write: StickyWrite
  ): Promise<{ comment: CommentLike; changed: boolean; created: boolean }> {
    for (;;) {
      const [first, ...rest] = await this.stickyComments(pr)
      if (!first) {
        const body = stickyBody(undefined, write)
        const { data } = await this.octokit.rest.issues.createComment({ ...this.repoParams, issue_number: pr, body })
        return { comment: data, changed: true, created: true }
      }
      const duplicates = rest.filter(d => d.user?.login === first.user?.login)
      const next = stickyBody(
        first.body ?? undefined,
        write,
        duplicates.map(d => d.body ?? undefined)
      )
      if (next === first.body) return { comment: first, changed: false, created: false }
      // editSticky files a refused comment as another's, so the next listing leaves it out: the loop ends.
      if (await this.editSticky(first.id, next)) return { comment: first, changed: true, created: false }
    }
  }

  private async sectionHolds(commentId: number, section: string, markdown: string): Promise<boolean> {
    const { data } = await this.octokit.rest.issues.getComment({ ...this.repoParams, comment_id: commentId })
    const expected = readSections(mergeSection(undefined, section, markdown)).get(section)
    return readSections(data.body ?? undefined).get(section) === expected
  }

  async setCommitStatus(sha: string, status: CommitStatus): Promise<void> {
    await this.octokit.rest.repos.createCommitStatus({
      ...this.repoParams,
      sha,
      state: status.state,
      context: status.context ?? STATUS_CONTEXT,
      // GitHub cuts descriptions at 140 characters; cut them ourselves so the end is not mid-word.
      description: status.description.length > 140 ? status.description.slice(0, 139) + '…' : status.description,
      ...(status.targetUrl ? { target_url: status.targetUrl } : {})
    })
  }

  async getPullRequest(pr: number): Promise<PullRequestInfo> {
    const { data } = await this.octokit.rest.pulls.get({ ...this.repoParams, pull_number: pr })
    const [files, reviews] = await Promise.all([
      this.octokit.paginate(this.octokit.rest.pulls.listFiles, { ...this.repoParams, pull_number: pr, per_page: 100 }),
      this.octokit.paginate(this.octokit.rest.pulls.listReviews, { ...this.repoParams, pull_number: pr, per_page: 100 })
    ])
    return {
      number: data.number,
      title: data.title,
      author: data.user.login,
      state: data.state === 'open' ? 'open' : 'closed',
      merged: data.merged,
      mergeCommitSha: data.merge_commit_sha ?? undefined,
      headSha: data.head.sha,
      baseSha: data.base.sha,
      headRef: data.head.ref,
      baseRef: data.base.ref,
      fromFork: data.head.repo?.full_name !== data.base.repo.full_name,
      url: data.html_url,
      changedFiles: files.map(f => ({
        path: f.filename,
        status: f.status,
        ...(f.previous_filename ? { previousPath: f.previous_filename } : {})
      })),
      reviews: reviews.map(r => ({
        user: r.user?.login ?? '',
        state: r.state,
        commitId: r.commit_id ?? '',
        ...(r.submitted_at ? { submittedAt: r.submitted_at } : {})
      }))
    }
  }

  async repositoryAccess(user: string): Promise<string> {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({
        ...this.repoParams,
        username: user
      })
      // `permission` is the base a custom or `maintain` role builds on: admin, write, read or none.
      return data.permission
    } catch (e) {
      if ((e as { status?: number }).status === 404) return 'none'
      throw e
    }
  }

  async headPushers(pr: PullRequestInfo): Promise<string[]> {
    if (!pr.fromFork) {
      // The newest activities of the head branch: the push that made it the head commit is among them.
      const { data } = await this.octokit.rest.repos.listActivities({
        ...this.repoParams,
        ref: `refs/heads/${pr.headRef}`,
        per_page: 100
      })
      const actors = data
        .filter(a => a.after === pr.headSha && a.activity_type !== 'branch_deletion')
        .map(a => a.actor?.login ?? '')
        .filter(Boolean)
      if (actors.length) return [...new Set(actors)]
    }
    const { data } = await this.octokit.rest.repos.getCommit({ ...this.repoParams, ref: pr.headSha })
    return [...new Set([data.author?.login ?? '', data.committer?.login ?? ''].filter(Boolean))]
  }

  async listPullRequestsForCommit(sha: string): Promise<CommitPullRequest[]> {
    const { data } = await this.octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      ...this.repoParams,
      commit_sha: sha,
      per_page: 100
    })
    return data.map(p => ({
      number: p.number,
      ...(p.merged_at ? { mergedAt: p.merged_at } : {}),
      ...(p.merge_commit_sha ? { mergeCommitSha: p.merge_commit_sha } : {})
    }))
  }

  async findPullRequestForCommit(sha: string): Promise<number | undefined> {
    return (await this.listPullRequestsForCommit(sha)).find(p => p.mergedAt && p.mergeCommitSha === sha)?.number
  }

  async createTag(name: string, sha: string, message: string, options: TagOptions = {}): Promise<'created' | 'exists'> {
    const existing = await this.tagTarget(name)
    if (existing !== undefined) {
      if (existing === sha) return 'exists'
      throw new ConfigurationError(
        `Tag '${name}' already exists on ${existing.slice(0, 12)}, not ${sha.slice(0, 12)}; tags are never moved.`
      )
    }
    const tagger = options.tagger ?? TUNEGATE_TAGGER
    await needs('contents: write', 'create tags', async () => {
      // The tag object first (it carries the tagger and its time), then the ref that names it.
      const { data: tag } = await this.octokit.rest.git.createTag({
        ...this.repoParams,
        tag: name,
        message,
        object: sha,
        type: 'commit',
        tagger: {
          ...tagger,
          ...(options.taggedAt !== undefined
            ? { date: new Date(options.taggedAt * 1000).toISOString().replace(/\.\d+Z$/, 'Z') }
            : {})
        }
      })
      await this.octokit.rest.git.createRef({ ...this.repoParams, ref: `refs/tags/${name}`, sha: tag.sha })
      // Kept, so listing tags after this write needs no call for it.
      const known = await this.knownTagObjects()
      known.set(tag.sha, {
        name,
        commit: sha,
        taggedAt: Math.floor(Date.parse(tag.tagger.date) / 1000),
        annotated: true,
        tagger: tag.tagger.name,
        taggerEmail: tag.tagger.email,
        message: tag.message.replace(/\n$/, '')
      })
    })
    return 'created'
  }

  async listTags(model?: string): Promise<TagRecord[]> {
    const prefix = model === undefined ? 'tags/' : `tags/${model.replace(':', '=')}`
    // GitHub answers matching-refs with every match in one response (the endpoint takes no page parameters).
    const { data: refs } = await this.octokit.rest.git.listMatchingRefs({ ...this.repoParams, ref: prefix })
    const known = await this.knownTagObjects()
    // Tags the checkout lacks were written since it was made (promotions are serialised, so normally none but
    // this run's own, which createTag keeps): read each by API, a bounded few, so the cost stays fixed.
    const missing = refs.filter(r => r.object.type === 'tag' && !known.has(r.object.sha))
    if (missing.length > MAX_TAG_OBJECT_READS)
      throw new ConfigurationError(
        `${missing.length} tags matching '${prefix}' on GitHub are not in ${this.checkout ? `the checkout at ${this.checkout}` : 'a checkout'} (${missing
          .slice(0, 3)
          .map(r => r.ref.replace(/^refs\/tags\//, ''))
          .join(
            ', '
          )}, …); reading them would cost one API call each. Check the repository out with its tags (actions/checkout with fetch-depth: 0), or run 'git fetch --tags' before this step.`
      )
    for (const ref of missing) {
      const { data } = await this.octokit.rest.git.getTag({ ...this.repoParams, tag_sha: ref.object.sha })
      known.set(ref.object.sha, {
        name: data.tag,
        commit: data.object.sha,
        taggedAt: Math.floor(Date.parse(data.tagger.date) / 1000),
        annotated: true,
        tagger: data.tagger.name,
        taggerEmail: data.tagger.email,
        message: data.message.replace(/\n$/, '')
      })
    }
    const tags = refs.map((ref): TagRecord => {
      const name = ref.ref.replace(/^refs\/tags\//, '')
      const object = ref.object.type === 'tag' ? known.get(ref.object.sha) : undefined
      return object
        ? { ...object, name }
        : { name, commit: ref.object.sha, taggedAt: 0, annotated: false, tagger: '', message: '' }
    })
    return tags.sort((a, b) => (a.name < b.name ? -1 : 1))
  }

  async getRelease(tag: string): Promise<ReleaseInfo | undefined> {
    const found = await this.releaseOfTag(tag)
    if (!found) return undefined
    const ref = toReleaseRef(found)
    return {
      ...ref,
      assets: await this.listReleaseAssets(ref),
      ...(found.author?.login ? { author: found.author.login } : {})
    }
  }

  /**
   * The release of a tag in at most two calls, however many releases the repository has: GET /releases/tags/{tag}
   * finds a published one; a draft, which that endpoint does not see, is looked for among the newest page of
   * releases (a draft left by a stalled promotion is among the newest).
   */
  private async releaseOfTag(tag: string) {
    try {
      return (await this.octokit.rest.repos.getReleaseByTag({ ...this.repoParams, tag })).data
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw e
    }
    const { data } = await this.octokit.rest.repos.listReleases({ ...this.repoParams, per_page: 100 })
    return data.find(r => r.tag_name === tag && r.draft)
  }

  async listReleaseAssets(release: ReleaseRef): Promise<AssetInfo[]> {
    const assets = await this.octokit.paginate(this.octokit.rest.repos.listReleaseAssets, {
      ...this.repoParams,
      release_id: release.id,
      per_page: 100
    })
    return assets.map(a => ({ name: a.name, size: a.size, ...(a.digest ? { digest: a.digest } : {}) }))
  }

  async listWorkflowRuns(filter: { headSha: string }): Promise<WorkflowRunInfo[]> {
    const runs = await this.octokit.paginate(this.octokit.rest.actions.listWorkflowRunsForRepo, {
      ...this.repoParams,
      head_sha: filter.headSha,
      per_page: 100
    })
    return runs.map(r => ({
      id: r.id,
      headSha: r.head_sha,
      event: r.event,
      status: r.status ?? '',
      ...(r.conclusion ? { conclusion: r.conclusion } : {}),
      createdAt: r.created_at
    }))
  }

  async listEnvironmentApprovals(runId: number): Promise<EnvironmentApproval[]> {
    const { data } = await needs('actions: read', 'read the environment approvals of this run', () =>
      this.octokit.rest.actions.getReviewsForRun({ ...this.repoParams, run_id: runId })
    )
    return data.map(a => ({
      user: a.user.login,
      state: a.state,
      environments: a.environments.map(e => e.name ?? '').filter(Boolean)
    }))
  }

  /** The commit a tag points at, or undefined when there is no such tag. */
  private async tagTarget(name: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.git.getRef({ ...this.repoParams, ref: `tags/${name}` })
      if (data.object.type === 'commit') return data.object.sha
      const { data: tag } = await this.octokit.rest.git.getTag({ ...this.repoParams, tag_sha: data.object.sha })
      return tag.object.sha
    } catch (e) {
      if ((e as { status?: number }).status === 404) return undefined
      throw e
    }
  }

  async createDraftRelease(tag: string, name: string, body: string): Promise<ReleaseRef> {
    const existing = await this.releaseOfTag(tag)
    if (existing) return this.reuseDraft(existing, name, body)
    try {
      const { data } = await needs('contents: write', 'create releases', () =>
        this.octokit.rest.repos.createRelease({ ...this.repoParams, tag_name: tag, name, body, draft: true })
      )
      return toReleaseRef(data)
    } catch (e) {
      if ((e as { status?: number }).status !== 422) throw e
      // A draft of this tag older than the newest page of releases (rare): found by listing them all.
      const releases = await this.octokit.paginate(this.octokit.rest.repos.listReleases, {
        ...this.repoParams,
        per_page: 100
      })
      const older = releases.find(r => r.tag_name === tag)
      if (!older) throw e
      return this.reuseDraft(older, name, body)
    }
  }

  /** A release found for a tag: a draft gets the new title and notes; a published one is never changed. */
  private async reuseDraft(
    existing: { id: number; tag_name: string; draft: boolean; html_url: string; upload_url: string } & {
      name: string | null
      body?: string | null
    },
    name: string,
    body: string
  ): Promise<ReleaseRef> {
    if (!existing.draft)
      throw new ConfigurationError(
        `Release ${existing.tag_name} is already published; a published release is never changed.`
      )
    if (existing.body !== body || existing.name !== name)
      await this.octokit.rest.repos.updateRelease({ ...this.repoParams, release_id: existing.id, body, name })
    return toReleaseRef(existing)
  }

  async uploadReleaseAsset(release: ReleaseRef, asset: ReleaseAsset): Promise<void> {
    const bytes = await readFile(asset.path)
    const digest = `sha256:${sha256(bytes)}`
    const name = asset.name || path.basename(asset.path)
    const assets = await this.octokit.paginate(this.octokit.rest.repos.listReleaseAssets, {
      ...this.repoParams,
      release_id: release.id,
      per_page: 100
    })
    const same = assets.find(a => a.name === name)
    if (same) {
      if (same.digest === digest || (!same.digest && same.size === (await stat(asset.path)).size)) return
      throw new ConfigurationError(
        `Release ${release.tag} already has an asset '${name}' with other content; assets are never overwritten.`
      )
    }
    await needs('contents: write', 'upload release assets', () =>
      this.octokit.request({
        method: 'POST',
        url: release.uploadUrl,
        name,
        data: bytes,
        headers: { 'content-type': asset.contentType ?? 'application/octet-stream', 'content-length': bytes.length }
      })
    )
  }

  async downloadReleaseAsset(tag: string, name: string, destination: string): Promise<boolean> {
    let release
    try {
      release = (await this.octokit.rest.repos.getReleaseByTag({ ...this.repoParams, tag })).data
    } catch (e) {
      if ((e as { status?: number }).status === 404) return false
      throw e
    }
    const asset = release.assets.find(a => a.name === name)
    if (!asset) return false
    const { data } = await this.octokit.rest.repos.getReleaseAsset({
      ...this.repoParams,
      asset_id: asset.id,
      headers: { accept: 'application/octet-stream' }
    })
    await writeFile(destination, Buffer.from(data as unknown as ArrayBuffer))
    return true
  }

  async listCommitStatuses(sha: string): Promise<CommitStatusRecord[]> {
    const statuses = await this.octokit.paginate(this.octokit.rest.repos.listCommitStatusesForRef, {
      ...this.repoParams,
      ref: sha,
      per_page: 100
    })
    return statuses.map(s => ({
      context: s.context,
      state: s.state,
      description: s.description ?? '',
      ...(s.target_url ? { targetUrl: s.target_url } : {})
    }))
  }

  async publishRelease(release: ReleaseRef): Promise<string> {
    const { data } = await needs('contents: write', 'publish releases', () =>
      this.octokit.rest.repos.updateRelease({ ...this.repoParams, release_id: release.id, draft: false })
    )
    return data.html_url
  }

  async upsertPullRequest(change: PullRequestChange): Promise<Written> {
    // This episode's branch: the first of branch, branch-2, … with an open PR or with no PR ever.
    // A closed or merged PR's branch is left alone, so nothing reopens it or lands on it.
    let branch = change.branch
    let existing:
      | { number: number; html_url: string; title: string; body: string | null; user: { login: string } | null }
      | undefined
    for (let n = 1; ; n++) {
      if (n > MAX_EPISODES)
        throw new ConfigurationError(
          `Branches ${change.branch} to ${episodeBranch(change.branch, MAX_EPISODES)} all have closed pull requests; delete old ones.`
        )
      branch = episodeBranch(change.branch, n)
      const prs = await this.octokit.paginate(this.octokit.rest.pulls.list, {
        ...this.repoParams,
        head: `${this.repoParams.owner}:${branch}`,
        state: 'all',
        per_page: 100
      })
      existing = prs.find(p => p.state === 'open')
      if (existing || prs.length === 0) break
    }
    const { data: baseRef } = await this.octokit.rest.git.getRef({ ...this.repoParams, ref: `heads/${change.base}` })
    let branchHead: string | undefined
    try {
      branchHead = (await this.octokit.rest.git.getRef({ ...this.repoParams, ref: `heads/${branch}` })).data.object.sha
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw e
    }
    if (branchHead && branchHead !== baseRef.object.sha) await this.refuseForeignCommits(branch, change.base, existing)
    // The new commit goes on top of the branch as it is (never a force-push), or of the base for a new branch.
    const parent = branchHead ?? baseRef.object.sha
    const { data: parentCommit } = await this.octokit.rest.git.getCommit({ ...this.repoParams, commit_sha: parent })
    const files = { ...change.files }
    for (const [p, addition] of Object.entries(change.append ?? {})) {
      const current = files[p] ?? (await this.fileAt(parent, p)) ?? ''
      files[p] = parseLfsPointer(current)
        ? await this.appendToLfsFile(p, current, addition)
        : appendNewLines(current, addition)
    }
    const { data: tree } = await this.octokit.rest.git.createTree({
      ...this.repoParams,
      base_tree: parentCommit.tree.sha,
      tree: Object.entries(files).map(([p, content]) => ({
        path: p,
        mode: '100644' as const,
        type: 'blob' as const,
        content
      }))
    })
    let changed = false
    if (tree.sha !== parentCommit.tree.sha) {
      const { data: commit } = await this.octokit.rest.git.createCommit({
        ...this.repoParams,
        message: change.commitMessage,
        tree: tree.sha,
        parents: [parent]
      })
      if (branchHead)
        await this.octokit.rest.git.updateRef({
          ...this.repoParams,
          ref: `heads/${branch}`,
          sha: commit.sha,
          force: false
        })
      else
        await this.octokit.rest.git.createRef({
          ...this.repoParams,
          ref: `refs/heads/${branch}`,
          sha: commit.sha
        })
      changed = true
    }
    if (existing) {
      if (existing.title !== change.title || existing.body !== change.body) {
        await this.octokit.rest.pulls.update({
          ...this.repoParams,
          pull_number: existing.number,
          title: change.title,
          body: change.body
        })
        changed = true
      }
      return { number: existing.number, url: existing.html_url, created: false, changed, branch }
    }
    const { data: created } = await this.octokit.rest.pulls.create({
      ...this.repoParams,
      head: branch,
      base: change.base,
      title: change.title,
      body: change.body
    })
    if (change.labels?.length)
      await this.octokit.rest.issues.addLabels({
        ...this.repoParams,
        issue_number: created.number,
        labels: change.labels
      })
    return { number: created.number, url: created.html_url, created: true, changed: true, branch }
  }

  /**
   * Refuses a branch that holds commits Tunegate did not make (a person's or another bot's push to the
   * bot's pull request): the next commit would carry them into retraining, and removing them would need a
   * force-push that loses them. Tunegate's commits are those of the account that opened the pull request.
   */
  private async refuseForeignCommits(
    branch: string,
    base: string,
    pr: { number: number; user: { login: string } | null } | undefined
  ): Promise<void> {
    const { data } = await this.octokit.rest.repos.compareCommitsWithBasehead({
      ...this.repoParams,
      basehead: `${base}...${branch}`,
      per_page: 100
    })
    const bot = pr?.user?.login
    // GitHub signs commits made in its web editor as web-flow: the author still names the person.
    const foreign = data.commits.filter(
      c => !bot || c.author?.login !== bot || ![bot, 'web-flow'].includes(c.committer?.login ?? '')
    )
    if (data.total_commits > data.commits.length || foreign.length) {
      const first = foreign[0] ?? data.commits[data.commits.length - 1]
      const who = first ? `${first.sha.slice(0, 7)} by ${first.author?.login ?? 'an unknown account'}` : ''
      throw new ConfigurationError(
        bot
          ? `Branch ${branch} has commits not made by Tunegate (${who}); nothing was pushed to it. Review and remove them from pull request #${pr!.number} (or close it) and run drift again.`
          : `Branch ${branch} has commits that are not on ${base} and no open pull request (${who}); nothing was pushed to it. Delete the branch or merge it, and run drift again.`
      )
    }
  }

  /**
   * Appends to an LFS-tracked file: the new object is made in the checkout with git-lfs and uploaded to
   * the repository's LFS store before the commit that points at it is made through the API.
   */
  private async appendToLfsFile(file: string, pointer: string, addition: string): Promise<string> {
    if (!this.checkout)
      throw new ConfigurationError(
        `${file} is tracked by Git LFS: appending to it needs a checkout of the repository with git-lfs, and this step has none.`
      )
    const appended = await appendToLfsObject(this.checkout, pointer, addition, file)
    if (appended.changed) await pushLfsObject(this.checkout, 'origin', appended.pointer, file)
    return appended.text
  }

  /** A file's text at a commit (raw media type: up to 100 MB), or undefined when the commit has no such file. */
  private async fileAt(sha: string, file: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.repos.getContent({
        ...this.repoParams,
        path: file,
        ref: sha,
        mediaType: { format: 'raw' }
      })
      return typeof data === 'string' ? data : Buffer.from(data as unknown as ArrayBuffer).toString('utf8')
    } catch (e) {
      if ((e as { status?: number }).status === 404) return undefined
      throw e
    }
  }

  async dispatchWorkflow(workflow: string, ref: string, inputs?: Record<string, string>): Promise<void> {
    await this.octokit.rest.actions.createWorkflowDispatch({
      ...this.repoParams,
      workflow_id: workflow,
      ref,
      ...(inputs ? { inputs } : {})
    })
  }

  async upsertIssue(change: IssueChange): Promise<Written> {
    const marker = keyMarker(change.key)
    const body = `${marker}\n${change.body}`
    const login = await this.tokenLogin()
    // Only an issue this token could have written counts (a person quoting the marker must not have their
    // issue rewritten); looked for among the labelled ones first, then among all open issues, so one whose
    // label someone removed is still found instead of being opened twice.
    const find = async (labels?: string[]) =>
      (
        await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
          ...this.repoParams,
          state: 'open',
          per_page: 100,
          ...(labels?.length ? { labels: labels.join(',') } : {})
        })
      ).find(
        i =>
          !i.pull_request &&
          i.body?.includes(marker) &&
          (i.user?.type === 'Bot' || (login !== undefined && i.user?.login === login))
      )
    const existing = (await find(change.labels)) ?? (change.labels?.length ? await find() : undefined)
    if (existing) {
      const changed = existing.body !== body || existing.title !== change.title
      if (changed)
        await this.octokit.rest.issues.update({
          ...this.repoParams,
          issue_number: existing.number,
          title: change.title,
          body
        })
      return { number: existing.number, url: existing.html_url, created: false, changed }
    }
    const { data } = await this.octokit.rest.issues.create({
      ...this.repoParams,
      title: change.title,
      body,
      ...(change.labels?.length ? { labels: change.labels } : {})
    })
    return { number: data.number, url: data.html_url, created: true, changed: true }
  }

  /**
   * Artifacts of a run, or of the repository by name. Tunegate uploads `<name>-<attempt>` (see
   * attemptArtifactName), so a name finds every attempt's artifact, the newest first. GitHub filters by
   * exact name only: across runs the first attempt's name is asked for, and this run's own artifacts are listed
   * when it is a re-run (an earlier run's re-run upload is not found; the train step then trains again).
   */
  async listArtifacts(filter: { runId?: number; name?: string }): Promise<ArtifactInfo[]> {
    const { name } = filter
    const ofRun = (runId: number) =>
      this.octokit.paginate(this.octokit.rest.actions.listWorkflowRunArtifacts, {
        ...this.repoParams,
        run_id: runId,
        per_page: 100
      })
    const byName = (exact: string) =>
      this.octokit.paginate(this.octokit.rest.actions.listArtifactsForRepo, {
        ...this.repoParams,
        per_page: 100,
        name: exact
      })
    let list
    if (filter.runId !== undefined) list = await ofRun(filter.runId)
    else if (name === undefined)
      list = await this.octokit.paginate(this.octokit.rest.actions.listArtifactsForRepo, {
        ...this.repoParams,
        per_page: 100
      })
    else {
      const rerun = this.run && this.run.attempt > 1 ? this.run.id : undefined
      const [first, own] = await Promise.all([
        byName(attemptArtifactName(name, 1)),
        rerun !== undefined ? ofRun(rerun) : Promise.resolve([])
      ])
      list = [...first, ...own.filter(a => !first.some(f => f.id === a.id))]
    }
    const attempt = (a: { name: string }) => (name === undefined ? 0 : (artifactAttempt(a.name, name) ?? 0))
    if (name !== undefined) list = list.filter(a => attempt(a) > 0)
    list.sort(
      (a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '') || attempt(b) - attempt(a) || b.id - a.id
    )
    return list.map(a => ({
      id: a.id,
      name: a.name,
      sizeInBytes: a.size_in_bytes,
      expired: a.expired,
      ...(a.workflow_run?.id ? { runId: a.workflow_run.id } : {}),
      ...(a.created_at ? { createdAt: a.created_at } : {}),
      ...(a.digest ? { digest: a.digest } : {})
    }))
  }

  async workflowRun(id: number): Promise<WorkflowRunOrigin | undefined> {
    try {
      const { data } = await this.octokit.rest.actions.getWorkflowRun({ ...this.repoParams, run_id: id })
      return {
        id: data.id,
        path: data.path,
        event: data.event,
        headRepository: data.head_repository?.full_name ?? '',
        repository: data.repository.full_name,
        headSha: data.head_sha
      }
    } catch (e) {
      if ((e as { status?: number }).status === 404) return undefined
      throw e
    }
  }

  runContext(): { repository: string; runId?: number } {
    return {
      repository: `${this.repoParams.owner}/${this.repoParams.repo}`,
      ...(this.run ? { runId: this.run.id } : {})
    }
  }

  async downloadArtifact(artifact: ArtifactInfo, destination: string): Promise<string> {
    if (artifact.expired)
      throw new ConfigurationError(`Artifact '${artifact.name}' (${artifact.id}) has expired and cannot be downloaded.`)
    const { data } = await this.octokit.rest.actions.downloadArtifact({
      ...this.repoParams,
      artifact_id: artifact.id,
      archive_format: 'zip'
    })
    const zip = Buffer.from(data as ArrayBuffer)
    // The digest the artifact service recorded at upload: the bytes are the ones the producing run uploaded.
    const expected = artifact.digest?.replace(/^sha256:/, '')
    if (expected && expected !== sha256(zip))
      throw new ConfigurationError(
        `Artifact '${artifact.name}' (${artifact.id}) downloaded with sha256 ${sha256(zip)}, but GitHub recorded ${expected}; it is not used.`
      )
    await unzipTo(zip, destination)
    return destination
  }
}

/**
 * Runs a write and turns GitHub's 403 "Resource not accessible by integration" (a token without the
 * permission) into a plain error that names the permission the workflow job must grant.
 */
async function needs<T>(permission: string, what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (e) {
    const status = (e as { status?: number }).status
    const message = e instanceof Error ? e.message : String(e)
    if (status === 403 && !/rate limit/i.test(message))
      throw new ConfigurationError(
        `The token cannot ${what} (GitHub answered 403: ${message}). Grant the job \`permissions: ${permission}\`, or pass a token (a GitHub App's) that has it.`
      )
    throw e
  }
}

function toReleaseRef(r: {
  id: number
  tag_name: string
  draft: boolean
  html_url: string
  upload_url: string
}): ReleaseRef {
  return { id: r.id, tag: r.tag_name, draft: r.draft, url: r.html_url, uploadUrl: r.upload_url }
}
