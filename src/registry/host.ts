/** Everything the actions do outside the core, behind one interface: GitHub, or local files and git. */
import type { TagRecord } from './state.js'

export interface CommitStatus {
  state: 'pending' | 'success' | 'failure' | 'error'
  description: string
  targetUrl?: string
  /** The status name branch protection requires; `tunegate` unless told otherwise. */
  context?: string
}

/** A status as the host reports it back: which run set it is told by its target URL. */
export interface CommitStatusRecord {
  context: string
  state: string
  description: string
  targetUrl?: string
}

export interface ChangedFile {
  path: string
  status: string
  previousPath?: string
}

export interface Review {
  user: string
  state: string
  commitId: string
  submittedAt?: string
}

export interface PullRequestInfo {
  number: number
  title: string
  author: string
  state: 'open' | 'closed'
  merged: boolean
  mergeCommitSha?: string
  headSha: string
  baseSha: string
  headRef: string
  baseRef: string
  /** True when the head branch lives in another repository (a fork). */
  fromFork: boolean
  changedFiles: ChangedFile[]
  reviews: Review[]
  url: string
}

export interface ReleaseRef {
  id: number
  tag: string
  draft: boolean
  url: string
  /** Where assets are uploaded: GitHub's upload_url, an RFC 6570 template taking `name`. */
  uploadUrl: string
}

export interface ReleaseAsset {
  name: string
  path: string
  contentType?: string
}

export interface PullRequestChange {
  branch: string
  base: string
  title: string
  body: string
  commitMessage: string
  /** Files to write, repository-relative path → UTF-8 content. */
  files: Record<string, string>
  /**
   * Lines to append, repository-relative path → text of whole lines, to the file as it is on the branch
   * (on the base for a new branch); a line the file already holds is not appended again.
   */
  append?: Record<string, string>
  labels?: string[]
}

export interface IssueChange {
  /** A stable key; the issue is found again by a hidden marker made from it. */
  key: string
  title: string
  body: string
  labels?: string[]
}

export interface ArtifactInfo {
  id: number
  name: string
  sizeInBytes: number
  runId?: number
  createdAt?: string
  expired: boolean
  /** The server's `sha256:<hex>` of the archive, when it reports one: the download is checked against it. */
  digest?: string
}

export interface Written {
  number: number
  url: string
  created: boolean
  changed: boolean
  /** The branch a pull request is on (the deterministic one, or its suffixed successor for a new episode). */
  branch?: string
}

export interface AssetInfo {
  name: string
  size: number
  /** The server's `sha256:<hex>` of the stored bytes, when it reports one. */
  digest?: string
}

export interface ReleaseInfo extends ReleaseRef {
  assets: AssetInfo[]
  /** Who created it: `github-actions[bot]` for GITHUB_TOKEN, whose releases start no workflows. */
  author?: string
}

export interface TagOptions {
  /** Tagger time, unix seconds; now when not given. */
  taggedAt?: number
  tagger?: { name: string; email: string }
}

/** A pull request associated with a commit, as GET /commits/{sha}/pulls lists it. */
export interface CommitPullRequest {
  number: number
  mergedAt?: string
  mergeCommitSha?: string
}

export interface WorkflowRunInfo {
  id: number
  headSha: string
  event: string
  status: string
  conclusion?: string
  createdAt?: string
}

/** Where a workflow run came from, as GET /actions/runs/{id} reports it: what decides whether its artifacts are trusted. */
export interface WorkflowRunOrigin {
  id: number
  /** The workflow file, `.github/workflows/<file>.yml` (dynamic runs have other paths). */
  path: string
  event: string
  /** owner/name of the repository the run's head commit comes from: a fork's, for a fork's pull request. */
  headRepository: string
  /** owner/name of the repository the run belongs to. */
  repository: string
  /** The commit the run ran on; undefined where the host does not know it. */
  headSha?: string
}

/** A reviewer's decision on a run's pending deployment to environments (GET /runs/{id}/approvals). */
export interface EnvironmentApproval {
  user: string
  state: string
  environments: string[]
}

export interface Host {
  /** Creates or updates one named section of the PR's single sticky comment; other sections stay intact. */
  upsertCommentSection(pr: number, section: string, markdown: string): Promise<{ url: string; changed: boolean }>
  /**
   * Writes the whole sticky comment from these sections, in one write (the report job is its only writer);
   * sections not given are dropped, so the comment is this run's whole picture. The footer (a link to the full
   * report) ends the comment.
   */
  upsertCommentSections(
    pr: number,
    sections: Map<string, string>,
    footer?: string
  ): Promise<{ url: string; changed: boolean }>
  /** Sets a commit status on a commit. */
  setCommitStatus(sha: string, status: CommitStatus): Promise<void>
  /** A pull request with its changed files and reviews. */
  getPullRequest(pr: number): Promise<PullRequestInfo>
  /** A user's access to the repository as GitHub bases review rules on it: `admin`, `write`, `read` or `none`. */
  repositoryAccess(user: string): Promise<string>
  /**
   * Who pushed a pull request's head commit: the actors of the repository's activity that made the head branch
   * point at it, else (a fork's branch, no activity) the head commit's author and committer; empty when unknown.
   */
  headPushers(pr: PullRequestInfo): Promise<string[]>
  /** The merged pull request whose merge commit is `sha`, if any (one look, no retries). */
  findPullRequestForCommit(sha: string): Promise<number | undefined>
  /** Creates an annotated tag; an existing tag is never moved (same target: no-op; other target: error). */
  createTag(name: string, sha: string, message: string, options?: TagOptions): Promise<'created' | 'exists'>
  /** The repository's tags with tagger times and messages; with `model`, only tags whose name starts with it. */
  listTags(model?: string): Promise<TagRecord[]>
  /** Pull requests associated with a commit (eventually consistent on GitHub: often empty just after a merge). */
  listPullRequestsForCommit(sha: string): Promise<CommitPullRequest[]>
  /** The release of a tag with its assets, draft or published; undefined when there is none. */
  getRelease(tag: string): Promise<ReleaseInfo | undefined>
  /** The assets of a release as the server stores them, with their digests. */
  listReleaseAssets(release: ReleaseRef): Promise<AssetInfo[]>
  /** Workflow runs of a commit. */
  listWorkflowRuns(filter: { headSha: string }): Promise<WorkflowRunInfo[]>
  /** Reviews of a run's deployments to protected environments. */
  listEnvironmentApprovals(runId: number): Promise<EnvironmentApproval[]>
  /** Creates a draft release for a tag, or returns the existing draft (its body updated). */
  createDraftRelease(tag: string, name: string, body: string): Promise<ReleaseRef>
  /** Uploads an asset; an existing asset with the same name and bytes is skipped, a different one refused. */
  uploadReleaseAsset(release: ReleaseRef, asset: ReleaseAsset): Promise<void>
  /** Downloads one asset of the release of a tag; false when there is no such release or asset. */
  downloadReleaseAsset(tag: string, name: string, destination: string): Promise<boolean>
  /** The statuses set on a commit, newest first. */
  listCommitStatuses(sha: string): Promise<CommitStatusRecord[]>
  /** Publishes a draft release and returns its page. */
  publishRelease(release: ReleaseRef): Promise<string>
  /**
   * Opens or updates the open PR from a deterministic branch; the branch moves by fast-forward only
   * (never force-pushed). A closed or merged PR is never reopened or added to: the next episode goes
   * to the first free suffixed branch (`<branch>-2`, `-3`, …).
   */
  upsertPullRequest(change: PullRequestChange): Promise<Written>
  /** Opens or updates the open issue found by its key (a closed one stays closed: a new issue is opened). */
  upsertIssue(change: IssueChange): Promise<Written>
  /** Starts a workflow (file name or id) on a branch through workflow_dispatch. */
  dispatchWorkflow(workflow: string, ref: string, inputs?: Record<string, string>): Promise<void>
  /** Artifacts of one workflow run, or of the repository filtered by name. */
  listArtifacts(filter: { runId?: number; name?: string }): Promise<ArtifactInfo[]>
  /** Where a workflow run came from; undefined when there is no such run. */
  workflowRun(id: number): Promise<WorkflowRunOrigin | undefined>
  /** The repository (owner/name) and the workflow run this host works for, when it works for one. */
  runContext(): { repository: string; runId?: number }
  /** Downloads and unpacks an artifact into a folder; returns the folder. */
  downloadArtifact(artifact: ArtifactInfo, destination: string): Promise<string>
}

/** Suffixed branches tried for new episodes before giving up. */
export const MAX_EPISODES = 100

/** The branch of the n-th episode (1-based) of a deterministic branch. */
export function episodeBranch(branch: string, n: number): string {
  return n === 1 ? branch : `${branch}-${n}`
}

/** Appends the lines of `addition` that `text` does not already hold, keeping `text` ending with a newline. */
export function appendNewLines(text: string, addition: string): string {
  const have = new Set(text.split('\n'))
  const fresh: string[] = []
  for (const line of addition.split('\n'))
    if (line !== '' && !have.has(line)) {
      have.add(line)
      fresh.push(line)
    }
  if (!fresh.length) return text
  return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${fresh.join('\n')}\n`
}

/** The hidden marker of an issue or PR found again by key. */
export function keyMarker(key: string): string {
  return `<!-- tunegate:key ${key.replace(/[^a-zA-Z0-9:._/-]/g, '-')} -->`
}
